"""What period each figure covers, classified once.

In: the ledger's figures (``start``, ``end``, ``end_earliest``, ``end_latest``, ``kind``). Out: the same
rows with these columns added (every later step reads them; nothing else classifies periods):

``period_kind``
    ``full_year`` (one whole Iranian year), ``multi_year`` (two or more whole years), ``quarter``,
    ``half`` or ``months`` (whole Iranian months of one year), ``year_to_date`` (from a year's first
    day to a day inside it, or to the report's publication), ``since_date`` (from a date that is not a
    year's start, to publication or across years), ``span`` (any other dated period), ``stock`` (a
    level as of a date; as of the publication when the report gives none) or ``open`` (a target with
    no period).
``first_year`` / ``last_year``
    Iranian years of the first and last day (for an open end: of the latest possible end; for a stock,
    the as-of year); Int64.
``month_first`` / ``month_last``
    the Iranian months a ``quarter``/``half``/``months`` period runs over (Int64; NA otherwise).
``cumulative_year``
    the Iranian year a count runs within *from its first day* (full years, first quarters and halves,
    runs of months from month 1, year to date): such counts form that year's year-to-date series.
``year_start`` / ``year_end`` / ``year_days``
    the bounds and length (365 or 366 days) of ``first_year`` when the period lies in one year.
"""

from __future__ import annotations

import pandas as pd

from .. import calendar

#: Period kinds, in the order tables list them, with what each means (plain words for readers).
PERIOD_KINDS: dict[str, str] = {
    "full_year": "a whole Iranian year",
    "quarter": "a quarter of an Iranian year",
    "half": "half an Iranian year",
    "months": "whole months of an Iranian year",
    "year_to_date": "from the start of an Iranian year to a date within it",
    "multi_year": "two or more whole Iranian years",
    "since_date": "from a stated date (such as a government taking office) to the report's date",
    "span": "a stated period of days",
    "stock": "a level as of a date",
    "open": "no period stated",
}


#: The columns :func:`classify` adds.
COLUMNS: list[str] = ["period_kind", "first_year", "last_year", "month_first", "month_last", "cumulative_year",
                      "year_start", "year_end", "year_days"]


def classify(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with the period columns of the module docstring added (whole columns at once)."""
    f = figures.copy()
    start, end = f["start"], f["end"]
    latest_end = end.fillna(f["end_latest"])
    s = calendar.jalali_columns(start)
    el = calendar.jalali_columns(latest_end)
    after = calendar.jalali_columns(end + pd.Timedelta(days=1))

    has_start, has_end = start.notna(), end.notna()
    starts_month = has_start & (s["day"] == 1).fillna(False)
    starts_year = starts_month & (s["month"] == 1).fillna(False)
    ends_month = has_end & (after["day"] == 1).fillna(False)
    ends_year = ends_month & (after["month"] == 1).fillna(False)
    first_year = s["year"].where(has_start, el["year"])
    last_year = el["year"]
    one_year = first_year.notna() & (first_year == last_year).fillna(False)
    stock = f["kind"] == "stock"

    kind = pd.Series("span", index=f.index, dtype="str")
    kind = kind.where(~(has_start & ~has_end & ~starts_year), "since_date")
    kind = kind.where(~(has_start & ~starts_year & (last_year > first_year).fillna(False)), "since_date")
    # Whole months of one year: a quarter (months 1-3, 4-6, ...), a half, or any other run.
    m1 = s["month"].where(starts_month & ends_month & one_year)
    m2 = (after["month"] - 1).where(after["month"] > 1, 12).where(m1.notna())
    n_months = m2 - m1 + 1
    is_quarter = m1.notna() & ((n_months == 3) & ((m1 - 1) % 3 == 0)).fillna(False)
    is_half = m1.notna() & ((n_months == 6) & ((m1 - 1) % 6 == 0)).fillna(False)
    kind = kind.where(~m1.notna(), "months")
    kind = kind.where(~is_half, "half")
    kind = kind.where(~is_quarter, "quarter")
    ytd = starts_year & one_year & ~(ends_year) & ~m1.notna()
    kind = kind.where(~ytd, "year_to_date")
    whole = starts_year & ends_year
    kind = kind.where(~(whole & one_year), "full_year")
    kind = kind.where(~(whole & ~one_year), "multi_year")
    kind = kind.where(~stock, "stock")
    kind = kind.where(~(~has_start & ~has_end & ~stock), "open")
    # A count from a date (even a year's first day) to a publication that may fall in a later year.
    kind = kind.where(~((kind == "span") & has_start & ~has_end), "since_date")
    f["period_kind"] = kind

    undated_target = kind == "open"  # no period: its year is not the report's year
    f["first_year"] = first_year.where(~undated_target).astype("Int64")
    f["last_year"] = last_year.where(~undated_target).astype("Int64")
    month_kind = kind.isin(["quarter", "half", "months"])
    f["month_first"] = m1.where(month_kind).astype("Int64")
    f["month_last"] = m2.where(month_kind).astype("Int64")
    cumulative = starts_year & one_year & kind.isin(["full_year", "quarter", "half", "months", "year_to_date"])
    f["cumulative_year"] = first_year.where(cumulative).astype("Int64")
    years = calendar.year_bounds_columns(first_year.where(one_year & ~undated_target))
    f["year_start"] = years["year_start"]
    f["year_end"] = years["year_end"]
    f["year_days"] = years["year_length"].astype("Int64")
    return f


def days(start: pd.Series, end: pd.Series) -> pd.Series:
    """Days from ``start`` to ``end``, both counted (float; NaN where either is missing)."""
    return ((end - start).dt.days + 1).astype(float)


def plain(kind: pd.Series) -> pd.Series:
    """Each period kind in plain words (:data:`PERIOD_KINDS`)."""
    return kind.map(PERIOD_KINDS).fillna("").astype("str")

