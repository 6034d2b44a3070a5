"""Audit rules on ratios: stated percentages, growth rates and averages against their parts, and
marginal jobs per unit.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule (:mod:`analysis.audit.checks`).
Candidate denominators are found by joins on metric, scope and year (a handful of targets per year),
and the best match of each kind is kept: never all pairs of figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...assumptions import HEADLINE_SCOPES
from ...bounds import Estimate
from ...evidence.estimates import WHOLE_YEAR_BASES, choose
from ...evidence.grading import apart, cap_cross_scope, could_fail, judge
from ...evidence.keys import join_groups
from ...words import Msg, Year
from . import checks as ck

#: A stated percentage's numerator and denominator metrics.
PERCENT_PARTS: dict[str, tuple[str, str]] = {
    "target_progress_pct": ("units_revived", "units_target"),
    "jobs_target_progress_pct": ("jobs_created", "jobs_target"),
    "idle_share_pct": ("idle_units", "total_units"),
}

#: A stated growth rate and the count it is the growth of.
GROWTH_PARTS: dict[str, str] = {"units_growth_pct_stated": "units_revived", "jobs_growth_pct_stated": "jobs_created"}

_NO_DATE = pd.Timestamp("1800-01-01")

#: Kinds of denominator a stated percentage may have used, best first (their words: ``audit.denominator.<kind>``).
DENOMINATOR_KINDS: tuple[str, ...] = ("in_force", "same_scope", "own", "other_scope")


def _numerators(ev, pct: pd.DataFrame, metric_of: pd.Series) -> pd.DataFrame:
    """For each percentage claim, the claim of its numerator metric that one of its reports states for the same scope and period."""
    f = ev.figures
    keys = ["source_id", "scope", "start_key", "end_key"]
    pf = f[f["claim_id"].isin(pct["claim_id"])].assign(start_key=lambda d: d["start"].fillna(_NO_DATE), end_key=lambda d: d["end"].fillna(_NO_DATE))
    pf = pf.assign(num_metric=pf["claim_id"].map(metric_of))
    # Only figures of the numerator metrics, in the reports that state a percentage, can be numerators.
    nf = f[f["metric"].isin(pf["num_metric"].unique()) & f["source_id"].isin(pf["source_id"].unique())]
    nf = nf.assign(start_key=nf["start"].fillna(_NO_DATE), end_key=nf["end"].fillna(_NO_DATE))[[*keys, "metric", "claim_id"]]
    m = pf[[*keys, "num_metric", "claim_id"]].merge(nf.rename(columns={"metric": "num_metric", "claim_id": "num_claim"}), on=[*keys, "num_metric"])
    return m.drop_duplicates("claim_id")[["claim_id", "num_claim"]]


_T_COLUMNS = ["claim_id", "metric", "scope", "jalali_year", "value", "low", "high", "role", "current", "first_published_latest",
              "first_source", "source_ids", "figure_ids"]


def _target_candidates(ev, prog: pd.DataFrame) -> pd.DataFrame:
    """For each stated percentage, the few targets it may have divided by, one of each kind.

    Never every target of the year: sorted as-of joins pick, per percentage, the target **in force**
    (the latest first-or-revised value of its scope certainly published by then, or first stated in the
    same report), the value **first stated** for its path, the **nearest other value** of its scope
    (alternatives, range ends) to the denominator the stated percentage implies, and the target in
    force of each **other scope** (a handful of scopes). Columns of :data:`_T_COLUMNS` prefixed ``d_``,
    and ``kind`` (:data:`DENOMINATOR_KINDS`).
    """
    t = ev.targets[ev.targets["jalali_year"].notna()][_T_COLUMNS].rename(columns=lambda k: "d_" + k)
    t["d_jalali_year"] = t["d_jalali_year"].astype("Int64")
    prog = prog.assign(year=prog["year"].astype("Int64"))
    keys_l, keys_r = ["den_metric", "scope", "year"], ["d_metric", "d_scope", "d_jalali_year"]
    path = t[t["d_role"].isin(["first", "revision"])]
    by_date = pd.merge_asof(prog.sort_values("first_published_earliest", kind="stable"), path.sort_values("d_first_published_latest", kind="stable"),
                            left_on="first_published_earliest", right_on="d_first_published_latest", left_by=keys_l,
                            right_by=keys_r, direction="backward")
    # Targets the percentage's own report states (whoever stated them first): from the figures, per report.
    stated = ev.figures.loc[ev.figures["kind"] == "target", ["source_id", "claim_id"]].drop_duplicates()
    stated = stated.rename(columns={"source_id": "d_stated_in", "claim_id": "d_claim_id"})
    in_report = path.merge(stated, on="d_claim_id")
    same_report = prog.merge(in_report, left_on=[*keys_l, "first_source"], right_on=[*keys_r, "d_stated_in"]).drop(columns="d_stated_in")
    in_force = (pd.concat([by_date[by_date["d_claim_id"].notna()], same_report])
                .sort_values(["claim_id", "d_first_published_latest"], kind="stable").drop_duplicates("claim_id", keep="last").assign(kind="in_force"))
    first = prog.merge(t[t["d_role"] == "first"], left_on=keys_l, right_on=keys_r).assign(kind="same_scope")
    others = t[~t["d_role"].isin(["first", "revision"])]
    wanted = prog.assign(_want=prog["n_value"] / prog["value"] * 100).dropna(subset=["_want"])
    nearest = pd.merge_asof(wanted.sort_values("_want", kind="stable"), others.sort_values("d_value", kind="stable"), left_on="_want", right_on="d_value",
                            left_by=keys_l, right_by=keys_r, direction="nearest")
    nearest = nearest[nearest["d_claim_id"].notna()].drop(columns="_want").assign(kind="same_scope")
    current = t[t["d_current"]]
    other = prog.merge(current, left_on=["den_metric", "year"], right_on=["d_metric", "d_jalali_year"])
    other = other[other["d_scope"] != other["scope"]].assign(kind="other_scope")
    cand = pd.concat([in_force, first, nearest, other], ignore_index=True)
    known = (cand["d_first_published_latest"] <= cand["first_published_earliest"]) | (cand["kind"] == "in_force")
    return cand[known | (cand["d_first_source"] == cand["first_source"])].drop_duplicates(["claim_id", "d_claim_id"])


def percentages(ev) -> pd.DataFrame:
    """Stated percentages against their numerator and every denominator the report could have used.

    Progress percentages: the count the same report gives for the same scope and period, divided by
    the targets of the year it could have used (published by then, or stated in the same report), of
    any scope, found by :func:`_target_candidates` (one of each kind, never every target).
    Consistent when it matches the target in force; a question when it matches only an earlier or
    superseded target (it keeps dividing by a target after it was revised) or only another scope's
    (labelled); otherwise graded against the target in force. Shares (``idle_share_pct``): idle over
    all units stated in the same report. One check per stated percentage.
    """
    c = ev.claims[ev.claims["metric"].isin(list(PERCENT_PARTS))].copy()
    if c.empty:
        return ck.empty()
    c["num_metric"] = c["metric"].map(lambda m: PERCENT_PARTS[m][0])
    c["den_metric"] = c["metric"].map(lambda m: PERCENT_PARTS[m][1])
    num = _numerators(ev, c, c.set_index("claim_id")["num_metric"])
    c = c.merge(num, on="claim_id", how="left")
    claims = ev.claims.set_index("claim_id")
    n = claims.reindex(c["num_claim"])
    c["n_value"], c["n_low"], c["n_high"] = n["value"].to_numpy(), n["low"].to_numpy(), n["high"].to_numpy()

    # Denominators: targets of the year (progress) or all units stated with the share (shares).
    share = c["metric"] == "idle_share_pct"
    # The year is set before filtering: a Series assigned to an empty frame would bring its rows with it.
    prog = _target_candidates(ev, c.assign(year=c["cumulative_year"])[~share & c["num_claim"].notna()])
    f = ev.figures
    stock = c[share]
    dens = f[f["metric"] == "total_units"][["source_id", "scope", "claim_id"]].rename(columns={"claim_id": "d_claim_id"})
    shares = stock.merge(dens, left_on=["first_source", "scope"], right_on=["source_id", "scope"]).drop(columns="source_id")
    d = claims.reindex(shares["d_claim_id"])
    for col in ("value", "low", "high", "source_ids", "figure_ids"):
        shares[f"d_{col}"] = d[col].to_numpy()
    shares = shares.assign(kind="own", d_scope=shares["scope"])
    cand = pd.concat([prog, shares], ignore_index=True)
    cand = cand[cand["num_claim"].notna()].copy()
    implied = Estimate(cand["n_value"], cand["n_low"], cand["n_high"]) / Estimate(cand["d_value"], cand["d_low"], cand["d_high"]) * 100
    cand["i_value"], cand["i_low"], cand["i_high"] = implied.value, implied.low, implied.high
    cand["g"] = judge(apart(cand["low"], cand["high"], cand["i_low"], cand["i_high"]),
                      apart(cand["gen_low"], cand["gen_high"], cand["i_low"], cand["i_high"]),
                      cand["i_value"].notna() & ((cand["i_value"] < cand["low"]) | (cand["i_value"] > cand["high"])),
                      could_fail(cand["low"], cand["high"], cand["i_low"], cand["i_high"]))
    cand["distance"] = (cand["i_value"] - cand["value"]).abs()
    cand["kind_rank"] = cand["kind"].map({k: i for i, k in enumerate(DENOMINATOR_KINDS)})
    cand["ok"] = cand["g"] == "consistent"
    # The best candidate: a consistent one of the best kind, else the target in force, else the closest.
    cand = cand.sort_values(["claim_id", "ok", "kind_rank", "distance"], ascending=[True, False, True, True], kind="stable")
    best = cand.drop_duplicates("claim_id").set_index("claim_id")
    force = cand[cand["kind"].isin(["in_force", "own"])].sort_values(["claim_id", "distance"], kind="stable").drop_duplicates("claim_id").set_index("claim_id")

    out = c.set_index("claim_id")
    b = best.reindex(out.index)
    fo = force.reindex(out.index)
    has = b["d_claim_id"].notna()
    matched_kind = b["kind"].where(b["ok"].fillna(False).astype(bool))
    grades = np.select(
        [~has, matched_kind.isin(["in_force", "own"]), matched_kind.isin(["same_scope", "other_scope"]), fo["g"].notna()],
        ["unchecked", "consistent", "question", fo["g"]], default=b["g"])
    grades = pd.Series(grades, index=out.index)
    cross = (b["kind"] == "other_scope") & ~matched_kind.isin(["in_force", "own", "same_scope"])
    grades = cap_cross_scope(grades, cross.fillna(False))
    ref = b.where(~(fo["g"].notna() & ~b["ok"].fillna(False).astype(bool)), fo)  # what the arithmetic shows
    unit_n = ck.units(out["num_metric"])
    den_unit = ck.units(out["den_metric"])
    o = out.reset_index()
    own = ck.said(o)
    implied = ck.ests(ref["i_value"], ref["i_low"], ref["i_high"], "%")
    num_text, den_text = ck.nums(out["n_value"], ck.own_units(unit_n)), ck.nums(ref["d_value"], ck.own_units(den_unit))
    kinds = [None if k not in DENOMINATOR_KINDS else Msg(f"audit.denominator.{k}") for k in ref["kind"].tolist()]
    arith = ck.msgs(["audit.arithmetic.percentage" if h else "audit.arithmetic.percentage.missing" for h in has],
                    num=num_text, den=den_text, kind=kinds, implied=implied, own=own,
                    num_metric=ck.labels("metric", out["num_metric"]), den_metric=ck.labels("metric", out["den_metric"]))
    earlier = (grades == "question") & matched_kind.isin(["same_scope"])
    crossed = (grades == "question") & cross.fillna(False)
    variant = np.select([grades == "unchecked", grades == "consistent", earlier, crossed],
                        ["unchecked", "consistent", "earlier_target", "other_scope"], default="differs")
    derived = ck.share_beside(ref["i_value"], out["value"], ref["i_low"], ref["i_high"])
    derived = [d if d is not None else r for d, r in zip(derived, ck.rough(ref["i_value"], ref["i_low"], ref["i_high"], "%"))]
    old, current = ck.nums(b["d_value"]), ck.nums(fo["d_value"])
    finding = ck.msgs(["audit.finding.percentage." + v for v in variant], old=old, current=current, where=ck.wheres(b["d_scope"].fillna("")),
                      own=own, derived=derived, num=ck.nums(out["n_value"]), den=ck.nums(ref["d_value"]))
    year = out["cumulative_year"].fillna(out["first_year"])
    quantity = ck.msgs(["audit.pct." + m for m in out["metric"]], year=ck.years(year))
    head = [None if g not in ("contradiction", "question") else "audit.headline.percentage." + (v if v in ("earlier_target", "other_scope")
                                                                                                 else "differs")
            for g, v in zip(grades, variant)]
    headline = ck.msgs(head, quantity=quantity, where=ck.wheres(out["scope"]), own=own, derived=derived, old=old, current=current,
                       target_where=ck.wheres(b["d_scope"].fillna("")))
    strict_only = (grades == "question") & ~matched_kind.isin(["same_scope", "other_scope"]) & ~cross.fillna(False)
    reading = [Msg("audit.reading.one_step") if a else Msg("audit.reading.earlier_target") if e else Msg("audit.reading.other_scope_target") if c
               else None for a, e, c in zip(strict_only, earlier, crossed)]
    # A match with another target is measured against the one in force: how far the reader would be misled.
    against = ref.where(~matched_kind.isin(["same_scope", "other_scope"]) | fo["i_value"].isna(), fo)
    size, severity = ck.measure(out["value"], against["i_value"], against["i_low"], against["i_high"], "points")
    return ck.rows(
        "percentage", o, grade=grades.to_numpy(), cross_scope=cross.fillna(False).to_numpy(), subject=ck.subject(o),
        claim_id=o["claim_id"], claim_ids=ck.concat(o["claim_id"], o["num_claim"], ref["d_claim_id"].reset_index(drop=True)),
        figure_ids=ck.concat(o["figure_ids"], claims.reindex(o["num_claim"])["figure_ids"].reset_index(drop=True),
                             ref["d_figure_ids"].reset_index(drop=True)),
        source_ids=ck.joined(o["source_ids"], ref["d_source_ids"].reset_index(drop=True)), stated=own,
        arithmetic=arith, finding=finding, headline=headline, reading=reading,
        size_text=size.where(grades.isin(["contradiction", "question"]), None).tolist(),
        severity=severity.where(grades.isin(["contradiction", "question"])).to_numpy(), stated_value=o["value"],
        stated_low=o["low"], stated_high=o["high"],
        derived_value=ref["i_value"].to_numpy(), derived_low=ref["i_low"].to_numpy(), derived_high=ref["i_high"].to_numpy())


def _span_sums(ev, spans: pd.DataFrame) -> pd.DataFrame:
    """Sums of yearly best estimates over spans of years, whole columns at once.

    ``spans`` has ``sid``, ``metric``, ``scope``, ``first``, ``n`` (years). Each year takes the estimate
    of its own scope where there is a full-year or derived one, else that of the first headline scope
    that has one (``cross_scope``). Returns per ``sid``: ``value/low/high``, ``complete``, ``cross_scope``,
    ``parts`` (year by year, in words) and ``claims``.
    """
    e = ev.estimates[ev.estimates["basis"].isin(WHOLE_YEAR_BASES)]
    rank = {sc: i for i, sc in enumerate(HEADLINE_SCOPES)}
    fallback = (e[e["scope"].isin(HEADLINE_SCOPES)].assign(_r=lambda d: d["scope"].map(rank))
                .sort_values(["metric", "jalali_year", "_r"], kind="stable").drop_duplicates(["metric", "jalali_year"]).drop(columns="_r"))
    y = spans.loc[spans.index.repeat(spans["n"].astype(int))].copy()
    y["jalali_year"] = (y["first"] + y.groupby(level=0).cumcount()).astype("Int64")
    cols = ["metric", "scope", "jalali_year", "value", "low", "high", "gen_low", "gen_high", "chosen_claim"]
    own = y.merge(e[cols], on=["metric", "scope", "jalali_year"], how="left")
    other = y.merge(fallback[cols].rename(columns={"scope": "f_scope", "value": "f_value", "low": "f_low", "high": "f_high",
                                                   "gen_low": "f_gen_low", "gen_high": "f_gen_high", "chosen_claim": "f_claim"}),
                    on=["metric", "jalali_year"], how="left")
    use_other = own["value"].isna() & other["f_value"].notna()
    for col in ("value", "low", "high", "gen_low", "gen_high"):
        own[col] = own[col].where(~use_other, other[f"f_{col}"])
    own["chosen_claim"] = own["chosen_claim"].where(~use_other, other["f_claim"])
    own["shown_scope"] = own["scope"].where(~use_other, other["f_scope"])
    own["cross"] = use_other
    unit = ck.units(own["metric"])
    own["text"] = ck.msgs(np.where(own["value"].notna(), "audit.growth.part", "audit.growth.part_none"), len(own),
                          year=ck.years(own["jalali_year"]), scope=ck.labels("scope", own["shown_scope"].fillna("")),
                          count=ck.ests(own["value"], own["low"], own["high"], unit))
    g = own.groupby("sid", sort=False)
    out = pd.DataFrame({"value": g["value"].sum(min_count=1), "low": g["low"].sum(min_count=1), "high": g["high"].sum(min_count=1),
                        "gen_low": g["gen_low"].sum(min_count=1), "gen_high": g["gen_high"].sum(min_count=1),
                        "complete": g["value"].count() == g.size(), "cross_scope": g["cross"].any(),
                        "parts": own.groupby("sid", sort=False)["text"].agg(lambda t: ck.semicolons(list(t))),
                        "claims": join_groups(own["sid"], own["chosen_claim"].fillna(""), distinct=True)})
    return out


def growth(ev) -> pd.DataFrame:
    """Stated growth rates against the counts of the period and of the same length before it.

    Whole Iranian years only (one or several): the period's count is the claim of the same period
    when there is one (its best estimate among claims of that period), else the sum of its years'
    best estimates; the preceding period's is the sum of as many years before (:func:`_span_sums`).
    A year with no estimate of the same scope takes the headline scope's, and the check is labelled a
    comparison across scopes (at most a question). Whole columns: no loop over growth rates.
    """
    g = ev.claims[ev.claims["metric"].isin(list(GROWTH_PARTS)) & ev.claims["period_kind"].isin(["full_year", "multi_year"])].copy()
    if g.empty:
        return ck.empty()
    g = g.reset_index(drop=True)
    g["base"] = g["metric"].map(GROWTH_PARTS)
    g["n"] = (g["last_year"] - g["first_year"] + 1).astype(int)
    spans = pd.DataFrame({"sid": g.index, "metric": g["base"], "scope": g["scope"], "first": g["first_year"].astype(int), "n": g["n"]})
    cur_sum = _span_sums(ev, spans)
    prev_sum = _span_sums(ev, spans.assign(first=spans["first"] - spans["n"]))
    counts = ev.claims[ev.claims["metric"].isin(list(GROWTH_PARTS.values())) & ev.claims["end"].notna()]
    same = choose(counts, ["metric", "scope", "start", "end"])
    same = same[same["role"] == "chosen"][["metric", "scope", "start", "end", "claim_id", "value", "est_low", "est_high", "gen_low", "gen_high"]]
    m = g[["base", "scope", "start", "end"]].merge(same.rename(columns={"metric": "base"}), on=["base", "scope", "start", "end"], how="left")
    m.index = g.index
    has_same = m["claim_id"].notna()
    cur_ok = has_same | cur_sum["complete"]
    ok = cur_ok & prev_sum["complete"]

    def rate(lo: str, hi: str, m_lo: str, m_hi: str) -> Estimate:
        cur = Estimate(m["value"].where(has_same, cur_sum["value"]), m[m_lo].where(has_same, cur_sum[lo]), m[m_hi].where(has_same, cur_sum[hi]))
        r = (cur / Estimate(prev_sum["value"], prev_sum[lo], prev_sum[hi]) - 1) * 100
        # A base open above leaves the rate open below: "-100%" would be an artefact, not a bound.
        return Estimate(r.value.where(ok), r.low.where(ok).where(np.isfinite(prev_sum[hi]), -np.inf), r.high.where(ok))

    r, gr = rate("low", "high", "est_low", "est_high"), rate("gen_low", "gen_high", "gen_low", "gen_high")
    g["g_value"], g["g_low"], g["g_high"] = r.value, r.low, r.high
    g["cross"] = (~has_same & cur_sum["cross_scope"]) | prev_sum["cross_scope"]
    unit = ck.units(g["base"])
    first = ck.years(g["first_year"])
    span = [f if n == 1 else Msg("audit.years", {"first": f, "last": Year(int(ly), span=False)})
            for f, n, ly in zip(first, g["n"], g["last_year"])]
    cur_parts = cur_sum["parts"].tolist()
    cur_text = [Msg("audit.growth.years", {"years": sp, "count": c}) if h else p
                for sp, c, h, p in zip(span, ck.ests(m["value"], m["est_low"], m["est_high"], unit), has_same, cur_parts)]
    t = g
    strict = apart(t["low"], t["high"], t["g_low"], t["g_high"])
    judged = judge(strict, apart(t["gen_low"], t["gen_high"], gr.low, gr.high),
                   t["g_value"].notna() & ((t["g_value"] < t["low"]) | (t["g_value"] > t["high"])),
                   could_fail(t["low"], t["high"], t["g_low"], t["g_high"]))
    grades = cap_cross_scope(judged.where(ok, "unchecked"), t["cross"])
    own = ck.said(t)
    rate_text = ck.ests(t["g_value"], t["g_low"], t["g_high"], "%")
    used = ck.joined(m["claim_id"].fillna("").where(has_same, cur_sum["claims"]), prev_sum["claims"])
    crossed = (grades == "question") & t["cross"]
    reading = [None if g != "question" else Msg("audit.reading.scopes_differ") if c else Msg("audit.reading.rate_step") if st
               else Msg("audit.reading.rounding") for c, st, g in zip(crossed, strict, grades)]
    size, severity = ck.measure(t["value"], t["g_value"], t["g_low"], t["g_high"], "points")
    rate = ck.share_beside(t["g_value"], t["value"], t["g_low"], t["g_high"])
    rate = [r if r is not None else x for r, x in zip(rate, ck.rough(t["g_value"], t["g_low"], t["g_high"], "%"))]
    finding = np.select([grades == "unchecked", grades == "consistent", t["cross"]],
                        ["audit.finding.growth.unchecked", "audit.finding.growth.consistent", "audit.finding.growth.cross_scope"],
                        default="audit.finding.growth.differs")
    head = np.select([~grades.isin(["contradiction", "question"]), t["cross"], grades == "contradiction"],
                     ["", "audit.headline.growth.cross_scope", "audit.headline.growth.contradiction"], default="audit.headline.growth.question")
    return ck.rows(
        "growth", t, grade=grades, cross_scope=t["cross"], subject=ck.subject(t), claim_id=t["claim_id"],
        claim_ids=ck.concat(t["claim_id"], used), figure_ids=t["figure_ids"], source_ids=t["source_ids"], stated=own,
        arithmetic=ck.msgs(np.where(t["cross"], "audit.arithmetic.growth.cross_scope", "audit.arithmetic.growth"), current=cur_text,
                           previous=prev_sum["parts"], rate=rate_text, own=own),
        finding=ck.msgs(finding, own=own, rate=rate),
        headline=ck.msgs(head, metric=ck.labels("metric", g["base"]), where=ck.wheres(t["scope"]), years=span, own=own, rate=rate),
        reading=reading, size_text=size.where(grades.isin(["contradiction", "question"]), None),
        severity=severity.where(grades.isin(["contradiction", "question"])), stated_value=t["value"],
        stated_low=t["low"], stated_high=t["high"], derived_value=t["g_value"], derived_low=t["g_low"], derived_high=t["g_high"])
