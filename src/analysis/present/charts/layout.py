"""The layout every chart shares: title, subtitle, key and source line at fixed places, the axes fitted
between them, and columns of estimates with their ranges.

In: a figure and its axes. Out: the same figure laid out so that no label is cut or covered
(:func:`finish`, a small layout engine: see its docstring), plus helpers to measure and dodge labels.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..style import INK, MUTED, PAD, variant, TEXT_PT, TITLE_PT, _renderer, line_height, rtl, shape, text_colour_on, text_width, wrap
from ...words import say
from .kit import finite, link, points_per_unit, up_arrow


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------

def _texts(fig: Figure) -> list:
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]


def _overhang(ax, renderer) -> tuple[float, float, float, float]:
    """How far (pixels) ax's labels and annotations reach beyond its box: left, right, bottom, top."""
    box = ax.get_window_extent(renderer)
    tight = ax.get_tightbbox(renderer)
    return (max(0.0, box.x0 - tight.x0), max(0.0, tight.x1 - box.x1), max(0.0, box.y0 - tight.y0), max(0.0, tight.y1 - box.y1))


def _fit_grid(fig: Figure, axes: list, body: tuple[float, float, float, float], gap_px: float) -> None:
    """Place the gridspec of ``axes`` so that their labels fill ``body`` (x0, y0, x1, y1 in pixels)."""
    renderer = _renderer(fig)
    gs = axes[0].get_subplotspec().get_gridspec()
    nrows, ncols = gs.get_geometry()
    W, H = fig.bbox.width, fig.bbox.height
    left = np.zeros(ncols); right = np.zeros(ncols); bottom = np.zeros(nrows); top = np.zeros(nrows)
    for ax in axes:
        spec = ax.get_subplotspec()
        l, r, b, t = _overhang(ax, renderer)
        c0, c1 = spec.colspan.start, spec.colspan.stop - 1
        r0, r1 = spec.rowspan.start, spec.rowspan.stop - 1
        left[c0] = max(left[c0], l); right[c1] = max(right[c1], r)
        top[r0] = max(top[r0], t); bottom[r1] = max(bottom[r1], b)
    x0, y0, x1, y1 = body
    wgap = max([right[j] + left[j + 1] for j in range(ncols - 1)], default=0.0) + gap_px
    hgap = max([bottom[i] + top[i + 1] for i in range(nrows - 1)], default=0.0) + gap_px
    l_px, r_px = x0 + left[0], x1 - right[-1]
    t_px, b_px = y1 - top[0], y0 + bottom[-1]
    aw = max((r_px - l_px - (ncols - 1) * wgap) / ncols, 10.0)
    ah = max((t_px - b_px - (nrows - 1) * hgap) / nrows, 10.0)
    gs.update(left=l_px / W, right=max(r_px, l_px + 20) / W, bottom=b_px / H, top=max(t_px, b_px + 20) / H,
              wspace=wgap / aw if ncols > 1 else 0.0, hspace=hgap / ah if nrows > 1 else 0.0)
    for ax in axes:  # GridSpec.update does not move existing axes in every matplotlib version
        ax.set_position(ax.get_subplotspec().get_position(fig))


def finish(fig: Figure, axes, *, title: str, subtitle: str | None, source: str,
           place: Callable[[], list] | None = None, note: str | None = None, key: Sequence | None = None,
           min_height: float = 1.6) -> Figure:
    """Put the title, subtitle, source line (and an optional note above it) on ``fig``, then fit ``axes`` between them.

    The title (bold, :data:`TITLE_PT`) and subtitle sit at the top and wrap to the figure's width;
    ``key`` (pairs of a legend handle and its label) is a key to the marks under the subtitle, in as
    many columns as fit: never over the data. The source line sits at the bottom. All of them start
    at the left, or at the right for a right-to-left reader (:func:`analysis.present.style.rtl`: the
    key's marks then stand right of their labels). The axes (all of one gridspec) are then moved and resized
    until their tick labels, axis labels and annotations fill the space between those blocks exactly:
    nothing is cut at the figure's edge and nothing runs into the title or the source. When that
    leaves an axes less than ``min_height`` inches tall (a narrow drawing whose title and key take more
    lines), the figure is made taller by what is missing and laid out again. ``place`` is
    called after the axes have their final size to add labels whose positions depend on it (labels
    that must dodge marks, measured in points); it returns the artists it added, which are removed and
    placed again after each refit. The front page's compact drawing (:data:`analysis.present.style.COMPACT`)
    has no subtitle: its caption stands for it. Last, with Persian in force, every text is made a right-to-left
    paragraph (:func:`analysis.present.style.shape`).
    """
    axes = list(np.atleast_1d(axes).ravel())
    if variant().name == "compact":
        subtitle = None  # the front page's compact drawing: its one-line caption says what the subtitle says
        min_height = min(min_height, 1.25)
    for attempt in range(4):
        added, placed = _lay_out(fig, axes, title=title, subtitle=subtitle, source=source, place=place, note=note, key=key)
        short = min(ax.get_position().height * fig.get_figheight() for ax in axes)
        if short >= min_height - 0.01 or attempt == 3:
            break
        for a in added + placed:
            a.remove()
        fig.set_figheight(fig.get_figheight() + (min_height - short) * _rows(axes) + 0.02)
    if rtl():
        _shape_texts(fig)
    return fig


