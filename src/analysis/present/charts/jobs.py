"""Jobs per revived unit: by year, jobs per year, and every unit-job pair.

In:

- :func:`per_unit_chart` / :func:`per_unit_alt`: the frame of :func:`analysis.questions.jobs.yearly`
  (or :func:`~analysis.questions.jobs.headline`, one row per year). Columns used: ``jalali_year``,
  ``scope``, ``jpu_value``, ``jpu_low``, ``jpu_high``; and ``reference``, the full-year range of
  :func:`~analysis.questions.jobs.reference_range` as ``(value, low, high)``.
- :func:`jobs_chart` / :func:`jobs_alt`: the frame of :func:`~analysis.questions.jobs.headline`.
  Columns used: ``jalali_year``, ``scope``, ``j_value``, ``j_low``, ``j_high``, ``j_basis``.
- :func:`pairs_chart` / :func:`pairs_alt`: the frame of :func:`~analysis.questions.jobs.pairs`.
  Columns used: ``scope``, ``period_kind``, ``first_year``, ``start``, ``end_earliest``,
  ``end_latest``, ``j_value``, ``jpu_value``, ``jpu_low``, ``jpu_high``, ``implausible``,
  ``cannot_compute``; and ``band``, the plausible range of
  :func:`~analysis.questions.jobs.plausible_band` as ``(low, high)``.

Out: a matplotlib Figure and its alt text, in the language in force. Jobs per unit are written with one
decimal. With ``link`` (a function from a cell of source ids to an address), every point and bar links
to the reports it rests on (the frames' ``source_ids``). Colours are scopes; the key (or, for the
pairs, each group's heading in its colour) names every colour drawn.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ... import calendar, fmt
from ...words import Count, Year, catalogue, say
from ...words.forms import digits, gregorian_day, iranian_day
from .. import style
from . import kit, layout

SCOPE_ORDER = list(style.SCOPE_COLOURS)


def _one(x) -> str:
    return fmt.number(x, 1)


def _ratio_text(v, lo, hi) -> str:
    """A ratio in words with one decimal: '17.3 (17.0 to 17.7)', 'at least 17.9', 'cannot be bounded'."""
    if not kit.finite(lo) or (float(lo) <= 0 and not kit.finite(hi)):
        return say("chart.jobs.cannot_bound")
    if not kit.finite(hi):
        return say("form.at_least", n=_one(lo))
    if _one(lo) == _one(hi):
        return _one(lo)
    return say("form.central_range", value=_one(v), low=_one(lo), high=_one(hi))


def _shown(frame: pd.DataFrame) -> pd.Series:
    """Rows with something to draw: a finite lower bound above zero (an upper bound may be missing)."""
    return frame["jpu_low"].notna() & np.isfinite(frame["jpu_low"]) & ((frame["jpu_low"] > 0) | np.isfinite(frame["jpu_high"]))


def scope_key(scopes) -> list:
    """Key entries naming each scope drawn by its colour, in the palette's order."""
    order = {s: i for i, s in enumerate(SCOPE_ORDER)}
    return [(Patch(facecolor=style.colour(sc), edgecolor="none"), fmt.label("scope", sc))
            for sc in sorted(dict.fromkeys(str(s) for s in scopes), key=lambda s: order.get(s, len(order)))]


def _years_title(key: str, first: int, last: int) -> str:
    if last > first:
        return say(key, first=Year(first, span=False), last=Year(last, span=False))
    return say(key + "_one", year=Year(first, span=False))


def _span(first: int, last: int) -> str:
    if last > first:
        return say("chart.alt.span", first=Year(first, span=False), last=Year(last, span=False))
    return say("chart.alt.span_one", year=Year(first, span=False))


# ---------------------------------------------------------------------------------------------
# Jobs per unit by year
# ---------------------------------------------------------------------------------------------

