"""The tables of the jobs-per-unit page.

In: an :class:`~analysis.evidence.Evidence` (and the audit's checks). Out: HTML tables (plain labels,
formatted numbers, linked sources) with their data as CSV; the audit's checks as a table block
(:class:`analysis.present.tables.Table`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import fmt
from ..evidence import estimates as est_vocab
from ..questions import jobs
from ..words import Label, Text
from .tables import Col, Table, table, table_html
from .timeline_tables import _year


def yearly(ev, name: str) -> str:
    """Jobs per unit per year from the year's best estimates (headline scope first)."""
    y = jobs.yearly(ev)
    h = jobs.headline(ev)[["jalali_year", "scope"]].assign(shown=True)
    y = y.merge(h, on=["jalali_year", "scope"], how="left")
    y["shown"] = y["shown"].fillna(False).astype(bool)
    y = y.sort_values(["jalali_year", "shown"], ascending=[True, False], kind="stable")
    display = pd.DataFrame({
        "Iranian year": _year(y["jalali_year"]),
        "Scope": fmt.labels("scope", y["scope"]) + np.where(y["shown"], "", " (other scope)"),
        "Units revived": fmt.estimate_column(y, "u_", "units"),
        "Jobs": fmt.estimate_column(y, "j_", "jobs"),
        "Jobs per unit": fmt.estimate_column(y, "jpu_", ""),
        "How it is known": np.where((y["u_basis"] == "full_year") & (y["j_basis"] == "full_year"), "stated for the whole year",
                                    "derived: " + y["u_basis"].map(est_vocab.BASES).str.replace("derived: ", "") + " / "
                                    + y["j_basis"].map(est_vocab.BASES).str.replace("derived: ", "")),
        "Sources": y["source_ids"],
    })
    return table_html(display, name=name, title="Jobs per revived unit per Iranian year, from the best estimates", data=y, sources=ev.sources, source_column="Sources",
                      numeric=("Units revived", "Jobs", "Jobs per unit"))


def pairs(ev, name: str, shown: int = 10) -> str:
    """Every pair of units and jobs of one scope and period, with jobs per unit and a flag."""
    p = jobs.pairs(ev)
    flag = np.where(p["cannot_compute"], "cannot be computed", np.where(p["implausible"], "implausible", ""))
    display = pd.DataFrame({
        "Period": fmt.period_labels(p),
        "Scope": fmt.labels("scope", p["scope"]),
        "Units revived": fmt.estimate_column(p, "u_", "units"),
        "Jobs": fmt.estimate_column(p, "j_", "jobs"),
        "Jobs per unit": fmt.estimate_column(p, "jpu_", ""),
        "Flag": flag,
        "Stated together": np.where(p["stated_together"], "yes", "no"),
        "Sources": p["source_ids"],
    })
    return table_html(display, name=name, title="Every pair of units and jobs of one scope and period", data=p, sources=ev.sources, source_column="Sources", shown=shown,
                      numeric=("Units revived", "Jobs", "Jobs per unit"))


def checks(all_checks: pd.DataFrame, rule: str, ev, name: str, shown: int = 10, title: str = "") -> Table:
    """One audit rule's checks, graded, with the arithmetic behind each (a table block; headers and words
    are the audit's, :mod:`analysis.words.en.audit`)."""
    c = all_checks[all_checks["rule"] == rule]
    cols = [
        Col("audit.column.grade", lambda r: Label("grade", r["grade"])),
        Col("audit.column.about", lambda r: r["subject"]),
        Col("audit.column.finding", lambda r: r["finding"]),
        Col("audit.column.arithmetic", lambda r: r["arithmetic"]),
        Col("audit.column.sources", lambda r: Text(str(r["source_ids"])), sources=True),
    ]
    return table(c, cols, name=name, data=c, title=title, sources=ev.sources, shown=shown)
