"""Question 2: how many jobs each revived unit brings back, per period, with honest bounds.

In: an :class:`~analysis.evidence.Evidence`. Out:

- :func:`yearly`: per Iranian year and scope with a best estimate of both units and jobs, jobs per
  unit as the ratio of the two estimates (interval arithmetic: the low end is the fewest jobs over the
  most units);
- :func:`headline`: one ratio per year, for the scope the headline series shows (or else the first
  scope with both counts), so every page shows the same number for the same year;
- :func:`pairs`: every pair of a units and a jobs claim of one scope and period, with a flag where the
  ratio lies far outside the full-year range (:func:`reference_range`);
- :func:`seed_pairs`: the pairs the seed states itself.
"""

from __future__ import annotations

import pandas as pd

from ..assumptions import HEADLINE_SCOPES, REVIVAL_SCOPES
from ..bounds import Estimate
from ..evidence import pairs as _pairs
from ..evidence.estimates import WHOLE_YEAR_BASES
from ..evidence.keys import join_lists

UNITS, JOBS = "units_revived", "jobs_created"


def yearly(ev) -> pd.DataFrame:
    """Jobs per unit from the year's best estimates of units and jobs (same scope, revival scopes).

    Columns: ``jalali_year``, ``scope``, ``u_value/u_low/u_high``, ``u_basis``, ``u_claim``,
    ``j_value/j_low/j_high``, ``j_basis``, ``j_claim``, ``jpu_value/jpu_low/jpu_high``,
    ``figure_ids``, ``source_ids``, ``jobs_per_year``-ready columns.
    """
    e = ev.estimates[ev.estimates["scope"].isin(REVIVAL_SCOPES)]
    keep = ["jalali_year", "scope", "value", "low", "high", "basis", "chosen_claim", "figure_ids", "source_ids"]
    u = e[e["metric"] == UNITS][keep]
    j = e[e["metric"] == JOBS][keep]
    m = u.merge(j, on=["jalali_year", "scope"], suffixes=("_u", "_j"))
    m = m.rename(columns={"value_u": "u_value", "low_u": "u_low", "high_u": "u_high", "basis_u": "u_basis", "chosen_claim_u": "u_claim",
                          "value_j": "j_value", "low_j": "j_low", "high_j": "j_high", "basis_j": "j_basis", "chosen_claim_j": "j_claim"})
    r = Estimate(m["j_value"], m["j_low"], m["j_high"]) / Estimate(m["u_value"], m["u_low"], m["u_high"])
    m["jpu_value"], m["jpu_low"], m["jpu_high"] = r.value, r.low, r.high
    m["figure_ids"] = m["figure_ids_u"] + "; " + m["figure_ids_j"]
    m["source_ids"] = join_lists(m["source_ids_u"], m["source_ids_j"])
    cols = ["jalali_year", "scope", "u_value", "u_low", "u_high", "u_basis", "u_claim", "j_value", "j_low", "j_high", "j_basis",
            "j_claim", "jpu_value", "jpu_low", "jpu_high", "figure_ids", "source_ids"]
    return m[cols].sort_values(["jalali_year", "scope"], kind="stable").reset_index(drop=True)


def headline(ev) -> pd.DataFrame:
    """One jobs-per-unit row per year: the headline series' scope where it has both counts, else the
    first of :data:`~analysis.assumptions.HEADLINE_SCOPES` that has; ``headline_scope`` says whether
    the scope is the headline's own."""
    y = yearly(ev)
    if y.empty:
        return y.assign(headline_scope=pd.Series(dtype=bool))
    shown = ev.headline.set_index("jalali_year")["scope"]
    y["_own"] = (y["scope"] == y["jalali_year"].map(shown)).astype(int)
    y["_rank"] = y["scope"].map({s: i for i, s in enumerate(HEADLINE_SCOPES)})
    y["_full"] = (y["u_basis"].isin(WHOLE_YEAR_BASES) & y["j_basis"].isin(WHOLE_YEAR_BASES)).astype(int)
    y = y.sort_values(["jalali_year", "_full", "_own", "_rank"], ascending=[True, False, False, True], kind="stable").drop_duplicates("jalali_year")
    return y.assign(headline_scope=y["_own"].astype(bool)).drop(columns=["_own", "_rank", "_full"]).reset_index(drop=True)


def reference_range(ev) -> Estimate:
    """Full-year jobs per unit in the ledger: the median ratio, from the lowest low to the highest finite high
    (:func:`analysis.evidence.pairs.reference_range`)."""
    return _pairs.reference_range(ev.pairs)


def plausible_band(ev) -> tuple[float, float]:
    """Jobs per unit judged plausible (:func:`analysis.evidence.pairs.plausible_band`)."""
    return _pairs.plausible_band(ev.pairs)


def pairs(ev) -> pd.DataFrame:
    """Every unit-job pair (:mod:`analysis.evidence.pairs`), with ``implausible`` (its whole interval outside
    :func:`plausible_band`; its figures are never used as a floor) and ``cannot_compute`` (no bounds: the
    units may be zero)."""
    return ev.pairs


def seed_pairs(ev) -> pd.DataFrame:
    """The pairs whose units and jobs the seed itself states (its previous year and its year to date)."""
    seed = set(ev.claims.loc[ev.claims["primary"], "claim_id"])
    p = pairs(ev)
    return p[p["units_claim"].isin(seed) & p["jobs_claim"].isin(seed)].reset_index(drop=True)
