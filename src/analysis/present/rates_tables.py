"""The tables of the year-on-year page (and the idle stock).

In: an :class:`~analysis.evidence.Evidence`. Out: HTML tables (plain labels, formatted numbers,
linked sources) with their data as CSV.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import fmt
from ..evidence import estimates as est_vocab
from ..evidence.keys import join_lists
from ..questions import rates, stock
from .tables import table_html
from .timeline_tables import _year, to_date_words, year_labels


def yearly(ev, name: str) -> str:
    """The headline series: units, pace per day and the change from the year before (a part-year: its count
    and pace to date, not compared)."""
    y = rates.yearly(ev)
    if y.empty:
        return "<p>The ledger has no yearly count of revived units.</p>"
    change = fmt.estimate_column(y, "pct_", "%").where(y["pct_value"].notna(), "")
    note = np.where(y["cross_scope"], "across scopes: " + fmt.labels("scope", y["previous_scope"].fillna("")) + " before", "")
    basis = np.where(y["complete"], np.where(y["basis"] != "full_year", y["basis"].map(est_vocab.BASES), ""),
                     to_date_words(y) + "; per day to that date, not compared with full years")
    display = pd.DataFrame({
        "Iranian year": year_labels(y),
        "Scope": fmt.labels("scope", y["scope"]),
        "Units revived": fmt.estimate_column(y, "", "units").where(y["complete"], fmt.estimate_column(y, "to_date_", "units")),
        "Per day": fmt.estimate_column(y, "pace_", ""),
        "Change on the year before": change,
        "Note": pd.Series(basis, index=y.index) + np.where((basis != "") & y["cross_scope"], "; ", "") + note,
        "Sources": y["source_ids"],
    })
    return table_html(display, name=name, title="Units revived per year, per day, and the change on the year before", data=y, sources=ev.sources, source_column="Sources",
                      numeric=("Units revived", "Per day", "Change on the year before"))


def by_scope(ev, name: str) -> str:
    """Year-on-year change within each scope."""
    b = rates.by_scope(ev)
    if b.empty:
        return "<p>No scope has counts of two consecutive years to compare.</p>"
    display = pd.DataFrame({
        "Scope": fmt.labels("scope", b["scope"]),
        "Years": (b["jalali_year"] - 1).astype(int).astype("str") + " to " + b["jalali_year"].astype(int).astype("str"),
        "Before": fmt.estimate_column(b, "prev_", "units"),
        "After": fmt.estimate_column(b, "", "units"),
        "Change": fmt.estimate_column(b, "pct_", "%"),
        "Sources": b["source_ids"],
    })
    return table_html(display, name=name, title="Year-on-year change within each scope", data=b, sources=ev.sources, source_column="Sources", numeric=("Before", "After", "Change"))


def attainment(ev, name: str) -> str:
    """Every yearly target with its result where it may be scored, and why not where not."""
    a = rates.attainment(ev)
    unit = a["metric"].map(fmt.unit_of)
    display = pd.DataFrame({
        "Iranian year": _year(a["jalali_year"]),
        "Target": fmt.labels("metric", a["metric"]) + ", " + fmt.labels("scope", a["scope"]),
        "Value": fmt.each(fmt.stated, a["value"], a["qualifier"], unit),
        "As": np.where(a["role"] == "revision", "revised", "first stated"),
        "Result": [fmt.estimate(v, lo, hi, u) if not pd.isna(v) else "" for v, lo, hi, u in
                   zip(a["done_value"], a["done_low"], a["done_high"], unit)],
        "Reached": fmt.estimate_column(a, "attained_", "%").where(a["attained_value"].notna() & a["scored"], ""),
        "Verdict": np.where(a["verdict"] == "not scored", "not scored: " + a["not_scored"], a["verdict"]),
        "Sources": a["source_ids"],
    })
    return table_html(display, name=name, title="Yearly targets against the results", data=a, sources=ev.sources, source_column="Sources", numeric=("Value", "Result", "Reached"))


def in_year(ev, name: str, shown: int = 10) -> str:
    """Each in-year count against the target in force when it was reported."""
    m = rates.in_year(ev)
    if m.empty:
        return "<p>The ledger holds no in-year count of revived units.</p>"
    display = pd.DataFrame({
        "Period": fmt.period_labels(m),
        "Scope": fmt.labels("scope", m["scope"]),
        "Count": fmt.estimate_column(m, "", "units"),
        "Year elapsed": fmt.each(fmt.interval, m["elapsed_low"], m["elapsed_high"], "%", 0),
        "Of the target": [fmt.estimate(v, lo, hi, "%", 0) if not pd.isna(lo) else "no target" for v, lo, hi in
                          zip(m["progress_value"], m["progress_low"], m["progress_high"])],
        "Year-end at this pace": fmt.estimate_column(m, "projected_", "units"),
        "Year's result": [fmt.estimate(v, lo, hi, "units") if not pd.isna(v) else "" if pd.isna(b) else "no full-year figure"
                          for v, lo, hi, b in zip(m["final_value"], m["final_low"], m["final_high"], m["final_basis"])],
        "Sources": m["source_ids"],
    })
    return table_html(display, name=name, title="In-year counts against the target in force", data=m, sources=ev.sources, source_column="Sources", shown=shown,
                      numeric=("Count", "Year elapsed", "Of the target", "Year-end at this pace", "Year's result"))


def same_period(ev, name: str) -> str:
    """In-year counts of consecutive years at about the same day of the year."""
    m = rates.same_period(ev)
    if m.empty:
        return "<p>No two in-year counts of consecutive years end close enough in their years to compare.</p>"
    display = pd.DataFrame({
        "Scope": fmt.labels("scope", m["scope"]),
        "Earlier year": (m["jalali_year"] - 1).astype(int).astype("str") + ", day " + m["day_prev"].astype("str") + ": "
                        + fmt.each(fmt.estimate, m["value_prev"], m["low_prev"], m["high_prev"], "units"),
        "Later year": m["jalali_year"].astype(int).astype("str") + ", day " + m["day"].astype("str") + ": " + fmt.estimate_column(m, "", "units"),
        "Change": fmt.estimate_column(m, "pct_", "%"),
        "Sources": join_lists(m["source_ids"], m["source_ids_prev"]),
    })
    return table_html(display, name=name, title="In-year counts of consecutive years at the same point of the year", data=m, sources=ev.sources, source_column="Sources", numeric=("Change",))


def seed_progress(ev, name: str) -> str:
    """The seed's year to date at each end of each window it may have appeared in."""
    p = rates.seed_progress(ev)
    if p.empty:
        return "<p>The seed states no year-to-date count with a target to set it against.</p>"
    display = pd.DataFrame({
        "Evidence on the date": p["evidence"] + np.where(p["end"] == "earliest", " (earliest)", " (latest)"),
        "Date": [fmt.date(d) for d in p["date"]],
        "Year elapsed": p["elapsed"].map(lambda x: fmt.amount(x, "%", 0)),
        "Of the target": fmt.estimate_column(p, "progress_", "%"),
        "Per day to date": fmt.estimate_column(p, "pace_", ""),
        "Per day still needed": fmt.estimate_column(p, "needed_", ""),
        "Year-end at this pace": fmt.estimate_column(p, "projected_", "units"),
    })
    return table_html(display, name=name, title="The seed's year to date across the window it may have appeared in", data=p, numeric=("Year elapsed", "Of the target", "Per day to date", "Per day still needed",
                                                            "Year-end at this pace"))


