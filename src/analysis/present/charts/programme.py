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

Out: a matplotlib Figure (as wide as the drawing being made, :func:`analysis.present.style.width`) and
its alt text, both in the language in force. With ``link`` (a function from a cell of source ids to an
address), every bar, target and point links to the reports it rests on (the frames' ``source_ids``,
``target_source_ids`` and ``target_first_source_ids``).

Colours are scopes, everywhere: a bar, a point and a target take the colour of the scope they count
(a target is told from a count by its mark). The key names every colour drawn and every kind of mark;
the subtitle says why a year shows a scope other than national, from the frame (``other_scopes``:
the estimates of the other scopes that year, as ``(scope, value, low, high, basis)``).
"""

from __future__ import annotations

import math

import matplotlib.patheffects as pe
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ... import fmt
from ...words import All, Label, Year, say
from .. import style
from . import kit, layout

UNITS = "units"
BAR_WIDTH = 0.78
#: A target more than this many times the tallest bar is drawn at that height, with an arrow and its value.
OFF_SCALE = 1.4

#: Bases of an estimate that count a whole year (:data:`analysis.evidence.estimates.WHOLE_YEAR_BASES`):
#: a scope with one of these counted the whole year; any other basis counts part of it.
WHOLE_YEAR_BASES = ("full_year", "count_and_pace", "total_less_years")


def _is_floor(row) -> bool:
    return not kit.finite(row["high"])


def _part_words(years: pd.DataFrame) -> list[str]:
    """Per year (sorted): '' for a complete year, 'so_far' for the last year known only in part, 'in_part' for an earlier one."""
    complete = years["complete"] if "complete" in years else years["basis"].astype(str) != "floor"
    n = len(years)
    return ["" if bool(c) else "so_far" if i == n - 1 else "in_part" for i, c in enumerate(complete)]


def _target_rows(row) -> list[tuple[str, float, str, object]]:
    """(kind, value, scope, source ids) of the year's targets: ``first`` (only where revised) and ``force``."""
    out = []
    force = row.get("target_value", np.nan)
    first = row.get("target_first_value", np.nan)
    first_scope = str(row.get("target_first_scope", row["scope"]))
    if kit.finite(first) and (not kit.finite(force) or float(first) != float(force)):
        out.append(("first", float(first), first_scope, row.get("target_first_source_ids", "")))
    if kit.finite(force):
        out.append(("force", float(force), str(row.get("target_scope", row["scope"])), row.get("target_source_ids", "")))
    elif kit.finite(first):
        out.append(("force", float(first), first_scope, row.get("target_first_source_ids", "")))
    return out


def target_style(kind: str, scope: str) -> dict:
    """A target's mark: in its scope's colour, solid and thick when in force at the year's end, dashed and
    thinner when first stated and later revised, cased in white so it shows on a bar of its own colour."""
    width = 3.2 if kind == "force" else 2.2
    d = dict(color=style.colour(scope), linewidth=width, solid_capstyle="butt", zorder=5,
             path_effects=[pe.Stroke(linewidth=width + 2.4, foreground=style.PAPER), pe.Normal()])
    if kind == "first":
        d["linestyle"] = (0, (2.2, 1.4))
        d["dash_capstyle"] = "butt"
    return d


def _key_style(kind: str) -> dict:
    """A target's mark in the key: its line, in ink (a mark, not a scope: colours are keyed as scopes)."""
    return {k: v for k, v in target_style(kind, "").items() if k not in ("zorder", "path_effects")} | {"color": style.INK}


def _others(row) -> list[tuple]:
    """The other scopes' estimates that year, as (scope, value, low, high, basis) tuples (lists once carried)."""
    cell = row.get("other_scopes", None)
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return []
    return [tuple(o) for o in cell]


