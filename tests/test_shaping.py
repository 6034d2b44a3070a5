"""Persian in charts and the embedded page font (analysis.i18n.shaping).

Where a glyph lands is read from matplotlib's own layout (``matplotlib._text_helpers.layout``, which the
Agg and SVG renderers draw from): each laid-out glyph names its character, its x and the font file that
supplied it, so a test can tell joined letters from unjoined ones, the Persian font from a fallback or a
box (.notdef, glyph 0), and right-to-left order from left-to-right.
"""

from __future__ import annotations

import base64
import functools
import io
import re
import unicodedata
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402
from matplotlib import _text_helpers, font_manager, ft2font  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from analysis.i18n import fa, shaping  # noqa: E402

#: Strings like those the Persian charts will carry.
CHART_STRINGS = [
    "احیای واحدهای راکد، " + fa.range_(1397, 1402).replace("٬", ""),
    fa.plural("شهرک", "صنعتی") + " (" + fa.count(3, "گزارش") + ")",
    "رشد " + fa.percent_change(30.6), "دست\u200cکم " + fa.number(1563), fa.ordinal(3, before_noun=True) + " سال",
    fa.date_both("1399/01/01"), fa.year_span(1399), "گزارش ISIPO در سال ۱۴۰۰", fa.number(-20), fa.percent(25),
]


@functools.lru_cache(maxsize=None)
def _font(path: str) -> FT2Font:
    """One FT2Font per file, kept alive: laid-out glyphs point into it (a freed font would crash)."""
    font = FT2Font(path)
    font.set_size(12, 72)
    return font


def _layout(text: str, path=None):
    return list(_text_helpers.layout(text, _font(str(path or shaping.font_path()))))


def _visual(text: str) -> str:
    """The characters of ``text`` as drawn, left to right; each run of Persian letters becomes one '|'
    (a letter may be drawn as several glyphs), and the invisible marks are left out."""
    out = []
    for item in sorted(_layout(text), key=lambda i: i.x):
        c = item.char
        if c in (fa.LRM, fa.RLM, fa.ALM, fa.ZWNJ):
            continue
        if unicodedata.bidirectional(c) == "AL" and unicodedata.category(c).startswith("L"):
            c = "|"
            if out and out[-1] == "|":
                continue
        out.append(c)
    return "".join(out)


def test_matplotlib_shapes_with_libraqm():
    assert hasattr(ft2font, "__libraqm_version__")


def test_regular_and_bold_are_registered():
    regular = font_manager.findfont(shaping.font_properties(), fallback_to_default=False)
    bold = font_manager.findfont(shaping.font_properties(weight="bold"), fallback_to_default=False)
    assert (regular, bold) == (str(shaping.font_path(400)), str(shaping.font_path(700)))
    assert TTFont(regular)["OS/2"].usWeightClass == 400
    assert TTFont(bold)["OS/2"].usWeightClass == 700
    assert TTFont(regular)["name"].getDebugName(1) == "Noto Sans Arabic"


def test_shape_makes_right_to_left_lines():
    assert shaping.shape("ISIPO در سال ۱۴۰۰") == "\u200fISIPO در سال ۱۴۰۰"
    assert shaping.shape(fa.percent(25)) == "\u200f۲۵\u200f٪"     # the RLM before ٪ counts as right-to-left
    assert shaping.shape("الف\nب") == "\u200fالف\n\u200fب"
    assert shaping.shape("۱٬۵۰۰") == "۱٬۵۰۰"                     # numbers and Latin alone: unchanged
    assert shaping.shape("\u200e\u2212۲۰") == "\u200e\u2212۲۰"
    assert shaping.shape("") == ""
    assert shaping.shape(shaping.shape("ISIPO در سال")) == "\u200fISIPO در سال"


def test_letters_join():
    """In «ببب» the three beh are drawn as final, medial and initial forms (left to right), the dot below
    as a mark of its own; the isolated beh (what an unshaped string would show) is not drawn at all."""
    font = _font(str(shaping.font_path()))
    names = [font.get_glyph_name(item.glyph_index) for item in sorted(_layout("ببب"), key=lambda i: i.x)]
    forms = [name.rpartition(".")[2] for name in names if "." in name]
    assert forms == ["fina", "medi", "init"], names
    assert font.get_glyph_name(font.get_char_index(ord("ب"))) not in names


@pytest.mark.parametrize("text,drawn", [
    ("گزارش ISIPO در سال ۱۴۰۰", "۱۴۰۰ | | ISIPO |"),
    ("ISIPO در سال ۱۴۰۰", "۱۴۰۰ | | ISIPO"),                        # ISIPO read first: rightmost
    ("رشد " + fa.percent(25) + " بود", "| ٪۲۵ |"),
    (fa.percent(25), "٪۲۵"),
    ("تغییر " + fa.signed(-12) + " واحد", "| \u2212۱۲ |"),
    ("رشد " + fa.percent_change(30.6), "٪+۳۰٫۶ |"),
    ("احیای " + fa.range_(1500, 1550) + " واحد", "| ۱٬۵۵۰ | ۱٬۵۰۰ |"),
    ("سال " + fa.year_span(1399), ")۲۱–۲۰۲۰( ۱۳۹۹ |"),                  # brackets are mirrored when drawn
    (fa.date_both("1399/01/01"), ")۲۰۲۰ | ۲۰( ۱۳۹۹ | ۱"),
    ("به گزارش " + fa.latin("Tribune") + "، " + fa.count(1500, "واحد"), "| ۱٬۵۰۰ ،Tribune | |"),
])
def test_chart_strings_are_drawn_in_reading_order(text, drawn):
    assert _visual(shaping.shape(text)) == drawn


