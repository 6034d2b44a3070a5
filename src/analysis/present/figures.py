"""A chart on a page: a block that draws itself again in any language, embedded as inline SVG.

In: a chart function of :mod:`analysis.present.charts` and its alt-text function, the frames they take,
the ledger's sources. Out: a :class:`Chart` block (:mod:`analysis.present.blocks`) carrying, as data,
everything needed to draw the chart again: the two functions by dotted name, the frames and options
(:mod:`analysis.words.codec`), the chart's name, the sources it cites (:class:`~analysis.present.tables.SourceRef`)
and its data file. ``Chart.html(ctx)`` draws it with the language of ``ctx`` in force, writes
``<name>.png`` and ``<name>.svg`` into ``ctx.out`` and returns the page's ``<figure>``:

- **the chart as inline SVG, drawn twice** (:data:`analysis.present.style.VARIANTS`): a wide drawing
  shown at most 736 px wide, where a point of the drawing is a CSS pixel (text 14 px, titles 16 px, under
  the page's 17 px body text at 1280 px), and a narrow one for screens under 40rem (text 12 px on a
  400 px phone, titles at most 16.8 px). ``report.css`` shows one of them; the narrow one is hidden by its own
  ``style`` attribute too, so a notebook, which has no such style sheet, shows the wide one. A
  ``viewBox`` alone would scale the text with the drawing (5 px on a phone, or 19 px on a desktop),
  which is why the chart is laid out again for each width rather than scaled;
- text as glyph paths, so every browser shows the glyphs matplotlib laid out (Persian shaped by
  libraqm in Noto Sans Arabic) and the page needs no font; the alt text from the chart's describe
  function is the drawing's ``<desc>`` (its title its ``<title>``, both named by ``aria-labelledby``);
- every bar, point and target linked to its reports (matplotlib's ``set_url`` is an ``<a>`` in SVG): a
  report's own address when it rests on one report that has one, else its entry on the Sources page;
- a caption with the linked source line and the downloads (the PNG and SVG of the wide drawing, the
  CSV written once by the kernel, :func:`analysis.present.tables.write_csv`, linked through
  ``ctx.data_file``).

Every id in an inline drawing starts with a short code of the chart's name and its drawing, so several
drawings share a page. Files and markup are byte-identical from run to run: a fixed SVG hash salt, no dates, no
software version, ids from names.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

import pandas as pd

from ..words import Count, speaking
from ..words.codec import register
from .blocks import Block, Context
from . import style, tables

#: Metadata that would change between runs, removed from every saved figure.
SAVE_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}

#: The PNG download's resolution (dots per inch): the wide drawing at twice the pixels it is shown at.
PNG_DPI = 144

#: Columns of a chart's frames that hold the source ids its marks rest on.
SOURCE_COLUMNS = re.compile(r"^(source_ids|.+_source_ids|.+_sources)$")


def dotted(fn: Callable) -> str:
    """A function's dotted name: ``analysis.present.charts.programme.years_chart``."""
    return f"{fn.__module__}.{fn.__qualname__}"


def resolve(name: str) -> Callable:
    """The function a dotted name names (a chart or alt-text function of :mod:`analysis.present.charts`)."""
    module, _, attr = name.rpartition(".")
    if not module.startswith("analysis.present.charts."):
        raise ValueError(f"not a chart function: {name!r}")
    return getattr(importlib.import_module(module), attr)


def source_ids(*frames) -> list[str]:
    """Every source id the frames' source columns name (``source_ids``, ``target_source_ids``,
    ``done_sources``, ...), in order of first appearance; counts of unlisted reports (``+3``) left out."""
    ids: list[str] = []
    for frame in frames:
        if not isinstance(frame, pd.DataFrame):
            continue
        for column in frame.columns:
            if SOURCE_COLUMNS.match(str(column)):
                for cell in frame[column].tolist():
                    ids.extend(x for x in tables.split_ids(cell if isinstance(cell, str) else "") if not x.startswith("+"))
    return list(dict.fromkeys(ids))


def source_text(ids) -> str:
    """The short source line drawn at a chart's foot, in the language in force (the caption carries the linked one)."""
    from ..words import say

    return say("chart.source", reports=Count(len(ids), "report"))


# ---------------------------------------------------------------------------------------------
# SVG
# ---------------------------------------------------------------------------------------------

_ROOT = re.compile(r"<svg\b[^>]*>")
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
_SIZE = re.compile(r'\s(width|height)="([\d.]+)pt"')
_STYLE = '<style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>'
_ROOT_STYLE = "stroke-linejoin:round;stroke-linecap:butt"


def svg_text(fig) -> str:
    """The figure as matplotlib writes SVG (no date, no creator, ids from a fixed salt: the same bytes every
    run). Written under the chart settings (:func:`analysis.present.style.context`): the salt and the
    glyphs as paths are read when the file is written."""
    buffer = io.BytesIO()
    with style.context():
        fig.savefig(buffer, format="svg", metadata=SAVE_METADATA["svg"])
    return buffer.getvalue().decode("utf-8")


