"""The tables of the year-on-year page (and the idle stock).

In: an :class:`~analysis.evidence.Evidence`. Out: :class:`~analysis.present.tables.Table` blocks (headers
and words from the catalogue, typed cells) with their data as CSV.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import fmt
from ..evidence.keys import join_lists
from ..questions import rates, stock
from ..words import Date, Est, Label, Msg, Num, Period, Stated, Year
from .tables import Col, table
from .timeline_tables import SOURCES, est, ids, to_date_cell, year_cell


def _pct(prefix: str = "pct_"):
    return lambda r: Est(r[f"{prefix}value"], r[f"{prefix}low"], r[f"{prefix}high"], "%") if not pd.isna(r[f"{prefix}low"]) else ""


def yearly(ev, name: str):
    """The headline series: units, pace per day and the change from the year before (a part-year: its count
    and pace to date, not compared)."""
    y = rates.yearly(ev)
    last = int(y["jalali_year"].max()) if len(y) else None

    def units(r):
        return est()(r) if r["complete"] else est("to_date_")(r)

    def note(r):
        parts = []
        if not r["complete"]:
            parts.append(Msg("cell.part_year_pace", {"part": to_date_cell(r)}))
        elif r["basis"] != "full_year":
            parts.append(Label("basis", r["basis"]))
        if r["cross_scope"]:
            parts.append(Msg("cell.across_scopes", {"scope": Label("scope", r["previous_scope"])}))
        return Msg("cell.join", {"first": parts[0], "second": parts[1]}) if len(parts) == 2 else (parts[0] if parts else "")

    cols = [Col("column.year", lambda r: year_cell(r, last)), Col("column.scope", lambda r: Label("scope", r["scope"])),
            Col("column.units_revived", units, numeric=True), Col("column.per_day", est("pace_", ""), numeric=True),
            Col("column.change", lambda r: _pct()(r) if not pd.isna(r["pct_value"]) else "", numeric=True),
            Col("column.note", note), Col(SOURCES, ids(), sources=True)]
    return table(y, cols, name=name, data=y, sources=ev.sources, empty=Msg("table.rates.yearly.empty"),
                 title="Units revived per year, per day, and the change on the year before")


def by_scope(ev, name: str):
    """Year-on-year change within each scope."""
    b = rates.by_scope(ev)
    cols = [Col("column.scope", lambda r: Label("scope", r["scope"])),
            Col("column.years", lambda r: Msg("cell.years_span", {"first": Year(int(r["jalali_year"]) - 1, span=False),
                                                                   "last": Year(r["jalali_year"], span=False)})),
            Col("column.before", est("prev_"), numeric=True), Col("column.after", est(), numeric=True),
            Col("column.change_short", _pct(), numeric=True), Col(SOURCES, ids(), sources=True)]
    return table(b, cols, name=name, data=b, sources=ev.sources, empty=Msg("table.rates.by_scope.empty"),
                 title="Year-on-year change within each scope")


def attainment(ev, name: str):
    """Every yearly target with its result where it is set against one, and why not where not."""
    a = rates.attainment(ev)

    def result(r):
        return Est(r["done_value"], r["done_low"], r["done_high"], fmt.unit_of(r["metric"])) if not pd.isna(r["done_value"]) else ""

    def verdict(r):
        if r["verdict"] == "not scored":
            return Msg("cell.not_judged", {"why": Label("not_judged", r["not_scored"])})
        return Label("verdict", r["verdict"])

    cols = [Col("column.year", lambda r: Msg("cell.year", {"year": Year(r["jalali_year"])})),
            Col("column.target", lambda r: Msg("cell.metric_scope", {"metric": Label("metric", r["metric"]), "scope": Label("scope", r["scope"])})),
            Col("column.value", lambda r: Stated(r["value"], r["qualifier"], fmt.unit_of(r["metric"])), numeric=True),
            Col("column.as", lambda r: Label("target_role", "revision" if r["role"] == "revision" else "first")),
            Col("column.result", result, numeric=True),
            Col("column.reached", lambda r: _pct("attained_")(r) if r["scored"] and not pd.isna(r["attained_value"]) else "", numeric=True),
            Col("column.verdict", verdict), Col(SOURCES, ids(), sources=True)]
    return table(a, cols, name=name, data=a, sources=ev.sources, empty=Msg("table.targets.empty"), title="Yearly targets against the results")


def in_year(ev, name: str, shown: int = 10):
    """Each in-year count against the target in force when it was reported."""
    m = rates.in_year(ev)

    def of_target(r):
        return Est(r["progress_value"], r["progress_low"], r["progress_high"], "%", 0) if not pd.isna(r["progress_low"]) else Msg("cell.no_target")

    def final(r):
        if not pd.isna(r["final_value"]):
            return Est(r["final_value"], r["final_low"], r["final_high"], "units")
        return "" if pd.isna(r["final_basis"]) else Msg("cell.no_full_year")

    cols = [Col("column.period", Period.of), Col("column.scope", lambda r: Label("scope", r["scope"])),
            Col("column.count", est(), numeric=True),
            Col("column.year_elapsed", lambda r: Est(np.nan, r["elapsed_low"], r["elapsed_high"], "%", 0), numeric=True),
            Col("column.of_target", of_target, numeric=True), Col("column.year_end_pace", est("projected_"), numeric=True),
            Col("column.years_result", final, numeric=True), Col(SOURCES, ids(), sources=True)]
    return table(m, cols, name=name, data=m, sources=ev.sources, shown=shown, empty=Msg("table.rates.in_year.empty"),
                 title="Counts during the year against the target in force")


def same_period(ev, name: str):
    """In-year counts of consecutive years at about the same day of the year."""
    m = rates.same_period(ev)
    if len(m):
        m = m.assign(_sources=join_lists(m["source_ids"], m["source_ids_prev"]))
    cols = [Col("column.scope", lambda r: Label("scope", r["scope"])),
            Col("column.earlier_year", lambda r: Msg("cell.day_of_year", {"year": Year(int(r["jalali_year"]) - 1, span=False), "day": Num(r["day_prev"]),
                                                                          "count": Est(r["value_prev"], r["low_prev"], r["high_prev"], "units")})),
            Col("column.later_year", lambda r: Msg("cell.day_of_year", {"year": Year(r["jalali_year"], span=False), "day": Num(r["day"]),
                                                                        "count": est()(r)})),
            Col("column.change_short", _pct(), numeric=True), Col(SOURCES, ids("_sources"), sources=True)]
    return table(m, cols, name=name, data=m.drop(columns="_sources", errors="ignore"), sources=ev.sources,
                 empty=Msg("table.rates.same_period.empty"), title="Counts of consecutive years at the same point of the year")


def seed_progress(ev, name: str):
    """The primary article's year to date at each end of each window it may have appeared in."""
    p = rates.seed_progress(ev)
    cols = [Col("column.evidence_on_date", lambda r: Msg(f"cell.end_{r['end']}", {"evidence": Label("seed_evidence", r["basis"])})),
            Col("column.date", lambda r: Date(r["date"])),
            Col("column.year_elapsed", lambda r: Num(r["elapsed"], 0, "%"), numeric=True),
            Col("column.of_target", _pct("progress_"), numeric=True), Col("column.pace_to_date", est("pace_", ""), numeric=True),
            Col("column.pace_needed", est("needed_", ""), numeric=True), Col("column.year_end_pace", est("projected_"), numeric=True)]
    return table(p, cols, name=name, data=p, empty=Msg("table.rates.seed_progress.empty"),
                 title="The primary article's count for the year so far across the window it may have appeared in")


