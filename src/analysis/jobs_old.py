"""Jobs per revived unit: pairs of unit and job counts, marginal ratios, and officials' stated averages.

Conventions (README, "Jobs per revived unit"):

- **A pair** is a ``units_revived`` figure and a ``jobs_created`` figure of the **same scope** and the
  **same period**: the same first day and the same last day. A year-to-date figure with an open end
  (it runs to its report's publication) pairs only with another open-ended figure **of the same
  source**, since two reports published on different days cover different periods. Pairs are never
  formed across scopes.
- **Restatements are collapsed** to the figure they repeat (the ledger's ``restates`` column), when
  the restatement covers the same period as its original; a restatement of the same number for a
  different period is kept as a figure of its own (the audit flags such reuse). Each pair lists the
  figures that restate its two figures (``restated_by``) and the sources that state both of its
  numbers together (``stated_in``).
- **Jobs per unit** is ``jobs / units`` with the bounds the wording implies, by interval arithmetic
  (:func:`analysis.metrics.jobs_per_unit`): 8,000 jobs (read as 7,500 .. 8,500) over 468 units gives
  17.09 (16.03 .. 18.16) jobs per unit. Columns ``jpu_value``, ``jpu_low``, ``jpu_high``.
- **Marginal jobs per unit** between consecutive year-to-date reports of the same Iranian year and
  scope is ``(jobs_later - jobs_earlier) / (units_later - units_earlier)``, each difference an
  interval. Reports are ordered by their end date; an open end uses its source's publication
  bounds (ordered by earliest, then latest possible end). Where two consecutive reports' end windows
  overlap, their order is not known from the dates (``order_known`` is False). A change in units
  that is zero or negative is reported as such and not divided; one whose interval includes zero
  gives a central ratio but no bounds.
- **Implausible** ratios (:func:`implausible`): a ratio whose whole interval lies below the lowest
  full-year ratio divided by :data:`PLAUSIBLE_FACTOR`, or above the highest full-year ratio times
  that factor (the full-year range spans every scope, and says so), and every marginal whose units
  did not rise.
- **Stated averages** (metric ``jobs_per_unit_stated``) are set against the computed pair of the
  same scope and period; failing that, the pairs of the same scope and start whose end is nearest
  (every pair tied for nearest is kept); failing that, the nearest pairs of another scope, labelled.

All functions work on whole columns (merges and group-bys), never row by row.
"""

from __future__ import annotations

from typing import Iterable

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
import numpy as np
import pandas as pd

from . import calendar, metrics, plots, text
from .bounds import Estimate, rounding_step_column

UNITS = "units_revived"
JOBS = "jobs_created"
STATED = "jobs_per_unit_stated"

#: How far outside the full-year range a ratio must lie to be called implausible (a factor).
PLAUSIBLE_FACTOR: float = 2.0

_FIGURE_COLUMNS = ["figure_id", "source_id", "metric", "value", "low", "high", "scope", "start", "end",
                   "end_earliest", "end_latest", "end_from_publication", "start_jalali", "end_jalali",
                   "jalali_year", "restates", "primary", "published_earliest"]


#: Columns of :func:`pair_units_jobs`'s table, in order.
_PAIR_COLUMNS = ["pair", "scope", "jalali_year", "period", "period_gregorian", "start", "end", "end_earliest",
                 "end_latest", "end_from_publication", "full_year", "year_to_date", "units_figure", "jobs_figure",
                 "units_source", "jobs_source", "stated_in", "restated_by", "source_ids", "primary",
                 "units_value", "units_low", "units_high", "jobs_value", "jobs_low", "jobs_high",
                 "jpu_value", "jpu_low", "jpu_high"]


# --------------------------------------------------------------------------------------------
# Restatements and periods


def collapse_restatements(figures: pd.DataFrame) -> pd.DataFrame:
    """Add ``original``: the figure each row repeats, or its own id.

    A row's ``restates`` is followed only when the figure it names is in ``figures`` and covers the
    same period (same start and same end, or both open-ended); otherwise the row is its own original.
    Returns a new frame (``figures`` is not changed).
    """
    ids = figures[["figure_id", "start", "end"]].rename(
        columns={"figure_id": "restates", "start": "_o_start", "end": "_o_end"}).drop_duplicates("restates")
    merged = figures[["restates", "start", "end"]].merge(ids, on="restates", how="left", indicator=True)
    same_start = (merged["start"] == merged["_o_start"]) | (merged["start"].isna() & merged["_o_start"].isna())
    same_end = (merged["end"] == merged["_o_end"]) | (merged["end"].isna() & merged["_o_end"].isna())
    follow = (merged["_merge"] == "both") & same_start & same_end
    original = merged["restates"].where(follow.to_numpy(), figures["figure_id"].to_numpy())
    return figures.assign(original=original.to_numpy())


