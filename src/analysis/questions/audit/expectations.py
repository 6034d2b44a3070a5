"""Audit rule on officials' expectations: what was expected for a period against what came of it.

In: an :class:`~analysis.evidence.Evidence` (its ``expectations``: figures marked ``expected`` in the
ledger, for a period still running or ahead when they were stated). Out: :func:`expectations`, one
check per expectation:

- for a count or sum expected for a whole Iranian year ("we will reach 2,000 by the year's end"),
  against the year's best estimate of the same metric and scope;
- for an average expected for a year ("each revived unit is expected to bring 26 jobs this year"),
  against the year's jobs over its units (both best estimates of the same scope);
- ``consistent`` when the result lies within the expectation's bounds; a **note** when it does not (an
  expectation missed is worth knowing, not a problem with the figures), with the gap; ``unchecked``
  while the period's result is not known (no estimate of the whole year yet) or for a period the
  ledger has no result for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...bounds import Estimate
from ...evidence.estimates import WHOLE_YEAR_BASES
from ...evidence.grading import apart
from . import checks as ck

#: The average an expectation of jobs per unit is set against: jobs over units of the same scope and year.
AVERAGE = "jobs_per_unit_stated"


def _results(ev) -> pd.DataFrame:
    """Whole-year results per metric, scope and year: the estimates, and jobs per unit from them."""
    e = ev.estimates[ev.estimates["basis"].isin(WHOLE_YEAR_BASES)]
    cols = ["metric", "scope", "jalali_year", "value", "low", "high", "chosen_claim", "figure_ids", "source_ids"]
    out = e[cols]
    u = e[e["metric"] == "units_revived"][cols[1:]]
    j = e[e["metric"] == "jobs_created"][cols[1:]]
    m = u.merge(j, on=["scope", "jalali_year"], suffixes=("_u", "_j"))
    if len(m):
        r = Estimate(m["value_j"], m["low_j"], m["high_j"]) / Estimate(m["value_u"], m["low_u"], m["high_u"])
        avg = pd.DataFrame({"metric": AVERAGE, "scope": m["scope"], "jalali_year": m["jalali_year"], "value": r.value, "low": r.low,
                            "high": r.high, "chosen_claim": m["chosen_claim_j"] + ", " + m["chosen_claim_u"],
                            "figure_ids": m["figure_ids_j"] + "; " + m["figure_ids_u"],
                            "source_ids": ck.joined(m["source_ids_j"], m["source_ids_u"])})
        out = pd.concat([out, avg], ignore_index=True)
    return out


def expectations(ev) -> pd.DataFrame:
    """Every expectation against its period's result (module docstring)."""
    x = ev.expectations
    if x is None or x.empty:
        return ck.empty()
    x = x.assign(jalali_year=x["first_year"].where(x["period_kind"] == "full_year").astype("Int64"),
                 claim_id=x["figure_id"], figure_ids=x["figure_id"], source_ids=x["source_id"],
                 period_label=fmt.period_labels(x))
    res = _results(ev).rename(columns=lambda c: c if c in ("metric", "scope", "jalali_year") else f"r_{c}")
    m = x.merge(res, on=["metric", "scope", "jalali_year"], how="left")
    known = m["r_value"].notna()
    missed = known & apart(m["low"], m["high"], m["r_low"], m["r_high"])
    off = known & ((m["r_value"] < m["low"]) | (m["r_value"] > m["high"]))
    grades = pd.Series(np.where(~known, "unchecked", np.where(missed | off, "note", "consistent")), index=m.index)
    unit = ck.units(m["metric"])
    own = ck.said(m)
    result = ck.ests(m["r_value"], m["r_low"], m["r_high"], unit)
    scale = np.where(m["metric"] == AVERAGE, "ratio", "count")
    size = pd.Series(None, index=m.index, dtype=object)
    severity = pd.Series(np.nan, index=m.index)
    for kind in ("count", "ratio"):
        rows = (scale == kind) & (grades == "note").to_numpy()
        if rows.any():
            t, sv = ck.measure(m.loc[rows, "value"], m.loc[rows, "r_value"], m.loc[rows, "r_low"], m.loc[rows, "r_high"], kind,
                               unit[rows], of="result")
            size[rows], severity[rows] = t.to_numpy(), sv.to_numpy()
    short = m["r_value"] < m["value"]
    variant = np.select([grades == "unchecked", grades == "consistent", short], ["unknown", "met", "short"], default="more")
    own_unit = unit.where(unit.isin(ck.OWN_UNITS) | (unit == "jobs per unit"), "")
    return ck.rows(
        "expectation", m, grade=grades, subject=ck.subject(m), claim_id=m["figure_id"],
        claim_ids=ck.concat(m["figure_id"], m["r_chosen_claim"].fillna("")),
        figure_ids=ck.concat(m["figure_id"], m["r_figure_ids"].fillna("")),
        source_ids=ck.joined(m["source_id"], m["r_source_ids"].fillna("")), stated=own,
        arithmetic=ck.msgs(np.where(known, "audit.arithmetic.expectation", "audit.arithmetic.expectation.unknown"), own=own, result=result),
        finding=ck.msgs(["audit.finding.expectation." + v for v in variant], own=own, where=ck.wheres(m["scope"]), when=ck.whens(m), result=result),
        headline=ck.msgs([("audit.headline.expectation." + v) if g == "note" else None for g, v in zip(grades, variant)], own=own,
                         where=ck.wheres(m["scope"]), when=ck.whens(m, brief=True), result=ck.rough(m["r_value"], m["r_low"], m["r_high"], own_unit)),
        size_text=size, severity=severity, stated_value=m["value"], stated_low=m["low"], stated_high=m["high"],
        derived_value=m["r_value"], derived_low=m["r_low"], derived_high=m["r_high"])
