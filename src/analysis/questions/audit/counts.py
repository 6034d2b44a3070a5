"""Audit rules on counts: the same quantity stated differently, parts against totals, one number
reused, a result equal to its own target, wordings that cannot both hold, term totals against the
yearly counts.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule
(:mod:`analysis.questions.audit.checks`), graded by :func:`analysis.evidence.grading.judge`: a
contradiction only where the figures cannot meet in the most generous reading, a question naming the
reading that reconciles them otherwise. Evidence of every province at once (:mod:`.together`): the
rules compare claims of one province only (``province`` among their keys, the echoes' too).
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
from ...words import All, Label, Msg
from . import checks as ck
from .together import place

_ROUNDING = Msg("audit.reading.rounding")
_SCOPE = Msg("audit.reading.scope")


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
    bare = ck.wordings(ev, c["claim_id"], bare=True)
    return ck.rows("wording", c, grade=grades, subject=ck.subject(c), claim_id=c["claim_id"],
                   figure_ids=c["figure_ids"], source_ids=c["source_ids"], stated=words,
                   arithmetic=ck.msgs("audit.arithmetic.wording", words=words), stated_value=c["value"], stated_low=c["low"],
                   stated_high=c["high"], reading=[_ROUNDING if g == "question" else None for g in grades],
                   finding=ck.msgs(("audit.finding.wording." + grades).tolist(), words=words),
                   headline=ck.msgs(("audit.headline.wording." + grades).tolist(), what=ck.whats(c), words=bare), connector="all")


def different_values(ev) -> pd.DataFrame:
    """Claims of the same metric, scope and stated period that give different values.

    Each claim is graded against the group's chosen claim (the best-estimate rule); targets are left
    to their paths (a target may be revised) and dollar conversions to
    :func:`analysis.questions.audit.outliers.dollar_conversions`.
    """
    c = ev.claims[ev.claims["end"].notna() & (ev.claims["kind"] != "target") & (ev.claims["metric"] != "financing_usd_stated")]
    chosen = choose(c, ["metric", "scope", "start", "end", *place(c)])
    size = chosen.groupby("group")["claim_id"].transform("size")
    chosen = chosen[size > 1]
    top = chosen[chosen["role"] == "chosen"].set_index("group")
    other = chosen[chosen["role"] != "chosen"].copy()
    if other.empty:
        return ck.empty()
    ref = top.reindex(other["group"])
    ref.index = other.index
    ref_text, own = ck.said(ref), ck.said(other)
    unit = ck.units(other["metric"])
    strict = apart(other["low"], other["high"], ref["low"], ref["high"])
    moved = (other["alt_scope"] != "") | (ref["alt_scope"] != "")
    generous = apart(other["gen_low"], other["gen_high"], ref["gen_low"], ref["gen_high"]) & ~moved
    grades = judge(strict, generous, other["grade"] == "question",
                   could_fail(other["low"], other["high"], ref["low"], ref["high"]))
    reading = [(_SCOPE if st and mv else _ROUNDING) if g == "question" else None for g, st, mv in zip(grades.tolist(), np.asarray(strict).tolist(), moved.tolist())]
    size, severity = ck.measure(other["value"], ref["value"], ref["low"], ref["high"], "count", unit, of="")
    finding = np.select([grades == "consistent", grades == "unchecked"],
                        ["audit.finding.different_values.consistent", "audit.finding.different_values.unchecked"],
                        default="audit.finding.different_values")
    return ck.rows(
        "different_values", other, grade=grades, subject=ck.subject(other), claim_id=other["claim_id"],
        claim_ids=other["claim_id"] + ", " + ref["claim_id"], figure_ids=other["figure_ids"] + "; " + ref["figure_ids"],
        source_ids=ck.joined(other["source_ids"], ref["source_ids"]), stated=own,
        arithmetic=ck.msgs("audit.arithmetic.different_values", own=own, ref=ref_text,
                           own_range=ck.ests(np.nan, other["low"], other["high"], unit),
                           ref_range=ck.ests(np.nan, ref["low"], ref["high"], unit)),
        finding=ck.msgs(finding, own=own, ref=ref_text),
        headline=ck.msgs(ck.keyed("audit.headline.different_values.", grades), what=ck.whats(other),
                         own=ck.said(other, bare=True), ref=ck.said(ref, bare=True)),
        reading=reading, size_text=size.where(grades.isin(["contradiction", "question"]), None), severity=severity,
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
    at = place(c)
    counts = choose(c[c["kind"] != "target"], ["metric", "scope", "start", "end", *at])
    counts = counts[counts["role"] == "chosen"]
    targets = ev.targets[ev.targets["current"]]
    best = pd.concat([counts.assign(low=counts["est_low"], high=counts["est_high"]), targets], ignore_index=True)
    keys = ["metric", "start", "end", *at]
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
    unit = ck.units(m["metric"])
    own_unit = unit.where(unit.isin(ck.OWN_UNITS), "")
    inside, outside = ck.nums(m["value_in"], own_unit), ck.nums(m["value_out"], own_unit)
    which = np.where(both, "both", np.where(m["claim_id_in"].notna(), "inside", "outside"))
    own = ck.said(m)
    words = ck.wordings(ev, m["claim_id"])
    several = pd.Series([w is not None and len(w.slots["words"].items) > 1 for w in words], index=m.index)
    other = ck.msgs("audit.reading.other_wording", words=words)
    reading = [None if g != "question" else o if st and sev else _ROUNDING for g, st, sev, o in zip(grades.tolist(), np.asarray(strict).tolist(), several.tolist(), other)]
    size, severity = ck.measure(p.value, m["value"], m["low"], m["high"], "count", unit, of="national")
    parts = ck.msgs(["audit.parts." + w for w in which], inside=inside, outside=outside)
    sums = ck.nums(p.value, unit)
    finding = np.select([(grades != "consistent") & both, grades != "consistent"],
                        ["audit.finding.parts_total.sum", "audit.finding.parts_total.one"], default="audit.finding.parts_total.consistent")
    part_scope = np.where(m["claim_id_in"].notna(), PART_SCOPES[0], PART_SCOPES[1])
    head = np.select([~grades.isin(["contradiction", "question"]), both, several],
                     ["", "audit.headline.parts_total.sum", "audit.headline.parts_total.one_worded"], default="audit.headline.parts_total.one")
    return ck.rows(
        "parts_total", m, grade=grades, subject=ck.subject(m), claim_id=m["claim_id"],
        claim_ids=ck.concat(m["claim_id"], m["claim_id_in"], m["claim_id_out"]),
        figure_ids=ck.concat(m["figure_ids"], m["figure_ids_in"], m["figure_ids_out"]),
        source_ids=ck.joined(m["source_ids"], m["source_ids_in"], m["source_ids_out"]), stated=own,
        arithmetic=ck.msgs(["audit.arithmetic.parts_total." + w for w in which], inside=inside, outside=outside,
                           sum=ck.ests(p.value, p.low, p.high, own_unit), words=words),
        finding=ck.msgs(finding, sum=sums, own=own, parts=parts),
        headline=ck.msgs(head, what=ck.whats(m, where=False), where=ck.wheres(part_scope), part=ck.nums(p.value, own_unit),
                         sum=ck.nums(p.value, own_unit), own=ck.said(m, bare=True)),
        reading=reading, size_text=size.where(grades != "consistent", None), severity=severity.where(grades != "consistent"),
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
    at = place(c)  # one number in two places is two numbers
    c["digits"] = significant_digits(c["value"])
    repeated = c[[*at, "value"]].duplicated(keep=False) if at else c["value"].duplicated(keep=False)
    c = c[(c["digits"] >= REUSED_DIGITS_SAME_YEAR) & repeated]
    echoed = echoes(c, ev.targets, _echo_keys(c, ev.targets))
    c = c[~c["claim_id"].isin(set(echoed[echoed != ""]))]  # a target its year's count equals: the echo rule's
    c["context"] = fmt.labels("metric", c["metric"]) + " (" + fmt.labels("scope", c["scope"]) + ", " + c["period_label"] + ")"
    c["quantity"] = c["metric"].map(QUANTITY).fillna(c["metric"])
    c["year"] = c["first_year"].astype("Int64")
    same = c.groupby([*at, "value", "quantity", "year"])["context"].transform("nunique") > 1
    rare = (c["digits"] >= REUSED_DIGITS_ANY) & (c.groupby([*at, "value"])["context"].transform("nunique") > 1)
    c = c[same | rare].sort_values(["value", "first_published_earliest", "claim_id"], kind="stable")
    if c.empty:
        return ck.empty()
    ids = c.groupby([*at, "value"], sort=True).agg(claim_id=("claim_id", "first"), n=("context", "nunique"))
    lists = _in_groups(c, [*at, "value"], ["claim_id", "figure_ids", "source_ids"])
    ids["claim_ids"] = [", ".join(v) for v in lists["claim_id"]]
    ids["figure_ids"] = ["; ".join(v) for v in lists["figure_ids"]]
    ids["source_ids"] = [", ".join(dict.fromkeys(x for v in s for x in v.split(", "))) for s in lists["source_ids"]]
    c = c.drop_duplicates([*at, "value", "context"])
    c["thing"] = ck.msgs("audit.subject", metric=ck.labels("metric", c["metric"]), scope=ck.labels("scope", c["scope"]), period=ck.periods(c))
    c["said"] = ck.whats(c, brief=False)
    c["place"] = ck.msgs("audit.what.none", metric=ck.labels("metric", c["metric"]), where=ck.wheres(c["scope"]))
    c["place_key"] = c["metric"] + "|" + c["scope"]
    words = _in_groups(c, [*at, "value"], ["thing", "said", "place", "place_key"])
    for name, col in (("things", "thing"), ("said", "said"), ("places", "place"), ("place_keys", "place_key")):
        ids[name] = pd.Series(words[col], index=ids.index, dtype=object)
    agg = ids.reset_index()
    number = ck.nums(agg["value"])
    count = ck.nums(agg["n"])
    things = [ck.semicolons(t) for t in agg["things"]]
    said = [ck.semicolons(t) for t in agg["said"]]
    distinct = [list(dict.fromkeys(k)) for k in agg["place_keys"]]
    places = [_places(p, k, d) for p, k, d in zip(agg["places"], agg["place_keys"], distinct)]
    head = ["audit.headline.reused_value.many" if len(d) > 2 else "audit.headline.reused_value" if len(d) > 1
            else "audit.headline.reused_value.periods" for d in distinct]
    return ck.rows(
        "reused_value", agg, grade="question", subject=ck.msgs("audit.subject.number", n=number), claim_id=agg["claim_id"],
        claim_ids=agg["claim_ids"], figure_ids=agg["figure_ids"], source_ids=agg["source_ids"], stated=number,
        arithmetic=ck.msgs("audit.arithmetic.reused_value", n=number, count=count, things=things),
        finding=ck.msgs("audit.finding.reused_value", n=number, count=count, things=said),
        headline=ck.msgs(head, n=number, count=count, things=places, what=[p[k.index(d[0])] for p, k, d in zip(agg["places"], agg["place_keys"], distinct)]),
        reading=Msg("audit.reading.coincidence"), connector="innocent",
        stated_value=agg["value"], stated_low=agg["value"],
        stated_high=agg["value"])


def _in_groups(frame: pd.DataFrame, keys: list[str], columns: list[str]) -> dict[str, np.ndarray]:
    """Each column's cells group by group, as ``frame.groupby(keys, sort=True)[column].agg(list)`` gives them
    (groups in order of their keys, rows with a missing key in none, each group's cells in row order): per
    column, an object array of one list per group. Sliced from one stable sort, not built group by group."""
    groups = frame.groupby(keys, sort=True)
    number = groups.ngroup().fillna(-1).to_numpy(dtype=np.int64)  # a row with a missing key: -1, before every group
    order = np.argsort(number, kind="stable")
    n = groups.ngroups
    bounds = np.searchsorted(number[order], np.arange(n + 1)).tolist()  # group j: sorted rows bounds[j] .. bounds[j + 1]
    out = {}
    for col in columns:
        cells = frame[col].tolist()
        cells = [cells[i] for i in order.tolist()]
        lists = np.empty(n, dtype=object)
        for j in range(n):
            lists[j] = cells[bounds[j]:bounds[j + 1]]
        out[col] = lists
    return out


def _places(places: list, keys: list, distinct: list) -> Msg:
    """The distinct things one number is given for, as a headline lists them: 'idle units nationally and in
    industrial parks' (one metric), 'units revived nationally and jobs in industrial parks' (several)."""
    metrics = list(dict.fromkeys(k.split("|")[0] for k in distinct))
    if len(metrics) == 1:
        return Msg("audit.what.none", {"metric": Label("metric", metrics[0]),
                                       "where": All(tuple(Label("audit.where", k.split("|")[1]) for k in distinct))})
    return Msg("audit.wordings.bare", {"words": All(tuple(places[keys.index(k)] for k in distinct))})


def _echo_keys(claims: pd.DataFrame, targets: pd.DataFrame) -> list[str]:
    """The key that keeps places apart in :func:`~analysis.evidence.targets.echoes`: ``["province"]`` where both
    frames hold several places' rows (a count echoes a target of its own place only), else none."""
    return place(claims) if place(targets) else []


def target_echoes(ev) -> pd.DataFrame:
    """Counts equal to a target of their own year (first stated or revised, any scope): a plan may have
    been reported as an outcome. Always a question; the best estimate weighs such a count below others."""
    c = ev.claims.copy()
    c["echo"] = echoes(c, ev.targets, _echo_keys(c, ev.targets))
    c = c[c["echo"] != ""]
    if c.empty:
        return ck.empty()
    t = ck.lookup(ev.claims, c["echo"])
    own, target = ck.said(c), ck.said(t)
    return ck.rows(
        "target_echo", c, grade="question", subject=ck.subject(c), claim_id=c["claim_id"], claim_ids=c["claim_id"] + ", " + t["claim_id"],
        figure_ids=c["figure_ids"] + "; " + t["figure_ids"], source_ids=ck.joined(c["source_ids"], t["source_ids"]), stated=own,
        arithmetic=ck.msgs("audit.arithmetic.target_echo", own=own, target=target, scope=ck.labels("scope", t["scope"]), period=ck.periods(t)),
        finding=ck.msgs("audit.finding.target_echo", target=target, where=ck.wheres(t["scope"])),
        headline=ck.msgs(np.where(c["scope"].to_numpy() == t["scope"].to_numpy(), "audit.headline.target_echo.same", "audit.headline.target_echo"), own=own, where=ck.wheres(c["scope"]), when=ck.whens(c, brief=True), target_where=ck.wheres(t["scope"])),
        reading=Msg("audit.reading.met_exactly"), connector="innocent", stated_value=c["value"], stated_low=c["low"], stated_high=c["high"],
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
    unit = ck.units(t["metric"])
    own = ck.said(t)
    implied = ck.ests(t["implied_value"], t["implied_low"], t["implied_high"], unit)
    reading = [(Msg("audit.reading.generous") if st else Msg("audit.reading.pace")) if g == "question" else None for g, st in zip(grades, strict)]
    size, severity = ck.measure(t["value"], t["implied_value"], t["implied_low"], t["implied_high"], "count", unit, of="implied")
    finding = np.select([grades == "contradiction", grades == "question", grades == "unchecked"],
                        ["audit.finding.term_total.contradiction", "audit.finding.term_total.question", "audit.finding.term_total.unchecked"],
                        default="audit.finding.term_total.consistent")
    below = t["value"] < t["implied_low"]
    head = np.select([grades == "contradiction", grades == "question"],
                     [np.where(below, "audit.headline.term_total.below", "audit.headline.term_total.above"), "audit.headline.term_total.question"],
                     default="")
    bound = ck.nums(t["implied_low"].where(below, t["implied_high"]), unit.where(unit.isin(ck.OWN_UNITS), ""), 0)
    return ck.rows(
        "term_total", t, grade=grades, subject=ck.subject(t), claim_id=t["claim_id"],
        claim_ids=ck.concat(t["claim_id"], t["part_claims"]), figure_ids=t["figure_ids"], source_ids=t["source_ids"], stated=own,
        arithmetic=ck.msgs("audit.arithmetic.term_total", parts=t["parts_msg"], implied=implied, own=own),
        finding=ck.msgs(finding, implied=implied, own=own),
        headline=ck.msgs(head, own=ck.said(t, bare=True), what=ck.whats(t), bound=bound,
                         implied=ck.rough(t["implied_value"], t["implied_low"], t["implied_high"], unit.where(unit.isin(ck.OWN_UNITS), ""))),
        reading=reading, size_text=size.where(grades.isin(["contradiction", "question"]), None),
        severity=severity.where(grades.isin(["contradiction", "question"])), stated_value=t["value"], stated_low=t["low"],
        stated_high=t["high"], derived_value=t["implied_value"], derived_low=t["implied_low"], derived_high=t["implied_high"])