def per_unit_chart(yearly: pd.DataFrame, *, reference: tuple[float, float, float], source: str,
                   title: str | None = None, link=None) -> "style.Figure":
    """Jobs per revived unit per Iranian year and scope: a dot with its whisker, over the full-year range shaded.

    A ratio with no upper bound is drawn from its lower bound with an upward arrow ("at least"); a
    year whose ratio cannot be bounded (no upper bound on its jobs and no lower one above zero) is
    named in a note instead of drawn. Where several scopes are drawn, each is named under its year in
    its colour and in the key.
    """
    y = yearly.sort_values(["jalali_year", "scope"], key=lambda c: c.map({s: i for i, s in enumerate(SCOPE_ORDER)}) if c.name == "scope" else c,
                           kind="stable").reset_index(drop=True)
    shown = y[_shown(y)].reset_index(drop=True)
    hidden = y[~_shown(y)]
    years = sorted(int(v) for v in y["jalali_year"].unique())
    pos = {yr: i for i, yr in enumerate(years)}
    ref_lo, ref_hi = float(reference[1]), float(reference[2])
    with style.context():
        fig = style.figure(5.6)
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False, grid="y")
        if kit.finite(ref_lo) and kit.finite(ref_hi):
            ax.axhspan(ref_lo, ref_hi, color=style.BAND, zorder=0, linewidth=0)
        xs = []
        for yr, g in shown.groupby("jalali_year", sort=True):
            k = len(g)
            offsets = (np.arange(k) - (k - 1) / 2) * 0.28
            for off, (_, r) in zip(offsets, g.iterrows()):
                xs.append(pos[int(yr)] + off)
        shown = shown.assign(_x=xs) if len(shown) else shown.assign(_x=[])
        for _, r in shown.iterrows():
            col = style.colour(r["scope"])
            lo, hi, v = float(r["jpu_low"]), float(r["jpu_high"]), float(r["jpu_value"])
            if kit.finite(hi):
                if hi > lo:
                    ax.plot([r["_x"]] * 2, [lo, hi], color=col, linewidth=2.2, zorder=3, solid_capstyle="butt")
                dot, = ax.plot([r["_x"]], [v], marker="o", markersize=10, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.2,
                               linestyle="none", zorder=4)
            else:
                dot, = ax.plot([r["_x"]], [lo], marker="o", markersize=10, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.2,
                               linestyle="none", zorder=4)
                kit.up_arrow(ax, r["_x"], lo, length_pt=30, colour=col)
            kit.link(dot, r.get("source_ids", ""), link)
        finite = pd.concat([shown["jpu_low"], shown["jpu_high"].where(np.isfinite(shown["jpu_high"]))]).dropna()
        vals = [v for v in list(finite) + [ref_lo, ref_hi] if kit.finite(v)]
        lo_lim = max(math.floor(min(vals) - 1.5), 0) if vals else 0
        hi_lim = math.ceil(max(vals) + 2.5) if vals else 1
        ax.set_ylim(lo_lim, hi_lim)
        pad = max(0.0, (4 - len(years)) / 2)
        ax.set_xlim(-0.6 - pad, len(years) - 0.4 + pad)
        step = 5 if hi_lim - lo_lim > 12 else 2
        ticks = [t for t in range(int(math.ceil(lo_lim / step) * step), int(hi_lim) + 1, step)]
        ax.set_yticks(ticks, labels=kit.ticks(ticks))
        ax.tick_params(axis="y", length=0, pad=4, labelsize=style.TEXT_PT)
        ax.set_ylabel(say("chart.jobs.per_unit_axis"), fontsize=style.TEXT_PT, color=style.INK, labelpad=4)
        several = shown["scope"].nunique() > 1
        # Several scopes: each named under its year in its colour (and in the key); on a phone the key alone.
        named = several and style.variant().name == "wide"
        extra = [[(fmt.label("scope", sc), style.colour(sc)) for sc in shown.loc[shown["jalali_year"] == yr, "scope"]
                  if named and sc != "national"] for yr in years]

        def place():
            out = []
            ppu = kit.points_per_unit(ax)
            slot = kit.points_per_unit(ax, "x") - 8
            out += kit.year_labels(ax, list(range(len(years))), years, extra=extra, extra_width_pt=slot)
            for _, r in shown.iterrows():
                lo, hi, v = float(r["jpu_low"]), float(r["jpu_high"]), float(r["jpu_value"])
                top = hi if kit.finite(hi) else lo + 34 / ppu
                text = _one(v) if kit.finite(hi) else say("chart.at_least") + "\n" + _one(lo)
                out.append(ax.text(r["_x"], top + 3 / ppu, text, ha="center", va="bottom", fontsize=style.TEXT_PT,
                                   color=style.INK, zorder=5, linespacing=1.0))
            return out

        note = None
        if len(hidden):
            names = say("form.comma").join(say("chart.jobs.year_scope", year=Year(int(r["jalali_year"]), span=False),
                                               scope=fmt.label("scope", r["scope"])) for _, r in hidden.iterrows())
            note = say("chart.jobs.not_drawn", names=names)
        title = title or _years_title("chart.jobs.per_unit_title", years[0], years[-1])
        parts = [say("chart.jobs.per_unit_subtitle")]
        if kit.finite(ref_lo) and kit.finite(ref_hi):
            parts.append(say("chart.jobs.band", low=_one(ref_lo), high=_one(ref_hi)))
        key = scope_key(shown["scope"]) or None
        layout.finish(fig, [ax], title=title, subtitle=" ".join(parts), source=source, place=place, note=note, key=key,
                      min_height=2.4)
    return fig


