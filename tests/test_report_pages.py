"""The report's pages, rendered from made-up inputs: reader pages, the front page, the Sources page.

Every expected value is written out by hand; nothing here executes a notebook.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import nbformat
import pandas as pd

from analysis.report import front, layout, pages, sources
from analysis.words import Link, Msg, Share, Text
from report_builds import PAYLOAD, Tags, off_site

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


# --- reader pages ------------------------------------------------------------------------------

def _png_output(alt: str | None) -> nbformat.NotebookNode:
    metadata = {"image/png": {"alt": alt}} if alt is not None else {}
    return nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}, metadata=metadata)


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    chart = nbformat.v4.new_code_cell("secret_code_line = plots.publish(fig)")
    chart.outputs = [_png_output(f'Units per year "1399" {PAYLOAD}')]
    bare = nbformat.v4.new_code_cell("another_secret()")
    bare.outputs = [_png_output(None)]
    table = nbformat.v4.new_code_cell("display(table)", execution_count=3)
    table.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "t"}, execution_count=3)]
    removed = nbformat.v4.new_markdown_cell("Removed from the page", metadata={"tags": ["remove-cell"]})
    folded = nbformat.v4.new_code_cell("long_table")
    folded.metadata = {"tags": ["fold-output"], "isipo": {"fold_summary": "Show all 222 figures"}}
    folded.outputs = [nbformat.v4.new_output("stream", name="stdout", text="row 1\n")]
    nb.cells = [nbformat.v4.new_markdown_cell("# Jobs per unit\n\nThe answer, first."), chart, bare, table, removed, folded]
    return nb


INFO = pages.PageInfo("02-jobs", f"Jobs {PAYLOAD}", layout.Link("Timeline", "01-timeline.html"), layout.Link("Rates & pace", "03-rates.html"))


def _page(nb: nbformat.NotebookNode | None = None) -> str:
    return pages.render_page(nb or _notebook(), INFO)


def test_a_reader_page_shows_outputs_and_markdown_but_no_code_or_prompts():
    page = _page()
    assert "The answer, first." in page and "<h1" in page
    assert "secret_code_line" not in page and "another_secret" not in page and "display(table)" not in page
    assert "In&nbsp;[" not in page and "Out[" not in page and "In [" not in page
    assert "<td>1</td>" in page
    assert "Removed from the page" not in page
    assert re.search(r'<details class="fold"><summary>Show all 222 figures</summary>.*row 1', page, re.S)


def test_a_reader_page_has_its_title_navigation_and_notebook_link():
    page = _page()
    assert f"<title>Jobs {ESCAPED} | isipo-revival</title>" in page
    hrefs = [a.get("href") for a in Tags(page).all("a")]
    for target in ("index.html", "01-timeline.html", "03-rates.html", "sources.html", "02-jobs.ipynb"):
        assert target in hrefs, target
    assert "The notebook with its code" in page
    assert "Next: Rates &amp; pace" in page and "Previous: Timeline" in page


def test_images_carry_the_alt_text_their_output_gives_escaped():
    images = Tags(_page()).all("img")
    assert [img["alt"] for img in images] == [f'Units per year "1399" {PAYLOAD}', pages.MISSING_ALT]
    assert PAYLOAD not in _page()
    assert pages.images_without_alt(_notebook()) == 1


def test_a_reader_page_loads_nothing_from_the_network():
    page = _page()
    assert off_site(page) == []
    assert "<script" not in page and "mathjax" not in page.lower() and "require.js" not in page
    assert "cdn" not in page.lower()


def test_a_reader_page_is_the_same_every_time():
    nb = _notebook()  # (nbformat gives new cells random ids; a notebook's own ids are fixed)
    assert _page(nb) == _page(nb)


def test_off_site_finds_what_would_load_from_elsewhere():
    page = ('<img src="https://cdn.example/x.png"><script src="//cdn.example/r.js"></script>'
            '<link rel="stylesheet" href="http://x/y.css"><a href="https://ok.example/">fine</a>'
            '<img src="data:image/png;base64,AA"><style>@import url(https://f.example/a.css);</style>')
    found = off_site(page)
    assert "<img src=https://cdn.example/x.png>" in found and "<script src=//cdn.example/r.js>" in found
    assert "<link href=http://x/y.css>" in found and "<script>" in found and "<link>" in found
    assert any("@import" in f for f in found)
    assert not any("ok.example" in f for f in found)


# --- layout ------------------------------------------------------------------------------------

def test_addresses_are_quoted_and_only_http_is_let_out():
    assert layout.href("01-timeline/units per year.csv") == "01-timeline/units%20per%20year.csv"
    assert layout.href("sources.html#S14") == "sources.html#S14"
    assert layout.href("https://example.com/a?b=1&c=2") == "https://example.com/a?b=1&amp;c=2"
    assert layout.href("javascript:alert(1)") == "#"
    assert layout.href("data:text/html,<b>") == "#"
    assert layout.href('a"b<c>.csv') == "a%22b%3Cc%3E.csv"


# --- the front page ----------------------------------------------------------------------------

def _front(**changes) -> front.FrontPage:
    fields = dict(
        title=f"Revivals {PAYLOAD}",
        current=f"As of {PAYLOAD}",
        lede=(Msg("lede.fewer", {"share": Link(Share(26), "03-rates.html#pace")}),),
        answers=[
            front.Answer(f"Q1 {PAYLOAD}", (f"About 4,000 units {PAYLOAD}",), ("468 units",), "01-timeline.html"),
            front.Answer("Q2", ("17 jobs per unit.",), (), "02-jobs.html"),
            front.Answer("Q3", ("Falling.",), ("rising",), "03-rates.html"),
        ],
        seed_label=f"The article {PAYLOAD}:",
        rests_on=f"Rests on {PAYLOAD}",
        headline_chart=front.Chart("03-rates/yearly chart.svg", f"Alt {PAYLOAD}", f"Caption {PAYLOAD}", '<a href="sources.html#S14">S14</a>'),
        findings=[
            front.Finding("question", f"A question {PAYLOAD}", "04-audit.html#q"),
            front.Finding("inference", "An inference", "04-audit.html"),
            front.Finding("contradiction", "First contradiction", "04-audit.html#c1"),
            front.Finding("contradiction", "Second contradiction", "javascript:alert(1)"),
        ],
        pages=[front.PageLink(f"Timeline {PAYLOAD}", "01-timeline.html", "01-timeline.ipynb")],
        downloads=[
            front.Download(f"The ledger {PAYLOAD}", "ledger.csv", f"All figures {PAYLOAD}", rows=222, section=f"Data {PAYLOAD}"),
            front.Download("Empty table", "03-rates/empty.csv", "nothing", rows=0, section="Rates"),
            front.Download("Notebook", "01-timeline.ipynb", "with its code", rows=None, section="Rates"),
        ],
        citation=Msg("front.cite_as", {"name": Text(f"isipo {PAYLOAD}"), "title": Text("Revivals")}),
        licence=f"MIT licence {PAYLOAD}.",
    )
    fields.update(changes)
    return front.FrontPage(**fields)


def test_the_front_page_escapes_every_text_and_keeps_the_html_fields():
    page = front.render_front_page(_front())
    assert PAYLOAD not in page
    for text in ("Revivals", "As of", "Q1", "About 4,000 units", "The article", "Rests on", "Alt", "Caption", "A question", "Timeline",
                 "The ledger", "All figures", "Data", "isipo", "MIT licence"):
        assert f"{text} {ESCAPED}" in page, text
    # HTML made by the page's own code: the chart's source line, a number linked to its table, the catalogue's link.
    for html_field in ('<a href="sources.html#S14">S14</a>', '<a href="03-rates.html#pace">26%</a> fewer', '<a href="sources.html">Sources</a>'):
        assert html_field in page


def test_the_front_page_reads_answers_chart_findings_pages_downloads_in_that_order():
    page = front.render_front_page(_front())
    marks = ["<h1>", "As of", "26%</a> fewer", "About 4,000", "17 jobs per unit", "Falling.", "yearly%20chart.svg", "First contradiction",
             "Second contradiction", "A question", "An inference", "Rests on", "01-timeline.ipynb", "ledger.csv", "Cite as"]
    positions = [page.index(m) for m in marks]
    assert positions == sorted(positions)


def test_the_front_page_links_are_quoted_and_lists_no_empty_download():
    page = front.render_front_page(_front())
    images = Tags(page).all("img")
    assert images == [{"src": "03-rates/yearly%20chart.svg", "alt": f"Alt {PAYLOAD}"}]
    hrefs = [a.get("href") for a in Tags(page).all("a")]
    assert "03-rates/empty.csv" not in hrefs and "Empty table" not in page
    assert "01-timeline.ipynb" in hrefs and "ledger.csv" in hrefs and "04-audit.html#c1" in hrefs
    assert "javascript:alert(1)" not in page
    assert off_site(page) == []


def test_the_front_page_leaves_out_what_it_is_not_given():
    page = front.render_front_page(front.FrontPage("T")).split('<main id="content">')[1]
    assert "<figure" not in page and "audit found" not in page and "Downloads" not in page and "answers" not in page
    assert "rest on" not in page and "Citing" not in page
    only_empty = front.render_front_page(_front(downloads=[front.Download("E", "e.csv", "", rows=0)]))
    assert "<h2>Downloads</h2>" not in only_empty


def test_the_front_page_is_the_same_every_time():
    assert front.render_front_page(_front()) == front.render_front_page(_front())


# --- the Sources page --------------------------------------------------------------------------

def _ledger() -> SimpleNamespace:
    day = pd.Timestamp
    sources_frame = pd.DataFrame([
        {"source_id": "S14", "publisher": f"Tehran Times {PAYLOAD}", "language": "en",
         "url": "https://www.tehrantimes.com/news/1/a%20b", "published": day("2020-08-20"),
         "published_earliest": day("2020-08-20"), "published_latest": day("2020-08-20"), "date_basis": "shown",
         "citation": "Tehran Times, 2020-08-20", "licence": "", "note": f"A note {PAYLOAD}"},
        {"source_id": "S02", "publisher": "Solh Khabar", "language": "fa", "url": "javascript:alert(1)",
         "published": pd.NaT, "published_earliest": day("2020-06-21"), "published_latest": day("2021-03-20"),
         "date_basis": "text_clues", "citation": f"Solh Khabar, undated {PAYLOAD}", "licence": "CC BY 4.0", "note": ""},
    ])
    figures = pd.DataFrame([
        {"figure_id": "C012", "source_id": "S14", "metric": "units_revived", "value": 1500.0, "qualifier": "over",
         "scope": "industrial_parks", "jalali_year": 1399, "start_jalali": "1399/01/01", "end_jalali": "1399/12/30", "restates": ""},
        {"figure_id": "C013", "source_id": "S14", "metric": "financing_rials", "value": 3.5e13, "qualifier": "exact",
         "scope": "national", "jalali_year": pd.NA, "start_jalali": "1399/01/01", "end_jalali": "", "restates": "C001"},
        {"figure_id": "C014", "source_id": "S14", "metric": "idle_share_pct", "value": 21.0, "qualifier": "about",
         "scope": "smes", "jalali_year": pd.NA, "start_jalali": "", "end_jalali": "1399/06/31", "restates": ""},
    ])
    return SimpleNamespace(sources=sources_frame, figures=figures)


def test_the_sources_page_has_an_anchored_entry_per_report():
    page = sources.sources_page(_ledger())
    articles = Tags(page).all("article")
    assert [a["id"] for a in articles] == ["S02", "S14"]
    assert PAYLOAD not in page
    assert f"Tehran Times {ESCAPED}" in page and f"A note {ESCAPED}" in page
    assert "Published 2020-08-20 (1399/05/30); date shown on the page. In English." in page
    assert ("Undated: published between 2020-06-21 (1399/04/01) and 2021-03-20 (1399/12/30); "
            "bounded by what the text refers to. In Persian.") in page


def test_the_sources_page_links_addresses_and_lists_the_figures():
    page = sources.sources_page(_ledger())
    hrefs = [a.get("href") for a in Tags(page).all("a")]
    assert "https://www.tehrantimes.com/news/1/a%20b" in hrefs
    assert "www.tehrantimes.com/news/1/a b</a>" in page  # shown as a reader reads it
    assert "javascript:alert(1)" not in page
    # the citation is the report's own words, marked with its language (this one is Persian: right to left)
    assert f'No address known; cited as: <span lang="fa" dir="rtl">Solh Khabar, undated {ESCAPED}</span>' in page
    assert 'Licence: <span lang="en" dir="ltr">CC BY 4.0' in page
    items = [li.get("id") for li in Tags(page).all("li")]
    assert items == ["C012", "C013", "C014"]
    assert "Units revived: over 1,500, industrial parks, 1399 (2020\u201321)" in page
    assert "Financing: 35 trillion rials, national, 2020-03-20 (1399/01/01) to the day it was published" in page
    assert "Share of units idle: about 21%, SME plan, as of 2020-09-21 (1399/06/31)" in page
    assert 'repeats <a href="#C001">C001</a>' in page
    assert "No figure is taken from it." in page  # S02 states none here
    assert off_site(page.replace('href="https://www.tehrantimes.com/news/1/a%20b"', "")) == []


def test_the_front_page_lists_the_contradictions_and_folds_the_rest_under_their_counts():
    page = front.render_front_page(_front())
    box = page[page.index('class="findings-box"'):]
    listed, folded = box.split("<details>", 1)
    assert "First contradiction" in listed and "Second contradiction" in listed
    assert "A question" not in listed and "An inference" not in listed
    assert "<summary>And 1 question and 1 inference</summary>" in folded
    assert "A question" in folded and "An inference" in folded
    # The answers and the evidence beside them make one block: the first screen.
    first = page[page.index('class="first-screen"'):page.index("<h2>The pages</h2>")]
    assert "About 4,000" in first and "yearly%20chart.svg" in first and "First contradiction" in first
