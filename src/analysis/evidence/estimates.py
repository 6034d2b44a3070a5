"""Best estimates: one number per metric, scope and period, chosen by a rule stated once.

In: claims (:mod:`analysis.evidence.claims`) and the year-to-date series. Out:

- :func:`choose` marks, within groups of claims about the same quantity, which claim is the best
  estimate (``role`` ``chosen``), which agree with it and which conflict, with the rule that decided;
- :func:`yearly` returns one row per metric, scope and Iranian year: the **best estimate** with its
  bounds and basis, and every claim behind it;
- :func:`headline` picks, per year, the scope the headline series shows.

The rule (README, "One best estimate"): claims whose bounds share a common part are consistent and
**narrow each other** (the estimate is that common part). When they conflict, the first rule of
:data:`analysis.assumptions.PREFERENCE_ORDER` that singles out one claim picks it; claims that
agree with it narrow it; the others stay apart, listed as conflicting, and the audit grades them.

A year with no full-year claim is **derived** where the ledger allows: a multi-year total less the
other years' estimates, or else, as a floor with no upper bound, its highest year-to-date count.
Derived rows say so in ``basis``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import HEADLINE_SCOPES, PREFERENCE_ORDER
from .grading import grade_pair
from .keys import capped, group_ids, join_lists

#: Metrics that get yearly best estimates: counts and sums over a period.
YEARLY_METRICS: tuple[str, ...] = ("units_revived", "jobs_created", "capacity_raised_units", "capacity_raised_jobs",
                                   "financing_rials")

#: How an estimate was reached, in plain words.
BASES: dict[str, str] = {
    "full_year": "stated for the whole year",
    "total_less_years": "derived: a multi-year total less the other years",
    "floor": "derived: at least the year's highest year-to-date count (no full-year figure)",
}

#: How the chosen claim was chosen, in plain words (besides the preference order's own rules).
RULES: dict[str, str] = {
    "single": "the only claim",
    "agree": "the claims agree; their common bounds",
    "floor_over_total": "what a multi-year total leaves for the year is below a count already reported for it, so that count is kept as a floor",
    **{name: text for name, text in PREFERENCE_ORDER},
}

_PREF_COLUMNS = [f"_pref_{name}" for name, _ in PREFERENCE_ORDER]


def _preferences(c: pd.DataFrame) -> pd.DataFrame:
    """One sortable column per preference rule (larger is preferred; the last is the claim id)."""
    out = pd.DataFrame(index=c.index)
    out["_pref_after_period_end"] = (c["first_published_earliest"] > c["end"]).astype(int)
    out["_pref_bounded"] = (np.isfinite(c["low"]) & np.isfinite(c["high"])).astype(int)
    out["_pref_most_sources"] = c["n_sources"].astype(int)
    out["_pref_latest_report"] = c["first_published_latest"].astype("int64")
    out["_pref_narrowest"] = -(c["high"] - c["low"]).replace(np.inf, 1e300)
    out["_pref_first_listed"] = c["claim_id"]
    return out


def choose(claims: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Within each group of ``keys``, the chosen claim and how the others stand to it.

    Adds: ``group`` (the keys joined), ``role`` (``chosen``, ``agrees`` or ``conflicts``), ``rule``
    (for the chosen claim: ``single``, ``agree`` or the preference rule that decided), ``est_low`` /
    ``est_high`` (the group's estimate: the claims' common bounds, or the chosen claim narrowed by
    those that agree with it), ``est_value`` (the chosen claim's value) and ``grade`` (each claim
    against the chosen one; :func:`analysis.evidence.grading.grade_pair`).
    """
    if claims.empty:
        return claims.assign(group=0, role="", rule="", est_low=np.nan, est_high=np.nan, est_value=np.nan, grade="")
    c = pd.concat([claims, _preferences(claims)], axis=1)
    c["group"] = group_ids(c, keys)[0]
    ascending = [True] + [False] * (len(_PREF_COLUMNS) - 1) + [True]
    c = c.sort_values(["group", *_PREF_COLUMNS], ascending=ascending, kind="stable")
    g = c.groupby("group", sort=False)
    rank = g.cumcount()
    first = rank == 0
    common_low, common_high = g["low"].transform("max"), g["high"].transform("min")
    consistent = common_low <= common_high
    chosen_low = c["low"].where(first).groupby(c["group"]).transform("first")
    chosen_high = c["high"].where(first).groupby(c["group"]).transform("first")
    chosen_value = c["value"].where(first).groupby(c["group"]).transform("first")
    chosen_central = c["central"].where(first).groupby(c["group"]).transform("first")
    overlaps = (c["low"] <= chosen_high) & (chosen_low <= c["high"])
    narrow_low = c["low"].where(overlaps).groupby(c["group"]).transform("max")
    narrow_high = c["high"].where(overlaps).groupby(c["group"]).transform("min")
    narrowable = narrow_low <= narrow_high
    c["est_low"] = np.where(consistent, common_low, np.where(narrowable, narrow_low, chosen_low))
    c["est_high"] = np.where(consistent, common_high, np.where(narrowable, narrow_high, chosen_high))
    c["est_value"] = chosen_value
    c["role"] = np.where(first, "chosen", np.where(consistent | overlaps, "agrees", "conflicts"))
    # Which rule singled the chosen claim out: the first preference on which it beats the runner-up.
    size = g["claim_id"].transform("size")
    second = c[rank == 1].set_index("group")[_PREF_COLUMNS]
    top = c[first].set_index("group")[_PREF_COLUMNS]
    differs = (top != second.reindex(top.index)).fillna(True)
    decided = differs.idxmax(axis=1).str.removeprefix("_pref_")
    rule = pd.Series(np.where(size[first].to_numpy() == 1, "single", np.where(consistent[first].to_numpy(), "agree", decided.reindex(top.index).to_numpy())),
                     index=c.index[first])
    c["rule"] = rule.reindex(c.index).fillna("")
    c["grade"] = grade_pair(c["low"], c["high"], c["central"], chosen_low, chosen_high, chosen_central)
    return c.drop(columns=_PREF_COLUMNS)


