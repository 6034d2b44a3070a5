"""How charts look: one colour per scope everywhere, type no larger than the page's, deterministic files.

In: matplotlib, the language in force (:data:`analysis.words.LANGUAGE`) and the variant being drawn.
Out: the palette (:data:`SCOPE_COLOURS`, :data:`INK`, :data:`MUTED`, ...), the type sizes, :func:`setup` /
:func:`context` (matplotlib settings for the language in force), and the pieces every chart in
:mod:`analysis.present.charts` shares: :func:`figure` (a figure as wide as the variant being drawn, that
pyplot does not manage, so a notebook shows it only when asked and it never leaks), and text helpers
(:func:`wrap`, :func:`text_width`, :func:`text_colour_on`). The axes in both calendars and the layout
engine are in :mod:`analysis.present.charts.kit` and :mod:`analysis.present.charts.layout`.

**Two drawings of every chart.** A page embeds each chart as inline SVG, whose text scales with it, so
the size of the text on screen is fixed by how wide the drawing is shown. Every chart is therefore
drawn twice from the same frames (:data:`VARIANTS`), with the same type sizes in points and two
widths, and the page shows the one that fits (:mod:`analysis.present.figures` and ``report.css``):

- ``wide``: :data:`WIDE_PX` points across, shown exactly :data:`WIDE_PX` CSS pixels wide in the page's
  46rem column at 1280 px, so one point is one pixel: text :data:`TEXT_PT` px and titles
  :data:`TITLE_PT` px, below the page's 17 px body text. In a narrower window it shrinks with its column.
- ``narrow``: :data:`NARROW_PT` points across, shown 360 px wide on a 400 px phone (text
  ``14 x 360/420 = 12`` px) and at most :data:`NARROW_MAX_PX` px wide (titles 16.8 px, still below the
  body's 17 px) up to the width where the wide drawing takes over.

The palette is Okabe and Ito's, safe for the common kinds of colour blindness; a scope keeps its colour
in every chart, its targets included (a target is told from a count by its mark, never by its colour).

**Persian.** With Persian in force (:func:`analysis.words.speaking`), :func:`rc` sets the chart font
to Noto Sans Arabic (the static cuts of :mod:`analysis.i18n.shaping`; matplotlib shapes with its own
libraqm) and :func:`rtl` is true: the layout engine sets titles, keys and source lines from the right
and passes every string through :func:`analysis.i18n.shaping.shape`. Text is drawn as glyph paths
(``svg.fonttype = "path"``), so a drawing shows the same glyphs in every browser and needs no font.
The font's line metrics (1.374 em above the baseline, 0.738 below: room for stacked Arabic vowel marks)
would make every line of a chart 2.1 em tall, so charts use a copy whose only change is its line
metrics and name (:data:`PERSIAN_FAMILY`, :func:`persian_fonts`): every glyph Persian charts draw lies
within 0.87 em above and 0.40 em below the baseline (a test measures the catalogue's).
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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

#: Dots per inch the layout is computed at.
DPI = 100

#: Smallest type anywhere in a chart, in points.
MIN_PT = 14
#: Body text of a chart: tick labels, direct labels, annotations, subtitle, key, source line.
TEXT_PT = 14
#: Chart titles (never larger than the page's body text, 17 px, where a point is a pixel).
TITLE_PT = 16

#: The wide drawing: points across, and the CSS pixels it is shown at in the page's column (46rem).
WIDE_PX = 736
#: The narrow drawing: points across; shown 360 px wide on a phone, at most :data:`NARROW_MAX_PX`.
NARROW_PT = 420
#: The widest the narrow drawing is shown (CSS pixels): its text is then 14.7 px, its titles 16.8 px.
NARROW_MAX_PX = 440
#: The narrowest screen a chart must stay readable on, in CSS pixels, and the narrow drawing's width there.
PHONE_PX = 400
PHONE_CHART_PX = 360


@dataclass(frozen=True)
class Variant:
    """One drawing of a chart: its name, its width in inches, and how much taller than the chart's own
    height (given for a 7.6-inch drawing) it is drawn (a narrow drawing wraps its text onto more lines)."""

    name: str
    width: float
    height_scale: float


#: The drawings of every chart, widest first.
VARIANTS: dict[str, Variant] = {
    "wide": Variant("wide", WIDE_PX / 72, 1.05),
    "narrow": Variant("narrow", NARROW_PT / 72, 1.3),
}

#: The front page's headline chart: one drawing, shown at its own size in the front page's evidence
#: column (about 470 px at 1280 px), lower than a page's so that the first contradiction stays on the first screen.
COMPACT = Variant("compact", 470 / 72, 0.72)

_DRAWINGS: dict[str, Variant] = {**VARIANTS, COMPACT.name: COMPACT}

_VARIANT: ContextVar[Variant] = ContextVar("chart_variant", default=VARIANTS["wide"])


@contextlib.contextmanager
def drawing(variant: str):
    """Draw charts as ``variant`` (``"wide"``, ``"narrow"`` or ``"compact"``) inside the block."""
    token = _VARIANT.set(_DRAWINGS[variant])
    try:
        yield _DRAWINGS[variant]
    finally:
        _VARIANT.reset(token)


def variant() -> Variant:
    """The drawing being made (``wide`` unless :func:`drawing` says otherwise)."""
    return _VARIANT.get()


def width() -> float:
    """The width, in inches, of the drawing being made."""
    return variant().width


def rtl() -> bool:
    """Whether charts are drawn for a right-to-left reader (Persian in force)."""
    from ..words import LANGUAGE

    return LANGUAGE.get() == "fa"


#: The Persian chart face: Noto Sans Arabic with line metrics for one line of Persian (see the module's notes).
PERSIAN_FAMILY = "Noto Sans Arabic Chart"
#: Its line box, in font units (1000 an em): above and below the baseline.
PERSIAN_ASCENT, PERSIAN_DESCENT = 920, 430


def _cut_chart_face(source: Path, target: Path) -> None:
    """Write ``source`` (a static Noto Sans Arabic) to ``target`` with the chart face's line metrics and
    name; glyphs, their shaping tables and everything else unchanged (atomically: parallel test workers)."""
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)
    os2, hhea = font["OS/2"], font["hhea"]
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = PERSIAN_ASCENT, -PERSIAN_DESCENT, 0
    hhea.ascent, hhea.descent, hhea.lineGap = PERSIAN_ASCENT, -PERSIAN_DESCENT, 0
    names = font["name"]
    style_name = names.getDebugName(2) or "Regular"
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(PERSIAN_FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(f"{PERSIAN_FAMILY} {style_name}", 4, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(f"{PERSIAN_FAMILY.replace(' ', '')}-{style_name.replace(' ', '')}", 6, record.platformID,
                          record.platEncID, record.langID)
    from ..i18n.shaping import save_font

    save_font(font, target)


@lru_cache(maxsize=1)
def persian_fonts() -> tuple[Path, ...]:
    """The Persian chart face's files (regular and bold), cut once beside :mod:`analysis.i18n.shaping`'s
    and registered with matplotlib's font manager."""
    from matplotlib import font_manager

    from ..i18n import shaping

    paths = []
    for weight in shaping.WEIGHTS:
        source = shaping.font_path(weight)
        target = source.with_name(source.name.replace("NotoSansArabic-", "NotoSansArabicChart-"))
        if not target.exists():
            _cut_chart_face(source, target)
        font_manager.fontManager.addfont(str(target))
        paths.append(target)
    return tuple(paths)


