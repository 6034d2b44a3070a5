"""Audit rules on ratios: stated percentages, growth rates and averages against their parts,
marginal jobs per unit, and one sum converted to dollars at different rates.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule (:mod:`analysis.audit.checks`).
Candidate denominators are found by joins on metric, scope and year (a handful of targets per year),
and the best match of each kind is kept: never all pairs of figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...assumptions import HEADLINE_SCOPES
from ...bounds import Estimate
from ...evidence.estimates import choose
from ...evidence.grading import cap_cross_scope, grade, grade_pair
from ...evidence.keys import join_groups
from ..jobs import plausible_band
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

#: Kinds of denominator a stated percentage may have used, best first.
DENOMINATOR_KINDS: dict[str, str] = {
    "in_force": "the target in force",
    "same_scope": "an earlier or other target",
    "own": "the report's own figure",
    "other_scope": "another scope's target",
}


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
    by_date = pd.merge_asof(prog.sort_values("first_published_earliest"), path.sort_values("d_first_published_latest"),
                            left_on="first_published_earliest", right_on="d_first_published_latest", left_by=keys_l,
                            right_by=keys_r, direction="backward")
    # Targets the percentage's own report states (whoever stated them first): from the figures, per report.
    stated = ev.figures.loc[ev.figures["kind"] == "target", ["source_id", "claim_id"]].drop_duplicates()
    stated = stated.rename(columns={"source_id": "d_stated_in", "claim_id": "d_claim_id"})
    in_report = path.merge(stated, on="d_claim_id")
    same_report = prog.merge(in_report, left_on=[*keys_l, "first_source"], right_on=[*keys_r, "d_stated_in"]).drop(columns="d_stated_in")
    in_force = (pd.concat([by_date[by_date["d_claim_id"].notna()], same_report])
                .sort_values(["claim_id", "d_first_published_latest"]).drop_duplicates("claim_id", keep="last").assign(kind="in_force"))
    first = prog.merge(t[t["d_role"] == "first"], left_on=keys_l, right_on=keys_r).assign(kind="same_scope")
    others = t[~t["d_role"].isin(["first", "revision"])]
    wanted = prog.assign(_want=prog["n_value"] / prog["value"] * 100).dropna(subset=["_want"])
    nearest = pd.merge_asof(wanted.sort_values("_want"), others.sort_values("d_value"), left_on="_want", right_on="d_value",
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
    cand["g"] = grade(cand["low"], cand["high"], cand["i_low"], cand["i_high"], cand["i_value"])
    cand["distance"] = (cand["i_value"] - cand["value"]).abs()
    cand["kind_rank"] = cand["kind"].map({k: i for i, k in enumerate(DENOMINATOR_KINDS)})
    cand["ok"] = cand["g"] == "consistent"
    # The best candidate: a consistent one of the best kind, else the target in force, else the closest.
    cand = cand.sort_values(["claim_id", "ok", "kind_rank", "distance"], ascending=[True, False, True, True], kind="stable")
    best = cand.drop_duplicates("claim_id").set_index("claim_id")
    force = cand[cand["kind"].isin(["in_force", "own"])].sort_values(["claim_id", "distance"]).drop_duplicates("claim_id").set_index("claim_id")

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
    unit_n = out["num_metric"].map(fmt.unit_of)
    den_unit = out["den_metric"].map(fmt.unit_of)
    pct_text = ck.claim_text(out.reset_index())
    pct_text.index = out.index
    arith = (ck.num(out["n_value"], unit_n) + " / " + ck.num(ref["d_value"], den_unit) + " ("
             + ref["kind"].map(DENOMINATOR_KINDS).fillna("") + ") = "
             + ck.estimate_text(ref["i_value"], ref["i_low"], ref["i_high"], "%"))
    arith = arith.where(has, "no " + fmt.labels("metric", out["num_metric"]) + " or " + fmt.labels("metric", out["den_metric"]) + " to recompute it from")
    finding = np.select(
        [grades == "unchecked", (grades == "consistent"),
         (grades == "question") & matched_kind.isin(["same_scope"]),
         (grades == "question") & cross.fillna(False)],
        ["The ledger lacks the parts to recompute this percentage.",
         "The percentage matches its parts.",
         "The percentage matches an earlier or other target of the year (" + ck.num(b["d_value"]) + "), not the one in force when it was stated ("
         + ck.num(fo["d_value"]) + ").",
         "The percentage matches only a target of another scope (" + fmt.labels("scope", b["d_scope"].fillna("")) + ")."],
        default="The stated " + pct_text + " does not match its parts: " + arith + ".")
    o = out.reset_index()
    return ck.rows(
        "percentage", o, grade=grades.to_numpy(), cross_scope=cross.fillna(False).to_numpy(), subject=ck.subject(o),
        claim_id=o["claim_id"], claim_ids=ck.concat(o["claim_id"], o["num_claim"], ref["d_claim_id"].reset_index(drop=True)),
        figure_ids=ck.concat(o["figure_ids"], claims.reindex(o["num_claim"])["figure_ids"].reset_index(drop=True),
                             ref["d_figure_ids"].reset_index(drop=True)),
        source_ids=ck.joined(o["source_ids"], ref["d_source_ids"].reset_index(drop=True)), stated=pct_text.to_numpy(),
        arithmetic=arith.to_numpy(), finding=np.asarray(finding), stated_low=o["low"], stated_high=o["high"],
        derived_value=ref["i_value"].to_numpy(), derived_low=ref["i_low"].to_numpy(), derived_high=ref["i_high"].to_numpy())


def _span_sums(ev, spans: pd.DataFrame) -> pd.DataFrame:
    """Sums of yearly best estimates over spans of years, whole columns at once.

    ``spans`` has ``sid``, ``metric``, ``scope``, ``first``, ``n`` (years). Each year takes the estimate
    of its own scope where there is a full-year or derived one, else that of the first headline scope
    that has one (``cross_scope``). Returns per ``sid``: ``value/low/high``, ``complete``, ``cross_scope``,
    ``parts`` (year by year, in words) and ``claims``.
    """
    e = ev.estimates[ev.estimates["basis"] != "floor"]
    rank = {sc: i for i, sc in enumerate(HEADLINE_SCOPES)}
    fallback = (e[e["scope"].isin(HEADLINE_SCOPES)].assign(_r=lambda d: d["scope"].map(rank))
                .sort_values(["metric", "jalali_year", "_r"]).drop_duplicates(["metric", "jalali_year"]).drop(columns="_r"))
    y = spans.loc[spans.index.repeat(spans["n"].astype(int))].copy()
    y["jalali_year"] = (y["first"] + y.groupby(level=0).cumcount()).astype("Int64")
    cols = ["metric", "scope", "jalali_year", "value", "low", "high", "chosen_claim"]
    own = y.merge(e[cols], on=["metric", "scope", "jalali_year"], how="left")
    other = y.merge(fallback[cols].rename(columns={"scope": "f_scope", "value": "f_value", "low": "f_low", "high": "f_high",
                                                   "chosen_claim": "f_claim"}), on=["metric", "jalali_year"], how="left")
    use_other = own["value"].isna() & other["f_value"].notna()
    for col in ("value", "low", "high"):
        own[col] = own[col].where(~use_other, other[f"f_{col}"])
    own["chosen_claim"] = own["chosen_claim"].where(~use_other, other["f_claim"])
    own["shown_scope"] = own["scope"].where(~use_other, other["f_scope"])
    own["cross"] = use_other
    unit = own["metric"].map(fmt.unit_of)
    own["text"] = (own["jalali_year"].astype("str") + " (" + fmt.labels("scope", own["shown_scope"].fillna("")) + "): "
                   + ck.estimate_text(own["value"], own["low"], own["high"], unit)).where(own["value"].notna(),
                                                                                      own["jalali_year"].astype("str") + ": none")
    g = own.groupby("sid", sort=False)
    out = pd.DataFrame({"value": g["value"].sum(min_count=1), "low": g["low"].sum(min_count=1), "high": g["high"].sum(min_count=1),
                        "complete": g["value"].count() == g.size(), "cross_scope": g["cross"].any(),
                        "parts": join_groups(own["sid"], own["text"], sep="; "),
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
    same = same[same["role"] == "chosen"][["metric", "scope", "start", "end", "claim_id", "value", "est_low", "est_high"]]
    m = g[["base", "scope", "start", "end"]].merge(same.rename(columns={"metric": "base"}), on=["base", "scope", "start", "end"], how="left")
    m.index = g.index
    has_same = m["claim_id"].notna()
    cur = Estimate(m["value"].where(has_same, cur_sum["value"]), m["est_low"].where(has_same, cur_sum["low"]),
                   m["est_high"].where(has_same, cur_sum["high"]))
    cur_ok = has_same | cur_sum["complete"]
    prev = Estimate(prev_sum["value"], prev_sum["low"], prev_sum["high"])
    ok = cur_ok & prev_sum["complete"]
    rate = (cur / prev - 1) * 100
    g["g_value"], g["g_low"], g["g_high"] = rate.value.where(ok), rate.low.where(ok), rate.high.where(ok)
    g["cross"] = (~has_same & cur_sum["cross_scope"]) | prev_sum["cross_scope"]
    unit = g["base"].map(fmt.unit_of)
    span = g["first_year"].astype(int).astype(str).where(g["n"] == 1, g["first_year"].astype(int).astype(str) + "-" + g["last_year"].astype(int).astype(str))
    cur_text = (span + ": " + ck.estimate_text(cur.value, cur.low, cur.high, unit)).where(has_same, cur_sum["parts"])
    t = g
    grades = cap_cross_scope(grade(t["low"], t["high"], t["g_low"], t["g_high"], t["g_value"]), t["cross"])
    own = ck.claim_text(t)
    rate_text = ck.estimate_text(t["g_value"], t["g_low"], t["g_high"], "%")
    label = np.where(t["cross"], ", across scopes with different definitions", "")
    used = ck.joined(m["claim_id"].fillna("").where(has_same, cur_sum["claims"]), prev_sum["claims"])
    return ck.rows(
        "growth", t, grade=grades, cross_scope=t["cross"], subject=ck.subject(t), claim_id=t["claim_id"],
        claim_ids=ck.concat(t["claim_id"], used), figure_ids=t["figure_ids"], source_ids=t["source_ids"], stated=own,
        arithmetic="this period " + cur_text + "; the period before " + prev_sum["parts"] + "; growth " + rate_text + label,
        finding=np.select([grades == "unchecked", grades == "consistent"],
                          ["The ledger lacks the counts to recompute this growth rate.", "The stated growth matches the counts."],
                          default="The stated growth of " + own + " does not match the counts, which give " + rate_text + label + "."),
        stated_low=t["low"], stated_high=t["high"], derived_value=t["g_value"], derived_low=t["g_low"], derived_high=t["g_high"])


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
    grades = grade(near["low"], near["high"], near["jpu_low"], near["jpu_high"], near["jpu_value"]).where(near["units_claim"].notna(), "unchecked")
    own = ck.claim_text(near)
    ratio = ck.estimate_text(near["jpu_value"], near["jpu_low"], near["jpu_high"], "")
    figures = ck.rows(
        "average", near, grade=grades, subject=ck.subject(near), claim_id=near["claim_id"],
        claim_ids=ck.concat(near["claim_id"], near["units_claim"], near["jobs_claim"]),
        figure_ids=ck.concat(near["figure_ids"], near["figure_ids_p"]), source_ids=ck.joined(near["source_ids"], near["source_ids_p"]),
        stated=own, arithmetic=("jobs / units: " + ck.num(near["jobs_claim"].map(ev.claims.set_index("claim_id")["value"]), "jobs") + " jobs / "
                                + ck.num(near["units_claim"].map(ev.claims.set_index("claim_id")["value"]), "units") + " units = " + ratio).where(
            near["units_claim"].notna(), "no units and jobs of this scope to compare"),
        finding=np.select([grades == "unchecked", grades == "consistent"],
                          ["No units and jobs of this scope and period to compare with.", "The stated average matches jobs over units."],
                          default="The stated average of " + own + " does not match jobs over units, which give " + ratio + "."),
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
    at["g"] = grade(at["low"], at["high"], at["r_low"], at["r_high"], at["r_value"])
    at["ok"] = at["g"] == "consistent"
    at = at.sort_values(["claim_id", "ok", "current"], ascending=[True, False, False], kind="stable").drop_duplicates("claim_id")
    tg = pd.Series(np.where(at["ok"] & at["current"], "consistent", np.where(at["ok"], "question", at["g"])), index=at.index)
    own_t = ck.claim_text(at)
    rt = ck.num(at["value_j"]) + " / " + ck.num(at["value_u"]) + " = " + ck.estimate_text(at["r_value"], at["r_low"], at["r_high"], "")
    targets = ck.rows(
        "average", at, grade=tg, subject=ck.subject(at), claim_id=at["claim_id"], claim_ids=ck.concat(at["claim_id"], at["claim_id_j"], at["claim_id_u"]),
        figure_ids=ck.concat(at["figure_ids"], at["figure_ids_j"], at["figure_ids_u"]), source_ids=ck.joined(at["source_ids"], at["source_ids_j"], at["source_ids_u"]),
        stated=own_t, arithmetic="jobs target / units target: " + rt,
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
    band_low, band_high = plausible_band(ev)
    outside = (ratio.high < band_low) | (ratio.low > band_high)
    grades = np.where(~divisible, "unchecked", np.where(outside, "question", "consistent"))
    rt = ck.estimate_text(ratio.value.where(divisible), ratio.low.where(divisible), ratio.high.where(divisible), "")
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
        finding=np.select([grades == "unchecked", grades == "question"],
                          ["Not divided: " + np.where(ordered, "the units may not have risen.", "the reports' order is not known."),
                           "The jobs added per unit added (" + rt + ") lie outside the plausible range (" + band + ")."],
                          default="Within the plausible range."),
        derived_value=ratio.value.where(divisible), derived_low=ratio.low.where(divisible), derived_high=ratio.high.where(divisible))


def dollar_conversions(ev) -> pd.DataFrame:
    """One rial sum converted to dollar sums at different rates: each conversion against the first.

    The implied rate is rials over dollars (interval); conversions of the same rial claim are
    graded against the earliest-reported one.
    """
    usd = ev.claims[ev.claims["metric"] == "financing_usd_stated"]
    rials = ev.claims[ev.claims["metric"] == "financing_rials"]
    m = usd.merge(rials, on=["scope", "start", "end"], suffixes=("", "_r"))
    if m.empty:
        return ck.empty()
    rate = Estimate(m["value_r"], m["low_r"], m["high_r"]) / Estimate(m["value"], m["low"], m["high"])
    m["rate_value"], m["rate_low"], m["rate_high"] = rate.value, rate.low, rate.high
    m = m.sort_values(["claim_id_r", "first_published_earliest", "claim_id"], kind="stable")
    first = m.groupby("claim_id_r")[["claim_id", "rate_value", "rate_low", "rate_high", "figure_ids", "source_ids"]].transform("first")
    m = m[m["claim_id"] != first["claim_id"]]
    first = first.loc[m.index]
    if m.empty:
        return ck.empty()
    grades = grade_pair(m["rate_low"], m["rate_high"], m["rate_value"], first["rate_low"], first["rate_high"], first["rate_value"])
    own = ck.estimate_text(m["rate_value"], m["rate_low"], m["rate_high"], "rials per dollar")
    ref = ck.estimate_text(first["rate_value"], first["rate_low"], first["rate_high"], "rials per dollar")
    sum_text = ck.num(m["value_r"], "rials")
    return ck.rows(
        "dollar_conversion", m, grade=grades, subject=ck.subject(m), claim_id=m["claim_id"], claim_ids=ck.concat(m["claim_id"], first["claim_id"], m["claim_id_r"]),
        figure_ids=ck.concat(m["figure_ids"], first["figure_ids"], m["figure_ids_r"]), source_ids=ck.joined(m["source_ids"], first["source_ids"], m["source_ids_r"]),
        stated=ck.claim_text(m),
        arithmetic=sum_text + " as " + ck.claim_text(m) + ": " + own + " rials per dollar, against " + ref + " in the first conversion",
        finding=np.where(grades == "consistent", "The conversions imply the same rate.",
                         "The same sum (" + sum_text + ") is converted at a different rate: " + own + " rials per dollar against " + ref + "."),
        stated_low=m["rate_low"], stated_high=m["rate_high"], derived_value=first["rate_value"], derived_low=first["rate_low"], derived_high=first["rate_high"])
