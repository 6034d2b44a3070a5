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

Out: a matplotlib Figure and its alt text. Jobs per unit are written with one decimal.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ... import calendar, fmt
from .. import style
from . import kit, layout

SCOPE_ORDER = list(style.SCOPE_COLOURS)




def _one(x) -> str:
    return fmt.number(x, 1)






def _ratio_text(v, lo, hi) -> str:
    """A ratio in words with one decimal: '17.3 (17.0 to 17.7)', 'at least 17.9', 'cannot be bounded'."""
    if not kit.finite(lo) or (float(lo) <= 0 and not kit.finite(hi)):
        return "cannot be bounded"
    if not kit.finite(hi):
        return f"at least {_one(lo)}"
    if _one(lo) == _one(hi):
        return _one(lo)
    return f"{_one(v)} ({_one(lo)} to {_one(hi)})"


def _shown(frame: pd.DataFrame) -> pd.Series:
    """Rows with something to draw: a finite lower bound above zero (an upper bound may be missing)."""
    return frame["jpu_low"].notna() & np.isfinite(frame["jpu_low"]) & ((frame["jpu_low"] > 0) | np.isfinite(frame["jpu_high"]))


# ---------------------------------------------------------------------------------------------
# Jobs per unit by year
# ---------------------------------------------------------------------------------------------

