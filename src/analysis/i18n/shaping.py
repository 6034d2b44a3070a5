"""Persian text in matplotlib charts, and the font that carries Persian into the pages.

In: chart strings in logical order (as :mod:`analysis.i18n.fa` writes them). Out: strings for matplotlib,
font paths and properties, rcParams, a tick formatter, and a CSS ``@font-face`` rule embedding the font.

**Shaping.** Matplotlib 3.11 lays out every string with libraqm (HarfBuzz for joining and ligatures,
SheenBidi for the bidi algorithm), so Persian letters join and mixed runs are ordered by matplotlib
itself. Reshaping beforehand with ``arabic-reshaper`` and reordering with ``python-bidi`` would now be
wrong: libraqm reverses the already-visual string a second time (tried: «در سال» came out as «ل‌اس رد»).
So :func:`shape` keeps logical order and only fixes the one thing libraqm cannot guess, the paragraph
direction: libraqm takes it from the first strong character, so «ISIPO در سال ۱۴۰۰» would be laid out
left to right. A leading RLM makes any string with right-to-left text a right-to-left paragraph. Import
fails early, with the reason, on a matplotlib built without libraqm.

**Font.** Noto Sans Arabic (Google's Noto project, SIL Open Font License), installed from the package
index as ``fontpkg-noto-sans-arabic`` (the Google Fonts build, unmodified): it covers the Persian letters
(پ چ ژ گ ک ی), Persian digits with their own ۴ ۵ ۶, ٪ ٫ ٬, the ZWNJ and directional marks, and Latin, so
one face sets a whole Persian chart. The package ships a variable font; matplotlib reads only its default
instance, so regular (400) and bold (700) static instances are cut once with fontTools' instancer into
matplotlib's cache folder and registered with the font manager at import. Nothing depends on system fonts.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter

from . import fa

if not hasattr(ft2font, "__libraqm_version__"):  # pragma: no cover - every matplotlib >= 3.11 wheel has it
    raise ImportError("analysis.i18n.shaping needs matplotlib >= 3.11 built with libraqm: without it Persian "
                      "letters are drawn unjoined and in the wrong order")

FAMILY = "Noto Sans Arabic"
#: Weights cut from the variable font for charts.
WEIGHTS = (400, 700)
#: What the page font keeps: ASCII digits and punctuation, NBSP « » ×; Arabic punctuation (، ؛ ؟) and
#: ALM; the Arabic letters and marks Persian writes (ء..غ, ف..ي with the harakat, hamza above for the
#: ezafe, superscript alef); پ چ ژ ک گ ۀ ی; ٪ ٫ ٬; Persian digits; ZWNJ, ZWJ, LRM, RLM; dashes, quotes,
#: ellipsis and minus. Latin letters and other Arabic-script languages' letters are left to the page's
#: next font (the rule's ``unicode-range`` tells the browser so).
PAGE_RANGES = ((0x20, 0x40), (0x5B, 0x60), (0x7B, 0x7E), (0xA0, 0xA0), (0xAB, 0xAB), (0xBB, 0xBB),
               (0xD7, 0xD7), (0x60C, 0x60C), (0x61B, 0x61C), (0x61F, 0x61F), (0x621, 0x63A),
               (0x640, 0x655), (0x66A, 0x66C), (0x670, 0x670), (0x67E, 0x67E), (0x686, 0x686),
               (0x698, 0x698), (0x6A9, 0x6A9), (0x6AF, 0x6AF), (0x6C0, 0x6C0), (0x6CC, 0x6CC),
               (0x6F0, 0x6F9), (0x200C, 0x200F), (0x2010, 0x2015), (0x2018, 0x201D), (0x2026, 0x2026),
               (0x2212, 0x2212))
#: The weights the page font keeps (its width axis is pinned at 100%): body text and bold.
PAGE_WEIGHTS = (400, 700)


def source_font_path() -> Path:
    """The variable Noto Sans Arabic (wght 100-900, wdth 62.5-100) installed with the package."""
    import fontpkg

    return Path(fontpkg.path(FAMILY))


@lru_cache(maxsize=1)
def _source_digest() -> str:
    return hashlib.sha256(source_font_path().read_bytes()).hexdigest()[:16]


def _cut(weight: int, target: Path) -> None:
    """Write the static instance at ``weight`` to ``target`` (atomically: parallel test workers share it)."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(source_font_path(), recalcTimestamp=False)  # keep head.modified: same bytes every time
    static = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100}, updateFontNames=True)
    save_font(static, target)


