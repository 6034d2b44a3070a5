"""Scopes that nest: a part's count bounds its whole's from below.

In: the yearly estimates (after :func:`analysis.evidence.derived.settle`), the full-year claims with
their roles, and the figures with their claims. Out: :func:`part_floors` returns the estimates with
each whole scope's estimate (``data/scopes.tsv``: industrial parks, outside parks and the SME plan are
part of national) raised to at least the highest estimate of its parts for the same metric and year:

- a whole already at or above the part's floor is unchanged;
- a whole whose range reaches the floor is narrowed to start there (its central value too, when it
  lay below: the estimate then sits at the edge of its range, and ``rule`` says why);
- a whole whose range lies below the floor conflicts with the part. Its claims are re-weighed wording by
  wording: a wording that reaches the floor ("over 1,500" beside a part's exact 1,557) agrees, one that
  does not ("1,500", read as 1,450 .. 1,550) conflicts; the estimate starts at the floor and is
  bounded above by the agreeing wordings (no bound when none is bounded). ``conflicting_figures``
  names the figures whose wording conflicts;
- a whole with no estimate of its own but counts in the year (to date, or flagged as outliers) gets
  the floor as an open estimate (``part_floor``).

Columns added: ``part_floor``, ``part_claim``, ``part_scope`` (the part that bounds it, where it
bounds), ``conflicting_figures``. Provinces never enter here: a province is not a part of a scope. Where
several provinces' estimates are set at once (``place=["province"]``, each input with that column), every
join and group keys by province too, so a part bounds only its own province's whole.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .derived import KEY_TYPES, SETTLED
from .keys import typed
from .readings import part_of

KEYS: list[str] = ["metric", "scope", "jalali_year"]

#: :func:`floors`' columns (after the place columns).
FLOORS: dict[str, str] = {"metric": "str", "whole": "str", "jalali_year": "Int64", "part_floor": "float64", "part_claim": "str",
                          "part_scope": "str", "part_figures": "str", "part_sources": "str"}

#: :func:`part_floors`' columns (after :data:`KEYS`): the settled estimates' and the part that bounds each.
PARTS: dict[str, str] = {**SETTLED, "part_floor": "float64", "part_claim": "str", "part_scope": "str", "conflicting_figures": "str"}


def floors(est: pd.DataFrame, place: list[str] = ()) -> pd.DataFrame:
    """Per whole scope, metric and year, the highest lower bound among its parts' estimates."""
    place = list(place)
    parts = part_of()
    e = est[est["scope"].isin(list(parts)) & np.isfinite(est["low"])].assign(whole=lambda d: d["scope"].map(parts))
    keys = [*place, "metric", "whole", "jalali_year"]
    top = e.sort_values([*keys, "low", "chosen_claim"], ascending=[True] * len(keys) + [False, True], kind="stable")
    top = top.drop_duplicates(keys)
    return typed(top.rename(columns={"low": "part_floor", "chosen_claim": "part_claim", "scope": "part_scope", "figure_ids": "part_figures",
                                     "source_ids": "part_sources"}), FLOORS, place)


def part_floors(est: pd.DataFrame, year_claims: pd.DataFrame, figures: pd.DataFrame, claims: pd.DataFrame,
                place: list[str] = ()) -> pd.DataFrame:
    """The estimates with their parts' floors applied (see the module docstring)."""
    place = list(place)
    keys = [*place, *KEYS]
    pf = floors(est, place).rename(columns={"whole": "scope"})
    out = est.merge(pf, on=keys, how="left")
    for col in ("value", "low", "high", "part_floor"):
        out[col] = out[col].astype(float)
    out["conflicting_figures"] = ""
    has = out["part_floor"].notna()
    below = has & (out["low"] < out["part_floor"])
    reach = below & (out["high"] >= out["part_floor"])
    out["value"] = np.where(reach, np.fmax(out["value"], out["part_floor"]), out["value"])
    out["low"] = np.where(reach, out["part_floor"], out["low"])
    out["rule"] = np.where(reach, "part_floor", out["rule"])
    apart = below & ~reach
    if apart.any():
        out = _reweigh(out, apart, year_claims, figures, keys)
    # Only the parts that bound their whole stay named.
    for col in ("part_floor", "part_claim", "part_scope", "part_figures", "part_sources"):
        out[col] = out[col].where(below)
    for col, src in (("figure_ids", "part_figures"), ("source_ids", "part_sources")):
        out[col] = _join(out[col], out[src].fillna("")).where(below, out[col])
    out = pd.concat([out, _new_floors(out, pf, claims, place)], ignore_index=True)
    out["part_claim"] = out["part_claim"].fillna("")
    out["part_scope"] = out["part_scope"].fillna("")
    return typed(out, {**KEY_TYPES, **PARTS}, place)


