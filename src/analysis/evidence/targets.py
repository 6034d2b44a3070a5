"""Target paths: every goal for a metric, scope and year, in the order reports gave it.

In: the figures with their claims and the claims (:mod:`analysis.evidence.claims`). Out:
:func:`paths`, one row per target claim with:

``target_kind``
    ``revival`` (units or jobs to revive in one Iranian year), ``mandate``, ``multi_year``, ``term``
    (as entered in the ledger's ``target_kind``), ``share`` (a share sought, such as of bank
    facilities) or ``open`` (no period stated). Empty cells are read from the period.
``timing``
    when the target was first stated against its year, judged by its first report's date bounds:
    ``before``, ``during``, ``after``, or ``before or during`` / ``during or after`` when the
    bounds straddle the year's start or end. Empty for targets without a one-year period.
``role``
    ``first`` (the path's first value), ``revision`` (a new value that replaced the one before it:
    no report certainly published later states the old value without the new), ``alternative``
    (a different value while the earlier one was still given on its own), ``range low`` / ``range
    high`` (the two ends of a range one report gave: "1,200 to 1,500"; not a revision).
``direction``
    for a revision, ``raised`` or ``lowered``; ``previous_value`` the value it replaced.
``current``
    whether it is the path's value at the year's end (the first value, as revised).
``scored``
    whether attainment may be scored against it: a ``revival`` target of one year (of a revival
    scope, :data:`~analysis.assumptions.REVIVAL_SCOPES`), stated
    certainly before the year ended, that is the first or the current value. ``not_scored`` says
    why not otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import REVIVAL_SCOPES
from .keys import group_ids

#: A target's role in its path (``role``); in words: the catalogue's ``target_role.<role>``.
TARGET_ROLES: tuple[str, ...] = ("first", "revision", "alternative", "range low", "range high")

#: Target kinds (``target_kind``); in words: the catalogue's ``target_kind.<kind>``.
TARGET_KINDS: tuple[str, ...] = ("revival", "mandate", "multi_year", "term", "share", "open")

#: Why a target is not set against a result (``not_scored``; '' when it is); in words: the catalogue's
#: ``not_judged.<code>``. A target of another kind than ``revival`` gives its kind.
NOT_SCORED: tuple[str, ...] = ("other_programme", "late", "not_in_force", *TARGET_KINDS[1:])

#: A path: the goals of one kind for one metric, scope and period (one year, several, or none stated).
_KEYS = ["metric", "scope", "start", "end"]


def _kinds(t: pd.DataFrame) -> pd.Series:
    from_period = np.where(t["period_kind"] == "full_year", "revival",
                           np.where(t["period_kind"] == "multi_year", "multi_year", "open"))
    kind = pd.Series(from_period, index=t.index).where(t["unit"] != "percent", "share")
    return t["target_kind"].where(t["target_kind"] != "", kind)


def _timing(t: pd.DataFrame) -> pd.Series:
    early, late = t["first_published_earliest"], t["first_published_latest"]
    start, end = t["year_start"], t["year_end"]
    out = np.select(
        [late < start, (early >= start) & (late <= end), early > end, (early < start) & (late > end),
         (early < start) & (late >= start), (early <= end) & (late > end)],
        ["before", "during", "after", "before, during or after", "before or during", "during or after"], default="")
    return pd.Series(out, index=t.index).where(t["period_kind"] == "full_year", "")


def _ranges(figures: pd.DataFrame) -> pd.DataFrame:
    """Claims that are the ends of a range one report gave (an 'at least' and an 'up to' together)."""
    tf = figures[(figures["kind"] == "target") & figures["qualifier"].isin(["at_least", "over", "up_to"])]
    keys = ["source_id", "metric", "scope", "start", "end"]
    lows = tf[tf["qualifier"].isin(["at_least", "over"])][[*keys, "claim_id", "value"]]
    highs = tf[tf["qualifier"] == "up_to"][[*keys, "claim_id", "value"]]
    m = lows.merge(highs, on=keys, suffixes=("_low", "_high"))
    m = m[m["value_low"] < m["value_high"]]
    out = pd.concat([
        pd.DataFrame({"claim_id": m["claim_id_low"], "range_role": "range low", "range_source": m["source_id"],
                      "range_text_low": m["value_low"], "range_text_high": m["value_high"]}),
        pd.DataFrame({"claim_id": m["claim_id_high"], "range_role": "range high", "range_source": m["source_id"],
                      "range_text_low": m["value_low"], "range_text_high": m["value_high"]}),
    ])
    return out.drop_duplicates("claim_id")


def paths(figures: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Every target claim with its kind, timing and role in its path (see the module docstring)."""
    t = claims[claims["kind"] == "target"].copy()
    if t.empty:
        return t.assign(timing="", jalali_year=pd.array([], dtype="Int64"), range_role="", range_source="",
                        range_text_low=np.nan, range_text_high=np.nan, role="", direction="", previous_value=np.nan,
                        current=False, scored=False, not_scored="")
    t["target_kind"] = _kinds(t)
    t["timing"] = _timing(t)
    t["jalali_year"] = t["first_year"].where(t["period_kind"] == "full_year").astype("Int64")
    ranges = _ranges(figures)
    t = t.merge(ranges, on="claim_id", how="left")
    # A range's high end that is also a value given alone elsewhere keeps its own role in the path.
    alone = figures[(figures["kind"] == "target") & (figures["qualifier"] != "up_to")]["claim_id"].unique()
    t.loc[(t["range_role"] == "range high") & t["claim_id"].isin(alone), "range_role"] = np.nan
    t = t.sort_values([*_KEYS, "first_published_earliest", "first_published_latest", "claim_id"], kind="stable").reset_index(drop=True)
    # An open target (no period) is a path of its own: there is no period to revise it within.
    # A mandate and a revival goal of the same year are different paths: one never revises the other.
    t["path"] = group_ids(t.assign(_open=t["claim_id"].where(t["period_kind"] == "open", "")), [*_KEYS, "target_kind", "_open"])[0]

    # Which reports state which claim: to test whether an old value was still given on its own later.
    stated = figures[figures["kind"] == "target"][["claim_id", "source_id", "published_earliest"]].drop_duplicates()
    rows_of = stated.groupby("claim_id", sort=False).indices
    source, published = pd.factorize(stated["source_id"])[0], stated["published_earliest"].to_numpy()  # reports as integers
    claim, value, new_latest = t["claim_id"].to_numpy(), t["value"].to_numpy(), t["first_published_latest"].to_numpy()
    role = t["range_role"].fillna("").to_numpy(dtype=object)
    direction = np.full(len(t), "", dtype=object)
    previous = np.full(len(t), np.nan)
    current_flag = np.zeros(len(t), dtype=bool)
    # One pass per path, in report order (t's index is its row position); a path holds a handful of
    # distinct values however many figures restate them, and each step reads one claim's reports.
    for idx in t[role == ""].groupby("path", sort=False).groups.values():
        current = None
        for i in idx:
            if current is None:
                role[i], current = "first", i
                continue
            old = rows_of[claim[current]]
            later_old = source[old][published[old] > new_latest[i]]
            if len(later_old) and not np.isin(later_old, source[rows_of[claim[i]]]).all():
                role[i] = "alternative"  # the old value was still given on its own after this one
                continue
            role[i] = "revision"
            direction[i] = "raised" if value[i] > value[current] else "lowered"
            previous[i] = value[current]
            current = i
        current_flag[current] = True
    t["role"] = pd.array(role, dtype="str")
    t["direction"] = pd.array(direction, dtype="str")
    t["previous_value"] = previous
    t["current"] = current_flag
    certain_before = t["first_published_latest"] <= t["year_end"]
    revival = (t["target_kind"] == "revival") & t["scope"].isin(REVIVAL_SCOPES)
    path_role = t["role"].isin(["first", "revision"])
    t["scored"] = revival & certain_before & path_role
    t["not_scored"] = np.select(
        [~revival, ~certain_before, ~path_role],
        [np.where(t["target_kind"] == "revival", "other_programme", t["target_kind"]), "late", "not_in_force"],
        default="")
    return t.drop(columns=["path"])


