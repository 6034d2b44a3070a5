"""Year-on-year revival rates: paces, changes, targets, projections and multi-year totals.

Question 3 of the brief: is the pace of revivals rising or falling, and were the yearly targets
met? Two views share this module:

- **the seed view**: the primary source's own figures, found in the ledger by metric and period
  (:func:`seed_figures`), with every date-dependent result evaluated across the seed's
  publication interval and the evidence windows that narrow it (:func:`date_dependent`);
- **the long view**: every report's figures per Iranian year (:func:`full_year_counts`,
  :func:`year_on_year`, :func:`same_period`, :func:`target_attainment`,
  :func:`projections_against_outcomes`, :func:`multi_year_totals`).

Every number is an :class:`~analysis.bounds.Estimate` (central value with bounds) stored in a
table as three columns ``{prefix}value``, ``{prefix}low``, ``{prefix}high``; functions work on
whole columns (no loop over ledger rows). Conventions, beyond those of :mod:`analysis.metrics`
(inclusive day counts, percentages in percent, paces in units per day):

- A **full-year** figure covers exactly one Iranian year: it starts on the year's first day and
  ends on its last (:func:`analysis.calendar.year_bounds`). Its pace per day divides by the year's
  true length, 365 or 366 days (:func:`analysis.calendar.year_length`).
- A **year-to-date** figure starts on the first day of its Iranian year and ends before the year's
  last day, or runs to its report's publication (an open end, known within the report's date
  bounds). Figures that start mid-year ("since the government took office") are neither.
- **Restatements are collapsed**: figures with the same metric, year, scope, value (and period
  end) become one row listing every figure and source that states them; the row's bounds are the
  union of their bounds (a restatement worded "over 1,500" widens a plain "1,500").
- **Conflicting values** (same metric, year and scope, different values) are kept as separate
  rows and flagged in a ``conflict`` column.
- **Scopes are never mixed silently.** Comparisons pair every scope with every other scope of the
  compared year and say which they are in a ``comparison`` column (``same scope (smes)`` or
  ``cross-scope: national → smes``) with a boolean ``same_scope``. Scopes that are not revivals at
  all (:data:`NON_REVIVAL_SCOPES`) are compared only within their own scope.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
import pandas as pd

from . import calendar, metrics, text
from .bounds import Estimate
from .seed import Provenance

#: Scopes whose counts are not revivals of idle units (see :data:`analysis.vocab.SCOPES`); they are
#: compared only with figures of the same scope.
NON_REVIVAL_SCOPES: frozenset[str] = frozenset({"renovation_programme", "capacity_programme"})

#: Two year-to-date figures of different years count as "near the same point of the year" when
#: their end dates, read as days of the Iranian year, are at most this many days apart for every
#: date their bounds allow. Zero keeps only exact matches. One month is the coarsest unit the
#: reports themselves use.
SAME_POINT_TOLERANCE_DAYS: int = 31

#: Decimal places used when estimates are written out, by unit.
DIGITS: dict[str, int] = {
    "units": 0, "days": 0, "percent": 1, "percentage points": 1, "units per day": 2, "jobs": 0,
}

_TRIPLE = ("value", "low", "high")


# --------------------------------------------------------------------------------------------
# Small shared helpers
# --------------------------------------------------------------------------------------------

def columns(e: Estimate, prefix: str = "") -> dict[str, Any]:
    """An estimate as the three table columns ``{prefix}value``, ``{prefix}low``, ``{prefix}high``."""
    return {f"{prefix}value": e.value, f"{prefix}low": e.low, f"{prefix}high": e.high}


def with_year_bounds(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``year_start``, ``year_end`` and ``year_length`` of its ``jalali_year`` added."""
    years = calendar.year_table(frame["jalali_year"].dropna())
    return frame.merge(years, on="jalali_year", how="left")


def scope_comparison(earlier: pd.Series, later: pd.Series) -> pd.Series:
    """Label a comparison of two scopes: ``same scope (smes)`` or ``cross-scope: national → smes``."""
    same = earlier == later
    return ("same scope (" + later + ")").where(same, "cross-scope: " + earlier + " → " + later)


def comparable(scope_a: pd.Series, scope_b: pd.Series) -> pd.Series:
    """Whether two scopes may be set side by side (labelled): always, unless one is not a revival
    scope (:data:`NON_REVIVAL_SCOPES`) and the other differs from it."""
    non_revival = scope_a.isin(list(NON_REVIVAL_SCOPES)) | scope_b.isin(list(NON_REVIVAL_SCOPES))
    return (scope_a == scope_b) | ~non_revival


def direction(change: Estimate, rising: str = "rose", falling: str = "fell") -> str:
    """'rose' when the whole interval of a change is above zero, 'fell' when below, else a caveat."""
    if change.low > 0:
        return rising
    if change.high < 0:
        return falling
    return "changed by an amount whose bounds include zero (direction unknown)"


def _join(values: pd.Series) -> str:
    return ", ".join(dict.fromkeys(str(v) for v in values if str(v) != ""))