def stocks(ev, name: str) -> str:
    """Every stated idle stock, by scope and date."""
    s = stock.stocks(ev)
    display = pd.DataFrame({
        "Scope": fmt.labels("scope", s["scope"]),
        "As of": fmt.date_windows(s["end_earliest"], s["end_latest"]).str.replace(r" \(.*\)$", "", regex=True),
        "Idle units": fmt.each(fmt.stated, s["value"], s["qualifier"], "units"),
        "Sources": s["source_ids"],
    })
    return table_html(display, name=name, title="Every stated stock of idle units", data=s, sources=ev.sources, source_column="Sources", numeric=("Idle units",))


def between(ev, name: str) -> str:
    """Consecutive stocks with the revivals between them and what had to fall idle meanwhile."""
    b = stock.between(ev)
    if b.empty:
        return "<p>No two stocks of one scope to compare.</p>"
    display = pd.DataFrame({
        "Scope": fmt.labels("scope", b["scope"]),
        "From": b["from_latest"].dt.strftime("%Y-%m-%d") + ": " + b["from_value"].map(fmt.number),
        "To": b["to_earliest"].dt.strftime("%Y-%m-%d") + ": " + b["to_value"].map(fmt.number),
        "Change": fmt.estimate_column(b, "change_", "units"),
        "Revived in between": fmt.estimate_column(b, "revived_", "units"),
        "Fell idle or newly counted": fmt.estimate_column(b, "inflow_", "units"),
        "Sources": b["source_ids"],
    })
    return table_html(display, name=name, title="Idle stock against the units revived between two statements", data=b, sources=ev.sources, source_column="Sources",
                      numeric=("Change", "Revived in between", "Fell idle or newly counted"))
