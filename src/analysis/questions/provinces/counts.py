"""What each province reports: its best estimate per year, its share of the national count, its jobs per
unit, its counts to date in the latest year, and the map's squares.

In: :class:`~.places.Places`. Out: :func:`years`, :func:`shares`, :func:`jobs`, :func:`latest_year`,
:func:`in_year`, :func:`national_in_year` and :func:`tiles`, one frame each (see the package's docstring).
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from ...assumptions import REVIVAL_SCOPES
from ...bounds import Estimate
from ...evidence.estimates import WHOLE_YEAR_BASES
from ...evidence.keys import join_lists

from .places import UNITS, WHOLE, Places, _against_national, _empty, _national, _order


# ---------------------------------------------------------------------------------------------
# Each province's year
# ---------------------------------------------------------------------------------------------

YEAR_COLUMNS = ["province", "jalali_year", "scope", "value", "low", "high", "gen_low", "gen_high", "basis", "rule", "chosen_claim",
                "claim_ids", "figure_ids", "source_ids"]


def years(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """Each province's best estimate of ``metric`` per Iranian year and scope (revival scopes only)."""
    parts = [e.estimates.assign(province=p) for p, e in pl.provinces.items()]
    parts = [p[(p["metric"] == metric) & p["scope"].isin(REVIVAL_SCOPES)] for p in parts]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _empty(YEAR_COLUMNS, floats=("value", "low", "high", "gen_low", "gen_high"), ints=("jalali_year",))
    out = pd.concat(parts, ignore_index=True)[YEAR_COLUMNS]
    out["jalali_year"] = out["jalali_year"].astype(int)
    return _order(out, "jalali_year", "scope")




SHARE_COLUMNS = [*YEAR_COLUMNS, "national_scope", "cross_scope", "nat_value", "nat_low", "nat_high", "share_value", "share_low",
                 "share_high", "nat_source_ids", "all_source_ids"]


