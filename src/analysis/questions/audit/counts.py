"""Audit rules on counts: the same quantity stated differently, parts against totals, one number
reused, a result equal to its own target, wordings that cannot both hold, term totals against the
yearly counts.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule
(:mod:`analysis.questions.audit.checks`), graded by :func:`analysis.evidence.grading.judge`: a
contradiction only where the figures cannot meet in the most generous reading, a question naming the
reading that reconciles them otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...assumptions import PART_SCOPES, REUSED_DIGITS_ANY, REUSED_DIGITS_SAME_YEAR
from ...bounds import Estimate, rounding_step_column
from ...evidence.estimates import choose
from ...evidence.grading import apart, could_fail, judge
from ...evidence.readings import QUANTITY
from ...evidence.targets import echoes
from . import checks as ck

_ROUNDING = "within the rounding of the figures as written"
_SCOPE = "if one is read in the scope its report gives the same quantity elsewhere"


def wording_conflicts(ev) -> pd.DataFrame:
    """Claims whose figures word one number in ways that cannot all hold ("up to 1,500" and "over 1,600"):
    a contradiction when even each wording read to within a rounding step cannot meet, else a question."""
    c = ev.claims[ev.claims["wording_conflict"]]
    if c.empty:
        return ck.empty()
    f = ev.figures[ev.figures["claim_id"].isin(c["claim_id"])]
    gen = f.groupby("claim_id").agg(gl=("gen_low", "max"), gh=("gen_high", "min")).reindex(c["claim_id"])
    grades = judge(True, (gen["gh"] < gen["gl"]).to_numpy(), True, True, index=c.index)
    words = ck.wordings(ev, c["claim_id"])
    return ck.rows("wording", c, grade=grades, subject=ck.subject(c), claim_id=c["claim_id"],
                   figure_ids=c["figure_ids"], source_ids=c["source_ids"], stated=words,
                   arithmetic="no number fits every wording: " + words, stated_value=c["value"], stated_low=c["low"],
                   stated_high=c["high"], reading=np.where(grades == "question", _ROUNDING, ""),
                   finding="Reports word this number in ways that cannot all hold: " + words + ".")


def different_values(ev) -> pd.DataFrame:
    """Claims of the same metric, scope and stated period that give different values.

    Each claim is graded against the group's chosen claim (the best-estimate rule); targets are left
    to their paths (a target may be revised) and dollar conversions to
    :func:`analysis.questions.audit.outliers.dollar_conversions`.
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
    strict = apart(other["low"], other["high"], ref["low"], ref["high"])
    moved = (other["alt_scope"] != "") | (ref["alt_scope"] != "")
    generous = apart(other["gen_low"], other["gen_high"], ref["gen_low"], ref["gen_high"]) & ~moved
    grades = judge(strict, generous, other["grade"] == "question",
                   could_fail(other["low"], other["high"], ref["low"], ref["high"]))
    reading = np.where(grades == "question", np.where(strict & moved, _SCOPE, _ROUNDING), "")
    size, severity = ck.measure(other["value"], ref["value"], ref["low"], ref["high"], "count", unit, of="")
    return ck.rows(
        "different_values", other, grade=grades, subject=ck.subject(other), claim_id=other["claim_id"],
        claim_ids=other["claim_id"] + ", " + ref["claim_id"], figure_ids=other["figure_ids"] + "; " + ref["figure_ids"],
        source_ids=ck.joined(other["source_ids"], ref["source_ids"]), stated=own,
        arithmetic=own + " against " + ref_text + "; read as " + ck.estimate_text(other["value"] * np.nan, other["low"], other["high"], unit)
        + " against " + ck.estimate_text(ref["value"] * np.nan, ref["low"], ref["high"], unit),
        finding=np.select([grades == "consistent", grades == "unchecked"],
                          ["The values agree within their rounding.", "The wordings leave no room to disagree."],
                          default="Two reports give different values for the same figure: " + own + " and " + ref_text + "."),
        reading=reading, size_text=size.where(grades.isin(["contradiction", "question"]), ""), severity=severity,
        stated_value=other["value"], stated_low=other["low"], stated_high=other["high"], derived_value=ref["value"],
        derived_low=ref["low"], derived_high=ref["high"])