def period_label(frame: pd.DataFrame) -> pd.Series:
    """A short Iranian-calendar name for each row's period.

    ``'1398 (full year)'``, ``'1399/01/01 to 1399/07/30'``, ``'1399/01/01 to publication'``
    (an open end), from the columns ``jalali_year``, ``start``, ``end``, ``start_jalali``, ``end_jalali``.
    """
    year = calendar.year_bounds_columns(frame["jalali_year"])
    full = frame["end"].notna() & (frame["start"] == year["year_start"]) & (frame["end"] == year["year_end"])
    year_text = frame["jalali_year"].astype("str")
    span = frame["start_jalali"] + " to " + frame["end_jalali"].where(frame["end"].notna(), "publication")
    return span.where(~full, year_text + " (full year)")


def period_label_gregorian(frame: pd.DataFrame) -> pd.Series:
    """The same periods in Gregorian dates; an open end is shown as its publication bounds.

    ``'2019-03-21 to 2020-03-19'``, ``'2020-03-20 to 2020-06-21..2021-03-20'``.
    """
    start = frame["start"].dt.strftime("%Y-%m-%d")
    early = frame["end_earliest"].dt.strftime("%Y-%m-%d")
    late = frame["end_latest"].dt.strftime("%Y-%m-%d")
    end = early.where(early == late, early + ".." + late)
    return start + " to " + end


# --------------------------------------------------------------------------------------------
# Pairs of units and jobs


def pair_units_jobs(figures: pd.DataFrame) -> pd.DataFrame:
    """Every pair of a units count and a jobs count of the same scope and period, with jobs per unit.

    Parameters
    ----------
    figures: ledger figures (``Ledger.figures`` or a subset such as ``Ledger.seed_figures()``).

    Returns
    -------
    One row per pair of original figures (restatements collapsed), sorted by scope-independent
    period (start, end) then scope and figure ids. Columns: ``pair`` ("units id + jobs id"),
    ``scope``, ``jalali_year``, ``period``, ``period_gregorian``, ``start``, ``end``,
    ``end_earliest``, ``end_latest``, ``end_from_publication``, ``full_year``, ``year_to_date``,
    ``units_figure``, ``jobs_figure``, ``units_source``, ``jobs_source``, ``stated_in`` (sources
    stating both numbers, comma-separated), ``restated_by`` (figures restating either),
    ``source_ids`` (every source involved), ``primary`` (a primary-source figure is involved),
    ``units_value/low/high``, ``jobs_value/low/high`` and ``jpu_value/low/high`` (jobs per unit).
    """
    base = collapse_restatements(figures.loc[figures["metric"].isin([UNITS, JOBS]), _FIGURE_COLUMNS])
    units = base[base["metric"] == UNITS]
    jobs = base[base["metric"] == JOBS]
    stated = units.merge(jobs, on=["scope", "start"], suffixes=("_u", "_j"))
    closed = stated["end_u"].notna() & stated["end_j"].notna() & (stated["end_u"] == stated["end_j"])
    open_same_source = stated["end_u"].isna() & stated["end_j"].isna() & (stated["source_id_u"] == stated["source_id_j"])
    stated = stated[closed | open_same_source]
    if stated.empty:
        return _empty_pairs()
    stated = stated.assign(
        both_original=(stated["figure_id_u"] == stated["original_u"]) & (stated["figure_id_j"] == stated["original_j"]),
        together=np.where(stated["source_id_u"] == stated["source_id_j"], stated["source_id_u"], ""),
        key=stated["original_u"] + " + " + stated["original_j"],
    )
    # The representative stated pair of each group: both originals if stated so, else the earliest report.
    rep = stated.sort_values(["key", "both_original", "published_earliest_u", "figure_id_u", "figure_id_j"],
                             ascending=[True, False, True, True, True], kind="stable").drop_duplicates("key")

    def _join(values: pd.Series) -> str:
        return ", ".join(sorted({v for v in values if v}))

    restaters = pd.concat([
        stated[["key", "figure_id_u"]].rename(columns={"figure_id_u": "fid"}).assign(orig=stated["original_u"]),
        stated[["key", "figure_id_j"]].rename(columns={"figure_id_j": "fid"}).assign(orig=stated["original_j"]),
    ])
    restaters = restaters[restaters["fid"] != restaters["orig"]]
    groups = stated.groupby("key", sort=True).agg(
        stated_in=("together", _join),
        primary=("primary_u", "any"),
        primary_j=("primary_j", "any"),
        sources_u=("source_id_u", _join),
        sources_j=("source_id_j", _join),
    )
    groups = groups.assign(
        restated_by=restaters.groupby("key")["fid"].agg(_join).reindex(groups.index).fillna(""),
        primary=groups["primary"] | groups["primary_j"],
    )
    # Values and bounds are the original figures' own.
    orig = base.set_index("figure_id")
    out = rep.set_index("key").join(groups[["stated_in", "restated_by", "primary", "sources_u", "sources_j"]])
    u = orig.loc[out["original_u"]]
    j = orig.loc[out["original_j"]]
    frame = pd.DataFrame({
        "pair": out.index,
        "scope": out["scope"].to_numpy(),
        "jalali_year": out["jalali_year_u"].to_numpy(),
        "start": out["start"].to_numpy(),
        "end": out["end_u"].to_numpy(),
        "end_earliest": out["end_earliest_u"].to_numpy(),
        "end_latest": out["end_latest_u"].to_numpy(),
        "end_from_publication": out["end_from_publication_u"].to_numpy(),
        "start_jalali": out["start_jalali_u"].to_numpy(),
        "end_jalali": out["end_jalali_u"].to_numpy(),
        "units_figure": out["original_u"].to_numpy(),
        "jobs_figure": out["original_j"].to_numpy(),
        "units_source": u["source_id"].to_numpy(),
        "jobs_source": j["source_id"].to_numpy(),
        "stated_in": out["stated_in"].to_numpy(),
        "restated_by": out["restated_by"].to_numpy(),
        "source_ids": (out["sources_u"] + ", " + out["sources_j"]).map(lambda s: ", ".join(sorted(set(s.split(", "))))).to_numpy(),
        "primary": out["primary"].to_numpy(),
        "units_value": u["value"].to_numpy(), "units_low": u["low"].to_numpy(), "units_high": u["high"].to_numpy(),
        "jobs_value": j["value"].to_numpy(), "jobs_low": j["low"].to_numpy(), "jobs_high": j["high"].to_numpy(),
    })
    frame = frame.assign(jalali_year=frame["jalali_year"].astype("Int64"),
                         start_jalali=frame["start_jalali"].astype("str"),
                         end_jalali=frame["end_jalali"].astype("str"))
    ratio = metrics.jobs_per_unit(metrics.from_columns(frame, "jobs_"), metrics.from_columns(frame, "units_"))
    year = calendar.year_bounds_columns(frame["jalali_year"])
    ys = year["year_start"]
    frame = frame.assign(
        jpu_value=ratio.value, jpu_low=ratio.low, jpu_high=ratio.high,
        year_to_date=frame["jalali_year"].notna().to_numpy() & (frame["start"] == ys).to_numpy(),
        full_year=frame["end"].notna() & (frame["start"] == ys) & (frame["end"] == year["year_end"]),
        period=period_label(frame),
        period_gregorian=period_label_gregorian(frame),
    )
    frame = frame[_PAIR_COLUMNS].sort_values(["start", "end_earliest", "end_latest", "scope", "pair"], kind="stable")
    return frame.reset_index(drop=True)


