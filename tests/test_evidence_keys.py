"""Id lists: joined per group in order, capped at the first few with a count of the rest, re-capped when joined again."""

import random

import pandas as pd

from analysis import fmt
from analysis.evidence.keys import LISTED, capped, capped_groups, join_groups, join_lists


def _reference(groups, values, distinct):
    """Per group, in order of first appearance, its values (each once with ``distinct``): plain Python."""
    out = {}
    for g, v in zip(groups, values):
        vals = out.setdefault(g, [])
        if not (distinct and v in vals):
            vals.append(v)
    return out


def test_join_groups_keeps_order_within_and_across_groups_however_large_a_group():
    rng = random.Random(7)
    groups = [rng.choice(["a", "b", "c"]) for _ in range(5000)] + ["d"]
    values = [f"F{rng.randint(0, 300)}" for _ in groups]
    for distinct in (False, True):
        got = join_groups(pd.Series(groups), pd.Series(values), distinct=distinct)
        expected = {g: ", ".join(v) for g, v in _reference(groups, values, distinct).items()}
        assert list(got.index) == list(expected) and got.to_dict() == expected


def test_capped_groups_lists_the_first_ids_then_counts_the_rest():
    groups = ["x"] * (LISTED + 5) + ["y"] * 2 + ["x"]
    values = [f"S{i}" for i in range(LISTED + 5)] + ["T1", "T1", "S0"]
    got = capped_groups(pd.Series(groups), pd.Series(values))
    assert got["x"] == ", ".join(f"S{i}" for i in range(LISTED)) + ", +5"
    assert got["y"] == "T1"


def test_joining_capped_lists_caps_again_and_adds_the_counts():
    first = ", ".join(f"S{i}" for i in range(LISTED)) + ", +5"
    second = "S3, Q1, +2"
    # S3 is already listed; Q1 is a new id beyond the first twelve, so it is counted too.
    assert capped((first + ", " + second).split(", ")) == ", ".join(f"S{i}" for i in range(LISTED)) + ", +8"
    got = join_lists(pd.Series([first, "A, B", ""]), pd.Series([second, "B, C", ""]))
    assert got.tolist() == [", ".join(f"S{i}" for i in range(LISTED)) + ", +8", "A, B, C", ""]


def test_each_formats_every_row_calling_the_formatter_once_per_distinct_row():
    calls = []

    def f(v, u):
        calls.append((v, u))
        return f"{v}{u}"

    values = pd.Series([1.0, 2.0, 1.0, 1.0, 3.0], index=[10, 11, 12, 13, 14])
    got = fmt.each(f, values, "%")
    assert got.tolist() == ["1.0%", "2.0%", "1.0%", "1.0%", "3.0%"] and list(got.index) == [10, 11, 12, 13, 14]
    assert sorted(calls) == [(1.0, "%"), (2.0, "%"), (3.0, "%")]


def _join_lists_by_capped(*columns, sep=", ", most=LISTED):
    """join_lists as first written: every row of several lists through capped (a single short list as it is)."""
    out = []
    for row in zip(*[c.fillna("").astype("str").tolist() for c in columns]):
        filled = [cell for cell in row if cell]
        if len(filled) == 1 and "+" not in filled[0] and filled[0].count(sep) < most:
            out.append(filled[0])
        else:
            out.append(capped(sep.join(filled).split(sep), most, sep) if filled else "")
    return out


def test_join_lists_as_capped_gives_them_on_tricky_rows():
    rng = random.Random(3)
    ids = ["S1", "S2", "S3", "A+B", "+3", "+12", "S1", "Q9", "+x", ""]  # "": an empty id between separators

    def cell():
        k = rng.choice([0, 1, 2, LISTED - 1, LISTED, LISTED + 1, 2 * LISTED])
        pool = ids if rng.random() < 0.5 else [f"T{i}" for i in range(3 * LISTED)]
        return None if rng.random() < 0.1 else ", ".join(rng.choice(pool) for _ in range(k))

    for n_columns in (1, 2, 3):
        columns = [pd.Series([cell() for _ in range(400)], dtype=object) for _ in range(n_columns)]
        got = join_lists(*columns)
        assert got.tolist() == _join_lists_by_capped(*columns)
    same = pd.Series([", ".join(f"T{i}" for i in range(LISTED))] * 2)
    assert join_lists(same, same).tolist() == [same[0]] * 2  # twelve ids twice: each once, none counted
    more = pd.Series([", ".join(f"T{i}" for i in range(LISTED + 1))])
    assert join_lists(more, pd.Series(["T0"])).tolist() == [", ".join(f"T{i}" for i in range(LISTED)) + ", +1"]
