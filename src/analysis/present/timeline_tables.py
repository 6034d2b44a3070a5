"""The timeline page's tables: the years, what each rests on, the reports, the targets, the primary
article's figures, every claim.

In: an :class:`~analysis.evidence.Evidence`. Out: :class:`~analysis.present.tables.Table` blocks (headers
from the catalogue, ``table.*``; typed cells written in the language in force) with the full data written
as CSV beside the page. Also the cells the other pages' tables share (:func:`year_cell`, :func:`to_date_cell`).
"""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..questions import timeline
from ..words import Date, Est, Label, Msg, Num, Period, Stated, Text, Window, Year
from .tables import Col, table


def year_cell(r: pd.Series, last_year: int | None = None) -> Msg:
    """'1399 (2020–21)', with ', so far' for the running year known only in part, ', in part only' for an
    earlier one (rows with ``complete``: :func:`analysis.questions.timeline.completeness`)."""
    y = Year(r["jalali_year"])
    if "complete" not in r or bool(r["complete"]):
        return Msg("cell.year", {"year": y})
    return Msg("cell.year_so_far" if last_year is not None and int(r["jalali_year"]) == last_year else "cell.year_in_part", {"year": y})


def to_date_cell(r: pd.Series) -> Msg:
    """For a part-year: 'at least what was counted to 2025-08-01 (1404/05/10): no full-year figure yet'."""
    early, late = r["to_date_earliest"], r["to_date_latest"]
    day = Date(early) if early == late else Window(early, late)
    return Msg("cell.part_year", {"day": day})


def est(prefix: str = "", unit: str = "units"):
    """A cell of an estimate from ``{prefix}value/low/high``."""
    return lambda r: Est(r[f"{prefix}value"], r[f"{prefix}low"], r[f"{prefix}high"], unit)


def stated(r: pd.Series) -> Stated:
    """A figure as worded, with its unit."""
    return Stated(r["value"], r["qualifier"], fmt.unit_of(r["metric"]))


def ids(column: str = "source_ids"):
    """A cell of source ids (linked by the table)."""
    return lambda r: Text(str(r[column]))


SOURCES = "column.sources"


def years(ev, name: str):
    """The programme year by year: the best estimate, its scope and basis, the targets."""
    y = timeline.years(ev)
    last = int(y["jalali_year"].max()) if len(y) else None

    def basis(r):
        return Label("basis", r["basis"]) if r["complete"] else to_date_cell(r)

    def target(r):
        if pd.isna(r["target_value"]):
            return ""
        slots = {"scope": Label("scope", r["target_scope"]), "value": Num(r["target_value"])}
        if not pd.isna(r["target_first_value"]) and r["target_first_value"] != r["target_value"]:
            return Msg("cell.target_revised", {**slots, "first": Num(r["target_first_value"])})
        return Msg("cell.target", slots)

    cols = [Col("column.year", lambda r: year_cell(r, last)),
            Col("column.dates", lambda r: Window(r["year_start"], r["year_end"])),
            Col("column.units_revived", est(), numeric=True), Col("column.scope", lambda r: Label("scope", r["scope"])),
            Col("column.how_known", basis), Col("column.target", target), Col(SOURCES, ids(), sources=True)]
    data = y[["jalali_year", "year_start", "year_end", "scope", "value", "low", "high", "basis", "complete", "to_date_value", "to_date_low",
              "to_date_high", "to_date_earliest", "to_date_latest", "rule", "chosen_claim", "figure_ids", "source_ids",
              "target_first_value", "target_value", "target_scope"]] if len(y) else y
    return table(y, cols, name=name, data=data, sources=ev.sources, empty=Msg("table.timeline.years.empty"),
                 title="Units revived per Iranian year: best estimates with their bounds, basis and targets")


def seed_figures(ev, name: str):
    """The primary article's figures: what each says, for which period, and the earlier report it repeats."""
    s = timeline.seed(ev)
    unit = s["metric"].map(fmt.unit_of)
    s = s.assign(_unit=unit)
    cols = [Col("column.what", lambda r: Label("metric", r["metric"])), Col("column.figure", stated),
            Col("column.read_as", lambda r: Est(float("nan"), r["low"], r["high"], r["_unit"])),
            Col("column.scope", lambda r: Label("scope", r["scope"])), Col("column.period", Period.of),
            Col("column.its_words", lambda r: Text(str(r["quote"]), "en")), Col("column.first_reported_by", ids("earlier_report"), sources=True)]
    return table(s, cols, name=name, data=s.drop(columns="_unit"), sources=ev.sources,
                 title="The primary article's figures, periods and words")


