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
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...assumptions import PLAUSIBLE_MONEY_PER_UNIT_FACTOR
from ...bounds import Estimate
from ...evidence.grading import apart
from ...evidence.pairs import plausible_band
from . import checks as ck
from .counts import significant_digits

#: Two implied exchange rates are one rate when their central values differ by less than this share
#: (and their intervals meet): dollar sums are printed rounded, so their rates scatter by about that much.
SAME_RATE: float = 0.01


def ratio_outliers(ev) -> pd.DataFrame:
    """Jobs per unit of every unit-job pair, and rials per unit of every unit-money pair (module docstring)."""
    return pd.concat([_jobs(ev), _money(ev)], ignore_index=True)


def _jobs(ev) -> pd.DataFrame:
    p = ev.pairs
    if p.empty:
        return ck.empty()
    lo, hi = plausible_band(p)
    grades = np.where(p["cannot_compute"], "unchecked", np.where(p["implausible"], "question", "consistent"))
    ratio = ck.estimate_text(p["jpu_value"], p["jpu_low"], p["jpu_high"], "")
    band = fmt.interval(lo, hi)
    u, j = ck.num(p["u_value"], "units"), ck.num(p["j_value"], "jobs")
    size, severity = ck.measure(p["jpu_value"], np.nan, lo, hi, "ratio")
    bad = pd.Series(grades == "question", index=p.index)
    periods = ck.lookup(ev.claims, p["units_claim"])
    return ck.rows(
        "outlier_ratio", p, grade=grades, subject="jobs per unit, " + fmt.labels("scope", p["scope"]) + ", " + periods["period_label"],
        claim_id=p["units_claim"], claim_ids=p["units_claim"] + ", " + p["jobs_claim"], figure_ids=p["figure_ids"],
        source_ids=p["source_ids"], stated=u + " units with " + j + " jobs",
        arithmetic=j + " jobs / " + u + " units = " + ratio + " jobs per unit; plausible " + band,
        finding=np.where(bad, u + " units with " + j + " jobs make " + ratio + " jobs per unit, far outside the plausible " + band
                         + ": one of the two figures is likely wrong, and neither is used as a floor.",
                         np.where(grades == "unchecked", "The units may be zero: no ratio.", "Within the plausible range.")),
        reading=np.where(bad, "if the units were unusually large employers", ""), connector="It may yet hold",
        size_text=size.where(bad, ""), severity=severity.where(bad), stated_value=p["jpu_value"], stated_low=p["jpu_low"],
        stated_high=p["jpu_high"], derived_low=lo, derived_high=hi)


def _money(ev) -> pd.DataFrame:
    m = ev.money
    if m.empty or len(m) < 2:
        return ck.empty()  # one pair alone sets its own band: nothing to compare
    grades = np.where(m["implausible"], "question", "consistent")
    per = ck.estimate_text(m["mpu_value"], m["mpu_low"], m["mpu_high"], "rials")
    band = fmt.interval(m["band_low"].iloc[0], m["band_high"].iloc[0], "rials")
    size, severity = ck.measure(m["mpu_value"], np.nan, m["band_low"], m["band_high"], "ratio")
    bad = pd.Series(grades == "question", index=m.index)
    c = ck.lookup(ev.claims, m["units_claim"])
    money, units = ck.num(m["m_value"], "rials"), ck.num(m["u_value"], "units")
    return ck.rows(
        "outlier_ratio", m, grade=grades, subject="money per unit, " + fmt.labels("scope", m["scope"]) + ", " + c["period_label"],
        claim_id=m["units_claim"], claim_ids=m["units_claim"] + ", " + m["money_claim"], figure_ids=m["figure_ids"],
        source_ids=m["source_ids"], stated=money + " for " + units + " units",
        arithmetic=money + " / " + units + " units = " + per + " per unit; plausible " + band
        + f" (within a factor of {PLAUSIBLE_MONEY_PER_UNIT_FACTOR:g} of the median of such pairs)",
        finding=np.where(bad, money + " for " + units + " units is " + per + " per unit, far from what other reports give (" + band
                         + "): a slip in the sum or the count is likely.", "Within the plausible range."),
        reading=np.where(bad, "if the sum paid for something other than revivals", ""), connector="It may yet hold",
        size_text=size.where(bad, ""), severity=severity.where(bad), stated_value=m["mpu_value"], stated_low=m["mpu_low"],
        stated_high=m["mpu_high"], derived_low=m["band_low"], derived_high=m["band_high"])


