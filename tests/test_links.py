"""Every ``href`` built from ledger text goes through one gate that lets only http(s) addresses through.

The loader's pattern for ``url`` refuses other schemes, but a link must not rely on it: these tests put
a ``javascript:`` address (and other hostile ones) into the sources *after* loading, as a looser
pattern would let through, and check every link the pages, the Sources page and the front page build.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis import evidence
from analysis.ledger import load_ledger
from analysis.links import web_address
from analysis.present import audit_tables, jobs_tables, rates_tables, tables, timeline_tables
from analysis.present.blocks import Context
from analysis.questions import audit
from analysis.report import content, layout, sources

HOSTILE = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x", "https://evil.example/\u202ex",
           "https://evil.example/a b", "https:alert(1)"]


@pytest.mark.parametrize("address", HOSTILE)
def test_the_gate_refuses_what_is_not_an_absolute_web_address(address):
    assert web_address(address) is None


@pytest.mark.parametrize("address", ["https://www.tehrantimes.com/news/451504/21-of-Iran-s-idle-production-units-revived",
                                     "HTTPS://WWW.IRNA.IR/x", "http://example.org",
                                     "https://www.mehrnews.com/news/4303496/بازسازی-۳۶۰-واحد"])
def test_the_gate_lets_web_addresses_through_unchanged(address):
    assert web_address(address) == address


class _Links(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k in ("href", "src") and v is not None]


def _acceptable(href: str) -> bool:
    """A link target a page may hold: an absolute web address the gate accepts, or a path inside the report."""
    if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I) or href.lstrip().startswith("//"):
        return web_address(href) is not None
    return True


@pytest.fixture(scope="module")
def hostile_ev():
    """The shipped ledger with hostile addresses put into its sources after loading."""
    ledger = load_ledger()
    ids = list(ledger.sources["source_id"])
    for sid, address in zip(ids[1:], HOSTILE):
        ledger.sources.loc[ledger.sources["source_id"] == sid, "url"] = address
    return evidence.build(ledger)


def test_a_hostile_address_is_never_a_link_in_a_citation(hostile_ev):
    row = hostile_ev.sources[hostile_ev.sources["source_id"] == "S01"].iloc[0]
    assert row["url"] == "javascript:alert(1)"
    # S01's citation links to its entry on the Sources page instead.
    ref = tables.cited(["S01"], hostile_ev.sources)["S01"]
    assert tables.source_link(ref) == f'<a href="sources.html#S01">{html.escape(tables.source_label(ref))}</a>'
    shipped = load_ledger().sources
    s02 = shipped[shipped["source_id"] == "S02"].iloc[0]
    assert f'href="{html.escape(s02["url"], quote=True)}"' in tables.source_link(tables.cited(["S02"], shipped)["S02"])


def test_every_link_of_every_page_goes_through_the_gate(hostile_ev, tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / "out"))
    ev = hostile_ev
    checks = audit.checks(ev)
    pages = [
        timeline_tables.years(ev, "a"), timeline_tables.reports(ev, "b", shown=100), timeline_tables.targets(ev, "c"),
        timeline_tables.seed_figures(ev, "d"), timeline_tables.claims(ev, "e", shown=200),
        jobs_tables.yearly(ev, "f"), jobs_tables.pairs(ev, "g"), rates_tables.yearly(ev, "h"), rates_tables.attainment(ev, "i"),
        rates_tables.in_year(ev, "j"), rates_tables.stocks(ev, "k"), rates_tables.between(ev, "l"),
        audit_tables.findings(ev, checks, "m").html(Context()), audit_tables.all_checks(ev, checks, "n").html(Context()),
        tables.source_line(list(ev.sources["source_id"]), tables.cited(list(ev.sources["source_id"]), ev.sources)),
        tables.source_links(", ".join(ev.sources["source_id"]), tables.cited(list(ev.sources["source_id"]), ev.sources), most=None),
        sources.sources_page(ev.ledger),
    ]
    pages = [p if isinstance(p, str) else p.html(Context(files="p")) for p in pages]
    chart, _ = content.write_report_files(ev, tmp_path)
    pages.append(chart.html(Context(out=tmp_path)))  # the headline chart block: its caption and the marks' links
    hrefs = [h for page in pages for h in _Links(page).hrefs]
    assert len(hrefs) > 200
    assert [h for h in hrefs if not _acceptable(h)] == []
    text = "".join(pages)
    for scheme in ("javascript:", "vbscript:", "data:text", "java\tscript"):
        assert f'href="{scheme}' not in text.lower()
    # The shipped addresses are still linked, as written (S00, the seed, was left as shipped).
    seed = load_ledger().sources.set_index("source_id").loc["S00", "url"]
    assert f'href="{seed}"' in text


def test_the_sources_page_shows_a_hostile_address_as_text_only(hostile_ev):
    page = sources.sources_page(hostile_ev.ledger)
    entry = page[page.index('id="S01"'):page.index('id="S02"')]
    assert "<a href" not in entry.split("<ul")[0]  # neither the publisher nor the address is a link
    assert "javascript" not in entry


@pytest.mark.parametrize(("address", "expected"), [
    ("javascript:alert(1)", "#"), ("//evil.example", "#"), ("data:x", "#"),
    ("01-timeline/01-years.csv", "01-timeline/01-years.csv"), ("a b/c.csv", "a%20b/c.csv"), ("#C014", "#C014"),
    ("https://example.org/?a=1&b=2", "https://example.org/?a=1&amp;b=2"),
])
def test_the_reports_attributes_go_through_the_same_gate(address, expected):
    assert layout.href(address) == expected


def test_a_restatement_link_on_the_sources_page_is_a_fragment(hostile_ev):
    figures = pd.DataFrame([{"figure_id": "C020", "restates": 'C014"><script>', "metric": "units_target", "value": 2000.0,
                             "qualifier": "exact", "scope": "national", "start": pd.NaT, "end": pd.NaT, "end_earliest": pd.NaT,
                             "end_latest": pd.NaT}])
    item = sources._figure_item(figures.iloc[0])
    assert 'href="#C014%22%3E%3Cscript%3E"' in item and "<script>" not in item
