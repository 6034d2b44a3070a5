"""Every chart drawn with Persian in force, in both drawings: Persian words from the catalogue, Persian
digits everywhere (ticks too), every glyph from the Persian chart face (no box, no fallback font), titles
and keys set from the right, nothing cut or overlapping; the drawings' SVG holds the face's glyph paths.

Glyphs are read from matplotlib's own layout (``matplotlib._text_helpers.layout``, what the Agg and SVG
renderers draw), as ``tests/test_shaping.py`` does: glyph 0 is .notdef, the box a missing letter becomes.
"""

from __future__ import annotations

import functools
import re

import pytest
from matplotlib import _text_helpers, font_manager
from matplotlib.ft2font import FT2Font, LoadFlags

from analysis import evidence
from analysis.i18n import fa as persian
from analysis.ledger import load_ledger
from analysis.present import charts, figures, style
from analysis.present.charts import layout
from analysis.questions import timeline
from analysis.words import slots_of, speaking
from analysis.words.en import charts as en_charts
from analysis.words.fa import MESSAGES as FA
from analysis.words.fa import charts as fa_charts

from chart_cases import CASES, build, seed_inputs, texts

VARIANTS = list(style.VARIANTS)
ALL = [(kind, name, variant) for variant in VARIANTS for kind, name in CASES]
MARKS = ("\u200c", "\u200e", "\u200f", "\u061c")


@pytest.fixture(scope="module")
def ev():
    return evidence.build(load_ledger())


@pytest.fixture(scope="module")
def built(ev):
    sd = seed_inputs(ev)
    out = {}
    with speaking("fa"):
        for variant in VARIANTS:
            with style.drawing(variant):
                for kind, name in CASES:
                    out[(kind, name, variant)] = build(ev, sd, kind, name)
    return out


@functools.lru_cache(maxsize=None)
def _font(path: str) -> FT2Font:
    font = FT2Font(path)  # no fallback list: a letter the face lacks is glyph 0
    font.set_size(14, 72)
    return font


def boxes_in(text: str, path: str) -> list[str]:
    """The characters of ``text`` that ``path``'s face draws as a box (.notdef) or leaves to another font."""
    font = _font(path)
    out = []
    for line in text.split("\n"):
        for item in _text_helpers.layout(line, font):
            if item.glyph_index == 0 or item.ft_object.fname != path:
                out.append(item.char)
    return [c for c in out if c not in MARKS]


def test_the_box_check_can_fail():
    serif = font_manager.findfont("DejaVu Serif")
    assert boxes_in("گزارش ۱۳۹۹", serif)


def test_the_persian_chart_face_is_noto_sans_arabic_with_tighter_lines():
    from fontTools.ttLib import TTFont

    from analysis.i18n import shaping

    for path, weight in zip(style.persian_fonts(), shaping.WEIGHTS):
        ours, theirs = TTFont(path), TTFont(shaping.font_path(weight))
        assert ours["name"].getDebugName(1) == style.PERSIAN_FAMILY
        assert ours.getBestCmap() == theirs.getBestCmap() and ours["glyf"].keys() == theirs["glyf"].keys()
        assert (ours["OS/2"].sTypoAscender, ours["OS/2"].sTypoDescender) == (style.PERSIAN_ASCENT, -style.PERSIAN_DESCENT)


def test_every_glyph_persian_charts_draw_fits_the_faces_line():
    """The catalogue's Persian words, digits and signs stay within the chart face's line box (0.92 em above
    the baseline, 0.43 below), so lines set at its line height never touch."""
    font = FT2Font(str(style.persian_fonts()[1]))
    font.set_size(1000, 72)
    chars = set("".join(FA.values())) | set("۰۱۲۳۴۵۶۷۸۹٬٫٪−+()«»") | set("".join(persian.IRANIAN_MONTHS + persian.GREGORIAN_MONTHS))
    top = bottom = 0.0
    for ch in chars - set(" \n") - set(MARKS):
        for item in _text_helpers.layout(ch, font):
            g = item.ft_object.load_glyph(item.glyph_index, flags=LoadFlags.NO_HINTING)
            top, bottom = max(top, g.bbox[3] / 64), min(bottom, g.bbox[1] / 64)
    assert top <= style.PERSIAN_ASCENT and -bottom <= style.PERSIAN_DESCENT, (top, bottom)


