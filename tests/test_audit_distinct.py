"""analysis.questions.audit.distinct: one object per distinct input, never one for inputs a writer could tell apart."""

import importlib
import math
import struct

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


# Long columns (at least distinct.SHORT rows) are keyed with arrays: the same rows must share, the same calls be made.

def _long(column: list, times: int | None = None) -> list:
    return column * (times or -(-distinct.SHORT // len(column)) + 1)


def _array_and_cells(*columns):
    """Each path's output and calls, and whether rows share an object in the same places."""
    assert min(map(len, columns)) >= distinct.SHORT
    made = []
    for path in (distinct.each, distinct._each_by_cell):
        calls = []

        def make(*row):
            calls.append(row)
            return [repr(x) + type(x).__name__ for x in row]  # a list: a result that is a sequence stays one cell

        out = path(make, *columns)
        made.append((out, calls, [next(j for j in range(len(out)) if out[j] is o) for o in out]))
    return made


def test_long_columns_share_as_short_ones():
    a, b = Msg("k", {"n": Num(1.0)}), Msg("k", {"n": Num(1.0)})
    nan_payload = struct.unpack("<d", struct.pack("<Q", 0xFFF8000000000001))[0]  # a NaN with other bits than math.nan's
    cases = [
        ([0.0, -0.0, 1.0, math.nan, nan_payload, math.inf, -math.inf, 2.5],),
        ([1.0, None, math.nan, None, -0.0],),
        ([1, 1.0, True, 0, 0.0, -0.0, False, None, "1", math.nan],),
        ([a, b, a, None, "a", "a", 1, 1.0, True],),
        ([a, b, a, None], ["u", "u", "", "u"]),
        (["x", "y", "x", None, ""], [1.5, 1.5, 1.5, math.nan, math.nan], [10**30, 1, 10**30, 2, 2]),
    ]
    for case in cases:
        columns = [_long(c) for c in case]
        (out, calls, sharing), (out_c, calls_c, sharing_c) = _array_and_cells(*columns)
        assert [[id(x) for x in row] for row in calls] == [[id(x) for x in row] for row in calls_c], case
        assert out == out_c == [[repr(x) + type(x).__name__ for x in row] for row in zip(*columns)], case
        assert sharing == sharing_c, case


def test_long_columns_keep_types_and_signs_apart():
    out, calls = _built(_long([1, 1.0, True, 0.0, -0.0, 1, math.nan, float("-nan"), None]))
    assert len(calls) == 7 and [c[0] for c in calls][:5] == [1, 1.0, True, 0.0, -0.0]
    assert [type(c[0]) for c in calls][:3] == [int, float, bool] and calls[6] == (None,)


def test_codes_equal_exactly_where_keys_are():
    a = Msg("k", {})
    cells = _long([0.0, -0.0, math.nan, float("-nan"), None, 1, 1.0, True, "1", a, Msg("k", {}), a])
    found, k = distinct.codes(cells)
    keys = distinct.keys(cells)
    assert k == 10 == len(set(found.tolist()))
    for i in range(len(cells)):
        for j in range(12):
            assert (found[i] == found[j]) == (keys[i] == keys[j] if type(keys[i]) is type(keys[j]) else False), (cells[i], cells[j])


def test_messages_with_a_key_per_row_as_built_one_by_one():
    """checks.msgs with one key per row (missing ones included): each row's message as built alone, with the
    slots its own template uses; long and short columns, keys with and without slots."""
    ck = importlib.import_module("analysis.questions.audit.checks")
    from analysis.words import slots_of
    from analysis.words.en import MESSAGES

    keys = ["audit.size.points", None, "audit.reading.rounding", "", "audit.number", math.nan, "audit.size.points", "audit.number",
            "audit.when.span"]
    points = [Num(1.0), Num(2.0), Num(3.0), Num(4.0), Num(5.0), Num(6.0), Num(1.0), Num(8.0), Num(0.0)]
    numbers = [Num(9.0), Num(9.0), Num(9.0), Num(9.0), Num(7.0), Num(9.0), Num(9.0), Num(7.0), Num(1.0)]
    unused = list(range(9))
    for times in (1, 10, distinct.SHORT // len(keys) + 1):  # short and long columns
        k, p, n, u = (x * times for x in (keys, points, numbers, unused))
        got = ck.msgs(k, points=p, n=n, unused=u, first=p, last=n)
        expected = [None if ck._missing(key) else Msg(key, {s: {"points": pp, "n": nn, "first": pp, "last": nn}[s]
                                                           for s in sorted(slots_of(MESSAGES[key]))})
                    for key, pp, nn in zip(k, p, n)]
        assert [repr(m) for m in got] == [repr(m) for m in expected]
        assert got[2].slots == {} and got[1] is None and got[3] is None and got[5] is None
        assert got[0].slots["points"] is p[0] and got[4].slots == {"n": n[4]}
    assert ck.msgs([], points=[], n=[]) == []