def per_unit_chart(yearly: pd.DataFrame, *, reference: tuple[float, float, float], source: str,
                   title: str | None = None) -> "style.Figure":
    """Jobs per revived unit per Iranian year and scope: a dot with its whisker, over the full-year range shaded.

    A ratio with no upper bound is drawn from its lower bound with an upward arrow ("at least"); a
    year whose ratio cannot be bounded (no upper bound on its jobs and no lower one above zero) is
    named in a note instead of drawn.
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
                ax.plot([r["_x"]], [v], marker="o", markersize=10, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.2,
                        linestyle="none", zorder=4)
            else:
                ax.plot([r["_x"]], [lo], marker="o", markersize=10, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.2,
                        linestyle="none", zorder=4)
                kit.up_arrow(ax, r["_x"], lo, length_pt=30, colour=col)
        finite = pd.concat([shown["jpu_low"], shown["jpu_high"].where(np.isfinite(shown["jpu_high"]))]).dropna()
        vals = [v for v in list(finite) + [ref_lo, ref_hi] if kit.finite(v)]
        lo_lim = max(math.floor(min(vals) - 1.5), 0) if vals else 0
        hi_lim = math.ceil(max(vals) + 2.5) if vals else 1
        ax.set_ylim(lo_lim, hi_lim)
        pad = max(0.0, (4 - len(years)) / 2)
        ax.set_xlim(-0.6 - pad, len(years) - 0.4 + pad)
        step = 5 if hi_lim - lo_lim > 12 else 2
        ticks = [t for t in range(int(math.ceil(lo_lim / step) * step), int(hi_lim) + 1, step)]
        ax.set_yticks(ticks, labels=[str(t) for t in ticks])
        ax.tick_params(axis="y", length=0, pad=4, labelsize=style.TEXT_PT)
        ax.set_ylabel("Jobs per revived unit", fontsize=style.TEXT_PT, color=style.INK, labelpad=4)
        several = shown["scope"].nunique() > 1
        extra = [[(fmt.label("scope", sc), style.colour(sc)) for sc in shown.loc[shown["jalali_year"] == yr, "scope"]
                  if several and sc != "national"] for yr in years]

        def place():
            out = []
            ppu = kit.points_per_unit(ax)
            slot = kit.points_per_unit(ax, "x") - 8
            out += kit.year_labels(ax, list(range(len(years))), years, extra=extra, extra_width_pt=slot)
            for _, r in shown.iterrows():
                lo, hi, v = float(r["jpu_low"]), float(r["jpu_high"]), float(r["jpu_value"])
                top = hi if kit.finite(hi) else lo + 34 / ppu
                text = _one(v) if kit.finite(hi) else f"at least\n{_one(lo)}"
                out.append(ax.text(r["_x"], top + 3 / ppu, text, ha="center", va="bottom", fontsize=style.TEXT_PT,
                                   color=style.INK, zorder=5, linespacing=1.0))
            return out

        note = None
        if len(hidden):
            names = ", ".join(f"{int(r['jalali_year'])} {fmt.label('scope', r['scope'])}" for _, r in hidden.iterrows())
            note = f"Not drawn, no bound on the ratio: {names}."
        first, last = years[0], years[-1]
        title = title or f"Jobs per revived unit, {kit.years_text(first, last)}"
        band = f" Shaded: full-year ratios, {_one(ref_lo)} to {_one(ref_hi)}." if kit.finite(ref_lo) and kit.finite(ref_hi) else ""
        colours = " Blue: national; another colour: the scope named under its year." if several else ""
        subtitle = f"Best estimate and range.{band}{colours}"
        layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source, place=place, note=note)
    return fig


def per_unit_alt(yearly: pd.DataFrame, reference: tuple[float, float, float]) -> str:
    """Alt text of :func:`per_unit_chart`."""
    y = yearly.sort_values(["jalali_year", "scope"], kind="stable")
    parts = [f"{_ratio_text(r['jpu_value'], r['jpu_low'], r['jpu_high'])} in {int(r['jalali_year'])} ({fmt.label('scope', r['scope'])})"
             for _, r in y.iterrows()]
    first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
    return (f"Dot chart of jobs per revived unit per Iranian year, {kit.years_text(first, last)}: " + "; ".join(parts) + ". "
            f"The full-year range, {_one(reference[1])} to {_one(reference[2])} jobs per unit, is shaded.")


# ---------------------------------------------------------------------------------------------
# Jobs per year
# ---------------------------------------------------------------------------------------------

def jobs_chart(headline: pd.DataFrame, *, source: str, title: str | None = None) -> "style.Figure":
    """Jobs the year's revivals brought, per Iranian year (the scope of the year's jobs-per-unit ratio); a year
    whose jobs are known only to a date in it (``j_basis`` ``floor``) is an "at least" bar marked "so far"
    (the last year) or "in part"."""
    y = headline.sort_values("jalali_year").reset_index(drop=True)
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
        part = ["" if str(b) != "floor" else "so far" if i == n - 1 else "in part" for i, b in enumerate(y["j_basis"])]
        place = layout.estimate_columns(
            ax, x, value, y["j_low"].tolist(), y["j_high"].tolist(), [style.colour(s) for s in y["scope"]],
            hatched=derived, words=[[fmt.label("scope", s) if s != "national" else "", p or ("derived" if d else "")]
                                    for s, d, p in zip(y["scope"], derived, part)],
            labels=[kit.column_label(v, lo, hi) for v, lo, hi in zip(y["j_value"], y["j_low"], y["j_high"])], width=0.74,
            inside=False)
        tops = [max(v, float(h)) if kit.finite(h) else v * 1.12 for v, h in zip(value, y["j_high"])]
        ax.set_ylim(0, max(tops + [1.0]) * 1.04)
        pad = max(0.0, (4 - n) / 2)
        ax.set_xlim(-0.5 - pad, n - 0.5 + pad)
        ax.set_yticks([])
        ax.set_ylabel("Jobs in the year", fontsize=style.TEXT_PT, color=style.INK, labelpad=6)
        kit.year_labels(ax, x, y["jalali_year"].astype(int).tolist())
        first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
        title = title or f"Jobs brought by the year's revivals, {kit.years_text(first, last)}"
        subtitle = ("Best estimate, with its range where reports differ or round it. Blue: national; "
                    "another colour: the scope of that year's ratio.")
        layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source, place=place)
    return fig


def jobs_alt(headline: pd.DataFrame) -> str:
    """Alt text of :func:`jobs_chart`."""
    y = headline.sort_values("jalali_year").reset_index(drop=True)
    parts = []
    for i, r in y.iterrows():
        notes = [] if r["scope"] == "national" else [fmt.label("scope", r["scope"])]
        if str(r.get("j_basis", "")) == "floor":
            notes.append(f"{'so far' if i == len(y) - 1 else 'in part'}, no full-year figure")
        note = f" ({', '.join(notes)})" if notes else ""
        parts.append(f"{fmt.estimate(r['j_value'], r['j_low'], r['j_high'], 'units')} in {int(r['jalali_year'])}{note}")
    first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
    return f"Bar chart of jobs brought by the year's revivals per Iranian year, {kit.years_text(first, last)}: " + "; ".join(parts) + "."


# ---------------------------------------------------------------------------------------------
# Every pair
# ---------------------------------------------------------------------------------------------

def _day(d, with_year: bool) -> str:
    d = pd.Timestamp(d)
    return f"{d.day} {d:%b} {d.year}" if with_year else f"{d.day} {d:%b}"


def _end_text(e0, e1, with_year: bool) -> str:
    """An end date, or the window it lies in: '29 Jul', '25 Aug-8 Sep', 'Aug-Oct 2023', '1401'."""
    e0, e1 = pd.Timestamp(e0), pd.Timestamp(e1)
    if e0 == e1:
        return _day(e0, with_year)
    whole = [y for y in range(calendar.jalali_year_of(e0), calendar.jalali_year_of(e1) + 1)
             if tuple(pd.Timestamp(b) for b in calendar.year_bounds(y)) == (e0, e1)]
    if whole:
        return str(whole[0])
    if (e1 - e0).days > 31:  # a long window: months are precise enough for a label
        if e0.year == e1.year or not with_year:
            return f"{e0:%b}-{e1:%b}" + (f" {e1.year}" if with_year else "")
        return f"{e0:%b} {e0.year}-{e1:%b} {e1.year}"
    if e0.year == e1.year or not with_year:
        return f"{_day(e0, False)}-{_day(e1, with_year)}"
    return f"{_day(e0, True)}-{_day(e1, True)}"


def period_text(row) -> str:
    """A short period label: '1399', '1400-1401', '1399 to 29 Jul', '1399 to 25 Aug-8 Sep',
    'Aug 2021 to 21 Nov 2023', 'Aug 2021 to 1401'. An end inside the Iranian year is written without
    its Gregorian year, which the Iranian year fixes; a long window as months; a window that is a
    whole Iranian year as that year."""
    kind = str(row["period_kind"])
    fy = row.get("first_year")
    if kind == "full_year" and not pd.isna(fy):
        return str(int(fy))
    if kind == "multi_year" and not pd.isna(fy):
        last = row.get("last_year")
        if last is None or pd.isna(last):
            last = calendar.jalali_year_of(pd.Timestamp(row["end_latest"]))
        return f"{int(fy)}-{int(last)}"
    if kind in ("year_to_date", "months", "quarter", "half") and not pd.isna(fy):
        return f"{int(fy)} to {_end_text(row['end_earliest'], row['end_latest'], False)}"
    start = row.get("start")
    if start is not None and not pd.isna(start):
        return f"{pd.Timestamp(start):%b %Y} to {_end_text(row['end_earliest'], row['end_latest'], True)}"
    return _end_text(row["end_earliest"], row["end_latest"], True)


def _pair_rows(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs ordered by scope then period, with their row labels (duplicates told apart by their jobs figure)."""
    order = {s: i for i, s in enumerate(SCOPE_ORDER)}
    p = pairs.assign(_scope_rank=pairs["scope"].map(order).fillna(len(order)))
    p = p.sort_values(["_scope_rank", "end_latest", "end_earliest", "j_value"], kind="stable").reset_index(drop=True)
    labels = [period_text(r) for _, r in p.iterrows()]
    p["label"] = labels
    dup = p.duplicated(["scope", "label"], keep=False)
    p.loc[dup, "label"] = p.loc[dup, "label"] + ", " + p.loc[dup, "j_value"].map(fmt.number) + " jobs"
    return p


