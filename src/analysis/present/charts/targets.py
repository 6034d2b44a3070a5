"""The yearly revival targets against the year's count of the same scope.

In: :func:`attainment_chart` / :func:`attainment_alt` take the frame of
:func:`analysis.questions.rates.attainment` and draw its scored units targets (rows with ``scored``
true and ``metric == "units_target"``). Columns used: ``jalali_year``, ``scope``, ``metric``,
``scored``, ``role`` (``first`` or ``revision``), ``current`` (in force at the year's end), ``value``
(the target), ``done_value``/``done_low``/``done_high`` (the year's count; ``done_high`` infinite for a
floor), ``verdict`` (``met``, ``missed``, ``uncertain``).

Out: a matplotlib Figure (one row per year and scope: the count as a dot, each target as a tick, the
verdict in words) and its alt text.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from ... import fmt
from .. import style
from . import kit, layout

SCOPE_ORDER = list(style.SCOPE_COLOURS)

#: Verdicts in words.
VERDICTS = {"met": "met", "missed": "missed", "uncertain": "cannot tell"}




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
            "targets": [(float(r["value"]), str(r["role"]), bool(r["current"]), str(r["verdict"])) for _, r in g.iterrows()],
            "done": (first["done_value"], first["done_low"], first["done_high"]),
        })
    return out


def _verdict_words(targets: list[tuple[float, str, bool, str]]) -> str:
    verdicts = [VERDICTS.get(v, v) for _, _, _, v in targets]
    if len(set(verdicts)) == 1:
        return verdicts[0]
    return ", ".join(f"{'first' if role == 'first' else 'revised'}: {VERDICTS.get(v, v)}" for _, role, _, v in targets)


def _count_words(done) -> str:
    """The year's count: '1,185', '1,600 (1,550 to 1,650)', 'at least 360' (a floor: its lower bound), 'no count'."""
    v, lo, hi = done
    if not kit.finite(lo) and not kit.finite(v):
        return "no count"
    return fmt.estimate(v, lo, hi, "units")


def _target_words(targets: list[tuple[float, str, bool, str]]) -> str:
    vals = [fmt.number(v) for v, _, _, _ in targets]
    return "target " + ", revised to ".join(vals)


def attainment_chart(attainment: pd.DataFrame, *, source: str, title: str | None = None) -> "style.Figure":
    """Each scored units target against the year's count of the same scope (dumbbell rows by year and scope)."""
    groups = _groups(attainment)
    n = len(groups)
    with style.context():
        fig = style.figure(2.0 + 0.62 * max(n, 1))
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False, grid="x")
        highs = []
        for g in groups:
            highs += [v for v, _, _, _ in g["targets"]]
            d = g["done"]
            highs += [float(x) for x in d if kit.finite(x)]
        xmax = max(highs + [1.0]) * 1.08
        step = 500 if xmax <= 4000 else 1000 if xmax <= 8000 else 5000
        ax.set_xlim(0, xmax)
        ax.set_ylim(n - 0.45, -0.9)
        ticks = list(np.arange(0, xmax, step))
        ax.set_xticks(ticks, labels=[fmt.number(t) for t in ticks])
        ax.tick_params(axis="x", length=0, pad=6, labelsize=style.TEXT_PT)
        ax.set_yticks([])
        ax.set_xlabel("Units revived in the year", fontsize=style.TEXT_PT, color=style.INK)
        seen_year = set()
        for i, g in enumerate(groups):
            col = style.colour(g["scope"])
            v, lo, hi = (float(x) if not pd.isna(x) else np.nan for x in g["done"])
            force = [t for t in g["targets"] if t[2]] or g["targets"][-1:]
            tv = force[0][0]
            has_count = kit.finite(v) or kit.finite(lo)
            dot = lo if (not kit.finite(hi) or not kit.finite(v)) else v
            if has_count:
                ax.plot([min(dot, tv), max(dot, tv)], [i, i], color=style.GRID, linewidth=5, solid_capstyle="butt", zorder=1)
            for value, role, current, _ in g["targets"]:
                ax.plot([value], [i], marker="|", markersize=22, markeredgewidth=3.2 if current else 1.8,
                        color=style.INK, linestyle="none", zorder=3, alpha=1.0 if current else 0.7)
            if has_count:
                if kit.finite(lo) and kit.finite(hi) and hi > lo:
                    ax.plot([lo, hi], [i, i], color=col, linewidth=2.4, zorder=4, solid_capstyle="butt")
                ax.plot([dot], [i], marker="o", markersize=11, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.2,
                        linestyle="none", zorder=5)
                if not kit.finite(hi):
                    ax.annotate("", xy=(dot, i), xytext=(28, 0), textcoords="offset points",
                                arrowprops=dict(arrowstyle="<|-", color=col, lw=2.0, shrinkA=0, shrinkB=7, mutation_scale=14),
                                annotation_clip=False, zorder=5)
            label = f"{fmt.label('scope', g['scope'])}: {_count_words(g['done'])}; {_target_words(g['targets'])}"
            ax.annotate(label, xy=(0, i), xycoords=("axes fraction", "data"), xytext=(0, 11), textcoords="offset points",
                        ha="left", va="bottom", fontsize=style.TEXT_PT, color=style.INK, annotation_clip=False)
            ax.annotate(_verdict_words(g["targets"]), xy=(1, i), xycoords=("axes fraction", "data"), xytext=(14, 0),
                        textcoords="offset points", ha="left", va="center", fontsize=style.TEXT_PT, color=style.INK,
                        fontweight="bold", annotation_clip=False)
            if g["year"] not in seen_year:
                seen_year.add(g["year"])
                ax.annotate(str(g["year"]), xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-12, 11),
                            textcoords="offset points", ha="right", va="bottom", fontsize=style.TEXT_PT, fontweight="bold",
                            color=style.INK, annotation_clip=False)
                ax.annotate(kit.year_span(g["year"]), xy=(0, i), xycoords=("axes fraction", "data"), xytext=(-12, 9),
                            textcoords="offset points", ha="right", va="top", fontsize=style.TEXT_PT, color=style.MUTED,
                            annotation_clip=False)
        for i in range(1, n):
            if groups[i]["year"] != groups[i - 1]["year"]:
                ax.axhline(i - 0.62, color=style.GRID, linewidth=1.0, zorder=0)
        if not groups:
            ax.text(0.5, 0.5, "No target can be scored", transform=ax.transAxes, ha="center", va="center")
        years = sorted({g["year"] for g in groups})
        span = (f", {years[0]} to {years[-1]}" if len(years) > 1 else f" in {years[0]}") if years else ""
        title = title or f"Revival targets against the year's count{span}"
        subtitle = ("Dots: the count of the target's scope (arrow: at least). Ticks: the target; thin tick: first stated, "
                    "thick: in force at the year's end.")
        layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source)
    return fig


def attainment_alt(attainment: pd.DataFrame) -> str:
    """Alt text of :func:`attainment_chart`: every year and scope with its count, targets and verdict."""
    groups = _groups(attainment)
    if not groups:
        return "Chart of revival targets against counts: no target can be scored."
    parts = [f"{g['year']} {fmt.label('scope', g['scope'])}: {_count_words(g['done'])} against {_target_words(g['targets'])}, "
             f"{_verdict_words(g['targets'])}" for g in groups]
    return "Dumbbell chart of revival targets against the year's count of units revived: " + "; ".join(parts) + "."
