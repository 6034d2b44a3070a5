"""How charts look: one colour per scope everywhere, readable type, deterministic files.

In: matplotlib, and :mod:`analysis.calendar` for the two calendars' labels. Out: the palette
(:data:`SCOPE_COLOURS`, :data:`INK`, :data:`MUTED`, ...), the type sizes, :func:`setup` /
:func:`context` (matplotlib settings), and the pieces every chart in :mod:`analysis.present.charts`
shares:

- :func:`figure`: a figure :data:`WIDTH` inches wide that pyplot does not manage (a notebook shows
  it only when asked, and it never leaks);
- :func:`finish`: title, subtitle and source line at fixed places, and the axes fitted between them
  so that no label is cut or covered, whatever the data (a small layout engine: see its docstring);
- :func:`year_labels`, :func:`date_axis`: axes labelled in both calendars (Iranian year ``1399`` with
  the Gregorian span ``2020-21`` under it; Iranian-year or Iranian-month ticks with Gregorian dates);
- small marks: :func:`up_arrow`, :func:`text_colour_on`, :func:`wrap`.

Type. A chart is drawn 760 px wide (:data:`WIDTH` inches at 100 dpi) and shown down to 400 px wide on
a phone. Every text is at least :data:`MIN_PT` points, so that at 400 px it is at least 10 px high
(14 pt = 19.4 px at 100 dpi, x 400/760 = 10.2 px); the title is larger, nothing is smaller.

The palette is Okabe and Ito's, safe for the common kinds of colour blindness; a scope keeps its colour
in every chart.
"""

from __future__ import annotations

import contextlib
import math
import datetime as dt
from typing import Callable, Iterable, Sequence

import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from .. import calendar, fmt

#: One colour per scope (Okabe-Ito palette).
SCOPE_COLOURS: dict[str, str] = {
    "national": "#0072B2",
    "industrial_parks": "#009E73",
    "outside_parks": "#56B4E9",
    "smes": "#E69F00",
    "economic_units": "#CC79A7",
    "renovation_programme": "#999999",
    "capacity_programme": "#D55E00",
}

#: Text and neutral marks (targets, axes).
INK = "#222222"
MUTED = "#6b6b6b"
GRID = "#d9d9d9"
#: Shading of reference ranges and bands (behind the data).
BAND = "#ececec"
#: Light fill behind text that sits on marks.
PAPER = "#ffffff"

#: Inches: charts are drawn for a 760-pixel column at 100 dpi and scale down on phones.
WIDTH = 7.6
#: Dots per inch the layout is computed at (760 px across).
DPI = 100
#: The narrowest screen a chart must stay readable on, in pixels.
PHONE_PX = 400

#: Smallest type anywhere in a chart, in points (10 px high at :data:`PHONE_PX`).
MIN_PT = 14
#: Body text: tick labels, direct labels, annotations, subtitle, source line.
TEXT_PT = 14
#: Chart titles.
TITLE_PT = 17

#: Margin around the figure and between its blocks, in inches.
PAD = 0.12
#: Gap between text lines of stacked labels, in points.
LINE_GAP = 2.0


def colour(scope: str) -> str:
    """The colour of a scope (grey for one the palette does not know)."""
    return SCOPE_COLOURS.get(str(scope), MUTED)


def rc() -> dict:
    """Matplotlib settings every chart uses: type sizes readable at phone width, no chart junk, fixed SVG ids."""
    return {
        "figure.figsize": (WIDTH, 4.2),
        "figure.dpi": DPI,
        "savefig.dpi": 144,
        "font.family": "DejaVu Sans",
        "font.size": TEXT_PT,
        "axes.titlesize": TEXT_PT,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": TEXT_PT,
        "axes.labelcolor": INK,
        "axes.edgecolor": MUTED,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "xtick.color": INK,
        "ytick.color": INK,
        "xtick.labelsize": TEXT_PT,
        "ytick.labelsize": TEXT_PT,
        "legend.fontsize": TEXT_PT,
        "legend.frameon": False,
        "hatch.linewidth": 1.6,
        "svg.hashsalt": "isipo-revival",
        "svg.fonttype": "none",
        "text.usetex": False,
        "text.parse_math": False,  # source text with $ signs is plain text, never mathtext
    }