def reports(ev, name: str, shown: int = 8):
    """Every report with its date (or window) and how the date is known."""
    r = timeline.reports(ev)

    def date(row):
        e, l = row["published_earliest"], row["published_latest"]
        return Date(e) if e == l else Msg("cell.date_window", {"first": Date(e), "last": Date(l)})

    cols = [Col("column.report", ids("source_id"), sources=True), Col("column.date", date),
            Col("column.how_dated", lambda row: Label("date_basis", row["date_basis"])),
            Col("column.language", lambda row: Label("language", row["language"])),
            Col("column.figures", lambda row: Num(row["figures"]), numeric=True),
            Col("column.new_figures", lambda row: Num(row["new_claims"]), numeric=True)]
    return table(r, cols, name=name, data=r.drop(columns=["note"]), sources=ev.sources, shown=shown,
                 title="Every report with its date or date window")


def targets(ev, name: str, shown: int = 12):
    """Every target with its kind, when it was first stated, and its role in its year's path."""
    t = ev.targets.sort_values(["first_year", "metric", "scope", "first_published_earliest"], kind="stable")

    def role(r):
        word = Label("target_role", r["role"])
        return Msg("cell.role_direction", {"role": word, "direction": Label("direction", r["direction"])}) if r["direction"] else word

    def judged(r):
        return Msg("table.yes") if r["scored"] else Msg("cell.not_judged", {"why": Label("not_judged", r["not_scored"])})

    cols = [Col("column.period", Period.of), Col("column.target", lambda r: Label("metric", r["metric"])),
            Col("column.scope", lambda r: Label("scope", r["scope"])), Col("column.value", stated, numeric=True),
            Col("column.kind", lambda r: Label("target_kind", r["target_kind"])),
            Col("column.first_stated", lambda r: Label("timing", r["timing"]) if r["timing"] else ""),
            Col("column.role", role), Col("column.judged", judged), Col(SOURCES, ids(), sources=True)]
    return table(t, cols, name=name, data=t.drop(columns=["range_role", "range_source"], errors="ignore"), sources=ev.sources,
                 shown=shown, title="Every target: kind, when first stated, role in its path, whether set against a result")


def claims(ev, name: str, shown: int = 10):
    """Every claim, first reported first: the number, its period, and every report that states it."""
    c = timeline.claims(ev)

    def first(r):
        e, l = r["first_published_earliest"], r["first_published_latest"]
        return Date(e) if e == l else Msg("cell.date_window", {"first": Date(e), "last": Date(l)})

    cols = [Col("column.first_reported", first), Col("column.what", lambda r: Label("metric", r["metric"])),
            Col("column.scope", lambda r: Label("scope", r["scope"])), Col("column.period", Period.of),
            Col("column.figure", stated, numeric=True), Col("column.reports", lambda r: Num(r["n_sources"]), numeric=True),
            Col(SOURCES, ids(), sources=True)]
    data = c[["claim_id", "metric", "scope", "period_kind", "start", "end", "end_earliest", "end_latest", "value", "qualifiers", "low",
              "high", "n_figures", "n_sources", "figure_ids", "source_ids", "first_source", "first_published_earliest", "first_published_latest"]]
    return table(c, cols, name=name, data=data, sources=ev.sources, shown=shown, title="Every figure, once: a number and every report that states it")


def weighed(ev, name: str):
    """What each year's headline estimate weighed: every claim, the scope it counts, and its role."""
    w = ev.weighed
    h = ev.headline[["jalali_year", "scope"]]
    w = w[w["metric"] == "units_revived"].merge(h, on=["jalali_year", "scope"])
    c = ev.claims.set_index("claim_id").reindex(w["claim_id"]).reset_index()
    mine = ["jalali_year", "claim_scope", "role", "keeper_exact", "target_echo"]
    rows = pd.concat([w.reset_index(drop=True)[mine], c.drop(columns=[x for x in mine if x in c])], axis=1)

    def why(r):
        if r["target_echo"]:
            return Msg("cell.weighed.target_echo")
        return Msg("cell.weighed.keeper_exact") if r["keeper_exact"] else ""

    cols = [Col("column.year", lambda r: Msg("cell.year", {"year": Year(r["jalali_year"])})),
            Col("column.figure", lambda r: Stated(r["value"], r["qualifier"], "units"), numeric=True),
            Col("column.scope", lambda r: Label("scope", r["claim_scope"])), Col("column.period", Period.of),
            Col("column.part_in_estimate", lambda r: Label("weighed_role", r["role"])), Col("column.weighed_as", why),
            Col(SOURCES, ids(), sources=True)]
    return table(rows, cols, name=name, data=w.assign(period=c["period_label"].to_numpy(), source_ids=c["source_ids"].to_numpy()),
                 sources=ev.sources, empty=Msg("table.timeline.weighed.empty"),
                 title="What each year's estimate weighed: every figure and its part")
