"""The front page (``index.html``): the lede and the answers first, then the evidence, pages and downloads.

In: a :class:`FrontPage`, plain data whose sentences are messages of the catalogue (:class:`analysis.words.Msg`).
Out: the page's HTML in the language in force (:func:`render_front_page`). The page reads top to bottom as:

1. the title, how current the figures are (the date of the latest report) and the lede: what a reader
   should take away, in three sentences whose numbers link to the tables they come from;
2. the three answers (:class:`Answer`), each with the primary article's own answer and a link to its page;
   then what the figures rest on, in plain words;
3. beside them on a wide screen (below them on a phone), the headline chart (a block of
   :mod:`analysis.present.figures`, or a :class:`Chart`) and the audit's findings (:class:`Finding`): the
   contradictions, largest first, each one line linking to its detail, then the questions and notes folded
   under a line that counts them; 1 to 3 make the first screen;
4. the pages (:class:`PageLink`) and the downloads (:class:`Download`) under plain titles, by section;
   a download whose ``rows`` is 0 (a header-only CSV) is never listed;
5. how to cite the report and the data's licence.

Every text is escaped here or by the catalogue's HTML writer; every address goes through
:func:`analysis.report.layout.href`. What fills the object (:func:`analysis.report.content.front_page`)
is separate from this layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..present.blocks import Context, markup, say as say_html
from ..words import Count, All, Msg, say
from . import layout

#: The order findings are listed in; other severities follow, in the order given.
SEVERITY_ORDER = ("contradiction", "question", "note")


@dataclass(frozen=True)
class Answer:
    """One of the three questions (a message), its answer's sentences, the primary article's own answer."""

    question: Msg
    lines: tuple
    seed: tuple
    page_href: str


@dataclass(frozen=True)
class Chart:
    """An image of the report (``image`` relative to ``index.html``) with alt text, caption and source line (HTML)."""

    image: str
    alt: str
    caption: str
    source_html: str = ""


@dataclass(frozen=True)
class Finding:
    """One audit finding: its grade, its one-line headline (a message or text), its detail's address."""

    severity: str
    text: Any
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
    current: Any = None
    lede: tuple = ()
    answers: list[Answer] = field(default_factory=list)
    seed_label: Any = None
    rests_on: Any = None
    headline_chart: Any = None
    findings: list[Finding] = field(default_factory=list)
    pages: list[PageLink] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    citation: Any = None
    licence: Any = None
    twin: str | None = None


def ordered_findings(findings: list[Finding]) -> list[Finding]:
    """Contradictions first, then questions, then the others; the given order within each."""
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    return sorted(findings, key=lambda f: rank.get(f.severity, len(rank)))


def listed_downloads(downloads: list[Download]) -> list[Download]:
    """The downloads worth listing: none that is an empty (header-only) table."""
    return [d for d in downloads if d.rows != 0]


def _html(value) -> str:
    """A message (with its markup) or plain text as HTML."""
    if isinstance(value, Msg):
        return say_html(value)
    if isinstance(value, str):
        return layout.esc(value)
    from ..words.forms import write_html

    return write_html(value)


def _answers(front: FrontPage) -> list[str]:
    out = [f'<section class="answers" aria-label="{layout.esc(say("front.answers_label"))}">']
    for a in front.answers:
        out += ['<div class="answer">', f"<h2>{_html(a.question)}</h2>", "<div>" + "".join(f"<p>{_html(m)}</p>" for m in a.lines) + "</div>"]
        if a.seed:
            label = f"<strong>{_html(front.seed_label)}</strong> " if front.seed_label is not None else ""
            out.append(f'<p class="seed">{label}{" ".join(_html(m) for m in a.seed)}</p>')
        out.append(f'<p><a href="{layout.href(a.page_href)}">{layout.esc(say("front.evidence_link"))}</a></p>')
        out.append("</div>")
    out.append("</section>")
    return out


def _chart(chart, ctx: Context) -> list[str]:
    if hasattr(chart, "html"):
        return [chart.html(ctx)]
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
    return [f'<li><span class="severity severity-{layout.esc(f.severity)}">{layout.esc(say(f"grade.{f.severity}"))}</span> '
            f'{_html(f.text)} <a href="{layout.href(f.href)}">{layout.esc(say("front.details"))}</a></li>' for f in findings]


