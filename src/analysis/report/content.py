"""What the front page says today, gathered from the built pages, their files and the ledger.

In: the executed notebooks (:class:`BuiltPage`), the folder they wrote into, the ledger. Out: a
:class:`analysis.report.front.FrontPage` (:func:`front_page`). This is the seam where the analysis
fills the front page; the layout is :mod:`analysis.report.front`. Today it uses:

- **answers**: the first three pages; the question is the page's title, the answer the outputs of
  the page's cell tagged ``answer`` (and the seed article's, ``seed-answer``) when it has one;
- **findings**: any table a page wrote with ``severity`` and ``finding`` columns (the audit's);
- **pages** and **downloads**: every page, and every CSV file with at least one data row, titled
  from its file name in plain words and grouped under its page's title;
- **as of**: the ledger's counts and its latest publication date.
"""

from __future__ import annotations

import csv
import html
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert.filters.markdown import markdown2html

from . import layout
from .front import Answer, Download, Finding, FrontPage, PageLink
from .pages import PageInfo

TITLE = "Iran's idle-factory revival programme in figures"
ANSWER_TAG = "answer"
SEED_ANSWER_TAG = "seed-answer"
NO_ANSWER_HTML = "<p>The answer, the evidence behind it and its sources are on the page.</p>"


@dataclass(frozen=True)
class BuiltPage:
    """A page of the report as built: where it sits, the executed notebook, the folder of its files."""

    info: PageInfo
    nb: nbformat.NotebookNode
    folder: Path


def tagged_output_html(nb: nbformat.NotebookNode, tag: str) -> str:
    """The outputs of the first cell tagged ``tag`` as HTML: Markdown rendered, HTML as is, text escaped."""
    for cell in nb.cells:
        if tag in cell.get("metadata", {}).get("tags", []):
            parts = []
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/markdown" in data:
                    parts.append(markdown2html(data["text/markdown"]))
                elif "text/html" in data:
                    parts.append(data["text/html"])
                elif "text/plain" in data:
                    parts.append(f"<p>{html.escape(data['text/plain'])}</p>")
                elif output.get("output_type") == "stream":
                    parts.append(f"<p>{html.escape(output.get('text', ''))}</p>")
            return "\n".join(parts)
    return ""


def plain_file_title(stem: str) -> str:
    """A file name in words: ``03-progress-vs-share-elapsed-every-14-days`` -> 'Progress vs share elapsed every 14 days'."""
    words = re.sub(r"^\d+[-_]", "", stem).replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else stem


def data_rows(path: Path) -> int:
    """How many data rows (after the header) a CSV file holds."""
    with open(path, encoding="utf-8", newline="") as f:
        return max(sum(1 for _ in csv.reader(f)) - 1, 0)


def _rows_words(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


def downloads(pages: list[BuiltPage], root: Path) -> list[Download]:
    """Every CSV file of every page, titled in words, with its row count (header-only ones included, as 0)."""
    out = []
    for page in pages:
        if not page.folder.is_dir():
            continue
        for path in sorted(page.folder.glob("*.csv")):
            chart = any(path.with_suffix(s).exists() for s in (".png", ".svg"))
            rows = data_rows(path)
            what = "the data behind the chart" if chart else "the table's data"
            out.append(Download(
                title=plain_file_title(path.stem),
                href=path.relative_to(root).as_posix(),
                description=f"CSV, {what}, {_rows_words(rows)}",
                rows=rows,
                section=page.info.title,
            ))
    return out


def findings(pages: list[BuiltPage]) -> list[Finding]:
    """The contradictions and questions in any table with ``severity`` and ``finding`` columns."""
    out = []
    for page in pages:
        if not page.folder.is_dir():
            continue
        for path in sorted(page.folder.glob("*.csv")):
            with open(path, encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
            if rows and {"severity", "finding"} <= set(rows[0]):
                out += [Finding(r["severity"], r["finding"], page.info.href) for r in rows
                        if r["severity"] in ("contradiction", "question") and r["finding"]]
    return out


def as_of_line(ledger) -> str:
    """'The ledger holds 222 figures from 51 reports, the latest published 2024-11-18 (1403/08/28).'"""
    sources, figures = ledger.sources, ledger.figures
    latest = pd.to_datetime(sources["published_latest"]).max()
    when = f", the latest published by {latest:%Y-%m-%d}" if pd.notna(latest) else ""
    return f"The ledger holds {len(figures):,} figures from {len(sources):,} reports{when}."


def front_page(pages: list[BuiltPage], root: Path, ledger) -> FrontPage:
    """The front page as far as today's pages, files and ledger can fill it."""
    answers = [
        Answer(
            question=p.info.title,
            answer_html=tagged_output_html(p.nb, ANSWER_TAG) or NO_ANSWER_HTML,
            seed_answer_html=tagged_output_html(p.nb, SEED_ANSWER_TAG),
            page_href=p.info.href,
        )
        for p in pages[:3]
    ]
    licences = sorted({str(x) for x in ledger.sources["licence"] if str(x).strip()})
    licence_html = (
        "The package, its ledger and this report are released under the MIT licence. The reports "
        "themselves are not copied: the ledger records their figures, dates and addresses"
        + (f"; where a text is kept, its licence is stated ({layout.esc('; '.join(licences))})." if licences else ".")
    )
    return FrontPage(
        title=TITLE,
        as_of_line=as_of_line(ledger),
        answers=answers,
        headline_chart=None,
        findings=findings(pages),
        pages=[PageLink(p.info.title, p.info.href, p.info.notebook_href) for p in pages],
        downloads=downloads(pages, root),
        citation_html=(
            f"Cite as: {layout.esc(layout.REPORT_NAME)}, &ldquo;{layout.esc(TITLE)}&rdquo;, built by "
            f"<code>make report</code> from its ledger. Cite a figure by its report: see the "
            f'<a href="{layout.href(layout.SOURCES_PAGE)}">Sources</a>.'
        ),
        licence_html=licence_html,
    )