def pairs_chart(pairs: pd.DataFrame, *, band: tuple[float, float], source: str, title: str | None = None) -> "style.Figure":
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
        ticks = list(range(0, int(xmax) + 1, 10))
        ax.set_xticks(ticks, labels=[str(t) for t in ticks])
        ax.tick_params(axis="x", length=0, pad=6, labelsize=style.TEXT_PT)
        ax.set_yticks([])
        ax.set_xlabel("Jobs per revived unit", fontsize=style.TEXT_PT, color=style.INK)
        for i, (kind, payload) in enumerate(rows):
            if kind == "head":
                ax.annotate(fmt.label("scope", payload), xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-8, 0),
                            textcoords="offset points", ha="right", va="center", fontsize=style.TEXT_PT, fontweight="bold",
                            color=style.colour(payload), annotation_clip=False)
                continue
            r = payload
            ax.annotate(r["label"], xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-8, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=style.TEXT_PT, color=style.INK, annotation_clip=False)
        ax.text(band_lo + 0.5, -1.0, f"plausible: {_one(band_lo)} to {_one(band_hi)}", ha="left", va="top",
                fontsize=style.TEXT_PT, color=style.MUTED)

        def place():
            out = []
            for i, (kind, r) in enumerate(rows):
                if kind != "pair":
                    continue
                col = style.colour(r["scope"])
                lo, hi, v = r["jpu_low"], r["jpu_high"], r["jpu_value"]
                if bool(r.get("cannot_compute", False)) or not kit.finite(lo):
                    out.append(ax.text(0.5, i, "cannot be computed", ha="left", va="center", fontsize=style.TEXT_PT,
                                       color=style.MUTED))
                    continue
                lo, v = float(lo), float(v)
                ppx = kit.points_per_unit(ax, "x")
                if lo >= xmax:  # beyond the edge: an arrow at the edge with the value
                    out.append(kit.side_arrow(ax, xmax, i, 1, length_pt=22, colour=col))
                    text = _ratio_text(v, lo, hi).split(" (")[0]
                    word = "implausible: " if bool(r.get("implausible", False)) else ""
                    out.append(ax.annotate(f"{word}{text}", xy=(xmax, i), xytext=(-26, 0), textcoords="offset points",
                                           ha="right", va="center", fontsize=style.TEXT_PT, color=style.INK,
                                           annotation_clip=False))
                    continue
                if kit.finite(hi):
                    right = min(float(hi), xmax)
                    if right > lo:
                        out.append(ax.plot([lo, right], [i, i], color=col, linewidth=2.4, zorder=3, solid_capstyle="butt")[0])
                    if float(hi) > xmax:
                        out.append(kit.side_arrow(ax, xmax, i, 1, length_pt=18, colour=col))
                    out.append(ax.plot([v], [i], marker="o", markersize=9, color=col, markeredgecolor=style.PAPER,
                                       markeredgewidth=1.0, linestyle="none", zorder=4)[0])
                    word = " implausible" if bool(r.get("implausible", False)) else ""
                    out.append(ax.annotate(_one(v) + word, xy=(right, i), xytext=(8, 0), textcoords="offset points",
                                           ha="left", va="center", fontsize=style.TEXT_PT, color=style.INK,
                                           annotation_clip=False))
                    continue
                # no upper bound: the dot at the lower bound, its value, then a line to an arrow at the edge
                text = f"at least {_one(lo)}"
                out.append(ax.plot([lo], [i], marker="o", markersize=9, color=col, markeredgecolor=style.PAPER,
                                   markeredgewidth=1.0, linestyle="none", zorder=4)[0])
                out.append(ax.annotate(text, xy=(lo, i), xytext=(8, 0), textcoords="offset points", ha="left", va="center",
                                       fontsize=style.TEXT_PT, color=style.INK, annotation_clip=False))
                after = lo + (8 + style.text_width(fig, text) + 6) / ppx
                if after < xmax - 20 / ppx:
                    out.append(ax.plot([after, xmax - 14 / ppx], [i, i], color=col, linewidth=2.4, zorder=3,
                                       solid_capstyle="butt")[0])
                out.append(kit.side_arrow(ax, xmax, i, 1, length_pt=16, colour=col))
            return out

        title = title or "Jobs per revived unit in every pair of counts"
        subtitle = ("Each row: a count of units and one of jobs for the same scope and period, as reported. "
                    "Dots: the ratio; lines: its range.")
        layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source, place=place)
    return fig


def pairs_alt(pairs: pd.DataFrame, band: tuple[float, float]) -> str:
    """Alt text of :func:`pairs_chart`: how many pairs, how many lie in the plausible band, and the ones outside it."""
    p = _pair_rows(pairs)
    out = p[p["implausible"].astype(bool)]
    inside = p[(p["jpu_low"] >= band[0]) & (p["jpu_high"] <= band[1])]
    text = (f"Dot chart of jobs per revived unit for {len(p)} pairs of unit and job counts; "
            f"{len(inside)} lie wholly within the plausible range of {_one(band[0])} to {_one(band[1])}.")
    if len(out):
        text += " Implausible: " + "; ".join(f"{r['label']} ({fmt.label('scope', r['scope'])}), {_ratio_text(r['jpu_value'], r['jpu_low'], r['jpu_high'])}"
                                             for _, r in out.iterrows()) + "."
    return text
