"""Unit-job pairs: a count of revived units and a count of jobs for the same scope and period; and
unit-money pairs, a count and a sum one report gives together.

In: the figures with their claims, and the claims. Out:

- :func:`build`, one row per pair of claims (a units claim and a jobs claim), with both counts' bounds
  and the jobs per unit by interval arithmetic, and ``implausible`` where the whole ratio lies outside
  :func:`plausible_band`. Two claims pair when one report states both for the same scope, first day
  and last day (an unstated last day: to that report's publication), or when both cover the same
  stated period, whoever states them. A restated figure is one claim, so a pair is counted once
  however many reports repeat it.
- :func:`money`, one row per units claim and money claim (``financing_rials``) one report gives for
  the same scope and period, with the rials per unit and ``implausible`` beyond
  :data:`~analysis.assumptions.PLAUSIBLE_MONEY_PER_UNIT_FACTOR` of their median.
- :func:`outliers`: the claims of implausible pairs, which no estimate uses as a floor.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import PLAUSIBLE_JOBS_PER_UNIT_FACTOR, PLAUSIBLE_MONEY_PER_UNIT_FACTOR, REVIVAL_SCOPES
from ..bounds import Estimate
from .keys import join_lists, typed

UNITS, JOBS = "units_revived", "jobs_created"

_NO_DATE = pd.Timestamp("1800-01-01")  # stands in for a missing date in join keys


def build(figures: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Every unit-job pair of claims (see the module docstring).

    Columns: ``units_claim``, ``jobs_claim``, ``scope``, the units claim's period columns
    (``start``, ``end``, ``end_earliest``, ``end_latest``, ``period_kind``, ``first_year``,
    ``cumulative_year``, ``year_days``), ``u_value/u_low/u_high``, ``j_value/j_low/j_high``,
    ``jpu_value/jpu_low/jpu_high`` (jobs per unit), ``stated_together`` (one report gives both),
    ``figure_ids`` and ``source_ids`` (both claims'), ``primary`` (the seed states both).
    """
    keys = ["source_id", "scope", "start_key", "end_key"]
    f = figures[figures["metric"].isin([UNITS, JOBS])].assign(start_key=lambda d: d["start"].fillna(_NO_DATE),
                                                                end_key=lambda d: d["end"].fillna(_NO_DATE))
    together = (f[f["metric"] == UNITS][[*keys, "claim_id"]]
                .merge(f[f["metric"] == JOBS][[*keys, "claim_id"]], on=keys, suffixes=("_u", "_j")))
    together = together[["claim_id_u", "claim_id_j"]].drop_duplicates().assign(stated_together=True)
    c = claims[claims["metric"].isin([UNITS, JOBS]) & claims["end"].notna()]
    same = (c[c["metric"] == UNITS][["scope", "start", "end", "claim_id"]]
            .merge(c[c["metric"] == JOBS][["scope", "start", "end", "claim_id"]], on=["scope", "start", "end"], suffixes=("_u", "_j")))
    same = same[["claim_id_u", "claim_id_j"]].drop_duplicates().assign(stated_together=False)
    pairs = pd.concat([together, same], ignore_index=True).sort_values("stated_together", ascending=False, kind="stable")
    pairs = pairs.drop_duplicates(["claim_id_u", "claim_id_j"])

    by_id = claims.set_index("claim_id")
    u = by_id.reindex(pairs["claim_id_u"])
    j = by_id.reindex(pairs["claim_id_j"])
    period = ["scope", "start", "end", "end_earliest", "end_latest", "end_from_publication", "period_kind", "first_year", "last_year",
              "month_first", "month_last", "cumulative_year", "year_start", "year_end", "year_days"]
    out = u[period].reset_index(drop=True)
    out.insert(0, "jobs_claim", pairs["claim_id_j"].to_numpy())
    out.insert(0, "units_claim", pairs["claim_id_u"].to_numpy())
    for prefix, side in (("u", u), ("j", j)):
        for col in ("value", "low", "high"):
            out[f"{prefix}_{col}"] = side[col].to_numpy()
    ratio = Estimate(out["j_value"], out["j_low"], out["j_high"]) / Estimate(out["u_value"], out["u_low"], out["u_high"])
    out["jpu_value"], out["jpu_low"], out["jpu_high"] = ratio.value, ratio.low, ratio.high
    out["stated_together"] = pairs["stated_together"].to_numpy()
    out["figure_ids"] = (u["figure_ids"].to_numpy() + "; " + j["figure_ids"].to_numpy())
    out["source_ids"] = join_lists(pd.Series(u["source_ids"].to_numpy()), pd.Series(j["source_ids"].to_numpy())).to_numpy()
    out["primary"] = (u["primary"].to_numpy() & j["primary"].to_numpy())
    # Ids as text with no pairs too (an empty numpy selection is of object dtype).
    out = out.astype({c: "str" for c in ("units_claim", "jobs_claim", "figure_ids", "source_ids")})
    out = out.sort_values(["scope", "start", "end_earliest", "units_claim", "jobs_claim"], kind="stable").reset_index(drop=True)
    lo, hi = plausible_band(out)
    out["cannot_compute"] = out["jpu_low"].isna() | out["jpu_high"].isna()
    out["implausible"] = ~out["cannot_compute"] & ((out["jpu_high"] < lo) | (out["jpu_low"] > hi))
    return out


