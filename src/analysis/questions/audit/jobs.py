"""Audit rules on jobs per unit: officials' stated averages against the figures and the targets they
summarise, and the jobs added per unit added between consecutive reports.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule
(:mod:`analysis.questions.audit.checks`), graded by :func:`analysis.evidence.grading.judge`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...bounds import Estimate
from ...evidence.grading import apart, could_fail, judge
from ...evidence.pairs import plausible_band
from . import checks as ck


def _nearest_pairs(a: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """For each stated average, the pair of the same scope and first day to compare with.

    A pair whose end is known and lies inside the average's end window comes first (the nearest to
    the window's middle); otherwise the pair whose end window's middle is nearest. Sorted as-of joins.
    """
    cols = ["key", "mid", "units_claim", "jobs_claim", "jpu_value", "jpu_low", "jpu_high", "figure_ids", "source_ids", "end_earliest", "end_latest"]
    a = a.sort_values("mid")
    known = pairs[pairs["end_earliest"] == pairs["end_latest"]].sort_values("mid")[cols]
    first = pd.merge_asof(a, known, on="mid", by="key", direction="nearest", suffixes=("", "_p"))
    inside = first["units_claim"].notna() & (first["end_earliest_p"] >= first["end_earliest"]) & (first["end_earliest_p"] <= first["end_latest"])
    second = pd.merge_asof(a, pairs.sort_values("mid")[cols], on="mid", by="key", direction="nearest", suffixes=("", "_p"))
    return first.where(inside, second)


def averages(ev) -> pd.DataFrame:
    """Stated jobs per unit against the units and jobs of the same scope and period, and against the
    ratio of the year's jobs and units targets.

    Two checks per stated average. ``figures``: the pair of :func:`_nearest_pairs`. ``targets``: the
    jobs target in force over each units target of the year's path (first stated and as revised);
    consistent with the one in force, a question when it matches only the ratio as first stated.
    """
    a = ev.claims[ev.claims["metric"] == "jobs_per_unit_stated"].copy()
    if a.empty:
        return ck.empty()
    p = ev.pairs.dropna(subset=["start"]).copy()
    a["key"] = a["scope"] + "|" + a["start"].astype("str")
    p["key"] = p["scope"] + "|" + p["start"].astype("str")
    a["mid"] = a["end_earliest"] + (a["end_latest"] - a["end_earliest"]) / 2
    p["mid"] = p["end_earliest"] + (p["end_latest"] - p["end_earliest"]) / 2
    near = _nearest_pairs(a, p)
    strict = apart(near["low"], near["high"], near["jpu_low"], near["jpu_high"])
    grades = judge(strict, apart(near["gen_low"], near["gen_high"], near["jpu_low"], near["jpu_high"]),
                   near["jpu_value"].notna() & ((near["jpu_value"] < near["low"]) | (near["jpu_value"] > near["high"])),
                   could_fail(near["low"], near["high"], near["jpu_low"], near["jpu_high"])).where(near["units_claim"].notna(), "unchecked")
    own = ck.claim_text(near)
    size, severity = ck.measure(near["value"], near["jpu_value"], near["jpu_low"], near["jpu_high"], "ratio")
    problem = grades.isin(["contradiction", "question"])
    ratio = ck.estimate_text(near["jpu_value"], near["jpu_low"], near["jpu_high"], "")
    figures = ck.rows(
        "average", near, grade=grades, subject=ck.subject(near), claim_id=near["claim_id"],
        claim_ids=ck.concat(near["claim_id"], near["units_claim"], near["jobs_claim"]),
        figure_ids=ck.concat(near["figure_ids"], near["figure_ids_p"]), source_ids=ck.joined(near["source_ids"], near["source_ids_p"]),
        stated=own, arithmetic=("jobs / units, against the stated " + own + ": " + ck.num(near["jobs_claim"].map(ev.claims.set_index("claim_id")["value"]), "jobs") + " jobs / "
                                + ck.num(near["units_claim"].map(ev.claims.set_index("claim_id")["value"]), "units") + " units = " + ratio).where(
            near["units_claim"].notna(), "no units and jobs of this scope to compare"),
        finding=np.select([grades == "unchecked", grades == "consistent"],
                          ["No units and jobs of this scope and period to compare with.", "The stated average matches jobs over units."],
                          default="The report says " + own + " jobs per unit; its jobs over units give " + ratio + "."),
        reading=np.where(problem, np.where(strict, "within one rounding step of the stated average", "within the rounding of the figures as written"), ""),
        size_text=size.where(problem, ""), severity=severity.where(problem), stated_value=near["value"],
        stated_low=near["low"], stated_high=near["high"], derived_value=near["jpu_value"], derived_low=near["jpu_low"], derived_high=near["jpu_high"])

    t = ev.targets[ev.targets["jalali_year"].notna()]
    cols = ["scope", "jalali_year", "claim_id", "value", "low", "high", "figure_ids", "source_ids"]
    jobs_t = t[(t["metric"] == "jobs_target") & t["current"]][cols]
    units_t = t[(t["metric"] == "units_target") & t["role"].isin(["first", "revision"])][cols + ["current"]]
    tt = jobs_t.merge(units_t, on=["scope", "jalali_year"], suffixes=("_j", "_u"))
    at = a.assign(jalali_year=a["cumulative_year"]).merge(tt, on=["scope", "jalali_year"])
    if at.empty:
        return figures
    r = Estimate(at["value_j"], at["low_j"], at["high_j"]) / Estimate(at["value_u"], at["low_u"], at["high_u"])
    at["r_value"], at["r_low"], at["r_high"] = r.value, r.low, r.high
    at["g"] = judge(apart(at["low"], at["high"], at["r_low"], at["r_high"]), apart(at["gen_low"], at["gen_high"], at["r_low"], at["r_high"]),
                    at["r_value"].notna() & ((at["r_value"] < at["low"]) | (at["r_value"] > at["high"])),
                    could_fail(at["low"], at["high"], at["r_low"], at["r_high"]))
    at["ok"] = at["g"] == "consistent"
    at = at.sort_values(["claim_id", "ok", "current"], ascending=[True, False, False], kind="stable").drop_duplicates("claim_id")
    tg = pd.Series(np.where(at["ok"] & at["current"], "consistent", np.where(at["ok"], "question", at["g"])), index=at.index)
    own_t = ck.claim_text(at)
    rt = ck.num(at["value_j"]) + " / " + ck.num(at["value_u"]) + " = " + ck.estimate_text(at["r_value"], at["r_low"], at["r_high"], "")
    targets = ck.rows(
        "average", at, grade=tg, subject=ck.subject(at), claim_id=at["claim_id"], claim_ids=ck.concat(at["claim_id"], at["claim_id_j"], at["claim_id_u"]),
        figure_ids=ck.concat(at["figure_ids"], at["figure_ids_j"], at["figure_ids_u"]), source_ids=ck.joined(at["source_ids"], at["source_ids_j"], at["source_ids_u"]),
        stated=own_t, arithmetic="jobs target / units target: " + rt + ", against the stated " + own_t,
        reading=np.where(tg == "question", "if the average was computed from the targets as first stated, not counted", ""),
        finding=np.select([tg == "consistent", tg == "question"],
                          ["The stated average equals the ratio of the year's jobs and units targets (" + rt + ").",
                           "The stated average equals the ratio of the year's targets as first stated (" + rt + "), not as revised."],
                          default="The stated average differs from the ratio of the year's jobs and units targets (" + rt + ")."),
        stated_low=at["low"], stated_high=at["high"], derived_value=at["r_value"], derived_low=at["r_low"], derived_high=at["r_high"])
    return pd.concat([figures, targets], ignore_index=True)


def marginal_jobs(ev) -> pd.DataFrame:
    """Jobs added per unit added between consecutive reports of one year's series (same scope).

    Pairs stated together by one report, in order of their ends; a pair whose end window overlaps
    the previous one's has no known order and is not divided (unchecked), nor is one whose units
    may not have risen. A question when the whole interval lies beyond the full-year range divided
    or multiplied by :data:`~analysis.assumptions.PLAUSIBLE_JOBS_PER_UNIT_FACTOR`.
    """
    p = ev.pairs[ev.pairs["stated_together"] & ev.pairs["cumulative_year"].notna()].copy()
    if len(p) < 2:
        return ck.empty()
    p = p.sort_values(["scope", "cumulative_year", "end_earliest", "end_latest", "units_claim", "jobs_claim"], kind="stable")
    p = p.drop_duplicates("units_claim")
    grp = p.groupby(["scope", "cumulative_year"], sort=False)
    prev = grp[["units_claim", "jobs_claim", "u_value", "u_low", "u_high", "j_value", "j_low", "j_high", "end_latest", "figure_ids",
                "source_ids"]].shift()
    m = p[prev["units_claim"].notna()].copy()
    prev = prev.loc[m.index]
    du = Estimate(m["u_value"], m["u_low"], m["u_high"]) - Estimate(prev["u_value"], prev["u_low"], prev["u_high"])
    dj = Estimate(m["j_value"], m["j_low"], m["j_high"]) - Estimate(prev["j_value"], prev["j_low"], prev["j_high"])
    ordered = prev["end_latest"] < m["end_earliest"]
    divisible = ordered & (du.low > 0)
    safe_du = Estimate(du.value.where(divisible, 1.0), du.low.where(divisible, 1.0), du.high.where(divisible, 1.0))
    ratio = dj / safe_du
    band_low, band_high = plausible_band(ev.pairs)
    outside = (ratio.high < band_low) | (ratio.low > band_high)
    # Open wordings ("over 12,478") can leave the interval open both ways: evaluated as stated only.
    can = divisible & (np.isfinite(ratio.low) | np.isfinite(ratio.high))
    du_stated = (m["u_value"] - prev["u_value"]).where(divisible & (m["u_value"] > prev["u_value"]))
    as_stated = (m["j_value"] - prev["j_value"]) / du_stated
    stated_out = (as_stated < band_low) | (as_stated > band_high)
    grades = np.where(~divisible, "unchecked", np.where(outside | stated_out, "question", np.where(can, "consistent", "unchecked")))
    rt = ck.estimate_text(ratio.value.where(divisible), ratio.low.where(divisible), ratio.high.where(divisible), "")
    rt = rt.where(can | ~divisible, ck.num(as_stated, "", 1) + " as stated")
    size, severity = ck.measure(as_stated.where(stated_out | outside, ratio.value), band_low + 0 * ratio.value, band_low, band_high, "ratio")
    band = fmt.interval(band_low, band_high)
    m = m.assign(claim_id=m["units_claim"], metric="jobs_per_unit_stated", qualifier="exact", value=m["jpu_value"])
    return ck.rows(
        "marginal_jobs", m, grade=grades, subject="jobs per unit added, " + fmt.labels("scope", m["scope"]) + ", " + m["cumulative_year"].astype("str"),
        claim_id=m["units_claim"], claim_ids=ck.concat(m["units_claim"], m["jobs_claim"], prev["units_claim"], prev["jobs_claim"]),
        figure_ids=ck.concat(m["figure_ids"], prev["figure_ids"]), source_ids=ck.joined(m["source_ids"], prev["source_ids"]),
        stated=ck.num(dj.value, "jobs") + " jobs over " + ck.num(du.value, "units") + " units",
        arithmetic=np.where(divisible, "(" + ck.num(m["j_value"], "jobs") + " - " + ck.num(prev["j_value"], "jobs") + ") / ("
                            + ck.num(m["u_value"], "units") + " - " + ck.num(prev["u_value"], "units") + ") = " + rt + "; plausible " + band,
                            np.where(ordered, "the units may not have risen between the two reports", "the two reports' order is not known")),
        finding=np.select([~divisible, grades == "unchecked", grades == "question"],
                          ["Not divided: " + np.where(ordered, "the units may not have risen.", "the reports' order is not known."),
                           "As stated, " + rt + " jobs per unit added, within the plausible range (" + band
                           + "); the open wording means the check could not fail.",
                           "The jobs added per unit added, " + rt + ", lie outside the plausible range (" + band + ")."],
                          default="Within the plausible range."),
        reading=np.where(grades == "question", np.where(outside, "if the latest revivals were unusually large employers",
                                                         "if the figures' open wording hides larger numbers"), ""),
        size_text=pd.Series(size).where(grades == "question", ""), severity=pd.Series(severity).where(grades == "question"),
        stated_value=as_stated, stated_low=band_low, stated_high=band_high,
        derived_value=ratio.value.where(divisible), derived_low=ratio.low.where(divisible), derived_high=ratio.high.where(divisible))
