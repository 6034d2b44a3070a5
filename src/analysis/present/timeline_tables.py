"""The tables each page shows: question tables turned into plain-label, formatted display frames.

In: an :class:`~analysis.evidence.Evidence` (and, for the audit, its checks). Out: HTML from
:func:`analysis.present.tables.table_html`, with the full data written as CSV beside the page.
Column headers are plain words; numbers go through :mod:`analysis.fmt`; sources are linked citations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import fmt
from ..evidence import estimates as est_vocab
from ..evidence import targets as target_vocab
from ..questions import timeline
from .tables import table_html


def _year(y: pd.Series) -> pd.Series:
    """'1399 (2020-21)'."""
    start = y.astype(int) + 621
    return y.astype(int).astype("str") + " (" + start.astype("str") + "-" + (start + 1).astype("str").str[-2:] + ")"


def _est(frame: pd.DataFrame, prefix: str = "", unit: str | pd.Series = "units") -> pd.Series:
    return fmt.estimate_column(frame, prefix, unit)


def year_labels(y: pd.DataFrame) -> pd.Series:
    """'1399 (2020-21)' for a complete year; ', so far' after the last year when it is known only in part,
    ', in part only' after an earlier part-year (frames with ``complete``: :func:`analysis.questions.timeline.completeness`)."""
    last = pd.Series(np.arange(len(y)) == len(y) - 1, index=y.index)
    return _year(y["jalali_year"]) + np.where(y["complete"], "", np.where(last, ", so far", ", in part only"))


def to_date_words(y: pd.DataFrame) -> pd.Series:
    """For a part-year: 'counted to 2025-08-01 (1404/05/10), with no full-year figure'; '' for a complete year."""
    return pd.Series(np.where(y["complete"], "", "counted to " + fmt.date_windows(y["to_date_earliest"], y["to_date_latest"])
                              + ", with no full-year figure"), index=y.index)


# ---------------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------------

def years(ev, name: str) -> str:
    """The programme year by year: the best estimate, its scope and basis, the targets."""
    y = timeline.years(ev)
    if y.empty:
        return "<p>The ledger has no yearly count of revived units.</p>"
    target = np.where(y["target_value"].notna(),
                      fmt.labels("scope", y["target_scope"].fillna("")) + ": " + y["target_value"].map(fmt.number)
                      + np.where(y["target_first_value"].notna() & (y["target_first_value"] != y["target_value"]),
                                 " (first stated " + y["target_first_value"].map(fmt.number) + ")", ""), "")
    display = pd.DataFrame({
        "Iranian year": year_labels(y),
        "Units revived": _est(y),
        "Scope": fmt.labels("scope", y["scope"]),
        "How it is known": y["basis"].map(est_vocab.BASES).where(y["complete"], "part of the year only: at least what was " + to_date_words(y)),
        "Revival target": target,
        "Sources": y["source_ids"],
    })
    data = y[["jalali_year", "year_start", "year_end", "scope", "value", "low", "high", "basis", "complete", "to_date_value", "to_date_low",
              "to_date_high", "to_date_earliest", "to_date_latest", "rule", "chosen_claim", "figure_ids", "source_ids",
              "target_first_value", "target_value", "target_scope"]]
    return table_html(display, name=name, title="Units revived per Iranian year: best estimates with their bounds, basis and targets", data=data, sources=ev.sources, source_column="Sources", numeric=("Units revived",))


def seed_figures(ev, name: str) -> str:
    """The seed's figures: what each says, for which period, and the earlier report it repeats."""
    s = timeline.seed(ev)
    unit = s["metric"].map(fmt.unit_of)
    display = pd.DataFrame({
        "What": fmt.labels("metric", s["metric"]),
        "Figure": fmt.stated_column(s),
        "Read as": fmt.each(fmt.interval, s["low"], s["high"], unit),
        "Scope": fmt.labels("scope", s["scope"]),
        "Period": fmt.period_labels(s),
        "The seed's words": s["quote"],
        "First reported by": s["earlier_report"],
    })
    return table_html(display, name=name, title="The seed article's figures, periods and words", data=s, sources=ev.sources, source_column="First reported by")


