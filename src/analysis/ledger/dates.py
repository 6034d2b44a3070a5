"""Dates in the ledger: Iranian date cells, a date written in the other calendar's column, the span.

In: text cells of the Gregorian (``YYYY-MM-DD``) and Iranian (``YYYY/MM/DD``) date columns, and
Gregorian datetimes. Out: explainers for the cell checks (:func:`gregorian_explainer`,
:func:`jalali_explainer`: a date in the wrong calendar's column gets a message that says so and gives
the same day in the right one), Iranian date columns converted to Gregorian datetimes with a reason
for each one refused (:func:`jalali_dates`), and the Iranian year of each datetime (:func:`jalali_years`).

Every date must lie within the programme's span (:func:`analysis.ledger.schema.span`, Iranian years
1390-1410, 2011-03-21 .. 2032-03-19), declared once in the descriptor. Work is done once per distinct
text, so a long column costs a dictionary look-up per row.
"""

from __future__ import annotations

import calendar as gregorian
import re

import numpy as np
import pandas as pd

from .. import calendar
from .characters import visible
from .schema import span

_ANY_DATE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
# A four-digit year this far from the span belongs to the other calendar (Iranian years are ~621 lower).
_IRANIAN_YEARS = range(1300, 1500)
_GREGORIAN_YEARS = range(1900, 2100)


def _as_jalali(year: int, month: int, day: int) -> str | None:
    try:
        return calendar.format_jalali(pd.Timestamp(year, month, day))
    except (ValueError, KeyError):
        return None


def _as_gregorian(year: int, month: int, day: int) -> str | None:
    try:
        return f"{calendar.to_gregorian(year, month, day):%Y-%m-%d}"
    except (calendar.CalendarError, ValueError, KeyError):
        return None


def gregorian_explainer(jalali_field: str | None):
    """Why a cell of a Gregorian date column is refused, when it is a date written some other way."""

    def explain(text: str) -> str | None:
        shown = visible(text)
        m = _ANY_DATE.fullmatch(text)
        if m:
            year, month, day = (int(g) for g in m.groups())
            if year in _IRANIAN_YEARS:
                same = _as_gregorian(year, month, day)
                iranian = f"{year:04d}/{month:02d}/{day:02d}"
                instead = f"write {same} here" if same else f"{iranian} is not a real Iranian date either"
                move = f", or put the Iranian date in {jalali_field} as {iranian}" if jalali_field and same else ""
                return f"'{shown}' is an Iranian date (year {year}); this column takes Gregorian dates YYYY-MM-DD: {instead}{move}"
            if "-" not in text or text.count("-") != 2:
                return f"'{shown}' is not a real date written YYYY-MM-DD; write {year:04d}-{month:02d}-{day:02d}"
            return None
        m = _DAY_FIRST.fullmatch(text)
        if m and int(m.group(1)) > 12:
            day, month, year = (int(g) for g in m.groups())
            return f"'{shown}' is not a real date written YYYY-MM-DD (year first); if it is {day} {_month(month)} {year}, write {year:04d}-{month:02d}-{day:02d}"
        return None

    return explain


def _month(month: int) -> str:
    return gregorian.month_name[month] if 1 <= month <= 12 else f"month {month}"


def jalali_explainer(gregorian_field: str):
    """Why a cell of an Iranian date column does not even look like ``YYYY/MM/DD``."""

    def explain(text: str) -> str | None:
        shown = visible(text)
        m = _ANY_DATE.fullmatch(text)
        if not m:
            return f"'{shown}' is not an Iranian date written YYYY/MM/DD"
        year, month, day = (int(g) for g in m.groups())
        if year in _GREGORIAN_YEARS:
            same = _as_jalali(year, month, day)
            also = f" ({year:04d}-{month:02d}-{day:02d} is {same} in the Iranian calendar)" if same else ""
            instead = f"write {same} here, or move the date to {gregorian_field}" if same else f"move it to {gregorian_field}"
            return f"'{shown}' is a Gregorian date{also}; this column takes Iranian dates YYYY/MM/DD: {instead}"
        return f"'{shown}' is not an Iranian date written YYYY/MM/DD; write {year:04d}/{month:02d}/{day:02d}"

    return explain


def jalali_dates(texts: pd.Series, gregorian_field: str) -> tuple[pd.Series, pd.Series]:
    """Iranian date cells (already of the form YYYY/MM/DD, or empty) as Gregorian datetimes.

    Returns ``(dates, reasons)``: NaT where empty or refused; ``reasons`` holds why each refused cell
    is not a usable date (not a real day, outside the span, a Gregorian year), None elsewhere.
    """
    codes, uniques = pd.factorize(texts, sort=False)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype="str")
    dates = calendar.jalali_column_to_gregorian(u).astype("datetime64[us]")
    years = pd.to_numeric(u.str.slice(0, 4), errors="coerce")
    s = span()
    outside = years.notna() & ((years < s.first_year) | (years > s.last_year))
    bad = ((u != "") & dates.isna()) | outside
    reasons = pd.Series(None, index=u.index, dtype=object)
    for i in np.flatnonzero(bad.to_numpy()):  # distinct refused texts only
        reasons.iloc[i] = _jalali_reason(u.iloc[i], int(years.iloc[i]), gregorian_field)
    dates = dates.where(~bad)
    return (pd.Series(dates.take(codes).to_numpy(), index=texts.index),
            pd.Series(reasons.to_numpy()[codes], index=texts.index, dtype=object))


def _jalali_reason(text: str, year: int, gregorian_field: str) -> str:
    s = span()
    if year in _GREGORIAN_YEARS:
        return jalali_explainer(gregorian_field)(text)
    if not s.first_year <= year <= s.last_year:
        return f"'{text}' lies outside the programme's span, {s.words()}; check the year"
    try:
        calendar.parse_jalali(text)
    except calendar.CalendarError as exc:
        return f"{exc}; write a real date as YYYY/MM/DD"
    return f"'{text}' is not a real Iranian date; write a real date as YYYY/MM/DD"  # pragma: no cover


def jalali_years(dates: pd.Series) -> pd.Series:
    """Iranian year of each date (NaN where the date is missing), once per distinct date."""
    codes, uniques = pd.factorize(dates, sort=False)
    years = np.full(len(dates), np.nan)
    if len(uniques) == 0:
        return pd.Series(years, index=dates.index)
    days = pd.DatetimeIndex(uniques)
    lo, hi = int(days.year.min()) - 623, int(days.year.max()) - 620
    starts = np.array([np.datetime64(calendar.year_bounds(y)[0], "us") for y in range(lo, hi + 1)])
    of_unique = lo + np.searchsorted(starts, days.to_numpy().astype("datetime64[us]"), side="right") - 1
    known = codes >= 0
    years[known] = of_unique[codes[known]]
    return pd.Series(years, index=dates.index)


def jalali_text(dates: pd.Series) -> pd.Series:
    """Gregorian datetimes written as Iranian dates ``YYYY/MM/DD`` ('' where missing), once per distinct date."""
    codes, uniques = pd.factorize(dates, sort=False)
    texts = calendar.gregorian_column_to_jalali(pd.Series(uniques)).to_numpy(dtype=object)
    out = np.where(codes >= 0, texts[np.maximum(codes, 0)] if len(texts) else "", "")
    return pd.Series(out, index=dates.index, dtype="str")
