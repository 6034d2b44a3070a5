"""The tables of the jobs-per-unit page.

In: an :class:`~analysis.evidence.Evidence` (and the audit's checks). Out: :class:`~analysis.present.tables.Table`
blocks (headers and words from the catalogue, typed cells) with their data as CSV.
"""

from __future__ import annotations

import pandas as pd

from ..questions import jobs
from ..words import Label, Msg, Period, Text, Year
from .tables import Col, Table, table
from .timeline_tables import SOURCES, est, ids


def yearly(ev, name: str):
    """Jobs per unit per year from the year's best estimates (headline scope first)."""
    y = jobs.yearly(ev)
    h = jobs.headline(ev)[["jalali_year", "scope"]].assign(shown=True)
    y = y.merge(h, on=["jalali_year", "scope"], how="left")
    y["shown"] = y["shown"].fillna(False).astype(bool)
    y = y.sort_values(["jalali_year", "shown"], ascending=[True, False], kind="stable")

    def scope(r):
        word = Label("scope", r["scope"])
        return word if r["shown"] else Msg("cell.other_scope", {"scope": word})

    def known(r):
        if r["u_basis"] == "full_year" and r["j_basis"] == "full_year":
            return Label("basis", "full_year")
        return Msg("cell.derived_both", {"units": Label("basis_short", r["u_basis"]), "jobs": Label("basis_short", r["j_basis"])})

    cols = [Col("column.year", lambda r: Msg("cell.year", {"year": Year(r["jalali_year"])})), Col("column.scope", scope),
            Col("column.units_revived", est("u_"), numeric=True), Col("column.jobs", est("j_", "jobs"), numeric=True),
            Col("column.jobs_per_unit", est("jpu_", ""), numeric=True), Col("column.how_known", known), Col(SOURCES, ids(), sources=True)]
    return table(y, cols, name=name, data=y, sources=ev.sources, empty=Msg("table.jobs.yearly.empty"),
                 title="Jobs per revived unit per Iranian year, from the best estimates")


def pairs(ev, name: str, shown: int = 10):
    """Every pair of units and jobs of one scope and period, with jobs per unit and a flag."""
    p = jobs.pairs(ev)

    def flag(r):
        return Msg("cell.cannot") if r["cannot_compute"] else Msg("cell.implausible") if r["implausible"] else ""

    cols = [Col("column.period", Period.of), Col("column.scope", lambda r: Label("scope", r["scope"])),
            Col("column.units_revived", est("u_"), numeric=True), Col("column.jobs", est("j_", "jobs"), numeric=True),
            Col("column.jobs_per_unit", est("jpu_", ""), numeric=True), Col("column.flag", flag),
            Col("column.stated_together", lambda r: Msg("table.yes" if r["stated_together"] else "table.no")), Col(SOURCES, ids(), sources=True)]
    return table(p, cols, name=name, data=p, sources=ev.sources, shown=shown, empty=Msg("table.jobs.pairs.empty"),
                 title="Every pair of units and jobs of one scope and period")


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
