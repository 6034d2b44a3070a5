"""Audit rules on counts: the same quantity stated differently, year-to-date falls, parts against
totals, one number reused, wordings that cannot both hold, term totals against the yearly counts.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule
(:mod:`analysis.audit.checks`), graded by :mod:`analysis.evidence.grading`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...assumptions import PART_SCOPES
from ...bounds import Estimate
from ...evidence.estimates import choose
from ...evidence.grading import grade
from ...evidence.keys import group_ids
from ...evidence.series import KEYS
from . import checks as ck


def wording_conflicts(ev) -> pd.DataFrame:
    """Claims whose figures word one number in ways that cannot both hold ("up to 1,500" and "over 1,600")."""
    c = ev.claims[ev.claims["wording_conflict"]]
    return ck.rows("wording", c, grade="contradiction", subject=ck.subject(c), claim_id=c["claim_id"],
                   figure_ids=c["figure_ids"], source_ids=c["source_ids"], stated=c["qualifiers"],
                   arithmetic="no number fits every wording", stated_low=c["low"], stated_high=c["high"],
                   finding="The reports word this number in ways that cannot all hold (" + c["qualifiers"] + ").")


def different_values(ev) -> pd.DataFrame:
    """Claims of the same metric, scope and stated period that give different values.

    Each claim is graded against the group's chosen claim (the best-estimate rule); targets are left
    to their paths (a target may be revised) and dollar conversions to :func:`analysis.audit.ratios.dollar_conversions`.
    """
    c = ev.claims[ev.claims["end"].notna() & (ev.claims["kind"] != "target") & (ev.claims["metric"] != "financing_usd_stated")]
    chosen = choose(c, ["metric", "scope", "start", "end"])
    size = chosen.groupby("group")["claim_id"].transform("size")
    chosen = chosen[size > 1]
    top = chosen[chosen["role"] == "chosen"].set_index("group")
    other = chosen[chosen["role"] != "chosen"].copy()
    if other.empty:
        return ck.empty()
    ref = top.reindex(other["group"])
    ref.index = other.index
    ref_text = ck.claim_text(ref)
    own = ck.claim_text(other)
    unit = other["metric"].map(fmt.unit_of)
    return ck.rows(
        "different_values", other, grade=other["grade"], subject=ck.subject(other), claim_id=other["claim_id"],
        claim_ids=other["claim_id"] + ", " + ref["claim_id"], figure_ids=other["figure_ids"] + "; " + ref["figure_ids"],
        source_ids=ck.joined(other["source_ids"], ref["source_ids"]), stated=own,
        arithmetic=own + " against " + ref_text + "; bounds " + ck.estimate_text(other["value"] * np.nan, other["low"], other["high"], unit)
        + " against " + ck.estimate_text(ref["value"] * np.nan, ref["low"], ref["high"], unit),
        finding=np.where(other["grade"] == "consistent", "The values agree within their rounding.",
                         "Two reports give different values for the same figure: " + own + " and " + ref_text + "."),
        stated_low=other["low"], stated_high=other["high"], derived_value=ref["value"], derived_low=ref["low"], derived_high=ref["high"])


def ytd_decreases(ev) -> pd.DataFrame:
    """Every year-to-date count against the highest count of its series certainly reported for an earlier date.

    A contradiction when it is certainly lower (its upper bound below the earlier lower bound); a
    question when its value is lower but rounding could reconcile them; every later count is checked
    (always listed, consistent or not). Found by a sorted as-of join on running maxima.
    """
    s = ev.series.copy()
    if s.empty:
        return ck.empty()
    s["group"] = group_ids(s, KEYS)[0]
    run = s.sort_values(["group", "end_latest"], kind="stable").copy()
    g = run.groupby("group")
    run["max_low"] = g["low"].cummax()
    run["max_value"] = g["value"].cummax()
    run["low_claim"] = run["claim_id"].where(run["low"] == run["max_low"])
    run["low_claim"] = run.groupby("group")["low_claim"].ffill()
    run["value_claim"] = run["claim_id"].where(run["value"] == run["max_value"])
    run["value_claim"] = run.groupby("group")["value_claim"].ffill()
    run = run.drop_duplicates(["group", "end_latest"], keep="last")
    # "Certainly earlier": the earlier count's latest end is before this count's earliest end.
    probe = s.assign(probe=s["end_earliest"] - pd.Timedelta(days=1)).sort_values("probe")
    m = pd.merge_asof(probe, run[["group", "end_latest", "max_low", "max_value", "low_claim", "value_claim"]].sort_values("end_latest"),
                      left_on="probe", right_on="end_latest", by="group", direction="backward", suffixes=("", "_prev"))
    m = m[m["max_low"].notna()].copy()
    if m.empty:
        return ck.empty()
    ref = ck.lookup(ev.claims, m["low_claim"].where(m["high"] < m["max_low"], m["value_claim"]))
    falls = m["high"] < m["max_low"]
    lower = m["value"] < m["max_value"]
    grades = np.where(falls, "contradiction", np.where(lower, "question", "consistent"))
    own, prev = ck.claim_text(m), ck.claim_text(ref)
    unit = m["metric"].map(fmt.unit_of)
    fall_low, fall_high = ref["low"] - m["high"], ref["high"] - m["low"]
    return ck.rows(
        "ytd_decrease", m, grade=grades, subject=ck.subject(m), claim_id=m["claim_id"], claim_ids=m["claim_id"] + ", " + ref["claim_id"],
        figure_ids=m["figure_ids"] + "; " + ref["figure_ids"], source_ids=ck.joined(m["source_ids"], ref["source_ids"]), stated=own,
        arithmetic=own + " after " + prev + " (" + fmt.period_labels(ref) + "): a change of "
        + ck.estimate_text(m["value"] - ref["value"], -fall_high, -fall_low, unit),
        finding=np.where(falls, "A later count is lower than an earlier one of the same year: " + own + " after " + prev + ".",
                         np.where(lower, "A later count is lower as stated, though rounding could reconcile them: " + own + " after " + prev + ".",
                                  "The count rose (or held) since the earlier report.")),
        stated_low=m["low"], stated_high=m["high"], derived_value=ref["value"], derived_low=ref["low"], derived_high=np.inf)


def parts_totals(ev) -> pd.DataFrame:
    """Inside-park and outside-park figures against the national figure of the same metric and period.

    Shown even when they fit within rounding (a question when the parts' stated sum differs from the
    total). With one part only, the part must not exceed the total. Counts use each group's chosen
    claim; targets the value in force.
    """
    c = ev.claims[ev.claims["end"].notna() & ~ev.claims["percentage"].astype(bool)]
    counts = choose(c[c["kind"] != "target"], ["metric", "scope", "start", "end"])
    counts = counts[counts["role"] == "chosen"]
    targets = ev.targets[ev.targets["current"]]
    best = pd.concat([counts.assign(low=counts["est_low"], high=counts["est_high"]), targets], ignore_index=True)
    keys = ["metric", "start", "end"]
    cols = [*keys, "claim_id", "value", "qualifier", "low", "high", "figure_ids", "source_ids"]
    nat = best[best["scope"] == "national"]
    inside = best.loc[best["scope"] == PART_SCOPES[0], cols]
    outside = best.loc[best["scope"] == PART_SCOPES[1], cols]
    m = nat.merge(inside, on=keys, how="left", suffixes=("", "_in")).merge(outside, on=keys, how="left", suffixes=("", "_out"))
    m = m[m["claim_id_in"].notna() | m["claim_id_out"].notna()].reset_index(drop=True)
    if m.empty:
        return ck.empty()
    both = m["claim_id_in"].notna() & m["claim_id_out"].notna()
    parts = (Estimate(m["value_in"].fillna(0), m["low_in"].fillna(0), m["high_in"].fillna(0))
             + Estimate(m["value_out"].fillna(0), m["low_out"].fillna(0), m["high_out"].fillna(0)))
    g = grade(m["low"], m["high"], parts.low, parts.high, parts.value)
    # With one part only, it need not equal the total: only exceeding it is a problem (certainly, or as stated).
    one = np.where(parts.low > m["high"], "contradiction", np.where(parts.value > m["value"], "question", "consistent"))
    grades = pd.Series(np.where(both, g, one), index=m.index)
    unit = m["metric"].map(fmt.unit_of)
    part_text = (ck.num(m["value_in"], unit).radd("inside parks ").where(m["claim_id_in"].notna(), "")
                 + np.where(both, " + ", "")
                 + ck.num(m["value_out"], unit).radd("outside parks ").where(m["claim_id_out"].notna(), ""))
    own = ck.claim_text(m)
    return ck.rows(
        "parts_total", m, grade=grades, subject=ck.subject(m), claim_id=m["claim_id"],
        claim_ids=ck.concat(m["claim_id"], m["claim_id_in"], m["claim_id_out"]),
        figure_ids=ck.concat(m["figure_ids"], m["figure_ids_in"], m["figure_ids_out"]),
        source_ids=ck.joined(m["source_ids"], m["source_ids_in"], m["source_ids_out"]), stated=own,
        arithmetic=part_text + " = " + ck.estimate_text(parts.value, parts.low, parts.high, unit) + " against national " + own,
        finding=np.where(grades == "contradiction",
                         np.where(both, "The parts do not add up to the national figure: " + part_text + " against " + own + ".",
                                  "One part is larger than the national figure: " + part_text + " against " + own + "."),
                         np.where(grades == "question",
                                  np.where(both, "The parts add up to " + ck.num(parts.value, unit) + ", not the national " + own
                                           + ", though rounding could reconcile them.",
                                           "One part is larger than the national figure as stated (" + part_text + " against " + own
                                           + "), though rounding could reconcile them."),
                                  "The parts fit the national figure.")),
        stated_low=m["low"], stated_high=m["high"], derived_value=parts.value, derived_low=parts.low, derived_high=parts.high)


def reused_values(ev) -> pd.DataFrame:
    """One number stated for different things: other periods, metrics or scopes, in any years.

    Counts of units and jobs with at least two significant digits (1,811, 9,800 and 1,500 yes; 2,000
    no: single-digit round numbers recur by chance); always a question, since a coincidence is
    possible. One check per number.
    """
    c = ev.claims[ev.claims["unit"].isin(["units", "jobs"])].copy()
    from ...bounds import rounding_step_column

    c = c[(c["value"] / rounding_step_column(c["value"])) >= 10]
    c = c[c["value"].duplicated(keep=False)]  # only numbers stated more than once need labels
    c["context"] = fmt.labels("metric", c["metric"]) + " (" + fmt.labels("scope", c["scope"]) + ", " + c["period_label"] + ")"
    n = c.groupby("value")["context"].transform("nunique")
    c = c[n > 1].sort_values(["value", "first_published_earliest", "claim_id"], kind="stable")
    if c.empty:
        return ck.empty()
    agg = c.groupby("value", sort=True).agg(
        claim_id=("claim_id", "first"), claim_ids=("claim_id", ", ".join), figure_ids=("figure_ids", "; ".join),
        source_ids=("source_ids", lambda s: ", ".join(dict.fromkeys(x for v in s for x in v.split(", ")))),
        contexts=("context", lambda s: "; ".join(dict.fromkeys(s))), n=("context", "nunique")).reset_index()
    number = ck.num(agg["value"])
    return ck.rows(
        "reused_value", agg, grade="question", subject="the number " + number, claim_id=agg["claim_id"], claim_ids=agg["claim_ids"],
        figure_ids=agg["figure_ids"], source_ids=agg["source_ids"], stated=number,
        arithmetic=number + " is stated for " + agg["n"].astype(str) + " different things: " + agg["contexts"],
        finding="The same number, " + number + ", is given for " + agg["n"].astype(str) + " different things: " + agg["contexts"] + ".",
        stated_low=agg["value"], stated_high=agg["value"])


def term_totals(ev) -> pd.DataFrame:
    """Term and multi-year totals against what the yearly counts imply for the same span (:mod:`analysis.evidence.terms`)."""
    t = ev.terms
    if t.empty:
        return ck.empty()
    t = t.merge(ev.claims[["claim_id", "qualifier", "period_kind", "first_year", "last_year", "month_first", "month_last", "end",
                           "end_from_publication"]], on="claim_id", how="left")
    nothing = (t["implied_low"] <= 0) & ~np.isfinite(t["implied_high"])
    g = grade(t["low"], t["high"], t["implied_low"], t["implied_high"], t["implied_value"])
    grades = g.where(~nothing, "unchecked")
    unit = t["metric"].map(fmt.unit_of)
    own = ck.claim_text(t)
    implied = ck.estimate_text(t["implied_value"], t["implied_low"], t["implied_high"], unit)
    return ck.rows(
        "term_total", t, grade=grades, subject=ck.subject(t), claim_id=t["claim_id"],
        claim_ids=ck.concat(t["claim_id"], t["part_claims"]), figure_ids=t["figure_ids"], source_ids=t["source_ids"], stated=own,
        arithmetic="the years of the span: " + t["parts"] + "; together " + implied + " against " + own,
        finding=np.select(
            [grades == "contradiction", grades == "question", grades == "unchecked"],
            ["The total does not fit the yearly counts for its span: they imply " + implied + ", the report says " + own + ".",
             "The total differs from what the yearly counts imply (" + implied + "), though rounding or pace could reconcile them.",
             "No yearly counts of this scope to check the total against."],
            default="The total fits the yearly counts for its span (" + implied + ")."),
        stated_low=t["low"], stated_high=t["high"], derived_value=t["implied_value"], derived_low=t["implied_low"],
        derived_high=t["implied_high"])