def png_bytes(fig, dpi: float = PNG_DPI) -> bytes:
    """The chart as PNG bytes (no metadata that changes between runs)."""
    buffer = io.BytesIO()
    with style.context():
        fig.savefig(buffer, format="png", dpi=dpi, metadata=SAVE_METADATA["png"])
    return buffer.getvalue()


def svg_file(svg: str, up: str = "") -> str:
    """A drawing as a file of its own: sized in CSS pixels (a point of the drawing is a pixel, as on the
    page), links that open in place, and links to the Sources page made relative to the file's folder
    (``up``: ``'../'`` for a page's folder)."""
    svg = _SIZE.sub(lambda m: f' {m.group(1)}="{m.group(2)}px"', svg, count=2)
    svg = svg.replace(' target="_blank"', "")
    if up:
        svg = svg.replace(f'xlink:href="{tables.SOURCES_PAGE}#', f'xlink:href="{up}{tables.SOURCES_PAGE}#')
    return svg


def svg_inline(svg: str, prefix: str, *, css: str, title: str, alt: str, hidden: bool = False) -> str:
    """A drawing to embed in a page: no XML prologue or metadata, sized by the page (``viewBox`` only),
    every id renamed ``prefix`` and a short count in order of appearance (several drawings share a page;
    a glyph is referenced hundreds of times), links that open in place, its
    title and alt text as ``<title>`` and ``<desc>``; ``hidden`` adds ``display:none`` (the page's style
    sheet shows it where it fits)."""
    svg = svg[svg.index("<svg"):].strip()
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    svg = svg.replace(_STYLE, "")
    svg = re.sub(r"\s*<defs>\s*</defs>", "", svg, count=1)
    ids = {old: f"{prefix}{_base36(i)}" for i, old in enumerate(dict.fromkeys(re.findall(r'\bid="([^"]+)"', svg)))}
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{ids[m.group(1)]}"', svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{ids.get(m.group(1), m.group(1))}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{ids.get(m.group(1), m.group(1))})", svg)
    svg = svg.replace(' target="_blank"', "")
    view = _VIEWBOX.search(_ROOT.search(svg).group(0)).group(1)
    display = "display:none;" if hidden else ""
    root = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="{view}" '
            f'class="chart-drawing {css}" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
            f'style="{display}{_ROOT_STYLE}">'
            f'<title id="{prefix}-title">{html.escape(title, quote=False)}</title>'
            f'<desc id="{prefix}-desc">{html.escape(alt, quote=False)}</desc>')
    return _ROOT.sub(lambda _m: root, svg, count=1)


