"""Audit rules on figures that look wrong on their face, or made rather than counted: implausible jobs
or money per revived unit, a jobs count that looks computed from the year's target ratio, and one sum
converted to dollars at different rates.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule
(:mod:`analysis.questions.audit.checks`):

- :func:`ratio_outliers`: every unit-job pair (jobs per unit against
  :func:`analysis.evidence.pairs.plausible_band`) and every unit-money pair one report gives (rials per
  unit against the median band of :func:`analysis.evidence.pairs.money`); a question where the whole
  ratio lies outside, since either figure may be the slip. The evidence layer never uses such a pair's
  figures as a floor (``outlier``).
- :func:`target_ratios`: a round jobs count that equals its units count times the year's jobs target
  per unit target (within the count's rounding): it may have been computed, not counted. A question.
- :func:`dollar_conversions`: one rial sum converted at different rates is a **note** giving both
  implied rates (official and market rates differ legitimately), never a contradiction of figures;
  rates whose intervals meet and whose central values lie within :data:`SAME_RATE` of each other are
  the same rate (consistent).

Evidence of every province at once (:mod:`.together`): each place's figures against each other and
against its own bands (``province`` among the keys; the money band's check place by place).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ...assumptions import PLAUSIBLE_MONEY_PER_UNIT_FACTOR
from ...bounds import Estimate
from ...evidence.grading import apart
from ...words import Approx, Est, Msg, Num
from . import checks as ck
from .counts import significant_digits
from .together import band as band_of
from .together import per_row, place, places_of

#: Two implied exchange rates are one rate when their central values differ by less than this share
#: (and their intervals meet): dollar sums are printed rounded, so their rates scatter by about that much.
SAME_RATE: float = 0.01


def ratio_outliers(ev) -> pd.DataFrame:
    """Jobs per unit of every unit-job pair, and rials per unit of every unit-money pair (module docstring)."""
    return pd.concat([_jobs(ev), *[_money(e) for e in places_of(ev)]], ignore_index=True)  # each place's money band its own


def _jobs(ev) -> pd.DataFrame:
    p = ev.pairs
    if p.empty:
        return ck.empty()
    lo, hi = band_of(p, p)  # each place's own band
    grades = np.where(p["cannot_compute"], "unchecked", np.where(p["implausible"], "question", "consistent"))
    ratio = ck.ests(p["jpu_value"], p["jpu_low"], p["jpu_high"], "")
    band = per_row(lambda low, high: Est(math.nan, low, high, ""), lo, hi)
    u, j = ck.nums(p["u_value"], "units"), ck.nums(p["j_value"], "jobs")
    size, severity = ck.measure(p["jpu_value"], np.nan, lo, hi, "ratio")
    bad = pd.Series(grades == "question", index=p.index)
    periods = ck.lookup(ev.claims, p["units_claim"])
    above = p["jpu_value"].fillna(p["jpu_low"]) > hi
    dated = periods["first_year"].notna()
    head = [None if not b_ else "audit.headline.outlier_jobs." + ("above" if a_ else "below") + ("" if d else "_undated")
            for b_, a_, d in zip(bad.tolist(), above.tolist(), dated.tolist())]
    rough = ck.rough(p["jpu_value"], p["jpu_low"], p["jpu_high"], "")  # the finding's and the headline's
    finding = np.where(bad, "audit.finding.outlier_jobs.question",
                       np.where(grades == "unchecked", "audit.finding.outlier_jobs.unchecked", "audit.finding.outlier.consistent"))
    return ck.rows(
        "outlier_ratio", p, grade=grades,
        subject=ck.msgs("audit.subject.jobs_per_unit", scope=ck.labels("scope", p["scope"]), period=ck.periods(periods)),
        claim_id=p["units_claim"], claim_ids=p["units_claim"] + ", " + p["jobs_claim"], figure_ids=p["figure_ids"],
        source_ids=p["source_ids"], stated=ck.msgs("audit.stated.jobs_per_unit", units=u, jobs=j),
        arithmetic=ck.msgs("audit.arithmetic.outlier_jobs", jobs=j, units=u, ratio=ratio, band=band),
        finding=ck.msgs(finding, units=u, jobs=j, ratio=rough, band=band),
        headline=ck.msgs(head, units=ck.nums(p["u_value"]), jobs=ck.nums(p["j_value"]), where=ck.wheres(p["scope"]),
                         year=ck.years(periods["first_year"]), ratio=rough,
                         band=per_row(lambda low, high: Est(math.nan, low, high, "", 0), lo, hi)),
        reading=[Msg("audit.reading.units_large") if x else None for x in bad.tolist()], connector="may",
        size_text=size.where(bad, None), severity=severity.where(bad), stated_value=p["jpu_value"], stated_low=p["jpu_low"],
        stated_high=p["jpu_high"], derived_low=lo, derived_high=hi)


def _sig(x: float, figures: int = 3) -> float:
    """``x`` to ``figures`` significant figures (a sum of money in a sentence)."""
    if not math.isfinite(x) or x == 0:
        return x
    return round(x, figures - 1 - math.floor(math.log10(abs(x))))


def _money(ev) -> pd.DataFrame:
    m = ev.money
    if m.empty or len(m) < 2:
        return ck.empty()  # one pair alone sets its own band: nothing to compare
    grades = np.where(m["implausible"], "question", "consistent")
    per = ck.ests(m["mpu_value"], m["mpu_low"], m["mpu_high"], "rials")
    lo, hi = m["band_low"].iloc[0], m["band_high"].iloc[0]
    band = Est(math.nan, lo, hi, "rials")
    size, severity = ck.measure(m["mpu_value"], np.nan, m["band_low"], m["band_high"], "ratio")
    bad = pd.Series(grades == "question", index=m.index)
    c = ck.lookup(ev.claims, m["units_claim"])
    money, units = ck.nums(m["m_value"], "rials"), ck.nums(m["u_value"], "units")
    per_short = [Num(_sig(v), None, "rials") for v in m["mpu_value"]]
    band_short = Est(math.nan, _sig(lo), _sig(hi), "rials")
    above = m["mpu_value"] > hi
    return ck.rows(
        "outlier_ratio", m, grade=grades,
        subject=ck.msgs("audit.subject.money_per_unit", scope=ck.labels("scope", m["scope"]), period=ck.periods(c)),
        claim_id=m["units_claim"], claim_ids=m["units_claim"] + ", " + m["money_claim"], figure_ids=m["figure_ids"],
        source_ids=m["source_ids"], stated=ck.msgs("audit.stated.money_per_unit", money=money, units=units),
        arithmetic=ck.msgs("audit.arithmetic.outlier_money", money=money, units=units, per=per, band=band,
                           factor=Num(PLAUSIBLE_MONEY_PER_UNIT_FACTOR)),
        finding=ck.msgs(np.where(bad, "audit.finding.outlier_money.question", "audit.finding.outlier.consistent"), money=money, units=units,
                        per=per_short, band=band_short),
        headline=ck.msgs([("audit.headline.outlier_money." + ("above" if a else "below")) if b_ else None for b_, a in zip(bad, above)],
                         money=money, units=units, per=per_short),
        reading=[Msg("audit.reading.other_purpose") if x else None for x in bad], connector="may",
        size_text=size.where(bad, None), severity=severity.where(bad), stated_value=m["mpu_value"], stated_low=m["mpu_low"],
        stated_high=m["mpu_high"], derived_low=m["band_low"], derived_high=m["band_high"])


def target_ratios(ev) -> pd.DataFrame:
    """Round jobs counts equal to their units count times the year's target ratio (module docstring).

    Only jobs counts with at least two significant digits and a rounding step (9,800: yes; 14,458, exact,
    and 8,000, one digit: no) are tested: an exact count is counted, and one digit matches anything.
    """
    p = ev.pairs[ev.pairs["stated_together"] & ev.pairs["cumulative_year"].notna()].copy()
    t = ev.targets[ev.targets["jalali_year"].notna() & ev.targets["role"].isin(["first", "revision"])]
    cols = ["scope", "jalali_year", "claim_id", "value", "figure_ids", "source_ids", *place(t)]
    jobs_t = t[t["metric"] == "jobs_target"][cols]
    units_t = t[t["metric"] == "units_target"][cols]
    at = place(t)
    ratios = jobs_t.merge(units_t, on=["scope", "jalali_year", *at], suffixes=("_j", "_u"))
    if p.empty or ratios.empty:
        return ck.empty()
    ratios["ratio"] = ratios["value_j"] / ratios["value_u"]
    p["jalali_year"] = p["cumulative_year"].astype("Int64")
    m = p.merge(ratios, on=["scope", "jalali_year", *at])
    round_count = (significant_digits(m["j_value"]) >= 2) & (m["j_low"] < m["j_high"])
    m["computed"] = m["u_value"] * m["ratio"]
    m = m[round_count & (m["computed"] >= m["j_low"]) & (m["computed"] <= m["j_high"])]
    m = m.drop_duplicates("jobs_claim")
    if m.empty:
        return ck.empty()
    j, u = ck.nums(m["j_value"], "jobs"), ck.nums(m["u_value"], "units")
    rt = ck.msgs("audit.ratio", jobs=ck.nums(m["value_j"]), units=ck.nums(m["value_u"]), ratio=ck.nums(m["ratio"], "", 1))
    calc = ck.msgs("audit.product", units=u, ratio=ck.nums(m["ratio"], "", 1), computed=ck.nums(m["computed"], "", 0))
    short = ck.msgs("audit.product.bare", units=u, ratio=ck.rough(m["ratio"], np.nan, np.nan, ""))
    jc = ck.lookup(ev.claims, m["jobs_claim"])
    return ck.rows(
        "target_ratio", m, grade="question", subject=ck.subject(jc), claim_id=m["jobs_claim"],
        claim_ids=ck.concat(m["jobs_claim"], m["units_claim"], m["claim_id_j"], m["claim_id_u"]),
        figure_ids=ck.concat(m["figure_ids"], m["figure_ids_j"], m["figure_ids_u"]),
        source_ids=ck.joined(m["source_ids"], m["source_ids_j"], m["source_ids_u"]), stated=j,
        arithmetic=ck.msgs("audit.arithmetic.target_ratio", product=calc, ratio=rt, jobs=j),
        finding=ck.msgs("audit.finding.target_ratio", product=calc, jobs=j),
        headline=ck.msgs("audit.headline.target_ratio", jobs=j, where=ck.wheres(m["scope"]), when=ck.whens(jc, brief=True), product=short),
        reading=Msg("audit.reading.chance"), connector="innocent", stated_value=m["j_value"], stated_low=m["j_low"],
        stated_high=m["j_high"], derived_value=m["computed"], derived_low=m["computed"], derived_high=m["computed"])


def dollar_conversions(ev) -> pd.DataFrame:
    """One rial sum converted to dollar sums at different rates: each conversion against the first, a
    note giving both implied rates (rials over dollars, intervals) when they differ."""
    usd = ev.claims[ev.claims["metric"] == "financing_usd_stated"]
    rials = ev.claims[ev.claims["metric"] == "financing_rials"]
    m = usd.merge(rials, on=["scope", "start", "end", *place(usd)], suffixes=("", "_r"))
    if m.empty:
        return ck.empty()
    rate = Estimate(m["value_r"], m["low_r"], m["high_r"]) / Estimate(m["value"], m["low"], m["high"])
    m["rate_value"], m["rate_low"], m["rate_high"] = rate.value, rate.low, rate.high
    m = m.sort_values(["claim_id_r", "first_published_earliest", "claim_id"], kind="stable")
    first = m.groupby("claim_id_r")[["claim_id", "rate_value", "rate_low", "rate_high", "figure_ids", "source_ids", "value",
                                     "qualifier", "metric"]].transform("first")
    m = m[m["claim_id"] != first["claim_id"]]
    first = first.loc[m.index]
    if m.empty:
        return ck.empty()
    differ = apart(m["rate_low"], m["rate_high"], first["rate_low"], first["rate_high"]) | (
        (m["rate_value"] - first["rate_value"]).abs() > SAME_RATE * first["rate_value"])
    grades = np.where(differ, "note", "consistent")
    own, ref = [Approx(v) for v in m["rate_value"]], [Approx(v) for v in first["rate_value"]]
    sum_text = ck.nums(m["value_r"], "rials")
    size, severity = ck.measure(m["rate_value"], first["rate_value"], first["rate_value"], first["rate_value"], "ratio")
    said = ck.said(m)
    return ck.rows(
        "dollar_conversion", m, grade=grades, subject=ck.subject(m),
        claim_id=m["claim_id"], claim_ids=ck.concat(m["claim_id"], first["claim_id"], m["claim_id_r"]),
        figure_ids=ck.concat(m["figure_ids"], first["figure_ids"], m["figure_ids_r"]),
        source_ids=ck.joined(m["source_ids"], first["source_ids"], m["source_ids_r"]), stated=said,
        arithmetic=ck.msgs("audit.arithmetic.dollar_conversion", sum=sum_text, own=said,
                           rate=ck.ests(m["rate_value"], m["rate_low"], m["rate_high"], "rials per dollar"),
                           ref_rate=ck.ests(first["rate_value"], first["rate_low"], first["rate_high"], "rials per dollar"), ref=ck.said(first)),
        finding=ck.msgs(np.where(differ, "audit.finding.dollar_conversion.note", "audit.finding.dollar_conversion.consistent"),
                        sum=sum_text, ref=ref, own=own),
        headline=ck.msgs(["audit.headline.dollar_conversion" if d else None for d in differ], sum=sum_text, when=ck.whens(m, brief=True), ref=ref, own=own),
        size_text=size.where(pd.Series(differ, index=m.index), None), severity=severity.where(pd.Series(differ, index=m.index)),
        stated_value=m["rate_value"], stated_low=m["rate_low"], stated_high=m["rate_high"], derived_value=first["rate_value"],
        derived_low=first["rate_low"], derived_high=first["rate_high"])