def per_unit_alt(yearly: pd.DataFrame, reference: tuple[float, float, float]) -> str:
    """Alt text of :func:`per_unit_chart`."""
    y = yearly.sort_values(["jalali_year", "scope"], kind="stable")
    parts = [say("chart.alt.value_in_year_notes", value=_ratio_text(r["jpu_value"], r["jpu_low"], r["jpu_high"]),
                 year=Year(int(r["jalali_year"]), span=False), notes=fmt.label("scope", r["scope"])) for _, r in y.iterrows()]
    first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
    return " ".join([say("chart.jobs.per_unit_alt", span=_span(first, last), items=say("form.semicolon").join(parts)),
                     say("chart.jobs.per_unit_alt_band", low=_one(reference[1]), high=_one(reference[2]))])


# ---------------------------------------------------------------------------------------------
# Jobs per year
# ---------------------------------------------------------------------------------------------

def jobs_chart(headline: pd.DataFrame, *, source: str, title: str | None = None, link=None) -> "style.Figure":
    """Jobs the year's revivals brought, per Iranian year (the scope of the year's jobs-per-unit ratio); a year
    whose jobs are known only to a date in it (``j_basis`` ``floor``) is an "at least" bar marked "so far"
    (the last year) or "in part". The key names the scopes drawn."""
    y = headline.sort_values("jalali_year", kind="stable").reset_index(drop=True)
    n = len(y)
    with style.context():
        fig = style.figure(5.4)
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False)
        x = np.arange(n, dtype=float)
        value = [float(lo) if (not kit.finite(hi) or not kit.finite(v)) else float(v) for v, lo, hi in zip(y["j_value"], y["j_low"], y["j_high"])]
        derived = [str(b) not in ("full_year", "floor") for b in y["j_basis"]]
        # A year whose jobs are known only to a date in it says so ('so far' for the last year), never 'derived'.
        part = ["" if str(b) != "floor" else "so_far" if i == n - 1 else "in_part" for i, b in enumerate(y["j_basis"])]
        words = [[fmt.label("scope", s) if s != "national" else "", say(f"chart.{p}") if p else say("chart.derived") if d else ""]
                 for s, d, p in zip(y["scope"], derived, part)]
        place = layout.estimate_columns(
            ax, x, value, y["j_low"].tolist(), y["j_high"].tolist(), [style.colour(s) for s in y["scope"]],
            hatched=derived, words=words,
            labels=[kit.column_label(v, lo, hi) for v, lo, hi in zip(y["j_value"], y["j_low"], y["j_high"])], width=0.74,
            inside=False, sources=y["source_ids"].tolist() if "source_ids" in y else None, link_to=link)
        tops = [max(v, float(h)) if kit.finite(h) else v * 1.12 for v, h in zip(value, y["j_high"])]
        ax.set_ylim(0, max(tops + [1.0]) * 1.04)
        pad = max(0.0, (4 - n) / 2)
        ax.set_xlim(-0.5 - pad, n - 0.5 + pad)
        ax.set_yticks([])
        ax.set_ylabel(say("chart.jobs.jobs_axis"), fontsize=style.TEXT_PT, color=style.INK, labelpad=6)
        kit.year_labels(ax, x, y["jalali_year"].astype(int).tolist())
        first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
        title = title or _years_title("chart.jobs.jobs_title", first, last)
        key = scope_key(y["scope"])
        if any(derived):
            key.append((Patch(facecolor=style.MUTED, hatch="///", edgecolor=(1, 1, 1, 0.75), linewidth=0), say("chart.key.derived")))
        layout.finish(fig, [ax], title=title, subtitle=say("chart.jobs.jobs_subtitle"), source=source, place=place, key=key,
                      min_height=2.4)
    return fig


