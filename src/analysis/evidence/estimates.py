"""Best estimates: one number per metric, scope and period, chosen by a rule stated once.

In: claims (:mod:`analysis.evidence.claims`), the year-to-date series, the target paths and the
figures. Out:

- :func:`choose` marks, within groups of claims about the same quantity, which claim is the best
  estimate (``role`` ``chosen``), which agree with it and which conflict, with the rule that decided;
- :func:`yearly` returns one row per metric, scope and Iranian year: the **best estimate** with its
  bounds and basis, and every claim behind it, and the table of what it weighed;
- :func:`headline` picks, per year, the scope the headline series shows.

The rule (README, "One best estimate"): claims whose bounds share a common part are consistent and
**narrow each other** (the estimate is that common part). When they conflict, the first rule of
:data:`analysis.assumptions.PREFERENCE_ORDER` that singles out one claim picks it (an exact count from
ISIPO outranks a round figure; a result equal to a target of its year is weaker evidence); claims that
agree with it narrow it; the others stay apart, listed as conflicting, and the audit grades them.
Then the evidence beyond the year's own full-year claims is weighed:

- its **counts to date** (:mod:`analysis.evidence.derived`): a year no report counts in full is
  derived from a multi-year total less the other years, tested on both sides against its counts and
  the fastest plausible pace (a derived year that conflicts with a count of its own year gives way to
  the counts' range), or else from its counts alone;
- its **parts** (:mod:`analysis.evidence.nesting`): a part's estimate bounds its whole from below.

Derived rows say so in ``basis`` (:data:`BASES`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import HEADLINE_SCOPES, PREFERENCE_ORDER
from ..bounds import generous_columns
from .grading import grade_pair
from .keys import capped, group_ids, typed

#: Metrics that get yearly best estimates: counts and sums over a period.
YEARLY_METRICS: tuple[str, ...] = ("units_revived", "jobs_created", "capacity_raised_units", "capacity_raised_jobs",
                                   "financing_rials")

#: How an estimate was reached (``basis``); in words: the catalogue's ``basis.<code>``.
BASES: tuple[str, ...] = ("full_year", "total_less_years", "count_and_pace", "floor", "part_floor")

#: Bases that estimate a whole year with both bounds: years that can be compared, ranked and scored.
WHOLE_YEAR_BASES: tuple[str, ...] = ("full_year", "total_less_years", "count_and_pace")

#: How the chosen claim was chosen (``rule``), besides the preference order's own rules; in words: the
#: catalogue's ``choice.<code>``.
RULES: tuple[str, ...] = ("single", "agree", "floor_over_total", "total_conflicts_with_counts", "part_floor", "part_over_whole",
                          *(name for name, _ in PREFERENCE_ORDER))

_PREF_COLUMNS = [f"_pref_{name}" for name, _ in PREFERENCE_ORDER]

#: The columns :func:`choose` adds to the claims it is given.
CHOSEN: dict[str, str] = {"group": "int64", "est_low": "float64", "est_high": "float64", "est_value": "float64", "role": "str",
                          "rule": "str", "grade": "str"}

#: The estimates' columns (:func:`yearly`).
ESTIMATES: dict[str, str] = {
    "metric": "str", "scope": "str", "jalali_year": "Int64", "value": "float64", "low": "float64", "high": "float64", "basis": "str",
    "rule": "str", "chosen_claim": "str", "claim_ids": "str", "conflicting_claims": "str", "conflicting_figures": "str",
    "derived_from": "str", "floor_low": "float64", "floor_claim": "str", "ceiling_high": "float64", "ceiling_claim": "str",
    "floor_conflict": "bool", "part_floor": "float64", "part_claim": "str", "part_scope": "str", "gen_low": "float64",
    "gen_high": "float64", "figure_ids": "str", "source_ids": "str", "year_days": "Int64"}

#: The weighed table's columns (:func:`weighed`).
WEIGHED: dict[str, str] = {"metric": "str", "scope": "str", "jalali_year": "Int64", "claim_id": "str", "role": "str", "claim_scope": "str",
                           "value": "float64", "qualifiers": "str", "low": "float64", "high": "float64", "keeper_exact": "bool",
                           "target_echo": "bool"}


def _preferences(c: pd.DataFrame) -> pd.DataFrame:
    """One sortable column per preference rule (larger is preferred; the last is the claim id)."""
    out = pd.DataFrame(index=c.index)
    out["_pref_after_period_end"] = (c["first_published_earliest"] > c["end"]).astype(int)
    out["_pref_bounded"] = (np.isfinite(c["low"]) & np.isfinite(c["high"])).astype(int)
    out["_pref_keeper_exact"] = c["keeper_exact"].astype(int) if "keeper_exact" in c else 0
    out["_pref_not_target"] = (~c["target_echo"].astype(bool)).astype(int) if "target_echo" in c else 1
    out["_pref_most_sources"] = c["n_sources"].astype(int)
    out["_pref_latest_report"] = c["first_published_latest"].astype("int64")
    out["_pref_narrowest"] = -(c["high"] - c["low"]).replace(np.inf, 1e300)
    out["_pref_first_listed"] = c["claim_id"]
    return out


def choose(claims: pd.DataFrame, keys: list[str], place: list[str] = ()) -> pd.DataFrame:
    """Within each group of ``keys``, the chosen claim and how the others stand to it.

    Adds: ``group`` (the keys joined), ``role`` (``chosen``, ``agrees`` or ``conflicts``), ``rule``
    (for the chosen claim: ``single``, ``agree`` or the preference rule that decided), ``est_low`` /
    ``est_high`` (the group's estimate: the claims' common bounds, or the chosen claim narrowed by
    those that agree with it), ``est_value`` (the chosen claim's value) and ``grade`` (each claim
    against the chosen one; :func:`analysis.evidence.grading.grade_pair`). ``place``: columns already in
    ``keys`` that name a place, where several places' claims are chosen among at once (:func:`yearly`).
    """
    columns = {**claims.dtypes.to_dict(), **CHOSEN}  # the same columns and dtypes with rows or without
    if claims.empty:
        return typed(claims, columns)
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
    return typed(c, columns)


def _join(s: pd.Series) -> str:
    return capped([x for part in s for x in str(part).split(", ") if x])


def yearly(claims: pd.DataFrame, series: pd.DataFrame, targets: pd.DataFrame | None = None,
           figures: pd.DataFrame | None = None, place: list[str] = ()) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Best estimates per metric, scope and Iranian year; returns ``(estimates, year_claims, weighed)``.

    ``year_claims``: every full-year claim with its ``role``, ``rule`` and ``grade`` (:func:`choose`) and
    ``target_echo`` (its value equals a target of its year). ``estimates`` columns: ``metric, scope,
    jalali_year, value, low, high, basis`` (:data:`BASES`), ``rule`` (:data:`RULES`), ``chosen_claim``,
    ``claim_ids`` (chosen first), ``conflicting_claims``, ``conflicting_figures`` (figures whose own
    wording conflicts where a claim's other wordings agree), ``derived_from`` (the multi-year claim a
    derived year comes from), ``floor_low`` / ``floor_claim`` (the year's highest count to date, which
    any full-year count must reach), ``ceiling_high`` / ``ceiling_claim`` (what the year's last count
    allows at the fastest plausible pace, where it is near the year's end), ``floor_conflict`` (a
    full-year estimate below that count: the audit lists it), ``part_floor`` / ``part_claim`` /
    ``part_scope`` (the part that bounds it from below, where it does), ``figure_ids``, ``source_ids``
    (of the claims it rests on), ``year_days``. ``weighed``: :func:`weighed`.

    ``place`` (``["province"]``): the inputs hold several places' rows, each with that column, and every
    group, join and dedupe keys by it too, so each place's rows come out as that place alone would give
    them (the tables then start with that column; :mod:`.places` splits them).
    """
    from . import derived, nesting
    from .targets import echoes

    place = list(place)
    keys = [*place, "metric", "scope", "jalali_year"]
    fy = claims[(claims["period_kind"] == "full_year") & claims["metric"].isin(YEARLY_METRICS)].assign(jalali_year=lambda d: d["first_year"])
    fy = fy.assign(target_echo=echoes(fy, targets, place) != "" if targets is not None else False)
    year_claims = choose(fy, keys, place)
    # Its rows keep the claims' row labels, as a plain integer index (pandas would make a range of them only
    # where the labels happen to run evenly).
    year_claims = year_claims.set_axis(pd.Index(year_claims.index.to_numpy(dtype="int64")))
    kept = year_claims[year_claims["role"] != "conflicts"]
    est = (year_claims[year_claims["role"] == "chosen"][[*keys, "est_value", "est_low", "est_high", "rule", "claim_id", "year_days"]]
           .rename(columns={"est_value": "value", "est_low": "low", "est_high": "high", "claim_id": "chosen_claim"}))
    agg = year_claims.groupby(keys).agg(claim_ids=("claim_id", ", ".join))
    conflicting = year_claims[year_claims["role"] == "conflicts"].groupby(keys).agg(conflicting_claims=("claim_id", ", ".join))
    support = kept.groupby(keys).agg(figure_ids=("figure_ids", _join), source_ids=("source_ids", _join))
    est = est.merge(agg, on=keys).merge(support, on=keys).merge(conflicting, on=keys, how="left")
    est = est.assign(basis="full_year", derived_from="", conflicting_claims=est["conflicting_claims"].fillna(""))
    est = typed(est, {**derived.KEY_TYPES, **derived.ESTIMATED}, place)

    counts = derived.count_bounds(series, YEARLY_METRICS, place)
    est = derived.settle(est, derived.totals_less_years(claims, est, YEARLY_METRICS, place), counts, place)
    if figures is not None:
        est = nesting.part_floors(est, year_claims, figures, claims, place)
    for col, empty in (("floor_claim", ""), ("ceiling_claim", ""), ("part_claim", ""), ("part_scope", ""), ("conflicting_figures", "")):
        est[col] = est[col].fillna(empty) if col in est else empty
    for col in ("part_floor",):
        if col not in est:
            est[col] = np.nan
    est["floor_conflict"] = est["floor_conflict"].fillna(False).astype(bool)
    for col in ("value", "low", "high", "floor_low", "ceiling_high", "part_floor"):
        est[col] = est[col].astype(float)
    est["ceiling_high"] = est["ceiling_high"].fillna(np.inf)
    est["gen_low"], est["gen_high"] = _generous(est, year_claims, keys)
    est["jalali_year"] = est["jalali_year"].astype("Int64")
    est["year_days"] = est["year_days"].astype("Int64")
    est = typed(est, ESTIMATES, place).sort_values(keys, kind="stable").reset_index(drop=True)
    return est, year_claims, weighed(est, year_claims, claims, place)


