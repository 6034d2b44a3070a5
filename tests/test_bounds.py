"""Bounds from wording and interval arithmetic."""

import math

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from analysis.bounds import Estimate, bounds_columns, bounds_from_wording, rounding_step, rounding_step_column


@pytest.mark.parametrize("value,step", [(8000, 1000), (9800, 100), (468, 1), (21618, 1), (23.36, 0.01), (21, 1), (35e12, 1e12), (1.5, 0.1)])
def test_rounding_step(value, step):
    assert rounding_step(value) == pytest.approx(step)


@pytest.mark.parametrize("value,step", [(40, 1), (21, 1), (23.36, 0.01), (35.4, 0.1), (100, 1)])
def test_a_percentage_is_rounded_at_its_last_written_digit(value, step):
    assert rounding_step(value, percentage=True) == pytest.approx(step)


def test_rounding_step_column_matches_cases():
    values = pd.Series([8000, 9800, 468, 23.36, 21, 35e12, 1.5, 0, 40])
    pct = pd.Series([False] * 8 + [True])
    assert rounding_step_column(values, pct).tolist() == pytest.approx([1000, 100, 1, 0.01, 1, 1e12, 0.1, 1, 1])


def test_brief_examples():
    # Rounded at the last non-zero digit: 8,000 -> half of 1,000 either way (6.25 %, under the cap).
    assert bounds_from_wording(8000, "exact") == (7500, 8500)
    # The 10 % cap: half a step would be 5,000 and 500; 10 % of the value is 1,000 and 100.
    assert bounds_from_wording(10000, "exact") == (9000, 11000)
    assert bounds_from_wording(1000, "exact") == (900, 1100)
    assert bounds_from_wording(468, "exact") == (468, 468)
    assert bounds_from_wording(21, "exact", percentage=True) == (20.5, 21.5)
    assert bounds_from_wording(31, "about", percentage=True) == (30.5, 31.5)
    # No invented steps: a floor has no upper bound (a share stops at 100), a ceiling no lower one.
    assert bounds_from_wording(39000, "over") == (39000, math.inf)
    assert bounds_from_wording(40, "at_least", percentage=True, capped=True) == (40, 100)
    assert bounds_from_wording(40, "at_least", percentage=True) == (40, math.inf)
    assert bounds_from_wording(1500, "up_to") == (0, 1500)
    assert bounds_from_wording(10, "up_to", percentage=True, signed=True) == (-math.inf, 10)
    # A target stated plainly is a plan, taken as stated; an approximate one is rounded like any figure.
    assert bounds_from_wording(1500, "exact", target=True) == (1500, 1500)
    assert bounds_from_wording(2200, "about", target=True) == (2150, 2250)
    with pytest.raises(ValueError):
        bounds_from_wording(10, "roughly")


def test_the_rounding_cell_overrides_the_rule():
    assert bounds_from_wording(8000, "exact", rounding="none") == (8000, 8000)
    assert bounds_from_wording(9800, "exact", rounding="100") == (9750, 9850)
    # A stated step is not capped: the person entering the figure said so.
    assert bounds_from_wording(1000, "about", rounding="1000") == (500, 1500)


def test_bounds_columns_agree_with_scalar_rule():
    values = pd.Series([8000, 468, 21, 31, 40, 1500, 1500, 39000, 23.36, 10000])
    quals = pd.Series(["exact", "exact", "exact", "about", "at_least", "up_to", "exact", "over", "exact", "exact"])
    pct = pd.Series([False, False, True, True, True, False, False, False, True, False])
    tgt = pd.Series([False, False, False, False, True, True, True, False, False, False])
    cap = pd.Series([False, False, True, True, True, False, False, False, True, False])
    low, high = bounds_columns(values, quals, pct, tgt, capped=cap)
    assert low.tolist() == pytest.approx([7500, 468, 20.5, 30.5, 40, 0, 1500, 39000, 23.355, 9000])
    assert high.tolist() == pytest.approx([8500, 468, 21.5, 31.5, 100, 1500, 1500, math.inf, 23.365, 11000])


def test_jobs_per_unit_seed_example():
    e = Estimate.stated(8000, "exact") / Estimate.stated(468, "exact")
    assert e.value == pytest.approx(8000 / 468)
    assert e.low == pytest.approx(7500 / 468)
    assert e.high == pytest.approx(8500 / 468)


def test_subtraction_widens_both_ways():
    e = Estimate(10, 9, 11) - Estimate(4, 3, 5)
    assert (e.value, e.low, e.high) == (6, 4, 8)


def test_division_by_an_interval_holding_zero_cannot_be_computed():
    q = Estimate(1, 1, 1) / Estimate(0, -1, 1)
    assert math.isnan(q.low) and math.isnan(q.high)
    cols = Estimate(pd.Series([8.0, 8.0]), pd.Series([8.0, 8.0]), pd.Series([8.0, 8.0])) / Estimate(
        pd.Series([0.0, 2.0]), pd.Series([0.0, 2.0]), pd.Series([0.0, 4.0]))
    assert math.isnan(cols.low.iloc[0]) and cols.low.iloc[1] == 2 and cols.high.iloc[1] == 4


def test_division_by_an_open_ended_count_reaches_zero_not_nan():
    # 8,000 jobs over "over 400" units: at most 20 per unit, and as little as nothing.
    q = Estimate(8000, 8000, 8000) / Estimate(400, 400, math.inf)
    assert (q.low, q.high) == (0, 20)
    # Over "up to 400" units: at least 20 per unit, no upper bound.
    q = Estimate(8000, 8000, 8000) / Estimate(400, 0, 400)
    assert (q.low, q.high) == (20, math.inf)


def test_columns_work_like_scalars():
    a = Estimate(pd.Series([10.0, 20.0]), pd.Series([9.0, 19.0]), pd.Series([11.0, 21.0]))
    b = Estimate(pd.Series([2.0, 4.0]), pd.Series([1.0, 4.0]), pd.Series([2.0, 5.0]))
    q = a / b
    assert q.low.tolist() == pytest.approx([9 / 2, 19 / 5])
    assert q.high.tolist() == pytest.approx([11 / 1, 21 / 4])


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
    if qualifier in ("exact", "about"):
        # Never wider than the cap either way, and never wider than half a step either way.
        assert high - value <= 0.1 * value + 1e-9 and value - low <= 0.1 * value + 1e-9
        assert high - low <= rounding_step(value, percentage=pct) + 1e-9