def reference_range(pairs: pd.DataFrame) -> Estimate:
    """Full-year jobs per unit of revival scopes: the median ratio, from the lowest low to the highest finite high."""
    # Only ratios bounded on both sides: "over 4,200 units" makes a ratio with no floor, which says nothing of the range.
    full = pairs[(pairs["period_kind"] == "full_year") & np.isfinite(pairs["jpu_high"]) & (pairs["jpu_low"] > 0)
                 & pairs["scope"].isin(REVIVAL_SCOPES)]
    if full.empty:
        return Estimate(np.nan, np.nan, np.nan)
    return Estimate(float(full["jpu_value"].median()), float(full["jpu_low"].min()), float(full["jpu_high"].max()))


def plausible_band(pairs: pd.DataFrame) -> tuple[float, float]:
    """Jobs per unit judged plausible: the full-year range divided and multiplied by
    :data:`~analysis.assumptions.PLAUSIBLE_JOBS_PER_UNIT_FACTOR`."""
    ref = reference_range(pairs)
    return ref.low / PLAUSIBLE_JOBS_PER_UNIT_FACTOR, ref.high * PLAUSIBLE_JOBS_PER_UNIT_FACTOR


MONEY = "financing_rials"


#: The columns :func:`money` gives, and their dtypes (the same with rows or without).
MONEY_COLUMNS = {**dict.fromkeys(["units_claim", "money_claim", "scope"], "str"),
                 **dict.fromkeys(["u_value", "u_low", "u_high", "m_value", "m_low", "m_high", "mpu_value", "mpu_low", "mpu_high",
                                  "band_low", "band_high"], "float64"),
                 "implausible": "bool", "figure_ids": "str", "source_ids": "str"}


def money(figures: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Units and money claims one report states for the same scope, first and last day, with the rials
    per unit (``mpu_value/low/high``), the median ratio's band (``band_low``/``band_high``) and
    ``implausible`` (the whole ratio outside it). One row per pair of claims."""
    keys = ["source_id", "scope", "start_key", "end_key"]
    f = figures[figures["metric"].isin([UNITS, MONEY])].assign(start_key=lambda d: d["start"].fillna(_NO_DATE),
                                                                 end_key=lambda d: d["end"].fillna(_NO_DATE))
    m = (f[f["metric"] == UNITS][[*keys, "claim_id"]]
         .merge(f[f["metric"] == MONEY][[*keys, "claim_id"]], on=keys, suffixes=("_u", "_m")))
    m = m[["scope", "claim_id_u", "claim_id_m"]].drop_duplicates(["claim_id_u", "claim_id_m"]).reset_index(drop=True)
    cols = list(MONEY_COLUMNS)
    if m.empty:
        return typed(pd.DataFrame(), MONEY_COLUMNS)
    by_id = claims.set_index("claim_id")
    u, mo = by_id.reindex(m["claim_id_u"]), by_id.reindex(m["claim_id_m"])
    out = pd.DataFrame({"units_claim": m["claim_id_u"], "money_claim": m["claim_id_m"], "scope": m["scope"]})
    for prefix, side in (("u", u), ("m", mo)):
        for col in ("value", "low", "high"):
            out[f"{prefix}_{col}"] = side[col].to_numpy()
    ratio = Estimate(out["m_value"], out["m_low"], out["m_high"]) / Estimate(out["u_value"], out["u_low"], out["u_high"])
    out["mpu_value"], out["mpu_low"], out["mpu_high"] = ratio.value, ratio.low, ratio.high
    middle = float(out["mpu_value"].median())
    out["band_low"], out["band_high"] = middle / PLAUSIBLE_MONEY_PER_UNIT_FACTOR, middle * PLAUSIBLE_MONEY_PER_UNIT_FACTOR
    out["implausible"] = (out["mpu_high"] < out["band_low"]) | (out["mpu_low"] > out["band_high"])
    out["figure_ids"] = u["figure_ids"].to_numpy() + "; " + mo["figure_ids"].to_numpy()
    out["source_ids"] = join_lists(pd.Series(u["source_ids"].to_numpy()), pd.Series(mo["source_ids"].to_numpy())).to_numpy()
    return out[cols]


def outliers(pairs: pd.DataFrame) -> set[str]:
    """The claims of unit-job pairs whose jobs per unit is implausible (either count may be the slip)."""
    bad = pairs[pairs["implausible"]]
    return set(bad["units_claim"]) | set(bad["jobs_claim"])