def _generous(est: pd.DataFrame, year_claims: pd.DataFrame, keys: list[str]) -> tuple[pd.Series, pd.Series]:
    """Each estimate in the audit's most generous reading: its bounds widened by a rounding step, and
    every wording of every claim of its year (conflicting ones too); a part's floor still holds (scopes
    nest by definition, not by reading)."""
    none = pd.Series(False, index=est.index)
    low, high = generous_columns(est["value"], est["low"], est["high"], none, none)
    hull = year_claims.groupby(keys).agg(_gl=("gen_low", "min"), _gh=("gen_high", "max"))
    h = est[keys].join(hull, on=keys)
    low, high = np.fmin(low, h["_gl"]), np.fmax(high, h["_gh"])
    part = est["part_floor"].astype(float)
    part_low, _ = generous_columns(part.fillna(0.0), part.fillna(0.0), part.fillna(0.0), none, none)
    return pd.Series(np.fmax(low, part_low.where(part.notna())), index=est.index), pd.Series(high, index=est.index)


#: What a claim was to a year's estimate (the ``weighed`` table's ``role``), in the order the table lists
#: them; in words: the catalogue's ``weighed_role.<role>``.
WEIGHED_ROLES: tuple[str, ...] = ("chosen", "agrees", "conflicts", "wording_agrees", "derived_from", "total_conflicts", "count_floor",
                                  "count_ceiling", "part_floor")


