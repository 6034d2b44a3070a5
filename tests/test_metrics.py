"""Derived metrics, with expected values worked out by hand."""

import datetime as dt
import math

import pandas as pd
import pytest

from analysis import metrics
from analysis.bounds import Estimate

D = dt.date


def test_jobs_per_unit_1398():
    e = metrics.jobs_per_unit(Estimate.exact(21618), Estimate.exact(1185))
    assert e.value == pytest.approx(18.243, abs=1e-3)  # 21618 / 1185 = 18.2430...
    assert e.low == e.high == pytest.approx(e.value)


def test_days_elapsed_known_and_bounded():
    # 2020-03-20 .. 2020-08-20: 12 (rest of March, incl. 20th) + 30 + 31 + 30 + 31 + 20 = 154 days.
    e = metrics.days_elapsed(D(2020, 3, 20), D(2020, 8, 20))
    assert (e.value, e.low, e.high) == (154, 154, 154)
    b = metrics.days_elapsed(D(2020, 3, 20), D(2020, 6, 21), D(2021, 3, 20))
    assert math.isnan(b.value)
    assert (b.low, b.high) == (94, 366)


def test_pace_per_day_first_quarter():
    pace = metrics.pace_per_day(Estimate.exact(211), metrics.days_elapsed(D(2020, 3, 20), D(2020, 6, 20)))
    assert pace.value == pytest.approx(211 / 93)


def test_pace_with_uncertain_end_has_only_bounds():
    pace = metrics.pace_per_day(Estimate.exact(468), metrics.days_elapsed(D(2020, 3, 20), D(2020, 6, 21), D(2021, 3, 20)))
    assert math.isnan(pace.value)
    assert pace.low == pytest.approx(468 / 366)
    assert pace.high == pytest.approx(468 / 94)


def test_change_and_percent_change():
    assert metrics.change(Estimate.exact(1185), Estimate.exact(1500)).value == 315
    pc = metrics.percent_change(Estimate.exact(1185), Estimate.exact(1500))
    assert pc.value == pytest.approx((1500 - 1185) / 1185 * 100)


def test_attainment_and_share_elapsed():
    a = metrics.attainment(Estimate.exact(468), Estimate.exact(1500))
    assert a.value == pytest.approx(31.2)
    s = metrics.share_elapsed(Estimate.exact(154), 366)
    assert s.value == pytest.approx(154 / 366 * 100)


def test_pace_needed_rest_of_1399():
    # After 2020-08-20 up to 2021-03-20: Aug 11 + Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 20 = 212.
    remaining = (D(2021, 3, 20) - D(2020, 8, 20)).days
    assert remaining == 212
    e = metrics.pace_needed(Estimate.exact(1500), Estimate.exact(468), D(2020, 8, 20), D(2020, 8, 20), D(2021, 3, 20))
    assert e.value == pytest.approx((1500 - 468) / 212)


def test_pace_needed_bounds_follow_the_as_of_interval():
    e = metrics.pace_needed(Estimate.exact(1500), Estimate.exact(468), D(2020, 7, 29), D(2020, 9, 1), D(2021, 3, 20))
    assert math.isnan(e.value)
    assert e.low == pytest.approx(1032 / (D(2021, 3, 20) - D(2020, 7, 29)).days)
    assert e.high == pytest.approx(1032 / (D(2021, 3, 20) - D(2020, 9, 1)).days)


def test_pace_needed_refuses_a_finished_period():
    with pytest.raises(ValueError):
        metrics.pace_needed(Estimate.exact(10), Estimate.exact(5), D(2021, 3, 20), D(2021, 3, 20), D(2021, 3, 20))


def test_projection():
    e = metrics.projection(Estimate.exact(211), Estimate.exact(93), 366)
    assert e.value == pytest.approx(211 / 93 * 366)


def test_metrics_on_columns():
    starts = pd.Series(pd.to_datetime(["2020-03-20", "2019-03-21"]))
    early = pd.Series(pd.to_datetime(["2020-06-20", "2020-03-19"]))
    late = pd.Series(pd.to_datetime(["2020-06-30", "2020-03-19"]))
    days = metrics.days_elapsed(starts, early, late)
    assert days.low.tolist() == [93, 365]
    assert days.high.tolist() == [103, 365]
    assert math.isnan(days.value.iloc[0]) and days.value.iloc[1] == 365
    pace = metrics.pace_per_day(Estimate(pd.Series([211.0, 1185.0]), pd.Series([211.0, 1185.0]), pd.Series([211.0, 1185.0])), days)
    assert pace.high.tolist() == pytest.approx([211 / 93, 1185 / 365])
    assert pace.low.tolist() == pytest.approx([211 / 103, 1185 / 365])
