"""The yearly revival targets against the year's count of the same scope.

In: :func:`attainment_chart` / :func:`attainment_alt` take the frame of
:func:`analysis.questions.rates.attainment` and draw its scored units targets (rows with ``scored``
true and ``metric == "units_target"``). Columns used: ``jalali_year``, ``scope``, ``metric``,
``scored``, ``role`` (``first`` or ``revision``), ``current`` (in force at the year's end), ``value``
(the target), ``done_value``/``done_low``/``done_high`` (the year's count; ``done_high`` infinite for a
floor), ``verdict`` (``met``, ``missed``, ``uncertain``).

Out: a matplotlib Figure (one row per year and scope: the count as a dot, each target as a tick, both
in the scope's colour, the verdict in words; a key to the colours and marks) and its alt text, in the
language in force. With ``link``, each dot links to the reports of its count (``done_sources``) and
each tick to those of its target (``source_ids``).
"""

from __future__ import annotations


import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ... import fmt
from ...words import Year, say
from .. import style
from . import kit, layout

SCOPE_ORDER = list(style.SCOPE_COLOURS)

#: Verdicts, as catalogue keys.
VERDICTS = {"met": "chart.targets.met", "missed": "chart.targets.missed", "uncertain": "chart.targets.uncertain",
            "no full-year count": "chart.targets.no_full_year", "no count of this scope": "chart.targets.no_count_scope",
            "not scored": "chart.targets.not_scored"}


def _verdict(v: str) -> str:
    return say(VERDICTS[v]) if v in VERDICTS else str(v)


def _groups(attainment: pd.DataFrame) -> list[dict]:
    """One entry per year and scope with its targets (first, then revisions) and count."""
    a = attainment[attainment["scored"].astype(bool) & (attainment["metric"] == "units_target")].copy()
    order = {s: i for i, s in enumerate(SCOPE_ORDER)}
    a["_rank"] = a["scope"].map(order).fillna(len(order))
    a["_role"] = a["role"].map({"first": 0, "revision": 1}).fillna(2)
    out = []
    for (year, _, scope), g in a.sort_values(["jalali_year", "_rank", "_role"], kind="stable").groupby(
            ["jalali_year", "_rank", "scope"], sort=True):
        first = g.iloc[0]
        out.append({
            "year": int(year), "scope": str(scope),
            "targets": [(float(r["value"]), str(r["role"]), bool(r["current"]), str(r["verdict"]), r.get("source_ids", ""))
                        for _, r in g.iterrows()],
            "done": (first["done_value"], first["done_low"], first["done_high"]),
            "done_sources": first.get("done_sources", ""),
        })
    return out


def _nice_step(raw: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) at least ``raw``."""
    p = 10 ** np.floor(np.log10(max(raw, 1e-9)))
    return float(next(m * p for m in (1, 2, 5, 10) if m * p >= raw))


def _verdict_words(targets: list[tuple]) -> str:
    verdicts = [_verdict(t[3]) for t in targets]
    if len(set(verdicts)) == 1:
        return verdicts[0]
    return say("form.comma").join(say("chart.targets.verdict_first" if t[1] == "first" else "chart.targets.verdict_revised",
                                      verdict=_verdict(t[3])) for t in targets)


def _count_words(done) -> str:
    """The year's count: '1,185', '1,600 (1,550 to 1,650)', 'at least 360' (a floor: its lower bound), 'no count'."""
    v, lo, hi = done
    if not kit.finite(lo) and not kit.finite(v):
        return say("chart.targets.no_count")
    return fmt.estimate(v, lo, hi, "units")


def _target_words(targets: list[tuple]) -> str:
    words = fmt.number(targets[0][0])
    for t in targets[1:]:
        words = say("chart.targets.revised", first=words, then=fmt.number(t[0]))
    return say("chart.targets.target", values=words)


def tick_style(current: bool) -> dict:
    """A target's tick: thick when in force at the year's end, thin when first stated and later revised."""
    return dict(marker="|", markersize=22, markeredgewidth=3.2 if current else 1.8, linestyle="none")