def weighed(est: pd.DataFrame, year_claims: pd.DataFrame, claims: pd.DataFrame, place: list[str] = ()) -> pd.DataFrame:
    """Every claim each year's estimate weighed, one row each: ``metric, scope, jalali_year, claim_id,
    role`` (:data:`WEIGHED_ROLES`), and the claim's ``claim_scope``, ``value``, ``qualifiers``, ``low``,
    ``high``, ``target_echo`` and ``keeper_exact``, so a reader sees what the rule chose between.
    ``place``: as for :func:`yearly`."""
    keys = [*place, "metric", "scope", "jalali_year"]
    rows = [year_claims[[*keys, "claim_id", "role"]]]
    for col, role in (("floor_claim", "count_floor"), ("ceiling_claim", "count_ceiling"), ("part_claim", "part_floor")):
        r = est.loc[est[col] != "", [*keys, col]].rename(columns={col: "claim_id"}).assign(role=role)
        rows.append(r)
    total = est.loc[est["derived_from"] != "", [*keys, "derived_from", "conflicting_claims"]]
    rows.append(total.rename(columns={"derived_from": "claim_id"}).assign(
        role=np.where(total["conflicting_claims"] == total["derived_from"], "total_conflicts", "derived_from"))[[*keys, "claim_id", "role"]])
    # Where a part's count re-weighed a whole's claims wording by wording, say which stood.
    rew = est.loc[est["rule"] == "part_over_whole", [*keys, "conflicting_claims"]]
    if len(rew):
        yc = rows[0].merge(rew, on=keys, how="left")
        redo = yc["conflicting_claims"].notna()
        out = [c in str(cc).split(", ") for c, cc in zip(yc["claim_id"], yc["conflicting_claims"].fillna(""))]
        rows[0] = yc.assign(role=np.where(redo, np.where(out, "conflicts", "wording_agrees"), yc["role"]))[[*keys, "claim_id", "role"]]
    w = pd.concat(rows, ignore_index=True).drop_duplicates([*keys, "claim_id"])
    info = claims.set_index("claim_id")[["scope", "value", "qualifiers", "low", "high", "keeper_exact"]].rename(columns={"scope": "claim_scope"})
    w = w.join(info, on="claim_id")
    echoed = set(year_claims.loc[year_claims["target_echo"].astype(bool), "claim_id"]) if "target_echo" in year_claims else set()
    w["target_echo"] = w["claim_id"].isin(echoed)
    w["jalali_year"] = w["jalali_year"].astype("Int64")
    order = {r: i for i, r in enumerate(WEIGHED_ROLES)}
    w = w.assign(_o=w["role"].map(order)).sort_values([*keys, "_o", "claim_id"], kind="stable").reset_index(drop=True)
    return typed(w, WEIGHED, list(place))


def headline(estimates: pd.DataFrame, metric: str = "units_revived") -> pd.DataFrame:
    """One estimate per Iranian year for the headline series: the first scope of
    :data:`~analysis.assumptions.HEADLINE_SCOPES` with an estimate of the whole year
    (:data:`WHOLE_YEAR_BASES`), or else the first with a floor. Adds ``scope_rank`` and ``headline_scope`` (the scope shown)."""
    e = estimates[(estimates["metric"] == metric) & estimates["scope"].isin(HEADLINE_SCOPES)].copy()
    e["scope_rank"] = e["scope"].map({s: i for i, s in enumerate(HEADLINE_SCOPES)})
    e["basis_rank"] = (~e["basis"].isin(WHOLE_YEAR_BASES)).astype(int)
    e = e.sort_values(["jalali_year", "basis_rank", "scope_rank"], kind="stable").drop_duplicates("jalali_year")
    return typed(e.assign(headline_scope=e["scope"]).reset_index(drop=True), {**ESTIMATES, "scope_rank": "int64", "headline_scope": "str"})