def _join(s: pd.Series) -> str:
    return capped([x for part in s for x in str(part).split(", ") if x])


def yearly(claims: pd.DataFrame, series: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Best estimates per metric, scope and Iranian year; returns ``(estimates, year_claims)``.

    ``year_claims``: every full-year claim with its ``role``, ``rule`` and ``grade`` (:func:`choose`).
    ``estimates`` columns: ``metric, scope, jalali_year, value, low, high, basis`` (:data:`BASES`),
    ``rule`` (:data:`RULES`), ``chosen_claim``, ``claim_ids`` (chosen first), ``conflicting_claims``,
    ``derived_from`` (the multi-year claim a derived year comes from), ``floor_low`` / ``floor_claim``
    (the year's highest year-to-date count, which any full-year count must reach), ``floor_conflict``
    (a full-year estimate below that count: the audit lists it), ``figure_ids``,
    ``source_ids`` (of the chosen claim and those agreeing with it), ``year_days``.
    """
    keys = ["metric", "scope", "jalali_year"]
    fy = claims[(claims["period_kind"] == "full_year") & claims["metric"].isin(YEARLY_METRICS)].assign(jalali_year=lambda d: d["first_year"])
    year_claims = choose(fy, keys)
    kept = year_claims[year_claims["role"] != "conflicts"]
    est = (year_claims[year_claims["role"] == "chosen"][[*keys, "est_value", "est_low", "est_high", "rule", "claim_id", "year_days"]]
           .rename(columns={"est_value": "value", "est_low": "low", "est_high": "high", "claim_id": "chosen_claim"}))
    agg = year_claims.groupby(keys).agg(claim_ids=("claim_id", ", ".join))
    conflicting = year_claims[year_claims["role"] == "conflicts"].groupby(keys).agg(conflicting_claims=("claim_id", ", ".join))
    support = kept.groupby(keys).agg(figure_ids=("figure_ids", _join), source_ids=("source_ids", _join))
    est = est.merge(agg, on=keys).merge(support, on=keys).merge(conflicting, on=keys, how="left")
    est = est.assign(basis="full_year", derived_from="", conflicting_claims=est["conflicting_claims"].fillna(""))

    # Floors: each year's highest year-to-date count (before the year-end figure).
    ytd = series[(series["period_kind"] != "full_year") & series["metric"].isin(YEARLY_METRICS)]
    ytd = ytd.sort_values([*keys, "low", "claim_id"], ascending=[True, True, True, False, True], kind="stable").drop_duplicates(keys)
    floors = ytd[[*keys, "low", "value", "claim_id", "figure_ids", "source_ids", "year_days"]].rename(
        columns={"low": "floor_low", "value": "floor_value", "claim_id": "floor_claim"})

    derived = _total_less_years(claims, est)
    est = pd.concat([est, derived], ignore_index=True)
    est = est.merge(floors[[*keys, "floor_low", "floor_value", "floor_claim"]], on=keys, how="left")
    # A derived year below a count already reported for it: the count stands, as a floor.
    broken = (est["basis"] == "total_less_years") & (est["high"] < est["floor_low"])
    est.loc[broken, "conflicting_claims"] = est.loc[broken, "derived_from"]
    est.loc[broken, ["value", "low", "high"]] = est.loc[broken, ["floor_value", "floor_low"]].assign(high=np.inf).to_numpy()
    est.loc[broken, "chosen_claim"] = est.loc[broken, "floor_claim"]
    est.loc[broken, "claim_ids"] = est.loc[broken, "floor_claim"] + ", " + est.loc[broken, "derived_from"]
    est.loc[broken, "basis"] = "floor"
    est.loc[broken, "rule"] = "floor_over_total"
    floor_support = floors.set_index(keys)
    for col in ("figure_ids", "source_ids"):
        est.loc[broken, col] = est.loc[broken].set_index(keys).index.map(floor_support[col])
    est["floor_conflict"] = (est["basis"] == "full_year") & (est["high"] < est["floor_low"])
    est = est.drop(columns="floor_value")
    missing = floors.merge(est[keys], on=keys, how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"].drop(columns="_merge")
    floor_rows = missing.assign(value=missing["floor_value"], low=missing["floor_low"], high=np.inf, basis="floor", rule="single",
                                chosen_claim=missing["floor_claim"], claim_ids=missing["floor_claim"], conflicting_claims="", derived_from="")
    est = pd.concat([est, floor_rows.drop(columns=["floor_value"])], ignore_index=True)
    est["floor_claim"] = est["floor_claim"].fillna("")
    est["floor_conflict"] = est["floor_conflict"].fillna(False).astype(bool)
    est["jalali_year"] = est["jalali_year"].astype("Int64")
    est["year_days"] = est["year_days"].astype("Int64")
    cols = [*keys, "value", "low", "high", "basis", "rule", "chosen_claim", "claim_ids", "conflicting_claims", "derived_from",
            "floor_low", "floor_claim", "floor_conflict", "figure_ids", "source_ids", "year_days"]
    return est[cols].sort_values(keys, kind="stable").reset_index(drop=True), year_claims


def _total_less_years(claims: pd.DataFrame, est: pd.DataFrame) -> pd.DataFrame:
    """Years derived from a multi-year total less its other years' full-year estimates."""
    keys = ["metric", "scope", "jalali_year"]
    multi = claims[(claims["period_kind"] == "multi_year") & claims["metric"].isin(YEARLY_METRICS)]
    if multi.empty:
        return est.iloc[0:0]
    n = (multi["last_year"] - multi["first_year"] + 1).astype(int)
    years = multi.loc[multi.index.repeat(n)].copy()
    years["jalali_year"] = (years["first_year"] + years.groupby(level=0).cumcount()).astype("Int64")
    m = years.merge(est[[*keys, "value", "low", "high", "figure_ids", "source_ids"]], on=keys, how="left", suffixes=("", "_y"))
    m["known"] = m["value_y"].notna()
    per = m.groupby("claim_id")
    missing = per["known"].transform(lambda s: int((~s).sum()))
    m = m[missing == 1]
    if m.empty:
        return est.iloc[0:0]
    sums = m.groupby("claim_id").agg(sum_value=("value_y", "sum"), sum_low=("low_y", "sum"), sum_high=("high_y", "sum"),
                                     other_figures=("figure_ids_y", lambda s: _join(s.dropna())),
                                     other_sources=("source_ids_y", lambda s: _join(s.dropna())))
    target = m[~m["known"]].set_index("claim_id")
    t = target.join(sums)
    out = pd.DataFrame({
        "metric": t["metric"], "scope": t["scope"], "jalali_year": t["jalali_year"],
        "value": t["value"] - t["sum_value"], "low": (t["low"] - t["sum_high"]).clip(lower=0), "high": t["high"] - t["sum_low"],
        "rule": "single", "chosen_claim": t.index, "claim_ids": t.index, "conflicting_claims": "",
        "figure_ids": join_lists(t["figure_ids"], t["other_figures"]),
        "source_ids": join_lists(t["source_ids"], t["other_sources"]),
        "basis": "total_less_years", "derived_from": t.index,
    }).reset_index(drop=True)
    out["year_days"] = out["jalali_year"].map(lambda y: 366 if _leap(int(y)) else 365)
    # Two totals deriving the same year: keep the narrower.
    out = out.assign(_w=out["high"] - out["low"]).sort_values([*keys, "_w", "chosen_claim"], kind="stable")
    return out.drop_duplicates(keys).drop(columns="_w")


def _leap(year: int) -> bool:
    from .. import calendar

    return calendar.is_leap(year)


def headline(estimates: pd.DataFrame, metric: str = "units_revived") -> pd.DataFrame:
    """One estimate per Iranian year for the headline series: the first scope of
    :data:`~analysis.assumptions.HEADLINE_SCOPES` with a full-year or derived-total estimate, or else
    the first with a floor. Adds ``scope_rank`` and ``headline_scope`` (the scope shown)."""
    e = estimates[(estimates["metric"] == metric) & estimates["scope"].isin(HEADLINE_SCOPES)].copy()
    if e.empty:
        return e.assign(headline_scope="")
    e["scope_rank"] = e["scope"].map({s: i for i, s in enumerate(HEADLINE_SCOPES)})
    e["basis_rank"] = (e["basis"] == "floor").astype(int)
    e = e.sort_values(["jalali_year", "basis_rank", "scope_rank"], kind="stable").drop_duplicates("jalali_year")
    return e.drop(columns=["basis_rank"]).assign(headline_scope=e["scope"]).reset_index(drop=True)