def jobs_alt(headline: pd.DataFrame) -> str:
    """Alt text of :func:`jobs_chart`."""
    y = headline.sort_values("jalali_year", kind="stable").reset_index(drop=True)
    parts = []
    for i, r in y.iterrows():
        notes = [] if r["scope"] == "national" else [fmt.label("scope", r["scope"])]
        if str(r.get("j_basis", "")) == "floor":
            notes.append(say("chart.alt.part_year", part=say("chart.so_far" if i == len(y) - 1 else "chart.in_part")))
        value = fmt.estimate(r["j_value"], r["j_low"], r["j_high"], "units")
        year = Year(int(r["jalali_year"]), span=False)
        parts.append(say("chart.alt.value_in_year_notes", value=value, year=year, notes=say("form.comma").join(notes)) if notes
                     else say("chart.alt.value_in_year", value=value, year=year))
    first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
    return say("chart.jobs.jobs_alt", span=_span(first, last), items=say("form.semicolon").join(parts))


# ---------------------------------------------------------------------------------------------
# Every pair
# ---------------------------------------------------------------------------------------------

def _year(d) -> int:
    """The year a label names a day by: Iranian in Persian, Gregorian otherwise."""
    d = pd.Timestamp(d)
    return calendar.jalali_year_of(d) if style.rtl() else d.year


def _day(d, with_year: bool) -> str:
    """'29 Jul' / '29 Jul 2020'; in Persian the Iranian day ('۸ مرداد ۱۳۹۹')."""
    if style.rtl():
        return iranian_day(d, year=with_year)
    return gregorian_day(d, year=with_year, short=True)


def _month(d, with_year: bool) -> str:
    """'Aug' / 'Aug 2021'; in Persian the Iranian month ('مرداد ۱۴۰۰')."""
    d = pd.Timestamp(d)
    if style.rtl():
        _, m, _ = calendar.to_jalali(d)
        name = catalogue()[f"jmonth.{m}"]
    else:
        name = catalogue()[f"month.{d.month}"][:3]
    return say("chart.period.month_year", month=name, year=digits(str(_year(d)))) if with_year else name


def _end_text(e0, e1, with_year: bool) -> str:
    """An end date, or the window it lies in: '29 Jul', '25 Aug-8 Sep', 'Aug-Oct 2023', '1401'."""
    e0, e1 = pd.Timestamp(e0), pd.Timestamp(e1)
    if e0 == e1:
        return _day(e0, with_year)
    whole = [y for y in range(calendar.jalali_year_of(e0), calendar.jalali_year_of(e1) + 1)
             if tuple(pd.Timestamp(b) for b in calendar.year_bounds(y)) == (e0, e1)]
    if whole:
        return kit.year_number(whole[0])
    same = _year(e0) == _year(e1)
    if (e1 - e0).days > 31:  # a long window: months are precise enough for a label
        if same or not with_year:
            return say("chart.period.window", first=_month(e0, False), last=_month(e1, with_year))
        return say("chart.period.window", first=_month(e0, True), last=_month(e1, True))
    if same or not with_year:
        return say("chart.period.window", first=_day(e0, False), last=_day(e1, with_year))
    return say("chart.period.window", first=_day(e0, True), last=_day(e1, True))


def period_text(row) -> str:
    """A short period label: '1399', '1400–1401', '1399 to 29 Jul', '1399 to 25 Aug-8 Sep',
    'Aug 2021 to 21 Nov 2023', 'Aug 2021 to 1401'. An end inside the Iranian year is written without
    its year, which the Iranian year fixes; a long window as months; a window that is a whole Iranian
    year as that year. In Persian, days and months are Iranian."""
    kind = str(row["period_kind"])
    fy = row.get("first_year")
    if kind == "full_year" and not pd.isna(fy):
        return kit.year_number(fy)
    if kind == "multi_year" and not pd.isna(fy):
        last = row.get("last_year")
        if last is None or pd.isna(last):
            last = calendar.jalali_year_of(pd.Timestamp(row["end_latest"]))
        return say("chart.period.years", first=kit.year_number(fy), last=kit.year_number(last))
    if kind in ("year_to_date", "months", "quarter", "half") and not pd.isna(fy):
        return say("chart.period.to", start=kit.year_number(fy), end=_end_text(row["end_earliest"], row["end_latest"], False))
    start = row.get("start")
    if start is not None and not pd.isna(start):
        return say("chart.period.to", start=_month(start, True), end=_end_text(row["end_earliest"], row["end_latest"], True))
    return _end_text(row["end_earliest"], row["end_latest"], True)


