"""Term and multi-year totals set against the yearly counts over the same span.

In: claims, the yearly best estimates and the year-to-date series. Out: :func:`reconcile`, one row
per claim counted over more than one year or since a date ("since the government took office"),
with what the yearly counts imply for exactly its span:

- whole Iranian years inside the span add their best estimates (a year with none adds 0 .. no
  upper bound, so a lower bound still holds);
- a partial first year (the span starts after the year's first day) adds the year's estimate less
  the count up to the day before the span, bounded on both sides by the year-to-date series and the
  fastest plausible pace (:func:`analysis.evidence.series.bounds_at`: at most the last count plus
  :data:`~analysis.assumptions.MAX_PACE_FACTOR` times its own pace over the days since, at least the
  next count less as much over the days until) and, for the central value, the last count plus its
  own pace;
- a partial last year (the span ends at an undated publication) adds the count up to its end, bounded
  the same way.

A year derived from this very claim (a two-year total less a year) is not used to check it: its
counts' range stands in (at least its highest count, at most its last count plus the rest of the year
at the fastest plausible pace).

:func:`reconcile` computes every span twice: as the figures are read (``implied_*``), and in the
audit's most generous reading (``gen_implied_*``: every wording of each year's claims and of its
counts, each widened by a rounding step, and an undated count in a report that repeats earlier
figures dated up to :data:`~analysis.assumptions.RESTATED_COUNT_ALLOWANCE_DAYS` before it).
Columns: ``claim_id``, ``metric``, ``scope``, ``implied_value/low/high``, ``gen_implied_low/high``,
``complete`` (every year of the span has an estimate and the partial years are bounded above),
``parts`` (the arithmetic, year by year), ``parts_msg`` (the same as a sentence of the catalogue,
:class:`analysis.words.Msg`), ``part_claims`` (the claims used), and the claim's own
``value/low/high`` and ``gen_low/gen_high``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import calendar
from .keys import group_ids, typed
from .series import bounds_at, own_pace

#: Counts whose totals over a span are reconciled with their yearly counts.
TERM_METRICS: tuple[str, ...] = ("units_revived", "jobs_created")


def _year_starts(years: pd.Series) -> pd.Series:
    table = calendar.year_table(years)
    return years.astype("Int64").map(table.set_index("jalali_year")["year_start"])


def _year_ends(years: pd.Series) -> pd.Series:
    table = calendar.year_table(years)
    return years.astype("Int64").map(table.set_index("jalali_year")["year_end"])


def _fmt(x: float) -> str:
    if not np.isfinite(x):
        return "no upper bound"
    return f"{x:,.0f}"


def _interval(low: pd.Series, high: pd.Series) -> pd.Series:
    lo, hi = low.map(_fmt), high.map(_fmt)
    return lo.where(lo == hi, lo + " to " + hi)


def _part_messages(y: pd.DataFrame) -> list:
    """Each year's part of a span as a message of the catalogue ('1400 from 25 August 2021: 1,549 to 1,568')."""
    from .. import fmt
    from ..words import Day, Est, Msg, Year

    units = {m: fmt.unit_of(m) for m in pd.unique(y["metric"])}
    out = []
    for part, year, start, low, high, metric in zip(y["part"], y["jalali_year"], y["start"], y["part_low"], y["part_high"], y["metric"]):
        unit = units[metric]
        slots = {"year": Year(int(year), span=False), "range": Est(float("nan"), float(low), float(high), unit)}
        if part in ("first", "inside"):
            slots["day"] = Day(start)
        out.append(Msg(f"audit.part.{part}", slots))
    return out


def _semicolons(items) -> object:
    from ..words import Msg

    items = list(items)
    out = items[-1]
    for item in reversed(items[:-1]):
        out = Msg("audit.list.semicolon", {"first": item, "rest": out})
    return out


#: The columns :func:`reconcile` gives, and their dtypes (the same with rows or without).
COLUMNS = {**dict.fromkeys(["claim_id", "metric", "scope"], "str"),
           **dict.fromkeys(["value", "low", "high", "gen_low", "gen_high", "implied_value", "implied_low", "implied_high",
                            "gen_implied_low", "gen_implied_high"], "float64"),
           "complete": "bool", "parts": "str", "parts_msg": "object", "part_claims": "str",
           **dict.fromkeys(["start", "end_earliest", "end_latest", "gen_end_earliest"], "datetime64[us]"),
           **dict.fromkeys(["first_source", "source_ids", "figure_ids"], "str")}