# ---------------------------------------------------------------------------------------------
# The block
# ---------------------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class Chart(Block):
    """A chart as data: ``name`` (its files' stem), ``draw`` and ``describe`` (the chart and alt-text
    functions by dotted name), ``args`` (the frames and values they take, in order) and ``options``
    (keyword arguments of both), ``title`` (its data file's title in the downloads), ``ids`` (the
    sources it cites) and ``refs`` (their :class:`~analysis.present.tables.SourceRef`), ``data`` (its
    CSV file in the page's folder, or ''), ``files``: the drawing its PNG and SVG files hold, and ``caption``:
    a catalogue key that makes the figure compact (the front page's headline chart): only the ``files``
    drawing, shown at its own size, under that one-line caption and a short source line
    (:meth:`compact_caption`) instead of the page's list of sources and downloads."""

    name: str
    draw: str
    describe: str
    args: tuple = ()
    options: Any = None
    title: str = ""
    ids: tuple = ()
    refs: Any = None
    data: str = ""
    files: str = "wide"
    caption: str = ""

    # -- drawing ------------------------------------------------------------------------------

    def link(self, cell) -> str | None:
        """Where a mark resting on the reports of ``cell`` (source ids) links: the report's own address
        when there is one report and it has one, else the first report's entry on the Sources page."""
        ids = [x for x in tables.split_ids(cell if isinstance(cell, str) else "") if not x.startswith("+")]
        if not ids:
            return None
        ref = (self.refs or {}).get(ids[0])
        if len(ids) == 1 and ref is not None and ref.url:
            return ref.url
        return f"{tables.SOURCES_PAGE}#{quote(ids[0])}"

    def figure(self, variant: str = "wide"):
        """The chart drawn as ``variant`` in the language in force (a matplotlib Figure)."""
        draw = resolve(self.draw)
        with style.drawing(variant):
            return draw(*self.args, source=source_text(self.ids), link=self.link, **dict(self.options or {}))

    def alt(self) -> str:
        """The alt text, in the language in force."""
        return resolve(self.describe)(*self.args, **dict(self.options or {}))

    def variants(self) -> tuple[str, ...]:
        """The drawings this chart is made in: every one of :data:`analysis.present.style.VARIANTS`, unless its
        chart function names fewer (``variants``: a map keeps its shape and scrolls sideways on a phone)."""
        return tuple(getattr(resolve(self.draw), "variants", tuple(style.VARIANTS)))

    def drawings(self) -> dict[str, Any]:
        """Every drawing (:meth:`variants`) in the language in force, by name."""
        return {v: self.figure(v) for v in self.variants()}

    # -- writing ------------------------------------------------------------------------------

    def write_files(self, figures: dict, svgs: dict, ctx: Context) -> None:
        """``<name>.png`` and ``<name>.svg`` of the drawing :attr:`files` names, into ``ctx.out``."""
        if ctx.out is None:
            return
        out = Path(ctx.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{self.name}.png").write_bytes(png_bytes(figures[self.files]))
        up = "../" * len(Path(ctx.files).parts) if ctx.files else ""
        (out / f"{self.name}.svg").write_text(svg_file(svgs[self.files], up), encoding="utf-8", newline="\n")

    def write(self, ctx: Context) -> None:
        """Only the files (the drawing :attr:`files` names, in ``ctx``'s language), as the front page needs."""
        with speaking(ctx.language):
            fig = self.figure(self.files)
            self.write_files({self.files: fig}, {self.files: svg_text(fig)}, ctx)

    def compact_caption(self, ctx: Context) -> str:
        """The compact figure's caption: its one line, then 'Sources: 28 reports · data (CSV)', the count
        linked to the Sources page (each bar of the drawing links to its own reports)."""
        from ..words import say

        line = (f'{html.escape(say("source.one" if len(self.ids) == 1 else "source.many"))} '
                f'<a href="{tables.SOURCES_PAGE}">{html.escape(_count(len(self.ids)))}</a>')
        if self.data:
            line += f' · <a href="{html.escape(ctx.data_file(self.data), quote=True)}">{html.escape(say("figure.csv"))}</a>'
        return f'{html.escape(say(self.caption))}<br><span class="source-line">{line}</span>'

    def html(self, ctx: Context) -> str:
        from ..words import say

        if self.caption:
            with speaking(ctx.language):
                fig = self.figure(self.files)
                svg = svg_text(fig)
                alt, title = self.alt(), _title(fig)
                self.write_files({self.files: fig}, {self.files: svg}, ctx)
                short = hashlib.sha256(self.name.encode("utf-8")).hexdigest()[:6]
                drawing = svg_inline(svg, f"c{short}{self.files[0]}", css="chart-compact", title=title, alt=alt)
                caption = self.compact_caption(ctx)
            return (f'<figure class="chart compact" id="{html.escape(_id(self.name), quote=True)}">'
                    f'<div class="chart-drawings">{drawing}</div><figcaption>{caption}</figcaption></figure>')
        with speaking(ctx.language):
            figures = self.drawings()
            svgs = {v: svg_text(fig) for v, fig in figures.items()}
            alt = self.alt()
            title = _title(figures["wide"])
            self.write_files(figures, svgs, ctx)
            short = hashlib.sha256(self.name.encode("utf-8")).hexdigest()[:6]  # ids stay short: glyphs are used hundreds of times
            only = len(svgs) == 1  # one drawing: shown at every width, scrolling sideways where the page is narrower
            parts = [svg_inline(svg, f"c{short}{v[0]}", css="chart-only" if only else f"chart-{v}", title=title, alt=alt,
                                hidden=(v != "wide")) for v, svg in svgs.items()]
            links = [f'<a href="{html.escape(ctx.file(self.name + ".png"), quote=True)}">{html.escape(say("figure.png"))}</a>',
                     f'<a href="{html.escape(ctx.file(self.name + ".svg"), quote=True)}">{html.escape(say("figure.svg"))}</a>']
            if self.data:
                links.append(f'<a href="{html.escape(ctx.data_file(self.data), quote=True)}">{html.escape(say("figure.csv"))}</a>')
            caption = (tables.source_line(self.ids, self.refs or {}) + " " + html.escape(say("figure.mark_sources"))
                       + f' <span class="downloads">{html.escape(say("figure.downloads"))} ' + " · ".join(links) + "</span>")
        return (f'<figure class="chart" id="{html.escape(_id(self.name), quote=True)}">'
                f'<div class="chart-drawings">{"".join(parts)}</div><figcaption>{caption}</figcaption></figure>')


def _count(n: int) -> str:
    """'28 reports' in the language in force."""
    from ..words.forms import write

    return write(Count(n, "report"))


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def _id(name: str) -> str:
    """An id for the page from a chart's name ('01-programme-by-year' -> 'chart-01-programme-by-year')."""
    return "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def _title(fig) -> str:
    """The drawn title of a chart (its ``title`` text), on one line, without directional marks."""
    for t in fig.texts:
        if t.get_gid() == "title":
            return " ".join(t.get_text().replace("\u200f", "").replace("\u200e", "").split())
    return ""


def chart(name: str, draw: Callable, describe: Callable, *args, sources: pd.DataFrame | None = None,
          data: str = "", title: str = "", files: str = "wide", caption: str = "", **options) -> Chart:
    """A :class:`Chart` of ``draw(*args, **options)`` (and ``describe(*args, **options)``), citing every
    report the frames' source columns name (:func:`source_ids`) as ``sources`` gives them."""
    ids = source_ids(*args)
    return Chart(name=name, draw=dotted(draw), describe=dotted(describe), args=tuple(args), options=dict(options),
                 title=title, ids=tuple(ids), refs=tables.cited(ids, sources), data=data, files=files, caption=caption)