def _pair_rows(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs ordered by scope then period, with their row labels (duplicates told apart by their jobs figure)."""
    order = {s: i for i, s in enumerate(SCOPE_ORDER)}
    p = pairs.assign(_scope_rank=pairs["scope"].map(order).fillna(len(order)))
    p = p.sort_values(["_scope_rank", "end_latest", "end_earliest", "j_value"], kind="stable").reset_index(drop=True)
    labels = [period_text(r) for _, r in p.iterrows()]
    p["label"] = labels
    dup = p.duplicated(["scope", "label"], keep=False)
    p.loc[dup, "label"] = [say("chart.pairs.told_apart", label=lab, jobs=Count(int(j), "job"))
                           for lab, j in zip(p.loc[dup, "label"], p.loc[dup, "j_value"])]
    return p


def pairs_chart(pairs: pd.DataFrame, *, band: tuple[float, float], source: str, title: str | None = None,
                link=None) -> "style.Figure":
    """Every pair of a units and a jobs count of one scope and period: the ratio as a dot with its whisker.

    Rows are grouped by scope (its name heads the group, in its colour). The plausible band is shaded;
    a ratio beyond the chart's edge is drawn at the edge with an arrow and its value; a ratio with no
    upper bound has an arrow to the right; one that cannot be computed is named in words.
    """
    p = _pair_rows(pairs)
    band_lo, band_hi = float(band[0]), float(band[1])
    xmax = math.ceil(band_hi * 1.08 / 5) * 5 + 5
    rows = []  # (kind, payload)
    for scope, g in p.groupby("_scope_rank", sort=True):
        rows.append(("head", g["scope"].iloc[0]))
        rows.extend(("pair", r) for _, r in g.iterrows())
    nrows = len(rows)
    with style.context():
        fig = style.figure(2.6 + 0.3 * nrows)
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False, grid="x")
        ax.axvspan(band_lo, band_hi, color=style.BAND, zorder=0, linewidth=0)
        ax.set_ylim(nrows - 0.4, -1.1)
        ax.set_xlim(0, xmax)
        ticks = list(range(0, int(xmax) + 1, 10 if style.variant().name == "wide" else 20))
        ax.set_xticks(ticks, labels=kit.ticks(ticks))
        ax.tick_params(axis="x", length=0, pad=6, labelsize=style.TEXT_PT)
        ax.set_yticks([])
        ax.set_xlabel(say("chart.jobs.per_unit_axis"), fontsize=style.TEXT_PT, color=style.INK)
        for i, (kind, payload) in enumerate(rows):
            if kind == "head":
                ax.annotate(fmt.label("scope", payload), xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-8, 0),
                            textcoords="offset points", ha="right", va="center", fontsize=style.TEXT_PT, fontweight="bold",
                            color=style.colour(payload), annotation_clip=False)
                continue
            r = payload
            ax.annotate(r["label"], xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-8, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=style.TEXT_PT, color=style.INK, annotation_clip=False)
        ax.text(band_lo + 0.5, -1.0, say("chart.pairs.plausible", low=_one(band_lo), high=_one(band_hi)), ha="left", va="top",
                fontsize=style.TEXT_PT, color=style.MUTED)
        drawn: set[str] = set()

        def place():
            out = []
            for i, (kind, r) in enumerate(rows):
                if kind != "pair":
                    continue
                col = style.colour(r["scope"])
                lo, hi, v = r["jpu_low"], r["jpu_high"], r["jpu_value"]
                ids = r.get("source_ids", "")
                if bool(r.get("cannot_compute", False)) or not kit.finite(lo):
                    out.append(ax.text(0.5, i, say("form.cannot"), ha="left", va="center", fontsize=style.TEXT_PT,
                                       color=style.MUTED))
                    continue
                lo, v = float(lo), float(v)
                ppx = kit.points_per_unit(ax, "x")
                if lo >= xmax:  # beyond the edge: an arrow at the edge with the value
                    arrow = kit.side_arrow(ax, xmax, i, 1, length_pt=22, colour=col)
                    kit.link(arrow.arrow_patch, ids, link)
                    out.append(arrow)
                    text = _one(v) if kit.finite(hi) else say("form.at_least", n=_one(lo))
                    worded = say("chart.pairs.implausible_value", value=text)
                    room = ax.get_window_extent().width * 72 / fig.dpi - 34
                    if bool(r.get("implausible", False)) and style.text_width(fig, worded) <= room:
                        text = worded  # the word where it fits in the plot; the alt text and the table always say it
                    out.append(ax.annotate(text, xy=(xmax, i), xytext=(-26, 0), textcoords="offset points",
                                           ha="right", va="center", fontsize=style.TEXT_PT, color=style.INK,
                                           annotation_clip=False))
                    drawn.add("beyond")
                    continue
                if kit.finite(hi):
                    right = min(float(hi), xmax)
                    if right > lo:
                        out.append(ax.plot([lo, right], [i, i], color=col, linewidth=2.4, zorder=3, solid_capstyle="butt")[0])
                    if float(hi) > xmax:
                        out.append(kit.side_arrow(ax, xmax, i, 1, length_pt=18, colour=col))
                    dot = ax.plot([v], [i], marker="o", markersize=9, color=col, markeredgecolor=style.PAPER,
                                  markeredgewidth=1.0, linestyle="none", zorder=4)[0]
                    kit.link(dot, ids, link)
                    out.append(dot)
                    text = say("chart.pairs.value_implausible", value=_one(v)) if bool(r.get("implausible", False)) else _one(v)
                    out.append(ax.annotate(text, xy=(right, i), xytext=(8, 0), textcoords="offset points",
                                           ha="left", va="center", fontsize=style.TEXT_PT, color=style.INK,
                                           annotation_clip=False))
                    continue
                # no upper bound: the dot at the lower bound, its value, then a line to an arrow at the edge
                text = say("form.at_least", n=_one(lo))
                dot = ax.plot([lo], [i], marker="o", markersize=9, color=col, markeredgecolor=style.PAPER,
                              markeredgewidth=1.0, linestyle="none", zorder=4)[0]
                kit.link(dot, ids, link)
                out.append(dot)
                out.append(ax.annotate(text, xy=(lo, i), xytext=(8, 0), textcoords="offset points", ha="left", va="center",
                                       fontsize=style.TEXT_PT, color=style.INK, annotation_clip=False))
                after = lo + (8 + style.text_width(fig, text) + 6) / ppx
                if after < xmax - 20 / ppx:
                    out.append(ax.plot([after, xmax - 14 / ppx], [i, i], color=col, linewidth=2.4, zorder=3,
                                       solid_capstyle="butt")[0])
                out.append(kit.side_arrow(ax, xmax, i, 1, length_pt=16, colour=col))
                drawn.add("open")
            return out

        title = title or say("chart.pairs.title")
        layout.finish(fig, [ax], title=title, subtitle=say("chart.pairs.subtitle"), source=source, place=place,
                      min_height=0.3 * nrows + 0.5)
    return fig


def pairs_alt(pairs: pd.DataFrame, band: tuple[float, float]) -> str:
    """Alt text of :func:`pairs_chart`: how many pairs, how many lie in the plausible band, and the ones outside it."""
    p = _pair_rows(pairs)
    out = p[p["implausible"].astype(bool)]
    inside = p[(p["jpu_low"] >= band[0]) & (p["jpu_high"] <= band[1])]
    text = say("chart.pairs.alt", pairs=Count(len(p), "pair"), inside=fmt.number(len(inside)), low=_one(band[0]), high=_one(band[1]))
    if len(out):
        items = say("form.semicolon").join(say("chart.pairs.alt_item", label=r["label"], scope=fmt.label("scope", r["scope"]),
                                               ratio=_ratio_text(r["jpu_value"], r["jpu_low"], r["jpu_high"]))
                                           for _, r in out.iterrows())
        text += " " + say("chart.pairs.alt_implausible", items=items)
    return text