def reconcile(claims: pd.DataFrame, estimates: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Each term or multi-year total with what the yearly counts imply for its span (module docstring)."""
    t = claims[claims["metric"].isin(TERM_METRICS) & claims["period_kind"].isin(["multi_year", "since_date"])].copy()
    cols = list(COLUMNS)
    if t.empty:
        return typed(pd.DataFrame(), COLUMNS)
    t = t.reset_index(drop=True)
    # Claims of the same span (and the years derived from each) get the same answer: compute each span once.
    span = ["metric", "scope", "start", "end_earliest", "end_latest", "gen_end_earliest"]
    derived = set(estimates.loc[estimates["derived_from"].fillna("") != "", "derived_from"])
    t["_own"] = t["claim_id"].where(t["claim_id"].isin(derived), "")
    t["_span"] = group_ids(t, [*span, "_own"])[0]
    firsts = t.drop_duplicates("_span").set_index("_span")
    spans = firsts[[*span]].assign(claim_id=firsts["_own"])
    counts = span_counts(spans, estimates, series)
    gen_spans = spans.assign(end_earliest=spans["gen_end_earliest"])
    gen_series = series.assign(low=series["gen_low"], high=series["gen_high"], end_earliest=series["gen_end_earliest"])
    gen_est = estimates.assign(low=estimates["gen_low"], high=estimates["gen_high"])
    gen = span_counts(gen_spans, gen_est, gen_series)[["implied_low", "implied_high"]].add_prefix("gen_")
    out = t.join(pd.concat([counts, gen], axis=1).set_axis(firsts.index), on="_span")
    return out[cols]


def span_counts(spans: pd.DataFrame, estimates: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """What the yearly counts imply for any spans (the rules of the module docstring).

    ``spans`` has ``metric``, ``scope``, ``start`` (a known first day), ``end_earliest`` and
    ``end_latest``, and optionally ``claim_id`` (a year derived from that claim is not used).
    Returns, aligned with ``spans``' index: ``implied_value``, ``implied_low``, ``implied_high``,
    ``complete``, ``parts`` (text), ``parts_msg`` (a message) and ``part_claims``.
    """
    t = spans.copy()
    if "claim_id" not in t:
        t["claim_id"] = ""
    t["y0"] = calendar.jalali_columns(t["start"])["year"]
    t["yn"] = calendar.jalali_columns(t["end_latest"])["year"]
    t["yn_early"] = calendar.jalali_columns(t["end_earliest"])["year"]
    t["starts_year"] = t["start"] == _year_starts(t["y0"])

    keys = ["metric", "scope", "jalali_year"]
    est = estimates[keys + ["value", "low", "high", "year_days", "derived_from", "chosen_claim", "floor_low", "floor_claim",
                            "ceiling_high"]]

    # Every year the span touches, with its share: whole, first partial or last partial.
    n = (t["yn"] - t["y0"] + 1).astype(int).clip(lower=1)
    y = t.loc[t.index.repeat(n), ["claim_id", "metric", "scope", "start", "end_earliest", "end_latest", "y0", "yn", "yn_early", "starts_year"]].copy()
    y["jalali_year"] = (y["y0"] + y.groupby(level=0).cumcount()).astype("Int64")
    y["tid"] = y.index
    y = y.reset_index(drop=True)
    y["year_start"], y["year_end"] = _year_starts(y["jalali_year"]), _year_ends(y["jalali_year"])
    partial_start = (y["jalali_year"] == y["y0"]) & ~y["starts_year"]
    # The span's end may fall in this year (or before its end): then only part of the year counts.
    open_end = y["end_earliest"] < y["year_end"]
    y["part"] = np.where(partial_start & open_end, "inside", np.where(partial_start, "first", np.where(open_end, "last", "whole")))
    y = y.merge(est, on=keys, how="left", suffixes=("", "_est"))
    own = (y["claim_id"] != "") & (y["derived_from"].fillna("") == y["claim_id"])
    # A year derived from this very total cannot check it: its counts' range stands in.
    y.loc[own, "value"] = np.nan
    y.loc[own, "low"] = y.loc[own, "floor_low"]
    y.loc[own, "high"] = y.loc[own, "ceiling_high"].fillna(np.inf)
    y.loc[own, "chosen_claim"] = y.loc[own, "floor_claim"]
    known = y["low"].notna()
    fy_value, fy_low, fy_high = y["value"], y["low"].fillna(0.0), y["high"].fillna(np.inf)

    # The count up to the day before the span starts (a partial first year), from the series and the pace.
    day_before = y["start"] - pd.Timedelta(days=1)
    q_before = pd.DataFrame({"qid": y.index, "metric": y["metric"], "scope": y["scope"], "jalali_year": y["jalali_year"],
                             "date_earliest": day_before, "date_latest": day_before})
    before = bounds_at(series, q_before, pace=True).set_index("qid").reindex(y.index)
    plain = bounds_at(series, q_before).set_index("qid").reindex(y.index)  # the last count, for the central value
    by_claim = series.drop_duplicates("claim_id").set_index("claim_id")
    last = by_claim.reindex(plain["low_claim"])
    gap_days = ((day_before - plain["low_end"].fillna(y["year_start"] - pd.Timedelta(days=1))).dt.days).clip(lower=0).astype(float)
    last_value = pd.Series(last["value"].to_numpy(), index=y.index).fillna(0.0)
    last_pace = pd.Series(own_pace(last, generous=False).to_numpy(), index=y.index).fillna(fy_value / y["year_days"].astype(float))
    partial = y["part"].isin(["first", "inside"])
    before_low = before["low"].where(partial, 0.0)
    before_high = np.minimum(before["high"], fy_high).where(partial, 0.0)
    before_value = (last_value + last_pace * gap_days).clip(upper=fy_high).where(partial, 0.0)

    # The count up to the span's end: the whole year where the span certainly runs past it,
    # otherwise what the series (and the pace) says at the (possibly uncertain) end.
    q_end = pd.DataFrame({"qid": y.index, "metric": y["metric"], "scope": y["scope"], "jalali_year": y["jalali_year"],
                          "date_earliest": y["end_earliest"], "date_latest": y["end_latest"]})
    at_end = bounds_at(series, q_end, pace=True).set_index("qid").reindex(y.index)
    ends_inside = y["part"].isin(["last", "inside"])
    end_low = np.where(ends_inside, np.maximum(at_end["low"], 0.0), fy_low)
    end_high = np.where(ends_inside & (y["end_latest"] < y["year_end"]), np.minimum(at_end["high"], fy_high), fy_high)
    end_value = fy_value.where(~ends_inside)

    y["part_low"] = np.maximum(end_low - before_high, 0.0)
    y["part_high"] = end_high - before_low
    y["part_value"] = end_value - before_value
    y["bounded"] = np.isfinite(y["part_high"]) & (known | ends_inside)
    label = np.select([y["part"] == "whole", y["part"] == "first", y["part"] == "last"],
                      [y["jalali_year"].astype("str"),
                       y["jalali_year"].astype("str") + " from " + y["start"].dt.strftime("%Y-%m-%d"),
                       y["jalali_year"].astype("str") + " to the report"],
                      default=y["jalali_year"].astype("str") + " from " + y["start"].dt.strftime("%Y-%m-%d") + " to the report")
    y["text"] = pd.Series(label, index=y.index) + ": " + _interval(y["part_low"], y["part_high"])
    y["msg"] = _part_messages(y)
    used = (y["chosen_claim"].fillna("") + ", " + plain["low_claim"].where(partial, "") + ", "
            + at_end["low_claim"].where(ends_inside, ""))
    y["used"] = used.str.replace(r"(, )+", ", ", regex=True).str.strip(", ")

    g = y.groupby("tid", sort=True)
    agg = pd.DataFrame({
        "implied_low": g["part_low"].sum(), "implied_high": g["part_high"].sum(),
        "implied_value": g["part_value"].sum(min_count=1).where(g["part_value"].count() == g.size()),
        "complete": g["bounded"].all(), "parts": g["text"].agg("; ".join), "parts_msg": g["msg"].agg(_semicolons),
        "part_claims": g["used"].agg(lambda s: ", ".join(dict.fromkeys(x for v in s for x in v.split(", ") if x))),
    })
    return agg.reindex(t.index)
