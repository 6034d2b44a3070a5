"""The rules for ``figures.tsv``: every cell as declared, then what must hold across fields and rows.

In: the text cells of ``figures.tsv``, the validated sources (from :mod:`.sources`), the file's name
for messages and the build day. Out: the typed columns and derived facts the ledger is assembled from (:class:`Checked`),
and the problems found.

Rules, all column-wise (only the seed's quotes are looked at one by one, since only they carry one):

- the source exists; the metric's plausible range (``data/metrics.tsv``) holds the value; ``rounding``
  only with ``exact``/``about``, and a step the value can have been rounded to (the value is a whole
  multiple of it, so the step is no larger than the value: 1,462 cannot have been rounded to 1,000);
  ``target_kind`` only for targets; a province, where given, is one of ``data/provinces.tsv`` (a
  misspelling is named with the closest valid spelling, :mod:`.provinces`);
- dates in either calendar, both the same day where both are given, inside the programme's span; a
  period does not end before it starts; a stock has no start, a flow has one, a target both ends or
  neither. A flow whose report gives no first day ("over the past year", "so far" with nothing to date
  it) has no start, no end and no year: it runs to the report's publication from a day not given;
- against the report and the build day, for metrics that record what has happened (``may_lie_ahead =
  no`` in ``data/metrics.tsv``): a count's period neither starts nor ends after the build day or the
  report's latest possible publication date, and a stock's as-of date is not after either. Targets,
  and money allocated for a period, may lie ahead;
- a stated Iranian year agrees with the period, does not stand on a period spanning years, and on an
  undated row of a metric that cannot lie ahead is not after the year of the report's latest possible
  publication; on an undated stock it is not more than
  :data:`~analysis.assumptions.UNDATED_STOCK_YEARS_BEFORE` year before the year of the report's
  earliest possible publication (such a stock stands at its report's date);
- restatement links (:mod:`.restatements`): the same metric, value, scope, target kind, period and year;
- a seed figure carries a quote found verbatim in the seed, and its value is a number the quote states
  ("468 units" cannot back 469; "9,800" and "21 percent" are read as 9800 and 21); other reports carry
  no quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import calendar
from ..assumptions import UNDATED_STOCK_YEARS_BEFORE
from .cells import Cells, parse_cells
from .dates import gregorian_explainer, jalali_dates, jalali_explainer, jalali_years
from .errors import Collector, Problem
from .provinces import explain_province
from .restatements import check_restatements
from .schema import table
from .vocabulary import metrics

_NUMBER_IN_TEXT = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?(?:\s+(thousand|million|billion))?")
_SCALE = {None: 1, "thousand": 1e3, "million": 1e6, "billion": 1e9}


@dataclass
class Checked:
    """What the figure rules computed, for :mod:`.assemble` to build the ledger from."""

    cells: Cells
    start: pd.Series
    end: pd.Series
    jalali_year: pd.Series
    props: pd.DataFrame  # the metric's kind, unit, percentage, capped, signed per row
    earliest: pd.Series  # the source's publication bounds per row
    latest: pd.Series
    primary: pd.Series


def numbers_in(text: str) -> set[float]:
    """Every number a quote states: ``numbers_in('the country’s total 9,800 idle units') == {9800.0}``.

    Thousands separators are read as such; "2.5 million" is read as 2500000 (and as 2.5).
    """
    out = set()
    for whole, decimals, scale in _NUMBER_IN_TEXT.findall(text):
        number = float(whole.replace(",", "") + (decimals or ""))
        out.add(number)
        out.add(number * _SCALE[scale or None])
    return out


def _per_row(props: pd.DataFrame, metric: pd.Series) -> pd.DataFrame:
    """The metric's properties on every row (neutral values for an unknown metric), looked up per distinct metric."""
    codes, names = pd.factorize(metric, sort=False)
    table = props.reindex(names)
    table = table.fillna({"kind": "", "unit": "", "percentage": False, "capped": False, "signed": False,
                          "may_lie_ahead": True, "minimum": -np.inf, "maximum": np.inf})
    return pd.DataFrame({col: table[col].to_numpy()[codes] for col in
                         ("kind", "unit", "percentage", "capped", "signed", "may_lie_ahead", "minimum", "maximum")},
                        index=metric.index)