def target_ratios(ev) -> pd.DataFrame:
    """Round jobs counts equal to their units count times the year's target ratio (module docstring).

    Only jobs counts with at least two significant digits and a rounding step (9,800: yes; 14,458, exact,
    and 8,000, one digit: no) are tested: an exact count is counted, and one digit matches anything.
    """
    p = ev.pairs[ev.pairs["stated_together"] & ev.pairs["cumulative_year"].notna()].copy()
    t = ev.targets[ev.targets["jalali_year"].notna() & ev.targets["role"].isin(["first", "revision"])]
    jobs_t = t[t["metric"] == "jobs_target"][["scope", "jalali_year", "claim_id", "value", "figure_ids", "source_ids"]]
    units_t = t[t["metric"] == "units_target"][["scope", "jalali_year", "claim_id", "value", "figure_ids", "source_ids"]]
    ratios = jobs_t.merge(units_t, on=["scope", "jalali_year"], suffixes=("_j", "_u"))
    if p.empty or ratios.empty:
        return ck.empty()
    ratios["ratio"] = ratios["value_j"] / ratios["value_u"]
    p["jalali_year"] = p["cumulative_year"].astype("Int64")
    m = p.merge(ratios, on=["scope", "jalali_year"])
    round_count = (significant_digits(m["j_value"]) >= 2) & (m["j_low"] < m["j_high"])
    m["computed"] = m["u_value"] * m["ratio"]
    m = m[round_count & (m["computed"] >= m["j_low"]) & (m["computed"] <= m["j_high"])]
    m = m.drop_duplicates("jobs_claim")
    if m.empty:
        return ck.empty()
    j, u = ck.num(m["j_value"], "jobs"), ck.num(m["u_value"], "units")
    rt = ck.num(m["value_j"]) + " / " + ck.num(m["value_u"]) + " = " + ck.num(m["ratio"], "", 1)
    calc = u + " units x " + ck.num(m["ratio"], "", 1) + " = " + ck.num(m["computed"])
    return ck.rows(
        "target_ratio", m, grade="question", subject=ck.subject(ck.lookup(ev.claims, m["jobs_claim"])), claim_id=m["jobs_claim"],
        claim_ids=ck.concat(m["jobs_claim"], m["units_claim"], m["claim_id_j"], m["claim_id_u"]),
        figure_ids=ck.concat(m["figure_ids"], m["figure_ids_j"], m["figure_ids_u"]),
        source_ids=ck.joined(m["source_ids"], m["source_ids_j"], m["source_ids_u"]), stated=j,
        arithmetic=calc + " (the year's jobs target per unit targeted: " + rt + "), which rounds to the " + j + " jobs stated",
        finding="The jobs figure looks computed from the year's targets, not counted: " + calc + ", which rounds to the " + j + " stated.",
        reading="if the count matches the target ratio by chance", connector="It is innocent", stated_value=m["j_value"], stated_low=m["j_low"],
        stated_high=m["j_high"], derived_value=m["computed"], derived_low=m["computed"], derived_high=m["computed"])


def dollar_conversions(ev) -> pd.DataFrame:
    """One rial sum converted to dollar sums at different rates: each conversion against the first, a
    note giving both implied rates (rials over dollars, intervals) when they differ."""
    usd = ev.claims[ev.claims["metric"] == "financing_usd_stated"]
    rials = ev.claims[ev.claims["metric"] == "financing_rials"]
    m = usd.merge(rials, on=["scope", "start", "end"], suffixes=("", "_r"))
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
    own = fmt.each(fmt.approx, m["rate_value"])
    ref = fmt.each(fmt.approx, first["rate_value"])
    sum_text = ck.num(m["value_r"], "rials")
    size, severity = ck.measure(m["rate_value"], first["rate_value"], first["rate_value"], first["rate_value"], "ratio")
    return ck.rows(
        "dollar_conversion", m, grade=grades, subject=ck.subject(m),
        claim_id=m["claim_id"], claim_ids=ck.concat(m["claim_id"], first["claim_id"], m["claim_id_r"]),
        figure_ids=ck.concat(m["figure_ids"], first["figure_ids"], m["figure_ids_r"]),
        source_ids=ck.joined(m["source_ids"], first["source_ids"], m["source_ids_r"]), stated=ck.claim_text(m),
        arithmetic=sum_text + " as " + ck.claim_text(m) + ": " + ck.estimate_text(m["rate_value"], m["rate_low"], m["rate_high"], "rials per dollar")
        + " rials per dollar, against " + ck.estimate_text(first["rate_value"], first["rate_low"], first["rate_high"], "rials per dollar")
        + " in the first conversion (" + ck.claim_text(first) + ")",
        finding=np.where(differ, "The same sum (" + sum_text + ") is converted at two exchange rates: about " + ref + " and about " + own
                         + " rials per dollar, as official and market rates differ.", "The conversions imply the same rate."),
        size_text=size.where(pd.Series(differ, index=m.index), ""), severity=severity.where(pd.Series(differ, index=m.index)),
        stated_value=m["rate_value"], stated_low=m["rate_low"], stated_high=m["rate_high"], derived_value=first["rate_value"],
        derived_low=first["rate_low"], derived_high=first["rate_high"])
