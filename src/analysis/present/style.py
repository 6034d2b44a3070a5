"""How charts look: one colour per scope everywhere, readable type, deterministic files.

In: matplotlib, and :mod:`analysis.calendar` for the two calendars' labels. Out: the palette
(:data:`SCOPE_COLOURS`, :data:`INK`, :data:`MUTED`, ...), the type sizes, :func:`setup` /
:func:`context` (matplotlib settings), and the pieces every chart in :mod:`analysis.present.charts`
shares: :func:`figure` (a figure :data:`WIDTH` inches wide that pyplot does not manage, so a notebook
shows it only when asked and it never leaks), and text helpers (:func:`wrap`, :func:`text_width`,
:func:`text_colour_on`). The axes in both calendars and the layout engine are in
:mod:`analysis.present.charts.axes` and :mod:`analysis.present.charts.layout`.

Type. A chart is drawn 760 px wide (:data:`WIDTH` inches at 100 dpi) and shown down to 400 px wide on
a phone. Every text is at least :data:`MIN_PT` points, so that at 400 px it is at least 10 px high
(14 pt = 19.4 px at 100 dpi, x 400/760 = 10.2 px); the title is larger, nothing is smaller.

The palette is Okabe and Ito's, safe for the common kinds of colour blindness; a scope keeps its colour
in every chart.
"""

from __future__ import annotations

import contextlib

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties


#: One colour per scope (Okabe-Ito palette).
SCOPE_COLOURS: dict[str, str] = {
    "national": "#0072B2",
    "industrial_parks": "#009E73",
    "outside_parks": "#56B4E9",
    "smes": "#E69F00",
    "large_units": "#A6761D",
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


def line_height(size: float = TEXT_PT) -> float:
    """Height of one text line in points (matplotlib's line spacing of 1.2)."""
    return size * 1.2