def why_scope(row) -> tuple[str, list[str]]:
    """Why a year's bar counts a scope other than national, from the other scopes counted that year
    (``others``, in the palette's order):

    - ``("only", [])``: no other scope was counted that year;
    - ``("whole", others)``: the bar's scope is the only one counted for the whole year, ``others`` part of it;
    - ``("also", others)``: ``others`` counted the whole year too (the headline's order of scopes chose this one);
    - ``("part_only", [])`` and ``("part", others)``: the bar itself counts part of the year, and no scope
      was counted for the whole of it (alone, or with ``others``).
    """
    order = {s: i for i, s in enumerate(style.SCOPE_COLOURS)}
    others = sorted(_others(row), key=lambda o: order.get(str(o[0]), len(order)))
    names = list(dict.fromkeys(str(o[0]) for o in others))
    if str(row["basis"]) not in WHOLE_YEAR_BASES:
        return ("part", names) if names else ("part_only", [])
    if not others:
        return "only", []
    whole = list(dict.fromkeys(str(o[0]) for o in others if str(o[4]) in WHOLE_YEAR_BASES))
    if whole:
        return "also", whole
    return "whole", names


def years_subtitle(y: pd.DataFrame) -> str:
    """What the reader should see, true for every year drawn: what a bar is, then, for each year that
    shows a scope other than national, why (:func:`why_scope`)."""
    parts = [say("chart.years.subtitle")]
    for _, r in y.iterrows():
        if str(r["scope"]) == "national":
            continue
        why, others = why_scope(r)
        slots = dict(year=Year(int(r["jalali_year"]), span=False), scope=Label("scope", r["scope"]))
        if others:
            slots["others"] = All(tuple(Label("scope", o) for o in dict.fromkeys(others)))
        parts.append(say(f"chart.years.why_{why}", **slots))
    return " ".join(parts)


def scope_key(scopes) -> list:
    """Key entries naming each scope drawn by its colour, in the palette's order."""
    order = {s: i for i, s in enumerate(style.SCOPE_COLOURS)}
    return [(Patch(facecolor=style.colour(sc), edgecolor="none"), fmt.label("scope", sc))
            for sc in sorted(dict.fromkeys(str(s) for s in scopes), key=lambda s: order.get(s, len(order)))]


