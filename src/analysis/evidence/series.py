"""Year-to-date series: each year's cumulative counts in order, and what they say at any date.

In: claims (:mod:`analysis.evidence.claims`). Out:

- :func:`build`: one row per claim that counts from an Iranian year's first day to a day in it
  (first quarter, first half, first months, year to date, and the full year itself), per metric,
  scope and year, ordered by end (an end known only within bounds sorts by its window), with
  ``step`` (1, 2, ...) and ``after_previous`` (whether its end certainly follows the previous one's);
- :func:`bounds_at`: for any dates, the bounds the series puts on the count up to that date: at
  least the highest count certainly ended by then, at most the lowest count certainly ended after.
  Found by sorted as-of joins (``merge_asof``) on running maxima and minima, never by all pairs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .keys import group_ids

#: Keys of one series.
KEYS: list[str] = ["metric", "scope", "jalali_year"]

#: Metrics whose year-to-date counts only rise (flows counted in units, jobs or money).
CUMULATIVE_UNITS: tuple[str, ...] = ("units", "jobs", "rials", "US dollars")


def build(claims: pd.DataFrame) -> pd.DataFrame:
    """The year-to-date series (see the module docstring)."""
    s = claims[claims["cumulative_year"].notna() & (claims["kind"] == "flow") & claims["unit"].isin(CUMULATIVE_UNITS)].copy()
    s["jalali_year"] = s["cumulative_year"].astype("Int64")
    s = s.sort_values([*KEYS, "end_earliest", "end_latest", "value", "claim_id"], kind="stable")
    g = s.groupby(KEYS, sort=False)
    s["step"] = g.cumcount() + 1
    previous_latest = g["end_latest"].shift()
    s["after_previous"] = previous_latest.isna() | (previous_latest < s["end_earliest"])
    s["year_end_count"] = s["period_kind"] == "full_year"
    return s.reset_index(drop=True)


def bounds_at(series: pd.DataFrame, queries: pd.DataFrame) -> pd.DataFrame:
    """Bounds on each series' count up to a date known within ``[date_earliest, date_latest]``.

    ``queries`` has ``qid`` and the series keys (:data:`KEYS`) with ``date_earliest``/``date_latest``.
    Returns, aligned on ``qid``: ``low`` (the highest lower bound among counts certainly ended by
    ``date_earliest``; 0 where none) with ``low_claim`` and ``low_end`` (that count's latest end),
    and ``high`` (the lowest upper bound among counts certainly ended on or after ``date_latest``;
    ``inf`` where none) with ``high_claim``.
    """
    q = queries.copy()
    q["jalali_year"] = q["jalali_year"].astype("Int64")
    s = series[[*KEYS, "claim_id", "low", "high", "end_earliest", "end_latest"]].copy()
    s["group"], q["group"] = group_ids(s, KEYS, q)

    # Lower bound: running maximum of low in order of latest end.
    lo = s.sort_values(["group", "end_latest", "low"], kind="stable").copy()
    lo["run_low"] = lo.groupby("group")["low"].cummax()
    lo["run_claim"] = lo["claim_id"].where(lo["low"] == lo["run_low"])
    lo["run_claim"] = lo.groupby("group")["run_claim"].ffill()
    lo["run_end"] = lo["end_latest"].where(lo["low"] == lo["run_low"])
    lo["run_end"] = lo.groupby("group")["run_end"].ffill()
    lo = lo.drop_duplicates(["group", "end_latest"], keep="last")  # ties: the running maximum over all of them
    lower = pd.merge_asof(q.sort_values("date_earliest")[["qid", "group", "date_earliest"]],
                          lo.sort_values("end_latest")[["group", "end_latest", "run_low", "run_claim", "run_end"]],
                          left_on="date_earliest", right_on="end_latest", by="group", direction="backward")

    # Upper bound: running minimum of high from the latest earliest-end backwards.
    hi = s.sort_values(["group", "end_earliest", "high"], ascending=[True, False, True], kind="stable").copy()
    hi["run_high"] = hi.groupby("group")["high"].cummin()
    hi["run_claim"] = hi["claim_id"].where(hi["high"] == hi["run_high"])
    hi["run_claim"] = hi.groupby("group")["run_claim"].ffill()
    hi = hi.sort_values(["group", "end_earliest", "run_high"], kind="stable").drop_duplicates(["group", "end_earliest"], keep="first")
    upper = pd.merge_asof(q.sort_values("date_latest")[["qid", "group", "date_latest"]],
                          hi.sort_values("end_earliest")[["group", "end_earliest", "run_high", "run_claim"]],
                          left_on="date_latest", right_on="end_earliest", by="group", direction="forward")

    out = q[["qid"]].merge(lower[["qid", "run_low", "run_claim", "run_end"]], on="qid", how="left")
    out = out.merge(upper[["qid", "run_high", "run_claim"]], on="qid", how="left", suffixes=("", "_high"))
    return pd.DataFrame({
        "qid": out["qid"],
        "low": out["run_low"].fillna(0.0).astype(float),
        "low_claim": out["run_claim"].fillna("").astype("str"),
        "low_end": out["run_end"],
        "high": out["run_high"].fillna(np.inf).astype(float),
        "high_claim": out["run_claim_high"].fillna("").astype("str"),
    })
