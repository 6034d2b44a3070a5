"""The programme year by year: the headline chart, and each year's counts to date.

In:

- :func:`years_chart` / :func:`years_alt`: the frame of :func:`analysis.questions.timeline.years`, one
  row per Iranian year. Columns used: ``jalali_year``, ``scope``, ``value``, ``low``, ``high``
  (``high`` infinite for a floor), ``basis`` (``full_year`` or how the count was derived),
  ``complete`` (optional; default: ``basis`` is not ``floor``): False for a year known only from a
  count to a date within it, drawn as "so far" (the last year) or "in part" (an earlier one), never as
  a derived full year; ``target_first_scope``/``target_first_value`` (the target as first stated) and
  ``target_scope``/``target_value`` (as in force at the year's end); missing targets are NaN.
- :func:`year_to_date_chart` / :func:`year_to_date_alt`: the frame of
  :func:`analysis.questions.timeline.year_to_date`. Columns used: ``jalali_year``, ``scope``,
  ``period_kind`` (``full_year`` rows are the year's result), ``value``, ``low``, ``high``,
  ``share_low``/``share_high`` (percent of the year elapsed at the earliest and latest possible end).

Out: a matplotlib Figure (:data:`analysis.present.style.WIDTH` inches wide) and its alt text.
"""

from __future__ import annotations

import math

import matplotlib.patheffects as pe
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ... import fmt
from .. import style
from . import kit, layout

UNITS = "units"
BAR_WIDTH = 0.78




def _is_floor(row) -> bool:
    return not kit.finite(row["high"])


def _part_words(years: pd.DataFrame) -> list[str]:
    """Per year (sorted): '' for a complete year, 'so far' for the last year known only in part, 'in part' for an earlier one."""
    complete = years["complete"] if "complete" in years else years["basis"].astype(str) != "floor"
    n = len(years)
    return ["" if bool(c) else "so far" if i == n - 1 else "in part" for i, c in enumerate(complete)]






def _target_rows(row) -> list[tuple[str, float, str]]:
    """(kind, value, scope) of the year's targets: ``first`` (only where revised) and ``force``."""
    out = []
    force = row.get("target_value", np.nan)
    first = row.get("target_first_value", np.nan)
    if kit.finite(first) and (not kit.finite(force) or float(first) != float(force)):
        out.append(("first", float(first), str(row.get("target_first_scope", row["scope"]))))
    if kit.finite(force):
        out.append(("force", float(force), str(row.get("target_scope", row["scope"]))))
    elif kit.finite(first):
        out.append(("force", float(first), str(row.get("target_first_scope", row["scope"]))))
    return out


def _target_style(kind: str, same_scope: bool, scope: str) -> dict:
    col = style.INK if same_scope else style.colour(scope)
    d = dict(color=col, linewidth=3.2 if kind == "force" else 2.2, solid_capstyle="butt", zorder=5)
    if kind == "first":
        d["linestyle"] = (0, (2.2, 1.4))
        d["dash_capstyle"] = "butt"
    return d


def _key_style(kind: str, same_scope: bool, scope: str) -> dict:
    return {k: v for k, v in _target_style(kind, same_scope, scope).items() if k != "zorder"}