def parts_totals(ev) -> pd.DataFrame:
    """Inside-park and outside-park figures against the national figure of the same metric and period.

    Shown even when they fit within rounding (a question when the parts' stated sum differs from the
    total). With one part only, the part must not exceed the total. Counts use each group's chosen
    claim; targets the value in force. In the most generous reading the national figure is any of its
    wordings ("over 1,500" beside "1,500"), each to within a rounding step.
    """
    c = ev.claims[ev.claims["end"].notna() & ~ev.claims["percentage"].astype(bool)]
    counts = choose(c[c["kind"] != "target"], ["metric", "scope", "start", "end"])
    counts = counts[counts["role"] == "chosen"]
    targets = ev.targets[ev.targets["current"]]
    best = pd.concat([counts.assign(low=counts["est_low"], high=counts["est_high"]), targets], ignore_index=True)
    keys = ["metric", "start", "end"]
    cols = [*keys, "claim_id", "value", "qualifier", "low", "high", "gen_low", "gen_high", "figure_ids", "source_ids"]
    nat = best[best["scope"] == "national"]
    inside = best.loc[best["scope"] == PART_SCOPES[0], cols]
    outside = best.loc[best["scope"] == PART_SCOPES[1], cols]
    m = nat.merge(inside, on=keys, how="left", suffixes=("", "_in")).merge(outside, on=keys, how="left", suffixes=("", "_out"))
    m = m[m["claim_id_in"].notna() | m["claim_id_out"].notna()].reset_index(drop=True)
    if m.empty:
        return ck.empty()
    both = m["claim_id_in"].notna() & m["claim_id_out"].notna()

    def parts(lo: str, hi: str) -> Estimate:
        return (Estimate(m["value_in"].fillna(0), m[f"{lo}_in"].fillna(0), m[f"{hi}_in"].fillna(0))
                + Estimate(m["value_out"].fillna(0), m[f"{lo}_out"].fillna(0), m[f"{hi}_out"].fillna(0)))

    p, gp = parts("low", "high"), parts("gen_low", "gen_high")
    # Both parts: they add up to the whole. One part: it must not exceed the whole.
    strict = np.where(both, apart(m["low"], m["high"], p.low, p.high), p.low > m["high"])
    generous = np.where(both, apart(m["gen_low"], m["gen_high"], gp.low, gp.high), gp.low > m["gen_high"])
    off = np.where(both, p.value != m["value"], p.value > m["value"])
    grades = judge(strict, generous, off, True, index=m.index)
    unit = m["metric"].map(fmt.unit_of)
    part_text = (ck.num(m["value_in"], unit).radd("inside parks ").where(m["claim_id_in"].notna(), "")
                 + np.where(both, " + ", "")
                 + ck.num(m["value_out"], unit).radd("outside parks ").where(m["claim_id_out"].notna(), ""))
    own = ck.claim_text(m)
    words = ck.wordings(ev, m["claim_id"])
    several = words.str.contains(" and ")
    reading = np.where(grades != "question", "", np.where(strict & several, "in another report's wording of the national figure (" + words + ")",
                                                          _ROUNDING))
    size, severity = ck.measure(p.value, m["value"], m["low"], m["high"], "count", unit, of="the national")
    return ck.rows(
        "parts_total", m, grade=grades, subject=ck.subject(m), claim_id=m["claim_id"],
        claim_ids=ck.concat(m["claim_id"], m["claim_id_in"], m["claim_id_out"]),
        figure_ids=ck.concat(m["figure_ids"], m["figure_ids_in"], m["figure_ids_out"]),
        source_ids=ck.joined(m["source_ids"], m["source_ids_in"], m["source_ids_out"]), stated=own,
        arithmetic=part_text + " = " + ck.estimate_text(p.value, p.low, p.high, unit) + " against national " + words,
        finding=np.select(
            [(grades != "consistent") & both, grades != "consistent"],
            ["The parts add up to " + ck.num(p.value, unit) + ", not the national " + own + ".",
             "One part is larger than the national figure as stated: " + part_text + " against " + own + "."],
            default="The parts fit the national figure."),
        reading=reading, size_text=size.where(grades != "consistent", ""), severity=severity.where(grades != "consistent"),
        stated_value=m["value"], stated_low=m["low"], stated_high=m["high"], derived_value=p.value, derived_low=p.low,
        derived_high=p.high)


def significant_digits(values: pd.Series) -> pd.Series:
    """Significant digits of each number as written: 1,500 -> 2; 1,557 -> 4; 9,800 -> 2; 27,000 -> 2."""
    ratio = (values.abs() / rounding_step_column(values)).where(values != 0, 1.0)
    return np.floor(np.log10(ratio)).astype(int) + 1