#: The count each target metric sets a goal for.
COUNT_OF: dict[str, str] = {"units_target": "units_revived", "jobs_target": "jobs_created"}


def echoes(claims: pd.DataFrame, targets: pd.DataFrame, place: list[str] = ()) -> pd.Series:
    """For each count claim, the target claim of the same quantity and Iranian year (first stated or
    revised, any scope) whose value it equals, or '': a result equal to its own target may be the plan
    reported as an outcome. Aligned with ``claims``' index. Year-to-date and full-year counts are
    compared with their year's targets; other periods with none. ``place`` (``["province"]``): both hold
    several places' rows, and a count echoes only a target of its own place."""
    place = list(place)
    out = pd.Series("", index=claims.index, dtype="str")
    if targets is None or targets.empty or claims.empty:
        return out
    t = targets[targets["metric"].isin(list(COUNT_OF)) & targets["role"].isin(["first", "revision"]) & targets["jalali_year"].notna()]
    t = t.assign(count_metric=t["metric"].map(COUNT_OF))[[*place, "count_metric", "jalali_year", "value", "claim_id"]]
    t = t.sort_values([*place, "count_metric", "jalali_year", "value", "claim_id"], kind="stable").drop_duplicates(
        [*place, "count_metric", "jalali_year", "value"])
    c = claims[claims["metric"].isin(list(COUNT_OF.values())) & claims["cumulative_year"].notna()]
    m = c[[*place, "metric", "cumulative_year", "value"]].reset_index().merge(
        t.rename(columns={"count_metric": "metric", "jalali_year": "cumulative_year"}).astype({"cumulative_year": "Int64"}),
        on=[*place, "metric", "cumulative_year", "value"], how="inner")
    out.loc[m["index"].to_numpy()] = m["claim_id"].to_numpy()
    return out