def collapse_restatements(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per distinct ``keys``: restatements merged, every figure and source listed.

    The row keeps ``value`` (equal within the group when ``value`` is a key), ``low`` = the
    smallest and ``high`` = the largest bound of the group, the figures' ids, sources and
    qualifiers, the number of reports, and the first and last publication bounds of its sources.
    """
    ordered = frame.sort_values("figure_id", kind="stable")
    grouped = ordered.groupby(keys, sort=True, dropna=False)
    out = grouped.agg(
        value=("value", "first"),
        low=("low", "min"),
        high=("high", "max"),
        figure_ids=("figure_id", _join),
        source_ids=("source_id", _join),
        qualifiers=("qualifier", _join),
        n_reports=("source_id", "nunique"),
        first_published=("published_earliest", "min"),
        last_published=("published_latest", "max"),
        primary=("primary", "any"),
    )
    out = out.drop(columns=[k for k in keys if k in out.columns]).reset_index()
    return out


def _with_root_end(frame: pd.DataFrame) -> pd.DataFrame:
    """Restatements take the period end of the figure they restate.

    A count "to date" repeated by a later report still ends at the first report's date; without
    this, each restatement would inherit its own (later) publication bounds and look like a new
    count. The root is the figure named in ``restates`` (the earliest), or the figure itself.
    """
    root = frame["restates"].where(frame["restates"] != "", frame["figure_id"])
    ends = frame.drop_duplicates("figure_id").set_index("figure_id")[["end", "end_jalali", "end_earliest", "end_latest"]]
    known = root.isin(ends.index)
    return frame.assign(**{c: frame[c].where(~known, root.map(ends[c])) for c in ends.columns})


def _one(frame: pd.DataFrame, mask: pd.Series, what: str) -> pd.Series:
    rows = frame[mask.fillna(False).astype(bool)]
    if len(rows) != 1:
        raise ValueError(f"expected exactly one seed figure for {what}; found {len(rows)} "
                         f"({', '.join(rows['figure_id']) or 'none'}); check the ledger's seed rows")
    return rows.iloc[0]


def _eq(column: pd.Series, value: Any) -> pd.Series:
    return column.eq(value).fillna(False).astype(bool)


# --------------------------------------------------------------------------------------------
# The seed view
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SeedFigures:
    """The primary source's figures question 3 needs, each a ledger row, found by metric and period.

    ``year`` is the Iranian year of the seed's year-to-date count ("the current year").
    """

    year: int
    year_start: pd.Timestamp
    year_end: pd.Timestamp
    target: pd.Series
    to_date: pd.Series
    part_year: pd.Series
    previous_year: pd.Series
    revived_share: pd.Series
    idle_units: pd.Series
    bank_share: pd.Series
    bank_share_sought: pd.Series

    @property
    def source_id(self) -> str:
        """The primary source's id."""
        return str(self.to_date["source_id"])

    @property
    def year_length(self) -> int:
        """Days in the current year (365 or 366)."""
        return calendar.year_length(self.year)


def seed_figures(ledger) -> SeedFigures:
    """Find the seed's figures by metric and period (never by id).

    - year-to-date units: the primary source's ``units_revived`` whose period runs to publication;
      its Iranian year is "the current year";
    - part-year units: ``units_revived`` of the current year from its first day to a stated end
      before the year's last day (the seed's first quarter);
    - previous-year units: ``units_revived`` covering the whole previous year;
    - the current year's ``units_target``, and the stocks ``revived_share_pct``, ``idle_units``,
      ``bank_facility_share_pct`` and the target ``bank_facility_share_target_pct``.

    Raises ``ValueError`` naming what is missing or ambiguous.
    """
    f = ledger.seed_figures()
    units = f["metric"] == "units_revived"
    to_date = _one(f, units & f["end_from_publication"], "the year-to-date units revived")
    year = int(to_date["jalali_year"])
    start, end = (pd.Timestamp(d) for d in calendar.year_bounds(year))
    prev_start, prev_end = (pd.Timestamp(d) for d in calendar.year_bounds(year - 1))
    in_year = _eq(f["jalali_year"], year)
    return SeedFigures(
        year=year,
        year_start=start,
        year_end=end,
        target=_one(f, (f["metric"] == "units_target") & in_year, f"the units target of {year}"),
        to_date=to_date,
        part_year=_one(f, units & ~f["end_from_publication"] & in_year & (f["start"] == start) & (f["end"] < end),
                       f"the part-year units of {year}"),
        previous_year=_one(f, units & (f["start"] == prev_start) & (f["end"] == prev_end),
                           f"the full-year units of {year - 1}"),
        revived_share=_one(f, f["metric"] == "revived_share_pct", "the revived share"),
        idle_units=_one(f, f["metric"] == "idle_units", "the idle units"),
        bank_share=_one(f, f["metric"] == "bank_facility_share_pct", "the bank-facility share"),
        bank_share_sought=_one(f, f["metric"] == "bank_facility_share_target_pct", "the bank-facility share sought"),
    )


def _rows(items: list[tuple[str, str, Estimate, str]]) -> pd.DataFrame:
    """A small result table: quantity, unit, value, low, high, figure ids."""
    return pd.DataFrame({
        "quantity": [i[0] for i in items],
        "unit": [i[1] for i in items],
        "value": [float(i[2].value) for i in items],
        "low": [float(i[2].low) for i in items],
        "high": [float(i[2].high) for i in items],
        "figure_ids": [i[3] for i in items],
    })


def target_against_previous(seed: SeedFigures) -> pd.DataFrame:
    """The current year's units target against the previous year's result.

    Rows: the previous result, the target (units), the change (units) and the percent change
    (``(target / previous - 1) * 100``), each with bounds.
    """
    prev, target = metrics.from_figure(seed.previous_year), metrics.from_figure(seed.target)
    ids = f"{seed.previous_year['figure_id']}, {seed.target['figure_id']}"
    return _rows([
        (f"{seed.year - 1} result", "units", prev, seed.previous_year["figure_id"]),
        (f"{seed.year} target", "units", target, seed.target["figure_id"]),
        ("target minus result", "units", metrics.change(prev, target), ids),
        ("target against result", "percent", metrics.percent_change(prev, target), ids),
    ])


def _figure_days(row: pd.Series) -> Estimate:
    return metrics.days_elapsed(row["start"], row["end_earliest"], row["end_latest"])


def part_year_pace_against_previous(seed: SeedFigures) -> pd.DataFrame:
    """The part-year pace per day of the current year against the previous year's pace per day.

    Each pace divides the count by its period's inclusive day count (a whole year by its true
    length). Rows: both paces (units per day), the change (units per day) and the percent change.
    A ``days`` column gives each period's length.
    """
    prev, part = seed.previous_year, seed.part_year
    prev_days, part_days = _figure_days(prev), _figure_days(part)
    prev_pace = metrics.pace_per_day(metrics.from_figure(prev), prev_days)
    part_pace = metrics.pace_per_day(metrics.from_figure(part), part_days)
    ids = f"{prev['figure_id']}, {part['figure_id']}"
    out = _rows([
        (f"{seed.year - 1} pace per day ({prev['start_jalali']} to {prev['end_jalali']})", "units per day", prev_pace, prev["figure_id"]),
        (f"{seed.year} pace per day ({part['start_jalali']} to {part['end_jalali']})", "units per day", part_pace, part["figure_id"]),
        ("change in pace", "units per day", metrics.change(prev_pace, part_pace), ids),
        ("change in pace", "percent", metrics.percent_change(prev_pace, part_pace), ids),
    ])
    days = [int(prev_days.value), int(part_days.value), pd.NA, pd.NA]
    return out.assign(days=pd.array(days, dtype="Int64"))


def publication_windows(provenance: Provenance) -> pd.DataFrame:
    """The seed's publication bounds and each evidence window of its provenance record.

    One row per distinct window (``label``, ``basis``, ``earliest``, ``latest`` and both as Iranian
    dates, ``earliest_jalali``, ``latest_jalali``); windows with the
    same dates are merged and their labels joined. The first row is the publication bounds the
    whole analysis uses.
    """
    labels = ["publication bounds"] + [e.basis for e in provenance.evidence]
    bases = [provenance.date_basis] + [e.basis for e in provenance.evidence]
    frame = pd.DataFrame({
        "label": labels,
        "basis": bases,
        "earliest": pd.to_datetime([provenance.earliest] + [e.earliest for e in provenance.evidence]),
        "latest": pd.to_datetime([provenance.latest] + [e.latest for e in provenance.evidence]),
    }).assign(order=lambda d: np.arange(len(d)))
    merged = frame.groupby(["earliest", "latest"], sort=False).agg(
        label=("label", lambda s: " = ".join(dict.fromkeys(s))),
        basis=("basis", "first"),
        order=("order", "min"),
    ).reset_index()
    out = merged.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)
    out = out[["label", "basis", "earliest", "latest"]].astype({"earliest": "datetime64[us]", "latest": "datetime64[us]"})
    return out.assign(earliest_jalali=calendar.gregorian_column_to_jalali(out["earliest"]),
                      latest_jalali=calendar.gregorian_column_to_jalali(out["latest"]))


def evaluation_dates(windows: pd.DataFrame) -> pd.DataFrame:
    """The ends of every window as single as-of dates (``earliest == latest``), sorted by date.

    Labels say which window end each date is; a date that ends several windows joins their labels.
    """
    ends = pd.concat([
        windows.assign(date=windows["earliest"], label=windows["label"] + ": earliest"),
        windows.assign(date=windows["latest"], label=windows["label"] + ": latest"),
    ], ignore_index=True)
    out = ends.groupby("date", sort=True).agg(label=("label", lambda s: "; ".join(dict.fromkeys(s)))).reset_index()
    return pd.DataFrame({"label": out["label"], "earliest": out["date"], "latest": out["date"]})


def pace_needed_to_end(target: Estimate, done: Estimate, as_of_earliest: pd.Series, as_of_latest: pd.Series,
                       period_end: pd.Timestamp) -> Estimate:
    """:func:`analysis.metrics.pace_needed` over columns of as-of bounds that may reach the period's end.

    Where the latest as-of date is the period's last day no days remain: the upper bound is
    unbounded (``inf``); where even the earliest is the last day, all three numbers are NaN.
    """
    last_day = pd.Timestamp(period_end)
    day_before = last_day - pd.Timedelta(days=1)
    latest_clipped = as_of_latest.where(as_of_latest < last_day, day_before)
    earliest_clipped = as_of_earliest.where(as_of_earliest < last_day, day_before)
    needed = metrics.pace_needed(target, done, earliest_clipped, latest_clipped, last_day)
    open_top = as_of_latest >= last_day
    none_left = as_of_earliest >= last_day
    return Estimate(
        needed.value.where(~open_top, np.nan).where(~none_left, np.nan),
        needed.low.where(~none_left, np.nan),
        needed.high.where(~open_top, np.inf).where(~none_left, np.nan),
    )


#: The date-dependent quantities :func:`date_dependent` returns, in order, with their units.
DATE_DEPENDENT_QUANTITIES: dict[str, str] = {
    "days elapsed": "days",
    "share of year elapsed": "percent",
    "progress to target": "percent",
    "progress minus share elapsed": "percentage points",
    "pace to date": "units per day",
    "pace for the target over the whole year": "units per day",
    "pace needed for the rest of the year": "units per day",
    "year-end projection at the pace to date": "units",
    "projection against target": "percent",
}


def date_dependent(seed: SeedFigures, as_of: pd.DataFrame) -> pd.DataFrame:
    """Every result of the seed that depends on its publication date, at each as-of date or window.

    ``as_of`` has columns ``label``, ``earliest``, ``latest``: a single date when both are equal
    (then the results are exact up to the figures' own bounds), a window otherwise (then the
    results are intervals with no central value). The year-to-date count runs from the current
    year's first day to the as-of date, both counted.

    Returns a long table: one row per as-of row and quantity (:data:`DATE_DEPENDENT_QUANTITIES`),
    with ``label``, ``earliest``, ``latest``, their Iranian dates, ``quantity``, ``unit``,
    ``value``, ``low``, ``high``. Every quantity is monotonic in the as-of date, so a window's
    bounds are the values at its two ends.
    """
    earliest = as_of["earliest"].reset_index(drop=True)
    latest = as_of["latest"].reset_index(drop=True)
    length = seed.year_length
    done = metrics.from_figure(seed.to_date)
    target = metrics.from_figure(seed.target)
    days = metrics.days_elapsed(seed.year_start, earliest, latest)
    share = metrics.share_elapsed(days, length)
    progress = metrics.attainment(done, target)
    projected = metrics.projection(done, days, length)
    n = len(earliest)
    constant = lambda e: Estimate(*(pd.Series(np.full(n, float(x))) for x in (e.value, e.low, e.high)))  # noqa: E731
    results = {
        "days elapsed": days,
        "share of year elapsed": share,
        "progress to target": constant(progress),
        "progress minus share elapsed": constant(progress) - share,
        "pace to date": metrics.pace_per_day(done, days),
        "pace for the target over the whole year": constant(metrics.pace_per_day(target, Estimate.exact(float(length)))),
        "pace needed for the rest of the year": pace_needed_to_end(target, done, earliest, latest, seed.year_end),
        "year-end projection at the pace to date": projected,
        "projection against target": metrics.attainment(projected, target),
    }
    base = pd.DataFrame({
        "label": as_of["label"].reset_index(drop=True),
        "earliest": earliest,
        "latest": latest,
        "earliest_jalali": calendar.gregorian_column_to_jalali(earliest),
        "latest_jalali": calendar.gregorian_column_to_jalali(latest),
    })
    parts = [
        base.assign(quantity=name, unit=DATE_DEPENDENT_QUANTITIES[name],
                    value=e.value.astype(float), low=e.low.astype(float), high=e.high.astype(float))
        for name, e in results.items()
    ]
    return pd.concat(parts, ignore_index=True)


