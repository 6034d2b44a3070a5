"""The front page (``index.html``): the answers first, then the chart, the findings, pages and downloads.

In: a :class:`FrontPage`, plain data. Out: the page's HTML (:func:`render_front_page`). The page
reads top to bottom as:

1. the title and the ``as_of_line`` (what the ledger holds, as of when);
2. the three answers (:class:`Answer`), each with the seed article's own answer beside it and a link
   to its page;
3. beside them on a wide screen (below them on a phone), the headline chart (:class:`Chart`: an image
   file of the report, its alt text, a caption and a source line) and the audit's findings
   (:class:`Finding`): the contradictions listed, each one line linking to its detail, then the
   questions and the rest folded under a line that counts them; 2 and 3 make the first screen;
5. the pages (:class:`PageLink`) and the downloads (:class:`Download`) under plain titles, grouped
   by ``section``; a download whose ``rows`` is 0 (a header-only CSV) is never listed;
6. how to cite the report and the data's licence.

Fields named ``*_html`` are HTML that the caller has made safe (generated sentences with links);
every other text is escaped here, and every address goes through :func:`analysis.report.layout.href`.
What fills the object (:func:`analysis.report.content.front_page`) is separate from this layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import fmt
from . import layout

#: The order findings are listed in; other severities follow, in the order given.
SEVERITY_ORDER = ("contradiction", "question", "note")


@dataclass(frozen=True)
class Answer:
    """One of the three questions, answered in a generated sentence, with the seed's own answer."""

    question: str
    answer_html: str
    seed_answer_html: str
    page_href: str


@dataclass(frozen=True)
class Chart:
    """An image of the report (``image`` relative to ``index.html``) with alt text, caption and source line."""

    image: str
    alt: str
    caption: str
    source_html: str = ""


@dataclass(frozen=True)
class Finding:
    """One audit finding: ``contradiction``, ``question``, ``inference``...; one line; its detail's address."""

    severity: str
    text: str
    href: str


@dataclass(frozen=True)
class PageLink:
    """A page of the report and its executed notebook."""

    title: str
    href: str
    notebook_href: str


@dataclass(frozen=True)
class Download:
    """A file to download: a plain title, its address, a description, its data rows (``None``: not a table)."""

    title: str
    href: str
    description: str
    rows: int | None = None
    section: str = ""


@dataclass(frozen=True)
class FrontPage:
    """Everything the front page shows; see the module text for the order."""

    title: str
    as_of_line: str
    answers: list[Answer] = field(default_factory=list)
    headline_chart: Chart | None = None
    findings: list[Finding] = field(default_factory=list)
    pages: list[PageLink] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    citation_html: str = ""
    licence_html: str = ""


def ordered_findings(findings: list[Finding]) -> list[Finding]:
    """Contradictions first, then questions, then the others; the given order within each."""
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    return sorted(findings, key=lambda f: rank.get(f.severity, len(rank)))


def listed_downloads(downloads: list[Download]) -> list[Download]:
    """The downloads worth listing: none that is an empty (header-only) table."""
    return [d for d in downloads if d.rows != 0]


def _answers(answers: list[Answer]) -> list[str]:
    out = ['<section class="answers" aria-label="The answers">']
    for a in answers:
        out += [
            '<div class="answer">',
            f"<h2>{layout.esc(a.question)}</h2>",
            f"<div>{a.answer_html}</div>",
        ]
        if a.seed_answer_html:
            out.append(f'<p class="seed"><strong>The seed article:</strong> {a.seed_answer_html}</p>')
        out.append(f'<p><a href="{layout.href(a.page_href)}">The evidence, step by step</a></p>')
        out.append("</div>")
    out.append("</section>")
    return out


def _chart(chart: Chart) -> list[str]:
    out = [
        '<figure class="headline-chart">',
        f'<img src="{layout.href(chart.image)}" alt="{layout.esc(chart.alt)}">',
        f"<figcaption>{layout.esc(chart.caption)}",
    ]
    if chart.source_html:
        out.append(f'<br><span class="source-line">{chart.source_html}</span>')
    out += ["</figcaption>", "</figure>"]
    return out


def _finding_items(findings: list[Finding]) -> list[str]:
    return [f'<li><span class="severity severity-{layout.esc(f.severity)}">{layout.esc(f.severity)}</span> '
            f'{layout.esc(f.text)} <a href="{layout.href(f.href)}">Details</a></li>' for f in findings]


def _findings(findings: list[Finding]) -> list[str]:
    """The contradictions listed; the other findings (questions first) folded under a line that counts them."""
    ordered = ordered_findings(findings)
    lead = [f for f in ordered if f.severity == SEVERITY_ORDER[0]] or ordered
    rest = ordered[len(lead):]
    out = ['<section class="findings-box" aria-label="What the audit found">', "<h2>What the audit found</h2>"]
    out += ['<ul class="findings">', *_finding_items(lead), "</ul>"]
    if rest:
        counts: dict[str, int] = {}
        for f in rest:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        summary = layout.esc(" and ".join(fmt.count(n, s) for s, n in counts.items()))
        out += [f"<details><summary>And {summary}</summary>", '<ul class="findings">', *_finding_items(rest), "</ul>", "</details>"]
    out.append("</section>")
    return out


def _pages(pages: list[PageLink]) -> list[str]:
    out = ["<h2>The pages</h2>", '<ol class="pages">']
    for p in pages:
        out.append(
            f'<li><a href="{layout.href(p.href)}">{layout.esc(p.title)}</a> '
            f'<span class="muted small">(<a href="{layout.href(p.notebook_href)}" download>the notebook with its code</a>)</span></li>'
        )
    out.append("</ol>")
    return out


def _downloads(downloads: list[Download]) -> list[str]:
    out = ["<h2>Downloads</h2>"]
    sections: dict[str, list[Download]] = {}
    for d in listed_downloads(downloads):
        sections.setdefault(d.section, []).append(d)
    for section, items in sections.items():
        if section:
            out.append(f"<h3>{layout.esc(section)}</h3>")
        out.append('<ul class="downloads">')
        for d in items:
            description = f' <span class="muted small">{layout.esc(d.description)}</span>' if d.description else ""
            out.append(f'<li><a href="{layout.href(d.href)}" download>{layout.esc(d.title)}</a>{description}</li>')
        out.append("</ul>")
    return out


def render_front_page(front: FrontPage) -> str:
    """``index.html`` for ``front``, ending in a newline; identical for identical input."""
    body = [f"<h1>{layout.esc(front.title)}</h1>"]
    if front.as_of_line:
        body.append(f'<p class="lede">{layout.esc(front.as_of_line)}</p>')
    # The first screen: the answers beside the headline chart and the audit's contradictions (one
    # column on a narrow screen, in the same order).
    evidence = (_chart(front.headline_chart) if front.headline_chart else []) + (_findings(front.findings) if front.findings else [])
    if front.answers or evidence:
        body.append('<div class="first-screen">')
        body += _answers(front.answers) if front.answers else []
        body += ['<div class="evidence">', *evidence, "</div>"] if evidence else []
        body.append("</div>")
    if front.pages:
        body += _pages(front.pages)
    if listed_downloads(front.downloads):
        body += _downloads(front.downloads)
    if front.citation_html or front.licence_html:
        body.append("<h2>Citing and reusing</h2>")
        body += [f"<p>{h}</p>" for h in (front.citation_html, front.licence_html) if h]
    nav = layout.Nav(layout.FRONT_PAGE, None, layout.Link(front.pages[0].title, front.pages[0].href) if front.pages else None)
    return layout.page_html(front.title, "\n".join(body), nav)
