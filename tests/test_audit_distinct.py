"""analysis.questions.audit.distinct: one object per distinct input, never one for inputs a writer could tell apart."""

import importlib
import math

from analysis.words import Msg, Num

distinct = importlib.import_module("analysis.questions.audit.distinct")


def _built(*columns):
    calls = []

    def make(*row):
        calls.append(row)
        return [repr(x) for x in row]  # a fresh object per call: shared cells are the same object

    return distinct.each(make, *columns), calls


def test_repeated_rows_share_one_object():
    out, calls = _built(["a", "b", "a", "a"], [1.5, 2.0, 1.5, 1.5])
    assert len(calls) == 2 and out[0] is out[2] is out[3] and out[1] == ["'b'", "2.0"]


def test_numbers_of_other_types_and_signed_zeros_stay_apart():
    out, calls = _built([1, 1.0, True, 0.0, -0.0, 1])
    assert [o[0] for o in out] == ["1", "1.0", "True", "0.0", "-0.0", "1"]
    assert len(calls) == 5
    out, calls = _built([0.0, -0.0, -0.0, 0.0])
    assert [o[0] for o in out] == ["0.0", "-0.0", "-0.0", "0.0"] and len(calls) == 2


def test_every_nan_is_one_and_none_is_not_nan():
    out, calls = _built([math.nan, float("nan"), None, None, "x", math.nan])
    assert [o[0] for o in out] == ["nan", "nan", "None", "None", "'x'", "nan"]
    assert len(calls) == 3


def test_objects_by_identity():
    a, b = Msg("k", {"n": Num(1.0)}), Msg("k", {"n": Num(1.0)})  # equal, unhashable, distinct objects
    out, calls = _built([a, b, a, None], [1, 1, 1, 1])
    assert len(calls) == 3 and out[0] is out[2] and out[0] is not out[1]


def test_same_cells_as_a_plain_loop():
    cols = ([1.0, 2.0, 1.0, math.nan, -0.0], ["u", "u", "u", "", "u"])
    out = distinct.each(lambda v, u: Num(v, 0, u), *cols)
    assert [repr(x) for x in out] == [repr(Num(v, 0, u)) for v, u in zip(*cols)]


def test_collector_restored_as_it_was():
    import gc

    from analysis.questions import audit

    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            with audit._collector_paused():
                assert not gc.isenabled()
            assert gc.isenabled() is state
    finally:
        (gc.enable if was else gc.disable)()
