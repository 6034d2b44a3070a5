"""One place's evidence reduced to what ``make check`` compares, and what that evidence is made from.

In: a validated :class:`~analysis.ledger.Ledger` and a place (``""`` for the whole country, or a province's
name as ``data/provinces.tsv`` spells it). Out:

- :func:`places`: the places a ledger has figures for, the country first, then the provinces by name;
- :func:`inputs`: everything the evidence and the audit of one place read from the ledger, as plain
  tuples that two ledgers can be compared by (the place's figure rows, the reports they cite and the
  seed's report, and which of those reports repeat an earlier report's figures). When a place's inputs
  are equal in two ledgers its evidence is too, so ``make check`` does not build it twice;
- :func:`snapshot`: a :class:`Snapshot` of the place, built with :func:`analysis.evidence.build` and
  :func:`analysis.questions.audit.checks`: its claims, its best estimates and its audit checks, each
  reduced to the columns the comparison reads.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Columns of a claim the comparison reads.
CLAIM_COLUMNS: list[str] = ["claim_id", "metric", "scope", "period_label", "value", "qualifier", "qualifiers", "low", "high",
                            "all_figure_ids", "all_source_ids"]
#: Columns of a best estimate the comparison reads (one row per metric, scope and Iranian year).
ESTIMATE_COLUMNS: list[str] = ["metric", "scope", "jalali_year", "value", "low", "high", "basis"]
#: Columns of an audit check the comparison reads.
CHECK_COLUMNS: list[str] = ["rule", "grade", "claim_id", "claim_ids", "subject", "finding"]


@dataclass(frozen=True)
class Snapshot:
    """One place's claims, best estimates and audit checks (columns as above)."""

    claims: pd.DataFrame
    estimates: pd.DataFrame
    checks: pd.DataFrame


def empty() -> Snapshot:
    """The snapshot of a place a ledger has no figures for."""
    return Snapshot(pd.DataFrame(columns=CLAIM_COLUMNS), pd.DataFrame(columns=ESTIMATE_COLUMNS),
                    pd.DataFrame(columns=CHECK_COLUMNS))


def places(ledger) -> list[str]:
    """``""`` (the whole country) and every province the ledger has a figure for, by name."""
    named = set(ledger.figures["province"]) - {""} if "province" in ledger.figures else set()
    return ["", *sorted(named)]


def _rows(frame: pd.DataFrame) -> tuple:
    return tuple(map(tuple, frame.astype("str").fillna("").to_numpy().tolist()))  # missing cells read as ""


def inputs(ledger, place: str, restating: set[str]) -> tuple:
    """What the evidence and audit of ``place`` read from ``ledger``, as comparable tuples.

    ``restating``: the reports that repeat figures of an earlier report
    (:func:`analysis.evidence.readings.restating_sources` over the whole ledger).
    """
    from ..ledger import FIGURES_COLUMNS

    f = ledger.figures
    mine = f[f["province"] == place] if "province" in f else f
    columns = [c for c in FIGURES_COLUMNS if c in mine]
    cited = set(mine["source_id"])
    s = ledger.sources
    reports = s[s["source_id"].isin(cited) | s["primary"].astype(bool)]
    return _rows(mine[columns]), _rows(reports), tuple(sorted(cited & restating))


def snapshot(ledger, place: str) -> Snapshot:
    """The claims, best estimates and audit checks of ``place`` (``""``: the whole country)."""
    from .. import evidence
    from ..questions import audit

    ev = evidence.build(ledger, place)
    checks = audit.checks(ev)
    return Snapshot(ev.claims[CLAIM_COLUMNS].reset_index(drop=True),
                    ev.estimates[ESTIMATE_COLUMNS].reset_index(drop=True),
                    checks[CHECK_COLUMNS].reset_index(drop=True))
