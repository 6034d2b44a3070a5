"""The report's downloads: the whole ledger as one tidy table, and the yearly best estimates.

In: an :class:`~analysis.evidence.Evidence`. Out: frames with plain column names, one row per figure
(:func:`ledger`) or per metric, scope and year (:func:`estimates`), ready for a spreadsheet. Numbers stay
numbers (an open bound is empty, not ``inf``); dates are given in both calendars.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import calendar, fmt
from ..evidence import periods

#: Columns of the tidy ledger, with what each holds (the README lists them too).
LEDGER_COLUMNS: dict[str, str] = {
    "figure_id": "the figure's id in data/figures.tsv",
    "claim_id": "the claim (restatement group) it belongs to: the id of the claim's first figure",
    "source_id": "the report stating it (data/sources.tsv)",
    "metric": "what is counted",
    "metric_label": "the same in plain words",
    "unit": "the unit of value, low and high",
    "value": "the number as stated",
    "qualifier": "how it was worded: exact, about, over, at_least, up_to",
    "low": "the lowest value the wording allows (empty: no lower bound)",
    "high": "the highest value the wording allows (empty: no upper bound)",
    "scope": "what the figure covers",
    "scope_label": "the same in plain words",
    "province": "the province the figure is about (empty: the whole country)",
    "expectation": "'expected' for an official's expectation for a period still running (not a result); empty otherwise",
    "period_kind": "full year, quarter, year to date, multi-year, since a date, stock, ...",
    "period": "the period in plain words",
    "period_start": "first day, Gregorian",
    "period_start_iranian": "first day, Iranian calendar",
    "period_end_earliest": "last day (or as-of date), earliest possible, Gregorian",
    "period_end_latest": "last day, latest possible (an undated report's window), Gregorian",
    "period_end_earliest_iranian": "the same, Iranian calendar",
    "period_end_latest_iranian": "the same, Iranian calendar",
    "iranian_year": "the Iranian year the period lies in",
    "speaker": "who stated it",
    "publisher": "the outlet",
    "published_earliest": "the report's earliest possible publication date",
    "published_latest": "the report's latest possible publication date",
    "date_basis": "how the report's date is known",
    "citation": "the report, in short",
    "url": "the report's address",
}


def _date(s: pd.Series) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d").fillna("")


def _bound(x: pd.Series) -> pd.Series:
    return x.where(np.isfinite(x))


def ledger(ev, provinces=None) -> pd.DataFrame:
    """Every figure as one tidy row (:data:`LEDGER_COLUMNS`): the country's (``ev``) and each province's,
    each with the claim of its own place. ``provinces``: the places' evidence (:func:`analysis.evidence.provinces`,
    a dict) or, the same rows without building the places' estimates, :func:`analysis.evidence.places.classified`."""
    places = [ev, *(provinces.values() if isinstance(provinces, dict) else [provinces] if provinces is not None else [])]
    # Results with their claims, and officials' expectations (no claim: they are not results).
    frames = [p.figures for p in places] + [p.expectations.assign(claim_id="") for p in places if len(p.expectations)]
    f = pd.concat(frames, ignore_index=True).sort_values("figure_id", kind="stable")
    if "province" not in f:
        f["province"] = ""
    src = ev.sources.set_index("source_id")
    out = pd.DataFrame({
        "figure_id": f["figure_id"], "claim_id": f["claim_id"], "source_id": f["source_id"],
        "metric": f["metric"], "metric_label": fmt.labels("metric", f["metric"]), "unit": f["metric"].map(fmt.unit_of),
        "value": f["value"], "qualifier": f["qualifier"], "low": _bound(f["low"]), "high": _bound(f["high"]),
        "scope": f["scope"], "scope_label": fmt.labels("scope", f["scope"]), "province": f["province"],
        "expectation": f["expectation"] if "expectation" in f else "",
        "period_kind": periods.plain(f["period_kind"]), "period": fmt.period_labels(f),
        "period_start": _date(f["start"]), "period_start_iranian": calendar.jalali_text_columns(f["start"]),
        "period_end_earliest": _date(f["end_earliest"]), "period_end_latest": _date(f["end_latest"]),
        "period_end_earliest_iranian": calendar.jalali_text_columns(f["end_earliest"]),
        "period_end_latest_iranian": calendar.jalali_text_columns(f["end_latest"]),
        "iranian_year": f["jalali_year"], "speaker": f["speaker"],
        "publisher": f["source_id"].map(src["publisher"]),
        "published_earliest": _date(f["published_earliest"]), "published_latest": _date(f["published_latest"]),
        "date_basis": fmt.labels("date_basis", f["source_id"].map(src["date_basis"]).fillna("")),
        "citation": f["source_id"].map(src["citation"]), "url": f["source_id"].map(src["url"]),
    })
    return out[list(LEDGER_COLUMNS)].reset_index(drop=True)


def estimates(ev) -> pd.DataFrame:
    """The yearly best estimates with their bounds, basis, the rule that chose them and their claims."""
    e = ev.estimates
    years = calendar.year_table(e["jalali_year"]).set_index("jalali_year")
    # reindex, not map: mapping an empty column of years onto dates raises in pandas
    start, end = (pd.Series(years[c].reindex(e["jalali_year"]).to_numpy(), index=e.index) for c in ("year_start", "year_end"))
    return pd.DataFrame({
        "iranian_year": e["jalali_year"], "year_start": _date(start), "year_end": _date(end),
        "metric": e["metric"], "metric_label": fmt.labels("metric", e["metric"]), "unit": e["metric"].map(fmt.unit_of),
        "scope": e["scope"], "scope_label": fmt.labels("scope", e["scope"]),
        "value": e["value"], "low": _bound(e["low"]), "high": _bound(e["high"]),
        "basis": fmt.labels("basis", e["basis"]), "rule": fmt.labels("choice", e["rule"]),
        "chosen_claim": e["chosen_claim"], "claims": e["claim_ids"], "conflicting_claims": e["conflicting_claims"],
        "figure_ids": e["figure_ids"], "source_ids": e["source_ids"],
    })
