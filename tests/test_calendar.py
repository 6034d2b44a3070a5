"""The Iranian calendar: known boundaries (not the library checked against itself) and round trips."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from analysis import calendar

# Boundaries from the BRIEF and from published calendars.
KNOWN_NEW_YEARS = {
    1396: dt.date(2017, 3, 21),
    1397: dt.date(2018, 3, 21),
    1398: dt.date(2019, 3, 21),
    1399: dt.date(2020, 3, 20),
    1400: dt.date(2021, 3, 21),
    1401: dt.date(2022, 3, 21),
    1402: dt.date(2023, 3, 21),
    1403: dt.date(2024, 3, 20),
    1404: dt.date(2025, 3, 21),
}


@pytest.mark.parametrize("year,first_day", KNOWN_NEW_YEARS.items())
def test_new_year_dates(year, first_day):
    assert calendar.to_gregorian(year, 1, 1) == first_day
    assert calendar.year_bounds(year)[0] == first_day


def test_1398_and_1399_bounds_and_lengths():
    assert calendar.year_bounds(1398) == (dt.date(2019, 3, 21), dt.date(2020, 3, 19))
    assert calendar.year_bounds(1399) == (dt.date(2020, 3, 20), dt.date(2021, 3, 20))
    assert calendar.year_length(1398) == 365
    assert calendar.year_length(1399) == 366
    assert calendar.is_leap(1399) and calendar.is_leap(1403)
    assert not calendar.is_leap(1400)


def test_year_lengths_match_consecutive_new_years():
    for year in range(1396, 1404):
        expected = (KNOWN_NEW_YEARS[year + 1] - KNOWN_NEW_YEARS[year]).days
        assert calendar.year_length(year) == expected


def test_first_quarter_1399_is_93_days():
    start, end = calendar.quarter_bounds(1399, 1)
    assert (start, end) == (dt.date(2020, 3, 20), dt.date(2020, 6, 20))
    assert calendar.days_inclusive(start, end) == 93  # 31 * 3 months, both ends counted


def test_halves_and_months():
    assert calendar.half_bounds(1398, 1) == (dt.date(2019, 3, 21), dt.date(2019, 9, 22))
    assert calendar.month_bounds(1399, 12) == (dt.date(2021, 2, 19), dt.date(2021, 3, 20))
    assert calendar.month_length(1400, 12) == 29
    assert calendar.month_length(1399, 7) == 30


def test_days_inclusive_same_day_and_columns():
    assert calendar.days_inclusive(dt.date(2020, 1, 1), dt.date(2020, 1, 1)) == 1
    starts = pd.Series(pd.to_datetime(["2020-03-20", "2019-03-21"]))
    ends = pd.Series(pd.to_datetime(["2020-06-20", "2020-03-19"]))
    assert calendar.days_inclusive(starts, ends).tolist() == [93, 365]


@pytest.mark.parametrize("text", ["1400/12/30", "1399/13/01", "1399/07/31", "1399/00/10", "1399/1/0", "99/01/01", "1399-01-01"])
def test_impossible_iranian_dates_are_refused(text):
    with pytest.raises(calendar.CalendarError):
        calendar.parse_jalali(text)


def test_leap_esfand_30_exists():
    assert calendar.jalali_to_gregorian("1399/12/30") == dt.date(2021, 3, 20)


def test_share_of_year_elapsed():
    # 2020-08-20 is day 154 of 1399 (12 + 30 + 31 + 30 + 31 + 20 days from 2020-03-20), of 366.
    assert calendar.share_of_year_elapsed(1399, dt.date(2020, 8, 20)) == pytest.approx(154 / 366)
    with pytest.raises(calendar.CalendarError):
        calendar.share_of_year_elapsed(1399, dt.date(2021, 3, 21))


def test_column_conversion_marks_impossible_dates():
    col = pd.Series(["1399/01/01", "1400/12/30", "1399/1/1", ""], dtype="str")
    out = calendar.jalali_column_to_gregorian(col)
    assert out.iloc[0] == pd.Timestamp("2020-03-20")
    assert pd.isna(out.iloc[1]) and pd.isna(out.iloc[3])
    assert out.iloc[2] == pd.Timestamp("2020-03-20")
    back = calendar.gregorian_column_to_jalali(pd.Series(pd.to_datetime(["2021-03-20", None])))
    assert back.tolist() == ["1399/12/30", ""]


dates = st.dates(min_value=dt.date(2002, 3, 21), max_value=dt.date(2051, 3, 20))


@given(dates)
def test_round_trip_gregorian_jalali_gregorian(d):
    assert calendar.to_gregorian(*calendar.to_jalali(d)) == d


@given(dates)
def test_vectorised_table_agrees_with_scalar_conversion(d):
    text = calendar.format_jalali(d)
    assert calendar.jalali_column_to_gregorian(pd.Series([text], dtype="str")).iloc[0] == pd.Timestamp(d)


@given(dates)
def test_consecutive_days_advance_the_iranian_date_by_one(d):
    y, m, day = calendar.to_jalali(d)
    y2, m2, day2 = calendar.to_jalali(d + dt.timedelta(days=1))
    if day < calendar.month_length(y, m):
        assert (y2, m2, day2) == (y, m, day + 1)
    elif m < 12:
        assert (y2, m2, day2) == (y, m + 1, 1)
    else:
        assert (y2, m2, day2) == (y + 1, 1, 1)


@given(st.integers(min_value=1381, max_value=1429))
def test_years_tile_the_timeline(year):
    assert calendar.year_bounds(year)[1] + dt.timedelta(days=1) == calendar.year_bounds(year + 1)[0]
    assert calendar.year_length(year) in (365, 366)


def test_year_bounds_columns_align_with_a_column_of_years():
    years = pd.Series([1399, None, 1398], dtype="Int64", index=[10, 11, 12])
    out = calendar.year_bounds_columns(years)
    assert list(out.index) == [10, 11, 12]
    assert out.loc[10, "year_start"] == pd.Timestamp("2020-03-20") and out.loc[10, "year_length"] == 366
    assert out.loc[12, "year_end"] == pd.Timestamp("2020-03-19") and out.loc[12, "year_length"] == 365
    assert pd.isna(out.loc[11, "year_start"])