def shares(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """Each province's estimate (:func:`years`) as a percentage of the national estimate of the same year:
    of the same scope where the country has one, else of the whole country's (``cross_scope``, a part
    against its whole). No national estimate of either: the share columns are NaN."""
    y = years(pl, metric)
    if y.empty:
        return _empty(SHARE_COLUMNS, floats=("value", "low", "high", "gen_low", "gen_high", "nat_value", "nat_low", "nat_high",
                                             "share_value", "share_low", "share_high"), ints=("jalali_year",), bools=("cross_scope",))
    m = _against_national(y, _national(pl, metric))
    share = Estimate(m["value"], m["low"], m["high"]) / Estimate(m["nat_value"], m["nat_low"], m["nat_high"]) * 100.0
    m["share_value"], m["share_low"], m["share_high"] = share.value, share.low, share.high
    m["nat_source_ids"] = m["nat_source_ids"].fillna("").astype(str)
    m["all_source_ids"] = join_lists(m["source_ids"], m["nat_source_ids"])
    return m[SHARE_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Jobs per unit
# ---------------------------------------------------------------------------------------------

JOBS_COLUMNS = ["province", "scope", "jalali_year", "period_kind", "first_year", "last_year", "start", "end", "end_earliest",
                "end_latest", "month_first", "month_last", "u_value", "u_low", "u_high", "j_value", "j_low", "j_high", "jpu_value",
                "jpu_low", "jpu_high", "implausible", "national_scope", "cross_scope", "nat_value", "nat_low", "nat_high",
                "units_claim", "jobs_claim", "figure_ids", "source_ids", "nat_source_ids", "all_source_ids"]


def jobs(pl: Places) -> pd.DataFrame:
    """Every unit-job pair of each province (:mod:`analysis.evidence.pairs`: one report, or one stated
    period, gives both), with the national jobs per unit of the same Iranian year and scope
    (:func:`analysis.questions.jobs.yearly`), or the whole country's (``cross_scope``). A pair whose
    period lies in no single year (several years, none stated) has no national ratio to set it beside."""
    from .. import jobs as national_jobs

    parts = [e.pairs.assign(province=p) for p, e in pl.provinces.items() if not e.pairs.empty]
    if not parts:
        return _empty(JOBS_COLUMNS, floats=("u_value", "u_low", "u_high", "j_value", "j_low", "j_high", "jpu_value", "jpu_low",
                                            "jpu_high", "nat_value", "nat_low", "nat_high"), bools=("cross_scope", "implausible"))
    p = pd.concat(parts, ignore_index=True)
    p = p[p["scope"].isin(REVIVAL_SCOPES)].copy()
    p["jalali_year"] = p["cumulative_year"].where(p["cumulative_year"].notna(),
                                                  p["first_year"].where(p["first_year"] == p.get("last_year", p["first_year"])))
    p["jalali_year"] = p["jalali_year"].astype("Int64")
    ratios = national_jobs.yearly(pl.national)
    nat = ratios.rename(columns={"jpu_value": "value", "jpu_low": "low", "jpu_high": "high"})[
        ["jalali_year", "scope", "value", "low", "high", "source_ids"]]
    nat = nat.assign(jalali_year=nat["jalali_year"].astype("Int64"))
    m = _against_national(p, nat, any_scope=True)
    m["nat_source_ids"] = m["nat_source_ids"].fillna("").astype(str)
    m["all_source_ids"] = join_lists(m["source_ids"], m["nat_source_ids"])
    for col in ("last_year", "month_first", "month_last"):
        if col not in m:
            m[col] = pd.NA
    return _order(m[JOBS_COLUMNS], "jalali_year", "scope")


# ---------------------------------------------------------------------------------------------
# The latest year, to date
# ---------------------------------------------------------------------------------------------

IN_YEAR_COLUMNS = ["province", "scope", "jalali_year", "claim_id", "value", "low", "high", "qualifier", "period_kind", "first_year",
                   "last_year", "start", "end", "end_earliest", "end_latest", "month_first", "month_last", "year_days",
                   "elapsed_low", "elapsed_high", "target_value", "target_low", "target_high", "target_claim", "progress_value",
                   "progress_low", "progress_high", "figure_ids", "source_ids"]


def latest_year(pl: Places, metric: str = UNITS) -> int | None:
    """The latest Iranian year any province counts ``metric`` for from the year's first day (``None``: none)."""
    years_ = [e.claims.loc[(e.claims["metric"] == metric) & e.claims["cumulative_year"].notna(), "cumulative_year"]
              for e in pl.provinces.values()]
    years_ = [int(y) for s in years_ for y in s]
    return max(years_) if years_ else None


def in_year(pl: Places, year: int | None = None, metric: str = UNITS) -> pd.DataFrame:
    """Each province's counts from the first day of ``year`` (default :func:`latest_year`) to a day within
    it, in order: the share of the year elapsed at the count's end (a range for an undated report) and,
    where the province has a target of the year in the same scope (as in force), the share reached."""
    year = latest_year(pl, metric) if year is None else year
    cols = IN_YEAR_COLUMNS
    if year is None:
        return _empty(cols, floats=[c for c in cols if c.endswith(("value", "low", "high"))] + ["elapsed_low", "elapsed_high"])
    rows = []
    for p, e in pl.provinces.items():
        c = e.claims
        c = c[(c["metric"] == metric) & (c["cumulative_year"] == year) & (c["period_kind"] != "full_year")
              & c["scope"].isin(REVIVAL_SCOPES)].copy()
        if c.empty:
            continue
        t = e.targets
        t = t[(t["metric"] == "units_target") & t["current"].astype(bool) & (t["period_kind"] == "full_year")
              & (t["first_year"] == year)][["scope", "value", "low", "high", "claim_id"]]
        t = t.drop_duplicates("scope").rename(columns={"value": "target_value", "low": "target_low", "high": "target_high",
                                                       "claim_id": "target_claim"})
        c = c.merge(t, on="scope", how="left")
        c["province"] = p
        rows.append(c)
    if not rows:
        return _empty(cols, floats=[c for c in cols if c.endswith(("value", "low", "high"))] + ["elapsed_low", "elapsed_high"])
    c = pd.concat(rows, ignore_index=True)
    c["jalali_year"] = year
    days = c["year_days"].astype(float)
    c["elapsed_low"] = ((c["end_earliest"] - c["year_start"]).dt.days + 1) / days * 100.0
    c["elapsed_high"] = ((c["end_latest"] - c["year_start"]).dt.days + 1) / days * 100.0
    progress = Estimate(c["value"], c["low"], c["high"]) / Estimate(c["target_value"], c["target_low"], c["target_high"]) * 100.0
    c["progress_value"], c["progress_low"], c["progress_high"] = progress.value, progress.low, progress.high
    for col in ("last_year", "month_first", "month_last"):
        if col not in c:
            c[col] = pd.NA
    c["target_claim"] = c["target_claim"].fillna("").astype(str)
    return _order(c[cols], "scope", "end_latest")


def national_in_year(pl: Places, year: int | None, metric: str = UNITS) -> pd.DataFrame:
    """The country's counts from the first day of ``year`` to a day within it (the national side of the
    provinces' trackers), latest last."""
    c = pl.national.claims
    if year is None:
        return c.iloc[0:0]
    c = c[(c["metric"] == metric) & (c["cumulative_year"] == year) & (c["period_kind"] != "full_year") & (c["scope"] == WHOLE)]
    return c.sort_values(["end_latest", "claim_id"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------------------------

TILE_COLUMNS = ["province", "iso_code", "row", "col", "status", "jalali_year", "value", "low", "high", "basis", "figures",
                "source_ids"]

#: What a tile shows: ``count`` (a whole-year count of units revived for the whole province: the latest
#: year's), ``other`` (figures, but no such count), ``none`` (no figure in any report).
TILE_STATUSES: tuple[str, ...] = ("count", "other", "none")


def tiles(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """The 31 provinces at their squares (``row`` 1 northernmost, ``col`` 1 westernmost), each with its
    latest year's count: the best estimate of ``metric`` for the whole province (scope ``national``) in
    the latest Iranian year it has one covering the whole year (:data:`WHOLE_YEAR_BASES`: stated for
    the year, or its count near the year's end carried to the year's end). A count of a part of the
    province (its industrial parks) or of a part of a year is not coloured: it would not compare with
    the others; the province is ``other``, with its figures counted. ``none``: no report names it."""
    from ... import vocab

    y = years(pl, metric)
    y = y[(y["scope"] == WHOLE) & y["basis"].isin(WHOLE_YEAR_BASES)]
    latest = y.sort_values(["province", "jalali_year"], kind="stable").drop_duplicates("province", keep="last").set_index("province")
    counted = pl.figures.groupby("province").size() if not pl.figures.empty else pd.Series(dtype=int)
    rows = []
    for name, p in vocab.PROVINCES.items():
        n = int(counted.get(name, 0))
        if name in latest.index:
            r = latest.loc[name]
            rows.append((name, p.iso_code, p.row, p.col, "count", int(r["jalali_year"]), float(r["value"]), float(r["low"]),
                         float(r["high"]), r["basis"], n, r["source_ids"]))
        else:
            ids = ", ".join(dict.fromkeys(pl.figures.loc[pl.figures["province"] == name, "source_id"])) if n else ""
            rows.append((name, p.iso_code, p.row, p.col, "other" if n else "none", pd.NA, np.nan, np.nan, np.nan, "", n, ids))
    out = pd.DataFrame(rows, columns=TILE_COLUMNS)
    out["jalali_year"] = out["jalali_year"].astype("Int64")
    return out