def years_chart(years: pd.DataFrame, *, source: str, title: str | None = None, link=None) -> "style.Figure":
    """Units revived per Iranian year: best estimate as a bar, its range, the year's targets.

    A bar's colour is its scope (a scope other than national is named on the bar too); a bar derived
    from other counts (``basis`` other than ``full_year``) is hatched and says "derived"; a count with no
    upper bound has an arrow and "at least"; the target in force at the year's end is a solid mark and
    the first-stated one, where it was revised, a dashed mark, each in its own scope's colour. A year
    known only from a count to a date is hatched too, and says "so far" (or "in part", before the last
    year) instead of "derived". Values are written on the bars. The key names the scopes drawn (bars
    and targets) and the kinds of mark.
    """
    y = years.sort_values("jalali_year", kind="stable").reset_index(drop=True)
    n = len(y)
    part = _part_words(y)
    with style.context():
        fig = style.figure(6.0)
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False)
        x = np.arange(n, dtype=float)
        value = [float(r["low"]) if (_is_floor(r) or not kit.finite(r["value"])) else float(r["value"]) for _, r in y.iterrows()]
        tops = [max(v, float(h)) if kit.finite(h) else v for v, h in zip(value, y["high"])]
        # A target far above every bar (another scope's, counted otherwise) would flatten the bars: it is
        # drawn at the top of the scale with an arrow and its value.
        cap = max(tops + [1.0]) * OFF_SCALE
        targets = [_target_rows(r) for _, r in y.iterrows()]
        marks = [[(min(v, cap), target_style(kind, sc), ids) for kind, v, sc, ids in t] for t in targets]
        derived = [str(b) != "full_year" for b in y["basis"]]
        words = []
        for i, r in y.iterrows():
            scope = fmt.label("scope", r["scope"]) if str(r["scope"]) != "national" else ""
            how = say(f"chart.{part[i]}") if part[i] else say("chart.derived") if derived[i] else ""
            words.append([scope, how])
        place = layout.estimate_columns(
            ax, x, value, y["low"].tolist(), y["high"].tolist(), [style.colour(s) for s in y["scope"]],
            hatched=derived, words=words, marks=marks,
            labels=[kit.column_label(r["value"], r["low"], r["high"]) for _, r in y.iterrows()], width=BAR_WIDTH,
            sources=y["source_ids"].tolist() if "source_ids" in y else None, link_to=link)
        for i, t in enumerate(targets):
            above = [(v, sc) for _, v, sc, _ in t if v > cap]
            for v, sc in above[-1:]:
                kit.up_arrow(ax, x[i], cap, length_pt=16, colour=style.colour(sc))
                ax.annotate(say("chart.years.off_scale", value=fmt.number(v)), xy=(x[i], cap), xytext=(0, 19),
                            textcoords="offset points", ha="center", va="bottom", fontsize=style.TEXT_PT, color=style.INK,
                            annotation_clip=False)
        ymax = max(tops + [m[0] for ms in marks for m in ms] + [1.0])
        ax.set_ylim(0, ymax * 1.04)
        pad = max(0.0, (4 - n) / 2)  # a year or two are drawn at the width of four
        ax.set_xlim(-0.5 - pad, n - 0.5 + pad)
        ax.set_yticks([])
        ax.set_ylabel(say("chart.years.ylabel"), color=style.INK, fontsize=style.TEXT_PT, labelpad=6)
        kit.year_labels(ax, x, y["jalali_year"].astype(int).tolist())
        kinds = {kind for _, r in y.iterrows() for kind, _, _, _ in _target_rows(r)}
        scopes = list(y["scope"]) + [sc for _, r in y.iterrows() for _, _, sc, _ in _target_rows(r)]
        key = scope_key(scopes)
        if "force" in kinds:
            key.append((Line2D([], [], **_key_style("force")), say("chart.key.target_force")))
        if "first" in kinds:
            key.append((Line2D([], [], **_key_style("first")), say("chart.key.target_first")))
        hatches = [w for w in ("derived" if d and not p else p for d, p in zip(derived, part)) if w]
        if hatches:
            said = [say("chart.key.derived" if w == "derived" else "chart.key.part_year") for w in dict.fromkeys(
                "derived" if w == "derived" else "part" for w in hatches)]
            key.append((Patch(facecolor=style.MUTED, hatch="///", edgecolor=(1, 1, 1, 0.75), linewidth=0),
                        say("form.semicolon").join(said)))

        first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
        if title is None:
            title = (say("chart.years.title", first=Year(first, span=False), last=Year(last, span=False)) if last > first
                     else say("chart.years.title_one", year=Year(first, span=False)))
        layout.finish(fig, [ax], title=title, subtitle=years_subtitle(y), source=source, place=place, key=key or None,
                      min_height=2.4)
    return fig


def years_alt(years: pd.DataFrame) -> str:
    """Alt text of :func:`years_chart`: every year's estimate (with scope and basis where not plain) and its targets."""
    y = years.sort_values("jalali_year", kind="stable").reset_index(drop=True)
    first, last = int(y["jalali_year"].min()), int(y["jalali_year"].max())
    part = _part_words(y)
    parts = []
    for i, r in y.iterrows():
        text = fmt.estimate(r["value"], r["low"], r["high"], "units")
        notes = []
        if str(r["scope"]) != "national":
            notes.append(fmt.label("scope", r["scope"]))
        if part[i]:
            notes.append(say("chart.alt.part_year", part=say(f"chart.{part[i]}")))
        elif str(r["basis"]) != "full_year":
            notes.append(say("chart.derived"))
        year = Year(int(r["jalali_year"]), span=False)
        parts.append(say("chart.alt.value_in_year_notes", value=text, year=year, notes=say("form.comma").join(notes)) if notes
                     else say("chart.alt.value_in_year", value=text, year=year))
    targets = []
    for _, r in y.iterrows():
        t = _target_rows(r)
        if not t:
            continue
        words = fmt.number(t[0][1])
        for _, v, _, _ in t[1:]:
            words = say("chart.alt.revised_to", first=words, then=fmt.number(v))
        scope = t[-1][2]
        year = Year(int(r["jalali_year"]), span=False)
        targets.append(say("chart.alt.value_in_year_notes", value=words, year=year, notes=fmt.label("scope", scope))
                       if scope != str(r["scope"]) else say("chart.alt.value_in_year", value=words, year=year))
    span = (say("chart.alt.span", first=Year(first, span=False), last=Year(last, span=False)) if last > first
            else say("chart.alt.span_one", year=Year(first, span=False)))
    out = say("chart.years.alt", span=span, items=say("form.semicolon").join(parts))
    if targets:
        out += " " + say("chart.years.alt_targets", items=say("form.semicolon").join(targets))
    return out