def years_chart(years: pd.DataFrame, *, source: str, title: str | None = None) -> "style.Figure":
    """Units revived per Iranian year: best estimate as a bar, its range, the year's targets.

    A bar's colour is its scope (a scope other than national is named on the bar); a bar derived from
    other counts (``basis`` other than ``full_year``) is hatched and says "derived"; a count with no
    upper bound has an arrow and "at least"; the target in force at the year's end is a solid mark and
    the first-stated one, where it was revised, a dashed mark (in the target's own scope colour when it
    is not the bar's scope). A year known only from a count to a date is hatched too, and says "so far"
    (or "in part", before the last year) instead of "derived". Values are written on the bars.
    """
    y = years.sort_values("jalali_year").reset_index(drop=True)
    n = len(y)
    part = _part_words(y)
    with style.context():
        fig = style.figure(6.0)
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False)
        x = np.arange(n, dtype=float)
        value = [float(r["low"]) if (_is_floor(r) or not kit.finite(r["value"])) else float(r["value"]) for _, r in y.iterrows()]
        marks = [[(v, _target_style(kind, sc == str(r["scope"]), sc)) for kind, v, sc in _target_rows(r)] for _, r in y.iterrows()]
        place = layout.estimate_columns(
            ax, x, value, y["low"].tolist(), y["high"].tolist(), [style.colour(s) for s in y["scope"]],
            hatched=(y["basis"].astype(str) != "full_year").tolist(),
            words=[[fmt.label("scope", r["scope"]) if str(r["scope"]) != "national" else "",
                    part[i] or ("derived" if str(r["basis"]) != "full_year" else "")] for i, r in y.iterrows()],
            marks=marks, labels=[kit.column_label(r["value"], r["low"], r["high"]) for _, r in y.iterrows()], width=BAR_WIDTH)
        tops = [max(v, float(h)) if kit.finite(h) else v for v, h in zip(value, y["high"])]
        ymax = max(tops + [m for ms in marks for m, _ in ms] + [1.0])
        ax.set_ylim(0, ymax * 1.04)
        pad = max(0.0, (4 - n) / 2)  # a year or two are drawn at the width of four
        ax.set_xlim(-0.5 - pad, n - 0.5 + pad)
        ax.set_yticks([])
        ax.set_ylabel("Units revived in the year", color=style.INK, fontsize=style.TEXT_PT, labelpad=6)
        kit.year_labels(ax, x, y["jalali_year"].astype(int).tolist())
        kinds = {kind for _, r in y.iterrows() for kind, _, _ in _target_rows(r)}
        key = []
        if "force" in kinds:
            key.append((Line2D([], [], **_key_style("force", True, "national")), "target at the year's end"))
        if "first" in kinds:
            key.append((Line2D([], [], **_key_style("first", True, "national")), "target first stated"))
        hatches = [w for w in ("derived" if str(b) != "full_year" and not p else p for b, p in zip(y["basis"], part)) if w]
        if hatches:
            said = list(dict.fromkeys("derived" if w == "derived" else "part of the year only" for w in hatches))
            key.append((Patch(facecolor=style.MUTED, hatch="///", edgecolor=(1, 1, 1, 0.75), linewidth=0), "; ".join(said)))
        other = sorted({sc for _, r in y.iterrows() for _, _, sc in _target_rows(r) if sc != str(r["scope"])})
        for sc in other:
            key.append((Line2D([], [], **_key_style("force", False, sc)), f"{fmt.label('scope', sc)} target"))

        first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
        title = title or f"Idle units revived each Iranian year, {kit.years_text(first, last)}"
        subtitle = ("Best estimate, with its range where reports differ or round it. Blue: national; "
                    "another colour: the only scope counted that year.")
        layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source, place=place, key=key or None)
    return fig


def years_alt(years: pd.DataFrame) -> str:
    """Alt text of :func:`years_chart`: every year's estimate (with scope and basis where not plain) and its targets."""
    y = years.sort_values("jalali_year").reset_index(drop=True)
    first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
    part = _part_words(y)
    parts = []
    for i, r in y.iterrows():
        text = fmt.estimate(r["value"], r["low"], r["high"], "units")
        notes = []
        if str(r["scope"]) != "national":
            notes.append(fmt.label("scope", r["scope"]))
        if part[i]:
            notes.append(f"{part[i]}, no full-year figure")
        elif str(r["basis"]) != "full_year":
            notes.append("derived")
        parts.append(f"{text} in {int(r['jalali_year'])}" + (f" ({', '.join(notes)})" if notes else ""))
    targets = []
    for _, r in y.iterrows():
        t = _target_rows(r)
        if not t:
            continue
        vals = [fmt.number(v) for _, v, _ in t]
        scope = t[-1][2]
        words = " revised to ".join(vals)
        if scope != str(r["scope"]):
            words += f" ({fmt.label('scope', scope)})"
        targets.append(f"{words} in {int(r['jalali_year'])}")
    out = f"Bar chart of units revived per Iranian year, {kit.years_text(first, last)}: " + "; ".join(parts) + "."
    if targets:
        out += " Targets: " + "; ".join(targets) + "."
    return out


