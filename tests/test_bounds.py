"""Bounds from wording and interval arithmetic."""

import math

import pandas as pd
import pytest
from hypothesis import assume, given, strategies as st

from analysis.bounds import Estimate, bounds_columns, bounds_from_wording, rounding_step, rounding_step_column


@pytest.mark.parametrize("value,step", [(8000, 1000), (9800, 100), (468, 1), (21618, 1), (23.36, 0.01), (21, 1), (35e12, 1e12), (1.5, 0.1)])
def test_rounding_step(value, step):
    assert rounding_step(value) == pytest.approx(step)


def test_rounding_step_column_matches_cases():
    values = pd.Series([8000, 9800, 468, 23.36, 21, 35e12, 1.5, 0])
    assert rounding_step_column(values).tolist() == pytest.approx([1000, 100, 1, 0.01, 1, 1e12, 0.1, 1])


def test_brief_examples():
    assert bounds_from_wording(8000, "exact") == (7500, 8500)
    assert bounds_from_wording(39000, "over") == (39000, 40000)
    assert bounds_from_wording(468, "exact") == (468, 468)
    assert bounds_from_wording(21, "exact", percentage=True) == (20.5, 21.5)
    assert bounds_from_wording(31, "about", percentage=True) == (30.5, 31.5)
    assert bounds_from_wording(40, "at_least", percentage=True) == (40, 50)
    assert bounds_from_wording(1500, "up_to") == (1400, 1500)
    assert bounds_from_wording(1500, "exact", target=True) == (1500, 1500)
    with pytest.raises(ValueError):
        bounds_from_wording(10, "roughly")


def test_bounds_columns_agree_with_scalar_rule():
    values = pd.Series([8000, 468, 21, 31, 40, 1500, 1500, 39000, 23.36])
    quals = pd.Series(["exact", "exact", "exact", "about", "at_least", "up_to", "exact", "over", "exact"])
    pct = pd.Series([False, False, True, True, True, False, False, False, True])
    tgt = pd.Series([False, False, False, False, True, True, True, False, False])
    low, high = bounds_columns(values, quals, pct, tgt)
    assert low.tolist() == pytest.approx([7500, 468, 20.5, 30.5, 40, 1400, 1500, 39000, 23.355])
    assert high.tolist() == pytest.approx([8500, 468, 21.5, 31.5, 50, 1500, 1500, 40000, 23.365])


def test_jobs_per_unit_seed_example():
    e = Estimate.stated(8000, "exact") / Estimate.stated(468, "exact")
    assert e.value == pytest.approx(8000 / 468)
    assert e.low == pytest.approx(7500 / 468)
    assert e.high == pytest.approx(8500 / 468)


def test_subtraction_widens_both_ways():
    e = Estimate(10, 9, 11) - Estimate(4, 3, 5)
    assert (e.value, e.low, e.high) == (6, 4, 8)


def test_division_by_interval_containing_zero_is_refused():
    with pytest.raises(ZeroDivisionError):
        Estimate(1, 1, 1) / Estimate(0, -1, 1)


def test_columns_work_like_scalars():
    a = Estimate(pd.Series([10.0, 20.0]), pd.Series([9.0, 19.0]), pd.Series([11.0, 21.0]))
    b = Estimate(pd.Series([2.0, 4.0]), pd.Series([1.0, 4.0]), pd.Series([2.0, 5.0]))
    q = a / b
    assert q.low.tolist() == pytest.approx([9 / 2, 19 / 5])
    assert q.high.tolist() == pytest.approx([11 / 1, 21 / 4])


def test_format():
    assert format(Estimate(17.09, 16.03, 18.16), ".1f") == "17.1 (16.0 to 18.2)"
    assert format(Estimate(float("nan"), 2.0, 3.0), ".1f") == "2.0 to 3.0"
    assert format(Estimate.exact(5.0), ".0f") == "5"


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def intervals(draw, positive=False):
    a = draw(st.floats(min_value=0.5, max_value=1e6) if positive else finite)
    b = draw(st.floats(min_value=0.5, max_value=1e6) if positive else finite)
    low, high = min(a, b), max(a, b)
    t = draw(st.floats(min_value=0, max_value=1))
    return Estimate(low + t * (high - low), low, high)


def _member(draw, e):
    t = draw(st.floats(min_value=0, max_value=1))
    return e.low + t * (e.high - e.low)


@given(st.data())
def test_interval_arithmetic_contains_every_pointwise_result(data):
    a = data.draw(intervals())
    b = data.draw(intervals())
    x, y = _member(data.draw, a), _member(data.draw, b)
    tol = 1e-9 * (1 + abs(x) + abs(y)) ** 2
    for result, point in ((a + b, x + y), (a - b, x - y), (a * b, x * y)):
        assert result.low - tol <= point <= result.high + tol
        assert result.low <= result.high


@given(st.data())
def test_interval_division_contains_every_pointwise_result(data):
    a = data.draw(intervals())
    b = data.draw(intervals(positive=True))
    x, y = _member(data.draw, a), _member(data.draw, b)
    q = a / b
    assert q.low - 1e-9 * (1 + abs(q.low)) <= x / y <= q.high + 1e-9 * (1 + abs(q.high))
    assert q.low <= q.value * (1 + 1e-12) + 1e-12 or math.isclose(q.low, q.value)


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["exact", "about", "over", "at_least", "up_to"]), st.booleans())
def test_stated_value_lies_within_its_bounds(value, qualifier, pct):
    low, high = bounds_from_wording(value, qualifier, percentage=pct)
    assert low <= value <= high
    assume(qualifier != "exact" or pct or value % 10 == 0)
    assert high - low == pytest.approx(rounding_step(value))