def _empty_pairs() -> pd.DataFrame:
    """A pairs table with no rows but the right column types."""
    dates = ["start", "end", "end_earliest", "end_latest"]
    flags = ["end_from_publication", "full_year", "year_to_date", "primary"]
    numbers = [f"{p}{s}" for p in ("units_", "jobs_", "jpu_") for s in ("value", "low", "high")]
    texts = ["pair", "scope", "period", "period_gregorian", "units_figure", "jobs_figure", "units_source",
             "jobs_source", "stated_in", "restated_by", "source_ids"]
    columns = {c: pd.Series(dtype="datetime64[us]") for c in dates}
    columns |= {c: pd.Series(dtype="bool") for c in flags}
    columns |= {c: pd.Series(dtype="float64") for c in numbers}
    columns |= {c: pd.Series(dtype="str") for c in texts}
    columns["jalali_year"] = pd.Series(dtype="Int64")
    return pd.DataFrame(columns)[_PAIR_COLUMNS]


def _estimate(frame: pd.DataFrame, prefix: str, suffix: str = "") -> Estimate:
    """An :class:`Estimate` of columns ``{prefix}value{suffix}``, ``{prefix}low{suffix}``, ``{prefix}high{suffix}``."""
    return Estimate(frame[f"{prefix}value{suffix}"], frame[f"{prefix}low{suffix}"], frame[f"{prefix}high{suffix}"])


# --------------------------------------------------------------------------------------------
# Plausibility


def full_year_range(pairs: pd.DataFrame) -> Estimate:
    """The range of full-year jobs per unit, across every scope: ``Estimate(median, min low, max high)``.

    The reference against which part-year and marginal ratios are judged (:func:`implausible`).
    Raises ``ValueError`` when ``pairs`` holds no full-year pair.
    """
    full = pairs[pairs["full_year"].astype(bool)]
    if full.empty:
        raise ValueError("no full-year pair of units and jobs to take a reference range from")
    return Estimate(float(full["jpu_value"].median()), float(full["jpu_low"].min()), float(full["jpu_high"].max()))


def implausible(low: pd.Series, high: pd.Series, reference: Estimate, factor: float = PLAUSIBLE_FACTOR) -> pd.Series:
    """Why each ratio interval ``[low, high]`` is implausible, or ``''``.

    ``'negative'`` when the whole interval is below zero; ``'far below the full-year range'`` when it
    lies wholly below ``reference.low / factor``; ``'far above the full-year range'`` when wholly above
    ``reference.high * factor``. Missing bounds give ``''``.
    """
    reason = pd.Series("", index=low.index, dtype="str")
    reason = reason.mask(high < reference.low / factor, "far below the full-year range")
    reason = reason.mask(high < 0, "negative")
    reason = reason.mask(low > reference.high * factor, "far above the full-year range")
    return reason