def check_figures(frame: pd.DataFrame, sources: pd.DataFrame, where: str, day: pd.Timestamp) -> tuple[Checked, list[Problem]]:
    """Validate the figures (as of build ``day``); return what the ledger is assembled from, and every problem found."""
    c = Collector(where, frame, "figure_id")
    cells = parse_cells(frame, table("figures"), c, {
        "period_start": gregorian_explainer("period_start_jalali"), "period_end": gregorian_explainer("period_end_jalali"),
        "period_start_jalali": jalali_explainer("period_start"), "period_end_jalali": jalali_explainer("period_end"),
        "province": explain_province,
    })
    v, ok = cells.values, cells.ok

    src = sources.drop_duplicates("source_id").set_index("source_id")
    sid = frame["source_id"]
    at = pd.Index(src.index).get_indexer(sid)  # each row's source, once (-1: not a source)
    known = pd.Series(at >= 0, index=frame.index)

    def of_source(column: str, default) -> pd.Series:
        values = src[column].to_numpy()
        picked = values[np.maximum(at, 0)] if len(values) else np.full(len(at), default)
        return pd.Series(picked, index=frame.index).where(known, default)

    filled = cells.filled
    maybe = " (or correct its row there, if it is one of the rows refused above)" if sources.attrs.get("refused_ids") else ""
    c.add(ok("source_id") & filled("source_id") & ~known, "source_id",
          lambda rows: [f"'{s}' is not a source in sources.tsv; add the source first{maybe}" for s in sid.to_numpy()[rows]])
    props = _per_row(metrics(), frame["metric"])
    kind = props["kind"]
    # An official's expectation for a period still running or ahead may end after its report, as a target may.
    expected = pd.Series(v["expectation"].fillna("").astype("str").to_numpy() == "expected", index=frame.index) \
        if "expectation" in v else pd.Series(False, index=frame.index)
    c.add(expected & (kind == "target"), "expectation",
          "a target is already a plan; leave expectation empty (it marks a count, a level or an average an official expects)")
    props = props.assign(may_lie_ahead=props["may_lie_ahead"].astype(bool) | expected)
    _check_values(frame, v["value"], props, ok, c)
    c.add(filled("rounding") & ok("rounding") & ~frame["qualifier"].isin(["exact", "about"]), "rounding",
          "only a plain or approximate figure (exact, about) can say how it was rounded")
    _check_rounding(frame, v["value"], filled("rounding") & ok("rounding") & ok("value")
                    & frame["qualifier"].isin(["exact", "about"]).to_numpy(), c)
    c.add(filled("target_kind") & ok("target_kind") & (kind != "target") & (kind != ""), "target_kind",
          lambda rows: [f"target_kind is only for targets; leave it empty for a {k} such as {m}"
                        for k, m in zip(kind.to_numpy()[rows], frame["metric"].to_numpy()[rows])])

    start, end = _periods(frame, cells, kind, c)
    earliest = of_source("published_earliest", pd.NaT).astype("datetime64[us]")
    latest = of_source("published_latest", pd.NaT).astype("datetime64[us]")
    _check_publication(start, end, props, latest, day, c)
    _check_expectations(expected & (kind != "target"), start, end, earliest, cells, c)
    jalali_year = _check_jalali_year(frame, cells, start, end, props, earliest, latest, c)
    check_restatements(frame, v["value"], start, end, jalali_year, ok("restates"), c)
    _check_quotes(frame, cells, of_source("seed_text", ""), of_source("seed_file", ""), known.to_numpy(), c)
    primary = of_source("primary", False).astype(bool)
    return Checked(cells, start, end, jalali_year, props, earliest, latest, primary), c.problems