def _reweigh(out: pd.DataFrame, apart: pd.Series, year_claims: pd.DataFrame, figures: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Wholes below their part's floor: each claim's wordings weighed against the floor."""
    w = out.loc[apart, [*keys, "part_floor"]]
    yc = year_claims[[*keys, "claim_id"]].merge(w, on=keys)
    f = figures[["figure_id", "claim_id", "high"]].merge(yc, on="claim_id")
    f["agrees"] = f["high"] >= f["part_floor"]
    g = f.groupby(keys)
    high = f[f["agrees"]].groupby(keys)["high"].min()
    conflicting = f[~f["agrees"]].groupby(keys)["figure_id"].agg(", ".join)
    agreeing = f[f["agrees"]].groupby(keys)["claim_id"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    every = g["claim_id"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    idx = out.loc[apart].set_index(keys).index
    out.loc[apart, "high"] = high.reindex(idx).fillna(np.inf).to_numpy()
    out.loc[apart, "low"] = out.loc[apart, "part_floor"]
    out.loc[apart, "value"] = out.loc[apart, "part_floor"]
    out.loc[apart, "conflicting_figures"] = conflicting.reindex(idx).fillna("").to_numpy()
    agree = agreeing.reindex(idx).fillna("").to_numpy()
    out.loc[apart, "conflicting_claims"] = [", ".join(c for c in e.split(", ") if c and c not in a.split(", "))
                                            for e, a in zip(every.reindex(idx).fillna("").to_numpy(), agree)]
    out.loc[apart, "rule"] = "part_over_whole"
    return out


def _new_floors(out: pd.DataFrame, pf: pd.DataFrame, claims: pd.DataFrame, place: list[str]) -> pd.DataFrame:
    """Open estimates for wholes with counts in a year but no estimate of their own (their only counts
    flagged as outliers, say)."""
    keys = [*place, *KEYS]
    counted = claims[claims["cumulative_year"].notna() & (claims["kind"] == "flow")][[*place, "metric", "scope", "cumulative_year"]]
    counted = counted.rename(columns={"cumulative_year": "jalali_year"}).drop_duplicates()
    counted["jalali_year"] = counted["jalali_year"].astype("Int64")
    rows = pf.merge(counted, on=keys).merge(out[keys], on=keys, how="left", indicator=True)
    rows = rows[rows["_merge"] == "left_only"].drop(columns="_merge")
    if rows.empty:
        return out.iloc[0:0]
    return pd.DataFrame({
        **{c: rows[c] for c in place}, "metric": rows["metric"], "scope": rows["scope"], "jalali_year": rows["jalali_year"], "value": rows["part_floor"],
        "low": rows["part_floor"], "high": np.inf, "basis": "part_floor", "rule": "part_floor", "chosen_claim": rows["part_claim"],
        "claim_ids": rows["part_claim"], "conflicting_claims": "", "derived_from": "", "floor_conflict": False,
        "figure_ids": rows["part_figures"], "source_ids": rows["part_sources"], "part_floor": rows["part_floor"],
        "part_claim": rows["part_claim"], "part_scope": rows["part_scope"], "conflicting_figures": "",
        "ceiling_high": np.inf, "ceiling_claim": "",
    })


def _join(a: pd.Series, b: pd.Series) -> pd.Series:
    from .keys import join_lists

    return join_lists(a, b)
