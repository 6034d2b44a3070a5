"""A chart on a page (:class:`analysis.present.figures.Chart`): carried as data in a notebook output and
drawn again in another language, embedded as two inline SVG drawings whose ids do not clash, each bar and
point linked to its reports, its files and markup the same bytes on every run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis import evidence
from analysis.ledger import load_ledger
from analysis.present import blocks, charts, figures, page, style, tables
from analysis.questions import jobs, timeline
from analysis.words import speaking
from analysis.words.codec import decode, encode

from chart_cases import tiny_years


@pytest.fixture(scope="module")
def ev():
    return evidence.build(load_ledger())


@pytest.fixture(scope="module")
def headline(ev):
    return figures.chart("01-programme-by-year", charts.programme.years_chart, charts.programme.years_alt, timeline.years(ev),
                         sources=ev.sources, data="01-programme-by-year.csv", title="Units revived per year")


def ctx(tmp: Path, language: str = "en") -> blocks.Context:
    return blocks.Context(language=language, files="01-timeline", data_files=None if language == "en" else "../01-timeline",
                          out=tmp / language / "01-timeline")


@pytest.fixture(scope="module")
def rendered(headline, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("charts")
    return {lang: headline.html(ctx(tmp, lang)) for lang in ("en", "fa")}, tmp


def drawings(markup: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", markup, flags=re.S)


def test_the_block_carries_what_draws_it(headline):
    """Functions by dotted name, the frames and options, the sources cited and their references."""
    assert headline.draw == "analysis.present.charts.programme.years_chart"
    assert figures.resolve(headline.describe) is charts.programme.years_alt
    assert headline.ids and set(headline.refs) == set(headline.ids)
    assert {"S02", "S10", "P02"} <= set(headline.ids)  # the bars' reports and the targets' (1398: P02 first stated it)
    with pytest.raises(ValueError):
        figures.resolve("os.system")  # only chart functions are drawn from a carried name


def test_a_carried_block_draws_the_same_bytes(headline, tmp_path):
    carried = decode(json.loads(json.dumps(encode(headline))))
    assert isinstance(carried, figures.Chart)
    a, b = headline.html(ctx(tmp_path / "a")), carried.html(ctx(tmp_path / "b"))
    assert a == b
    for name in ("01-programme-by-year.png", "01-programme-by-year.svg"):
        assert (tmp_path / "a/en/01-timeline" / name).read_bytes() == (tmp_path / "b/en/01-timeline" / name).read_bytes()


def test_a_notebook_output_carries_the_block_and_renders_again(headline, tmp_path):
    bundle, metadata = headline._repr_mimebundle_()
    output = json.loads(json.dumps({"output_type": "display_data", "data": bundle, "metadata": metadata}))
    again = blocks.render(output, ctx(tmp_path, "fa"))
    assert again is not None and "chart-drawing" in again and "\u06f1\u06f3\u06f9\u06f8" in again  # ۱۳۹۸


def test_two_inline_drawings_and_a_caption(rendered):
    en = rendered[0]["en"]
    wide, narrow = drawings(en)
    assert 'class="chart-drawing chart-wide"' in wide and "display:none" not in wide.split(">")[0]
    assert 'class="chart-drawing chart-narrow"' in narrow and "display:none" in narrow.split(">")[0]
    for svg in (wide, narrow):
        head = svg.split(">")[0]
        assert "viewBox=" in head and " width=" not in head and " height=" not in head  # the page sizes it
        assert 'role="img"' in head and "<desc" in svg and "Bar chart of units revived" in svg
        assert "<?xml" not in svg and "<metadata>" not in svg and "<style" not in svg  # nothing that reaches the page
        assert 'target="_blank"' not in svg
    view = [float(x) for x in re.search(r'viewBox="([^"]+)"', wide).group(1).split()]
    assert view[2] == pytest.approx(style.WIDE_PX)  # a point of the wide drawing is a pixel at 46rem
    caption = re.search(r"<figcaption>(.*)</figcaption>", en, flags=re.S).group(1)
    assert '<span class="source-line">' in caption
    assert 'href="01-timeline/01-programme-by-year.png"' in caption and 'href="01-timeline/01-programme-by-year.svg"' in caption
    assert 'href="01-timeline/01-programme-by-year.csv"' in caption


def test_the_persian_figure_links_the_english_data_file(rendered):
    fa, tmp = rendered[0]["fa"], rendered[1]
    assert 'href="../01-timeline/01-programme-by-year.csv"' in fa  # CSV files exist once, beside the English pages
    assert 'href="01-timeline/01-programme-by-year.svg"' in fa  # the drawings are the edition's own
    assert sorted(p.name for p in (tmp / "fa/01-timeline").iterdir()) == ["01-programme-by-year.png", "01-programme-by-year.svg"]


def expected_link(cell, refs) -> str:
    """Worked out here: one report with an address links there; otherwise the first report's Sources entry."""
    ids = [x.strip() for x in str(cell).replace(";", ",").split(",") if x.strip()]
    return refs[ids[0]].url if len(ids) == 1 and refs[ids[0]].url else f"sources.html#{ids[0]}"


