"""Iran's 31 provinces on a tile grid: one square each, coloured by the province's latest yearly count.

In: :func:`map_chart` / :func:`map_alt` take the frame of :func:`analysis.questions.provinces.tiles`.
Columns used: ``province`` (its English name, a key of the catalogue's ``province.*`` and
``province_short.*``), ``row`` and ``col`` (its square: row 1 the northernmost, col 1 the westernmost),
``status`` (``count``: a whole-year count for the whole province; ``other``: figures, but no such
count; ``none``: no figure), ``jalali_year``, ``value``, ``low`` and ``high`` (the count and its bounds).

Out: a matplotlib Figure (each square in the colour of its count's class on a sequential scale, the
province's short name, the count and its year written on it; squares without a count grey, squares
of provinces no report names hatched; a key to the classes and the two kinds of empty square) and its
alt text. Every word comes from the catalogue (:mod:`analysis.words`), every number through
:mod:`analysis.fmt`, so the chart is drawn the same way in any language.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.patches import Patch, Rectangle

from ... import fmt
from ...words import All, Count, Label, Msg, Num, Year, say
from .. import style
from . import layout

#: The sequential scale's lightest and darkest points on matplotlib's "Blues" (light enough for ink
#: text at the light end, white text at the dark end; distinct from the grey of squares without a count).
SCALE = ("Blues", 0.3, 0.95)

#: The fill of a square with figures but no count, and the hatching of one with no figure.
NO_COUNT = "#d9d9d9"
NO_FIGURE_HATCH = "////"
NO_FIGURE_LINES = "#b8b8b8"

#: At most this many classes on the scale.
MAX_CLASSES = 5

#: Height of a square over its width (names of two lines, the count and its year fit in it).
TILE_RATIO = 1.12

#: Space between squares, as a share of a square's width.
GAP = 0.06


def _nice(raw: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten that is at least ``raw``."""
    p = 10 ** math.floor(math.log10(max(raw, 1e-9)))
    for m in (1, 2, 5, 10):
        if m * p >= raw:
            return float(m * p)
    return float(10 * p)


def shown(value: float) -> int:
    """A count as a square writes it (and classes it): the nearest whole number."""
    return int(math.floor(float(value) + 0.5))


