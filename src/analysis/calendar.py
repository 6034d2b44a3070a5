"""Iranian (Solar Hijri) calendar: dates, periods and inclusive day counts.

Conversions go through `persiantools <https://pypi.org/project/persiantools/>`_, which
rejects impossible dates such as 1400/12/30 (1400 is a common year). Conventions:

- Iranian dates are written ``YYYY/MM/DD`` (for example ``1399/01/01``), Gregorian ``YYYY-MM-DD``.
- Day counts are **inclusive of both ends**: the first quarter of 1399, 2020-03-20 .. 2020-06-20,
  is 93 days; a whole year is 365 or 366 days.
- Quarters are months 1-3, 4-6, 7-9, 10-12; halves are months 1-6 and 7-12.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pandas as pd
from persiantools.jdatetime import JalaliDate

#: Years the vectorised lookup table covers (well beyond the programme's 1396-1403).
TABLE_YEARS = range(1380, 1431)

_JALALI_RE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")


class CalendarError(ValueError):
    """An impossible or malformed date."""


def parse_jalali(text: str) -> tuple[int, int, int]:
    """Split ``'YYYY/MM/DD'`` into integers and check the date exists.

    Raises :class:`CalendarError` naming what is wrong (format, month or day).
    """
    match = _JALALI_RE.match(text.strip())
    if not match:
        raise CalendarError(f"{text!r} is not an Iranian date written YYYY/MM/DD")
    year, month, day = (int(part) for part in match.groups())
    try:
        JalaliDate(year, month, day)
    except ValueError as exc:
        reason = exc.args[0] if exc.args else str(exc)
        raise CalendarError(f"{text!r} is not a real Iranian date ({reason})") from None
    return year, month, day


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of an Iranian date (raises :class:`CalendarError` if it does not exist)."""
    try:
        return JalaliDate(year, month, day).to_gregorian()
    except ValueError as exc:
        raise CalendarError(f"{year:04d}/{month:02d}/{day:02d} is not a real Iranian date ({exc.args[0]})") from None


def jalali_to_gregorian(text: str) -> dt.date:
    """``'1399/01/01'`` -> ``date(2020, 3, 20)``."""
    return to_gregorian(*parse_jalali(text))


def to_jalali(date: dt.date | pd.Timestamp) -> tuple[int, int, int]:
    """The Iranian (year, month, day) of a Gregorian date."""
    if isinstance(date, pd.Timestamp):
        date = date.date()
    j = JalaliDate(date)
    return j.year, j.month, j.day


def format_jalali(date: dt.date | pd.Timestamp) -> str:
    """A Gregorian date written as an Iranian date, ``'YYYY/MM/DD'``."""
    year, month, day = to_jalali(date)
    return f"{year:04d}/{month:02d}/{day:02d}"


def jalali_year_of(date: dt.date | pd.Timestamp) -> int:
    """The Iranian year a Gregorian date falls in."""
    return to_jalali(date)[0]


def is_leap(year: int) -> bool:
    """Whether an Iranian year has 366 days (Esfand has 30 days)."""
    return bool(JalaliDate.is_leap(year))


def month_length(year: int, month: int) -> int:
    """Days in an Iranian month: 31 for months 1-6, 30 for 7-11, 29 or 30 for Esfand."""
    if not 1 <= month <= 12:
        raise CalendarError(f"month {month} does not exist (Iranian months are 1-12)")
    return int(JalaliDate.days_in_month(month, year))


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of an Iranian month."""
    return to_gregorian(year, month, 1), to_gregorian(year, month, month_length(year, month))


def months_bounds(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """First day of ``first_month`` to the last day of ``last_month`` of one Iranian year."""
    if not 1 <= first_month <= last_month <= 12:
        raise CalendarError(f"months {first_month}..{last_month} are not a span of Iranian months")
    return month_bounds(year, first_month)[0], month_bounds(year, last_month)[1]


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of an Iranian year (1399 -> 2020-03-20 .. 2021-03-20)."""
    return months_bounds(year, 1, 12)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of quarter 1-4 of an Iranian year."""
    if quarter not in (1, 2, 3, 4):
        raise CalendarError(f"quarter {quarter} does not exist (quarters are 1-4)")
    return months_bounds(year, 3 * quarter - 2, 3 * quarter)


def half_bounds(year: int, half: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of half 1 or 2 of an Iranian year."""
    if half not in (1, 2):
        raise CalendarError(f"half {half} does not exist (halves are 1-2)")
    return months_bounds(year, 6 * half - 5, 6 * half)


def year_length(year: int) -> int:
    """Days in an Iranian year: 365, or 366 in a leap year."""
    start, end = year_bounds(year)
    return days_inclusive(start, end)


def days_inclusive(start, end):
    """Days from ``start`` to ``end`` counting both ends (same day -> 1).

    Works on scalars (``date``/``Timestamp``) and on whole pandas columns of datetimes.
    """
    delta = pd.to_datetime(end) - pd.to_datetime(start)
    if isinstance(delta, pd.Series):
        return delta.dt.days + 1
    if isinstance(delta, pd.TimedeltaIndex):
        return delta.days + 1
    return int(delta.days) + 1


def share_of_year_elapsed(year: int, as_of: dt.date | pd.Timestamp) -> float:
    """Share (0..1) of Iranian ``year`` elapsed by the end of ``as_of``, inclusive of both ends."""
    start, end = year_bounds(year)
    as_of = pd.Timestamp(as_of).date()
    if not start <= as_of <= end:
        raise CalendarError(f"{as_of} is not inside Iranian year {year} ({start} .. {end})")
    return days_inclusive(start, as_of) / days_inclusive(start, end)


