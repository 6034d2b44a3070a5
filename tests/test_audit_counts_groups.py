"""analysis.questions.audit.counts._in_groups: each column's cells group by group, exactly as
``groupby(keys, sort=True)[column].agg(list)`` gives them, from one stable sort."""

import importlib
import math

import numpy as np
import pandas as pd

counts = importlib.import_module("analysis.questions.audit.counts")


def _expected(frame, keys, col):
    return [list(v) for v in frame.groupby(keys, sort=True)[col].agg(list)]


def _frame(n=200, seed=0):
    rng = np.random.default_rng(seed)
    values = rng.choice([1500.0, 27000.0, 9800.0, math.nan, 1557.0], n)
    return pd.DataFrame({
        "province": rng.choice(["Fars", "Tehran", "Yazd"], n),
        "value": values,
        "claim_id": [f"C{i}" for i in range(n)],  # distinct: the order within each group shows
        "said": [object() for _ in range(n)],  # objects kept as they are (the same object, not a copy)
    })


def test_groups_as_groupby_lists_them():
    f = _frame()
    for keys in (["value"], ["province", "value"]):
        got = counts._in_groups(f, keys, ["claim_id", "said"])
        assert [list(v) for v in got["claim_id"]] == _expected(f, keys, "claim_id"), keys
        assert all(a is b for g, e in zip(got["said"], _expected(f, keys, "said")) for a, b in zip(g, e))


def test_missing_keys_in_no_group_and_groups_of_one():
    f = _frame(50, seed=1)
    f.loc[[0, 7, 49], "value"] = math.nan
    f.loc[3, "value"] = 123.0  # a group of one row
    got = counts._in_groups(f, ["province", "value"], ["claim_id"])
    assert [list(v) for v in got["claim_id"]] == _expected(f, ["province", "value"], "claim_id")
    assert ["C3"] in [list(v) for v in got["claim_id"]]
    assert not {"C0", "C7", "C49"} & {c for v in got["claim_id"] for c in v}


def test_one_group_and_none():
    one = pd.DataFrame({"value": [5.0] * 30, "claim_id": [f"C{i}" for i in range(30)][::-1]})
    got = counts._in_groups(one, ["value"], ["claim_id"])
    assert len(got["claim_id"]) == 1 and list(got["claim_id"][0]) == list(one["claim_id"])
    got = counts._in_groups(one.iloc[0:0], ["value"], ["claim_id"])
    assert len(got["claim_id"]) == 0
    nothing = one.assign(value=math.nan)
    assert len(counts._in_groups(nothing, ["value"], ["claim_id"])["claim_id"]) == 0
