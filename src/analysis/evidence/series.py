"""Year-to-date series: each year's cumulative counts in order, and what they say at any date.

In: claims (:mod:`analysis.evidence.claims`). Out:

- :func:`build`: one row per claim that counts from an Iranian year's first day to a day in it
  (first quarter, first half, first months, year to date, and the full year itself), per metric,
  scope and year, ordered by end (an end known only within bounds sorts by its window), with
  ``step`` (1, 2, ...) and ``after_previous`` (whether its end certainly follows the previous one's);
- :func:`bounds_at`: for any dates, the bounds the series puts on the count up to that date: at
  least the highest count certainly ended by then, at most the lowest count certainly ended after;
  with ``pace``, also both ways by the fastest plausible pace (:data:`~analysis.assumptions.MAX_PACE_FACTOR`
  times a count's own average pace, over gaps of at most :data:`~analysis.assumptions.MAX_PACE_GAP_DAYS`):
  at most the nearest earlier count plus what the gap could add, at least the nearest later count less
  what the gap could have added. Found by sorted as-of joins (``merge_asof``) on running maxima and
  minima, never by all pairs.

A count flagged as an outlier (``outlier``: its jobs per unit is implausible) stays in the series, where
the audit checks it, but never bounds a count here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import MAX_PACE_FACTOR, MAX_PACE_GAP_DAYS
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


def own_pace(series: pd.DataFrame, generous: bool = True) -> pd.Series:
    """Each count's own average pace to its date: units (or jobs) per day from its year's first day.

    With ``generous``, the fastest its wording and date window allow (its upper bound over the fewest
    days), so that a bound built on it never claims more than the figures do.
    """
    days = ((series["end_earliest"] - series["year_start"]).dt.days + 1).astype(float)
    top = series["high"].where(np.isfinite(series["high"]), series["value"]) if generous else series["value"]
    return (top / days.where(days > 0)).astype(float)


def bounds_at(series: pd.DataFrame, queries: pd.DataFrame, pace: bool = False, place: list[str] = ()) -> pd.DataFrame:
    """Bounds on each series' count up to a date known within ``[date_earliest, date_latest]``.

    ``queries`` has ``qid`` and the series keys (:data:`KEYS`) with ``date_earliest``/``date_latest``.
    Returns, aligned on ``qid``: ``low`` (the highest lower bound among counts certainly ended by
    ``date_earliest``; 0 where none) with ``low_claim`` and ``low_end`` (that count's latest end),
    and ``high`` (the lowest upper bound among counts certainly ended on or after ``date_latest``;
    ``inf`` where none) with ``high_claim``. With ``pace`` (see the module docstring), ``low`` and
    ``high`` also take the pace bounds where they are tighter, ``low_paced``/``high_paced`` say so, and
    ``low_claim``/``high_claim`` then name the count the pace was reckoned from. ``place``
    (``["province"]``): both hold several places' rows, and a series is also keyed by that column.
    """
    keys = [*place, *KEYS]
    q = queries.copy()
    q["jalali_year"] = q["jalali_year"].astype("Int64")
    s = series
    if "outlier" in s:
        s = s[~s["outlier"].astype(bool)]
    s = s[[*keys, "claim_id", "value", "low", "high", "end_earliest", "end_latest", "year_start"]].copy()
    s["group"], q["group"] = group_ids(s, keys, q)

    # Lower bound: running maximum of low in order of latest end.
    lo = s.sort_values(["group", "end_latest", "low"], kind="stable").copy()
    lo["run_low"] = lo.groupby("group")["low"].cummax()
    lo["run_claim"] = lo["claim_id"].where(lo["low"] == lo["run_low"])
    lo["run_claim"] = lo.groupby("group")["run_claim"].ffill()
    lo["run_end"] = lo["end_latest"].where(lo["low"] == lo["run_low"])
    lo["run_end"] = lo.groupby("group")["run_end"].ffill()
    lo = lo.drop_duplicates(["group", "end_latest"], keep="last")  # ties: the running maximum over all of them
    lower = pd.merge_asof(q.sort_values("date_earliest", kind="stable")[["qid", "group", "date_earliest"]],
                          lo.sort_values("end_latest", kind="stable")[["group", "end_latest", "run_low", "run_claim", "run_end"]],
                          left_on="date_earliest", right_on="end_latest", by="group", direction="backward")

    # Upper bound: running minimum of high from the latest earliest-end backwards.
    hi = s.sort_values(["group", "end_earliest", "high"], ascending=[True, False, True], kind="stable").copy()
    hi["run_high"] = hi.groupby("group")["high"].cummin()
    hi["run_claim"] = hi["claim_id"].where(hi["high"] == hi["run_high"])
    hi["run_claim"] = hi.groupby("group")["run_claim"].ffill()
    hi = hi.sort_values(["group", "end_earliest", "run_high"], kind="stable").drop_duplicates(["group", "end_earliest"], keep="first")
    upper = pd.merge_asof(q.sort_values("date_latest", kind="stable")[["qid", "group", "date_latest"]],
                          hi.sort_values("end_earliest", kind="stable")[["group", "end_earliest", "run_high", "run_claim"]],
                          left_on="date_latest", right_on="end_earliest", by="group", direction="forward")

    out = q[["qid"]].merge(lower[["qid", "run_low", "run_claim", "run_end"]], on="qid", how="left")
    out = out.merge(upper[["qid", "run_high", "run_claim"]], on="qid", how="left", suffixes=("", "_high"))
    result = pd.DataFrame({
        "qid": out["qid"],
        "low": out["run_low"].fillna(0.0).astype(float),
        "low_claim": out["run_claim"].fillna("").astype("str"),
        "low_end": out["run_end"],
        "high": out["run_high"].fillna(np.inf).astype(float),
        "high_claim": out["run_claim_high"].fillna("").astype("str"),
    })
    if not pace:
        return result
    return _paced(result, q, s)


def _paced(result: pd.DataFrame, q: pd.DataFrame, s: pd.DataFrame) -> pd.DataFrame:
    """:func:`bounds_at`'s bounds tightened by the fastest plausible pace from the nearest counts either side."""
    s = s.assign(pace=MAX_PACE_FACTOR * own_pace(s))
    s = s[s["pace"].notna() & np.isfinite(s["pace"])]
    gap = pd.Timedelta(days=MAX_PACE_GAP_DAYS)
    # Of a series' counts with the same end (two reports of one month), the as-of joins take the last in order
    # (backward) and the first (forward): sorted by value too, the ceiling is reckoned from the largest count
    # and the floor from the smallest, the most generous reading, whatever order the rows came in.
    # A ceiling: the nearest count whose end may lie before the date, plus what the days since could add.
    before = pd.merge_asof(q.sort_values("date_latest", kind="stable")[["qid", "group", "date_latest"]],
                           s.sort_values(["end_earliest", "end_latest", "value", "claim_id"], kind="stable")[["group", "end_earliest", "high", "pace", "claim_id"]],
                           left_on="date_latest", right_on="end_earliest", by="group", direction="backward", tolerance=gap)
    ceiling = before["high"] + before["pace"] * (before["date_latest"] - before["end_earliest"]).dt.days
    # A floor: the nearest count whose end may lie after the date, less what the days until could have added.
    after = pd.merge_asof(q.sort_values("date_earliest", kind="stable")[["qid", "group", "date_earliest"]],
                          s.sort_values(["end_latest", "end_earliest", "value", "claim_id"], kind="stable")[["group", "end_latest", "low", "pace", "claim_id"]],
                          left_on="date_earliest", right_on="end_latest", by="group", direction="forward", tolerance=gap)
    floor = (after["low"] - after["pace"] * (after["end_latest"] - after["date_earliest"]).dt.days).clip(lower=0.0)
    ceiling = pd.Series(ceiling.to_numpy(), index=before["qid"].to_numpy()).reindex(result["qid"]).to_numpy()
    ceiling_claim = pd.Series(before["claim_id"].to_numpy(), index=before["qid"].to_numpy()).reindex(result["qid"]).to_numpy()
    floor = pd.Series(floor.to_numpy(), index=after["qid"].to_numpy()).reindex(result["qid"]).to_numpy()
    floor_claim = pd.Series(after["claim_id"].to_numpy(), index=after["qid"].to_numpy()).reindex(result["qid"]).to_numpy()
    out = result.copy()
    tighter_high = ~np.isnan(ceiling) & (ceiling < out["high"].to_numpy())
    tighter_low = ~np.isnan(floor) & (floor > out["low"].to_numpy())
    out["high"] = np.where(tighter_high, ceiling, out["high"])
    out["low"] = np.where(tighter_low, floor, out["low"])
    out["high_claim"] = np.where(tighter_high, ceiling_claim, out["high_claim"]).astype("str")
    out["low_claim"] = np.where(tighter_low, floor_claim, out["low_claim"]).astype("str")
    out["high_paced"], out["low_paced"] = tighter_high, tighter_low
    return out