def test_the_persian_catalogue_of_charts_matches_the_english():
    assert set(fa_charts.MESSAGES) == set(en_charts.MESSAGES)
    for key, template in en_charts.MESSAGES.items():
        assert slots_of(fa_charts.MESSAGES[key]) == slots_of(template), key
        words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"{\w+}", "", fa_charts.MESSAGES[key]))) - {"PNG", "SVG", "CSV"}
        assert not words, f"{key}: Latin words in the Persian template: {words}"


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_every_text_is_persian_in_the_persian_face(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    faces = {str(p) for p in style.persian_fonts()}
    persian_letters = 0
    fig.draw_without_rendering()
    for t in texts(fig):
        text = t.get_text()
        path = str(font_manager.findfont(t.get_fontproperties(), fallback_to_default=False))
        assert path in faces, f"{text!r} is set in {path}"
        assert not boxes_in(text, path), f"{text!r}: {boxes_in(text, path)} drawn as boxes or by another font"
        assert not re.search(r"[0-9]", text), f"{text!r} has ASCII digits"
        latin = re.findall(r"[A-Za-z]+", text)
        assert not latin or "Tehran Times" in text, f"{text!r} is not Persian"  # an outlet's own name may stay Latin
        persian_letters += len(re.findall(r"[\u0600-\u06ff]", text))
    assert persian_letters > 50


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_nothing_cut_or_overlapping(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    W, H = fig.bbox.width, fig.bbox.height
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts(fig)]
    for text, b in boxes:
        assert b.x0 >= -0.5 and b.y0 >= -0.5 and b.x1 <= W + 0.5 and b.y1 <= H + 0.5, f"{text!r} runs off the figure"
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for (b, bb) in boxes[i + 1:] if layout.boxes_overlap(ba, bb)]
    assert not clashes, f"texts overlap: {clashes[:5]}"


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_titles_and_keys_start_from_the_right(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    W = fig.bbox.width
    for t in fig.texts:
        if t.get_gid() in ("title", "subtitle", "source", "note"):
            assert t.get_horizontalalignment() == "right"
            assert t.get_window_extent(renderer).x1 == pytest.approx(W - style.PAD * fig.dpi, abs=1.5)
            assert t.get_text().startswith("\u200f")  # a right-to-left paragraph, whatever it starts with
    for leg in fig.legends:
        entries = [(h, t) for h, t in zip(leg.legend_handles, leg.get_texts()) if t.get_text()]
        for handle, text in entries:
            mark = handle.get_window_extent(renderer)
            assert (mark.x0 + mark.x1) / 2 > text.get_window_extent(renderer).x1  # the mark right of its words
        # a right-to-left reader meets the key's first column at the right: matplotlib fills columns from
        # the left, so the key's entries are given with the columns reversed, the first column last
        if len(entries) > 1:
            assert entries[-1][0].get_window_extent(renderer).x1 >= max(h.get_window_extent(renderer).x1 for h, _ in entries) - 1


@pytest.mark.parametrize("kind,name", CASES)
def test_alt_text_is_persian_with_the_same_numbers(built, kind, name):
    from chart_cases import TINY  # noqa: F401 - the English numbers come with each case

    _, alt, names = built[(kind, name, "wide")]
    assert not re.search(r"[0-9]", alt) and not re.search(r"\b(nan|inf|None)\b", alt)
    plain = persian.to_ascii_digits(alt)
    numbers = [x for x in names if re.fullmatch(r"[\d,./-]+", x)]
    # a date is set with slashes in Persian ('2020/06/21'), which right-to-left text keeps in order
    missing = [x for x in numbers if x not in plain and x.replace("-", "/") not in plain]
    assert numbers and not missing, missing


def test_the_persian_drawing_holds_the_faces_glyph_paths(ev, tmp_path):
    from analysis.present.blocks import Context

    block = figures.chart("01-x", charts.programme.years_chart, charts.programme.years_alt, timeline.years(ev), sources=ev.sources)
    block.html(Context(language="fa", files="01-timeline", out=tmp_path))
    svg = (tmp_path / "01-x.svg").read_text(encoding="utf-8")
    glyphs = re.findall(r'<path id="([^"]+)"', svg)
    assert len([g for g in glyphs if g.startswith(("NotoSansArabicChart-Regular-", "NotoSansArabicChart-Bold-"))]) > 40
    assert not [g for g in glyphs if g.startswith("DejaVu")], "a glyph from another font"
    assert len(re.findall(r"<use xlink:href=\"#NotoSansArabicChart", svg)) > 300  # the glyphs drawn, letter by letter
    assert "<text" not in svg  # text as paths: no font needed, none substituted
    png = (tmp_path / "01-x.png").read_bytes()
    block.html(Context(language="fa", files="01-timeline", out=tmp_path / "again"))
    assert (tmp_path / "again/01-x.png").read_bytes() == png