def _rows(axes: list) -> int:
    gs = axes[0].get_subplotspec().get_gridspec()
    return gs.get_geometry()[0]


def _shape_texts(fig: Figure) -> None:
    """Every text of ``fig`` (tick labels from fixed lists too) made ready for a right-to-left reader."""
    for t in fig.findobj(matplotlib.text.Text):
        text = t.get_text()
        if text:
            t.set_text(shape(text))
            if "\n" in text and t.get_horizontalalignment() != "center":
                t.set_multialignment("right")  # the lines of a Persian paragraph end flush right
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if isinstance(formatter, matplotlib.ticker.FixedFormatter):
                formatter.seq = [shape(str(x)) for x in formatter.seq]


def _lay_out(fig: Figure, axes: list, *, title, subtitle, source, place, note, key) -> tuple[list, list]:
    """One pass of :func:`finish`: returns the artists it added (heads, key, foot) and those ``place`` added."""
    renderer = _renderer(fig)
    W, H = fig.bbox.width, fig.bbox.height
    pad = PAD * fig.dpi
    width_pt = (W - 2 * pad) * 72 / fig.dpi
    right = rtl()
    x = (W - pad) / W if right else pad / W
    ha = "right" if right else "left"
    added: list = []
    y = H - pad
    t = fig.text(x, y / H, wrap(fig, title, width_pt, TITLE_PT, "bold"), ha=ha, va="top", fontsize=TITLE_PT,
                 fontweight="bold", color=INK)
    t.set_gid("title")
    added.append(t)
    y = t.get_window_extent(renderer).y0 - 0.06 * fig.dpi
    if subtitle:
        s = fig.text(x, y / H, wrap(fig, subtitle, width_pt, TEXT_PT), ha=ha, va="top", fontsize=TEXT_PT, color=INK)
        s.set_gid("subtitle")
        added.append(s)
        y = s.get_window_extent(renderer).y0
    if key:
        handles, labels = zip(*key)

        def legend(ncols: int):
            anchor = ((W - pad) / W + 0.004) if right else (pad / W - 0.004)
            return fig.legend(list(handles), list(labels), loc="upper right" if right else "upper left",
                              bbox_to_anchor=(anchor, (y - 0.04 * fig.dpi) / H), ncols=ncols, fontsize=TEXT_PT,
                              handlelength=1.8, columnspacing=1.4, handletextpad=0.5, borderaxespad=0.0, borderpad=0.0,
                              frameon=False, markerfirst=not right, alignment=ha)

        for ncols in range(len(handles), 0, -1):  # the most columns that fit ...
            leg = legend(ncols)
            fits = leg.get_window_extent(renderer).width <= W - 2 * pad + 0.004 * W
            leg.remove()
            if fits or ncols == 1:
                break
        rows_needed = -(-len(handles) // ncols)
        ncols = -(-len(handles) // rows_needed)  # ... then as few as give that many rows, so the rows are even
        if right and ncols > 1:  # a right-to-left reader reads the key's columns from the right
            handles, labels = _columns_from_the_right(list(handles), list(labels), ncols)
        leg = legend(ncols)
        leg.set_gid("key")
        added.append(leg)
        y = leg.get_window_extent(renderer).y0
    src = fig.text(x, pad / H, wrap(fig, source, width_pt, TEXT_PT), ha=ha, va="bottom", fontsize=TEXT_PT, color=MUTED)
    src.set_gid("source")
    added.append(src)
    foot = src.get_window_extent(renderer).y1
    if note:
        n = fig.text(x, (foot + 0.06 * fig.dpi) / H, wrap(fig, note, width_pt, TEXT_PT), ha=ha, va="bottom",
                     fontsize=TEXT_PT, color=MUTED)
        n.set_gid("note")
        added.append(n)
        foot = n.get_window_extent(renderer).y1
    body = (pad, foot + 0.16 * fig.dpi, W - pad, y - 0.16 * fig.dpi)
    placed: list = []
    gap = 0.22 * fig.dpi

    def positions() -> list:
        return [tuple(round(v, 1) for v in ax.get_position().bounds * np.array([W, H, W, H])) for ax in axes]

    for round_ in range(5):
        before = positions()  # no draw first: the extents _fit_grid measures update their own ticks and texts
        _fit_grid(fig, axes, body, gap)
        if place is not None and round_ in (1, 3):
            for a in placed:
                a.remove()
            placed = list(place() or [])
        elif round_ >= 2 and positions() == before:
            break  # the axes no longer move (to a tenth of a pixel): the labels fit
    return added, placed


def _columns_from_the_right(handles: list, labels: list, ncols: int) -> tuple[list, list]:
    """A key's entries reordered so that matplotlib, which fills columns from the left (the first
    columns one entry longer where the count does not divide), shows the first column at the right: each
    column padded to the same length with blank entries (no mark, no words), then the columns reversed."""
    from matplotlib.patches import Patch

    items = list(zip(handles, labels))
    columns = [list(c) for c in np.array_split(np.arange(len(items)), ncols)]
    rows = max(len(c) for c in columns)
    out = []
    for column in reversed(columns):
        out += [items[i] for i in column] + [(Patch(facecolor="none", edgecolor="none"), "")] * (rows - len(column))
    return [h for h, _ in out], [label for _, label in out]


def text_boxes(fig: Figure) -> list[tuple[str, object]]:
    """Every visible, non-empty text of ``fig`` with its pixel bounding box (after drawing)."""
    fig.canvas.draw()
    renderer = _renderer(fig)
    return [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(fig)]


def min_text_size(fig: Figure) -> float:
    """The smallest font size (points) of any visible text in ``fig``."""
    return min((t.get_fontsize() for t in _texts(fig)), default=float("inf"))


def boxes_overlap(a, b, tol: float = 0.5) -> bool:
    """Whether two pixel bounding boxes overlap by more than ``tol`` pixels both ways."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tol) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tol)


def dodge(intervals: Iterable[tuple[float, float]]) -> list[int]:
    """Lane (0, 1, 2, ...) for each interval so that intervals in one lane do not touch (greedy, in the given order)."""
    ends: list[float] = []
    lanes = []
    for lo, hi in intervals:
        for i, e in enumerate(ends):
            if lo > e:
                ends[i] = hi
                lanes.append(i)
                break
        else:
            ends.append(hi)
            lanes.append(len(ends) - 1)
    return lanes


def to_date(x) -> dt.date:
    """A date-like value as a ``datetime.date``."""
    return pd.Timestamp(x).date()


# ---------------------------------------------------------------------------------------------
# Columns of estimates (the headline chart and jobs per year)
# ---------------------------------------------------------------------------------------------



def estimate_columns(ax, x: Sequence[float], value: Sequence[float], low: Sequence[float], high: Sequence[float],
                     colours: Sequence[str], *, hatched: Sequence[bool], words: Sequence[Sequence[str]],
                     marks: Sequence[Sequence[tuple]] | None = None, labels: Sequence[str],
                     width: float = 0.7, inside: bool = True, sources: Sequence | None = None,
                     link_to: Callable | None = None) -> Callable[[], list]:
    """Draw one column per estimate and return the function that places its labels (for :func:`finish`).

    Each column runs from 0 to ``value`` in its colour (hatched where ``hatched``); a range
    ``low``-``high`` is a whisker; an infinite ``high`` an upward arrow with "at least" above it.
    ``marks`` are short horizontal marks per column (a target: ``(y, line style)``, or ``(y, line style,
    source ids)``), wider than the column. ``sources`` (per column) and the marks' source ids link each
    column and mark to its reports through ``link_to`` (:func:`analysis.present.charts.kit.link`). The returned function writes ``labels`` (the values) inside the top of each column, below
    any mark that would cross them, or above a column too short or narrow to hold them (or above every
    column, with ``inside=False``); and ``words`` (scope,
    "derived") at the column's base: on one or two lines when they fit its width, else turned upright,
    else above the column. Placing needs the axes' final size, hence a function.
    """
    n = len(x)
    marks = marks if marks is not None else [[] for _ in range(n)]
    tops = []
    for i in range(n):
        v = float(value[i])
        bar = ax.bar(x[i], v, width=width, color=colours[i], edgecolor="none", linewidth=0, zorder=2,
                     hatch="///" if hatched[i] else None, hatchcolor=(1, 1, 1, 0.75) if hatched[i] else None)
        if sources is not None:
            link(bar.patches[0], sources[i], link_to)
        top = v
        if finite(low[i]) and finite(high[i]) and float(high[i]) > float(low[i]):
            ax.plot([x[i], x[i]], [low[i], high[i]], color=INK, linewidth=1.8, zorder=6, solid_capstyle="butt")
            for b in (low[i], high[i]):
                ax.plot([x[i] - 0.12, x[i] + 0.12], [b, b], color=INK, linewidth=1.8, zorder=6, solid_capstyle="butt")
            top = max(top, float(high[i]))
        tops.append(top)
        for my, st, *ids in marks[i]:
            line, = ax.plot([x[i] - width / 2 - 0.1, x[i] + width / 2 + 0.1], [my, my], **st)
            if ids:
                link(line, ids[0], link_to)
    fig = ax.figure

    def clear_of(y0: float, height: float, ys: list[float], gap: float, upward: bool) -> float:
        """Move a label of ``height`` starting at ``y0`` (its bottom if upward, else its top) off every y in ``ys``."""
        gap = gap * 1.75  # marks are lines about 3 points thick: keep text well clear of them
        for _ in range(len(ys) + 1):
            if upward:
                hit = [m for m in ys if y0 - gap <= m <= y0 + height + gap]
                if not hit:
                    break
                y0 = max(hit) + gap
            else:
                hit = [m for m in ys if y0 - height - gap <= m <= y0 + gap]
                if not hit:
                    break
                y0 = min(hit) - gap
        return y0

    def place() -> list:
        out = []
        ppu = points_per_unit(ax)
        h = line_height() / ppu
        gap = 4 / ppu
        col_pt = width * points_per_unit(ax, "x") - 4
        for i in range(n):
            col = colours[i]
            v = float(value[i])
            ys = [m[0] for m in marks[i]]
            lo = float(low[i]) if finite(low[i]) else v
            box = dict(boxstyle="square,pad=0.3", fc=col, ec="none") if hatched[i] else None  # clear of the hatching
            label_top = clear_of(min(v, lo) - gap, h, ys, gap, upward=False)
            fits = inside and label_top - h > 2 * gap and text_width(fig, labels[i], weight="bold") <= col_pt - 2
            floor = not finite(high[i])
            above = (v if floor else tops[i]) + gap
            if fits:
                out.append(ax.text(x[i], label_top, labels[i], ha="center", va="top", fontsize=TEXT_PT, fontweight="bold",
                                   color=text_colour_on(col), zorder=7, bbox=box))
                room = label_top - h - 2 * gap
            else:
                room = v - 2 * gap
            if floor:  # an arrow up from the top, "at least" above it (with the value when the column cannot hold it)
                out.append(up_arrow(ax, x[i], v, length_pt=24))
                text = say("chart.at_least") if fits else say("chart.at_least") + "\n" + labels[i]
                lines = 1 if fits else 2
                at = clear_of(v + 26 / ppu, lines * h, ys, gap, upward=True)
                out.append(ax.text(x[i], at, text, ha="center", va="bottom", fontsize=TEXT_PT, color=INK, zorder=7,
                                   linespacing=1.0))
                above = at + lines * h + gap
            elif not fits:
                base = clear_of(above, h, ys, gap, upward=True)
                out.append(ax.text(x[i], base, labels[i], ha="center", va="bottom", fontsize=TEXT_PT, fontweight="bold",
                                   color=INK, zorder=7))
                above = base + h + gap
            w = [str(t) for t in words[i] if t]
            if not w:
                continue
            split = [part for t in w for part in (t.split(" ") if text_width(fig, t) > col_pt else [t])]
            tc = text_colour_on(col)
            common = dict(fontsize=TEXT_PT, zorder=7, linespacing=1.0)
            if all(text_width(fig, t) <= col_pt for t in w) and len(w) * h <= room:
                out.append(ax.text(x[i], gap, "\n".join(w), ha="center", va="bottom", color=tc, bbox=box, **common))
            elif all(text_width(fig, t) <= col_pt for t in split) and len(split) * h <= room:
                out.append(ax.text(x[i], gap, "\n".join(split), ha="center", va="bottom", color=tc, bbox=box, **common))
            elif max(text_width(fig, t) for t in w) / ppu <= room and len(w) * line_height() <= col_pt + 4:
                out.append(ax.text(x[i], gap, "\n".join(w), ha="center", va="bottom", rotation=90, color=tc, bbox=box, **common))
            else:  # a column too short for its words: they go above it
                base = clear_of(above, len(split) * h, ys, gap, upward=True)
                out.append(ax.text(x[i], base, "\n".join(split), ha="center", va="bottom", color=INK, **common))
        return out

    return place