def setup() -> None:
    """Apply :func:`rc` globally (notebooks call it once; the chart functions do not need it)."""
    matplotlib.rcParams.update(rc())


@contextlib.contextmanager
def context():
    """Apply :func:`rc` while a chart is built (the chart functions use it, so global settings do not matter)."""
    with matplotlib.rc_context(rc()):
        yield


def figure(height: float) -> Figure:
    """A new figure :data:`WIDTH` x ``height`` inches with an Agg canvas, not managed by pyplot."""
    fig = Figure(figsize=(WIDTH, height), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor(PAPER)
    return fig


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

def _renderer(fig: Figure):
    return fig.canvas.get_renderer()


def text_width(fig: Figure, text: str, size: float = TEXT_PT, weight: str = "normal") -> float:
    """Width of one line of ``text`` in points."""
    w, _, _ = _renderer(fig).get_text_width_height_descent(text, FontProperties(size=size, weight=weight), ismath=False)
    return w * 72 / fig.dpi


def wrap(fig: Figure, text: str, width_pt: float, size: float = TEXT_PT, weight: str = "normal") -> str:
    """``text`` broken into lines at spaces so that no line is wider than ``width_pt`` points.

    A single word wider than the width stays whole on its line (it is never cut mid-word).
    """
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = word if not line else f"{line} {word}"
            if line and text_width(fig, trial, size, weight) > width_pt:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


def text_colour_on(fill: str) -> str:
    """White or ink, whichever reads better on ``fill`` (WCAG relative luminance)."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    def luminance(c: str) -> float:
        r, g, b = matplotlib.colors.to_rgb(c)
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)

    lum = luminance(fill)
    on_white = (luminance(PAPER) + 0.05) / (lum + 0.05)
    on_ink = (lum + 0.05) / (luminance(INK) + 0.05)
    return PAPER if on_white >= on_ink else INK


def count_estimate(value, low, high) -> str:
    """A count of units or jobs in words (:func:`analysis.fmt.estimate`) with whole-number bounds: a count is an
    integer, so a lower bound of 121.5 means at least 122 and an upper bound of 1,557.5 at most 1,557."""
    lo = math.ceil(float(low) - 1e-9) if _finite(low) else low
    hi = math.floor(float(high) + 1e-9) if _finite(high) else high
    v = float(value) if _finite(value) else value
    if _finite(v) and _finite(lo) and _finite(hi):
        v = min(max(round(v), lo), hi)
    elif _finite(v) and _finite(lo):
        v = max(round(v), lo)
    return fmt.estimate(v, lo, hi, digits=0)


def line_height(size: float = TEXT_PT) -> float:
    """Height of one text line in points (matplotlib's line spacing of 1.2)."""
    return size * 1.2


# ---------------------------------------------------------------------------------------------
# Both calendars
# ---------------------------------------------------------------------------------------------

def year_span(year: int) -> str:
    """The Gregorian span of an Iranian year: ``1399`` -> ``'2020-21'`` (it runs 2020-03-20 to 2021-03-20)."""
    start, end = calendar.year_bounds(int(year))
    return f"{start.year}-{end.year % 100:02d}"


def year_text(year: int) -> str:
    """An Iranian year with its Gregorian span, for running text: ``'1399 (2020-21)'``."""
    return f"{int(year)} ({year_span(year)})"


def date_num(d) -> float:
    """A date as matplotlib's date number (days; the unit of every date axis here)."""
    return float(mdates.date2num(pd.Timestamp(d).to_pydatetime()))


#: The x-axis label under Iranian-year labels (readers may not know the calendar).
YEAR_AXIS = "Iranian year, with the Gregorian years it spans"


def year_labels(ax, positions: Sequence[float], years: Sequence[int], axis: str = "x",
                extra: Sequence[Sequence[tuple[str, str]]] | None = None, extra_width_pt: float | None = None,
                xlabel: str | None = YEAR_AXIS) -> list:
    """Label categories by Iranian year with the Gregorian span under it (``1399`` over ``2020-21``).

    ``axis='x'``: labels under the x axis, centred on ``positions``. ``axis='y'``: labels left of the
    y axis, on two lines. ``extra`` adds lines under a label, per position a list of ``(text, colour)``
    (for example a scope in words in its colour), each wrapped to ``extra_width_pt``; ``xlabel`` goes
    under them all (by default it says how to read the labels). The default tick
    labels are switched off; the labels are annotations, so the layout and the overlap tests see
    them like any other text.
    """
    out = []
    depth = 0.0
    if axis == "x":
        ax.set_xticks(list(positions), labels=[""] * len(positions))
        ax.tick_params(axis="x", length=0, pad=0)
        for i, (p, y) in enumerate(zip(positions, years)):
            out.append(ax.annotate(str(int(y)), xy=(p, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -5),
                                   textcoords="offset points", ha="center", va="top", fontsize=TEXT_PT, color=INK,
                                   fontweight="bold", annotation_clip=False))
            out.append(ax.annotate(year_span(y), xy=(p, 0), xycoords=ax.get_xaxis_transform(),
                                   xytext=(0, -5 - line_height()), textcoords="offset points", ha="center", va="top",
                                   fontsize=TEXT_PT, color=MUTED, annotation_clip=False))
            offset = -5 - 2 * line_height() - LINE_GAP
            for text, col in (extra[i] if extra is not None else []):
                if not text:
                    continue
                text = wrap(ax.figure, text, extra_width_pt) if extra_width_pt else text
                out.append(ax.annotate(text, xy=(p, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, offset),
                                       textcoords="offset points", ha="center", va="top", fontsize=TEXT_PT, color=col,
                                       linespacing=1.0, annotation_clip=False))
                offset -= line_height() * (text.count("\n") + 1) * 1.0 / 1.2 + LINE_GAP
            depth = max(depth, -offset) if extra is not None and any(t for t, _ in extra[i]) else max(depth, 5 + 2 * line_height())
        ax.xaxis.labelpad = depth + 4
        if xlabel:
            ax.set_xlabel(xlabel, fontsize=TEXT_PT, color=MUTED)
    else:
        ax.set_yticks(list(positions), labels=[""] * len(positions))
        ax.tick_params(axis="y", length=0, pad=0)
        for p, y in zip(positions, years):
            out.append(ax.annotate(str(int(y)), xy=(0, p), xycoords=ax.get_yaxis_transform(), xytext=(-6, 1),
                                   textcoords="offset points", ha="right", va="bottom", fontsize=TEXT_PT, color=INK,
                                   fontweight="bold", annotation_clip=False))
            out.append(ax.annotate(year_span(y), xy=(0, p), xycoords=ax.get_yaxis_transform(), xytext=(-6, -1),
                                   textcoords="offset points", ha="right", va="top", fontsize=TEXT_PT, color=MUTED,
                                   annotation_clip=False))
    return out


def _month_starts(start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[int, int, pd.Timestamp]]:
    """(Iranian year, month, Gregorian first day) of every Iranian month that starts inside [start, end]."""
    y0, y1 = calendar.jalali_year_of(start), calendar.jalali_year_of(end)
    out = []
    for y in range(y0, y1 + 1):
        for m in range(1, 13):
            d = pd.Timestamp(calendar.to_gregorian(y, m, 1))
            if start <= d <= end:
                out.append((y, m, d))
    return out


def date_axis(ax, start, end, *, grid: bool = True, labels: bool = True) -> list:
    """An x axis of dates from ``start`` to ``end`` with Iranian ticks and Gregorian dates.

    Spans of more than about two years: a tick at each Nowruz (Iranian new year) and, centred in each
    year's band, the Iranian year over its Gregorian span (``1399`` / ``2020-21``). Shorter spans: a
    tick at the first of every Iranian month (every second, third or sixth month when they would
    crowd), labelled with its Gregorian date over the Iranian one (``2020-07-22`` / ``1399/05/01``), the
    order dates are written in everywhere (:func:`analysis.fmt.date`).
    Returns the artists it adds (labels and grid lines), so a chart can call it again after a refit;
    ``labels=False`` draws the ticks only (a panel that shares the axis of the one below).
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    x0, x1 = date_num(start), date_num(end)
    ax.set_xlim(x0, x1)
    ax.xaxis.set_major_locator(matplotlib.ticker.NullLocator())
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    fig = ax.figure
    width_pt = ax.get_window_extent().width * 72 / fig.dpi
    per_day = width_pt / max(x1 - x0, 1.0)
    out = []
    gap = 12.0
    if (end - start).days > 800:
        y0, y1 = calendar.jalali_year_of(start), calendar.jalali_year_of(end)
        ticks = []
        for y in range(y0, y1 + 2):
            b0, b1 = calendar.year_bounds(y)
            n0 = date_num(b0)
            if x0 <= n0 <= x1:
                ticks.append(n0)
            lo, hi = max(n0, x0), min(date_num(b1) + 1, x1)
            if hi <= lo or not labels:
                continue
            need = max(text_width(fig, year_span(y)), text_width(fig, str(y), weight="bold")) + 6
            if (hi - lo) * per_day < need:
                continue
            mid = (lo + hi) / 2
            out.append(ax.annotate(str(y), xy=(mid, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -6),
                                   textcoords="offset points", ha="center", va="top", fontsize=TEXT_PT, color=INK,
                                   fontweight="bold", annotation_clip=False))
            out.append(ax.annotate(year_span(y), xy=(mid, 0), xycoords=ax.get_xaxis_transform(),
                                   xytext=(0, -6 - line_height()), textcoords="offset points", ha="center", va="top",
                                   fontsize=TEXT_PT, color=MUTED, annotation_clip=False))
        ax.set_xticks(ticks, labels=[""] * len(ticks))
        ax.tick_params(axis="x", length=6, width=0.8, color=MUTED, pad=0)
        ax.xaxis.labelpad = (6 + 2 * line_height() + 4) if labels else 4
        if grid:
            out += [ax.axvline(t, color=GRID, linewidth=0.8, zorder=0) for t in ticks]
        return out
    months = _month_starts(start, end)
    label_w = text_width(fig, "1399/05/01") + gap
    step = next((k for k in (1, 2, 3, 6, 12) if k * 29.5 * per_day >= label_w), 12)
    chosen = [(y, m, d) for (y, m, d) in months if (m - 1) % step == 0]
    ticks = [date_num(d) for _, _, d in chosen]
    ax.set_xticks(ticks, labels=[""] * len(ticks))
    ax.tick_params(axis="x", length=6, width=0.8, color=MUTED, pad=0)
    ax.xaxis.labelpad = (8 + 2 * line_height() + 4) if labels else 4
    for (y, m, d), t in zip(chosen, ticks):
        if grid:
            out.append(ax.axvline(t, color=GRID, linewidth=0.8, zorder=0))
        if not labels:
            continue
        half = (label_w - gap) / 2 / per_day
        if t - half < x0 or t + half > x1:  # a label that cannot be centred on its tick is left out
            continue
        ha = "center"
        out.append(ax.annotate(f"{d:%Y-%m-%d}", xy=(t, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -8),
                               textcoords="offset points", ha=ha, va="top", fontsize=TEXT_PT, color=INK,
                               annotation_clip=False))
        out.append(ax.annotate(f"{y:04d}/{m:02d}/01", xy=(t, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -8 - line_height()),
                               textcoords="offset points", ha=ha, va="top", fontsize=TEXT_PT, color=MUTED,
                               annotation_clip=False))
    return out


# ---------------------------------------------------------------------------------------------
# Marks
# ---------------------------------------------------------------------------------------------

def up_arrow(ax, x: float, y: float, length_pt: float = 26, colour: str = INK, **kw):
    """An arrow pointing up from data point (x, y), ``length_pt`` points long: a value with no upper bound."""
    return ax.annotate("", xy=(x, y), xycoords="data", xytext=(0, length_pt), textcoords="offset points",
                       arrowprops=dict(arrowstyle="<|-", color=colour, lw=1.8, shrinkA=0, shrinkB=0, mutation_scale=14),
                       annotation_clip=False, **kw)


def side_arrow(ax, x: float, y: float, direction: int, length_pt: float = 26, colour: str = INK):
    """An arrow from data point (x, y) pointing right (``direction=1``) or left (-1)."""
    return ax.annotate("", xy=(x, y), xycoords="data", xytext=(-direction * length_pt, 0), textcoords="offset points",
                       arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.8, shrinkA=0, shrinkB=0, mutation_scale=14),
                       annotation_clip=False)


def points_per_unit(ax, axis: str = "y") -> float:
    """How many points one data unit spans on ``axis`` (after the axes are placed)."""
    box = ax.get_window_extent()
    lo, hi = ax.get_ylim() if axis == "y" else ax.get_xlim()
    size = box.height if axis == "y" else box.width
    return size * 72 / ax.figure.dpi / (hi - lo)


def clean_axes(ax, *, left: bool = False, bottom: bool = True, grid: str | None = None) -> None:
    """Spines and grid as the desk draws them: only the baseline (and the left spine if asked), light grid lines."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_visible(left)
    ax.spines["bottom"].set_visible(bottom)
    ax.spines["bottom"].set_color(MUTED)
    ax.set_axisbelow(True)
    if grid:
        ax.grid(True, axis=grid, color=GRID, linewidth=0.8)
    else:
        ax.grid(False)


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
           place: Callable[[], list] | None = None, note: str | None = None, key: Sequence | None = None) -> Figure:
    """Put the title, subtitle, source line (and an optional note above it) on ``fig``, then fit ``axes`` between them.

    The title (bold, :data:`TITLE_PT`) and subtitle sit at the top left and wrap to the figure's width;
    ``key`` (pairs of a legend handle and its label) is a key to the marks under the subtitle, in as
    many columns as fit: never over the data. The source line sits at the bottom left. The axes (all of one gridspec) are then moved and resized
    until their tick labels, axis labels and annotations fill the space between those blocks exactly:
    nothing is cut at the figure's edge and nothing runs into the title or the source. ``place`` is
    called after the axes have their final size to add labels whose positions depend on it (labels
    that must dodge marks, measured in points); it returns the artists it added, which are removed and
    placed again after each refit.
    """
    axes = list(np.atleast_1d(axes).ravel())
    renderer = _renderer(fig)
    W, H = fig.bbox.width, fig.bbox.height
    pad = PAD * fig.dpi
    width_pt = (W - 2 * pad) * 72 / fig.dpi
    y = H - pad
    heads = []
    t = fig.text(pad / W, y / H, wrap(fig, title, width_pt, TITLE_PT, "bold"), ha="left", va="top", fontsize=TITLE_PT,
                 fontweight="bold", color=INK)
    t.set_gid("title")
    heads.append(t)
    fig.canvas.draw()
    y = t.get_window_extent(renderer).y0 - 0.06 * fig.dpi
    if subtitle:
        s = fig.text(pad / W, y / H, wrap(fig, subtitle, width_pt, TEXT_PT), ha="left", va="top", fontsize=TEXT_PT, color=INK)
        s.set_gid("subtitle")
        heads.append(s)
        fig.canvas.draw()
        y = s.get_window_extent(renderer).y0
    if key:
        handles, labels = zip(*key)

        def legend(ncols: int):
            return fig.legend(list(handles), list(labels), loc="upper left", bbox_to_anchor=(pad / W - 0.004, (y - 0.04 * fig.dpi) / H),
                              ncols=ncols, fontsize=TEXT_PT, handlelength=1.8, columnspacing=1.4, handletextpad=0.5,
                              borderaxespad=0.0, borderpad=0.0, frameon=False)

        for ncols in range(len(handles), 0, -1):  # the most columns that fit ...
            leg = legend(ncols)
            fig.canvas.draw()
            fits = leg.get_window_extent(renderer).x1 <= W - pad
            leg.remove()
            if fits or ncols == 1:
                break
        rows_needed = -(-len(handles) // ncols)
        leg = legend(-(-len(handles) // rows_needed))  # ... then as few as give that many rows, so the rows are even
        leg.set_gid("key")
        fig.canvas.draw()
        y = leg.get_window_extent(renderer).y0
    src = fig.text(pad / W, pad / H, wrap(fig, source, width_pt, TEXT_PT), ha="left", va="bottom", fontsize=TEXT_PT, color=MUTED)
    src.set_gid("source")
    fig.canvas.draw()
    foot = src.get_window_extent(renderer).y1
    if note:
        n = fig.text(pad / W, (foot + 0.06 * fig.dpi) / H, wrap(fig, note, width_pt, TEXT_PT), ha="left", va="bottom",
                     fontsize=TEXT_PT, color=MUTED)
        n.set_gid("note")
        fig.canvas.draw()
        foot = n.get_window_extent(renderer).y1
    body = (pad, foot + 0.16 * fig.dpi, W - pad, y - 0.16 * fig.dpi)
    placed: list = []
    gap = 0.22 * fig.dpi
    for round_ in range(5):
        fig.canvas.draw()
        _fit_grid(fig, axes, body, gap)
        if place is not None and round_ in (1, 3):
            for a in placed:
                a.remove()
            fig.canvas.draw()
            placed = list(place() or [])
    fig.canvas.draw()
    return fig


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

def _finite(x) -> bool:
    try:
        return x is not None and not pd.isna(x) and bool(np.isfinite(float(x)))
    except (TypeError, ValueError):
        return False


def estimate_columns(ax, x: Sequence[float], value: Sequence[float], low: Sequence[float], high: Sequence[float],
                     colours: Sequence[str], *, hatched: Sequence[bool], words: Sequence[Sequence[str]],
                     marks: Sequence[Sequence[tuple[float, dict]]] | None = None, labels: Sequence[str],
                     width: float = 0.7, inside: bool = True) -> Callable[[], list]:
    """Draw one column per estimate and return the function that places its labels (for :func:`finish`).

    Each column runs from 0 to ``value`` in its colour (hatched where ``hatched``); a range
    ``low``-``high`` is a whisker; an infinite ``high`` an upward arrow with "at least" above it.
    ``marks`` are short horizontal marks per column (a target: ``(y, line style)``), wider than the
    column. The returned function writes ``labels`` (the values) inside the top of each column, below
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
        ax.bar(x[i], v, width=width, color=colours[i], edgecolor="none", linewidth=0, zorder=2,
               hatch="///" if hatched[i] else None, hatchcolor=(1, 1, 1, 0.75) if hatched[i] else None)
        top = v
        if _finite(low[i]) and _finite(high[i]) and float(high[i]) > float(low[i]):
            ax.plot([x[i], x[i]], [low[i], high[i]], color=INK, linewidth=1.8, zorder=6, solid_capstyle="butt")
            for b in (low[i], high[i]):
                ax.plot([x[i] - 0.12, x[i] + 0.12], [b, b], color=INK, linewidth=1.8, zorder=6, solid_capstyle="butt")
            top = max(top, float(high[i]))
        tops.append(top)
        for my, st in marks[i]:
            ax.plot([x[i] - width / 2 - 0.1, x[i] + width / 2 + 0.1], [my, my], **st)
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
            ys = [m for m, _ in marks[i]]
            lo = float(low[i]) if _finite(low[i]) else v
            box = dict(boxstyle="square,pad=0.12", fc=col, ec="none") if hatched[i] else None
            label_top = clear_of(min(v, lo) - gap, h, ys, gap, upward=False)
            fits = inside and label_top - h > 2 * gap and text_width(fig, labels[i], weight="bold") <= col_pt - 2
            floor = not _finite(high[i])
            above = (v if floor else tops[i]) + gap
            if fits:
                out.append(ax.text(x[i], label_top, labels[i], ha="center", va="top", fontsize=TEXT_PT, fontweight="bold",
                                   color=text_colour_on(col), zorder=7, bbox=box))
                room = label_top - h - 2 * gap
            else:
                room = v - 2 * gap
            if floor:  # an arrow up from the top, "at least" above it (with the value when the column cannot hold it)
                out.append(up_arrow(ax, x[i], v, length_pt=24))
                text = "at least" if fits else f"at least\n{labels[i]}"
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
