"""Answers worked out once per evidence (:mod:`analysis.questions.memo`): once per object, a copy to each caller,
never another object's answer (even one that reuses a dead object's id)."""

from __future__ import annotations

import gc

import pandas as pd

from analysis.questions import stock
from analysis.questions.memo import per_evidence


class Ev:
    def __init__(self, n: int):
        self.n = n


def counted():
    calls = []

    @per_evidence
    def table(ev) -> pd.DataFrame:
        calls.append(ev.n)
        return pd.DataFrame({"n": [ev.n]})

    return table, calls


def test_an_answer_is_worked_out_once_per_evidence_and_each_caller_gets_its_own_copy():
    table, calls = counted()
    ev = Ev(1)
    first = table(ev)
    first.loc[0, "n"] = 99  # the caller edits its copy
    assert table(ev)["n"].tolist() == [1] and calls == [1]
    assert table(Ev(2))["n"].tolist() == [2] and calls == [1, 2]


def test_a_dead_evidence_takes_its_answer_with_it():
    table, calls = counted()
    for n in range(50):  # new objects often reuse a dead one's id: each still gets its own answer
        assert table(Ev(n))["n"].tolist() == [n]
        gc.collect()
    assert calls == list(range(50))


def test_a_page_that_edits_the_idle_stock_table_does_not_change_the_next_readers():
    from analysis import evidence
    from analysis.ledger import load_ledger

    ev = evidence.build(load_ledger())
    mine = stock.between(ev)
    assert len(mine) > 0
    mine["revived_low"] = -1.0  # a page editing its copy
    again = evidence.build(load_ledger())  # another object: worked out afresh
    pd.testing.assert_frame_equal(stock.between(ev), stock.between(again))