def _check_values(frame, value, props, ok, c) -> None:
    raw = frame["value"]
    usable = ok("value") & (props["kind"] != "")
    low, high = props["minimum"], props["maximum"]
    metric, unit = frame["metric"], props["unit"]
    at = lambda col, rows: col.to_numpy()[rows]  # noqa: E731
    c.add(usable & (value < low), "value", lambda rows: [
        "a count, amount or share cannot be negative" if lo == 0 else
        f"'{x}' is below the smallest plausible {m} ({lo:,g} {u}); check the sign and the digits"
        for x, m, lo, u in zip(at(raw, rows), at(metric, rows), at(low, rows), at(unit, rows))])
    c.add(usable & (value > high), "value", lambda rows: [
        "a percentage share cannot be above 100" if capped else
        f"'{x}' is above the largest plausible {m} ({hi:,g} {u}); check the digits and the unit, or raise the "
        "maximum in data/metrics.tsv if the figure is right"
        for x, m, hi, u, capped in zip(at(raw, rows), at(metric, rows), at(high, rows), at(unit, rows), at(props["capped"], rows))])


def _check_rounding(frame, value: pd.Series, usable: np.ndarray, c: Collector) -> None:
    """A stated step is one the value can have been rounded to: the value is a whole multiple of it."""
    raw = frame["rounding"]
    step = pd.to_numeric(raw.where(usable & (raw != "none").to_numpy()), errors="coerce").to_numpy(dtype=float)
    v = np.abs(value.to_numpy(dtype=float))
    has = ~np.isnan(step) & ~np.isnan(v)
    ratio = np.divide(v, step, out=np.zeros_like(v), where=has)
    bad = has & ((step > v) | (np.abs(ratio - np.round(ratio)) > 1e-9 * np.maximum(ratio, 1.0)))
    c.add(bad, "rounding", lambda rows: [
        f"the value {x} cannot have been rounded to a step of {r}: a rounded figure is a whole multiple of its step "
        f"(so the step is no larger than the value); write a step {x} is a multiple of, none, or leave it empty"
        for x, r in zip(frame["value"].to_numpy()[rows], raw.to_numpy()[rows])])


def _periods(frame, cells: Cells, kind: pd.Series, c: Collector) -> tuple[pd.Series, pd.Series]:
    """The period's first and last day from either calendar (NaT where not given or refused)."""
    v, ok = cells.values, cells.ok
    dates = {}
    for side in ("start", "end"):
        gregorian, name = v[f"period_{side}"], f"period_{side}_jalali"
        texts = frame[name].where(ok(name), "")
        jalali, reasons = jalali_dates(texts, f"period_{side}")
        c.add(reasons.notna(), name, reasons)
        other = frame[f"period_{side}"]
        c.add(gregorian.notna() & jalali.notna() & (gregorian != jalali), name, lambda rows, side=side, other=other: [
            f"this Iranian date is not the same day as period_{side} ({g}, which is {_jalali(d)}); correct one of them"
            for g, d in zip(other.to_numpy()[rows], v[f"period_{side}"].to_numpy()[rows])])
        dates[side] = gregorian.fillna(jalali)
    start, end = dates["start"], dates["end"]
    has_start = cells.filled("period_start") | cells.filled("period_start_jalali")
    has_end = cells.filled("period_end") | cells.filled("period_end_jalali")
    c.add(start.notna() & end.notna() & (end < start), "period_end", "the period ends before it starts")
    c.add((kind == "stock") & has_start, "period_start",
          "a stock is a level at one date: leave the start empty and put the as-of date in period_end")
    # A count whose report gives no first day and no end ("over the past year", "so far", nothing to date
    # it) leaves the period and the year empty: it runs to the report from a day the report does not give.
    undated_flow = (kind == "flow") & ~has_start & ~has_end & ~cells.filled("jalali_year")
    c.add((kind == "flow") & ~has_start & ~undated_flow, "period_start",
          "a count over a period needs its first day; when the report gives none (a count 'over the past year', or "
          "'so far' with no start), leave period_end and jalali_year empty too")
    c.add((kind == "target") & (has_start != has_end), "period_end",
          "a target's period needs both ends, or neither when the source gives none")
    return start, end