def format_estimate(value: float, low: float, high: float, unit: str) -> str:
    """One estimate in words for a table cell ('4.25', '3.8 (3.6 to 4.0)', '1.28 to 4.98', 'no days left')."""
    digits = DIGITS.get(unit, 2)
    if math.isinf(high):
        return f"{text.number(low, digits)} to no limit (no days left)"
    if isinstance(value, float) and math.isnan(value) and math.isnan(low):
        return "no days left"
    return text.estimate(Estimate(float(value), float(low), float(high)), digits)


def spread(long: pd.DataFrame) -> pd.DataFrame:
    """A long result table (:func:`date_dependent`) as one row per as-of row, one text column per quantity."""
    cells = long.assign(cell=[format_estimate(v, lo, hi, u) for v, lo, hi, u in
                              zip(long["value"], long["low"], long["high"], long["unit"])])
    order = list(dict.fromkeys(long["quantity"]))
    wide = cells.pivot(index=["label", "earliest_jalali", "latest_jalali", "earliest", "latest"], columns="quantity", values="cell")
    wide = wide.reset_index().sort_values(["earliest", "latest"], kind="stable")
    wide = wide.assign(**{"as of (Gregorian)": _date_span(wide["earliest"], wide["latest"], "%Y-%m-%d"),
                          "as of (Iranian)": _jalali_span(wide["earliest_jalali"], wide["latest_jalali"])})
    return wide[["label", "as of (Gregorian)", "as of (Iranian)", *order]].reset_index(drop=True).rename_axis(columns=None)


def _date_span(earliest: pd.Series, latest: pd.Series, fmt: str) -> pd.Series:
    a, b = earliest.dt.strftime(fmt), latest.dt.strftime(fmt)
    return a.where(a == b, a + " to " + b)


def _jalali_span(a: pd.Series, b: pd.Series) -> pd.Series:
    return a.where(a == b, a + " to " + b)


def elapsed_curve(seed: SeedFigures, earliest: pd.Timestamp, latest: pd.Timestamp) -> pd.DataFrame:
    """Day by day from ``earliest`` to ``latest``: days elapsed in the current year and the share elapsed.

    Columns: ``date``, ``date_jalali``, ``days_elapsed``, ``share_elapsed_pct``, ``progress_pct``
    (the seed's progress to target, constant), ``progress_low``, ``progress_high``.
    """
    dates = pd.Series(pd.date_range(pd.Timestamp(earliest), pd.Timestamp(latest), freq="D")).astype("datetime64[us]")
    days = calendar.days_inclusive(seed.year_start, dates)
    progress = metrics.attainment(metrics.from_figure(seed.to_date), metrics.from_figure(seed.target))
    return pd.DataFrame({
        "date": dates,
        "date_jalali": calendar.gregorian_column_to_jalali(dates),
        "days_elapsed": days,
        "share_elapsed_pct": days / seed.year_length * 100,
        "progress_pct": progress.value,
        "progress_low": progress.low,
        "progress_high": progress.high,
    })


def last_day_on_schedule(seed: SeedFigures) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The last day on which the seed's progress to target was at least the share of the year elapsed.

    After this day a report of the same year-to-date count lags the calendar. Returned as
    ``(earliest, latest)`` from the bounds of the progress: day ``floor(progress / 100 * year length)``
    of the year.
    """
    progress = metrics.attainment(metrics.from_figure(seed.to_date), metrics.from_figure(seed.target))
    days = [math.floor(p / 100 * seed.year_length) for p in (progress.low, progress.high)]
    return tuple(seed.year_start + pd.Timedelta(days=d - 1) for d in days)  # type: ignore[return-value]


# ---- "21 percent of 9,800" ----------------------------------------------------------------

def implied_count(share_pct: Estimate, base: Estimate) -> Estimate:
    """The count a percentage of a base stands for: ``share_pct / 100 * base``, with bounds."""
    return share_pct * base / 100


def seed_implied_count(seed: SeedFigures) -> Estimate:
    """The count the seed's revived share of the idle stock implies (bounds from both wordings)."""
    return implied_count(metrics.from_figure(seed.revived_share), metrics.from_figure(seed.idle_units))


def _count_rows(rows: pd.DataFrame, basis: str) -> pd.DataFrame:
    return pd.DataFrame({
        "jalali_year": rows["jalali_year"].astype("Int64").to_numpy(),
        "scope": rows["scope"].to_numpy(),
        "value": rows["value"].to_numpy(dtype=float),
        "low": rows["low"].to_numpy(dtype=float),
        "high": rows["high"].to_numpy(dtype=float),
        "figure_ids": rows["figure_ids"].to_numpy() if "figure_ids" in rows else rows["figure_id"].to_numpy(),
        "basis": basis,
    })


def seed_year_counts(seed: SeedFigures) -> pd.DataFrame:
    """The seed's own yearly counts: the previous year's result and the current year to date."""
    return pd.concat([
        _count_rows(seed.previous_year.to_frame().T, "full year"),
        _count_rows(seed.to_date.to_frame().T, "to date (the seed)"),
    ], ignore_index=True)


def ledger_year_counts(figures: pd.DataFrame, seed: SeedFigures) -> pd.DataFrame:
    """Every full-year units count in the ledger before the seed's year, plus the seed's count to date.

    The seed's share is stated at its publication, so the current year enters with the seed's
    own year-to-date count, not with a later year-end result.
    """
    full = full_year_counts(figures)
    before = full[full["jalali_year"] < seed.year]
    return pd.concat([_count_rows(before, "full year"), _count_rows(seed.to_date.to_frame().T, "to date (the seed)")],
                     ignore_index=True)