def attainment_chart(attainment: pd.DataFrame, *, source: str, title: str | None = None, link=None) -> "style.Figure":
    """Each scored units target against the year's count of the same scope (dumbbell rows by year and scope).

    The count is a dot, each target a tick, both in the scope's colour (one colour per scope, targets
    included); the key names the scopes drawn and the marks."""
    groups = _groups(attainment)
    n = len(groups)
    kinds: set[str] = set()
    with style.context():
        fig = style.figure(2.0 + 0.62 * max(n, 1))
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False, grid="x")
        highs = []
        for g in groups:
            highs += [t[0] for t in g["targets"]]
            d = g["done"]
            highs += [float(x) for x in d if kit.finite(x)]
        xmax = max(highs + [1.0]) * 1.08
        wide = style.variant().name == "wide"
        step = (500 if xmax <= 4000 else 1000 if xmax <= 8000 else 5000) if wide else _nice_step(xmax / 3)
        ax.set_xlim(0, xmax)
        ax.set_ylim(n - 0.45, -0.9)
        ticks = list(np.arange(0, xmax, step))
        ax.set_xticks(ticks, labels=kit.ticks(ticks))
        ax.tick_params(axis="x", length=0, pad=6, labelsize=style.TEXT_PT)
        ax.set_yticks([])
        ax.set_xlabel(say("chart.targets.xlabel"), fontsize=style.TEXT_PT, color=style.INK)
        seen_year = set()
        room = style.width() * 72 - 90  # a row's label runs from the axes' left edge, right of the years
        lines = 1
        for i, g in enumerate(groups):
            col = style.colour(g["scope"])
            v, lo, hi = (float(x) if not pd.isna(x) else np.nan for x in g["done"])
            force = [t for t in g["targets"] if t[2]] or g["targets"][-1:]
            tv = force[0][0]
            has_count = kit.finite(v) or kit.finite(lo)
            dot = lo if (not kit.finite(hi) or not kit.finite(v)) else v
            if has_count:
                ax.plot([min(dot, tv), max(dot, tv)], [i, i], color=style.GRID, linewidth=5, solid_capstyle="butt", zorder=1)
            for value, role, current, _, ids in g["targets"]:
                tick, = ax.plot([value], [i], color=col, zorder=3, **tick_style(current))
                kit.link(tick, ids, link)
                kinds.add("force" if current else "first")
            if has_count:
                if kit.finite(lo) and kit.finite(hi) and hi > lo:
                    ax.plot([lo, hi], [i, i], color=col, linewidth=2.4, zorder=4, solid_capstyle="butt")
                mark, = ax.plot([dot], [i], marker="o", markersize=11, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.2,
                                linestyle="none", zorder=5)
                kit.link(mark, g["done_sources"], link)
                kinds.add("count")
                if not kit.finite(hi):
                    ax.annotate("", xy=(dot, i), xytext=(28, 0), textcoords="offset points",
                                arrowprops=dict(arrowstyle="<|-", color=col, lw=2.0, shrinkA=0, shrinkB=7, mutation_scale=14),
                                annotation_clip=False, zorder=5)
                    kinds.add("floor")
            label = style.wrap(fig, say("chart.targets.row", scope=fmt.label("scope", g["scope"]), count=_count_words(g["done"]),
                                        targets=_target_words(g["targets"])), room)
            lines = max(lines, label.count("\n") + 1 + (0 if wide else 1))
            text = ax.annotate(label, xy=(0, i), xycoords=("axes fraction", "data"), xytext=(0, 11), textcoords="offset points",
                               ha="left", va="bottom", fontsize=style.TEXT_PT, color=style.INK, annotation_clip=False,
                               linespacing=1.1)
            verdict = dict(fontsize=style.TEXT_PT, color=style.INK, fontweight="bold", annotation_clip=False)
            if wide:  # the verdict in a column of its own, right of the rows
                ax.annotate(_verdict_words(g["targets"]), xy=(1, i), xycoords=("axes fraction", "data"), xytext=(14, 0),
                            textcoords="offset points", ha="left", va="center", **verdict)
            else:  # on a phone, on the line above the row's label
                ax.annotate(_verdict_words(g["targets"]), xy=(0, 1), xycoords=text, xytext=(0, 1), textcoords="offset points",
                            ha="left", va="bottom", **verdict)
            if g["year"] not in seen_year:
                seen_year.add(g["year"])
                ax.annotate(kit.year_number(g["year"]), xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-12, 11),
                            textcoords="offset points", ha="right", va="bottom", fontsize=style.TEXT_PT, fontweight="bold",
                            color=style.INK, annotation_clip=False)
                ax.annotate(kit.year_span(g["year"]), xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-12, 9),
                            textcoords="offset points", ha="right", va="top", fontsize=style.TEXT_PT, color=style.MUTED,
                            annotation_clip=False)
        for i in range(1, n):
            if groups[i]["year"] != groups[i - 1]["year"]:
                ax.axhline(i - 0.62, color=style.GRID, linewidth=1.0, zorder=0)
        if not groups:
            ax.text(0.5, 0.5, say("chart.targets.none"), transform=ax.transAxes, ha="center", va="center")
        years = sorted({g["year"] for g in groups})
        if title is None:
            title = (say("chart.targets.title", first=Year(years[0], span=False), last=Year(years[-1], span=False)) if len(years) > 1
                     else say("chart.targets.title_one", year=Year(years[0], span=False)) if years else say("chart.targets.title_none"))
        order = {s: i for i, s in enumerate(SCOPE_ORDER)}
        key = [(Patch(facecolor=style.colour(sc), edgecolor="none"), fmt.label("scope", sc))
               for sc in sorted({g["scope"] for g in groups}, key=lambda s: order.get(s, len(order)))]
        if "count" in kinds:
            key.append((Line2D([], [], marker="o", markersize=11, color=style.INK, markeredgecolor=style.PAPER, linestyle="none"),
                        say("chart.key.count_floor" if "floor" in kinds else "chart.key.count")))
        if "force" in kinds:
            key.append((Line2D([], [], color=style.INK, **tick_style(True)), say("chart.key.target_force")))
        if "first" in kinds:
            key.append((Line2D([], [], color=style.INK, **tick_style(False)), say("chart.key.target_first")))
        layout.finish(fig, [ax], title=title, subtitle=say("chart.targets.subtitle" if wide else "chart.targets.subtitle_narrow"), source=source, key=key or None,
                      min_height=(0.62 + 0.24 * (lines - 1)) * max(n, 1) + 0.4)
    return fig


def attainment_alt(attainment: pd.DataFrame) -> str:
    """Alt text of :func:`attainment_chart`: every year and scope with its count, targets and verdict."""
    groups = _groups(attainment)
    if not groups:
        return say("chart.targets.alt_none")
    parts = [say("chart.targets.alt_item", year=Year(g["year"], span=False), scope=fmt.label("scope", g["scope"]),
                 count=_count_words(g["done"]), targets=_target_words(g["targets"]), verdict=_verdict_words(g["targets"]))
             for g in groups]
    return say("chart.targets.alt", items=say("form.semicolon").join(parts))
