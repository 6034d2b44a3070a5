"""Audit rules on jobs per unit: officials' stated averages against the figures and the targets they
summarise, and the jobs added per unit added between consecutive reports.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule
(:mod:`analysis.questions.audit.checks`), graded by :func:`analysis.evidence.grading.judge`.
:func:`marginal_jobs` also takes every province's evidence at once (:mod:`.together`): its series take
``province`` among their keys and each place's own plausible band.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ...bounds import Estimate
from ...evidence.grading import apart, could_fail, judge
from ...words import Est, Msg, Num, Year
from . import checks as ck
from .together import band as band_of
from .together import per_row, place


def _nearest_pairs(a: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """For each stated average, the pair of the same scope and first day to compare with.

    A pair whose end is known and lies inside the average's end window comes first (the nearest to
    the window's middle); otherwise the pair whose end window's middle is nearest. Sorted as-of joins.
    """
    cols = ["key", "mid", "units_claim", "jobs_claim", "jpu_value", "jpu_low", "jpu_high", "figure_ids", "source_ids", "end_earliest", "end_latest"]
    a = a.sort_values("mid", kind="stable")
    known = pairs[pairs["end_earliest"] == pairs["end_latest"]].sort_values("mid", kind="stable")[cols]
    first = pd.merge_asof(a, known, on="mid", by="key", direction="nearest", suffixes=("", "_p"))
    inside = first["units_claim"].notna() & (first["end_earliest_p"] >= first["end_earliest"]) & (first["end_earliest_p"] <= first["end_latest"])
    second = pd.merge_asof(a, pairs.sort_values("mid", kind="stable")[cols], on="mid", by="key", direction="nearest", suffixes=("", "_p"))
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
    own = ck.said(near)
    size, severity = ck.measure(near["value"], near["jpu_value"], near["jpu_low"], near["jpu_high"], "ratio")
    problem = grades.isin(["contradiction", "question"])
    ratio = ck.ests(near["jpu_value"], near["jpu_low"], near["jpu_high"], "")
    values = ev.claims.set_index("claim_id")["value"]
    has = near["units_claim"].notna()
    finding = np.select([grades == "unchecked", grades == "consistent"], ["audit.finding.average.unchecked", "audit.finding.average.consistent"],
                        default="audit.finding.average.differs")
    figures = ck.rows(
        "average", near, grade=grades, subject=ck.subject(near), claim_id=near["claim_id"],
        claim_ids=ck.concat(near["claim_id"], near["units_claim"], near["jobs_claim"]),
        figure_ids=ck.concat(near["figure_ids"], near["figure_ids_p"]), source_ids=ck.joined(near["source_ids"], near["source_ids_p"]),
        stated=own, arithmetic=ck.msgs(np.where(has, "audit.arithmetic.average", "audit.arithmetic.average.missing"), own=own,
                                       jobs=ck.nums(near["jobs_claim"].map(values), "jobs"), units=ck.nums(near["units_claim"].map(values), "units"),
                                       ratio=ratio),
        finding=ck.msgs(finding, own=own, ratio=ck.rough(near["jpu_value"], near["jpu_low"], near["jpu_high"], "")),
        headline=ck.msgs(["audit.headline.average.differs" if p else None for p in problem], own=own, where=ck.wheres(near["scope"]),
                         when=ck.whens(near, brief=True), ratio=ck.rough(near["jpu_value"], near["jpu_low"], near["jpu_high"], "")),
        reading=[(Msg("audit.reading.average_step") if st else Msg("audit.reading.rounding")) if p else None for p, st in zip(problem, strict)],
        size_text=size.where(problem, None), severity=severity.where(problem), stated_value=near["value"],
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
    own_t = ck.said(at)
    rt = ck.msgs("audit.ratio", jobs=ck.nums(at["value_j"]), units=ck.nums(at["value_u"]), ratio=ck.ests(at["r_value"], at["r_low"], at["r_high"], ""))
    rt_short = ck.msgs("audit.ratio", jobs=ck.nums(at["value_j"]), units=ck.nums(at["value_u"]),
                       ratio=ck.rough(at["r_value"], at["r_low"], at["r_high"], ""))
    rt_bare = ck.msgs("audit.ratio.bare", jobs=ck.nums(at["value_j"]), units=ck.nums(at["value_u"]))
    finding = np.select([tg == "consistent", tg == "question"], ["audit.finding.average_target.consistent", "audit.finding.average_target.first"],
                        default="audit.finding.average_target.differs")
    head = np.select([tg == "question", tg == "contradiction"], ["audit.headline.average_target.first", "audit.headline.average_target.differs"],
                     default="")
    targets = ck.rows(
        "average", at, grade=tg, subject=ck.subject(at), claim_id=at["claim_id"], claim_ids=ck.concat(at["claim_id"], at["claim_id_j"], at["claim_id_u"]),
        figure_ids=ck.concat(at["figure_ids"], at["figure_ids_j"], at["figure_ids_u"]), source_ids=ck.joined(at["source_ids"], at["source_ids_j"], at["source_ids_u"]),
        stated=own_t, arithmetic=ck.msgs("audit.arithmetic.average_target", ratio=rt, own=own_t),
        reading=[Msg("audit.reading.first_targets") if g == "question" else None for g in tg],
        finding=ck.msgs(finding, ratio=rt_short),
        headline=ck.msgs(head, own=own_t, where=ck.wheres(at["scope"]), year=ck.years(at["jalali_year"]), ratio=rt_bare),
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
    grp = p.groupby([*place(p), "scope", "cumulative_year"], sort=False)
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
    band_low, band_high = band_of(ev.pairs, m)  # each place's own band
    outside = (ratio.high < band_low) | (ratio.low > band_high)
    # Open wordings ("over 12,478") can leave the interval open both ways: evaluated as stated only.
    can = divisible & (np.isfinite(ratio.low) | np.isfinite(ratio.high))
    du_stated = (m["u_value"] - prev["u_value"]).where(divisible & (m["u_value"] > prev["u_value"]))
    as_stated = (m["j_value"] - prev["j_value"]) / du_stated
    stated_out = (as_stated < band_low) | (as_stated > band_high)
    grades = np.where(~divisible, "unchecked", np.where(outside | stated_out, "question", np.where(can, "consistent", "unchecked")))
    rt = ck.ests(ratio.value.where(divisible), ratio.low.where(divisible), ratio.high.where(divisible), "")
    rt = [r if c or not d else Msg("audit.as_stated", {"n": Num(a, 1)}) for r, c, d, a in zip(rt, can.tolist(), divisible.tolist(), as_stated.tolist())]
    size, severity = ck.measure(as_stated.where(stated_out | outside, ratio.value), band_low + 0 * ratio.value, band_low, band_high, "ratio")
    band = per_row(lambda lo, hi: Est(math.nan, lo, hi, ""), band_low, band_high)
    m = m.assign(claim_id=m["units_claim"], metric="jobs_per_unit_stated", qualifier="exact", value=m["jpu_value"])
    not_divided = np.where(ordered, "not_risen", "unordered")
    finding = np.select([~divisible, grades == "unchecked", grades == "question"],
                        ["audit.finding.marginal_jobs." + not_divided, "audit.finding.marginal_jobs.unchecked", "audit.finding.marginal_jobs.question"],
                        default="audit.finding.marginal_jobs.consistent")
    arith = np.where(divisible, "audit.arithmetic.marginal_jobs", "audit.arithmetic.marginal_jobs." + not_divided)
    short = [a if (o or s_) and not math.isnan(a) else v for a, v, o, s_ in
             zip(as_stated.tolist(), ratio.value.where(divisible).tolist(), outside.tolist(), stated_out.tolist())]
    return ck.rows(
        "marginal_jobs", m, grade=grades,
        subject=ck.msgs("audit.subject.per_unit_added", scope=ck.labels("scope", m["scope"]), year=[Year(int(y)) for y in m["cumulative_year"]]),
        claim_id=m["units_claim"], claim_ids=ck.concat(m["units_claim"], m["jobs_claim"], prev["units_claim"], prev["jobs_claim"]),
        figure_ids=ck.concat(m["figure_ids"], prev["figure_ids"]), source_ids=ck.joined(m["source_ids"], prev["source_ids"]),
        stated=ck.msgs("audit.stated.per_unit_added", jobs=ck.nums(dj.value, "jobs"), units=ck.nums(du.value, "units")),
        arithmetic=ck.msgs(arith, jobs=ck.nums(m["j_value"], "jobs"), jobs_before=ck.nums(prev["j_value"], "jobs"),
                           units=ck.nums(m["u_value"], "units"), units_before=ck.nums(prev["u_value"], "units"), ratio=rt, band=band),
        finding=ck.msgs(finding, ratio=rt, band=band),
        headline=ck.msgs(["audit.headline.marginal_jobs" if g == "question" else None for g in grades], where=ck.wheres(m["scope"]),
                         year=ck.years(m["cumulative_year"]), ratio=ck.rough(short, np.nan, np.nan, ""),
                         band=per_row(lambda lo, hi: Est(math.nan, lo, hi, "", 0), band_low, band_high)),
        reading=[(Msg("audit.reading.large_employers") if o else Msg("audit.reading.open_wording")) if g == "question" else None
                 for g, o in zip(grades.tolist(), outside.tolist())],
        size_text=pd.Series(size).where(grades == "question", None), severity=pd.Series(severity).where(grades == "question"),
        stated_value=as_stated, stated_low=band_low, stated_high=band_high,
        derived_value=ratio.value.where(divisible), derived_low=ratio.low.where(divisible), derived_high=ratio.high.where(divisible))
