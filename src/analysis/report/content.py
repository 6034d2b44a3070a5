"""What the front page says: the answers, the headline chart, the findings, the pages, the downloads.

In: the built pages (:class:`BuiltPage`), the folder the report is built in, the ledger. Out: a
:class:`analysis.report.front.FrontPage` (:func:`front_page`) and, beside it, the headline chart's
files and the report-wide downloads (the tidy ledger, the yearly estimates). The answers are the same
generated sentences the pages open with (:mod:`analysis.present.prose`), computed from the same
evidence, so the front page and the pages cannot disagree. The layout is :mod:`analysis.report.front`.

No CSV file is read back: the downloads' row counts come from the frames that were written (the
report-wide files here, each page's files from the list its notebook wrote beside them,
:data:`analysis.present.tables.MANIFEST`), so a cell of any length reaches every file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd

from . import layout
from ..present.tables import MANIFEST
from .front import Answer, Chart, Download, Finding, FrontPage, PageLink
from .pages import PageInfo

TITLE = "Iran's idle-factory revival programme in figures"


@dataclass(frozen=True)
class BuiltPage:
    """A page of the report as built: where it sits, the executed notebook, the folder of its files."""

    info: PageInfo
    nb: nbformat.NotebookNode
    folder: Path


def plain_file_title(stem: str) -> str:
    """A file name in words, where a page gave no title: ``03-same-period`` -> 'Same period'."""
    words = re.sub(r"^\d+[-_]", "", stem).replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else stem


def data_rows(path: Path) -> int:
    """How many data rows (after the header) a CSV file holds: only for a file no page listed with its
    rows (pandas' reader, which takes a field of any length; the standard one stops at 131,072 characters)."""
    try:
        return len(pd.read_csv(path, dtype=str, keep_default_na=False, engine="c"))
    except pd.errors.EmptyDataError:
        return 0


def _rows_words(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


def _manifest(folder: Path) -> dict[str, tuple[str, str, int | None]]:
    """What a page listed of its files (:data:`analysis.present.tables.MANIFEST`): file -> (title, kind, rows)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            rows = int(parts[3]) if len(parts) >= 4 and parts[3].isdigit() else None
            out[parts[0]] = (parts[1], parts[2], rows)
    return out


def downloads(pages: list[BuiltPage], root: Path, report_rows: dict[str, int] | None = None) -> list[Download]:
    """The report-wide tables first (``report_rows``: file -> rows written, from :func:`write_report_files`),
    then every CSV of every page under its plain title, with the rows its page listed (empty ones get 0 rows)."""
    out = []
    for name, title, what in REPORT_FILES:
        if name in (report_rows or {}):
            rows = report_rows[name]
            out.append(Download(title=title, href=name, description=f"CSV, {what}, {_rows_words(rows)}", rows=rows, section="The data"))
    for page in pages:
        if not page.folder.is_dir():
            continue
        titles = _manifest(page.folder)
        for path in sorted(page.folder.glob("*.csv"), key=lambda p: list(titles).index(p.name) if p.name in titles else len(titles)):
            title, kind, rows = titles.get(path.name, (plain_file_title(path.stem), "table", None))
            rows = data_rows(path) if rows is None else rows
            what = "the data behind the chart" if kind == "chart" else "the table's data"
            out.append(Download(title=title, href=path.relative_to(root).as_posix(), description=f"CSV, {what}, {_rows_words(rows)}",
                                rows=rows, section=page.info.title))
    return out


#: Report-wide downloads written by :func:`write_report_files`: file, title, what it holds.
REPORT_FILES: tuple[tuple[str, str, str], ...] = (
    ("ledger.csv", "The whole ledger, one row per figure", "every figure with its bounds, period in both calendars, claim, source and address"),
    ("estimates.csv", "Yearly best estimates", "one row per metric, scope and Iranian year, with bounds, basis and the rule that chose it"),
)

#: The three questions, in the order the front page answers them, with the page that answers each.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("What was revived, targeted and reported, and when?", "01-timeline.html"),
    ("How many jobs does each revived unit bring back?", "02-jobs-per-unit.html"),
    ("Is the pace rising or falling, and were the targets met?", "03-year-on-year.html"),
)

#: Where the audit's findings are detailed.
AUDIT_PAGE = "04-source-audit.html"


def write_report_files(ev, root: Path) -> tuple[Chart | None, dict[str, int]]:
    """Write the tidy ledger, the yearly estimates and the headline chart into ``root``; returns the chart
    (``None``, and no chart files, when the ledger has no yearly count to draw) and the rows of each
    report-wide CSV file written (file name -> rows)."""
    from .. import csvfile, evidence
    from ..present import charts, downloads as dl, figures, page as pg, tables
    from ..present.blocks import Context
    from ..questions import timeline
    from ..words import speaking

    written = {"ledger.csv": dl.ledger(ev, evidence.provinces(ev.ledger)), "estimates.csv": dl.estimates(ev)}
    for name, frame in written.items():
        csvfile.write_csv(frame, root / name)
    rows = {name: len(frame) for name, frame in written.items()}
    years = timeline.years(ev)
    if not pg.drawable(years):
        return None, rows
    # The headline chart is a chart block (analysis.present.figures.Chart): its files are its narrow drawing,
    # shown at its own size (420 px: a point is a pixel, as on the pages) in the front page's column of about 470 px.
    block = figures.chart("headline", charts.programme.years_chart, charts.programme.years_alt, years, sources=ev.sources,
                          data="headline.csv", files="narrow")
    block.write(Context(language="en", out=root))
    with speaking("en"):
        alt = block.alt()
    csvfile.write_csv(years.drop(columns=["other_scopes"]), root / "headline.csv")
    return Chart(image="headline.svg", alt=alt,
                 caption="Units revived per Iranian year: the best estimate of each year, with its range and the year's revival target.",
                 source_html=tables.source_line(block.ids, block.refs)
                 + ' <a href="headline.csv">Data (CSV)</a> · <a href="headline.png">PNG</a>'), rows


def findings(ev, checks) -> list[Finding]:
    """The audit's contradictions and questions, largest first, then its notes (shown, never counted as
    findings), one line each, linked to the audit page."""
    from ..questions import audit

    f = audit.findings(checks)
    f = f[f["grade"].isin([*audit.FINDING_GRADES, "note"])]
    return [Finding(r["grade"], f"{r['subject'][:1].upper()}{r['subject'][1:]}: {r['finding']}", f"{AUDIT_PAGE}#The-findings")
            for _, r in f.iterrows()]


@dataclass(frozen=True)
class Prepared:
    """What the front page needs from the analysis, computed while the notebooks run (:func:`prepare`)."""

    as_of_line: str
    answers: list
    chart: Chart | None
    findings: list
    report_rows: dict[str, int] = field(default_factory=dict)  # rows of each report-wide CSV file written


def prepare(ledger, root: Path) -> Prepared:
    """The front page's analysis (the answers, the findings, the headline chart and the report-wide files).

    Independent of the pages, so the builder runs it beside the notebooks' kernels.
    """
    from .. import evidence
    from ..present import prose
    from ..questions import audit

    ev = evidence.build(ledger)
    checks = audit.checks(ev)
    answer_fns = ((prose.timeline_answer, prose.seed_timeline_answer), (prose.jobs_answer, prose.seed_jobs_answer),
                  (prose.rates_answer, prose.seed_rates_answer))
    answers = [Answer(question=q, answer_html=f"<p>{layout.esc(a(ev, detail=False))}</p>",
                      seed_answer_html=f"<p>{layout.esc(s(ev, short=True))}</p>", page_href=href)
               for (q, href), (a, s) in zip(QUESTIONS, answer_fns)]
    chart, rows = write_report_files(ev, root)
    return Prepared(as_of_line=prose.ledger_line(ev), answers=answers, chart=chart, findings=findings(ev, checks), report_rows=rows)


def front_page(pages: list[BuiltPage], root: Path, ledger, prepared: Prepared | None = None) -> FrontPage:
    """The front page, from the evidence the pages read (the same functions, the same numbers)."""
    prepared = prepared or prepare(ledger, root)
    licences = sorted({str(x) for x in ledger.sources["licence"] if str(x).strip()})
    licence_html = (
        "The package's code is released under the MIT licence. The reports themselves are not copied: the ledger "
        "records their figures, dates and addresses as facts attributed to them"
        + (f"; the one text kept whole, the seed article, is under its own licence ({layout.esc('; '.join(licences))})." if licences else ".")
    )
    return FrontPage(
        title=TITLE,
        as_of_line=prepared.as_of_line,
        answers=prepared.answers,
        headline_chart=prepared.chart,
        findings=prepared.findings,
        pages=[PageLink(p.info.title, p.info.href, p.info.notebook_href) for p in pages],
        downloads=downloads(pages, root, prepared.report_rows),
        citation_html=(
            f"Cite as: {layout.esc(layout.REPORT_NAME)}, &ldquo;{layout.esc(TITLE)}&rdquo;, built by "
            f"<code>make report</code> from its ledger. Cite a figure by its report: see the "
            f'<a href="{layout.href(layout.SOURCES_PAGE)}">Sources</a>.'
        ),
        licence_html=licence_html,
    )