def reports(ev, name: str, shown: int = 8) -> str:
    """Every report with its date (or window) and how the date is known."""
    r = timeline.reports(ev)
    display = pd.DataFrame({
        "Report": r["source_id"],
        "Date": fmt.date_windows(r["published_earliest"], r["published_latest"]),
        "How the date is known": fmt.labels("date_basis", r["date_basis"]),
        "Language": fmt.labels("language", r["language"]),
        "Figures": r["figures"].map(fmt.number),
        "New claims": r["new_claims"].map(fmt.number),
    })
    return table_html(display, name=name, title="Every report with its date or date window", data=r.drop(columns=["note"]), sources=ev.sources, source_column="Report",
                      shown=shown, numeric=("Figures", "New claims"))


def targets(ev, name: str, shown: int = 12) -> str:
    """Every target with its kind, when it was first stated, and its role in the year's path."""
    t = ev.targets.sort_values(["first_year", "metric", "scope", "first_published_earliest"], kind="stable")
    unit = t["metric"].map(fmt.unit_of)
    role = t["role"].map(target_vocab.TARGET_ROLES) + np.where(t["direction"] != "", " (" + t["direction"] + ")", "")
    display = pd.DataFrame({
        "Period": fmt.period_labels(t),
        "Target": fmt.labels("metric", t["metric"]),
        "Scope": fmt.labels("scope", t["scope"]),
        "Value": fmt.each(fmt.stated, t["value"], t["qualifier"], unit),
        "Kind": t["target_kind"].map(target_vocab.TARGET_KINDS),
        "First stated": t["timing"].where(t["timing"] != "", "-") ,
        "Role": role,
        "Scored": np.where(t["scored"], "yes", "no: " + t["not_scored"]),
        "Sources": t["source_ids"],
    })
    return table_html(display, name=name, title="Every target: kind, when first stated, role in its path, whether scored", data=t.drop(columns=["range_role", "range_source"], errors="ignore"), sources=ev.sources,
                      source_column="Sources", shown=shown)


def claims(ev, name: str, shown: int = 10) -> str:
    """Every claim, first reported first: the number, its period, and every report that states it."""
    c = timeline.claims(ev)
    unit = c["metric"].map(fmt.unit_of)
    display = pd.DataFrame({
        "First reported": fmt.date_windows(c["first_published_earliest"], c["first_published_latest"]).str.replace(r" \(.*\)$", "", regex=True),
        "What": fmt.labels("metric", c["metric"]),
        "Scope": fmt.labels("scope", c["scope"]),
        "Period": fmt.period_labels(c),
        "Figure": fmt.each(fmt.stated, c["value"], c["qualifier"], unit),
        "Reports": c["n_sources"].map(fmt.number),
        "Figure ids": c["figure_ids"],
        "Sources": c["source_ids"],
    })
    data = c[["claim_id", "metric", "scope", "period_kind", "start", "end", "end_earliest", "end_latest", "value", "qualifiers", "low",
              "high", "n_figures", "n_sources", "figure_ids", "source_ids", "first_source", "first_published_earliest", "first_published_latest"]]
    return table_html(display, name=name, title="Every claim: a number and every report that states it", data=data, sources=ev.sources, source_column="Sources", shown=shown)


def weighed(ev, name: str) -> str:
    """What each year's headline estimate weighed: every claim, the scope it counts, and its role."""
    w = ev.weighed
    h = ev.headline[["jalali_year", "scope"]]
    w = w[w["metric"] == "units_revived"].merge(h, on=["jalali_year", "scope"])
    if w.empty:
        return "<p>No yearly estimate rests on more than its own figure.</p>"
    claims = ev.claims.set_index("claim_id")
    c = claims.reindex(w["claim_id"])
    words = fmt.stated_column(c.reset_index()).to_numpy() + " units"
    why = np.where(w["keeper_exact"].to_numpy(), "an exact count from ISIPO", "")
    why = np.where(w["target_echo"].to_numpy(), "equals a target of its year", why)
    display = pd.DataFrame({
        "Iranian year": _year(w["jalali_year"]).to_numpy(),
        "Figure": words,
        "Scope": fmt.labels("scope", w["claim_scope"]).to_numpy(),
        "Period": c["period_label"].to_numpy(),
        "Its part in the estimate": w["role"].map(est_vocab.WEIGHED_ROLES).to_numpy(),
        "Weighed as": why,
        "Sources": c["source_ids"].to_numpy(),
    })
    return table_html(display, name=name, title="What each year's estimate weighed: every claim and its role",
                      data=w.assign(period=c["period_label"].to_numpy(), source_ids=c["source_ids"].to_numpy()),
                      sources=ev.sources, source_column="Sources")