# ---------------------------------------------------------------------------------------------
# Year to date
# ---------------------------------------------------------------------------------------------

def _ytd_years(ytd: pd.DataFrame) -> list[int]:
    """Iranian years with at least two in-year counts (any revival scope)."""
    inyear = ytd[ytd["period_kind"] != "full_year"]
    counts = inyear.groupby("jalali_year").size()
    return sorted(int(y) for y, c in counts.items() if c >= 2)


def year_to_date_chart(ytd: pd.DataFrame, *, source: str, title: str | None = None) -> "style.Figure":
    """One panel per Iranian year with at least two in-year counts: each count against the share of the year elapsed.

    A count whose end is known is a dot; one whose end is known only within a window is a bar across
    the window; a count with a range has a whisker, one with no upper bound an arrow; the year's
    full-year result is a diamond at 100 %. Colours are scopes, named in each panel. All panels share
    one y scale.
    """
    years = _ytd_years(ytd)
    data = ytd[ytd["jalali_year"].isin(years)]
    ncols = 2 if len(years) > 1 else 1
    nrows = max(1, math.ceil(len(years) / ncols))
    with style.context():
        fig = style.figure(1.3 + 2.9 * nrows)
        gs = fig.add_gridspec(nrows, ncols)
        axes = []
        finite_high = data["high"].where(np.isfinite(data["high"]), data["value"])
        ymax = float(max(finite_high.max() if len(data) else 1.0, 1.0)) * 1.22
        for k, year in enumerate(years):
            ax = fig.add_subplot(gs[k // ncols, k % ncols])
            axes.append(ax)
            kit.clean_axes(ax, left=False, grid="y")
            d = data[data["jalali_year"] == year]
            # full-year diamonds closer than a marker's height are set side by side
            full_rows = d[d["period_kind"] == "full_year"].sort_values("value")
            height_pt = 2.9 * 72 * 0.6
            nudge = {}
            prev = None
            for idx, r in full_rows.iterrows():
                if prev is not None and abs(float(r["value"]) - prev[1]) / ymax * height_pt < 11:
                    nudge[prev[0]] = nudge.get(prev[0], 0.0) - 2.6
                    nudge[idx] = 2.6
                prev = (idx, float(r["value"]))
            for idx, r in d.iterrows():
                col = style.colour(r["scope"])
                full = r["period_kind"] == "full_year"
                lo_x, hi_x = float(r["share_low"]), float(r["share_high"])
                yv = float(r["value"])
                if kit.finite(r["low"]) and kit.finite(r["high"]) and r["high"] > r["low"]:
                    ax.plot([(lo_x + hi_x) / 2] * 2, [r["low"], r["high"]], color=col, linewidth=1.8, zorder=3)
                if full:
                    ax.plot([100 + nudge.get(idx, 0.0)], [yv], marker="D", markersize=10, color=col, markeredgecolor=style.INK, markeredgewidth=1.2,
                            linestyle="none", zorder=5)
                elif hi_x > lo_x:
                    ax.plot([lo_x, hi_x], [yv, yv], color=col, linewidth=5, solid_capstyle="butt", zorder=4, alpha=0.9)
                    for xe in (lo_x, hi_x):
                        ax.plot([xe, xe], [yv - ymax * 0.02, yv + ymax * 0.02], color=col, linewidth=1.8, zorder=4)
                else:
                    ax.plot([lo_x], [yv], marker="o", markersize=9, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.0,
                            linestyle="none", zorder=5)
                if not kit.finite(r["high"]):
                    kit.up_arrow(ax, (lo_x + hi_x) / 2, yv, length_pt=20, colour=col)
            ax.set_xlim(-4, 106)
            ax.set_ylim(0, ymax)
            ax.set_xticks([0, 50, 100], labels=["0%", "50%", "100%"])
            ax.tick_params(axis="x", length=0, pad=6, labelsize=style.TEXT_PT)
            ax.tick_params(axis="y", length=0, pad=4, labelsize=style.TEXT_PT)
            step = _nice_step(ymax / 3)
            ticks = np.arange(0, ymax, step)
            ax.set_yticks(ticks, labels=[fmt.number(t) for t in ticks] if k % ncols == 0 else [""] * len(ticks))
            ax.set_title(kit.year_text(year), loc="left", fontsize=style.TEXT_PT, fontweight="bold", color=style.INK, pad=6)
            scopes = list(dict.fromkeys(d.sort_values("scope")["scope"]))
            for j, sc in enumerate(scopes):
                ax.text(0.02, 0.97 - j * 0.13, fmt.label("scope", sc), transform=ax.transAxes, ha="left", va="top",
                        fontsize=style.TEXT_PT, color=style.colour(sc), fontweight="bold", zorder=6,
                        path_effects=[pe.withStroke(linewidth=3, foreground=style.PAPER)])
        for k, ax in enumerate(axes):
            if k // ncols == nrows - 1 or k + ncols >= len(years):
                ax.set_xlabel("Share of the Iranian year elapsed", fontsize=style.TEXT_PT, color=style.INK, labelpad=4)
            if k % ncols == 0:
                ax.set_ylabel("Units revived so far", fontsize=style.TEXT_PT, color=style.INK, labelpad=4)
        if not axes:
            ax = fig.add_subplot(gs[0, 0])
            axes.append(ax)
            ax.set_xlabel("Share of the Iranian year elapsed")
            ax.set_ylabel("Units revived so far")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.text(0.5, 0.5, "No year has two counts to date", transform=ax.transAxes, ha="center", va="center",
                    fontsize=style.TEXT_PT, color=style.MUTED)
        title = title or "Each year's counts to date, and its result"
        subtitle = ("Dots: counts to a known date. Bars: counts whose end is known only within a window. "
                    "Diamonds: the full-year count.")
        layout.finish(fig, axes, title=title, subtitle=subtitle, source=source)
    return fig


def _nice_step(raw: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) at least ``raw``."""
    if raw <= 0:
        return 1.0
    p = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * p >= raw:
            return float(m * p)
    return float(10 * p)


def year_to_date_alt(ytd: pd.DataFrame) -> str:
    """Alt text of :func:`year_to_date_chart`: per panel, the in-year counts with their share of the year, and the year's result."""
    years = _ytd_years(ytd)
    if not years:
        return "Small multiples of counts to date: no year has two counts to date."
    sentences = []
    for year in years:
        d = ytd[ytd["jalali_year"] == year].sort_values(["share_low", "share_high"], kind="stable")
        bits = []
        for _, r in d[d["period_kind"] != "full_year"].iterrows():
            lo, hi = float(r["share_low"]), float(r["share_high"])
            when = f"{fmt.number(lo)}%" if round(lo) == round(hi) else f"{fmt.number(lo)}-{fmt.number(hi)}%"
            bits.append(f"{fmt.estimate(r['value'], r['low'], r['high'], 'units')} ({fmt.label('scope', r['scope'])}) at {when}")
        full = d[d["period_kind"] == "full_year"]
        res = " and ".join(f"{fmt.estimate(r['value'], r['low'], r['high'], 'units')} {fmt.label('scope', r['scope'])}" for _, r in full.iterrows())
        sentences.append(f"in {year}, " + ", ".join(bits) + (f", full year {res}" if res else ""))
    text = "; ".join(sentences)
    return ("Small multiples of units revived to date against the share of the Iranian year elapsed, one panel per year "
            f"({', '.join(str(y) for y in years)}). " + text[0].upper() + text[1:] + ".")
