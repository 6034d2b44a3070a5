"""Period classification (analysis.evidence.periods): every kind of period, on a small frame shaped
like the ledger's figures, with the expected kind, years and months worked out by hand.

Calendar facts used below (Iranian year: first day .. last day, Gregorian):
1396 .. 2018-03-20;  1398: 2019-03-21 .. 2020-03-19 (365 days);  1399: 2020-03-20 .. 2021-03-20
(366 days, leap: Esfand has 30 days, 1399/12/30 = 2021-03-20);  1400: 2021-03-21 .. 2022-03-20;
1401: 2022-03-21 .. 2023-03-20;  1402: 2023-03-21 .. 2024-03-19 (365);  1403: 2024-03-20 ..
2025-03-20 (366, leap). Months 1-6 have 31 days, 7-11 have 30.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evidence import periods

NaT = pd.NaT

# name: (kind, start, end, end_earliest, end_latest) -- the end window equals the end when stated,
# else the report's publication bounds (as the loader fills it in).
ROWS = {
    # 1399/01/01 .. 1399/12/30: the whole leap year.
    "full_1399": ("flow", "2020-03-20", "2021-03-20", None, None),
    # 1399/01/01 .. 1399/12/29: one day short of the leap year's end, so only year to date.
    "short_1399": ("flow", "2020-03-20", "2021-03-19", None, None),
    # 1403/01/01 .. 1403/12/30 (leap year again).
    "full_1403": ("flow", "2024-03-20", "2025-03-20", None, None),
    # 1403/01/01 .. 1403/12/29: a day short.
    "short_1403": ("flow", "2024-03-20", "2025-03-19", None, None),
    # 1398/01/01 .. 1398/12/29: a common year.
    "full_1398": ("flow", "2019-03-21", "2020-03-19", None, None),
    # 1399/01/01 .. 1399/03/31: first quarter.
    "q1_1399": ("flow", "2020-03-20", "2020-06-20", None, None),
    # 1399/04/01 .. 1399/06/31: second quarter (does not count from the year's start).
    "q2_1399": ("flow", "2020-06-21", "2020-09-21", None, None),
    # 1399/01/01 .. 1399/06/31: first half.
    "h1_1399": ("flow", "2020-03-20", "2020-09-21", None, None),
    # 1399/07/01 .. 1399/12/30: second half of the leap year.
    "h2_1399": ("flow", "2020-09-22", "2021-03-20", None, None),
    # 1399/01/01 .. 1399/09/30: nine months.
    "m1_9_1399": ("flow", "2020-03-20", "2020-12-20", None, None),
    # 1400/01/01 .. 1400/05/31: five months.
    "m1_5_1400": ("flow", "2021-03-21", "2021-08-22", None, None),
    # 1399/12/01 .. 1399/12/30: Esfand of the leap year, one whole month (30 days).
    "esfand_1399": ("flow", "2021-02-19", "2021-03-20", None, None),
    # 1399/01/01 .. 2020-07-29 (1399/05/08): year to date with a stated end.
    "ytd_dated": ("flow", "2020-03-20", "2020-07-29", None, None),
    # From 1399/01/01 to an undated report published 2020-08-25 .. 2020-09-08.
    "ytd_open": ("flow", "2020-03-20", None, "2020-08-25", "2020-09-08"),
    # 1400/01/01 .. 1401/12/29: two whole years.
    "two_years": ("flow", "2021-03-21", "2023-03-20", None, None),
    # Since 2021-08-25 (1400/06/03) to a report published some time in 1401.
    "since_open": ("flow", "2021-08-25", None, "2022-03-21", "2023-03-20"),
    # Since 2024-08-21 (1403/05/31) to a report of 2024-11-25, the same year.
    "since_same_year": ("flow", "2024-08-21", None, "2024-11-25", "2024-11-25"),
    # Since 2021-08-25 to 1401/12/29: a stated end, across years.
    "since_dated": ("flow", "2021-08-25", "2023-03-20", None, None),
    # 2024-08-21 .. 2025-03-16, inside 1403, from neither a year's nor a month's start.
    "span_1403": ("flow", "2024-08-21", "2025-03-16", None, None),
    # A stock as of 2018-03-20 (1396/12/29).
    "stock_dated": ("stock", None, "2018-03-20", None, None),
    # A stock with no as-of date, in a report published 2020-06-21 .. 2021-03-20 (all in 1399).
    "stock_undated": ("stock", None, None, "2020-06-21", "2021-03-20"),
    # A target with no period.
    "open_target": ("target", None, None, "2023-08-01", "2023-10-31"),
    # A target for the whole of 1399.
    "target_1399": ("target", "2020-03-20", "2021-03-20", None, None),
}

# name: (period_kind, first_year, last_year, month_first, month_last, cumulative_year, year_days)
EXPECTED = {
    "full_1399": ("full_year", 1399, 1399, None, None, 1399, 366),
    "short_1399": ("year_to_date", 1399, 1399, None, None, 1399, 366),
    "full_1403": ("full_year", 1403, 1403, None, None, 1403, 366),
    "short_1403": ("year_to_date", 1403, 1403, None, None, 1403, 366),
    "full_1398": ("full_year", 1398, 1398, None, None, 1398, 365),
    "q1_1399": ("quarter", 1399, 1399, 1, 3, 1399, 366),
    "q2_1399": ("quarter", 1399, 1399, 4, 6, None, 366),
    "h1_1399": ("half", 1399, 1399, 1, 6, 1399, 366),
    "h2_1399": ("half", 1399, 1399, 7, 12, None, 366),
    "m1_9_1399": ("months", 1399, 1399, 1, 9, 1399, 366),
    "m1_5_1400": ("months", 1400, 1400, 1, 5, 1400, 365),
    "esfand_1399": ("months", 1399, 1399, 12, 12, None, 366),
    "ytd_dated": ("year_to_date", 1399, 1399, None, None, 1399, 366),
    "ytd_open": ("year_to_date", 1399, 1399, None, None, 1399, 366),
    "two_years": ("multi_year", 1400, 1401, None, None, None, None),
    "since_open": ("since_date", 1400, 1401, None, None, None, None),
    "since_same_year": ("since_date", 1403, 1403, None, None, None, 366),
    "since_dated": ("since_date", 1400, 1401, None, None, None, None),
    "span_1403": ("span", 1403, 1403, None, None, None, 366),
    "stock_dated": ("stock", 1396, 1396, None, None, None, 365),
    "stock_undated": ("stock", 1399, 1399, None, None, None, 366),
    "open_target": ("open", None, None, None, None, None, None),
    "target_1399": ("full_year", 1399, 1399, None, None, 1399, 366),
}


def _ts(x):
    return pd.Timestamp(x) if x else NaT


@pytest.fixture(scope="module")
def classified() -> pd.DataFrame:
    rows = []
    for name, (kind, start, end, early, late) in ROWS.items():
        rows.append({"figure_id": name, "kind": kind, "start": _ts(start), "end": _ts(end),
                     "end_earliest": _ts(end or early), "end_latest": _ts(end or late)})
    frame = pd.DataFrame(rows)
    for col in ("start", "end", "end_earliest", "end_latest"):
        frame[col] = pd.to_datetime(frame[col])
    return periods.classify(frame).set_index("figure_id")


def _na_or(x):
    return None if pd.isna(x) else int(x)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_period_kind_and_years(classified, name):
    row = classified.loc[name]
    kind, first, last, _, _, cumulative, days = EXPECTED[name]
    got = (row["period_kind"], _na_or(row["first_year"]), _na_or(row["last_year"]), _na_or(row["cumulative_year"]),
           _na_or(row["year_days"]))
    assert got == (kind, first, last, cumulative, days)


def test_months_of_quarters_halves_and_month_runs(classified):
    # The module docstring: month_first / month_last are "the Iranian months a quarter/half/months
    # period runs over (NA otherwise)"; so a full year, a year to date or a span has none.
    got = {name: (_na_or(classified.loc[name, "month_first"]), _na_or(classified.loc[name, "month_last"]))
           for name in EXPECTED}
    assert got == {name: (e[3], e[4]) for name, e in EXPECTED.items()}


def test_year_bounds_of_the_leap_years(classified):
    # 1399 runs 2020-03-20 .. 2021-03-20 and 1403 runs 2024-03-20 .. 2025-03-20 (both 366 days).
    for name, first, last in (("full_1399", "2020-03-20", "2021-03-20"), ("full_1403", "2024-03-20", "2025-03-20"),
                              ("full_1398", "2019-03-21", "2020-03-19")):
        row = classified.loc[name]
        assert (row["year_start"], row["year_end"]) == (pd.Timestamp(first), pd.Timestamp(last))


def test_periods_across_years_have_no_single_year_bounds(classified):
    for name in ("two_years", "since_open", "since_dated", "open_target"):
        assert pd.isna(classified.loc[name, "year_start"]) and pd.isna(classified.loc[name, "year_days"])


def test_day_counts_are_inclusive():
    start = pd.Series(pd.to_datetime(["2020-03-20", "2020-03-20", "2021-02-19", "2021-08-23"]))
    end = pd.Series(pd.to_datetime(["2020-06-20", "2021-03-20", "2021-03-20", "2021-08-24"]))
    # Q1 1399: 31 + 31 + 31 = 93 days; the leap year 1399: 366; Esfand 1399: 30; two days 08-23..24: 2.
    assert periods.days(start, end).tolist() == [93.0, 366.0, 30.0, 2.0]


def test_plain_words_for_every_kind(classified):
    words = periods.plain(classified["period_kind"])
    assert words["q1_1399"] == "a quarter of an Iranian year"
    assert words["open_target"] == "no period stated"
    assert (words != "").all()