def _findings(findings: list[Finding]) -> list[str]:
    """The contradictions listed; the other findings (questions first) folded under a line that counts them."""
    ordered = ordered_findings(findings)
    lead = [f for f in ordered if f.severity == SEVERITY_ORDER[0]] or ordered
    rest = ordered[len(lead):]
    title = layout.esc(say("front.findings"))
    out = [f'<section class="findings-box" aria-label="{title}">', f"<h2>{title}</h2>"]
    out += ['<ul class="findings">', *_finding_items(lead), "</ul>"]
    if rest:
        counts: dict[str, int] = {}
        for f in rest:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        summary = say("front.findings_more", counts=All(tuple(Count(n, s) for s, n in counts.items())))
        out += [f"<details><summary>{layout.esc(summary)}</summary>", '<ul class="findings">', *_finding_items(rest), "</ul>", "</details>"]
    out.append("</section>")
    return out


def _pages(pages: list[PageLink]) -> list[str]:
    out = [f"<h2>{layout.esc(say('front.pages'))}</h2>", '<ol class="pages">']
    for p in pages:
        out.append(
            f'<li><a href="{layout.href(p.href)}">{layout.esc(p.title)}</a> '
            f'<span class="muted small">(<a href="{layout.href(p.notebook_href)}" download>{layout.esc(say("page.notebook_link").lower())}</a>)</span></li>'
        )
    out.append("</ol>")
    return out


#: Paragraphs of the guide to the files' columns (catalogue ``front.columns.1`` ...): the files keep English
#: names and ASCII digits in both editions, and each edition explains them in its own language.
COLUMN_NOTES = 5


def _downloads(downloads: list[Download]) -> list[str]:
    out = [f"<h2>{layout.esc(say('front.downloads'))}</h2>"]
    sections: dict[str, list[Download]] = {}
    for d in listed_downloads(downloads):
        sections.setdefault(d.section, []).append(d)
    out.append(f"<details class=\"columns-guide\"><summary>{layout.esc(say('front.columns.h'))}</summary>")
    out += [f"<p>{markup(layout.esc(say(f'front.columns.{i}')))}</p>" for i in range(1, COLUMN_NOTES + 1)]
    out.append("</details>")
    for section, items in sections.items():
        if section:
            out.append(f"<h3>{layout.esc(section)}</h3>")
        out.append('<ul class="downloads">')
        for d in items:
            description = f' <span class="muted small">{layout.esc(d.description)}</span>' if d.description else ""
            out.append(f'<li><a href="{layout.href(d.href)}" download>{layout.esc(d.title)}</a>{description}</li>')
        out.append("</ul>")
    return out


def render_front_page(front: FrontPage, ctx: Context | None = None) -> str:
    """``index.html`` for ``front`` in the language in force, ending in a newline; identical for identical input."""
    ctx = ctx or Context(language=layout.language())
    body = [f"<h1>{layout.esc(front.title)}</h1>"]
    if front.current is not None:
        body.append(f'<p class="current muted">{_html(front.current)}</p>')
    if front.lede:
        body.append('<div class="lede">' + "".join(f"<p>{_html(m)}</p>" for m in front.lede) + "</div>")
    # The first screen: the answers beside the headline chart and the audit's contradictions (one
    # column on a narrow screen, in the same order).
    evidence = (_chart(front.headline_chart, ctx) if front.headline_chart else []) + (_findings(front.findings) if front.findings else [])
    if front.answers or evidence:
        body.append('<div class="first-screen">')
        body += _answers(front) if front.answers else []
        body += ['<div class="evidence">', *evidence, "</div>"] if evidence else []
        body.append("</div>")
    if front.rests_on is not None:
        body += [f"<h2>{layout.esc(say('front.rests_on'))}</h2>", f"<p>{_html(front.rests_on)} {_html(Msg('front.glossary_line'))}</p>"]
    if front.pages:
        body += _pages(front.pages)
    if listed_downloads(front.downloads):
        body += _downloads(front.downloads)
    if front.citation is not None or front.licence is not None:
        body.append(f"<h2>{layout.esc(say('front.cite'))}</h2>")
        body += [f"<p>{_html(h)}</p>" for h in (front.citation, front.licence) if h is not None]
    nav = layout.Nav(layout.FRONT_PAGE, None, layout.Link(front.pages[0].title, front.pages[0].href) if front.pages else None, front.twin)
    return layout.page_html(front.title, "\n".join(body), nav)