def test_without_shape_a_line_starting_in_latin_runs_left_to_right():
    assert _visual("ISIPO در سال ۱۴۰۰") == "ISIPO ۱۴۰۰ | |"


@pytest.mark.parametrize("text", CHART_STRINGS)
def test_every_glyph_comes_from_the_persian_font(text):
    items = _layout(shaping.shape(text))
    assert all(item.glyph_index != 0 for item in items), "a box (.notdef) was drawn"
    assert {item.ft_object.fname for item in items} == {str(shaping.font_path())}


def test_a_font_without_persian_draws_boxes():
    """The check above can fail: DejaVu Serif has no Arabic, so its layout holds .notdef glyphs."""
    serif = font_manager.findfont("DejaVu Serif")
    assert any(item.glyph_index == 0 for item in _layout("گزارش", serif))


def _chart(**rc):
    """A small Persian chart: title, axis labels, Persian-digit ticks, a legend."""
    years = [1397, 1398, 1399, 1400, 1401]
    with plt.rc_context({**shaping.rc(), "svg.hashsalt": "isipo-fa-test", **rc}):
        fig, ax = plt.subplots(figsize=(5, 3.2), dpi=80)
        ax.plot(years, [1185, 1530, 1563, 2067, 2118], marker="o", label=shaping.shape(CHART_STRINGS[1]))
        ax.plot(years, [1500, 1500, 2000, 2000, 2500], linestyle="--", label=shaping.shape("هدف"))
        ax.set_title(shaping.shape(CHART_STRINGS[0]))
        ax.set_xlabel(shaping.shape("سال"))
        ax.set_ylabel(shaping.shape("واحد"))
        ax.set_xticks(years, [shaping.shape(fa.year(y)) for y in years])
        ax.yaxis.set_major_formatter(shaping.tick_formatter())
        legend = shaping.legend(ax, loc="lower right")
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", metadata={"Date": None, "Creator": None})
        fig.savefig(svg, format="svg", metadata={"Date": None})
        text, handle = legend.get_texts()[0].get_window_extent(), legend.legend_handles[0].get_window_extent()
        plt.close(fig)
    return png.getvalue(), svg.getvalue(), (text, handle)


def test_chart_draws_every_glyph_and_the_same_bytes_twice():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for a box
        png, svg, (text, handle) = _chart()
    assert (png, svg) == _chart()[:2]
    assert text.x1 <= handle.x0 + 1  # right to left: the key stands right of its label


def test_a_chart_in_a_font_without_persian_is_caught():
    with pytest.warns(UserWarning, match="missing from font"):
        _chart(**{"font.family": ["DejaVu Serif"]})


def test_tick_labels_in_persian_digits():
    assert shaping.tick_formatter()(1500, 0) == "۱٬۵۰۰"
    assert shaping.tick_formatter(1)(-2.25, 0) == "\u200e\u2212۲٫۲"
    assert shaping.tick_formatter(percent=True)(25, 0) == "\u200f۲۵\u200f٪"


# ---------------------------------------------------------------------------------------------
# The page font
# ---------------------------------------------------------------------------------------------

def _css_font(css: str) -> bytes:
    return base64.b64decode(re.search(r'base64,([A-Za-z0-9+/=]+)"', css).group(1))


def test_css_rule_embeds_a_small_woff2():
    css = shaping.font_face_css()
    assert css.startswith("@font-face {") and 'font-family: "Noto Sans Arabic";' in css
    assert "font-weight: 400 700;" in css and "unicode-range: U+0020-0040," in css
    data = _css_font(css)
    assert data[:4] == b"wOF2" and len(css) < 40_000  # the whole variable font is 845 kB


def test_page_font_covers_everything_the_persian_edition_writes():
    font = TTFont(io.BytesIO(_css_font(shaping.font_face_css())))
    cmap = font.getBestCmap()
    written = set("".join(CHART_STRINGS) + "".join(fa.IRANIAN_MONTHS + fa.GREGORIAN_MONTHS)
                  + "".join(fa.ordinal(n, before_noun=b) for n in range(1, 40) for b in (False, True))
                  + "«»؟،؛" + fa.none_of("کارخانه") + fa.at_most(1) + fa.percent(-1.5, 1) + fa.ALM)
    written -= set("ISIPO")  # Latin letters come from the page's next font (unicode-range says so)
    assert written <= set(map(chr, cmap)), sorted(written - set(map(chr, cmap)))
    assert {"wght"} == {axis.axisTag for axis in font["fvar"].axes}  # width pinned, weight kept


def test_css_rule_is_the_same_bytes_whenever_it_is_made(monkeypatch):
    """fontTools stamps a saved font with the time (or SOURCE_DATE_EPOCH) unless told to keep the source's."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    first = shaping.page_font.__wrapped__()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    assert shaping.page_font.__wrapped__() == first == shaping.page_font()