def shape(text: str) -> str:
    """A string as matplotlib should get it in the language in force (Persian: each line a right-to-left
    paragraph, :func:`analysis.i18n.shaping.shape`; other languages unchanged)."""
    if not rtl() or not text:
        return text
    from ..i18n import shaping

    return shaping.shape(text)


#: Margin around the figure and between its blocks, in inches.
PAD = 0.12
#: Gap between text lines of stacked labels, in points.
LINE_GAP = 2.0


def colour(scope: str) -> str:
    """The colour of a scope (grey for one the palette does not know)."""
    return SCOPE_COLOURS.get(str(scope), MUTED)


def rc() -> dict:
    """Matplotlib settings every chart uses in the language in force: type sizes, no chart junk, fixed SVG
    ids, text as glyph paths; for Persian, the Persian face (:func:`analysis.i18n.shaping.rc`)."""
    out = {
        "figure.figsize": (width(), 4.2),
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
        "svg.fonttype": "path",  # glyphs as paths: the same in every browser, no font needed
        "svg.id": None,
        "text.usetex": False,
        "text.parse_math": False,  # source text with $ signs is plain text, never mathtext
        "text.language": None,
    }
    if rtl():
        from ..i18n import shaping

        persian_fonts()
        out.update(shaping.rc())
        out["font.family"] = [PERSIAN_FAMILY, "DejaVu Sans"]
    return out


def setup() -> None:
    """Apply :func:`rc` globally (notebooks call it once; the chart functions do not need it)."""
    matplotlib.rcParams.update(rc())


@contextlib.contextmanager
def context():
    """Apply :func:`rc` while a chart is built (the chart functions use it, so global settings do not matter)."""
    with matplotlib.rc_context(rc()):
        yield


def figure(height: float) -> Figure:
    """A new figure for the drawing being made (:func:`width` inches wide; ``height``, given for a chart
    7.6 inches wide, times the variant's ``height_scale``) with an Agg canvas, not managed by pyplot."""
    fig = Figure(figsize=(width(), height * variant().height_scale), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor(PAPER)
    return fig


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

def _renderer(fig: Figure):
    return fig.canvas.get_renderer()


def text_width(fig: Figure, text: str, size: float = TEXT_PT, weight: str = "normal") -> float:
    """Width of one line of ``text`` in points (in the chart font of the language in force)."""
    return _width(text, float(size), weight, tuple(matplotlib.rcParams["font.family"]), matplotlib.rcParams["text.language"],
                  float(fig.dpi)) * 72 / fig.dpi


@lru_cache(maxsize=8192)
def _width(text: str, size: float, weight: str, family: tuple, language, dpi: float) -> float:
    """A line's width in pixels at ``dpi``, measured once per font and text (wrapping measures every trial line)."""
    from matplotlib.backends.backend_agg import RendererAgg

    renderer = RendererAgg(10, 10, dpi)
    w, _, _ = renderer.get_text_width_height_descent(text, FontProperties(family=list(family), size=size, weight=weight),
                                                     ismath=False)
    return w


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
    """Height of one text line in points: the font's line box (1 em for DejaVu Sans, 1.35 em for the
    Persian chart face) and a gap of 0.2 em."""
    return size * ((PERSIAN_ASCENT + PERSIAN_DESCENT) / 1000 + 0.2 if rtl() else 1.2)