def test_every_bar_and_target_links_to_its_reports(rendered, headline, ev):
    en = rendered[0]["en"]
    y = timeline.years(ev).sort_values("jalali_year").reset_index(drop=True)
    fig = headline.figure("wide")
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    assert [b.get_url() for b in bars] == [expected_link(c, headline.refs) for c in y["source_ids"]]
    marks = [line for line in fig.axes[0].lines if line.get_path_effects()]  # the targets
    want = sorted(expected_link(r[col], headline.refs) for _, r in y.iterrows() for col in ("target_source_ids", "target_first_source_ids")
                  if isinstance(r[col], str) and (col == "target_source_ids" or r["target_first_value"] != r["target_value"]))
    assert sorted(m.get_url() for m in marks) == want
    links = re.findall(r'<a xlink:href="([^"]+)">', drawings(en)[0])  # and the SVG writes them as links
    assert len(links) == len(bars) + 2 * len(marks)  # a target is drawn twice: its white casing, then its line
    assert all(link.startswith(("https://", "http://", "sources.html#")) for link in links)


def test_the_drawing_file_links_work_from_its_folder(rendered):
    _, tmp = rendered
    svg = (tmp / "en/01-timeline/01-programme-by-year.svg").read_text(encoding="utf-8")
    assert 'xlink:href="../sources.html#' in svg and 'xlink:href="sources.html#' not in svg
    assert re.search(r'<svg [^>]*width="736px"', svg)  # the file's own size is the page's


def test_ids_are_unique_across_drawings_and_every_reference_resolves(ev, tmp_path):
    other = figures.chart("02-jobs-per-year", charts.jobs.jobs_chart, charts.jobs.jobs_alt, jobs.headline(ev), sources=ev.sources)
    first = figures.chart("01-programme-by-year", charts.programme.years_chart, charts.programme.years_alt, timeline.years(ev),
                          sources=ev.sources)
    page_html = first.html(ctx(tmp_path)) + other.html(ctx(tmp_path))
    ids = re.findall(r'\bid="([^"]+)"', page_html)
    assert len(ids) == len(set(ids)), "an id is used twice on one page"
    for svg in drawings(page_html):
        own = set(re.findall(r'\bid="([^"]+)"', svg))
        refs = set(re.findall(r'(?:xlink:href="#|url\(#)([^")]+)', svg))
        assert refs <= own, f"references outside their drawing: {sorted(refs - own)[:3]}"


def test_markup_and_files_are_the_same_bytes_every_run(headline, tmp_path):
    for lang in ("en", "fa"):
        a = headline.html(ctx(tmp_path / "a", lang))
        b = headline.html(ctx(tmp_path / "b", lang))
        assert a == b
        for f in (tmp_path / "a" / lang / "01-timeline").iterdir():
            assert f.read_bytes() == (tmp_path / "b" / lang / "01-timeline" / f.name).read_bytes(), f.name


def test_page_chart_writes_the_data_once_and_returns_a_block(ev, tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path))
    monkeypatch.setitem(tables.PAGE, "folder", "01-timeline")
    block = page.chart(ev, "01-x", charts.programme.years_chart, charts.programme.years_alt, timeline.years(ev), title="Per year")
    assert isinstance(block, figures.Chart) and block.data == "01-x.csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01-x.csv", "files.tsv"]
    nothing = page.chart(ev, "01-y", charts.programme.years_chart, charts.programme.years_alt, timeline.years(ev).iloc[:0])
    assert isinstance(nothing, blocks.Prose) and "No chart here" in nothing.html(blocks.Context())
    with speaking("fa"):
        assert "نموداری" in nothing.html(blocks.Context(language="fa"))


def test_a_chart_of_made_up_frames_links_nothing_without_sources(tmp_path):
    block = figures.chart("t", charts.programme.years_chart, charts.programme.years_alt, tiny_years())
    markup = block.html(blocks.Context(out=None))
    assert "<a xlink:href" not in markup and block.ids == ()


# ---------------------------------------------------------------------------------------------
# The front page's headline chart: compact
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_headline_chart_on_the_front_page_is_compact(ev, tmp_path, language):
    """One drawing (the narrow one, at its own size), a one-line caption from the catalogue and the short
    source line 'Sources: N reports · data (CSV)' (the count links to the Sources page); its PNG and SVG written beside the page."""
    from analysis.report import content
    from analysis.words import say

    block, _ = content.write_report_files(ev, tmp_path)
    carried = decode(json.loads(json.dumps(encode(block))))
    markup = carried.html(blocks.Context(language=language, out=tmp_path))
    assert len(drawings(markup)) == 1 and "chart-compact" in markup and "display:none" not in markup
    caption = re.search(r"<figcaption>(.*?)</figcaption>", markup, flags=re.S).group(1)
    with speaking(language):
        line = say("front.chart_caption")
        assert caption.startswith(line.replace("'", "&#x27;")) and len(line.split()) <= 16
        n = len(block.ids)
        text = re.sub(r"<[^>]+>", "", caption.split("<br>")[1])
        from analysis.words import Count
        from analysis.words.forms import write
        assert text == f'{say("source.many")} {write(Count(n, "report"))} · {say("figure.csv")}'
    assert 'href="sources.html"' in caption and 'href="headline.csv"' in caption
    for name in ("headline.png", "headline.svg"):
        assert (tmp_path / name).stat().st_size > 1000
    if language == "fa":
        assert "\u06f1\u06f3\u06f9\u06f8" in markup  # ۱۳۹۸ in the drawing's text