def flag_pairs(pairs: pd.DataFrame, reference: Estimate | None = None, factor: float = PLAUSIBLE_FACTOR) -> pd.DataFrame:
    """``pairs`` with a ``flag`` column from :func:`implausible` (reference: :func:`full_year_range`)."""
    reference = full_year_range(pairs) if reference is None else reference
    return pairs.assign(flag=implausible(pairs["jpu_low"], pairs["jpu_high"], reference, factor))


# --------------------------------------------------------------------------------------------
# Marginal jobs per unit


def marginal_jobs_per_unit(pairs: pd.DataFrame, reference: Estimate | None = None,
                           factor: float = PLAUSIBLE_FACTOR) -> pd.DataFrame:
    """Marginal jobs per unit between consecutive year-to-date reports of the same year and scope.

    Parameters
    ----------
    pairs: the output of :func:`pair_units_jobs` (only its ``year_to_date`` rows are used; a
        full-year pair is the year's last year-to-date report).
    reference: the full-year range for :func:`implausible` (default :func:`full_year_range` of ``pairs``).
    factor: see :func:`implausible`.

    Returns
    -------
    One row per pair at one end date and pair at the next distinct end date (several pairs at one
    end give one row each). Columns: ``scope``, ``jalali_year``, ``from_pair``, ``to_pair``,
    ``from_period``, ``to_period``, ``from_end``/``to_end`` (Gregorian end or its bounds),
    ``order_known`` (the end windows do not overlap), ``units_change_value/low/high``,
    ``jobs_change_value/low/high``, ``marginal_value/low/high`` (jobs per added unit; NaN where not
    divided), ``status`` (``'divided'``, ``'units did not rise'``, ``'units change may be zero'``),
    ``flag`` (why implausible, ``'order not known from the dates'`` where the end windows overlap,
    or ``''``), ``source_ids``.
    """
    ytd = pairs[pairs["year_to_date"].astype(bool)]
    columns = ["scope", "jalali_year", "from_pair", "to_pair", "from_period", "to_period", "from_end", "to_end",
               "order_known", "units_change_value", "units_change_low", "units_change_high",
               "jobs_change_value", "jobs_change_low", "jobs_change_high", "marginal_value", "marginal_low",
               "marginal_high", "status", "flag", "source_ids"]
    if ytd.empty:
        return pd.DataFrame(columns=columns)
    reference = full_year_range(pairs) if reference is None else reference
    key = ["scope", "jalali_year"]
    ends = ytd[key + ["end_earliest", "end_latest"]].drop_duplicates().sort_values(
        key + ["end_earliest", "end_latest"], kind="stable")
    ends = ends.assign(step=ends.groupby(key, sort=False).cumcount())
    steps = ytd.merge(ends, on=key + ["end_earliest", "end_latest"])
    later = steps.assign(step=steps["step"] - 1)
    m = steps.merge(later, on=key + ["step"], suffixes=("_a", "_b"))
    if m.empty:
        return pd.DataFrame(columns=columns)
    du = metrics.marginal(_estimate(m, "units_", "_a"), _estimate(m, "units_", "_b"))
    dj = metrics.marginal(_estimate(m, "jobs_", "_a"), _estimate(m, "jobs_", "_b"))
    rose = du.low > 0
    fell = du.value <= 0
    safe_low = du.low.where(rose, 1.0)
    safe_value = du.value.where(~fell, 1.0)
    ratio = Estimate(dj.value, dj.low, dj.high) / Estimate(safe_value, safe_low, du.high.where(rose, 1.0))
    value = (dj.value / safe_value).where(~fell)
    status = pd.Series("divided", index=m.index, dtype="str")
    status = status.mask(~rose & ~fell, "units change may be zero").mask(fell, "units did not rise")
    low = ratio.low.where(rose)
    high = ratio.high.where(rose)
    order_known = m["end_latest_a"] < m["end_earliest_b"]
    flag = implausible(low, high, reference, factor).mask(fell, "units did not rise")
    flag = flag.mask(~order_known, "order not known from the dates")

    def _end(suffix: str) -> pd.Series:
        early = m[f"end_earliest{suffix}"].dt.strftime("%Y-%m-%d")
        late = m[f"end_latest{suffix}"].dt.strftime("%Y-%m-%d")
        return early.where(early == late, early + ".." + late)

    out = pd.DataFrame({
        "scope": m["scope"], "jalali_year": m["jalali_year"],
        "from_pair": m["pair_a"], "to_pair": m["pair_b"],
        "from_period": m["period_a"], "to_period": m["period_b"],
        "from_end": _end("_a"), "to_end": _end("_b"),
        "order_known": order_known,
        "units_change_value": du.value, "units_change_low": du.low, "units_change_high": du.high,
        "jobs_change_value": dj.value, "jobs_change_low": dj.low, "jobs_change_high": dj.high,
        "marginal_value": value, "marginal_low": low, "marginal_high": high,
        "status": status, "flag": flag,
        "source_ids": (m["source_ids_a"] + ", " + m["source_ids_b"]).map(lambda s: ", ".join(sorted(set(s.split(", "))))),
    })
    order = ends.assign(_order=np.arange(len(ends)))[key + ["step", "_order"]]
    out = out.assign(step=m["step"]).merge(order, on=key + ["step"], how="left")
    out = out.sort_values(["_order", "from_pair", "to_pair"], kind="stable").drop(columns=["step", "_order"])
    return out[columns].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Officials' stated averages