def year_runs(counts: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Every contiguous run of Iranian years ending in ``last_year``, with the sum of its counts.

    ``counts`` has one row per year and scope (columns ``jalali_year``, ``scope``, ``value``,
    ``low``, ``high``, ``figure_ids``). Where a year has several rows (scopes or conflicting
    values) every combination is a run. Runs stop at the first year with no count.

    Columns: ``first_year``, ``last_year``, ``years`` (e.g. '1397-1399'), ``n_years``, ``scopes``
    (each year's scope, in year order), ``single_scope``, ``figure_ids``, ``value``, ``low``, ``high``
    (the sum, with bounds), and ``before_value``/``before_low``/``before_high`` (the sum without
    the last year).
    """
    last = counts[_eq(counts["jalali_year"], last_year)]
    runs = pd.DataFrame({
        "first_year": last_year,
        "scopes": last["scope"].to_numpy(),
        "figure_ids": last["figure_ids"].to_numpy(),
        "value": last["value"].to_numpy(dtype=float),
        "low": last["low"].to_numpy(dtype=float),
        "high": last["high"].to_numpy(dtype=float),
        "before_value": 0.0, "before_low": 0.0, "before_high": 0.0,
        "_scope_set": last["scope"].to_numpy(),
    })
    all_runs = [runs]
    year = last_year - 1
    while not runs.empty and _eq(counts["jalali_year"], year).any():  # one step per year, not per row
        earlier = counts[_eq(counts["jalali_year"], year)]
        joined = earlier[["scope", "figure_ids", "value", "low", "high"]].merge(runs, how="cross", suffixes=("_y", ""))
        runs = pd.DataFrame({
            "first_year": year,
            "scopes": joined["scope"] + " → " + joined["scopes"],
            "figure_ids": joined["figure_ids_y"] + " + " + joined["figure_ids"],
            "value": joined["value_y"] + joined["value"],
            "low": joined["low_y"] + joined["low"],
            "high": joined["high_y"] + joined["high"],
            "before_value": joined["value_y"] + joined["before_value"],
            "before_low": joined["low_y"] + joined["before_low"],
            "before_high": joined["high_y"] + joined["before_high"],
            "_scope_set": joined["_scope_set"].where(joined["_scope_set"] == joined["scope"], "mixed"),
        })
        all_runs.append(runs)
        year -= 1
    out = pd.concat(all_runs, ignore_index=True)
    out = out.assign(
        last_year=last_year,
        n_years=last_year - out["first_year"] + 1,
        years=out["first_year"].astype(str).where(out["first_year"] == last_year,
                                                  out["first_year"].astype(str) + "-" + str(last_year)),
        single_scope=out["_scope_set"] != "mixed",
    )
    cols = ["first_year", "last_year", "years", "n_years", "scopes", "single_scope", "figure_ids",
            "value", "low", "high", "before_value", "before_low", "before_high"]
    return out[cols].sort_values(["n_years", "scopes"], kind="stable").reset_index(drop=True)


def spans_for_implied(implied: Estimate, runs: pd.DataFrame, share_scope: str) -> pd.DataFrame:
    """Which runs of yearly counts could produce the implied count.

    Adds ``overlaps`` (the run's sum interval meets the implied interval), ``implied_minus_sum``
    (value/low/high: what the sum lacks, negative when it exceeds), ``last_year_needed``
    (value/low/high: what the run's last year would have to contribute for the run to equal the
    implied count) and ``comparison`` (the runs' scopes against the share's scope).
    """
    total = metrics.from_columns(runs)
    before = metrics.from_columns(runs, "before_")
    gap = implied - total
    needed = implied - before
    all_share_scope = runs["single_scope"] & (runs["scopes"].str.split(" → ").str[0] == share_scope)
    comparison = pd.Series(
        np.where(all_share_scope, "same scope (" + share_scope + ")",
                 "cross-scope: the share is " + share_scope + "; the counts are " + runs["scopes"]),
        index=runs.index, dtype="str")
    return runs.assign(
        overlaps=total.overlaps(implied),
        **columns(gap, "implied_minus_sum_"),
        **columns(needed, "last_year_needed_"),
        comparison=comparison,
    )


# ---- the bank-facility share --------------------------------------------------------------

def share_gap(current: Estimate, sought: Estimate) -> dict[str, Estimate]:
    """A share against the share sought: the gap in percentage points and the relative increase in percent."""
    return {"gap": sought - current, "relative increase": metrics.percent_change(current, sought)}


def seed_bank_facility(seed: SeedFigures) -> pd.DataFrame:
    """The seed's bank-facility share against the share sought: both shares, the gap, the relative increase."""
    cur, sought = metrics.from_figure(seed.bank_share), metrics.from_figure(seed.bank_share_sought)
    gap = share_gap(cur, sought)
    ids = f"{seed.bank_share['figure_id']}, {seed.bank_share_sought['figure_id']}"
    return _rows([
        ("share of bank facilities now", "percent", cur, seed.bank_share["figure_id"]),
        ("share sought", "percent", sought, seed.bank_share_sought["figure_id"]),
        ("gap", "percentage points", gap["gap"], ids),
        ("relative increase needed", "percent", gap["relative increase"], ids),
    ])


def format_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """A small result table with its estimate written out in words by unit (a ``reads`` column)."""
    return rows.assign(reads=[format_estimate(v, lo, hi, u) for v, lo, hi, u in
                              zip(rows["value"], rows["low"], rows["high"], rows["unit"])])


# --------------------------------------------------------------------------------------------
# The long view
# --------------------------------------------------------------------------------------------

def _flows(figures: pd.DataFrame, metric: str) -> pd.DataFrame:
    rows = figures[(figures["metric"] == metric) & (figures["kind"] == "flow")]
    return rows


def full_year_counts(figures: pd.DataFrame, metric: str = "units_revived") -> pd.DataFrame:
    """Full-year counts per Iranian year and scope, restatements collapsed, conflicts kept.

    One row per year, scope and distinct value. Columns: ``jalali_year``, ``scope``, ``value``,
    ``low``, ``high`` (units), ``figure_ids``, ``source_ids``, ``qualifiers``, ``n_reports``,
    ``first_published``, ``last_published``, ``primary``, ``conflict`` (another value exists for
    the same year and scope), ``year_start``, ``year_end``, ``year_length`` (365 or 366 days), and
    ``pace_value``/``pace_low``/``pace_high``: units per day over the year's true length.
    """
    flows = with_year_bounds(_flows(figures, metric).dropna(subset=["jalali_year"]))
    full = flows[(flows["start"] == flows["year_start"]) & (flows["end"] == flows["year_end"])]
    out = collapse_restatements(full, ["jalali_year", "scope", "value"])
    out = with_year_bounds(out)
    pace = metrics.pace_per_day(metrics.from_columns(out), out["year_length"].astype(float))
    conflict = out.groupby(["jalali_year", "scope"])["value"].transform("nunique") > 1
    return out.assign(conflict=conflict, **columns(pace, "pace_")).reset_index(drop=True)


def _pair_columns(left: pd.DataFrame, right: pd.DataFrame) -> dict[str, Any]:
    """Changes between two aligned count tables (units and pace per day)."""
    a, b = metrics.from_columns(left), metrics.from_columns(right)
    pa, pb = metrics.from_columns(left, "pace_"), metrics.from_columns(right, "pace_")
    return {
        **columns(metrics.change(a, b), "change_"),
        **columns(metrics.percent_change(a, b), "pct_change_"),
        **columns(metrics.percent_change(pa, pb), "pace_pct_change_"),
    }


def year_on_year(counts: pd.DataFrame) -> pd.DataFrame:
    """Change from each year's full-year count to the next year's, for every pair of rows.

    ``counts`` is :func:`full_year_counts`. Pairs within a scope have ``same_scope`` True; pairs
    across scopes are kept and labelled in ``comparison`` (never silent); pairs involving a
    non-revival scope are kept only within it. Columns: ``previous_year``, ``year``,
    ``previous_scope``, ``scope``, ``comparison``, ``same_scope``, the two counts
    (``previous_value``.. and ``value``..), their paces per day, ``change_*`` (units),
    ``pct_change_*`` (percent) and ``pace_pct_change_*`` (percent change of the pace per day,
    which corrects for a 366-day year).
    """
    keep = ["jalali_year", "scope", "value", "low", "high", "pace_value", "pace_low", "pace_high", "figure_ids", "source_ids"]
    prev = counts[keep].assign(next_year=counts["jalali_year"] + 1)
    pairs = prev.merge(counts[keep], left_on="next_year", right_on="jalali_year", suffixes=("_prev", ""))
    pairs = pairs[comparable(pairs["scope_prev"], pairs["scope"])].reset_index(drop=True)
    triple = ["value", "low", "high", "pace_value", "pace_low", "pace_high"]
    left = pairs[[f"{c}_prev" for c in triple]].rename(columns=lambda c: c[: -len("_prev")])
    out = pd.DataFrame({
        "previous_year": pairs["jalali_year_prev"],
        "year": pairs["jalali_year"],
        "previous_scope": pairs["scope_prev"],
        "scope": pairs["scope"],
        "comparison": scope_comparison(pairs["scope_prev"], pairs["scope"]),
        "same_scope": pairs["scope_prev"] == pairs["scope"],
        "previous_value": pairs["value_prev"], "previous_low": pairs["low_prev"], "previous_high": pairs["high_prev"],
        "value": pairs["value"], "low": pairs["low"], "high": pairs["high"],
        "previous_pace_value": pairs["pace_value_prev"], "pace_value": pairs["pace_value"],
        "figure_ids": pairs["figure_ids_prev"] + " → " + pairs["figure_ids"],
        "source_ids": pairs["source_ids_prev"] + " → " + pairs["source_ids"],
        **_pair_columns(left, pairs),
    })
    return out.sort_values(["year", "same_scope", "previous_scope", "scope", "previous_value", "value"],
                           ascending=[True, False, True, True, True, True], kind="stable").reset_index(drop=True)


def _point_label(frame: pd.DataFrame) -> pd.Series:
    """Where in its Iranian year a year-to-date figure ends: 'first quarter', 'first 7 months', 'to 1399/05/08'."""
    known = frame["end"].notna()
    after = calendar.gregorian_column_to_jalali(frame["end"] + pd.Timedelta(days=1))
    month_end = known & after.str.endswith("/01")
    month = pd.to_numeric(frame["end_jalali"].str.slice(5, 7), errors="coerce")
    names = {3: "first quarter", 6: "first half", 9: "first nine months"}
    named = month.map(names)
    months = "first " + month.astype("Int64").astype(str) + " months"
    months = months.where(month != 1, "first month")
    label = named.fillna(months).where(month_end, "to " + frame["end_jalali"])
    span = ("to publication, " + calendar.gregorian_column_to_jalali(frame["end_earliest"]) + " to "
            + calendar.gregorian_column_to_jalali(frame["end_latest"]))
    single = frame["end_earliest"] == frame["end_latest"]
    open_single = "to publication, " + calendar.gregorian_column_to_jalali(frame["end_earliest"])
    return label.where(known, open_single.where(single, span)).astype("str")


def year_to_date_reports(figures: pd.DataFrame, metric: str = "units_revived") -> pd.DataFrame:
    """Every in-year (year-to-date) count, restatements collapsed, with its pace and year-end projection.

    Columns: ``jalali_year``, ``scope``, ``value``/``low``/``high``, ``start``, ``end_earliest``,
    ``end_latest`` (the end's bounds; an open end inherits the report's publication bounds),
    ``point`` (where in the year it ends), ``day_low``/``day_high`` (the end as a day of the
    Iranian year, 1-based), ``year_length``, ``pace_*`` (units per day to date) and
    ``projection_*`` (units by year-end at the pace to date), plus the collapsed sources.
    """
    flows = with_year_bounds(_with_root_end(_flows(figures, metric)).dropna(subset=["jalali_year"]))
    ytd = flows[(flows["start"] == flows["year_start"]) & ~(flows["end"] == flows["year_end"])]
    keys = ["jalali_year", "scope", "value", "start", "end", "end_jalali", "end_earliest", "end_latest"]
    out = with_year_bounds(collapse_restatements(ytd, keys))
    days = metrics.days_elapsed(out["year_start"], out["end_earliest"], out["end_latest"])
    count = metrics.from_columns(out)
    pace = metrics.pace_per_day(count, days)
    projected = metrics.projection(count, days, out["year_length"].astype(float))
    out = out.assign(
        point=_point_label(out),
        day_low=days.low.astype(int),
        day_high=days.high.astype(int),
        **columns(pace, "pace_"),
        **columns(projected, "projection_"),
    )
    return out.sort_values(["jalali_year", "scope", "end_earliest", "end_latest", "value"], kind="stable").reset_index(drop=True)


def same_period(ytd: pd.DataFrame, tolerance_days: int = SAME_POINT_TOLERANCE_DAYS) -> pd.DataFrame:
    """Pairs of year-to-date counts of different years ending at (or near) the same point of the year.

    ``ytd`` is :func:`year_to_date_reports`. Two ends are compared as days of the Iranian year; the
    greatest distance their bounds allow (``max_gap_days``) must be at most ``tolerance_days``
    (0 keeps exact matches only; ``exact_point`` marks pairs whose ends are the same known day).
    Non-revival scopes pair only within their scope; cross-scope pairs are labelled.

    Columns: ``earlier_year``, ``later_year``, their scopes and points, ``comparison``,
    ``same_scope``, ``exact_point``, ``min_gap_days``, ``max_gap_days``, both counts and paces,
    ``change_*`` (units), ``pct_change_*`` (percent) and ``pace_pct_change_*`` (percent change of
    units per day, which allows for ends a few days apart).
    """
    keep = ["jalali_year", "scope", "point", "day_low", "day_high", "value", "low", "high",
            "pace_value", "pace_low", "pace_high", "figure_ids", "source_ids"]
    a = ytd[keep].add_suffix("_a")
    b = ytd[keep].add_suffix("_b")
    pairs = a.merge(b, how="cross")
    pairs = pairs[pairs["jalali_year_a"] < pairs["jalali_year_b"]]
    max_gap = np.maximum(pairs["day_high_b"] - pairs["day_low_a"], pairs["day_high_a"] - pairs["day_low_b"])
    min_gap = np.maximum(0, np.maximum(pairs["day_low_b"] - pairs["day_high_a"], pairs["day_low_a"] - pairs["day_high_b"]))
    pairs = pairs.assign(max_gap_days=max_gap, min_gap_days=min_gap)
    pairs = pairs[(pairs["max_gap_days"] <= tolerance_days) & comparable(pairs["scope_a"], pairs["scope_b"])].reset_index(drop=True)
    left = pairs[[c for c in pairs.columns if c.endswith("_a")]].rename(columns=lambda c: c[:-2])
    right = pairs[[c for c in pairs.columns if c.endswith("_b")]].rename(columns=lambda c: c[:-2])
    out = pd.DataFrame({
        "earlier_year": pairs["jalali_year_a"],
        "later_year": pairs["jalali_year_b"],
        "earlier_scope": pairs["scope_a"],
        "later_scope": pairs["scope_b"],
        "earlier_point": pairs["point_a"],
        "later_point": pairs["point_b"],
        "comparison": scope_comparison(pairs["scope_a"], pairs["scope_b"]),
        "same_scope": pairs["scope_a"] == pairs["scope_b"],
        "exact_point": pairs["max_gap_days"] == 0,
        "min_gap_days": pairs["min_gap_days"],
        "max_gap_days": pairs["max_gap_days"],
        "earlier_value": pairs["value_a"], "later_value": pairs["value_b"],
        "earlier_pace": pairs["pace_value_a"], "later_pace": pairs["pace_value_b"],
        "figure_ids": pairs["figure_ids_a"] + " → " + pairs["figure_ids_b"],
        "source_ids": pairs["source_ids_a"] + " → " + pairs["source_ids_b"],
        **_pair_columns(left, right),
    })
    return out.sort_values(["same_scope", "max_gap_days", "earlier_year", "later_year", "figure_ids"],
                           ascending=[False, True, True, True, True], kind="stable").reset_index(drop=True)


def _against_finals(rows: pd.DataFrame, counts: pd.DataFrame, scope_col: str = "scope") -> pd.DataFrame:
    """Pair each row with every comparable final (full-year) count of its year; rows with none kept, final empty."""
    finals = counts[["jalali_year", "scope", "value", "low", "high", "figure_ids", "source_ids"]].rename(
        columns=lambda c: c if c == "jalali_year" else f"final_{c}")
    pairs = rows.merge(finals, on="jalali_year", how="left")
    ok = pairs["final_scope"].notna() & comparable(pairs[scope_col], pairs["final_scope"].fillna(""))
    matched = pairs[ok]
    have = matched["_row"].unique()
    unmatched = rows[~rows["_row"].isin(have)]
    out = pd.concat([matched, unmatched], ignore_index=True).sort_values(["_row", "final_scope", "final_value"], kind="stable")
    out = out.assign(
        final_scope=out["final_scope"].fillna("").astype("str"),
        final_figure_ids=out["final_figure_ids"].fillna("").astype("str"),
        final_source_ids=out["final_source_ids"].fillna("").astype("str"),
    )
    label = scope_comparison(out[scope_col], out["final_scope"])
    return out.assign(
        comparison=label.where(out["final_scope"] != "", "no full-year count of this year"),
        same_scope=out[scope_col] == out["final_scope"],
    ).reset_index(drop=True)


def target_revisions(figures: pd.DataFrame, metric: str = "units_target") -> pd.DataFrame:
    """Every target value per year and scope, restatements collapsed, in the order first stated.

    Columns: ``jalali_year``, ``scope``, ``value``/``low``/``high``, ``revision`` (1 for the first
    value stated for the year and scope, 2 for the next, ...), ``revised_from`` (the previous
    value, NaN for the first), ``change`` ('first stated', 'raised', 'lowered'), ``first_published``,
    ``last_published`` (the value was still being stated then), and the collapsed sources.
    """
    targets = figures[(figures["metric"] == metric) & figures["jalali_year"].notna()]
    out = collapse_restatements(targets, ["jalali_year", "scope", "value"])
    out = out.sort_values(["jalali_year", "scope", "first_published", "value"], kind="stable").reset_index(drop=True)
    grouped = out.groupby(["jalali_year", "scope"], sort=False)
    previous = grouped["value"].shift(1)
    change = np.select([previous.isna(), out["value"] > previous, out["value"] < previous],
                       ["first stated", "raised", "lowered"], default="restated")
    return out.assign(revision=grouped.cumcount() + 1, revised_from=previous, change=pd.Series(change, index=out.index, dtype="str"))


def target_attainment(targets: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Each year's final count(s) against every target value stated for that year.

    ``targets`` is :func:`target_revisions`, ``counts`` :func:`full_year_counts`. Columns: the
    target's year, scope, value and revision; the final count (``final_*``); ``comparison``
    (scope label); ``attainment_*`` (final / target, percent) and ``verdict``: 'met' when the
    whole final interval is at or above the whole target interval, 'not met' when below, else
    'undetermined within the bounds'. A target with no full-year count of its year is kept, with
    the final left empty.
    """
    rows = targets.assign(_row=np.arange(len(targets)))
    paired = _against_finals(rows, counts)
    target = metrics.from_columns(paired)
    final = metrics.from_columns(paired, "final_")
    attained = metrics.attainment(final, target)
    verdict = np.select(
        [paired["final_value"].isna(), paired["final_low"] >= paired["high"], paired["final_high"] < paired["low"]],
        ["no final count", "met", "not met"], default="undetermined within the bounds")
    return paired.assign(**columns(attained, "attainment_"), verdict=pd.Series(verdict, index=paired.index, dtype="str")).drop(columns="_row")


def projections_against_outcomes(ytd: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The year-end projection from each in-year report against the year's final count(s).

    ``ytd`` is :func:`year_to_date_reports`. Adds ``final_*``, ``comparison``, ``same_scope``,
    ``error_*`` (projection minus final, units), ``error_pct_*`` (percent of the final) and
    ``final_within_projection`` (the final interval meets the projection's interval). Reports of
    years with no comparable final count are kept, with the final empty.
    """
    rows = ytd.assign(_row=np.arange(len(ytd)))
    paired = _against_finals(rows, counts)
    projected = metrics.from_columns(paired, "projection_")
    final = metrics.from_columns(paired, "final_")
    has_final = paired["final_value"].notna()
    safe_final = Estimate(final.value.where(has_final, 1.0), final.low.where(has_final, 1.0), final.high.where(has_final, 1.0))
    error = metrics.change(final, projected)
    error_pct = metrics.percent_change(safe_final, projected)
    error_pct = Estimate(*(x.where(has_final, np.nan) for x in (error_pct.value, error_pct.low, error_pct.high)))
    return paired.assign(
        **columns(error, "error_"),
        **columns(error_pct, "error_pct_"),
        final_within_projection=projected.overlaps(final) & has_final,
    ).drop(columns="_row")


def multi_year_totals(figures: pd.DataFrame, counts: pd.DataFrame, metric: str = "units_revived") -> pd.DataFrame:
    """Counts spanning more than one Iranian year against the sum of their years' full-year counts.

    For each multi-year count (restatements collapsed): the years it covers wholly
    (``years_covered``) and the years it touches (``years_touched``); ``covered_sum_*`` sums the
    same-scope full-year counts available for covered years (a lower limit: counts are not
    negative); ``touched_sum_*`` sums every touched year's count and is filled only when none is
    missing (an upper limit); ``missing_years`` lists touched years without a same-scope count.
    Where a year has conflicting values, its sum takes the lowest low and highest high.
    ``remainder_*`` = total minus ``covered_sum`` (what the missing or partial years must hold).
    ``verdict``: 'matches the sum of its years', 'does not match the sum of its years', 'below
    the sum of the years it covers', 'above the sum of every year it touches', or 'cannot be fully
    checked' with the reason.
    """
    flows = _with_root_end(_flows(figures, metric))
    multi = flows[flows["jalali_year"].isna() & flows["start"].notna()]
    keys = ["scope", "value", "start", "end_earliest", "end_latest"]
    totals = collapse_restatements(multi, keys).reset_index(drop=True).assign(_row=lambda d: np.arange(len(d)))
    if totals.empty:
        return totals
    first = totals["start"].map(calendar.jalali_year_of)  # one look-up per multi-year figure
    last = totals["end_latest"].map(calendar.jalali_year_of)
    years = calendar.year_table(range(int(first.min()), int(last.max()) + 1))
    grid = totals[["_row", "scope", "start", "end_earliest", "end_latest"]].merge(years, how="cross")
    grid = grid[(grid["year_end"] >= grid["start"]) & (grid["year_start"] <= grid["end_latest"])]
    grid = grid.assign(covered=(grid["year_start"] >= grid["start"]) & (grid["year_end"] <= grid["end_earliest"]))
    per_year = counts.groupby(["jalali_year", "scope"], as_index=False).agg(
        y_value=("value", lambda s: s.iloc[0] if s.nunique() == 1 else np.nan), y_low=("low", "min"), y_high=("high", "max"))
    grid = grid.merge(per_year, on=["jalali_year", "scope"], how="left")
    grid = grid.assign(available=grid["y_low"].notna(), year_text=grid["jalali_year"].astype(str))
    cov = grid[grid["covered"] & grid["available"]]
    covered_sum = cov.groupby("_row").agg(covered_sum_value=("y_value", lambda s: s.sum(min_count=len(s))),
                                          covered_sum_low=("y_low", "sum"), covered_sum_high=("y_high", "sum"))
    touched = grid.groupby("_row").agg(
        years_touched=("year_text", ", ".join),
        touched_sum_value=("y_value", lambda s: s.sum(min_count=len(s))),
        touched_sum_low=("y_low", lambda s: s.sum(min_count=len(s))),
        touched_sum_high=("y_high", lambda s: s.sum(min_count=len(s))),
    )
    covered_years = grid[grid["covered"]].groupby("_row").agg(years_covered=("year_text", ", ".join))
    missing = grid[~grid["available"]].groupby("_row").agg(missing_years=("year_text", ", ".join))
    out = totals.join(covered_years, on="_row").join(touched, on="_row").join(covered_sum, on="_row").join(missing, on="_row")
    out = out.assign(
        years_covered=out["years_covered"].fillna("").astype("str"),
        missing_years=out["missing_years"].fillna("").astype("str"),
        covered_sum_value=out["covered_sum_value"].fillna(0.0),
        covered_sum_low=out["covered_sum_low"].fillna(0.0),
        covered_sum_high=out["covered_sum_high"].fillna(0.0),
    )
    total = metrics.from_columns(out)
    remainder = total - metrics.from_columns(out, "covered_sum_")
    exact_span = out["years_covered"] == out["years_touched"]
    none_missing = out["missing_years"] == ""
    below = out["high"] < out["covered_sum_low"]
    above = none_missing & (out["low"] > out["touched_sum_high"])
    matches = exact_span & none_missing & ~below & ~above
    reason = np.where(~none_missing, "cannot be fully checked: no full-year " + out["scope"] + " count for " + out["missing_years"],
                      "consistent with the years' counts (the span starts or ends mid-year)")
    verdict = np.select(
        [below, above & exact_span, above, matches],
        ["below the sum of the years it covers", "does not match the sum of its years",
         "above the sum of every year it touches", "matches the sum of its years"], default=reason)
    a, b = out["end_earliest"].dt.strftime("%Y-%m-%d"), out["end_latest"].dt.strftime("%Y-%m-%d")
    period = out["start"].dt.strftime("%Y-%m-%d") + " to " + a.where(a == b, "publication (" + a + " .. " + b + ")")
    return out.assign(period=period, **columns(remainder, "remainder_"),
                      verdict=pd.Series(verdict, index=out.index, dtype="str")).drop(columns="_row")


# --------------------------------------------------------------------------------------------
# Findings in words
# --------------------------------------------------------------------------------------------

def _num(x: float, unit: str) -> str:
    return text.number(x, DIGITS.get(unit, 1))


def _est(frame: pd.DataFrame, prefix: str, unit: str, i: int) -> str:
    row = frame.iloc[i]
    return format_estimate(float(row[f"{prefix}value"]), float(row[f"{prefix}low"]), float(row[f"{prefix}high"]), unit)


def year_on_year_sentences(yoy: pd.DataFrame) -> list[str]:
    """One sentence per same-scope year-on-year change: 'national: 1,462 in 1396 -> 1,700 in 1397, rose 16.3% ...'."""
    same = yoy[yoy["same_scope"]].reset_index(drop=True)
    out = []
    for i in range(len(same)):  # one sentence per same-scope pair of years (a handful), not per ledger row
        r = same.iloc[i]
        change = Estimate(r["change_value"], r["change_low"], r["change_high"])
        out.append(
            f"{r['scope']}: {text.estimate(Estimate(r['previous_value'], r['previous_low'], r['previous_high']))} units in "
            f"{r['previous_year']} against {text.estimate(Estimate(r['value'], r['low'], r['high']))} in {r['year']}; "
            f"the count {direction(change)} (change {_est(same, 'pct_change_', 'percent', i)} percent; "
            f"pace per day {_est(same, 'pace_pct_change_', 'percent', i)} percent; figures {r['figure_ids']})"
        )
    return out


def _revision_words(row: pd.Series) -> str:
    if row["revision"] == 1:
        return "the first value stated for the year"
    return f"value no. {row['revision']} stated for the year, {row['change']} from {text.number(row['revised_from'])}"


def attainment_sentences(attained: pd.DataFrame) -> list[str]:
    """One sentence per same-scope target against its year's final count."""
    same = attained[attained["same_scope"]].reset_index(drop=True)
    out = []
    for i in range(len(same)):  # a handful of same-scope target/result pairs
        r = same.iloc[i]
        out.append(
            f"{r['jalali_year']}, {r['scope']}: target {text.estimate(Estimate(r['value'], r['low'], r['high']))} "
            f"({_revision_words(r)}), result "
            f"{text.estimate(Estimate(r['final_value'], r['final_low'], r['final_high']))}: "
            f"{_est(same, 'attainment_', 'percent', i)} percent, {r['verdict']}"
        )
    return out


def seed_answer(seed: SeedFigures, publication: tuple[pd.Timestamp, pd.Timestamp], windows_long: pd.DataFrame,
                spans_seed: pd.DataFrame, spans_ledger: pd.DataFrame) -> str:
    """The seed view's answer in Markdown sentences, every number computed here or read from the ledger.

    ``windows_long`` is :func:`date_dependent` over :func:`publication_windows`; ``spans_*`` are
    :func:`spans_for_implied` with the seed's counts and with the ledger's.
    """
    prev_year = seed.year - 1
    tgt = target_against_previous(seed).set_index("quantity")
    pace = part_year_pace_against_previous(seed)
    bank = seed_bank_facility(seed).set_index("quantity")
    implied = seed_implied_count(seed)
    on_time = last_day_on_schedule(seed)

    def q(table: pd.DataFrame, name: str) -> str:
        r = table.loc[name]
        return format_estimate(float(r["value"]), float(r["low"]), float(r["high"]), str(r["unit"]))

    def w(name: str, quantity: str) -> str:
        r = windows_long[(windows_long["label"] == name) & (windows_long["quantity"] == quantity)].iloc[0]
        return format_estimate(float(r["value"]), float(r["low"]), float(r["high"]), str(r["unit"]))

    labels = list(dict.fromkeys(windows_long["label"]))
    narrowed = labels[1:]
    pct_pace = pace.iloc[3]
    lines = [
        f"**Seed view** (the primary source {seed.source_id}, undated: published in the interval "
        f"{text.date_range(*publication)}).",
        "",
        f"- **Target against last year.** The {seed.year} target of {q(tgt, f'{seed.year} target')} units "
        f"({seed.target['scope']}) is {q(tgt, 'target minus result')} units, or {q(tgt, 'target against result')} percent, "
        f"above the {q(tgt, f'{prev_year} result')} units revived in {prev_year}.",
        f"- **Pace.** The first part of {seed.year} ({int(pace['days'].iloc[1])} days, "
        f"{seed.part_year['start_jalali']} to {seed.part_year['end_jalali']}) brought "
        f"{text.number(seed.part_year['value'])} units, {format_estimate(pace['value'].iloc[1], pace['low'].iloc[1], pace['high'].iloc[1], 'units per day')} "
        f"a day, against {format_estimate(pace['value'].iloc[0], pace['low'].iloc[0], pace['high'].iloc[0], 'units per day')} a day over the "
        f"{int(pace['days'].iloc[0])} days of {prev_year}: the pace "
        f"{direction(Estimate(pct_pace['value'], pct_pace['low'], pct_pace['high']))} by "
        f"{text.number(abs(pct_pace['value']), 1)} percent.",
        f"- **Progress to date.** {text.number(seed.to_date['value'])} units to date are "
        f"{w(labels[0], 'progress to target')} percent of the target. Progress kept pace with the calendar only up to "
        f"{text.date(on_time[1])}"
        + ("; every narrowed window below lies after that day, so on those readings progress lagged the calendar."
           if bool((windows_long[windows_long["label"].isin(narrowed)]["earliest"] > on_time[1]).all()) else "."),
    ]
    for name in narrowed:
        lines.append(
            f"    - Published within the **{name}** window: {w(name, 'share of year elapsed')} percent of the year had "
            f"passed (progress minus share: {w(name, 'progress minus share elapsed')} points); the pace to date was "
            f"{w(name, 'pace to date')} units a day against {w(name, 'pace for the target over the whole year')} for the "
            f"target; the rest of the year needed {w(name, 'pace needed for the rest of the year')} a day; at the pace to "
            f"date the year would end at {w(name, 'year-end projection at the pace to date')} units "
            f"({w(name, 'projection against target')} percent of the target)."
        )
    lines.append(
        f"    - Across the whole publication interval the projection ranges {w(labels[0], 'year-end projection at the pace to date')} "
        f"units and the pace needed {w(labels[0], 'pace needed for the rest of the year')} a day."
    )
    best_seed = spans_seed.sort_values("n_years", kind="stable").iloc[-1]
    over = spans_ledger[spans_ledger["implied_minus_sum_high"] < 0]
    lines.append(
        f"- **\"{text.number(seed.revived_share['value'])} percent of {text.number(seed.idle_units['value'])}\"** implies "
        f"{text.estimate(implied, 0)} units ({seed.revived_share['scope']} scope). "
        + ("No" if not spans_seed["overlaps"].any() else "A")
        + f" run of the seed's own counts reaches it: {prev_year} plus {seed.year} to date make "
        f"{text.number(best_seed['value'])}; {seed.year} to date would have to be "
        f"{format_estimate(best_seed['last_year_needed_value'], best_seed['last_year_needed_low'], best_seed['last_year_needed_high'], 'units')} "
        f"units instead of {text.number(seed.to_date['value'])}. "
        + (f"With every yearly count in the ledger, {int(spans_ledger['overlaps'].sum())} of {len(spans_ledger)} runs ending in "
           f"{seed.year} overlap it"
           + (f"; runs from {int(over['first_year'].max())} or earlier already exceed it ({text.number(over['low'].min())} units or more)"
              if len(over) else "")
           + ". The share is stated for the " + seed.revived_share["scope"] + " scope while the yearly counts are "
           + ", ".join(sorted(set(" → ".join(spans_ledger["scopes"]).split(" → ")))) + ": a cross-scope comparison.")
    )
    lines.append(
        f"- **Bank facilities.** Production units' share of bank facilities, {q(bank, 'share of bank facilities now')} percent, "
        f"is {q(bank, 'gap')} percentage points short of the {q(bank, 'share sought')} percent sought "
        f"(a relative increase of {q(bank, 'relative increase needed')} percent)."
    )
    return "\n".join(lines)


def long_view_answer(counts: pd.DataFrame, yoy: pd.DataFrame, revisions: pd.DataFrame, attained: pd.DataFrame,
                     projections: pd.DataFrame, totals: pd.DataFrame) -> str:
    """The long view's answer in Markdown, generated from the computed tables."""
    years = counts["jalali_year"]
    peak = counts.sort_values(["pace_value", "jalali_year"], kind="stable").iloc[-1]
    low = counts[~counts["scope"].isin(list(NON_REVIVAL_SCOPES))].sort_values(["pace_value", "jalali_year"], kind="stable").iloc[0]
    lines = [
        f"**Long view** ({len(counts)} full-year counts for {years.nunique()} Iranian years, {int(years.min())} to "
        f"{int(years.max())}, in {counts['scope'].nunique()} scopes; years without a full-year count: "
        + (", ".join(str(y) for y in sorted(set(range(int(years.min()), int(years.max()) + 1)) - set(int(v) for v in years))) or "none")
        + ").",
        "",
        "- **Is the pace rising or falling?** Neither steadily. Year on year within one scope:",
    ]
    lines += [f"    - {s}" for s in year_on_year_sentences(yoy)]
    lines.append(
        f"    - The fastest full-year pace is {text.number(peak['pace_value'], 2)} units a day ({peak['scope']}, "
        f"{peak['jalali_year']}, {peak['year_length']} days); the slowest {text.number(low['pace_value'], 2)} "
        f"({low['scope']}, {low['jalali_year']}). Other year pairs change scope and are listed below as cross-scope."
    )
    lines.append("- **Were the targets met?** Against a result of the same scope:")
    lines += [f"    - {s}" for s in attainment_sentences(attained)]
    no_same = attained.groupby(["jalali_year", "scope", "value"])["same_scope"].transform("any")
    unmatched = attained[~no_same].drop_duplicates(["jalali_year", "scope", "value"])
    unmatched = unmatched[~unmatched["scope"].isin(list(NON_REVIVAL_SCOPES))]
    if len(unmatched):
        lines.append("    - Targets with no same-scope result (only cross-scope comparisons below): "
                     + "; ".join(f"{r.jalali_year} {r.scope} {text.number(r.value)}" for r in unmatched.itertuples()) + ".")
    revised = revisions[revisions["revision"] > 1]
    if len(revised):
        lines.append("- **Revisions.** " + "; ".join(
            f"{r.jalali_year} {r.scope}: {text.number(r.revised_from)} → {text.number(r.value)} ({r.change}, first stated "
            f"{r.first_published:%Y-%m-%d})" for r in revised.itertuples()) + ".")
    same = projections[projections["same_scope"]]
    if len(same):
        lines.append("- **Projections against outcomes** (same scope): " + "; ".join(
            f"{r.jalali_year} {r.scope}, {r.point}: projected "
            f"{format_estimate(r.projection_value, r.projection_low, r.projection_high, 'units')}, final {text.number(r.final_value)}"
            for r in same.itertuples()) + ".")
    partial = totals["verdict"].str.startswith("cannot be fully checked")
    checked = totals[~partial]
    text_checked = "; ".join(f"{text.number(r.value)} {r.scope} ({r.period}): {r.verdict}" for r in checked.itertuples())
    with_part = totals[partial & (totals["covered_sum_value"] > 0)]
    lines.append(
        f"- **Multi-year totals.** {int(partial.sum())} of {len(totals)} cannot be fully checked for want of full-year "
        "counts of their scope" + (f"; checked: {text_checked}" if len(checked) else "")
        + ("; where some covered years have counts, the rest must hold: " + "; ".join(
            f"{text.number(r.value)} {r.scope} ({r.period}) less {text.number(r.covered_sum_value)} leaves "
            f"{format_estimate(r.remainder_value, r.remainder_low, r.remainder_high, 'units')} for {r.missing_years}"
            for r in with_part.itertuples()) if len(with_part) else "") + ".")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Chart data and charts (the notebook calls these, then plots.finish and plots.publish)
# --------------------------------------------------------------------------------------------

def seed_pace_bars(seed: SeedFigures, windows_long: pd.DataFrame) -> pd.DataFrame:
    """Paces per day for the seed's pace chart: previous year, part year, to date and needed per window.

    Columns: ``bar`` (label), ``what`` (achieved / needed), ``value``, ``low``, ``high`` (units per
    day; ``value`` NaN where only bounds exist, ``high`` inf where unbounded), ``figure_ids``.
    """
    pace = part_year_pace_against_previous(seed)
    parts = [pd.DataFrame({
        "bar": [f"{seed.year - 1}, full year", f"{seed.year}, {_point_label(seed.part_year.to_frame().T).iloc[0]}"],
        "what": "achieved",
        "value": pace["value"].iloc[:2].to_numpy(), "low": pace["low"].iloc[:2].to_numpy(), "high": pace["high"].iloc[:2].to_numpy(),
        "figure_ids": pace["figure_ids"].iloc[:2].to_numpy(),
    })]
    for quantity, what, name in (("pace to date", "achieved", "to date"),
                                 ("pace for the target over the whole year", "needed", "target, whole year"),
                                 ("pace needed for the rest of the year", "needed", "needed for the rest")):
        rows = windows_long[windows_long["quantity"] == quantity]
        if name == "target, whole year":
            rows = rows.iloc[:1]
        label = f"{seed.year}, {name}" + ("" if name == "target, whole year" else "\n(" + rows["label"].str.split(" = ").str[0] + ")")
        parts.append(pd.DataFrame({"bar": label, "what": what, "value": rows["value"], "low": rows["low"],
                                   "high": rows["high"], "figure_ids": f"{seed.to_date['figure_id']}, {seed.target['figure_id']}"}))
    return pd.concat(parts, ignore_index=True)


def plot_pace_bars(bars: pd.DataFrame):
    """Horizontal bars (or floating ranges where only bounds exist) of paces per day, whiskers for bounds."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(10.5, 5.6))
    y = np.arange(len(bars))
    top = float(np.nanmax(bars["high"].replace(np.inf, np.nan))) * 1.25
    colours = bars["what"].map({"achieved": "#3b6ea5", "needed": "#c8553d"})
    point = bars["value"].notna().to_numpy()
    ax.barh(y[point], bars["value"][point], color=colours[point], height=0.6)
    err = np.vstack([bars["value"][point] - bars["low"][point], bars["high"][point] - bars["value"][point]])
    ax.errorbar(bars["value"][point], y[point], xerr=err, fmt="none", ecolor="black", capsize=4)
    highs = bars["high"].where(np.isfinite(bars["high"]), top)
    ax.barh(y[~point], (highs - bars["low"])[~point], left=bars["low"][~point], color=colours[~point], alpha=0.45,
            hatch="//", edgecolor=colours[~point], height=0.6)
    for i in np.flatnonzero(~np.isfinite(bars["high"].to_numpy())):
        ax.annotate("no upper limit (no days left) →", (top, y[i]), ha="right", va="center", fontsize=8.5)
    for i in np.flatnonzero(point):
        ax.annotate(f"{bars['value'].iloc[i]:.2f}", (bars["high"].iloc[i], y[i]), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8.5)
    for i in np.flatnonzero(~point & np.isfinite(bars["high"].to_numpy())):
        ax.annotate(f"{bars['low'].iloc[i]:.2f} to {bars['high'].iloc[i]:.2f}", (bars["high"].iloc[i], y[i]), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8.5)
    ax.set_yticks(y, bars["bar"].str.replace("\n", " ", regex=False), fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, top)
    ax.legend(handles=[Patch(color="#3b6ea5", label="achieved"), Patch(color="#c8553d", label="needed for the target"),
                       Patch(facecolor="#999999", alpha=0.45, hatch="//", label="range across a date window")],
              loc="upper right", fontsize=9)
    return fig, ax


def plot_progress_curve(curve: pd.DataFrame, windows: pd.DataFrame, on_schedule: pd.Timestamp):
    """Share of the year elapsed, day by day, against the seed's (constant) progress to target."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10.5, 5.2))
    ax.plot(curve["date"], curve["share_elapsed_pct"], color="#3b6ea5", label="share of the year elapsed")
    ax.plot(curve["date"], curve["progress_pct"], color="#c8553d", label="progress to target (units to date / target)")
    ax.fill_between(curve["date"], curve["progress_low"], curve["progress_high"], color="#c8553d", alpha=0.2)
    shades = ["#dddddd", "#b9d3ea", "#f3d3b8", "#cfe8cf"]
    for i, r in enumerate(windows.itertuples()):
        if i == 0:
            continue  # the whole x range is the publication interval
        ax.axvspan(r.earliest, r.latest, color=shades[i % len(shades)], alpha=0.6, label=f"{r.label} window ({r.earliest:%Y-%m-%d} to {r.latest:%Y-%m-%d})")
    ax.axvline(on_schedule, color="black", linestyle=":",
               label=f"last day progress >= share elapsed ({on_schedule:%Y-%m-%d}, {calendar.format_jalali(on_schedule)})")
    from . import plots

    first, last = curve["date"].iloc[0], curve["date"].iloc[-1]
    year = calendar.jalali_year_of(first)
    month_starts = [pd.Timestamp(calendar.month_bounds(year, m)[0]) for m in range(1, 13)]
    ticks = sorted({t for t in month_starts if first <= t <= last} | {first, last})
    plots.label_dates_both_calendars(ax, ticks)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_ylim(0, 105)
    ax.legend(fontsize=8.5, loc="upper left")
    return fig, ax


_SCOPE_STYLE = {"national": ("#3b6ea5", "o"), "smes": ("#c8553d", "s"), "industrial_parks": ("#5a9e4b", "^"),
                "outside_parks": ("#8e6bb4", "D"), "economic_units": ("#b08a2e", "v"),
                "renovation_programme": ("#777777", "x"), "capacity_programme": ("#444444", "+")}


def _style(scope: str) -> tuple[str, str]:
    return _SCOPE_STYLE.get(scope, ("#222222", "o"))


def plot_by_year(counts: pd.DataFrame, prefix: str = "", offsets: float = 0.12):
    """Full-year values per Iranian year, one marker series per scope, whiskers for bounds.

    ``prefix`` picks the columns: '' for units, 'pace_' for units per day.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5))
    scopes = list(dict.fromkeys(counts.sort_values("scope", kind="stable")["scope"]))
    for k, scope in enumerate(scopes):  # one series per scope
        rows = counts[counts["scope"] == scope]
        colour, marker = _style(scope)
        x = rows["jalali_year"].astype(float) + (k - (len(scopes) - 1) / 2) * offsets
        v, lo, hi = rows[f"{prefix}value"], rows[f"{prefix}low"], rows[f"{prefix}high"]
        ax.errorbar(x, v, yerr=np.vstack([v - lo, hi - v]), fmt=marker, color=colour, capsize=3, label=scope, markersize=7)
    years = sorted(int(y) for y in counts["jalali_year"].unique())
    ax.set_xticks(range(years[0], years[-1] + 1))
    ax.legend(title="scope", fontsize=9)
    ax.set_ylim(bottom=0)
    return fig, ax


def plot_year_to_date(ytd: pd.DataFrame, counts: pd.DataFrame):
    """Year-to-date counts against the day of the Iranian year they end on, one colour per year.

    Markers show scope; horizontal bars show an end known only within bounds; full-year counts sit
    at the year's last day.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10.5, 5.6))
    frames = pd.concat([ytd.assign(kind="to date"),
                        counts.assign(kind="full year", day_low=counts["year_length"], day_high=counts["year_length"])],
                       ignore_index=True)
    years = sorted(int(y) for y in frames["jalali_year"].unique())
    cmap = plt.get_cmap("viridis", len(years))
    for i, year in enumerate(years):  # one colour per year
        for scope in sorted(frames.loc[frames["jalali_year"] == year, "scope"].unique()):
            rows = frames[(frames["jalali_year"] == year) & (frames["scope"] == scope)]
            mid = (rows["day_low"] + rows["day_high"]) / 2
            ax.errorbar(mid, rows["value"], xerr=(rows["day_high"] - rows["day_low"]) / 2,
                        yerr=np.vstack([rows["value"] - rows["low"], rows["high"] - rows["value"]]),
                        fmt=_style(scope)[1], color=cmap(i), capsize=2, markersize=6, linestyle="none")
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=cmap(i), marker="o", linestyle="none", label=str(y)) for i, y in enumerate(years)]
    handles += [Line2D([], [], color="#555555", marker=_style(s)[1], linestyle="none", label=s)
                for s in sorted(frames["scope"].unique())]
    ax.legend(handles=handles, fontsize=8, ncol=2, loc="upper left", title="year / scope")
    starts = [1 + 31 * m for m in range(6)] + [187 + 30 * m for m in range(6)]  # months 1-6: 31 days; 7-11: 30
    ax.set_xticks(starts, [str(m + 1) for m in range(12)], fontsize=9)
    ax.set_xlim(0, 370)
    return fig, ax


def plot_targets(attained: pd.DataFrame, counts: pd.DataFrame):
    """Every target value per year (hollow, numbered by revision) against each final count (filled)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10.5, 5.4))
    targets = attained.drop_duplicates(["jalali_year", "scope", "value"])
    targets = targets[~targets["scope"].isin(list(NON_REVIVAL_SCOPES))]
    for scope in sorted(set(targets["scope"]) | set(counts["scope"])):
        colour, marker = _style(scope)
        t = targets[targets["scope"] == scope]
        ax.scatter(t["jalali_year"].astype(float) - 0.12, t["value"], facecolors="none", edgecolors=colour, marker=marker, s=70)
        for r in t.itertuples():
            ax.annotate(str(r.revision), (float(r.jalali_year) - 0.12, r.value), textcoords="offset points",
                        xytext=(-9, 0), fontsize=7.5, color=colour, va="center", ha="right")
        c = counts[counts["scope"] == scope]
        ax.errorbar(c["jalali_year"].astype(float) + 0.12, c["value"], yerr=np.vstack([c["value"] - c["low"], c["high"] - c["value"]]),
                    fmt=marker, color=colour, capsize=3, markersize=7, label=scope)
    from matplotlib.lines import Line2D

    handles, _ = ax.get_legend_handles_labels()
    handles += [Line2D([], [], color="#555555", marker="o", markerfacecolor="none", linestyle="none", label="target (number = revision)"),
                Line2D([], [], color="#555555", marker="o", linestyle="none", label="full-year result")]
    ax.legend(handles=handles, fontsize=8.5, loc="upper right")
    years = sorted(int(y) for y in pd.concat([targets["jalali_year"], counts["jalali_year"]]).unique())
    ax.set_xticks(range(years[0], years[-1] + 1))
    ax.set_ylim(bottom=0)
    return fig, ax