def _day(d) -> str:
    return "" if pd.isna(d) else f"{pd.Timestamp(d):%Y-%m-%d}"


def _jalali(d) -> str:
    return "" if pd.isna(d) else calendar.format_jalali(pd.Timestamp(d))


def _check_publication(start, end, props, latest, day, c) -> None:
    done = ~props["may_lie_ahead"].astype(bool)  # counts and levels of what has happened
    flow, stock = done & (props["kind"] == "flow"), done & (props["kind"] == "stock")
    # The build day first: a date after it is named as such (whether or not the report's own date is valid).
    ahead = (flow | stock) & ((start > day) | (end > day))
    side = np.where((flow & (start > day)).to_numpy(), "period_start", "period_end")
    for name in ("period_start", "period_end"):
        dates = start if name == "period_start" else end
        c.add(ahead & (side == name), name, lambda rows, dates=dates: [
            f"{_day(d)} is after today, {_day(day)} (the build day): a count or a level cannot cover days that have "
            "not come yet; check the date" for d in dates.to_numpy()[rows]])
    latest = latest.where(~ahead)  # those rows are named once
    pairs = lambda a, rows: zip(a.to_numpy()[rows], latest.to_numpy()[rows])  # noqa: E731
    late_start = flow & start.notna() & latest.notna() & (start > latest)
    c.add(late_start, "period_start", lambda rows: [
        f"the period starts on {_day(s)}, after the report could have appeared (by {_day(p)} at the latest); "
        "check the date, or the source's publication bounds" for s, p in pairs(start, rows)])
    late_end = flow & ~late_start & end.notna() & latest.notna() & (end > latest)
    c.add(late_end, "period_end", lambda rows: [
        f"the period ends on {_day(e)}, after the report could have appeared (by {_day(p)} at the latest): a count "
        "cannot cover days after its report; check the date, or the source's publication bounds" for e, p in pairs(end, rows)])
    late_stock = stock & end.notna() & latest.notna() & (end > latest)
    c.add(late_stock, "period_end", lambda rows: [
        f"a stock's as-of date ({_day(e)}) cannot be after its report (published by {_day(p)} at the latest); "
        "check the date, or the source's publication bounds" for e, p in pairs(end, rows)])


def _check_expectations(expected, start, end, earliest, cells, c) -> None:
    """An expectation names the day it is for, and that day had not passed when its report appeared."""
    has_end = cells.filled("period_end") | cells.filled("period_end_jalali")
    c.add(expected & ~has_end, "period_end",
          "an expectation needs the last day of the period it is for ('by the year's end': the year's last day)")
    past = expected & end.notna() & earliest.notna() & (end < earliest)
    c.add(past, "expectation", lambda rows: [
        f"the period ended on {_day(e)}, before the report (published from {_day(p)}): an expectation is for a period "
        "still running or ahead; leave expectation empty if this is the result"
        for e, p in zip(end.to_numpy()[rows], earliest.to_numpy()[rows])])


