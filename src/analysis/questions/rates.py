"""Question 3: is the pace of revivals rising or falling, and were the yearly targets met?

In: an :class:`~analysis.evidence.Evidence`. Out (interval arithmetic throughout; day counts include
both ends; a year is 365 or 366 days):

- :func:`yearly`: the headline series with the pace per day and the change from the year before
  (``cross_scope`` where the two years' counts are of different scopes: a change of definition);
  a year known only from a count to a date (not ``complete``, :func:`analysis.questions.timeline.completeness`)
  gets its pace to that date and is never compared: no change to or from it;
- :func:`by_scope`: the same change within each scope, where two consecutive years have estimates;
- :func:`attainment`: each revival target that may be scored (:mod:`analysis.evidence.targets`)
  against the year's estimate of the same scope, as first stated and as in force at the year's end;
- :func:`in_year`: each in-year count against its year's target in force: share of the year
  elapsed, progress, the pace still needed and the year-end at the pace to date, then the outcome;
- :func:`same_period`: counts of consecutive years that end at about the same day of the year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import calendar
from ..assumptions import HEADLINE_SCOPES, REVIVAL_SCOPES, SAME_PERIOD_TOLERANCE_DAYS
from ..bounds import Estimate
from ..evidence.estimates import WHOLE_YEAR_BASES
from ..evidence.keys import capped
from ..evidence.readings import nested
from .timeline import completeness

UNITS = "units_revived"


def _est(frame: pd.DataFrame, prefix: str = "") -> Estimate:
    return Estimate(frame[f"{prefix}value"], frame[f"{prefix}low"], frame[f"{prefix}high"])


def _put(frame: pd.DataFrame, prefix: str, e: Estimate) -> None:
    frame[f"{prefix}value"], frame[f"{prefix}low"], frame[f"{prefix}high"] = e.value, e.low, e.high


def _not_below_zero(e: Estimate) -> Estimate:
    """A pace still needed is never negative: once the target is reached, nothing more is needed."""
    return Estimate(e.value.clip(lower=0), e.low.clip(lower=0), e.high.clip(lower=0))


def yearly(ev) -> pd.DataFrame:
    """The headline series with ``pace_*`` (units per day) and ``change_*``/``pct_*`` from the previous
    year, ``previous_scope`` and ``cross_scope``, and ``complete`` with the count to date of a year
    known only in part (:func:`~analysis.questions.timeline.completeness`).

    A complete year's pace is its count over its length (365 or 366 days); a part-year's is its count
    to date over the days that count covers (an interval when its report is undated). Changes are
    computed only between consecutive complete years: a part-year is neither changed to nor from.
    """
    h = ev.headline.sort_values("jalali_year", kind="stable").reset_index(drop=True).copy()
    if h.empty:
        return h.assign(complete=pd.Series(dtype=bool))
    h = completeness(ev, h)
    full = h["complete"]
    year_pace = _est(h) / h["year_days"].astype(float)
    so_far = _est(h, "to_date_") / Estimate(h["days_low"].where(h["days_low"] == h["days_high"]), h["days_low"], h["days_high"])
    _put(h, "pace_", Estimate(year_pace.value.where(full, so_far.value), year_pace.low.where(full, so_far.low),
                              year_pace.high.where(full, so_far.high)))
    prev = h.where(full).shift()  # a part-year is no year "before"
    consecutive = (full & ((h["jalali_year"] - prev["jalali_year"]) == 1)).fillna(False).astype(bool)
    change = _est(h) - _est(prev)
    pct = (_est(h) / _est(prev) - 1) * 100
    for prefix, e in (("change_", change), ("pct_", pct)):
        _put(h, prefix, Estimate(e.value.where(consecutive), e.low.where(consecutive), e.high.where(consecutive)))
    h["previous_year"] = prev["jalali_year"].where(consecutive).astype("Int64")
    h["previous_scope"] = prev["scope"].where(consecutive, "")
    h["cross_scope"] = (consecutive & (h["scope"] != prev["scope"])).fillna(False).astype(bool)
    return h


def by_scope(ev, metric: str = UNITS) -> pd.DataFrame:
    """Year-on-year change within each revival scope, where consecutive years have full-year or derived
    estimates (a floor from a year-to-date count says nothing about a change)."""
    e = ev.estimates[(ev.estimates["metric"] == metric) & ev.estimates["scope"].isin(REVIVAL_SCOPES)
                     & ev.estimates["basis"].isin(WHOLE_YEAR_BASES)].sort_values(["scope", "jalali_year"], kind="stable").copy()
    prev = e.groupby("scope")[["jalali_year", "value", "low", "high", "chosen_claim", "basis"]].shift()
    keep = (e["jalali_year"] - prev["jalali_year"]) == 1
    e, prev = e[keep].copy(), prev[keep]
    _put(e, "prev_", _est(prev))
    e["prev_claim"], e["prev_basis"] = prev["chosen_claim"], prev["basis"]
    _put(e, "pct_", (_est(e) / _est(prev) - 1) * 100)
    return e.reset_index(drop=True)


def attainment(ev) -> pd.DataFrame:
    """Every yearly revival target with its attainment where it may be scored.

    One row per target of a path's first or revised value (``role``), with ``scored`` and
    ``not_scored`` from the evidence layer, the year's estimate of the same metric and scope
    (``done_*``, ``done_basis``) and ``attained_*`` (percent). ``verdict``: ``met`` (certainly at
    or above 100 %), ``missed`` (certainly below), ``uncertain``, or why it is not scored.
    """
    t = ev.targets[ev.targets["metric"].isin(["units_target", "jobs_target"]) & ev.targets["jalali_year"].notna()
                   & ev.targets["role"].isin(["first", "revision"])].copy()
    t["count_metric"] = t["metric"].map({"units_target": UNITS, "jobs_target": "jobs_created"})
    e = ev.estimates[["metric", "scope", "jalali_year", "value", "low", "high", "basis", "chosen_claim", "source_ids", "figure_ids"]]
    m = t.merge(e.rename(columns={"metric": "count_metric", "value": "done_value", "low": "done_low", "high": "done_high",
                                  "basis": "done_basis", "chosen_claim": "done_claim", "source_ids": "done_sources",
                                  "figure_ids": "done_figures"}),
                on=["count_metric", "scope", "jalali_year"], how="left")
    has = m["done_value"].notna()
    att = _est(m, "done_") / Estimate(m["value"], m["low"], m["high"]) * 100
    _put(m, "attained_", Estimate(att.value.where(has), att.low.where(has), att.high.where(has)))
    floor_only = ~m["done_basis"].isin(WHOLE_YEAR_BASES) & ~(m["attained_low"] >= 100)
    verdict = np.select([~m["scored"], ~has, m["attained_low"] >= 100, floor_only, m["attained_high"] < 100],
                        ["not scored", "no count of this scope", "met", "no full-year count", "missed"], default="uncertain")
    m["verdict"] = verdict
    return m.sort_values(["jalali_year", "metric", "scope", "first_published_earliest"], kind="stable").reset_index(drop=True)


def in_year(ev, metric: str = UNITS) -> pd.DataFrame:
    """Each in-year count (revival scopes) against the target in force in its report, if any.

    The target is of the count's own scope where one was known when the count was reported (the latest
    such, or one its own report states); otherwise of a scope it nests with (a part or its whole), in
    the headline order, and the row says so (``cross_scope``: a comparison across definitions). Columns add ``t_*`` (the
    target), ``days_low/high`` (days elapsed, both ends counted), ``elapsed_low/high`` (percent of the
    year), ``progress_*`` (percent of the target), ``needed_*`` (units per day still needed),
    ``projected_*`` (the year-end at the pace to date), and the outcome ``final_*`` (the year's
    estimate of the same scope, with its ``final_basis``; NaN where the year has no full-year figure,
    whose floor is no year's result).
    """
    s = ev.series[(ev.series["metric"] == metric) & ev.series["scope"].isin(REVIVAL_SCOPES) & (ev.series["period_kind"] != "full_year")].copy()
    if s.empty:
        return s
    t = ev.targets[(ev.targets["metric"] == "units_target") & ev.targets["role"].isin(["first", "revision"])
                   & (ev.targets["target_kind"] == "revival")]
    t = t[["scope", "jalali_year", "claim_id", "value", "low", "high", "first_published_latest", "source_ids"]].rename(
        columns=lambda c: c if c == "jalali_year" else f"t_{c}")
    cand = s[["claim_id", "scope", "jalali_year", "first_published_earliest", "first_source"]].merge(t, on="jalali_year")
    known = cand["t_first_published_latest"] <= cand["first_published_earliest"]
    known |= pd.Series([fs in str(ts).split(", ") for fs, ts in zip(cand["first_source"], cand["t_source_ids"])], index=cand.index, dtype=bool)
    cand = cand[known & (cand["t_scope"] == cand["scope"]) | (known & nested(cand["scope"], cand["t_scope"]))].copy()
    rank = {sc: i for i, sc in enumerate(HEADLINE_SCOPES)}
    cand["_other"] = (cand["t_scope"] != cand["scope"]).astype(int)
    cand["_rank"] = cand["t_scope"].map(rank).fillna(len(rank))
    cand = cand.sort_values(["claim_id", "_other", "_rank", "t_first_published_latest"], ascending=[True, True, True, False], kind="stable")
    pick = cand.drop_duplicates("claim_id").drop(columns=["scope", "jalali_year", "first_published_earliest", "first_source", "_rank"])
    m = s.merge(pick, on="claim_id", how="left")
    m["cross_scope"] = m["_other"].fillna(0).astype(bool)
    m = m.drop(columns="_other")
    first = calendar.days_inclusive(m["year_start"], m["end_earliest"]).astype(float)
    last = calendar.days_inclusive(m["year_start"], m["end_latest"]).astype(float)
    days = Estimate(first.where(first == last), first, last)  # no central value for an undated end
    m["days_low"], m["days_high"] = days.low, days.high
    year = m["year_days"].astype(float)
    _put(m, "elapsed_", days / year * 100)
    done = _est(m)
    has_t = m["t_claim_id"].notna()
    target = Estimate(m["t_value"], m["t_low"], m["t_high"])
    progress = done / target * 100
    _put(m, "progress_", Estimate(progress.value.where(has_t), progress.low.where(has_t), progress.high.where(has_t)))
    remaining = Estimate(year - days.value, year - days.high, year - days.low)
    needed = _not_below_zero((target - done) / remaining)  # a target already reached needs nothing more
    _put(m, "needed_", Estimate(needed.value.where(has_t), needed.low.where(has_t), needed.high.where(has_t)))
    _put(m, "projected_", done / days * year)
    final = ev.estimates[ev.estimates["metric"] == metric][["scope", "jalali_year", "value", "low", "high", "basis"]].rename(
        columns={"value": "final_value", "low": "final_low", "high": "final_high", "basis": "final_basis"})
    m = m.merge(final, on=["scope", "jalali_year"], how="left")
    part = m["final_basis"].notna() & ~m["final_basis"].isin(WHOLE_YEAR_BASES)
    m[["final_value", "final_low", "final_high"]] = m[["final_value", "final_low", "final_high"]].where(~part)
    return m.sort_values(["jalali_year", "scope", "end_earliest"], kind="stable").reset_index(drop=True)


def same_period(ev, metric: str = UNITS) -> pd.DataFrame:
    """In-year counts of consecutive years whose ends fall within
    :data:`~analysis.assumptions.SAME_PERIOD_TOLERANCE_DAYS` days of each other in their years (by day of
    the year, for ends known to the day), with the change between them. One row per count, matched to
    the nearest count of the year before in the same scope (a sorted as-of join), or, where the year
    before has none in that scope, to the nearest in a scope it nests with, never an outlier
    (``cross_scope``: a comparison across definitions, labelled as such)."""
    s = ev.series[(ev.series["metric"] == metric) & ev.series["scope"].isin(REVIVAL_SCOPES) & (ev.series["period_kind"] != "full_year")
                  & (ev.series["end_earliest"] == ev.series["end_latest"])].copy()
    if s.empty:
        return s
    s["day"] = calendar.days_inclusive(s["year_start"], s["end_earliest"]).astype(int)
    prev = s.assign(jalali_year=(s["jalali_year"] + 1).astype("Int64"))
    cols = ["scope", "jalali_year", "day", "claim_id", "value", "low", "high", "end_earliest", "source_ids", "figure_ids", "period_kind"]
    m = pd.merge_asof(s.sort_values("day", kind="stable"), prev[cols].sort_values("day", kind="stable"), on="day", by=["scope", "jalali_year"],
                      direction="nearest", tolerance=SAME_PERIOD_TOLERANCE_DAYS, suffixes=("", "_prev"))
    m["scope_prev"] = m["scope"].where(m["claim_id_prev"].notna())
    alone = m[m["claim_id_prev"].isna()].drop(columns=[c for c in m.columns if c.endswith("_prev")])
    if len(alone):
        # Another scope only where the two nest (a part and its whole), and never an outlier count.
        later = prev[~prev["outlier"].astype(bool)][cols].rename(columns=lambda c: c if c == "jalali_year" else f"{c}_prev")
        other = alone.merge(later, on="jalali_year")
        other = other[nested(other["scope"], other["scope_prev"]) & ((other["day"] - other["day_prev"]).abs() <= SAME_PERIOD_TOLERANCE_DAYS)]
        other = other.assign(_gap=(other["day"] - other["day_prev"]).abs()).sort_values(["claim_id", "_gap"], kind="stable")
        other = other.drop_duplicates("claim_id").drop(columns=["_gap", "day_prev"])
        m = pd.concat([m[m["claim_id_prev"].notna()], other], ignore_index=True)
    m = m[m["claim_id_prev"].notna()].copy()
    if m.empty:
        return m
    m["cross_scope"] = m["scope_prev"] != m["scope"]
    m["day_prev"] = calendar.days_inclusive(calendar.year_bounds_columns(m["jalali_year"] - 1)["year_start"], m["end_earliest_prev"]).astype(int)
    _put(m, "pct_", (_est(m) / Estimate(m["value_prev"], m["low_prev"], m["high_prev"]) - 1) * 100)
    return m.sort_values(["scope", "jalali_year", "day"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The seed's own view: its year to date across the window it may have appeared in
# ---------------------------------------------------------------------------------------------

def seed_windows(ev) -> pd.DataFrame:
    """The windows the seed may have appeared in: its text's bounds, each estimate of its provenance
    record except the cross-report one, and the window other reports' counts imply (computed by the
    audit from the ledger). Columns: ``evidence``, ``basis``, ``earliest``, ``latest`` and ``source_ids``
    (the seed for its own evidence, the bracketing reports for theirs)."""
    from ..seed import read_provenance
    from .audit.seed import date_brackets, date_window

    src = ev.ledger.primary_source()
    own = src["source_id"]
    rows = [{"evidence": "the seed's own text", "basis": "text_clues", "earliest": pd.Timestamp(src["published_earliest"]),
             "latest": pd.Timestamp(src["published_latest"]), "source_ids": own}]
    if src.get("seed_file", ""):
        for e in read_provenance(src["seed_file"]).evidence:
            if e.basis not in ("text_clues", "cross_report"):
                rows.append({"evidence": "the outlet's article number (an estimate)", "basis": e.basis,
                             "earliest": pd.Timestamp(e.earliest), "latest": pd.Timestamp(e.latest), "source_ids": own})
    early, late = date_window(ev)
    brackets = date_brackets(ev)
    others = capped(", ".join(brackets["source_ids"]).split(", "))
    rows.append({"evidence": "other reports' counts bracketing the seed's", "basis": "cross_report", "earliest": early, "latest": late,
                 "source_ids": others})
    return pd.DataFrame(rows)


def seed_progress(ev) -> pd.DataFrame:
    """The seed's year-to-date count at each end of each window of :func:`seed_windows`.

    Columns: ``evidence``, ``end`` (``earliest``/``latest``), ``date``, ``days``, ``elapsed`` (percent of
    the year), ``progress_*`` (percent of the seed's own target), ``pace_*`` (units per day to date),
    ``needed_*`` (units per day still needed for the target) and ``projected_*`` (the year-end at the
    pace to date), each with bounds from the figures' wording.
    """
    seed = ev.claims[ev.claims["primary"]]
    ytd = seed[(seed["metric"] == UNITS) & seed["end_from_publication"] & seed["cumulative_year"].notna()]
    target = seed[(seed["metric"] == "units_target") & (seed["period_kind"] == "full_year")]
    if ytd.empty or target.empty:
        return pd.DataFrame()
    y, t = ytd.iloc[0], target.iloc[0]
    w = seed_windows(ev)
    rows = w.melt(id_vars=["evidence", "basis"], value_vars=["earliest", "latest"], var_name="end", value_name="date")
    rows["days"] = calendar.days_inclusive(pd.Series(y["year_start"], index=rows.index), rows["date"]).astype(float)
    year = float(y["year_days"])
    done = Estimate(y["value"], y["low"], y["high"])
    goal = Estimate(t["value"], t["low"], t["high"])
    days = Estimate(rows["days"], rows["days"], rows["days"])
    rows["elapsed"] = rows["days"] / year * 100
    _put(rows, "progress_", done / goal * 100)  # fixed by the count: the same at every date
    _put(rows, "pace_", done / days)
    remaining = year - rows["days"]
    _put(rows, "needed_", _not_below_zero((goal - done) / Estimate(remaining, remaining, remaining)))
    _put(rows, "projected_", done / days * year)
    order = {e: i for i, e in enumerate(w["evidence"])}
    rows["_o"] = rows["evidence"].map(order)
    return rows.sort_values(["_o", "end"], kind="stable").drop(columns="_o").reset_index(drop=True)
