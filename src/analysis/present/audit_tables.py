"""The tables of the source-audit page.

In: the audit's checks (:func:`analysis.questions.audit.checks`) and the evidence. Out: table blocks
(:class:`analysis.present.tables.Table`: headers and cells as messages and typed values of
:mod:`analysis.words`, written in the language of the page, sources linked) with their data as CSV
(sentences in English, :func:`analysis.csvfile.in_english`). Headers and words are the catalogue's
(:mod:`analysis.words.en.audit`).
"""

from __future__ import annotations

import pandas as pd

from ..evidence.grading import MEANINGS
from ..questions import audit
from ..questions.audit import seed as audit_seed
from ..words import Date, Day, Est, Label, Msg, Num, Text, say
from .blocks import Group, Prose
from .tables import Col, Table, table

_RULES = {r.id: r.message for r in audit.RULES}


def _text(column: str):
    """A cell of ids, as written (figure ids)."""
    return lambda r: Text(str(r[column]))


def _sources(r) -> Text:
    return Text(str(r["source_ids"]))


def findings(ev, checks: pd.DataFrame, name: str, shown: int = 15) -> Table:
    """The findings a reader must see, largest first within each grade (contradictions, questions, notes,
    inferences): each headline first, then its grade, the finding in full, its size, figures, sources and arithmetic."""
    f = audit.findings(checks)
    cols = [
        Col("audit.column.headline", lambda r: r["headline"]),
        Col("audit.column.grade", lambda r: Label("grade", r["grade"])),
        Col("audit.column.finding", lambda r: r["finding"]),
        Col("audit.column.size", lambda r: r["size_text"]),
        Col("audit.column.figures", _text("figure_ids")),
        Col("audit.column.sources", _sources, sources=True),
        Col("audit.column.arithmetic", lambda r: r["arithmetic"]),
    ]
    return table(f, cols, name=name, data=f, title=say("audit.table.findings"), sources=ev.sources, shown=shown)


_COUNTS = (("checks", "audit.column.checks"), ("contradiction", "audit.column.contradictions"), ("question", "audit.column.questions"),
           ("note", "audit.column.notes"), ("consistent", "audit.column.consistent"), ("unchecked", "audit.column.unchecked"),
           ("inference", "audit.column.inferences"))


def counts(checks: pd.DataFrame, name: str) -> Table:
    """Checks made per rule and grade: what was found consistent too."""
    c = audit.counts(checks)
    cols = [Col("audit.column.check", lambda r: r["looks for"])]
    cols += [Col(header, (lambda col: lambda r: Num(int(r[col])))(col), numeric=True) for col, header in _COUNTS]
    return table(c, cols, name=name, data=c, title=say("audit.table.counts"))


def grades() -> Table:
    """What each grade means."""
    g = pd.DataFrame({"grade": list(MEANINGS), "meaning": pd.Series(list(MEANINGS.values()), dtype=object)})
    return table(g, [Col("audit.column.grade", lambda r: Label("grade", r["grade"])), Col("audit.column.meaning", lambda r: r["meaning"])])


def all_checks(ev, checks: pd.DataFrame, name: str, shown: int = 8) -> Table:
    """Every check, consistent ones included (folded; the full table is the download)."""
    c = checks.assign(_g=checks["grade"].map(audit.ORDER)).sort_values(["_g", "rule"], kind="stable")
    cols = [
        Col("audit.column.grade", lambda r: Label("grade", r["grade"])),
        Col("audit.column.check", lambda r: _RULES.get(r["rule"])),
        Col("audit.column.about", lambda r: r["subject"]),
        Col("audit.column.finding", lambda r: r["finding"]),
        Col("audit.column.sources", _sources, sources=True),
    ]
    return table(c, cols, name=name, data=c.drop(columns="_g"), title=say("audit.table.all_checks"), sources=ev.sources, shown=shown)


def _ended(value, day):
    if pd.isna(value):
        return Msg("audit.none")
    return Msg("audit.cell.count_ended", {"value": Num(value), "date": Date(day)})


def seed_date(ev, name: str) -> Group:
    """The counts that bracket the primary report's own, and the window they imply."""
    b = audit_seed.date_brackets(ev)
    early, late = audit_seed.date_window(ev)
    cols = [
        Col("audit.column.report_count", lambda r: Msg("audit.cell.metric_value", {"metric": Label("metric", r["metric"]), "value": Num(r["value"])})),
        Col("audit.column.smaller", lambda r: _ended(r["lower_value"] if r["lower_claim"] != "" else None, r["after"])),
        Col("audit.column.larger", lambda r: _ended(r["upper_value"] if r["upper_claim"] != "" else None, r["before"])),
        Col("audit.column.sources", _sources, sources=True),
    ]
    note = Prose((("p", Msg("audit.seed_window", {"primary": audit_seed.primary_name(ev), "first": Day(early), "last": Day(late)})),))
    return Group((table(b, cols, name=name, data=b, title=say("audit.table.seed_date"), sources=ev.sources), note))


def seed_share(ev, name: str) -> Table:
    """Runs of years against the count the primary report's share of its idle stock implies."""
    r = audit_seed.share_runs(ev)
    cols = [
        Col("audit.column.years", lambda x: x["years"]),
        Col("audit.column.units_revived", lambda x: Est(x["sum_value"], x["sum_low"], x["sum_high"], "units"), numeric=True),
        Col("audit.column.against_share", lambda x: Msg(f"audit.fit.{x['grade']}")),
    ]
    return table(r, cols, name=name if len(r) else None, data=r, title=say("audit.table.seed_share"), empty=Msg("audit.table.no_share"))