# ---------------------------------------------------------------------------------------------
# Year to date
# ---------------------------------------------------------------------------------------------

def _ytd_years(ytd: pd.DataFrame) -> list[int]:
    """Iranian years with at least two in-year counts (any revival scope)."""
    inyear = ytd[ytd["period_kind"] != "full_year"]
    counts = inyear.groupby("jalali_year").size()
    return sorted(int(y) for y, c in counts.items() if c >= 2)


def year_to_date_chart(ytd: pd.DataFrame, *, source: str, title: str | None = None, link=None) -> "style.Figure":
    """One panel per Iranian year with at least two in-year counts: each count against the share of the year elapsed.

    A count whose end is known is a dot; one whose end is known only within a window is a bar across
    the window; a count with a range has a whisker, one with no upper bound an arrow; the year's
    full-year result is a diamond at 100 %. Colours are scopes, named in each panel in their colour.
    All panels share one y scale. The subtitle names only the kinds of mark drawn.
    """
    years = _ytd_years(ytd)
    data = ytd[ytd["jalali_year"].isin(years)]
    ncols = 2 if len(years) > 1 and style.variant().name == "wide" else 1
    nrows = max(1, math.ceil(len(years) / ncols))
    drawn: set[str] = set()
    with style.context():
        fig = style.figure(1.3 + 2.9 * nrows if ncols == 2 or len(years) <= 1 else 1.2 + 1.6 * nrows)
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
            full_rows = d[d["period_kind"] == "full_year"].sort_values("value", kind="stable")
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
                ids = r.get("source_ids", "")
                if kit.finite(r["low"]) and kit.finite(r["high"]) and r["high"] > r["low"]:
                    ax.plot([(lo_x + hi_x) / 2] * 2, [r["low"], r["high"]], color=col, linewidth=1.8, zorder=3)
                if full:
                    mark, = ax.plot([100 + nudge.get(idx, 0.0)], [yv], marker="D", markersize=10, color=col, markeredgecolor=style.INK,
                                    markeredgewidth=1.2, linestyle="none", zorder=5)
                    drawn.add("full")
                elif hi_x > lo_x:
                    mark, = ax.plot([lo_x, hi_x], [yv, yv], color=col, linewidth=5, solid_capstyle="butt", zorder=4, alpha=0.9)
                    for xe in (lo_x, hi_x):
                        ax.plot([xe, xe], [yv - ymax * 0.02, yv + ymax * 0.02], color=col, linewidth=1.8, zorder=4)
                    drawn.add("window")
                else:
                    mark, = ax.plot([lo_x], [yv], marker="o", markersize=9, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.0,
                                    linestyle="none", zorder=5)
                    drawn.add("dot")
                kit.link(mark, ids, link)
                if not kit.finite(r["high"]):
                    kit.up_arrow(ax, (lo_x + hi_x) / 2, yv, length_pt=20, colour=col)
                    drawn.add("arrow")
            ax.set_xlim(-4, 106)
            ax.set_ylim(0, ymax)
            ax.set_xticks([0, 50, 100], labels=[fmt.amount(v, "%") for v in (0, 50, 100)])
            ax.tick_params(axis="x", length=0, pad=6, labelsize=style.TEXT_PT)
            ax.tick_params(axis="y", length=0, pad=4, labelsize=style.TEXT_PT)
            step = _nice_step(ymax / 3)
            ticks = np.arange(0, ymax, step)
            ax.set_yticks(ticks, labels=kit.ticks(ticks) if k % ncols == 0 else [""] * len(ticks))
            ax.set_title(kit.year_text(year), loc="right" if style.rtl() else "left", fontsize=style.TEXT_PT, fontweight="bold",
                         color=style.INK, pad=6)
            scopes = list(dict.fromkeys(d.sort_values("scope", kind="stable")["scope"]))
            right = style.rtl()  # the scopes' names at the panel's top, on the side a reader starts from
            for j, sc in enumerate(scopes):
                ax.annotate(fmt.label("scope", sc), xy=(0.98 if right else 0.02, 0.97), xycoords="axes fraction",
                            xytext=(0, -j * style.line_height()), textcoords="offset points", ha="right" if right else "left",
                            va="top", fontsize=style.TEXT_PT, color=style.colour(sc), fontweight="bold", zorder=6,
                            path_effects=[pe.withStroke(linewidth=3, foreground=style.PAPER)])
        for k, ax in enumerate(axes):
            if k // ncols == nrows - 1 or k + ncols >= len(years):
                ax.set_xlabel(say("chart.ytd.xlabel"), fontsize=style.TEXT_PT, color=style.INK, labelpad=4)
            if k % ncols == 0:
                ax.set_ylabel(say("chart.ytd.ylabel"), fontsize=style.TEXT_PT, color=style.INK, labelpad=4)
        if not axes:
            ax = fig.add_subplot(gs[0, 0])
            axes.append(ax)
            ax.set_xlabel(say("chart.ytd.xlabel"))
            ax.set_ylabel(say("chart.ytd.ylabel"))
            ax.set_xticks([])
            ax.set_yticks([])
            ax.text(0.5, 0.5, say("chart.ytd.none"), transform=ax.transAxes, ha="center", va="center",
                    fontsize=style.TEXT_PT, color=style.MUTED)
        title = title or say("chart.ytd.title")
        subtitle = " ".join(say(f"chart.ytd.{kind}") for kind in ("dot", "window", "full", "arrow") if kind in drawn)
        layout.finish(fig, axes, title=title, subtitle=subtitle or None, source=source, min_height=1.7)
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
        return say("chart.ytd.alt_none")
    sentences = []
    semicolon = say("form.semicolon")
    for year in years:
        d = ytd[ytd["jalali_year"] == year].sort_values(["share_low", "share_high"], kind="stable")
        bits = []
        for _, r in d[d["period_kind"] != "full_year"].iterrows():
            lo, hi = float(r["share_low"]), float(r["share_high"])
            when = (fmt.amount(lo, "%") if round(lo) == round(hi)
                    else say("chart.ytd.alt_share_range", low=fmt.number(lo), high=fmt.amount(hi, "%")))
            bits.append(say("chart.ytd.alt_count", value=fmt.estimate(r["value"], r["low"], r["high"], "units"),
                            scope=Label("scope", r["scope"]), share=when))
        full = d[d["period_kind"] == "full_year"]
        res = say("form.and").join(say("chart.ytd.alt_full_item", value=fmt.estimate(r["value"], r["low"], r["high"], "units"),
                                       scope=Label("scope", r["scope"])) for _, r in full.iterrows())
        counts = say("form.comma").join(bits)
        sentences.append(say("chart.ytd.alt_year_full", year=Year(int(year), span=False), counts=counts, full=res) if res
                         else say("chart.ytd.alt_year", year=Year(int(year), span=False), counts=counts))
    return say("chart.ytd.alt", years=say("form.comma").join(kit.year_number(y) for y in years), panels=semicolon.join(sentences))
