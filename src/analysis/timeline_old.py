"""The timeline: what was reported, targeted and achieved, and when.

Everything here is derived from the ledger (:func:`analysis.ledger.load_ledger`) on whole columns:

- :func:`events`: one row per figure (nothing dropped; restatements marked, not hidden) with its
  period in both calendars, the period's type computed from its dates (:func:`classify_periods`),
  its length in days and the stating report's publication date or bounds;
- :func:`reports`: one row per source, placed at its date, with bounds where the date is estimated;
- :func:`seed_publication`: the seed's publication interval, with each line of evidence from its
  provenance record (:func:`analysis.seed.read_provenance`);
- :func:`seed_timeline`: every period and report the primary source mentions;
- :func:`yearly_results`, :func:`year_to_date`, :func:`target_revisions`, :func:`target_summary`:
  the long view, per Iranian year and scope.

Conventions
-----------
- Gregorian dates are written ``YYYY-MM-DD``, Iranian (Solar Hijri) dates ``YYYY/MM/DD``; a date known
  only within bounds is written ``earliest .. latest`` in each calendar.
- Day counts are inclusive of both ends (the first quarter of 1399, 2020-03-20 .. 2020-06-20, is 93
  days). A period whose end is the (possibly undated) publication has a *range* of lengths,
  ``days_low .. days_high``, from the publication's earliest and latest possible dates.
- Reports are ordered by their earliest possible publication date, then their latest, then id. An
  undated report is therefore placed at the start of its window in orderings; tables always show the
  whole window, and a year-to-date count is called lower than an earlier one only when it is
  *certainly* later (its earliest possible end is after the other's latest) and certainly lower
  (its upper bound is below the other's lower bound).
- Scopes are never pooled: every per-year table is per year *and* scope, and says the scope.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import calendar, plots
from .ledger import Ledger
from .seed import read_provenance
from .text import date_range, escape

#: Iranian month names (transliterated), month 1 first.
IRANIAN_MONTHS: tuple[str, ...] = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)

#: Period types :func:`classify_periods` assigns, with what each means.
PERIOD_TYPES: dict[str, str] = {
    "full_year": "a whole Iranian year (365 or 366 days)",
    "quarter": "an Iranian quarter: months 1-3, 4-6, 7-9 or 10-12 of one year",
    "half": "an Iranian half-year: months 1-6 or 7-12 of one year",
    "months": "a run of whole Iranian months inside one year that is not a quarter, half or year",
    "year_to_date": "from the first day of an Iranian year to a day that is not a month end, or to publication",
    "part_year": "inside one Iranian year, starting after its first day, not whole months",
    "multi_year": "a span that crosses the start of an Iranian year",
    "as_of": "a stock: a level at one date (or at the report's publication when no date is given)",
    "unstated": "a target stated without any period",
}

#: A chart's source line: the text itself, or a function writing it from the source ids drawn.
SourceLine = str | Callable[[list[str]], str]

_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_QUALIFIER_PREFIX = {"exact": "", "about": "about ", "over": "over ", "at_least": "at least ", "up_to": "up to "}


# --------------------------------------------------------------------------------------------
# Dates and periods
# --------------------------------------------------------------------------------------------

def gregorian_text(dates: pd.Series) -> pd.Series:
    """Datetimes written ``YYYY-MM-DD`` ('' where missing)."""
    return dates.dt.strftime("%Y-%m-%d").fillna("").astype("str")


def iranian_text(dates: pd.Series) -> pd.Series:
    """Datetimes written as Iranian dates ``YYYY/MM/DD`` ('' where missing)."""
    return calendar.gregorian_column_to_jalali(dates)


def bounds_text(earliest: pd.Series, latest: pd.Series, iranian: bool = False) -> pd.Series:
    """A date, or ``'earliest .. latest'`` where the two differ, in one calendar ('' where missing)."""
    fmt = iranian_text if iranian else gregorian_text
    lo, hi = fmt(earliest), fmt(latest)
    return lo.where(lo == hi, lo + " .. " + hi).where(lo != "", "")


def jalali_parts(dates: pd.Series) -> pd.DataFrame:
    """Iranian ``year``, ``month`` and ``day`` of each datetime (nullable integers; NA where missing)."""
    parts = iranian_text(dates).str.extract(r"^(\d{4})/(\d{2})/(\d{2})$")
    parts.columns = ["year", "month", "day"]
    return parts.apply(lambda col: pd.to_numeric(col).astype("Int64"))


def classify_periods(start: pd.Series, end: pd.Series, end_latest: pd.Series | None = None,
                     kind: pd.Series | None = None) -> pd.DataFrame:
    """The type (see :data:`PERIOD_TYPES`) and a readable label of each period, from its dates.

    Parameters
    ----------
    start, end: first and last day of each period (datetimes; ``end`` is NaT for a period that runs
        to the report's publication, ``start`` NaT for a stock or an undated target).
    end_latest: the latest possible end of an open period (the publication's latest date); used to
        tell a year-to-date figure from one whose window crosses into the next Iranian year.
    kind: the metric's kind (``flow``, ``stock``, ``target``); stocks are ``as_of`` whatever their dates.

    Returns
    -------
    A frame aligned with ``start`` holding ``period_type`` and ``period_label`` (for example
    ``quarter`` / ``first quarter of 1399`` for 2020-03-20 .. 2020-06-20).
    """
    index = start.index
    end_latest = end if end_latest is None else end_latest
    kind = pd.Series("flow", index=index, dtype="str") if kind is None else kind
    s = jalali_parts(start)
    e = jalali_parts(end)
    nxt = jalali_parts(end + pd.Timedelta(days=1))  # the day after the end: day 1 <=> the end closes a month
    open_year = jalali_parts(end_latest)["year"]
    has_start, has_end = start.notna(), end.notna()
    starts_month = (s["day"] == 1).fillna(False)
    starts_year = starts_month & (s["month"] == 1).fillna(False)
    ends_month = (nxt["day"] == 1).fillna(False)
    ends_year = ends_month & (nxt["month"] == 1).fillna(False)
    same_year = (s["year"] == e["year"]).fillna(False)
    whole_months = has_start & has_end & same_year & starts_month & ends_month
    s_txt, e_txt = iranian_text(start), iranian_text(end)
    sy, ey = s["year"].astype("str"), e["year"].astype("str")
    sm, em = s["month"], e["month"]
    span = em - sm + 1

    conditions = [
        kind == "stock",
        ~has_start & ~has_end,
        has_start & ~has_end & (s["year"] != open_year).fillna(False),
        has_start & ~has_end & starts_year,
        has_start & ~has_end,
        has_start & has_end & ~same_year,
        whole_months & starts_year & ends_year,
        whole_months & (span == 3).fillna(False) & (sm % 3 == 1).fillna(False),
        whole_months & (span == 6).fillna(False) & (sm % 6 == 1).fillna(False),
        whole_months,
        has_start & has_end & starts_year,
    ]
    types = ["as_of", "unstated", "multi_year", "year_to_date", "part_year", "multi_year",
             "full_year", "quarter", "half", "months", "year_to_date"]
    period_type = pd.Series(np.select(conditions, types, default="part_year"), index=index, dtype="str")

    month_name = lambda m: m.map(lambda x: IRANIAN_MONTHS[int(x) - 1], na_action="ignore").fillna("").astype("str")  # noqa: E731
    months_label = ("months " + sm.astype("str") + "-" + em.astype("str") + " of " + sy
                    + " (" + month_name(sm) + "-" + month_name(em) + ")")
    one_month_label = "month " + sm.astype("str") + " of " + sy + " (" + month_name(sm) + ")"
    quarter_no = ((sm - 1) // 3 + 1).map(_ORDINALS, na_action="ignore").fillna("").astype("str")
    half_no = ((sm - 1) // 6 + 1).map(_ORDINALS, na_action="ignore").fillna("").astype("str")
    label_choices = [
        pd.Series("as of " + e_txt, index=index).where(has_end, "undated; placed at the report's publication"),
        pd.Series("no period stated", index=index),
        "from " + s_txt + " to publication (crosses a year)",
        sy + " to date (to publication)",
        "from " + s_txt + " to publication",
        ("years " + sy + "-" + ey).where(starts_year & ends_year, s_txt + " to " + e_txt),
        "year " + sy,
        quarter_no + " quarter of " + sy,
        half_no + " half of " + sy,
        months_label.where(span > 1, one_month_label),
        sy + " to " + e_txt + " (year to date)",
    ]
    labels = pd.Series(s_txt + " to " + e_txt, index=index, dtype="str")
    for cond, lab in reversed(list(zip(conditions, label_choices))):  # eleven rules, not rows
        labels = labels.where(~cond.fillna(False).astype(bool), lab)
    return pd.DataFrame({"period_type": period_type, "period_label": labels.astype("str")}, index=index)


def period_type(start, end) -> tuple[str, str, int]:
    """Type, label and inclusive length in days of one closed flow period.

    ``period_type('2020-03-20', '2020-06-20') == ('quarter', 'first quarter of 1399', 93)``.
    """
    s = pd.Series([pd.Timestamp(start)])
    e = pd.Series([pd.Timestamp(end)])
    row = classify_periods(s, e).iloc[0]
    return str(row["period_type"]), str(row["period_label"]), int(calendar.days_inclusive(s.iloc[0], e.iloc[0]))


def value_text(value: pd.Series, qualifier: pd.Series, unit: pd.Series | None = None) -> pd.Series:
    """A stated figure in words: ``'at least 40 percent'``, ``'about 2,200'``, ``'1,185'``."""
    digits = value.map(lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0"))
    out = qualifier.map(_QUALIFIER_PREFIX).fillna("") + digits.astype("str")
    if unit is not None:
        out = out + unit.map({"percent": " percent"}).fillna("")
    return out.astype("str")


# --------------------------------------------------------------------------------------------
# Events and reports
# --------------------------------------------------------------------------------------------

#: Columns of :func:`events`, in order, with what each holds.
EVENT_COLUMNS: dict[str, str] = {
    "figure_id": "the figure's id in the ledger",
    "source_id": "the report stating it",
    "publisher": "the report's outlet",
    "primary": "whether the report is the primary source (the seed)",
    "metric": "what is counted",
    "kind": "flow, stock or target",
    "unit": "the metric's unit",
    "value": "the number as stated",
    "qualifier": "how it was worded (exact, about, over, at_least, up_to)",
    "low": "lower bound its wording implies",
    "high": "upper bound its wording implies",
    "value_text": "the figure in words ('at least 40 percent')",
    "scope": "what it covers (national, smes, industrial_parks, ...)",
    "jalali_year": "the Iranian year the period lies in (NA for multi-year spans)",
    "period_type": "see PERIOD_TYPES",
    "period_label": "the period in words ('first quarter of 1399')",
    "start": "first day of the period (datetime; NaT for stocks and undated targets)",
    "end": "last day (datetime; NaT when it runs to the publication)",
    "end_earliest": "earliest possible last day (the publication's earliest date when the end is open)",
    "end_latest": "latest possible last day",
    "start_gregorian": "start, YYYY-MM-DD",
    "start_iranian": "start, YYYY/MM/DD",
    "end_gregorian": "end or its bounds, YYYY-MM-DD (.. YYYY-MM-DD)",
    "end_iranian": "end or its bounds, YYYY/MM/DD (.. YYYY/MM/DD)",
    "end_open": "whether the end is the report's (possibly undated) publication",
    "days_low": "inclusive length in days with the earliest end",
    "days_high": "inclusive length in days with the latest end",
    "published_earliest": "the report's earliest possible publication date",
    "published_latest": "the report's latest possible publication date",
    "published_gregorian": "the publication date or its bounds, YYYY-MM-DD",
    "published_iranian": "the same in the Iranian calendar",
    "date_basis": "how the publication date is known (shown, url_date, id_interpolation, text_clues)",
    "restates": "the earlier figure this one repeats ('' if none)",
    "is_restatement": "whether it repeats an earlier figure",
    "restated_by": "later figures that repeat this one, comma-separated",
    "speaker": "who stated it",
    "agency": "the news agency the source credits",
    "note": "context, in the ledger's words",
}


def events(ledger: Ledger) -> pd.DataFrame:
    """One row per ledger figure, placed in time (columns: :data:`EVENT_COLUMNS`).

    Nothing is dropped: a figure that repeats an earlier one keeps its row, with ``is_restatement``
    set and the original's ``restated_by`` naming it. Rows are ordered by the stating report's
    earliest possible publication date, then its latest, then source and figure id.
    """
    f = ledger.figures
    src = ledger.sources.set_index("source_id")
    kinds = classify_periods(f["start"], f["end"], f["end_latest"], f["kind"])
    with_start = f["start"].notna()
    days_low = calendar.days_inclusive(f["start"], f["end_earliest"]).where(with_start).astype("Int64")
    days_high = calendar.days_inclusive(f["start"], f["end_latest"]).where(with_start).astype("Int64")
    restated_by = (f[f["restates"] != ""].groupby("restates", sort=True)["figure_id"]
                   .agg(lambda ids: ", ".join(sorted(ids))))
    out = pd.DataFrame({
        "figure_id": f["figure_id"],
        "source_id": f["source_id"],
        "publisher": f["source_id"].map(src["publisher"]).astype("str"),
        "primary": f["primary"],
        "metric": f["metric"],
        "kind": f["kind"],
        "unit": f["unit"],
        "value": f["value"],
        "qualifier": f["qualifier"],
        "low": f["low"],
        "high": f["high"],
        "value_text": value_text(f["value"], f["qualifier"], f["unit"]),
        "scope": f["scope"],
        "jalali_year": f["jalali_year"],
        "period_type": kinds["period_type"],
        "period_label": kinds["period_label"],
        "start": f["start"],
        "end": f["end"],
        "end_earliest": f["end_earliest"],
        "end_latest": f["end_latest"],
        "start_gregorian": gregorian_text(f["start"]),
        "start_iranian": iranian_text(f["start"]),
        "end_gregorian": bounds_text(f["end_earliest"], f["end_latest"]),
        "end_iranian": bounds_text(f["end_earliest"], f["end_latest"], iranian=True),
        "end_open": f["end_from_publication"],
        "days_low": days_low,
        "days_high": days_high,
        "published_earliest": f["published_earliest"],
        "published_latest": f["published_latest"],
        "published_gregorian": bounds_text(f["published_earliest"], f["published_latest"]),
        "published_iranian": bounds_text(f["published_earliest"], f["published_latest"], iranian=True),
        "date_basis": f["source_id"].map(src["date_basis"]).astype("str"),
        "restates": f["restates"],
        "is_restatement": f["restates"] != "",
        "restated_by": f["figure_id"].map(restated_by).fillna("").astype("str"),
        "speaker": f["speaker"],
        "agency": f["agency"],
        "note": f["note"],
    })
    return out.sort_values(["published_earliest", "published_latest", "source_id", "figure_id"],
                           kind="stable").reset_index(drop=True)


def reports(ledger: Ledger) -> pd.DataFrame:
    """One row per source, placed at its publication date (or its bounds where estimated).

    Columns: ``source_id``, ``publisher``, ``language``, ``primary``, ``date_basis``,
    ``estimated`` (the date is not shown on the page: ``date_basis != 'shown'``), ``earliest``,
    ``latest`` (datetimes), ``window_days`` (inclusive length of the window, 1 for a known date),
    ``published_gregorian``, ``published_iranian``, ``jalali_years`` (Iranian years the window
    touches), ``n_figures``, ``n_new`` (figures that do not repeat an earlier one), ``metrics``.
    Ordered by earliest, latest, source id.
    """
    s = ledger.sources
    f = ledger.figures
    counts = f.groupby("source_id").agg(
        n_figures=("figure_id", "size"),
        n_new=("restates", lambda r: int((r == "").sum())),
        metrics=("metric", lambda m: ", ".join(sorted(set(m)))),
    )
    y0 = jalali_parts(s["published_earliest"])["year"].astype("str")
    y1 = jalali_parts(s["published_latest"])["year"].astype("str")
    out = pd.DataFrame({
        "source_id": s["source_id"],
        "publisher": s["publisher"],
        "language": s["language"],
        "primary": s["primary"],
        "date_basis": s["date_basis"],
        "estimated": s["date_basis"] != "shown",
        "earliest": s["published_earliest"],
        "latest": s["published_latest"],
        "window_days": calendar.days_inclusive(s["published_earliest"], s["published_latest"]).astype("int64"),
        "published_gregorian": bounds_text(s["published_earliest"], s["published_latest"]),
        "published_iranian": bounds_text(s["published_earliest"], s["published_latest"], iranian=True),
        "jalali_years": y0.where(y0 == y1, y0 + "-" + y1),
        "n_figures": s["source_id"].map(counts["n_figures"]).fillna(0).astype("int64"),
        "n_new": s["source_id"].map(counts["n_new"]).fillna(0).astype("int64"),
        "metrics": s["source_id"].map(counts["metrics"]).fillna("").astype("str"),
    })
    return out.sort_values(["earliest", "latest", "source_id"], kind="stable").reset_index(drop=True)


def seed_publication(ledger: Ledger) -> pd.DataFrame:
    """The primary source's publication interval and each line of evidence for it.

    The first row is the interval the ledger uses everywhere (``evidence = 'ledger bounds'``, equal
    to the provenance record's own bounds); the next rows are the provenance record's evidence lines
    (for example ``text_clues``, ``id_interpolation``, ``cross_report``), each with its window; the
    last row, ``all evidence combined``, is where every window overlaps (empty ``earliest`` when
    they do not). Columns: ``evidence``, ``basis``, ``earliest``, ``latest`` (datetimes),
    ``days`` (inclusive), ``gregorian``, ``iranian``, ``reasoning``.
    """
    primary = ledger.primary_source()
    prov = read_provenance(primary["seed_file"])
    lines = pd.DataFrame({
        "evidence": ["ledger bounds", *[e.basis for e in prov.evidence]],
        "basis": [str(primary["date_basis"]), *[e.basis for e in prov.evidence]],
        "earliest": pd.to_datetime([primary["published_earliest"], *[e.earliest for e in prov.evidence]]),
        "latest": pd.to_datetime([primary["published_latest"], *[e.latest for e in prov.evidence]]),
        "reasoning": ["the interval used throughout the analysis (the provenance record's date bounds)",
                      *[" ".join(e.reasoning.split()) for e in prov.evidence]],
    })
    lo, hi = lines["earliest"].max(), lines["latest"].min()
    combined = pd.DataFrame({
        "evidence": ["all evidence combined"], "basis": ["overlap"],
        "earliest": pd.to_datetime([lo if lo <= hi else pd.NaT]),
        "latest": pd.to_datetime([hi if lo <= hi else pd.NaT]),
        "reasoning": ["the days every window above allows; the id interpolation is an estimate, not a proof"],
    })
    out = pd.concat([lines, combined], ignore_index=True)
    return pd.DataFrame({
        "evidence": out["evidence"].astype("str"),
        "basis": out["basis"].astype("str"),
        "earliest": out["earliest"],
        "latest": out["latest"],
        "days": calendar.days_inclusive(out["earliest"], out["latest"]).astype("Int64"),
        "gregorian": bounds_text(out["earliest"], out["latest"]),
        "iranian": bounds_text(out["earliest"], out["latest"], iranian=True),
        "reasoning": out["reasoning"].astype("str"),
    })


def first_reported(ev: pd.DataFrame) -> pd.DataFrame:
    """When each figure was first in print: after its period ended, by the earliest report stating it.

    A count over a closed period cannot be published before the period ends, and it was in print no
    later than the earliest latest-possible date of any report that states it (the figure itself or
    a restatement of it, along ``restates``). Returns, aligned with ``ev``, ``first_earliest``
    (the day after the period's end; NaT for open periods, stocks and targets) and ``first_latest``.
    """
    family = ev["restates"].where(ev["restates"] != "", ev["figure_id"])
    latest = ev.groupby(family)["published_latest"].transform("min")
    closed_flow = (ev["kind"] == "flow") & ~ev["end_open"] & ev["end"].notna()
    return pd.DataFrame({
        "first_earliest": (ev["end"] + pd.Timedelta(days=1)).where(closed_flow),
        "first_latest": latest.where(closed_flow),
    }, index=ev.index)


def seed_timeline(ledger: Ledger, ev: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every period and report the primary source mentions, in both calendars.

    Rows, in this order:

    - one per distinct period its figures cover (``kind = 'period'``), by start date;
    - stocks and targets the text ties to no date of its own (``kind = 'undated statement'``), grouped
      at the publication interval;
    - one per agency report it cites for a count over a closed period (``kind = 'cited report'``;
      window from :func:`first_reported`: after the period ended, no later than the first report
      in the ledger stating the same count);
    - its own publication interval and each evidence line (``kind = 'publication'``, from
      :func:`seed_publication`).

    Columns: ``kind``, ``item``, ``figure_ids``, ``figures`` (metric and value in words, with scope),
    ``start``, ``end_earliest``, ``end_latest``, ``start_gregorian``, ``start_iranian``,
    ``end_gregorian``, ``end_iranian``, ``days_low``, ``days_high``, ``basis``.
    """
    ev = events(ledger) if ev is None else ev
    seed = ev[ev["primary"]]
    seed = seed.assign(figure_text=seed["metric"].str.replace("_", " ") + " " + seed["value_text"]
                       + " (" + seed["scope"].str.replace("_", " ") + ")")
    keys = ["period_label", "start_gregorian", "end_gregorian"]
    periods = seed.groupby(keys, sort=False).agg(
        figure_ids=("figure_id", ", ".join), figures=("figure_text", "; ".join),
        start=("start", "first"), end_earliest=("end_earliest", "first"), end_latest=("end_latest", "first"), days_low=("days_low", "first"), days_high=("days_high", "first"),
        period_type=("period_type", "first"), basis=("date_basis", "first"),
    ).reset_index()
    undated = periods["start"].isna()
    undated_item = pd.Series("undated stocks and shares, placed at the publication", index=periods.index).where(
        periods["period_type"] == "as_of", "target stated with no period, placed at the publication")
    periods = periods.assign(
        kind=pd.Series("period", index=periods.index).where(~undated, "undated statement"),
        item=periods["period_label"].where(~undated, undated_item),
        basis=periods["basis"].where(undated, "stated period"),
    )

    first = first_reported(ev).loc[seed.index]
    cited = seed.assign(**first)[(seed["agency"] != "") & first["first_earliest"].notna()]
    cited = cited.groupby("agency", sort=True).agg(
        figure_ids=("figure_id", ", ".join), figures=("figure_text", "; ".join),
        end_earliest=("first_earliest", "max"), end_latest=("first_latest", "min"),
    ).reset_index()
    cited = cited.assign(kind="cited report", item=cited["agency"] + " report cited by the seed",
                         start=pd.NaT, basis="after the period ended; by the first report stating it")

    pub = seed_publication(ledger)
    pub = pub.drop_duplicates(["basis", "earliest", "latest"])  # an evidence line that is the ledger's own bounds
    publication = pd.DataFrame({
        "kind": "publication",
        "item": "the seed's publication: " + (pub["evidence"] + " (" + pub["basis"] + ")").where(
            pub["evidence"] != pub["basis"], pub["basis"] + " window"),
        "figure_ids": "", "figures": "",
        "start": pd.NaT, "end_earliest": pub["earliest"], "end_latest": pub["latest"], "basis": pub["basis"],
    })
    cols = ["kind", "item", "figure_ids", "figures", "start", "end_earliest", "end_latest", "basis"]
    out = pd.concat([periods[cols], cited[cols], publication[cols]], ignore_index=True)
    out = out.assign(
        start=pd.to_datetime(out["start"]),
        end_earliest=pd.to_datetime(out["end_earliest"]),
        end_latest=pd.to_datetime(out["end_latest"]),
    )
    out = out.assign(
        start_gregorian=gregorian_text(out["start"]),
        start_iranian=iranian_text(out["start"]),
        end_gregorian=bounds_text(out["end_earliest"], out["end_latest"]),
        end_iranian=bounds_text(out["end_earliest"], out["end_latest"], iranian=True),
        days_low=calendar.days_inclusive(out["start"], out["end_earliest"]).astype("Int64"),
        days_high=calendar.days_inclusive(out["start"], out["end_latest"]).astype("Int64"),
        _kind=out["kind"].map({"period": 0, "cited report": 1, "undated statement": 2, "publication": 3}),
        _row=np.arange(len(out)),
    )
    # Dated periods by start, then cited reports, undated statements, and the publication evidence as recorded.
    out = out.assign(_when=out["start"].where(out["kind"] == "period"))
    order = out.sort_values(["_kind", "_when", "end_earliest", "end_latest", "_row"], kind="stable").index
    return out.loc[order].drop(columns=["_kind", "_row", "_when"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# The long view: yearly results, year-to-date series, targets
# --------------------------------------------------------------------------------------------

def yearly_results(ev: pd.DataFrame, metric: str = "units_revived") -> pd.DataFrame:
    """Full-year results per Iranian year and scope: one row per distinct value stated.

    Only figures whose period is a whole Iranian year (``period_type == 'full_year'``) count. Figures
    stating the same value for the same year and scope are one row, naming every figure and report
    (``figure_ids``, ``source_ids``, ``n_statements``); the first report (by date) gives ``figure_id``,
    ``source_id``, ``qualifier``, ``low`` and ``high``. ``values_in_scope`` counts the distinct values
    stated for that year and scope: above 1, the reports disagree. Ordered by year, scope, first report.
    """
    sel = ev[(ev["metric"] == metric) & (ev["period_type"] == "full_year")]
    keys = ["jalali_year", "scope", "value"]
    grouped = sel.groupby(keys, sort=False).agg(
        figure_id=("figure_id", "first"), source_id=("source_id", "first"),
        qualifier=("qualifier", "first"), low=("low", "first"), high=("high", "first"),
        unit=("unit", "first"), value_text=("value_text", "first"),
        period_label=("period_label", "first"),
        first_reported=("published_gregorian", "first"), _first=("published_earliest", "first"),
        figure_ids=("figure_id", ", ".join), source_ids=("source_id", lambda s: ", ".join(dict.fromkeys(s))),
        n_statements=("figure_id", "size"),
    ).reset_index()
    grouped = grouped.assign(
        values_in_scope=grouped.groupby(["jalali_year", "scope"])["value"].transform("size").astype("int64"),
        metric=metric,
    )
    grouped = grouped.sort_values(["jalali_year", "scope", "_first", "figure_id"], kind="stable")
    cols = ["jalali_year", "scope", "metric", "value", "qualifier", "low", "high", "value_text", "unit",
            "period_label", "figure_id", "source_id", "first_reported", "n_statements", "figure_ids",
            "source_ids", "values_in_scope"]
    return grouped[cols].reset_index(drop=True)


def year_to_date(ev: pd.DataFrame, metric: str = "units_revived", include_year_end: bool = True) -> pd.DataFrame:
    """Each Iranian year's in-year year-to-date series, per year and scope.

    A figure belongs to the series when its period starts on the first day of an Iranian year and
    ends inside that year: a first quarter or half, whole months from month 1, a year-to-date count
    with a stated end, or one that runs to the (possibly undated) publication. With
    ``include_year_end`` the full-year figure closes the series. Restatements are kept and marked.

    Ordered per year and scope by ``end_earliest``, then ``end_latest``, then figure id (an open end
    uses its report's publication bounds). Added columns:

    - ``step``: position in its series (1, 2, ...);
    - ``below_earlier``: the count is certainly lower than one certainly reported for an earlier end
      (its ``high`` is below the ``low`` of a figure whose ``end_latest`` precedes this figure's
      ``end_earliest``); ``below_figure`` names that figure (the highest such), ``below_value`` its value.
    """
    first_day = ev["start_iranian"].str.endswith("/01/01") & ev["jalali_year"].notna()
    types = ["quarter", "half", "months", "year_to_date"] + (["full_year"] if include_year_end else [])
    sel = ev[(ev["metric"] == metric) & first_day & ev["period_type"].isin(types)]
    sel = sel.sort_values(["jalali_year", "scope", "end_earliest", "end_latest", "figure_id"], kind="stable")
    sel = sel.reset_index(drop=True)
    sel = sel.assign(step=sel.groupby(["jalali_year", "scope"]).cumcount() + 1)

    # Running maximum of lower bounds among figures ordered by their latest possible end ...
    by_latest = sel.sort_values(["end_latest", "figure_id"], kind="stable")
    group = [by_latest["jalali_year"], by_latest["scope"]]
    running = by_latest["low"].groupby(group).cummax()
    previous = running.groupby(group).shift()
    new_high = previous.isna() | (by_latest["low"] > previous)  # the first figure to reach each new maximum
    holder = by_latest["figure_id"].where(new_high).groupby(group).ffill()
    left = pd.DataFrame({
        "jalali_year": by_latest["jalali_year"].astype("int64"), "scope": by_latest["scope"],
        "when": by_latest["end_latest"], "below_value": running, "below_figure": holder,
    }).sort_values("when", kind="stable")
    # ... matched to each figure at its earliest possible end (strictly later only).
    right = pd.DataFrame({"_row": sel.index, "jalali_year": sel["jalali_year"].astype("int64"),
                          "scope": sel["scope"], "when": sel["end_earliest"]}).sort_values("when", kind="stable")
    matched = pd.merge_asof(right, left, on="when", by=["jalali_year", "scope"], allow_exact_matches=False)
    matched = matched.set_index("_row").reindex(sel.index)
    below = (sel["high"] < matched["below_value"]).fillna(False).astype(bool)
    sel = sel.assign(
        below_earlier=below,
        below_figure=matched["below_figure"].where(below, "").fillna("").astype("str"),
        below_value=matched["below_value"].where(below),
    )
    cols = ["jalali_year", "scope", "step", "figure_id", "source_id", "publisher", "metric", "value", "qualifier",
            "low", "high", "value_text", "period_type", "period_label", "start", "end_earliest", "end_latest",
            "end_open", "end_gregorian", "end_iranian", "days_low", "days_high", "published_gregorian",
            "date_basis", "primary", "is_restatement", "restates", "below_earlier", "below_figure", "below_value"]
    return sel[cols]


def target_revisions(ev: pd.DataFrame, metrics: Sequence[str] = ("units_target", "jobs_target")) -> pd.DataFrame:
    """Every target figure, per metric, year, scope and period, in report-date order.

    One row per target figure (restatements included). Added columns:

    - ``report_rank``: the report's place among the reports stating a target for the group (1 = first);
    - ``first_rank``: the rank of the first report that stated this value for the group;
    - ``new_value``: no earlier report gave this value for the group;
    - ``revision``: a new value after the first report (a raised, lowered or re-ranged target);
    - ``earlier_values``: the values earlier reports had given, in words ('' for the first report).
    """
    keys = ["metric", "jalali_year", "scope", "period_label"]
    sel = ev[(ev["kind"] == "target") & ev["metric"].isin(list(metrics))]
    sel = sel.sort_values(["metric", "jalali_year", "scope", "period_label", "published_earliest",
                           "published_latest", "source_id", "figure_id"], kind="stable").reset_index(drop=True)
    group_id = sel.groupby(keys, dropna=False, sort=False).ngroup()
    report_key = (sel["published_earliest"].dt.strftime("%Y%m%d") + sel["published_latest"].dt.strftime("%Y%m%d")
                  + sel["source_id"])
    rank = report_key.groupby(group_id).rank(method="dense").astype("int64")
    first_rank = rank.groupby([group_id, sel["value"]]).transform("min").astype("int64")
    new_value = rank == first_rank
    # The values earlier reports gave: each group's new values, joined to every later row of the group.
    firsts = pd.DataFrame({"_g": group_id, "_r": rank, "_value": sel["value"], "_text": sel["value_text"]})[new_value]
    firsts = firsts.drop_duplicates(["_g", "_value"])
    pairs = pd.DataFrame({"_g": group_id, "figure_id": sel["figure_id"], "report_rank": rank}).merge(firsts, on="_g")
    pairs = pairs[pairs["_r"] < pairs["report_rank"]].sort_values(["figure_id", "_r", "_value"], kind="stable")
    earlier_text = pairs.groupby("figure_id", sort=False)["_text"].agg(", ".join)
    out = sel.assign(
        report_rank=rank,
        first_rank=first_rank,
        new_value=new_value,
        revision=new_value & (rank > 1),
        earlier_values=sel["figure_id"].map(earlier_text).fillna("").astype("str"),
    )
    return out[keys + ["report_rank", "source_id", "publisher", "published_gregorian", "published_iranian",
                       "date_basis", "published_earliest", "published_latest", "figure_id", "value", "qualifier",
                       "low", "high", "value_text", "first_rank", "new_value", "revision", "earlier_values",
                       "is_restatement", "restates", "primary", "note"]]


def target_summary(revisions: pd.DataFrame) -> pd.DataFrame:
    """One row per target group (metric, year, scope, period): first and latest value, and the path.

    - ``first_value`` / ``first_source``: the first figure of the first report;
    - ``latest_value`` / ``latest_source``: in the latest report, the value first stated most
      recently (a report that repeats the old target beside the new one counts as giving the new);
    - ``values_in_order``: each distinct value in the order it was first stated, with its first report;
    - ``revised``: more than one distinct value was stated; ``n_reports``, ``n_figures``.
    """
    keys = ["metric", "jalali_year", "scope", "period_label"]
    rev = revisions.assign(_g=revisions.groupby(keys, dropna=False, sort=False).ngroup())
    g = rev.groupby("_g", sort=True)
    first = g.head(1).set_index("_g")
    last_rank = g["report_rank"].transform("max")
    latest = (rev[rev["report_rank"] == last_rank].sort_values(["_g", "first_rank", "figure_id"], kind="stable")
              .groupby("_g").tail(1).set_index("_g"))
    news = rev[rev["new_value"]].drop_duplicates(["_g", "value"])
    path = (news.assign(_t=news["value_text"] + " (" + news["source_id"] + ", " + news["published_gregorian"] + ")")
            .groupby("_g")["_t"].agg(" → ".join))
    counts = g.agg(n_reports=("report_rank", "max"), n_figures=("figure_id", "size"), n_values=("value", "nunique"))
    out = pd.DataFrame({
        **{k: first[k] for k in keys},
        "first_value": first["value"], "first_text": first["value_text"], "first_source": first["source_id"],
        "first_date": first["published_gregorian"],
        "latest_value": latest["value"], "latest_text": latest["value_text"], "latest_source": latest["source_id"],
        "latest_date": latest["published_gregorian"],
        "values_in_order": path, "n_values": counts["n_values"].astype("int64"), "revised": counts["n_values"] > 1,
        "n_reports": counts["n_reports"].astype("int64"), "n_figures": counts["n_figures"].astype("int64"),
    })
    return out.reset_index(drop=True)


def source_line_for(ledger: Ledger) -> Callable[[list[str]], str]:
    """A function writing the source line (:func:`analysis.plots.source_line`) for a list of source ids,
    for the charts here, which name exactly the reports they draw."""
    return lambda ids: plots.source_line(ledger, ids)


# --------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------

def _days_text(low: object, high: object) -> str:
    if pd.isna(low):
        return ""
    return f"{int(low)} days" if low == high else f"{int(low)} to {int(high)} days"


def seed_answer(seed: pd.DataFrame, publication: pd.DataFrame, publisher: str, source_id: str) -> str:
    """The seed view in sentences (Markdown), from :func:`seed_timeline` and :func:`seed_publication`.

    ``publisher`` and ``source_id`` come from the ledger and are escaped; everything else is text
    this module generates from the ledger's controlled vocabulary, dates and numbers.
    """
    pub = publication.set_index("evidence")
    bounds = pub.loc["ledger bounds"]
    others = publication[~publication["evidence"].isin(["ledger bounds", "all evidence combined"])
                         & ~((publication["earliest"] == bounds["earliest"]) & (publication["latest"] == bounds["latest"]))]
    combined = pub.loc["all evidence combined"]
    when = [
        f"**When it appeared.** The seed article ({escape(publisher)}, {escape(source_id)}) carries no date. "
        f"Its text places it from {date_range(bounds['earliest'], bounds['latest'])}, a window of "
        f"{bounds['days']} days; that whole window is its date throughout this analysis."
    ]
    if len(others):
        narrower = (others["basis"].str.replace("_", " ") + " gives " + others["gregorian"] + " ("
                    + others["iranian"] + ", " + others["days"].astype("str") + " days)")
        tail = ""
        if pd.notna(combined["earliest"]):
            tail = (f" The windows overlap from {date_range(combined['earliest'], combined['latest'])}"
                    f" ({combined['days']} days).")
        when.append("Other evidence narrows it, as estimates rather than proof: " + "; ".join(narrower) + "." + tail)
    lines: list[str] = []
    periods = seed[seed["kind"] == "period"]
    dated = periods[periods["start"].notna()]
    days = pd.Series([_days_text(lo, hi) for lo, hi in zip(dated["days_low"], dated["days_high"])],
                     index=dated.index, dtype="str")
    period_text = ("**" + dated["item"] + "**, " + dated["start_gregorian"] + " (" + dated["start_iranian"]
                   + ") to " + dated["end_gregorian"] + " (" + dated["end_iranian"] + "), " + days
                   + ": " + dated["figures"])
    lines.append("**Periods it reports on** (Gregorian dates, Iranian in brackets; `a .. b` is an end known only "
                 "within bounds):\n\n" + "\n".join("- " + period_text))
    cited = seed[seed["kind"] == "cited report"]
    if len(cited):
        cited_text = ("The " + cited["item"].map(escape) + " (" + cited["figure_ids"] + ") appeared between "
                      + cited["end_gregorian"].str.replace(" .. ", " and ") + " ("
                      + cited["end_iranian"].str.replace(" .. ", " and ") + ")")
        lines.append("**Reports it cites.** " + "; ".join(cited_text) + ": after the period it counts ended, and no later than the first report in the ledger "
                     "stating the same count.")
    undated = periods[periods["start"].isna()]
    if len(undated):
        lines.append("**Undated statements**, which the text ties to no date of their own:\n\n"
                     + "\n".join("- " + undated["item"] + ": " + undated["figures"]))
    return "\n\n".join(lines + when)


def long_view_answer(ev: pd.DataFrame, reps: pd.DataFrame, yearly: pd.DataFrame, ytd: pd.DataFrame,
                     summary: pd.DataFrame) -> str:
    """The long view in sentences (Markdown), from the tables this module builds."""
    years = ev["jalali_year"].dropna()
    est = reps[reps["estimated"]]
    lines = [
        f"**Coverage.** {len(ev)} figures from {len(reps)} reports, Iranian years {int(years.min())}-{int(years.max())}; "
        f"{int(ev['is_restatement'].sum())} figures repeat an earlier one and are marked, not dropped. "
        f"{len(est)} reports carry no date on the page and are placed within bounds (widest window "
        f"{int(est['window_days'].max()) if len(est) else 0} days)."
    ]
    yr = yearly.assign(_t=yearly["jalali_year"].astype("str") + ": " + yearly["value_text"] + " (" + yearly["scope"]
                       + ", " + yearly["source_id"] + ")")
    lines.append("**Full-year units revived**, each with its scope (scopes are different definitions, not one series): "
                 + "; ".join(yr["_t"]) + ".")
    missing = sorted(set(range(int(years.min()), int(years.max()) + 1)) - set(yearly["jalali_year"].astype(int)))
    if missing:
        lines.append("No full-year count is in the ledger for " + ", ".join(map(str, missing)) + ".")
    disagree = yearly[yearly["values_in_scope"] > 1]
    if len(disagree):
        d = disagree.groupby(["jalali_year", "scope"], sort=True)["value_text"].agg(" vs ".join).reset_index()
        lines.append("Reports disagree on a full-year count for: "
                     + "; ".join(d["jalali_year"].astype("str") + " " + d["scope"] + " (" + d["value_text"] + ")") + ".")
    closed = ytd[ytd["period_type"] != "full_year"]
    series = closed.groupby(["jalali_year", "scope"], sort=True).size()
    lines.append(f"**Year-to-date series**: {len(series)} year-and-scope series hold in-year counts "
                 f"({int(series.sum())} figures)."
                 + (f" {int(ytd['below_earlier'].sum())} count(s) are certainly lower than a count reported for an earlier date: "
                    + "; ".join(ytd.loc[ytd['below_earlier'], 'figure_id'] + " (" + ytd.loc[ytd['below_earlier'], 'value_text']
                                + ") after " + ytd.loc[ytd['below_earlier'], 'below_figure']) + "."
                    if ytd["below_earlier"].any() else ""))
    units = summary[(summary["metric"] == "units_target") & summary["revised"]]
    if len(units):
        rev = (units["jalali_year"].astype("string").fillna("multi-year") + " " + units["scope"] + ": "
               + units["values_in_order"])
        lines.append("**Targets revised** (each value with the report that first stated it): " + "; ".join(rev) + ".")
    return "\n\n".join(lines)


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------

_SCOPE_COLOURS = {
    "national": "#1f77b4", "smes": "#d62728", "industrial_parks": "#2ca02c", "outside_parks": "#9467bd",
    "economic_units": "#8c564b", "renovation_programme": "#7f7f7f", "capacity_programme": "#bcbd22",
}


def scope_colour(scope: str) -> str:
    """The colour a scope has in every timeline chart."""
    return _SCOPE_COLOURS.get(scope, "#17becf")


def year_starts(years: Iterable[int]) -> list[pd.Timestamp]:
    """First Gregorian day of each Iranian year (for ticks)."""
    return [pd.Timestamp(calendar.year_bounds(int(y))[0]) for y in years]


def quarter_starts(years: Iterable[int]) -> list[pd.Timestamp]:
    """First Gregorian day of every quarter of each Iranian year (for ticks)."""
    return [pd.Timestamp(calendar.quarter_bounds(int(y), q)[0]) for y in years for q in (1, 2, 3, 4)]


def chart_seed(seed: pd.DataFrame, ev: pd.DataFrame, *, source: SourceLine, metric: str = "units_revived",
               target_metric: str = "units_target") -> tuple[plt.Figure, pd.DataFrame]:
    """The seed's periods and reports against its target: counts on top, a lane per item below.

    Top: each count of ``metric`` is a line across the period it covers at its value, with a dot at
    its end; a count that runs to the undated publication is a band across the publication window;
    each ``target_metric`` is a dashed line across its year. Bottom: one lane per row of ``seed``
    (:func:`seed_timeline`), a bar from start (or earliest date) to the latest date. Ticks at the
    quarters of the Iranian years involved, in both calendars. Returns the figure and its data.
    """
    prim = ev[ev["primary"]]
    if callable(source):
        source = source(sorted(set(prim["source_id"])))
    counts = prim[(prim["metric"] == metric) & prim["start"].notna()]
    targets = prim[(prim["metric"] == target_metric) & prim["start"].notna()]
    years = sorted(set(prim["jalali_year"].dropna().astype(int)))
    ticks = quarter_starts(years) + year_starts([years[-1] + 1])
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(12, 9.2), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2.6]})
    for r in counts.itertuples():  # a handful of seed figures: one drawn element each
        colour = scope_colour(r.scope)
        if r.end_open:
            top.plot([r.start, r.end_earliest], [r.value, r.value], color=colour, lw=1, ls=":")
            top.fill_between([r.end_earliest, r.end_latest], r.low - 25, r.high + 25, color=colour, alpha=0.35, lw=0)
            top.annotate(f"{r.figure_id}: {r.value_text} ({r.scope}), {r.period_label};\nthe end lies in "
                         f"{r.end_gregorian} (band)", (r.start, r.high + 25), xytext=(2, 6),
                         textcoords="offset points", fontsize=9, color=colour)
        else:
            top.plot([r.start, r.end], [r.value, r.value], color=colour, lw=2.2)
            top.plot([r.end], [r.value], "o", color=colour, ms=7)
            top.annotate(f"{r.figure_id}: {r.value_text} ({r.scope}), {r.period_label}", (r.start, r.value),
                         xytext=(2, 6), textcoords="offset points", fontsize=9, color=colour)
    for r in targets.itertuples():
        top.plot([r.start, r.end], [r.value, r.value], color=scope_colour(r.scope), lw=1.8, ls="--")
        top.annotate(f"{r.figure_id}: target {r.value_text} ({r.scope}), {r.period_label}", (r.start, r.value),
                     xytext=(2, 6), textcoords="offset points", fontsize=9, color=scope_colour(r.scope))
    top.set_ylim(0, max(counts["high"].replace(np.inf, np.nan).max(), targets["high"].replace(np.inf, np.nan).max() if len(targets) else 0) * 1.18)
    top.set_ylabel("units (counted from the start\nof each Iranian year)")

    lanes = seed.iloc[::-1].reset_index(drop=True)
    colours = lanes["kind"].map({"period": "#555555", "cited report": "#ff7f0e", "undated statement": "#555555",
                                 "publication": "#1f77b4"})
    left = lanes["start"].fillna(lanes["end_earliest"])
    closed_part = lanes["end_earliest"].where(lanes["start"].notna(), left)
    solid = ((closed_part - left).dt.days + 1).where(lanes["start"].notna(), 0)
    bottom.barh(lanes.index, solid, left=left, color=colours, alpha=0.9, height=0.55)
    bottom.barh(lanes.index, (lanes["end_latest"] - closed_part).dt.days + 1, left=closed_part, color=colours,
                alpha=0.35, height=0.55, hatch="//", edgecolor="white")
    bottom.set_yticks(lanes.index, (lanes["item"] + "  " + lanes["figure_ids"].where(lanes["figure_ids"] == "", "[" + lanes["figure_ids"] + "]")).str.wrap(58))
    bottom.tick_params(axis="y", labelsize=8.5)
    bottom.set_ylim(-0.6, len(lanes) - 0.4)
    for ax in (top, bottom):
        for t in year_starts(years + [years[-1] + 1]):
            ax.axvline(t, color="#999999", lw=0.8, zorder=0)
    plots.label_dates_both_calendars(bottom, ticks)
    bottom.tick_params(axis="x", labelsize=8.5)
    top.grid(True, alpha=0.25)
    fig.suptitle(f"The seed article: the periods it counts, the reports it cites and its own date, "
                 f"against the {int(years[-1])} target", x=0.01, ha="left", fontsize=13, fontweight="bold")
    plots.finish(fig, bottom, title="", xlabel="date (Gregorian above, Iranian below); hatched = end known only within bounds",
                 ylabel="", source=source, top=0.97)
    data = pd.concat([
        counts.assign(element=np.where(counts["end_open"], "count to publication (band)", "count over its period"))
        [["element", "figure_id", "metric", "scope", "value", "low", "high", "period_label", "start_gregorian",
          "start_iranian", "end_gregorian", "end_iranian"]],
        targets.assign(element="target (dashed line)")
        [["element", "figure_id", "metric", "scope", "value", "low", "high", "period_label", "start_gregorian",
          "start_iranian", "end_gregorian", "end_iranian"]],
        seed.assign(element="lane: " + seed["kind"], figure_id=seed["figure_ids"], metric="", scope="",
                    value=np.nan, low=np.nan, high=np.nan, period_label=seed["item"])
        [["element", "figure_id", "metric", "scope", "value", "low", "high", "period_label", "start_gregorian",
          "start_iranian", "end_gregorian", "end_iranian"]],
    ], ignore_index=True)
    return fig, data


#: Scopes the vocabulary defines as other programmes, not revivals of idle units (left out of the charts
#: of revivals; the tables keep them).
NOT_REVIVAL_SCOPES: tuple[str, ...] = ("renovation_programme", "capacity_programme")

def _finish(fig, ax, *, title: str, xlabel: str, ylabel: str, source: SourceLine,
            data: pd.DataFrame | None = None) -> None:
    """:func:`analysis.plots.finish`, where ``source`` may be a function that writes the source line
    from the source ids the chart's ``data`` draws on, so the line names exactly the reports drawn."""
    if callable(source):
        source = source(plots.source_ids(data) if data is not None else [])
    plots.finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)


def _mark_offscale(ax, x: pd.Series, values: pd.Series, texts: pd.Series, top: float, colour: str) -> None:
    """Draw values above ``top`` as a triangle at the top edge, labelled with the value."""
    over = values > top
    if not over.any():
        return
    ax.plot(x[over], [top * 0.985] * int(over.sum()), "^", mfc="none", mec=colour, ms=9, mew=1.5, clip_on=False)
    for xi, txt in zip(x[over], texts[over]):
        ax.annotate(f"{txt} (off scale)", (xi, top * 0.985), xytext=(6, -4), textcoords="offset points",
                    fontsize=8, color=colour)


def _points(ax, x, y, *args, **kwargs) -> None:
    """``ax.plot`` that draws nothing for empty data (an empty line would still stretch the layout)."""
    if len(x):
        ax.plot(x, y, *args, **kwargs)


def _year_ticks(ax, years: Sequence[int]) -> None:
    """Ticks at the first day of each Iranian year (and the one after the last), in both calendars."""
    starts = year_starts(list(years) + [max(years) + 1])
    plots.label_dates_both_calendars(ax, starts)
    for t in starts:
        ax.axvline(t, color="#999999", lw=0.8, zorder=0)


def chart_reports(reps: pd.DataFrame, *, source: SourceLine) -> tuple[plt.Figure, pd.DataFrame]:
    """Every report at its publication date: a dot where the date is known, a bar with caps across
    ``earliest .. latest`` where it is estimated, coloured by how the date is known."""
    rows = reps.iloc[::-1].reset_index(drop=True)
    years = sorted(set(jalali_parts(pd.concat([reps["earliest"], reps["latest"]]))["year"].dropna().astype(int)))
    fig, ax = plt.subplots(figsize=(12, 0.26 * len(rows) + 2.6))
    basis_colours = {"shown": "#1f77b4", "url_date": "#17becf", "id_interpolation": "#ff7f0e", "text_clues": "#d62728"}
    for basis, part in rows.groupby("date_basis", sort=True):  # one call per date basis
        colour = basis_colours.get(basis, "#7f7f7f")
        exact = part[part["window_days"] == 1]
        if len(exact):
            _points(ax, exact["earliest"], exact.index, "o", color=colour, ms=5, label=f"{basis}: one day")
        est = part[part["window_days"] > 1]
        if len(est):
            ax.hlines(est.index, est["earliest"], est["latest"], color=colour, lw=2.2, label=f"{basis}: within bounds")
            _points(ax, est["earliest"], est.index, "|", color=colour, ms=9)
            _points(ax, est["latest"], est.index, "|", color=colour, ms=9)
    prim = rows[rows["primary"]]
    _points(ax, prim["earliest"], prim.index, ">", color="black", ms=7, label="primary source (the seed)")
    labels = rows["source_id"] + "  " + rows["publisher"].str.slice(0, 34)
    ax.set_yticks(rows.index, labels)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylim(-0.8, len(rows) - 0.2)
    _year_ticks(ax, years)
    ax.tick_params(axis="x", labelsize=8.5)
    ax.legend(loc="upper right", fontsize=8.5, frameon=True, title="how the date is known", title_fontsize=8.5)
    data = reps[["source_id", "publisher", "primary", "date_basis", "estimated", "published_gregorian",
                 "published_iranian", "window_days", "n_figures", "n_new"]]
    _finish(fig, ax, title="Every report at its publication date, with bounds where the date is estimated",
                 xlabel="publication date (Gregorian above, Iranian below; ticks at Iranian new year)",
                 ylabel="report", source=source, data=data)
    return fig, data


def _year_label(years: pd.Series) -> pd.Series:
    """'1399\n2020-03-20\n2021-03-20': an Iranian year with its Gregorian first and last day."""
    first = pd.to_datetime(years.map(lambda y: calendar.year_bounds(int(y))[0]))
    last = pd.to_datetime(years.map(lambda y: calendar.year_bounds(int(y))[1]))
    return years.astype("str") + "\n" + gregorian_text(first) + "\n" + gregorian_text(last)


def chart_yearly(yearly: pd.DataFrame, summary: pd.DataFrame, *, source: SourceLine,
                 target_metric: str = "units_target") -> tuple[plt.Figure, pd.DataFrame]:
    """Full-year results per Iranian year, one marker per scope with whiskers across the bounds of its
    wording, and each year's latest target (diamond) and first target where it was revised (cross)."""
    targets = summary[(summary["metric"] == target_metric) & summary["period_label"].str.startswith("year ")]
    targets = targets[targets["scope"].isin(yearly["scope"])]
    years = sorted(set(yearly["jalali_year"].astype(int)) | set(targets["jalali_year"].dropna().astype(int)))
    years = list(range(min(years), max(years) + 1))
    scopes = sorted(set(yearly["scope"]) | set(targets["scope"]))
    offset = {sc: (i - (len(scopes) - 1) / 2) * 0.2 for i, sc in enumerate(scopes)}
    top = float(yearly["high"].replace(np.inf, np.nan).max()) * 1.45
    fig, ax = plt.subplots(figsize=(13, 6.2))
    for sc in scopes:  # one series per scope
        colour = scope_colour(sc)
        part = yearly[yearly["scope"] == sc]
        x = part["jalali_year"].astype(int) + offset[sc]
        if len(part):
            ax.errorbar(x, part["value"], yerr=[part["value"] - part["low"], part["high"] - part["value"]], fmt="o",
                        color=colour, ms=7, capsize=4, label=f"result: {sc}")
        for xi, v, txt in zip(x, part["low"], part["value_text"]):
            ax.annotate(txt, (xi, v), xytext=(0, -7), textcoords="offset points", fontsize=8, color=colour,
                        rotation=90, ha="center", va="top")
        tg = targets[targets["scope"] == sc]
        tx = tg["jalali_year"].astype(int) + offset[sc] + 0.07
        shown = tg["latest_value"] <= top
        if shown.any():
            ax.plot(tx[shown], tg.loc[shown, "latest_value"], "D", mfc="none", mec=colour, ms=9, mew=1.6,
                    label=f"latest target: {sc}")
        _mark_offscale(ax, tx, tg["latest_value"], "target " + tg["latest_text"], top, colour)
        rev = tg[tg["revised"]]
        if len(rev):
            ax.plot(rev["jalali_year"].astype(int) + offset[sc] + 0.07, rev["first_value"], "x", color=colour,
                    ms=9, mew=1.6, label=f"first target, later revised: {sc}")
    ax.set_ylim(0, top)
    ax.set_xticks(years, _year_label(pd.Series(years)))
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    ax.legend(fontsize=8, ncol=3, loc="upper right", frameon=True)
    data = pd.concat([
        yearly.assign(element="result")[["element", "jalali_year", "scope", "value", "low", "high", "value_text",
                                         "figure_ids", "source_ids"]],
        targets.assign(element="latest target", value=targets["latest_value"], low=np.nan, high=np.nan,
                       value_text=targets["latest_text"], figure_ids="", source_ids=targets["latest_source"])
        [["element", "jalali_year", "scope", "value", "low", "high", "value_text", "figure_ids", "source_ids"]],
        targets[targets["revised"]].assign(element="first target (revised later)", value=lambda d: d["first_value"],
                                           low=np.nan, high=np.nan, value_text=lambda d: d["first_text"],
                                           figure_ids="", source_ids=lambda d: d["first_source"])
        [["element", "jalali_year", "scope", "value", "low", "high", "value_text", "figure_ids", "source_ids"]],
    ], ignore_index=True).sort_values(["jalali_year", "scope", "element"], kind="stable").reset_index(drop=True)
    _finish(fig, ax, title="Units revived per Iranian year, by scope, against each year's target",
                 xlabel="Iranian year (with its first and last Gregorian day)",
                 ylabel="units revived in the year", source=source, data=data)
    return fig, data


def chart_year_to_date(ytd: pd.DataFrame, summary: pd.DataFrame, *, source: SourceLine,
                       target_metric: str = "units_target") -> tuple[plt.Figure, pd.DataFrame]:
    """Each year's year-to-date counts against date, per scope: dots at ends known to the day (joined
    within a series, starting from zero at the year's first day), bars across the publication window
    where the end is an undated report's publication, squares for year-end results, dashed lines for each
    year's latest target of the same scope. Restatements are drawn hollow."""
    ytd = ytd[~ytd["scope"].isin(NOT_REVIVAL_SCOPES)]
    years = sorted(set(ytd["jalali_year"].astype(int)))
    targets = summary[(summary["metric"] == target_metric) & summary["period_label"].str.startswith("year ")
                      & summary["scope"].isin(ytd["scope"]) & summary["jalali_year"].isin(years)]
    top = float(ytd["high"].replace(np.inf, np.nan).max()) * 1.3
    fig, ax = plt.subplots(figsize=(15, 6.4))
    for (year, sc), part in ytd.groupby(["jalali_year", "scope"], sort=True):  # one series per year and scope
        colour = scope_colour(sc)
        first_day = pd.Timestamp(calendar.year_bounds(int(year))[0])
        known = part[(part["end_earliest"] == part["end_latest"]) & ~part["is_restatement"]]
        ax.plot([first_day, *known["end_earliest"]], [0, *known["value"]], "-", color=colour, lw=1.2, alpha=0.7)
        one_day = part["end_earliest"] == part["end_latest"]
        closed = part[one_day & (part["period_type"] != "full_year")]
        _points(ax, closed.loc[~closed["is_restatement"], "end_earliest"], closed.loc[~closed["is_restatement"], "value"],
                "o", color=colour, ms=6)
        _points(ax, closed.loc[closed["is_restatement"], "end_earliest"], closed.loc[closed["is_restatement"], "value"],
                "o", mfc="white", mec=colour, ms=8)
        ends = part[part["period_type"] == "full_year"]
        _points(ax, ends["end_earliest"], ends["value"], "s", color=colour, ms=7)
        opened = part[part["end_earliest"] != part["end_latest"]]
        ax.hlines(opened["value"], opened["end_earliest"], opened["end_latest"] + pd.Timedelta(days=1), color=colour,
                  lw=5, alpha=0.55)
        _points(ax, opened["end_earliest"], opened["value"], "|", color=colour, ms=10)
    for r in targets.itertuples():  # a few targets: one dashed segment each (dotted: the first, where revised)
        start, end = (pd.Timestamp(d) for d in calendar.year_bounds(int(r.jalali_year)))
        colour = scope_colour(r.scope)
        if r.latest_value <= top:
            ax.hlines(r.latest_value, start, end, color=colour, lw=1.4, ls="--")
            ax.annotate(f"target {r.latest_text}", (start, r.latest_value), xytext=(2, 3), textcoords="offset points",
                        fontsize=7.5, color=colour)
        else:
            _mark_offscale(ax, pd.Series([start]), pd.Series([r.latest_value]), pd.Series([f"target {r.latest_text}"]),
                           top, colour)
        if r.revised and r.first_value <= top:
            ax.hlines(r.first_value, start, end, color=colour, lw=1.2, ls=":")
            ax.annotate(f"first target {r.first_text}", (start, r.first_value), xytext=(2, -10),
                        textcoords="offset points", fontsize=7.5, color=colour)
    handles = [plt.Line2D([], [], color=scope_colour(sc), lw=3, label=sc) for sc in sorted(set(ytd["scope"]))]
    handles += [
        plt.Line2D([], [], color="#444444", marker="o", ls="none", label="count to a known date"),
        plt.Line2D([], [], color="#444444", marker="o", mfc="white", ls="none", label="restatement"),
        plt.Line2D([], [], color="#444444", lw=5, alpha=0.55, label="count to an undated publication (window)"),
        plt.Line2D([], [], color="#444444", marker="s", ls="none", label="full-year result"),
        plt.Line2D([], [], color="#444444", ls="--", label="year's latest target (same scope)"),
        plt.Line2D([], [], color="#444444", ls=":", label="year's first target, where revised"),
        plt.Line2D([], [], color="#444444", lw=1.2, alpha=0.7, label="joins one series' counts (not data)"),
    ]
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=True)
    _year_ticks(ax, years)
    ax.tick_params(axis="x", labelsize=8.5)
    ax.set_ylim(0, top)
    data = pd.concat([
        ytd.assign(element=np.where(ytd["period_type"] == "full_year", "full-year result",
                                    np.where(ytd["end_open"], "to publication (window)", "to a stated end")))
        [["element", "jalali_year", "scope", "step", "figure_id", "source_id", "value_text", "period_label",
          "end_gregorian", "end_iranian", "is_restatement"]],
        targets.assign(element="latest target", step=pd.NA, figure_id="", source_id=targets["latest_source"],
                       value_text=targets["latest_text"], end_gregorian="", end_iranian="", is_restatement=False)
        [["element", "jalali_year", "scope", "step", "figure_id", "source_id", "value_text", "period_label",
          "end_gregorian", "end_iranian", "is_restatement"]],
    ], ignore_index=True)
    _finish(fig, ax, title="Units revived since the start of each Iranian year, as reported, by scope",
                 xlabel="end of the period counted (Gregorian above, Iranian below; ticks at Iranian new year)",
                 ylabel="units revived since the year's start", source=source, data=data)
    return fig, data


def chart_targets(revisions: pd.DataFrame, *, source: SourceLine, metric: str = "units_target",
                  min_reports: int = 2) -> tuple[plt.Figure, pd.DataFrame]:
    """Targets as each report gave them, against the report's date (whiskers across an estimated
    date's bounds), one colour per year and scope; filled where a report states a value for the first
    time, hollow where it repeats one. Only groups stated by at least ``min_reports`` reports."""
    rev = revisions[revisions["metric"] == metric]
    n = rev.groupby(["jalali_year", "scope", "period_label"], dropna=False)["report_rank"].transform("max")
    rev = rev[n >= min_reports]
    groups = rev.groupby(["jalali_year", "scope", "period_label"], dropna=False, sort=True)
    palette = plt.get_cmap("tab10")
    fig, ax = plt.subplots(figsize=(12, 5.8))
    for i, ((year, sc, label), part) in enumerate(groups):  # one series per target group
        colour = palette(i % 10)
        mid = part["published_earliest"] + (part["published_latest"] - part["published_earliest"]) / 2
        ax.hlines(part["value"], part["published_earliest"], part["published_latest"] + pd.Timedelta(days=1),
                  color=colour, lw=2)
        new = part["new_value"]
        _points(ax, mid[new], part.loc[new, "value"], "o", color=colour, ms=8, label=f"{label} ({sc})")
        _points(ax, mid[~new], part.loc[~new, "value"], "o", mfc="white", mec=colour, ms=7)
        for x, v, txt in zip(mid[new], part.loc[new, "value"], part.loc[new, "value_text"] + " (" + part.loc[new, "source_id"] + ")"):
            ax.annotate(txt, (x, v), xytext=(5, 5 if i % 2 == 0 else -13), textcoords="offset points", fontsize=8.5,
                        color=colour)
    years = sorted(set(jalali_parts(pd.concat([rev["published_earliest"], rev["published_latest"]]))["year"].astype(int)))
    _year_ticks(ax, years)
    ax.tick_params(axis="x", labelsize=8.5)
    ax.set_ylim(0, rev["value"].max() * 1.2)
    ax.legend(fontsize=8.5, loc="lower right", frameon=True, title="target for (scope); filled = first stated",
              title_fontsize=8.5)
    data = rev[["metric", "jalali_year", "scope", "period_label", "report_rank", "source_id", "published_gregorian",
                "published_iranian", "figure_id", "value_text", "new_value", "revision", "earlier_values"]]
    _finish(fig, ax, title="Targets as each report stated them: revisions over time",
                 xlabel="report's publication date (bars span an estimated date's bounds)",
                 ylabel="target, units in the year", source=source, data=data)
    return fig, data.reset_index(drop=True)