def stocks(ev, name: str):
    """Every stated idle stock, by scope and date."""
    s = stock.stocks(ev)

    def as_of(r):
        return Date(r["end_earliest"]) if r["end_earliest"] == r["end_latest"] else Msg("cell.date_window", {"first": Date(r["end_earliest"]),
                                                                                                           "last": Date(r["end_latest"])})

    cols = [Col("column.scope", lambda r: Label("scope", r["scope"])), Col("column.as_of", as_of),
            Col("column.idle_units", lambda r: Stated(r["value"], r["qualifier"], "units"), numeric=True), Col(SOURCES, ids(), sources=True)]
    return table(s, cols, name=name, data=s, sources=ev.sources, empty=Msg("table.rates.stocks.empty"), title="Every stated stock of idle units")


def between(ev, name: str):
    """Consecutive stocks with the revivals between them and what had to fall idle meanwhile."""
    b = stock.between(ev)
    cols = [Col("column.scope", lambda r: Label("scope", r["scope"])),
            Col("column.from", lambda r: Msg("cell.on", {"day": Date(r["from_latest"]), "value": Num(r["from_value"])})),
            Col("column.to", lambda r: Msg("cell.on", {"day": Date(r["to_earliest"]), "value": Num(r["to_value"])})),
            Col("column.change_short", est("change_"), numeric=True), Col("column.revived_between", est("revived_"), numeric=True),
            Col("column.fell_idle", est("inflow_"), numeric=True), Col(SOURCES, ids(), sources=True)]
    return table(b, cols, name=name, data=b, sources=ev.sources, empty=Msg("table.rates.between.empty"),
                 title="Idle stock against the units revived between two statements")