def classes(values) -> list[int]:
    """Edges of the scale's classes for the counts ``values``: 0, step, 2 step, ... past the largest,
    the step a round number giving at most :data:`MAX_CLASSES` classes. A class holds its low edge
    and the numbers below its high edge. No counts: no classes."""
    v = [shown(x) for x in values if x is not None and not pd.isna(x)]
    if not v:
        return []
    step = max(1, int(_nice(max(max(v), 1) / MAX_CLASSES)))
    while (max(v) // step) + 1 > MAX_CLASSES:
        step = int(_nice(step + 1))
    top = (max(v) // step + 1) * step
    return list(range(0, top + 1, step))


def class_of(value: float, edges: list[int]) -> int:
    """The class (0 the lightest) a count falls in."""
    v = shown(value)
    return min(max(int(np.searchsorted(edges, v, side="right")) - 1, 0), len(edges) - 2)


def class_colours(n: int) -> list[str]:
    """``n`` colours from light to dark on the sequential scale."""
    cmap = matplotlib.colormaps[SCALE[0]]
    points = [SCALE[2]] if n == 1 else list(np.linspace(SCALE[1], SCALE[2], n))
    return [matplotlib.colors.to_hex(cmap(p)) for p in points]


def fill_of(row, edges: list[int], colours: list[str]) -> str:
    """A square's fill: its class's colour, the grey of no count, or white (hatched) for no figure."""
    if row["status"] == "count":
        return colours[class_of(row["value"], edges)]
    return NO_COUNT if row["status"] == "other" else style.PAPER


def count_text(row) -> str:
    """The count a square shows: the best estimate to the whole number, or its floor marked as one."""
    if not math.isfinite(float(row["high"])):
        return say("provinces.chart.tile_floor", n=fmt.number(shown(row["low"])))
    return fmt.number(shown(row["value"]))


def _class_label(edges: list[int], i: int) -> str:
    return say("provinces.chart.key.class", low=fmt.number(edges[i]), high=fmt.number(edges[i + 1] - 1))


def _draw(tiles: pd.DataFrame, source: str, title: str, height: float):
    t = tiles.reset_index(drop=True)
    counted = t[t["status"] == "count"]
    edges = classes(counted["value"])
    colours = class_colours(len(edges) - 1) if edges else []
    rows, cols = int(t["row"].max()), int(t["col"].max())
    fig = style.figure(height)
    ax = fig.add_subplot(fig.add_gridspec(1, 1)[0, 0])
    ax.set_xlim(0.5, cols + 0.5)
    ax.set_ylim(-rows - 0.5, -0.5)
    ax.set_axis_off()
    ax.set_gid("map")
    for _, r in t.iterrows():
        status = r["status"]
        fill = fill_of(r, edges, colours)
        x, y = float(r["col"]), -float(r["row"])
        rect = Rectangle((x - 0.5 + GAP / 2, y - 0.5 + GAP / 2), 1 - GAP, 1 - GAP, facecolor=fill,
                         edgecolor=NO_FIGURE_LINES if status == "none" else "none", linewidth=0.8,
                         hatch=NO_FIGURE_HATCH if status == "none" else None, zorder=2)
        rect.set_gid("tile:" + str(r["province"]))
        ax.add_patch(rect)

    def place() -> list:
        """Each square's words, placed once the squares have their final size: the short name at the
        top (on two lines where the catalogue breaks it), the count and its year below it."""
        out = []
        inner_pt = (1 - GAP) * fig.get_figwidth() * 72 * ax.get_position().width / cols - 4
        for _, r in t.iterrows():
            fill = fill_of(r, edges, colours)
            ink = style.text_colour_on(fill) if r["status"] == "count" else style.INK
            name = say(f"province_short.{r['province']}")
            lines = [line if style.text_width(fig, line) <= inner_pt else style.wrap(fig, line, inner_pt) for line in name.split("\n")]
            x, y = float(r["col"]), -float(r["row"])
            common = dict(ha="center", fontsize=style.TEXT_PT, color=ink, zorder=4, linespacing=1.0)
            if r["status"] == "count":
                words = "\n".join(lines)
                out.append(ax.text(x, y + 0.5 - GAP / 2 - 0.05, words, va="top", **common))
                out.append(ax.text(x, y - 0.5 + GAP / 2 + 0.05, say("provinces.chart.tile_year", year=Year(int(r["jalali_year"]), span=False)),
                                   va="bottom", **common))
                out.append(ax.text(x, y - 0.5 + GAP / 2 + 0.05 + _line_units(ax, fig), count_text(r), va="bottom",
                                   fontweight="bold", **common))
            else:  # on hatching, the name sits on a patch of paper
                box = dict(boxstyle="square,pad=0.15", fc=style.PAPER, ec="none") if r["status"] == "none" else None
                out.append(ax.text(x, y, "\n".join(lines), va="center", bbox=box, **common))
        return out

    key = [(Patch(facecolor=c, edgecolor="none"), _class_label(edges, i)) for i, c in enumerate(colours)]
    if (t["status"] == "other").any():
        key.append((Patch(facecolor=NO_COUNT, edgecolor="none"), say("provinces.chart.key.other")))
    if (t["status"] == "none").any():
        key.append((Patch(facecolor=style.PAPER, edgecolor=NO_FIGURE_LINES, hatch=NO_FIGURE_HATCH, linewidth=0.8),
                    say("provinces.chart.key.none")))
    subtitle = say("provinces.chart.subtitle" if len(counted) else "provinces.chart.subtitle_none")
    layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source, place=place, key=key)
    return fig, ax


def _line_units(ax, fig) -> float:
    """One line of text, in the map's vertical data units."""
    height_pt = ax.get_window_extent().height * 72 / fig.dpi
    lo, hi = ax.get_ylim()
    return style.line_height() / (height_pt / (hi - lo))


def map_chart(tiles: pd.DataFrame, *, source: str, title: str | None = None, link=None) -> "style.Figure":
    """The tile-grid map (see the module docstring); squares a little taller than wide, in the drawing
    being made (:func:`analysis.present.style.drawing`). ``link`` is accepted for the chart block's sake:
    a square rests on no single report, so none is linked."""
    title = title or say("provinces.chart.title")
    rows, cols = int(tiles["row"].max()), int(tiles["col"].max())
    height = 9.0  # for a 7.6-inch drawing; style.figure scales it for the variant
    with style.context():
        for _ in range(4):  # the header's height depends on the words: fit the figure to the squares
            fig, ax = _draw(tiles, source, title, height)
            box = ax.get_position()
            tile_w = fig.get_figwidth() * box.width / cols
            tile_h = fig.get_figheight() * box.height / rows
            need = tile_w * TILE_RATIO
            if abs(tile_h - need) < 0.02:
                break
            height = max(3.0, height + rows * (need - tile_h) / style.variant().height_scale)
    return fig


#: The map is drawn once, wide: its squares cannot be laid out again for a phone, so there it scrolls sideways
#: at its own size (text 14 px) rather than shrinking (:class:`analysis.present.figures.Chart`).
map_chart.variants = ("wide",)


def map_alt(tiles: pd.DataFrame) -> str:
    """Alt text of :func:`map_chart`: every count, largest first, with its year; then the provinces with
    figures but no count; then how many have none."""
    t = tiles
    counted = t[t["status"] == "count"].assign(_shown=lambda d: d["value"].map(shown)).sort_values(
        ["_shown", "province"], ascending=[False, True], kind="stable")
    items = tuple(Msg("provinces.chart.alt.item", {"province": Label("province", r["province"]), "count": count_text(r),
                                                    "year": Year(int(r["jalali_year"]), span=False)}) for _, r in counted.iterrows())
    other = tuple(Label("province", p) for p in t.loc[t["status"] == "other", "province"])
    none = int((t["status"] == "none").sum())
    parts = [say("provinces.chart.alt", total=Num(len(t)))]
    if items:
        parts.append(say("provinces.chart.alt.counts", items=All(items)))
    if other:
        parts.append(say("provinces.chart.alt.other", items=All(other)))
    if none and (items or other):
        parts.append(say("provinces.chart.alt.none", n=Count(none, "province")))
    elif none:
        parts.append(say("provinces.chart.alt.none_all"))
    return " ".join(parts)