def normalise_jalali_text(column: pd.Series) -> pd.Series:
    """Write Iranian dates with two-digit months and days (``1399/1/1`` -> ``1399/01/01``)."""
    parts = column.str.extract(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
    return parts[0] + "/" + parts[1].str.zfill(2) + "/" + parts[2].str.zfill(2)


def jalali_column_to_gregorian(column: pd.Series) -> pd.Series:
    """Convert a column of ``'YYYY/MM/DD'`` Iranian dates at once; impossible dates become NaT.

    Each date is its month's first day (from a table of month starts) plus its day: whole columns,
    no per-row conversion. Callers decide whether a NaT is an error (it is, wherever the text was not empty).
    """
    import numpy as np

    starts, _, _ = _month_table()
    lengths = _month_lengths()
    parts = column.astype("str").str.extract(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
    year, month, day = (pd.to_numeric(parts[i], errors="coerce").to_numpy(dtype=float) for i in range(3))
    slot = (year - TABLE_YEARS.start) * 12 + (month - 1)
    real = (~np.isnan(slot) & (month >= 1) & (month <= 12) & (year >= TABLE_YEARS.start)
            & (year < TABLE_YEARS.stop) & (day >= 1))
    slot = np.where(real, slot, 0).astype("int64")
    real &= day <= lengths[slot]
    days = starts[slot] + (np.where(real, day, 1).astype("int64") - 1).astype("timedelta64[D]")
    return pd.Series(np.where(real, days, np.datetime64("NaT")), index=column.index).astype("datetime64[us]")


def gregorian_column_to_jalali(column: pd.Series) -> pd.Series:
    """Write a column of Gregorian datetimes as ``'YYYY/MM/DD'`` Iranian dates ('' where missing)."""
    return jalali_text_columns(column)


def year_table(years) -> pd.DataFrame:
    """First day, last day and length (365 or 366 days) of each distinct Iranian year given, in order.

    Columns: ``jalali_year`` (Int64), ``year_start``, ``year_end`` (datetimes), ``year_length`` (days).
    One calendar look-up per distinct year, not per row.
    """
    unique = sorted(int(y) for y in pd.unique(pd.Series(years).dropna().astype("int64")))
    bounds = [year_bounds(y) for y in unique]
    return pd.DataFrame({
        "jalali_year": pd.array(unique, dtype="Int64"),
        "year_start": pd.Series(pd.to_datetime([b[0] for b in bounds]), dtype="datetime64[us]"),
        "year_end": pd.Series(pd.to_datetime([b[1] for b in bounds]), dtype="datetime64[us]"),
        "year_length": pd.array([days_inclusive(*b) for b in bounds], dtype="int64"),
    })


def year_bounds_columns(jalali_year: pd.Series) -> pd.DataFrame:
    """:func:`year_table` aligned with a column of Iranian years (NaT / NA where the year is missing)."""
    table = year_table(jalali_year).set_index("jalali_year")
    years = jalali_year.astype("Int64")
    if table.empty:  # no year at all: every row missing, with the right types
        return pd.DataFrame({"year_start": pd.Series(pd.NaT, index=jalali_year.index, dtype="datetime64[us]"),
                             "year_end": pd.Series(pd.NaT, index=jalali_year.index, dtype="datetime64[us]"),
                             "year_length": pd.Series(pd.NA, index=jalali_year.index, dtype="Int64")})
    return pd.DataFrame({col: years.map(table[col]) for col in table.columns}, index=jalali_year.index)


@lru_cache(maxsize=1)
def _month_table() -> tuple:
    """First Gregorian day (as datetime64[D]) of every Iranian month in :data:`TABLE_YEARS`, with its year and month."""
    import numpy as np

    starts, years, months = [], [], []
    for year in TABLE_YEARS:
        for month in range(1, 13):
            starts.append(np.datetime64(to_gregorian(year, month, 1), "D"))
            years.append(year)
            months.append(month)
    return np.array(starts), np.array(years), np.array(months)


@lru_cache(maxsize=1)
def _month_lengths():
    """Days in every month of :func:`_month_table`, in the same order."""
    import numpy as np

    return np.array([month_length(year, month) for year in TABLE_YEARS for month in range(1, 13)])


def jalali_columns(dates: pd.Series) -> pd.DataFrame:
    """Iranian ``year``, ``month`` and ``day`` of a column of Gregorian dates, at once (Int64; NA where missing).

    One binary search per date in a table of month starts, so a million dates take well under a second.
    Dates outside :data:`TABLE_YEARS` get NA (the loader refuses them first).
    """
    import numpy as np

    starts, years, months = _month_table()
    values = pd.to_datetime(dates).to_numpy().astype("datetime64[D]")
    valid = ~np.isnat(values)
    pos = np.searchsorted(starts, values, side="right") - 1
    inside = valid & (pos >= 0) & (values < starts[-1] + np.timedelta64(31, "D"))
    pos = np.clip(pos, 0, len(starts) - 1)
    day = (values - starts[pos]).astype("int64") + 1
    out = pd.DataFrame({
        "year": pd.array(np.where(inside, years[pos], 0), dtype="Int64"),
        "month": pd.array(np.where(inside, months[pos], 0), dtype="Int64"),
        "day": pd.array(np.where(inside, day, 0), dtype="Int64"),
    }, index=dates.index)
    return out.where(pd.Series(inside, index=dates.index), pd.NA)


def jalali_text_columns(dates: pd.Series) -> pd.Series:
    """A column of Gregorian dates written as ``'YYYY/MM/DD'`` Iranian dates ('' where missing), vectorised."""
    parts = jalali_columns(dates)
    text = (parts["year"].astype("str").str.zfill(4) + "/" + parts["month"].astype("str").str.zfill(2) + "/"
            + parts["day"].astype("str").str.zfill(2))
    return text.where(parts["year"].notna(), "").astype("str")