def reused_values(ev) -> pd.DataFrame:
    """One number stated for different things: other periods, metrics or scopes.

    Flagged only where a coincidence is unlikely (:data:`~analysis.assumptions.REUSED_DIGITS_ANY`
    significant digits, or :data:`~analysis.assumptions.REUSED_DIGITS_SAME_YEAR` for the same quantity
    in the same Iranian year); a count equal to a target of its year is the target-echo rule's, not this
    one's. Always a question, since a coincidence is possible. One check per number.
    """
    c = ev.claims[ev.claims["unit"].isin(["units", "jobs"])].copy()
    c["digits"] = significant_digits(c["value"])
    c = c[(c["digits"] >= REUSED_DIGITS_SAME_YEAR) & c["value"].duplicated(keep=False)]
    echoed = echoes(c, ev.targets)
    c = c[~c["claim_id"].isin(set(echoed[echoed != ""]))]  # a target its year's count equals: the echo rule's
    c["context"] = fmt.labels("metric", c["metric"]) + " (" + fmt.labels("scope", c["scope"]) + ", " + c["period_label"] + ")"
    c["quantity"] = c["metric"].map(QUANTITY).fillna(c["metric"])
    c["year"] = c["first_year"].astype("Int64")
    same = c.groupby(["value", "quantity", "year"])["context"].transform("nunique") > 1
    rare = (c["digits"] >= REUSED_DIGITS_ANY) & (c.groupby("value")["context"].transform("nunique") > 1)
    c = c[same | rare].sort_values(["value", "first_published_earliest", "claim_id"], kind="stable")
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
        reading="if the match is a coincidence, not one figure given two labels", connector="It is innocent",
        stated_value=agg["value"], stated_low=agg["value"],
        stated_high=agg["value"])


def target_echoes(ev) -> pd.DataFrame:
    """Counts equal to a target of their own year (first stated or revised, any scope): a plan may have
    been reported as an outcome. Always a question; the best estimate weighs such a count below others."""
    c = ev.claims.copy()
    c["echo"] = echoes(c, ev.targets)
    c = c[c["echo"] != ""]
    if c.empty:
        return ck.empty()
    t = ck.lookup(ev.claims, c["echo"])
    own, target = ck.claim_text(c), ck.claim_text(t)
    where = fmt.labels("scope", t["scope"]) + ", " + t["period_label"]
    return ck.rows(
        "target_echo", c, grade="question", subject=ck.subject(c), claim_id=c["claim_id"], claim_ids=c["claim_id"] + ", " + t["claim_id"],
        figure_ids=c["figure_ids"] + "; " + t["figure_ids"], source_ids=ck.joined(c["source_ids"], t["source_ids"]), stated=own,
        arithmetic=own + " counted; " + target + " targeted (" + where + ")",
        finding="The count equals a target for its year (" + target + ", " + where + "): a plan may have been reported as an outcome.",
        reading="if the count met its target exactly", connector="It is innocent", stated_value=c["value"], stated_low=c["low"], stated_high=c["high"],
        derived_value=t["value"], derived_low=t["low"], derived_high=t["high"])


def term_totals(ev) -> pd.DataFrame:
    """Term and multi-year totals against what the yearly counts imply for the same span
    (:mod:`analysis.evidence.terms`), as read and in the most generous reading."""
    t = ev.terms
    if t.empty:
        return ck.empty()
    t = t.merge(ev.claims[["claim_id", "qualifier", "period_kind", "first_year", "last_year", "month_first", "month_last", "end",
                           "end_from_publication", "period_label"]], on="claim_id", how="left")
    strict = apart(t["low"], t["high"], t["implied_low"], t["implied_high"])
    generous = apart(t["gen_low"], t["gen_high"], t["gen_implied_low"], t["gen_implied_high"])
    off = t["implied_value"].notna() & ((t["implied_value"] < t["low"]) | (t["implied_value"] > t["high"]))
    can = could_fail(t["low"], t["high"], t["implied_low"], t["implied_high"], nonnegative=True)
    grades = judge(strict, generous, off, can)
    unit = t["metric"].map(fmt.unit_of)
    own = ck.claim_text(t)
    implied = ck.estimate_text(t["implied_value"], t["implied_low"], t["implied_high"], unit)
    reading = np.where(grades == "question", np.where(strict, "in the most generous reading of the counts and of the report's date",
                                                      "at a pace other than the average for the days no count covers"), "")
    size, severity = ck.measure(t["value"], t["implied_value"], t["implied_low"], t["implied_high"], "count", unit,
                                of="what the yearly counts imply,")
    return ck.rows(
        "term_total", t, grade=grades, subject=ck.subject(t), claim_id=t["claim_id"],
        claim_ids=ck.concat(t["claim_id"], t["part_claims"]), figure_ids=t["figure_ids"], source_ids=t["source_ids"], stated=own,
        arithmetic="the years of the span: " + t["parts"] + "; together " + implied + " against " + own,
        finding=np.select(
            [grades == "contradiction", grades == "question", grades == "unchecked"],
            ["The total does not fit the yearly counts for its span: they imply " + implied + ", the report says " + own + ".",
             "The total differs from what the yearly counts imply (" + implied + ").",
             "Too few yearly counts of this scope to check the total against."],
            default="The total fits the yearly counts for its span (" + implied + ")."),
        reading=reading, size_text=size.where(grades.isin(["contradiction", "question"]), ""),
        severity=severity.where(grades.isin(["contradiction", "question"])), stated_value=t["value"], stated_low=t["low"],
        stated_high=t["high"], derived_value=t["implied_value"], derived_low=t["implied_low"], derived_high=t["implied_high"])
