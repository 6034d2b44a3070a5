"""Years no report counts in full, derived from what the ledger holds, and every year's counts to date.

In: claims, the year-to-date series and the full-year estimates of :mod:`analysis.evidence.estimates`.
Out:

- :func:`count_bounds`: per metric, scope and Iranian year, what the year's own counts to date say of
  its total: at least the highest (``floor_*``), and, when the last count falls within
  :data:`~analysis.assumptions.MAX_PACE_GAP_DAYS` of the year's end, at most that count plus the rest
  of the year at the fastest plausible pace (``ceiling_*``; :func:`analysis.evidence.series.bounds_at`),
  with a central value at the count's own pace (``paced_value``);
- :func:`totals_less_years`: years derived from a multi-year total less its other years' estimates;
- :func:`settle`: both sides of every derived year tested against its counts: a derived range that
  meets the counts' range is narrowed to the common part; one that conflicts with a count of its own
  year gives way to the counts' range (``count_and_pace``, or an open ``floor`` when no ceiling exists)
  and is listed as conflicting; a year with counts to date only is a ``count_and_pace`` estimate when
  its last count is near the year's end, else a ``floor``.

A count flagged as an outlier (its jobs per unit is implausible) is never a floor or a ceiling.

Each function takes ``place`` (``["province"]`` where the inputs hold several places' rows, each with that
column): it then keys every group, join and dedupe by place too, and the rows of each place come out as
that place alone gives them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import calendar
from .keys import capped, join_lists, typed
from .series import bounds_at, own_pace

KEYS: list[str] = ["metric", "scope", "jalali_year"]

#: Every yearly estimate's columns (after :data:`KEYS`) before counts and parts are set against it: the
#: full-year estimates of :func:`analysis.evidence.estimates.yearly` and the years :func:`totals_less_years` derives.
ESTIMATED: dict[str, str] = {"value": "float64", "low": "float64", "high": "float64", "rule": "str", "chosen_claim": "str",
                             "year_days": "Int64", "claim_ids": "str", "figure_ids": "str", "source_ids": "str",
                             "conflicting_claims": "str", "basis": "str", "derived_from": "str"}

#: :func:`count_bounds`' columns (after :data:`KEYS`).
COUNTED: dict[str, str] = {"floor_low": "float64", "floor_value": "float64", "floor_claim": "str", "ceiling_high": "float64",
                           "ceiling_claim": "str", "paced_value": "float64", "figure_ids": "str", "source_ids": "str", "year_days": "int64"}

#: :func:`settle`'s columns (after :data:`KEYS`).
SETTLED: dict[str, str] = {**ESTIMATED, "floor_low": "float64", "floor_claim": "str", "ceiling_high": "float64", "ceiling_claim": "str",
                           "floor_conflict": "bool"}

#: The keys' dtypes.
KEY_TYPES: dict[str, str] = {"metric": "str", "scope": "str", "jalali_year": "Int64"}


def count_bounds(series: pd.DataFrame, metrics: tuple[str, ...], place: list[str] = ()) -> pd.DataFrame:
    """What each year's counts to date say of its total (see the module docstring).

    Columns: the keys, ``floor_low``, ``floor_value``, ``floor_claim`` (the highest count), ``ceiling_high``
    and ``ceiling_claim`` (inf and '' where the last count is too far from the year's end), ``paced_value``
    (the last count plus the remaining days at its own pace), ``figure_ids``/``source_ids`` (the floor's
    and the ceiling's), ``year_days``.
    """
    place = list(place)
    keys = [*place, *KEYS]
    ytd = series[(series["period_kind"] != "full_year") & series["metric"].isin(metrics)]
    if "outlier" in ytd:
        ytd = ytd[~ytd["outlier"].astype(bool)]
    if ytd.empty:
        return typed(ytd.iloc[0:0], {**KEY_TYPES, **COUNTED}, place)
    top = ytd.sort_values([*keys, "low", "claim_id"], ascending=[True] * len(keys) + [False, True], kind="stable").drop_duplicates(keys)
    years = top[keys].reset_index(drop=True)
    ends = calendar.year_bounds_columns(years["jalali_year"])
    q = years.assign(qid=years.index, date_earliest=ends["year_end"], date_latest=ends["year_end"])
    at_end = bounds_at(ytd, q, pace=True, place=place).set_index("qid").reindex(years.index)
    last = ytd.sort_values([*keys, "end_latest", "claim_id"], kind="stable").drop_duplicates(keys, keep="last")
    last = years.merge(last, on=keys, how="left")
    remaining = (ends["year_end"] - last["end_earliest"]).dt.days.astype(float)
    paced = last["value"] + own_pace(last, generous=False) * remaining
    out = years.copy()
    out["floor_low"] = top["low"].to_numpy()
    out["floor_value"] = top["value"].to_numpy()
    out["floor_claim"] = top["claim_id"].to_numpy()
    finite = at_end["high_paced"].to_numpy() & np.isfinite(at_end["high"].to_numpy())
    out["ceiling_high"] = np.where(finite, at_end["high"], np.inf)
    out["ceiling_claim"] = np.where(finite, at_end["high_claim"], "")
    out["paced_value"] = np.where(finite, np.clip(paced, out["floor_low"], out["ceiling_high"]), np.nan)
    by_claim = ytd.drop_duplicates("claim_id").set_index("claim_id")
    ceiling_ids = pd.Series(out["ceiling_claim"]).where(finite, "")
    out["figure_ids"] = join_lists(out["floor_claim"].map(by_claim["figure_ids"]),
                                   ceiling_ids.map(by_claim["figure_ids"]).fillna("")).to_numpy()
    out["source_ids"] = join_lists(out["floor_claim"].map(by_claim["source_ids"]),
                                   ceiling_ids.map(by_claim["source_ids"]).fillna("")).to_numpy()
    out["year_days"] = ends["year_length"].to_numpy()
    return typed(out, {**KEY_TYPES, **COUNTED}, place)


def totals_less_years(claims: pd.DataFrame, est: pd.DataFrame, metrics: tuple[str, ...], place: list[str] = ()) -> pd.DataFrame:
    """Years derived from a multi-year total less its other years' full-year estimates (one year missing)."""
    place = list(place)
    keys = [*place, *KEYS]
    multi = claims[(claims["period_kind"] == "multi_year") & claims["metric"].isin(metrics)]
    if multi.empty:
        return typed(est.iloc[0:0], {**KEY_TYPES, **ESTIMATED}, place)
    n = (multi["last_year"] - multi["first_year"] + 1).astype(int)
    years = multi.loc[multi.index.repeat(n)].copy()
    years["jalali_year"] = (years["first_year"] + years.groupby(level=0).cumcount()).astype("Int64")
    m = years.merge(est[[*keys, "value", "low", "high", "figure_ids", "source_ids"]], on=keys, how="left", suffixes=("", "_y"))
    m["known"] = m["value_y"].notna()
    missing = m.groupby("claim_id")["known"].transform(lambda s: int((~s).sum()))
    m = m[missing == 1]
    if m.empty:
        return typed(est.iloc[0:0], {**KEY_TYPES, **ESTIMATED}, place)
    sums = m.groupby("claim_id").agg(sum_value=("value_y", "sum"), sum_low=("low_y", "sum"), sum_high=("high_y", "sum"),
                                     other_figures=("figure_ids_y", lambda s: _join(s.dropna())),
                                     other_sources=("source_ids_y", lambda s: _join(s.dropna())))
    t = m[~m["known"]].set_index("claim_id").join(sums)
    out = pd.DataFrame({
        **{c: t[c] for c in place}, "metric": t["metric"], "scope": t["scope"], "jalali_year": t["jalali_year"],
        "value": t["value"] - t["sum_value"], "low": (t["low"] - t["sum_high"]).clip(lower=0), "high": t["high"] - t["sum_low"],
        "rule": "single", "chosen_claim": t.index, "claim_ids": t.index, "conflicting_claims": "",
        "figure_ids": join_lists(t["figure_ids"], t["other_figures"]),
        "source_ids": join_lists(t["source_ids"], t["other_sources"]),
        "basis": "total_less_years", "derived_from": t.index,
    }).reset_index(drop=True)
    out["year_days"] = calendar.year_bounds_columns(out["jalali_year"])["year_length"].to_numpy()
    # Two totals deriving the same year: keep the narrower.
    out = out.assign(_w=out["high"] - out["low"]).sort_values([*keys, "_w", "chosen_claim"], kind="stable")
    return typed(out.drop_duplicates(keys), {**KEY_TYPES, **ESTIMATED}, place)


def settle(est: pd.DataFrame, derived: pd.DataFrame, counts: pd.DataFrame, place: list[str] = ()) -> pd.DataFrame:
    """Full-year and derived estimates set against each year's counts to date (see the module docstring).

    Adds ``floor_low``, ``floor_claim``, ``ceiling_high``, ``ceiling_claim`` and ``floor_conflict`` (a
    full-year estimate below a count already reported for its year: the audit lists it); adds the
    years only counts to date speak for.
    """
    place = list(place)
    keys = [*place, *KEYS]
    est = pd.concat([est, derived], ignore_index=True)
    c = counts.drop(columns=["figure_ids", "source_ids", "year_days"])
    est = est.merge(c, on=keys, how="left")
    for col in ("low", "high", "value", "floor_low", "floor_value", "ceiling_high", "paced_value"):
        est[col] = est[col].astype(float)
    est["ceiling_high"] = est["ceiling_high"].fillna(np.inf)
    est["ceiling_claim"] = est["ceiling_claim"].fillna("").astype("str")
    est["floor_claim"] = est["floor_claim"].fillna("").astype("str")
    d = est["basis"] == "total_less_years"
    lo = np.maximum(est["low"], est["floor_low"].fillna(-np.inf))
    hi = np.minimum(est["high"], est["ceiling_high"])
    meets = d & (lo <= hi)
    est.loc[meets, "value"] = est.loc[meets, "value"].clip(lo[meets], hi[meets])
    est.loc[meets, "low"], est.loc[meets, "high"] = lo[meets], hi[meets]
    # A derived year that conflicts with a count of its own year gives way to the counts' range.
    broken = d & ~meets
    support = counts.set_index(keys)
    paced = broken & np.isfinite(est["ceiling_high"])
    est.loc[broken, "conflicting_claims"] = est.loc[broken, "derived_from"]
    est.loc[broken, "claim_ids"] = est.loc[broken, "floor_claim"] + ", " + est.loc[broken, "derived_from"]
    est.loc[broken, "chosen_claim"] = est.loc[broken, "floor_claim"]
    est.loc[paced, ["value", "low", "high"]] = est.loc[paced, ["paced_value", "floor_low", "ceiling_high"]].to_numpy()
    est.loc[paced, ["basis", "rule"]] = ["count_and_pace", "total_conflicts_with_counts"]
    open_ = broken & ~paced
    est.loc[open_, ["value", "low"]] = est.loc[open_, ["floor_value", "floor_low"]].to_numpy()
    est.loc[open_, "high"] = np.inf
    est.loc[open_, ["basis", "rule"]] = ["floor", "floor_over_total"]
    for col in ("figure_ids", "source_ids"):
        est.loc[broken, col] = est.loc[broken].set_index(keys).index.map(support[col])
    est["floor_conflict"] = (est["basis"] == "full_year") & (est["high"] < est["floor_low"])
    # Years only counts to date speak for.
    missing = counts.merge(est[keys], on=keys, how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"].drop(columns="_merge")
    near = np.isfinite(missing["ceiling_high"].astype(float))
    rows = missing.assign(
        value=np.where(near, missing["paced_value"], missing["floor_value"]), low=missing["floor_low"],
        high=np.where(near, missing["ceiling_high"], np.inf), basis=np.where(near, "count_and_pace", "floor"), rule="single",
        chosen_claim=missing["floor_claim"], claim_ids=_pair(missing["floor_claim"], missing["ceiling_claim"]),
        conflicting_claims="", derived_from="", floor_conflict=False)
    est = pd.concat([est, rows], ignore_index=True)
    for col in ("value", "low", "high", "floor_low", "ceiling_high"):
        est[col] = est[col].astype(float)
    return typed(est, {**KEY_TYPES, **SETTLED}, place)


def _pair(a: pd.Series, b: pd.Series) -> pd.Series:
    return pd.Series([capped([x, y]) for x, y in zip(a.fillna(""), b.fillna(""))], index=a.index, dtype="str")


def _join(s: pd.Series) -> str:
    return capped([x for part in s for x in str(part).split(", ") if x])