def _check_jalali_year(frame, cells, start, end, props, earliest, latest, c) -> pd.Series:
    """Check a stated Iranian year; return the year of every row (stated, or filled in when the period lies in one)."""
    given = cells.values["jalali_year"].astype("Float64").astype(float)
    start_year, end_year = jalali_years(start), jalali_years(end)
    anchor = start_year.fillna(end_year)
    c.add(given.notna() & anchor.notna() & (given != anchor), "jalali_year", lambda rows: [
        f"this year does not match the period's dates (they fall in {int(y)})" for y in anchor.to_numpy()[rows]])
    c.add(given.notna() & start_year.notna() & end_year.notna() & (start_year < end_year), "jalali_year",
          "the period spans more than one Iranian year; leave jalali_year empty")
    dated = np.logical_or.reduce([cells.filled(f"period_{side}{cal}") for side in ("start", "end") for cal in ("", "_jalali")])
    report_year = jalali_years(latest)
    done = ~props["may_lie_ahead"].astype(bool)
    ahead = given.notna() & ~dated & done & report_year.notna() & (given > report_year)
    c.add(ahead, "jalali_year", lambda rows: [
        f"Iranian year {int(y)} is after its report could have appeared (by {_day(p)} at the latest, in {int(r)}); "
        "give the period's dates, or correct the year"
        for y, p, r in zip(given.to_numpy()[rows], latest.to_numpy()[rows], report_year.to_numpy()[rows])])
    first_report_year = jalali_years(earliest)
    old = given.notna() & ~dated & (props["kind"] == "stock") & (given < first_report_year - UNDATED_STOCK_YEARS_BEFORE)
    c.add(old, "jalali_year", lambda rows: [
        f"Iranian year {int(y)} is more than {UNDATED_STOCK_YEARS_BEFORE} year before its report (published from "
        f"{_day(p)}, in {int(r)}): a stock without an as-of date stands at its report's date; give its as-of date in "
        "period_end, or correct the year"
        for y, p, r in zip(given.to_numpy()[rows], earliest.to_numpy()[rows], first_report_year.to_numpy()[rows])])
    # An open end runs to publication: the period lies in one year only if both publication bounds do.
    end_year_earliest = jalali_years(end.fillna(earliest))
    end_year_latest = jalali_years(end.fillna(latest))
    first_year = start_year.fillna(end_year_earliest)
    one_year = (first_year == end_year_earliest) & (first_year == end_year_latest)
    # A count with no first day may reach back past its report's year: it is given no year.
    one_year &= ~((props["kind"] == "flow") & start.isna())
    return given.fillna(first_year.where(one_year)).astype("Int64")


def _check_quotes(frame, cells, seed_text, seed_file, known, c) -> None:
    value, quote, has_quote = cells.values["value"], frame["quote"], cells.filled("quote")
    is_seed = (seed_text != "").to_numpy()
    c.add(is_seed & ~has_quote, "quote", "a seed figure needs the verbatim words that state it")
    quoted = is_seed & has_quote
    c.add(known & ~is_seed & (seed_file == "").to_numpy() & has_quote, "quote",
          "quotes are kept only for sources whose text is in seeds/; record figures, not article text")
    if not quoted.any():
        return
    # Seed figures only (this grows with the seed, not the ledger), once per distinct quote, text and value.
    cases = pd.DataFrame({"quote": quote[quoted], "text": seed_text[quoted], "value": value[quoted]})
    codes = cases.groupby(["quote", "text", "value"], sort=False, dropna=False).ngroup().to_numpy()
    distinct = cases.iloc[np.unique(codes, return_index=True)[1]]
    found = np.array([q in t for q, t in zip(distinct["quote"], distinct["text"])], dtype=bool)
    stated = [numbers_in(q) for q in distinct["quote"]]
    unstated = np.array([not np.isnan(v) and v not in nums for v, nums in zip(distinct["value"], stated)], dtype=bool)
    rows = np.flatnonzero(quoted)
    missing = np.zeros(len(frame), dtype=bool)
    missing[rows] = ~found[codes]
    c.add(missing, "quote", "this quote does not occur in the seed text exactly (check curly quotes ’ “ ” and spacing)")
    wrong = np.zeros(len(frame), dtype=bool)
    wrong[rows] = unstated[codes]
    if wrong.any():
        listed = np.array([", ".join(f"{x:,g}" for x in sorted(nums)) or "no number in digits" for nums in stated], dtype=object)
        words = np.full(len(frame), None, dtype=object)
        words[rows] = [f"the value {raw} is not a number this quote states (it states {said}); correct the value or the quote"
                       for raw, said in zip(frame["value"].to_numpy()[rows], listed[codes])]
        c.add(wrong, "value", words)
