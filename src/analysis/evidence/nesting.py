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
bounds), ``conflicting_figures``. Provinces never enter here: a province is not a part of a scope.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .readings import part_of

KEYS: list[str] = ["metric", "scope", "jalali_year"]


def floors(est: pd.DataFrame) -> pd.DataFrame:
    """Per whole scope, metric and year, the highest lower bound among its parts' estimates."""
    parts = part_of()
    e = est[est["scope"].isin(list(parts)) & np.isfinite(est["low"])].assign(whole=lambda d: d["scope"].map(parts))
    if e.empty:
        return pd.DataFrame(columns=["metric", "whole", "jalali_year", "part_floor", "part_claim", "part_scope", "part_figures",
                                     "part_sources"])
    top = e.sort_values(["metric", "whole", "jalali_year", "low", "chosen_claim"], ascending=[True, True, True, False, True], kind="stable")
    top = top.drop_duplicates(["metric", "whole", "jalali_year"])
    return top.rename(columns={"low": "part_floor", "chosen_claim": "part_claim", "scope": "part_scope", "figure_ids": "part_figures",
                               "source_ids": "part_sources"})[
        ["metric", "whole", "jalali_year", "part_floor", "part_claim", "part_scope", "part_figures", "part_sources"]]


def part_floors(est: pd.DataFrame, year_claims: pd.DataFrame, figures: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The estimates with their parts' floors applied (see the module docstring)."""
    pf = floors(est).rename(columns={"whole": "scope"})
    out = est.merge(pf, on=KEYS, how="left")
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
        out = _reweigh(out, apart, year_claims, figures)
    # Only the parts that bound their whole stay named.
    for col in ("part_floor", "part_claim", "part_scope", "part_figures", "part_sources"):
        out[col] = out[col].where(below)
    for col, src in (("figure_ids", "part_figures"), ("source_ids", "part_sources")):
        out[col] = _join(out[col], out[src].fillna("")).where(below, out[col])
    out = pd.concat([out, _new_floors(out, pf, claims)], ignore_index=True)
    out["part_claim"] = out["part_claim"].fillna("")
    out["part_scope"] = out["part_scope"].fillna("")
    return out.drop(columns=["part_figures", "part_sources"])


def _reweigh(out: pd.DataFrame, apart: pd.Series, year_claims: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Wholes below their part's floor: each claim's wordings weighed against the floor."""
    w = out.loc[apart, [*KEYS, "part_floor"]]
    yc = year_claims[[*KEYS, "claim_id"]].merge(w, on=KEYS)
    f = figures[["figure_id", "claim_id", "high"]].merge(yc, on="claim_id")
    f["agrees"] = f["high"] >= f["part_floor"]
    g = f.groupby(KEYS)
    high = f[f["agrees"]].groupby(KEYS)["high"].min()
    conflicting = f[~f["agrees"]].groupby(KEYS)["figure_id"].agg(", ".join)
    agreeing = f[f["agrees"]].groupby(KEYS)["claim_id"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    every = g["claim_id"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    idx = out.loc[apart].set_index(KEYS).index
    out.loc[apart, "high"] = high.reindex(idx).fillna(np.inf).to_numpy()
    out.loc[apart, "low"] = out.loc[apart, "part_floor"]
    out.loc[apart, "value"] = out.loc[apart, "part_floor"]
    out.loc[apart, "conflicting_figures"] = conflicting.reindex(idx).fillna("").to_numpy()
    agree = agreeing.reindex(idx).fillna("").to_numpy()
    out.loc[apart, "conflicting_claims"] = [", ".join(c for c in e.split(", ") if c and c not in a.split(", "))
                                            for e, a in zip(every.reindex(idx).fillna("").to_numpy(), agree)]
    out.loc[apart, "rule"] = "part_over_whole"
    return out


def _new_floors(out: pd.DataFrame, pf: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Open estimates for wholes with counts in a year but no estimate of their own (their only counts
    flagged as outliers, say)."""
    counted = claims[claims["cumulative_year"].notna() & (claims["kind"] == "flow")][["metric", "scope", "cumulative_year"]]
    counted = counted.rename(columns={"cumulative_year": "jalali_year"}).drop_duplicates()
    counted["jalali_year"] = counted["jalali_year"].astype("Int64")
    rows = pf.merge(counted, on=KEYS).merge(out[KEYS], on=KEYS, how="left", indicator=True)
    rows = rows[rows["_merge"] == "left_only"].drop(columns="_merge")
    if rows.empty:
        return out.iloc[0:0]
    return pd.DataFrame({
        "metric": rows["metric"], "scope": rows["scope"], "jalali_year": rows["jalali_year"], "value": rows["part_floor"],
        "low": rows["part_floor"], "high": np.inf, "basis": "part_floor", "rule": "part_floor", "chosen_claim": rows["part_claim"],
        "claim_ids": rows["part_claim"], "conflicting_claims": "", "derived_from": "", "floor_conflict": False,
        "figure_ids": rows["part_figures"], "source_ids": rows["part_sources"], "part_floor": rows["part_floor"],
        "part_claim": rows["part_claim"], "part_scope": rows["part_scope"], "conflicting_figures": "",
        "ceiling_high": np.inf, "ceiling_claim": "",
    })


def _join(a: pd.Series, b: pd.Series) -> pd.Series:
    from .keys import join_lists

    return join_lists(a, b)
