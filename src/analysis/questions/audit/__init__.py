"""The source audit: which figures can be trusted?

In: an :class:`~analysis.evidence.Evidence`. Out: :func:`checks`, every check every rule made (one
row per checked claim, columns :data:`~analysis.questions.audit.checks.CHECK_COLUMNS`, their text as
messages of the catalogue, :mod:`analysis.words.en.audit`, with a one-line ``headline`` per finding), graded
``contradiction``, ``question``, ``note``, ``consistent`` or ``unchecked`` by the standard of
:mod:`analysis.evidence.grading`, plus the two ``inference`` rows about the seed; :func:`findings`, the
rows a reader must see (contradictions, then questions, each ranked by size; then notes and
inferences, which are shown and never counted as findings); :func:`counts`, checks per rule and grade.

A restated figure is one claim, so a problem gives one finding however many reports repeat it.
The provinces' audit (:func:`analysis.questions.provinces.audit`) is :func:`checks` of each province, with
most rules run once over every province (:mod:`.together`).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from . import counts as _counts
from . import expectations as _expectations
from . import falls as _falls
from . import jobs as _jobs
from . import outliers as _outliers
from . import ratios as _ratios
from . import seed as _seed
from ...words import Msg
from .checks import CHECK_COLUMNS, empty


@dataclass(frozen=True)
class Rule:
    """One audit rule: its id and the function returning its checks; what it looks for in plain words is
    the catalogue's ``audit.rule.<id>`` (:attr:`message`; :attr:`title` in the language in force)."""

    id: str
    run: Callable

    @property
    def message(self) -> Msg:
        """What the rule looks for, as a message of the catalogue."""
        return Msg(f"audit.rule.{self.id}")

    @property
    def title(self) -> str:
        """What the rule looks for, in the language in force."""
        return str(self.message)


#: Every rule, in the order the tables list them.
RULES: tuple[Rule, ...] = (
    Rule("ytd_decrease", _falls.ytd_decreases),
    Rule("running_total", _falls.running_totals),
    Rule("different_values", _counts.different_values),
    Rule("wording", _counts.wording_conflicts),
    Rule("term_total", _counts.term_totals),
    Rule("parts_total", _counts.parts_totals),
    Rule("percentage", _ratios.percentages),
    Rule("growth", _ratios.growth),
    Rule("average", _jobs.averages),
    Rule("marginal_jobs", _jobs.marginal_jobs),
    Rule("outlier_ratio", _outliers.ratio_outliers),
    Rule("target_echo", _counts.target_echoes),
    Rule("target_ratio", _outliers.target_ratios),
    Rule("reused_value", _counts.reused_values),
    Rule("dollar_conversion", _outliers.dollar_conversions),
    Rule("expectation", _expectations.expectations),
    Rule("seed_date", _seed.date_inference),
    Rule("seed_share", _seed.share_inference),
)

#: Grades in the order findings are listed.
ORDER: dict[str, int] = {"contradiction": 0, "question": 1, "note": 2, "inference": 3, "unchecked": 4, "consistent": 5}

#: Grades that are findings (counted); notes and inferences are shown beside them, never counted.
FINDING_GRADES: tuple[str, ...] = ("contradiction", "question")


@contextmanager
def _collector_paused():
    """Python's cycle collector off inside the block (back as it was after): the audit keeps every sentence
    it writes (hundreds of thousands of small objects at 1e5 figures), and each of the collector's full
    passes, set off by those very allocations, walks every object alive, the evidence's included (a third of
    the audit's time at 1e5, for no garbage: the rules make no reference cycles worth collecting early)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def checks(ev) -> pd.DataFrame:
    """Every check of every rule (consistent ones included), in :data:`RULES` order."""
    with _collector_paused():
        parts = [r.run(ev) for r in RULES]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return empty()
    return pd.concat(parts, ignore_index=True)[CHECK_COLUMNS]


def findings(all_checks: pd.DataFrame) -> pd.DataFrame:
    """The checks a reader must see: contradictions, then questions, each ranked by size (largest first,
    then in rule order), then notes and inferences."""
    f = all_checks[all_checks["grade"].isin([*FINDING_GRADES, "note", "inference"])].copy()
    rank = {r.id: i for i, r in enumerate(RULES)}
    f["_g"] = f["grade"].map(ORDER)
    f["_s"] = -f["severity"].fillna(-1.0)
    f["_r"] = f["rule"].map(rank)
    return f.sort_values(["_g", "_s", "_r", "claim_id"], kind="stable").drop(columns=["_g", "_s", "_r"]).reset_index(drop=True)


def counts(all_checks: pd.DataFrame) -> pd.DataFrame:
    """Checks per rule and grade, every rule listed (zero where none)."""
    grades = ["contradiction", "question", "note", "inference", "consistent", "unchecked"]
    rules = pd.DataFrame({"rule": [r.id for r in RULES], "looks for": pd.Series([r.message for r in RULES], dtype=object)})
    table = all_checks.groupby(["rule", "grade"]).size().unstack(fill_value=0) if len(all_checks) else pd.DataFrame()
    out = rules.merge(table, left_on="rule", right_index=True, how="left").fillna(0)
    for g in grades:
        out[g] = out[g].astype(int) if g in out else 0
    out["checks"] = out[grades].sum(axis=1)
    return out[["rule", "looks for", "checks", "contradiction", "question", "note", "consistent", "unchecked", "inference"]]