def save_font(font, target: Path) -> None:
    """Save a fontTools font to ``target`` atomically (parallel test workers may write the same file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        font.save(out)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


def font_path(weight: int = 400) -> Path:
    """The chart font's static file at ``weight`` (400 or 700), cut on first use and kept in matplotlib's
    cache folder under a name carrying the source font's digest (a new font version gets new files)."""
    if weight not in WEIGHTS:
        raise ValueError(f"the chart font is cut at weights {WEIGHTS}, not {weight}")
    path = Path(matplotlib.get_cachedir()) / "isipo-fonts" / f"NotoSansArabic-{weight}-{_source_digest()}.ttf"
    if not path.exists():
        _cut(weight, path)
    return path


@lru_cache(maxsize=1)
def register() -> tuple[Path, ...]:
    """Add the static instances to matplotlib's font manager (once; done at import). Returns their paths."""
    paths = tuple(font_path(w) for w in WEIGHTS)
    for path in paths:
        font_manager.fontManager.addfont(str(path))
    return paths


def font_properties(size: float | None = None, weight: str | int = "normal") -> FontProperties:
    """``FontProperties`` for Persian chart text (``weight='bold'`` picks the 700 instance)."""
    return FontProperties(family=FAMILY, size=size, weight=weight)


def rc() -> dict:
    """rcParams for a Persian chart, to use with ``plt.rc_context(shaping.rc())`` over the house style.

    The Persian face first, DejaVu Sans (shipped with matplotlib) as fallback for any symbol it lacks,
    and ``text.language='fa'`` so HarfBuzz applies Persian localised forms.
    """
    return {"font.family": [FAMILY, "DejaVu Sans"], "text.language": "fa"}


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def shape(text: str) -> str:
    """A chart string ready for matplotlib: logical order kept, a leading RLM when it holds right-to-left
    text (so the whole line is a right-to-left paragraph); strings without any (numbers, Latin) unchanged.

    ``shape('ISIPO در سال ۱۴۰۰')`` draws ISIPO rightmost, the year leftmost; ``shape('۲۵\u200f٪')`` (from
    :func:`fa.percent`) draws ٪ left of the digits. Each line of a multi-line string gets its own mark.
    """
    if not text or not _has_rtl(text):
        return text
    return "\n".join(fa.RLM + line if line and not line.startswith(fa.RLM) else line for line in text.split("\n"))


def tick_formatter(decimals: int = 0, *, percent: bool = False) -> FuncFormatter:
    """Axis tick labels in Persian digits: ``ax.yaxis.set_major_formatter(shaping.tick_formatter())``."""
    write = fa.percent if percent else fa.number
    return FuncFormatter(lambda x, _pos: shape(write(x, decimals)))


def legend(ax, *args, **kwargs):
    """``ax.legend`` laid out for a right-to-left reader: the key on the right of its label."""
    kwargs.setdefault("markerfirst", False)
    kwargs.setdefault("alignment", "right")
    return ax.legend(*args, **kwargs)


# ---------------------------------------------------------------------------------------------
# The font in the pages
# ---------------------------------------------------------------------------------------------

def _page_codepoints() -> list[int]:
    return [c for lo, hi in PAGE_RANGES for c in range(lo, hi + 1)]


@lru_cache(maxsize=1)
def page_font() -> bytes:
    """The font for the pages, as WOFF2 bytes: the variable font cut to :data:`PAGE_RANGES`, its width
    axis pinned at 100% and its weight axis limited to :data:`PAGE_WEIGHTS` (about 24 kB, against 845 kB
    for the whole font), every OpenType feature kept (joining forms, marks, kerning, Persian ``locl``).

    Deterministic: the source's timestamp is kept (``recalcTimestamp=False``), and the subsetter, the
    instancer and Brotli have no other input, so the same packages give the same bytes on every machine.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(source_font_path(), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_page_codepoints())
    subsetter.subset(font)  # before instancing: the instancer's partial gvar trips the subsetter
    font = instancer.instantiateVariableFont(font, {"wdth": 100, "wght": PAGE_WEIGHTS})
    font.recalcTimestamp = False
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _unicode_range() -> str:
    return ", ".join(f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}" for lo, hi in PAGE_RANGES)


def font_face_css(family: str = FAMILY) -> str:
    """A CSS ``@font-face`` rule embedding :func:`page_font` as base64, so pages work offline.

    Use with ``font-family: "Noto Sans Arabic", sans-serif``: weights 400 to 700 (normal and bold) are in
    it. About 33 kB of text; the same bytes on every build.
    """
    data = base64.b64encode(page_font()).decode("ascii")
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        "  font-style: normal;\n"
        f"  font-weight: {PAGE_WEIGHTS[0]} {PAGE_WEIGHTS[1]};\n"
        "  font-display: swap;\n"
        f'  src: url("data:font/woff2;base64,{data}") format("woff2");\n'
        f"  unicode-range: {_unicode_range()};\n"
        "}\n"
    )


register()
