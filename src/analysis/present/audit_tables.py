"""The tables of the source-audit page.

In: the audit's checks (:func:`analysis.questions.audit.checks`) and the evidence. Out: HTML tables
(plain labels, linked sources) with their data as CSV.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import fmt
from ..evidence.grading import MEANINGS
from ..questions import audit
from ..questions.audit import seed as audit_seed
from .tables import table_html

_TITLES = {r.id: r.title for r in audit.RULES}


def findings(ev, checks: pd.DataFrame, name: str, shown: int = 15) -> str:
    """The findings a reader must see: contradictions first, then questions, then inferences."""
    f = audit.findings(checks)
    display = pd.DataFrame({
        "Grade": f["grade"],
        "Check": f["rule"].map(_TITLES),
        "Finding": f["finding"],
        "How large": f["size_text"],
        "The arithmetic": f["arithmetic"],
        "Figures": f["figure_ids"],
        "Sources": f["source_ids"],
    })
    return table_html(display, name=name, title="The audit's findings, largest first within each grade: contradictions, questions, notes and inferences",
                      data=f, sources=ev.sources, source_column="Sources", shown=shown)


def counts(checks: pd.DataFrame, name: str) -> str:
    """Checks made per rule and grade: what was found consistent too."""
    c = audit.counts(checks)
    display = pd.DataFrame({
        "Check": c["looks for"].str.capitalize(),
        "Checks": c["checks"].map(fmt.number),
        "Contradictions": c["contradiction"].map(fmt.number),
        "Questions": c["question"].map(fmt.number),
        "Notes": c["note"].map(fmt.number),
        "Consistent": c["consistent"].map(fmt.number),
        "Could not fail, or cannot be computed": c["unchecked"].map(fmt.number),
        "Inferences": c["inference"].map(fmt.number),
    })
    return table_html(display, name=name, title="Checks made per rule and grade", data=c,
                      numeric=("Checks", "Contradictions", "Questions", "Notes", "Consistent", "Could not fail, or cannot be computed", "Inferences"))


def grades() -> str:
    """What each grade means."""
    display = pd.DataFrame({"Grade": list(MEANINGS), "Meaning": list(MEANINGS.values())})
    return table_html(display)


def all_checks(ev, checks: pd.DataFrame, name: str, shown: int = 8) -> str:
    """Every check, consistent ones included (folded; the full table is the download)."""
    c = checks.assign(_g=checks["grade"].map(audit.ORDER)).sort_values(["_g", "rule"], kind="stable")
    display = pd.DataFrame({
        "Grade": c["grade"], "Check": c["rule"].map(_TITLES), "About": c["subject"], "Finding": c["finding"], "Sources": c["source_ids"],
    })
    return table_html(display, name=name, title="Every check the audit made", data=c.drop(columns="_g"), sources=ev.sources, source_column="Sources", shown=shown)


def seed_date(ev, name: str) -> str:
    """The counts that bracket the seed's own, and the window they imply."""
    b = audit_seed.date_brackets(ev)
    early, late = audit_seed.date_window(ev)
    display = pd.DataFrame({
        "The seed's count": fmt.labels("metric", b["metric"]) + ": " + b["value"].map(fmt.number),
        "Smaller count, ended": np.where(b["lower_claim"] != "", b["lower_value"].map(fmt.number) + ", " + b["after"].map(fmt.date), "none"),
        "Larger count, ended by": np.where(b["upper_claim"] != "", b["upper_value"].map(fmt.number) + ", " + b["before"].map(fmt.date), "none"),
        "Sources": b["source_ids"],
    })
    note = f"<p>Together: the seed appeared between {fmt.date(early)} and {fmt.date(late)}.</p>"
    return table_html(display, name=name, title="Counts that bracket the seed's own, and the window they imply", data=b, sources=ev.sources, source_column="Sources") + note


def seed_share(ev, name: str) -> str:
    """Runs of years against the count the seed's share of its idle stock implies."""
    r = audit_seed.share_runs(ev)
    if r.empty:
        return "<p>The seed states no share and stock to compare.</p>"
    display = pd.DataFrame({
        "Years": r["years"],
        "Units revived": fmt.estimate_column(r, "sum_", "units"),
        "Against the share's count": r["grade"].map({"contradiction": "does not fit", "question": "fits only at the edge",
                                                      "consistent": "fits"}),
    })
    return table_html(display, name=name, title="Runs of years against the count the seed's share implies", data=r, numeric=("Units revived",))