def stated_vs_computed(figures: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Each stated average jobs per unit against the computed pair it can be checked with.

    Match order (column ``match``): the pair of the same scope and period (``'same scope and
    period'``); else the pairs of the same scope and start whose end window is nearest to the stated
    figure's (``'same scope, end windows overlap'`` or ``'same scope, ends N days apart'``; all pairs
    tied for nearest are kept); else the nearest pairs of another scope with the same start, labelled
    ``'different scope (pair scope), ...'``; else no pair (``'no pair with the same start'``).

    Returns one row per stated figure and matched pair: ``stated_figure``, ``source_id``,
    ``restated_by``, ``scope``, ``period``, ``stated_value/low/high``, ``pair``, ``pair_scope``,
    ``pair_period``, ``match``, ``jpu_value/low/high``, ``difference_value/low/high`` (stated minus
    computed, jobs per unit), ``consistent`` (the two intervals overlap), ``rounds_to_stated`` (the
    computed interval reaches the stated value's own rounding band: 18 stands for 17.5 .. 18.5, an
    average being a rounded number whatever the wording), ``source_ids``.
    """
    stated = collapse_restatements(figures.loc[figures["metric"] == STATED, _FIGURE_COLUMNS])
    restaters = stated[stated["figure_id"] != stated["original"]].groupby("original")["figure_id"].agg(
        lambda s: ", ".join(sorted(s)))
    stated = stated[stated["figure_id"] == stated["original"]]
    stated = stated.assign(restated_by=stated["figure_id"].map(restaters).astype("str").where(stated["figure_id"].isin(restaters.index), ""),
                           period=period_label(stated))
    cand = stated.merge(pairs, on="start", how="left", suffixes=("", "_pair"), indicator=True)
    has_pair = cand["_merge"] == "both"
    same_scope = cand["scope"] == cand["scope_pair"]
    open_same_source = cand["end"].isna() & cand["end_from_publication_pair"].fillna(False).astype(bool) & (
        cand["source_id"] == cand["units_source"]) & (cand["source_id"] == cand["jobs_source"])
    exact = has_pair & same_scope & ((cand["end"].notna() & (cand["end"] == cand["end_pair"])) | open_same_source)
    pair_early, pair_late = pd.to_datetime(cand["end_earliest_pair"]), pd.to_datetime(cand["end_latest_pair"])
    gap = np.maximum(0, np.maximum((pair_early - cand["end_latest"]).dt.days,
                                   (cand["end_earliest"] - pair_late).dt.days))
    tier = pd.Series(np.where(exact, 0, np.where(same_scope, 1, 2)), index=cand.index).where(has_pair, 3)
    rank = tier * 1_000_000 + gap.fillna(0)
    cand = cand.assign(_rank=rank)
    best = cand[cand["_rank"] == cand.groupby("figure_id")["_rank"].transform("min")]
    gap_text = gap.loc[best.index].astype("Int64").astype("str")
    near = np.where(gap.loc[best.index] == 0, "end windows overlap", "ends " + gap_text + " days apart")
    match = pd.Series(near, index=best.index, dtype="str")
    match = ("same scope, " + match).where(tier.loc[best.index] == 1,
                                           "different scope (" + best["scope_pair"].fillna("") + "), " + match)
    match = match.mask(tier.loc[best.index] == 0, "same scope and period")
    match = match.mask(tier.loc[best.index] == 3, "no pair with the same start")
    diff = Estimate(best["value"], best["low"], best["high"]) - Estimate(best["jpu_value"], best["jpu_low"], best["jpu_high"])
    consistent = (best["low"] <= best["jpu_high"]) & (best["jpu_low"] <= best["high"])
    half_step = rounding_step_column(best["value"]) / 2
    rounds = ((best["value"] - half_step) <= best["jpu_high"]) & (best["jpu_low"] <= (best["value"] + half_step))
    out = pd.DataFrame({
        "stated_figure": best["figure_id"], "source_id": best["source_id"], "restated_by": best["restated_by"],
        "scope": best["scope"], "period": best["period"],
        "stated_value": best["value"], "stated_low": best["low"], "stated_high": best["high"],
        "pair": best["pair"].fillna(""), "pair_scope": best["scope_pair"].fillna(""),
        "pair_period": best["period_pair"].fillna(""), "match": match,
        "jpu_value": best["jpu_value"], "jpu_low": best["jpu_low"], "jpu_high": best["jpu_high"],
        "difference_value": diff.value, "difference_low": diff.low, "difference_high": diff.high,
        "consistent": consistent.where(best["_merge"] == "both", False),
        "rounds_to_stated": rounds.where(best["_merge"] == "both", False),
        "source_ids": (best["source_id"] + ", " + best["source_ids"].fillna("")).map(
            lambda s: ", ".join(sorted({x for x in s.split(", ") if x}))),
    })
    return out.sort_values(["stated_figure", "pair"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Comparing two ratios (the seed view), and what a period covers


def coverage(pairs: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with the days each period covers and the share of its Iranian year.

    Adds ``days_low``/``days_high`` (inclusive day count; an open end gives its publication bounds),
    ``year_days`` (365 or 366; NA for multi-year periods) and ``share_low``/``share_high`` (percent
    of the year covered).
    """
    days = metrics.days_elapsed(pairs["start"], pairs["end_earliest"], pairs["end_latest"])
    years = pairs["jalali_year"].dropna().astype(int).unique()
    lengths = pairs["jalali_year"].map({int(y): calendar.year_length(int(y)) for y in years}, na_action="ignore")
    lengths = pd.to_numeric(lengths, errors="coerce")
    share = Estimate(days.value, days.low, days.high) / lengths * 100
    return pairs.assign(days_low=days.low, days_high=days.high, year_days=lengths.astype("Int64"),
                        share_low=share.low, share_high=share.high)


def difference(first: pd.Series, second: pd.Series, prefix: str = "jpu_") -> Estimate:
    """``second - first`` of two rows' estimates (``{prefix}value/low/high``), by interval arithmetic."""
    return Estimate(
        float(second[f"{prefix}value"]) - float(first[f"{prefix}value"]),
        float(second[f"{prefix}low"]) - float(first[f"{prefix}high"]),
        float(second[f"{prefix}high"]) - float(first[f"{prefix}low"]),
    )


def overlap(first: pd.Series, second: pd.Series, prefix: str = "jpu_") -> bool:
    """Whether two rows' intervals ``[{prefix}low, {prefix}high]`` share at least one point."""
    return bool(first[f"{prefix}low"] <= second[f"{prefix}high"] and second[f"{prefix}low"] <= first[f"{prefix}high"])


def gap(first: pd.Series, second: pd.Series, prefix: str = "jpu_") -> float:
    """Distance between two rows' intervals (0 when they overlap), in the estimate's unit."""
    return max(0.0, float(second[f"{prefix}low"]) - float(first[f"{prefix}high"]),
               float(first[f"{prefix}low"]) - float(second[f"{prefix}high"]))


# --------------------------------------------------------------------------------------------
# Sentences from the computed numbers


def _est(row: pd.Series, prefix: str) -> Estimate:
    return Estimate(float(row[f"{prefix}value"]), float(row[f"{prefix}low"]), float(row[f"{prefix}high"]))


def _count(row: pd.Series, prefix: str) -> str:
    e = _est(row, prefix)
    if e.low == e.high:
        return text.number(e.value)
    return f"{text.number(e.value)} (read as {text.number(e.low)} to {text.number(e.high)})"


def _plain(x: float) -> str:
    """A stated number as written: thousands separators, no trailing '.0'."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def _estimates(frame: pd.DataFrame, prefix: str, digits: int) -> pd.Series:
    """:func:`analysis.text.estimate` over a frame's ``{prefix}value/low/high`` columns."""
    cols = frame[[f"{prefix}value", f"{prefix}low", f"{prefix}high"]].astype(float)
    return pd.Series([text.estimate(Estimate(v, lo, hi), digits) for v, lo, hi in cols.itertuples(index=False)],
                     index=frame.index, dtype="str")


def describe_pair(row: pd.Series, digits: int = 1) -> str:
    """One sentence for one pair: the period, the two counts with their bounds, and the ratio."""
    ratio = text.estimate(_est(row, "jpu_"), digits, "jobs per unit")
    return (f"{text.escape(row['period'])} ({text.escape(row['period_gregorian'])}, scope {text.escape(row['scope'])}): "
            f"{_count(row, 'jobs_')} jobs over {_count(row, 'units_')} revived units is {ratio}; "
            f"figures {text.escape(row['jobs_figure'])} and {text.escape(row['units_figure'])}.")


def describe_difference(first: pd.Series, second: pd.Series, digits: int = 2) -> str:
    """Sentences comparing two pairs' ratios: the difference with bounds, and whether the intervals overlap."""
    diff = difference(first, second)
    direction = "lower" if diff.value < 0 else "higher"
    size = Estimate(abs(diff.value), min(abs(diff.low), abs(diff.high)) if diff.low * diff.high > 0 else 0.0,
                    max(abs(diff.low), abs(diff.high)))
    out = (f"The ratio for {text.escape(second['period'])} is {text.estimate(size, digits)} jobs per unit "
           f"{direction} than for {text.escape(first['period'])} (difference {text.estimate(diff, digits)}). ")
    if overlap(first, second):
        out += "Their intervals overlap, so the bounds of the wording alone could explain the difference."
    else:
        out += (f"Their intervals do not overlap, but only just: they are {text.number(gap(first, second), digits)} "
                "jobs per unit apart.")
    return out


def describe_limits(first: pd.Series, second: pd.Series, digits: int = 1) -> list[str]:
    """What the comparison of two pairs cannot tell, in sentences whose numbers are computed.

    ``first`` and ``second`` are rows of :func:`coverage` (with ``days_*``, ``year_days``, ``share_*``).
    """
    out: list[str] = []
    for row in (first, second):
        if pd.isna(row["year_days"]):
            continue
        days = (text.number(row["days_low"]) if row["days_low"] == row["days_high"]
                else f"{text.number(row['days_low'])} to {text.number(row['days_high'])}")
        share = (f"{text.number(row['share_low'])}%" if row["share_low"] == row["share_high"]
                 else f"{text.number(row['share_low'])}% to {text.number(row['share_high'])}%")
        out.append(f"{text.escape(row['period'])} covers {days} of its year's {text.number(row['year_days'])} days ({share}).")
    diff = difference(first, second)
    for row in (first, second):
        width = float(row["jpu_high"]) - float(row["jpu_low"])
        if width > 0 and diff.value != 0:
            out.append(f"The wording of {text.escape(row['period'])}'s figures alone leaves its ratio "
                       f"{text.number(width, digits + 1)} jobs per unit wide ({text.number(row['jpu_low'], digits + 1)} "
                       f"to {text.number(row['jpu_high'], digits + 1)}), "
                       f"{text.number(width / abs(diff.value), digits)} times the difference between the two ratios.")
    return out


def describe_long_view(pairs: pd.DataFrame, reference: Estimate, digits: int = 1) -> list[str]:
    """Sentences summing up every pair: how many, which years and scopes, the full-year range, outliers.

    ``pairs`` is the output of :func:`flag_pairs`.
    """
    years = pairs["jalali_year"].dropna()
    scopes = ", ".join(sorted(pairs["scope"].unique()))
    out = [f"{len(pairs)} periods have a units count and a jobs count of the same scope "
           f"({int(years.min())} to {int(years.max())} and running totals over several years; "
           f"scopes: {text.escape(scopes)}).",
           f"The full-year ratios run from {text.number(reference.low, digits)} to {text.number(reference.high, digits)} "
           f"jobs per unit (median {text.number(reference.value, digits)}), a range taken across scopes."]
    odd = pairs[pairs["flag"] != ""]
    out += list(odd["pair"].map(text.escape) + " (" + odd["period"].map(text.escape) + ", " + odd["scope"].map(text.escape)
                + ") gives " + _estimates(odd, "jpu_", digits) + " jobs per unit: " + odd["flag"].map(text.escape)
                + f" (beyond {text.number(PLAUSIBLE_FACTOR)} times the range's edge).")
    return out


def describe_marginals(marginals: pd.DataFrame, digits: int = 1) -> list[str]:
    """Sentences on the marginal ratios: how many were divided, their range, and each flagged one."""
    divided = marginals[(marginals["status"] == "divided") & (marginals["flag"] == "")]
    out = [f"{len(marginals)} steps between consecutive year-to-date reports; {len(divided)} give a plausible "
           f"marginal ratio" + (f", from {text.number(divided['marginal_low'].min(), digits)} to "
                                 f"{text.number(divided['marginal_high'].max(), digits)} jobs per added unit."
                                 if len(divided) else ".")]
    odd = marginals[marginals["flag"] != ""]
    out += list("From " + odd["from_pair"].map(text.escape) + " (ending " + odd["from_end"] + ") to "
                + odd["to_pair"].map(text.escape) + " (ending " + odd["to_end"] + "), " + odd["scope"].map(text.escape)
                + " " + odd["jalali_year"].astype("str") + ": units change by "
                + _estimates(odd, "units_change_", 0) + "; " + odd["flag"].map(text.escape) + ".")
    return out


def describe_stated(comparison: pd.DataFrame, digits: int = 1) -> list[str]:
    """One sentence per stated average and each computed pair it was matched with."""
    c = comparison
    verdict = pd.Series("outside", index=c.index, dtype="str").mask(
        c["rounds_to_stated"].astype(bool), "within the stated number's rounding of").mask(c["consistent"].astype(bool), "within")
    head = (c["stated_figure"].map(text.escape) + " (" + c["source_id"].map(text.escape) + ", " + c["scope"].map(text.escape)
            + ", " + c["period"].map(text.escape) + ") states " + c["stated_value"].map(_plain)
            + " jobs per unit; ")
    matched = (c["pair"].map(text.escape) + " (" + c["match"].map(text.escape) + "; " + c["pair_period"].map(text.escape)
               + ") gives " + _estimates(c, "jpu_", digits + 1) + ": the stated average is " + verdict + " it.")
    out = list(head + matched.where(c["pair"] != "", "no pair has the same start."))
    return out


# --------------------------------------------------------------------------------------------
# Charts


def plot_intervals(table: pd.DataFrame, labels: pd.Series, prefix: str = "jpu_", hue: str | None = "scope",
                   reference: Estimate | None = None, reference_label: str = "range of full-year ratios",
                   xmax: float | None = None) -> tuple[Figure, Axes]:
    """A horizontal interval chart: one row per table row, a dot at the value and a whisker low..high.

    Rows are drawn top to bottom in the table's order; ``labels`` names them on the y axis. ``hue``
    colours rows by a column (with a legend); ``reference`` shades a band. Rows whose interval lies
    beyond ``xmax`` are drawn as an arrow at the edge with their value written beside it. Rows
    without a central value get a whisker only. Returns ``(fig, ax)``; finish with
    :func:`analysis.plots.finish`.
    """
    n = len(table)
    fig, ax = plt.subplots(figsize=(11, max(3.0, 0.62 * n + 1.8)))
    y = np.arange(n)[::-1].astype(float)
    if reference is not None:
        ax.axvspan(reference.low, reference.high, color="#cccccc", alpha=0.45, label=reference_label, lw=0)
    groups = table[hue].astype("str") if hue else pd.Series("", index=table.index, dtype="str")
    value = table[f"{prefix}value"].to_numpy(float)
    low = table[f"{prefix}low"].to_numpy(float)
    high = table[f"{prefix}high"].to_numpy(float)
    beyond = (low > xmax) if xmax is not None else np.zeros(n, dtype=bool)
    palette = plt.get_cmap("tab10")
    for i, name in enumerate(sorted(groups.unique())):  # one series per scope: a handful of groups
        sel = (groups == name).to_numpy()
        inside = sel & ~beyond
        colour = palette(i)
        ax.hlines(y[inside], low[inside], high[inside], color=colour, lw=2.2)
        ax.vlines(low[inside], y[inside] - 0.15, y[inside] + 0.15, color=colour, lw=1.5)
        ax.vlines(high[inside], y[inside] - 0.15, y[inside] + 0.15, color=colour, lw=1.5)
        ax.plot(value[inside], y[inside], "o", color=colour, ms=6, label=name if hue else None)
        out = sel & beyond
        if out.any():
            ax.plot(np.full(out.sum(), xmax), y[out], ">", color=colour, ms=9)
            for yy, v in zip(y[out], value[out]):  # the few off-scale rows, annotated
                ax.annotate(f"{v:,.1f} (off scale)", (xmax, yy), xytext=(-8, 7), textcoords="offset points",
                            ha="right", fontsize=9, color=colour)
    ax.margins(x=0.06)
    if xmax is not None:
        ax.set_xlim(right=xmax * 1.02)
    ax.set_yticks(y, list(labels))
    ax.set_ylim(-0.7, n - 0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title=hue, fontsize=9)
    return fig, ax


def chart_xmax(table: pd.DataFrame, prefix: str = "jpu_", margin: float = 1.08) -> float:
    """Right edge for :func:`plot_intervals`: the highest bound among unflagged rows, plus a margin.

    Rows flagged as implausible beyond it are drawn as arrows at the edge rather than squeezing the rest.
    """
    keep = table["flag"] == "" if "flag" in table else pd.Series(True, index=table.index)
    return float(table.loc[keep, f"{prefix}high"].replace(np.inf, np.nan).max()) * margin


def chart_labels(table: pd.DataFrame) -> pd.Series:
    """Two-line labels for a pairs table: Iranian period and scope, then Gregorian dates and the figures."""
    return (table["period"] + " · " + table["scope"] + "\n" + table["period_gregorian"] + " · " + table["pair"]).astype("str")


def marginal_labels(marginals: pd.DataFrame) -> pd.Series:
    """Two-line labels for a marginal table: the later period and scope, then the two end dates and pairs."""
    return (marginals["to_period"] + " · " + marginals["scope"] + "\n" + marginals["from_end"] + " → "
            + marginals["to_end"] + " · " + marginals["from_pair"] + " → " + marginals["to_pair"]).astype("str")


def table(frame: pd.DataFrame, columns: Iterable[str], digits: int = 2) -> pd.DataFrame:
    """A display copy of ``frame[columns]`` with ratio columns (``jpu_``, ``marginal_``, ``difference_``,
    ``share_``) rounded to ``digits``; the index renumbered from 0."""
    out = frame[list(columns)].reset_index(drop=True)
    ratios = [c for c in out.columns if c.startswith(("jpu_", "marginal_", "difference_", "share_"))]
    return out.assign(**{c: out[c].astype(float).round(digits) for c in ratios})
