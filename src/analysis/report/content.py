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

from ..present.tables import MANIFEST
from .front import Answer, Download, Finding, FrontPage, PageLink
from .pages import PageInfo



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
    from ..words import Count
    from ..words.forms import write

    return write(Count(n, "row"))


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


def download_title(file: str, fallback: str) -> str:
    """A download's title in the language in force: the catalogue's ``download.<file stem>``, or ``fallback``."""
    from ..words import has, say

    key = f"download.{Path(file).stem}"
    return say(key) if has(key) else fallback


def downloads(pages: list[BuiltPage], root: Path, report_rows: dict[str, int] | None = None, prefix: str = "") -> list[Download]:
    """The report-wide tables first (``report_rows``: file -> rows written, from :func:`write_report_files`),
    then every CSV of every page under its plain title, with the rows its page listed (empty ones get 0 rows).
    ``prefix``: where the files are from the page that lists them ('../' from the Persian edition)."""
    from ..words import Msg, say

    out = []
    for name, key in REPORT_FILES:
        if name in (report_rows or {}):
            rows = report_rows[name]
            out.append(Download(title=say(f"download.{key}"), href=prefix + name,
                                description=say("download.description", what=Msg(f"download.{key}_what"), rows=_rows_words(rows)),
                                rows=rows, section=say("front.the_data")))
    for page in pages:
        if not page.folder.is_dir():
            continue
        titles = _manifest(page.folder)
        for path in sorted(page.folder.glob("*.csv"), key=lambda p: list(titles).index(p.name) if p.name in titles else len(titles)):
            title, kind, rows = titles.get(path.name, (plain_file_title(path.stem), "table", None))
            rows = data_rows(path) if rows is None else rows
            what = Msg("download.chart_data" if kind == "chart" else "download.table_data")
            out.append(Download(title=download_title(path.name, title), href=prefix + path.relative_to(root).as_posix(),
                                description=say("download.description", what=what, rows=_rows_words(rows)), rows=rows, section=page.info.title))
    return out


#: Report-wide downloads written by :func:`write_report_files`: file, and its catalogue key (``download.<key>``,
#: ``download.<key>_what``).
REPORT_FILES: tuple[tuple[str, str], ...] = (("ledger.csv", "ledger"), ("estimates.csv", "estimates"))

#: The three questions, in the order the front page answers them: the catalogue key of each, and the page that answers it.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("front.questions.timeline", "01-timeline.html"),
    ("front.questions.jobs", "02-jobs-per-unit.html"),
    ("front.questions.rates", "03-year-on-year.html"),
)

#: Where the audit's findings are detailed.
AUDIT_PAGE = "04-source-audit.html"
FINDINGS_ANCHOR = "04-findings"


def write_report_files(ev, root: Path) -> tuple[object | None, dict[str, int]]:
    """Write the tidy ledger, the yearly estimates and the headline chart into ``root``; returns the chart
    (a :class:`analysis.present.figures.Chart` block, which writes ``headline.png`` and ``headline.svg`` when
    the front page renders it; ``None``, and no chart files, when the ledger has no yearly count to draw) and
    the rows of each report-wide CSV file written (file name -> rows)."""
    from .. import csvfile
    from ..evidence import places
    from ..present import charts, downloads as dl, figures, page as pg, style
    from ..questions import timeline

    # The provinces' rows of the ledger file need only their figures' claims, not the places' estimates.
    written = {"ledger.csv": dl.ledger(ev, places.classified(ev.ledger)), "estimates.csv": dl.estimates(ev)}
    for name, frame in written.items():
        csvfile.write_csv(frame, root / name)
    rows = {name: len(frame) for name, frame in written.items()}
    style.setup()
    years = timeline.years(ev)
    if not pg.drawable(years):
        return None, rows
    csvfile.write_csv(years.drop(columns=["other_scopes"]), root / "headline.csv")
    # The headline chart is a chart block (analysis.present.figures.Chart), drawn when the front page is
    # written, in that page's language: its narrow drawing only, shown at its own size in the front page's
    # column, under a one-line caption and a compact source line (the drawing names its sources itself).
    return figures.chart("headline", charts.programme.years_chart, charts.programme.years_alt, years, sources=ev.sources,
                         data="headline.csv", files="compact", caption="front.chart_caption"), rows


def findings(ev, checks) -> list[Finding]:
    """The audit's contradictions and questions, largest first, then its notes (shown, never counted as
    findings), each its one-line headline (the audit's ``headline`` column), linked to the audit page's findings."""
    from ..present import prose
    from ..questions import audit

    f = audit.findings(checks)
    f = f[f["grade"].isin([*audit.FINDING_GRADES, "note"])]
    return [Finding(r["grade"], prose._headline(r), f"{AUDIT_PAGE}#{FINDINGS_ANCHOR}") for _, r in f.iterrows()]


@dataclass(frozen=True)
class Prepared:
    """What the front page needs from the analysis, computed while the notebooks run (:func:`prepare`):
    sentences as messages, so each edition writes them in its own language."""

    current: object
    lede: list
    answers: list
    seed_label: object
    rests_on: object
    seed_name: object
    chart: object | None  # the headline chart block (analysis.present.figures.Chart)
    findings: list
    report_rows: dict[str, int] = field(default_factory=dict)  # rows of each report-wide CSV file written


def prepare(ledger, root: Path, made: tuple | None = None) -> Prepared:
    """The front page's analysis (the lede, the answers, the findings, the headline chart and the report-wide files).

    Independent of the pages, so the builder runs it beside the notebooks' kernels. ``made``: the country's
    evidence and checks of ``ledger`` when the caller has them (:func:`analysis.present.shared.make`).
    """
    from ..present import prose, shared
    from ..words import Msg

    ev, checks = made if made is not None else shared.make(ledger)
    answer_fns = ((prose.timeline_answer, prose.seed_timeline_answer), (prose.jobs_answer, prose.seed_jobs_answer),
                  (prose.rates_answer, prose.seed_rates_answer))
    answers = [Answer(question=Msg(q), lines=tuple(a(ev)), seed=tuple(s(ev)), page_href=href)
               for (q, href), (a, s) in zip(QUESTIONS, answer_fns)]
    chart, rows = write_report_files(ev, root)
    return Prepared(current=prose.current(ev), lede=prose.lede(ev, checks), answers=answers, seed_label=prose.seed_label(ev),
                    rests_on=prose.coverage(ev), seed_name=prose.seed_name(ev), chart=chart, findings=findings(ev, checks),
                    report_rows=rows)


def front_page(pages: list[BuiltPage], root: Path, ledger, prepared: Prepared | None = None, twin: str | None = None,
               prefix: str = "") -> FrontPage:
    """The front page in the language in force, from the evidence the pages read (the same functions, the same numbers).

    ``twin``: the front page in the other language; ``prefix``: where the report's files are from this page."""
    from ..words import Msg, Text, say

    prepared = prepared or prepare(ledger, root)
    licences = sorted({str(x) for x in ledger.sources["licence"] if str(x).strip()})
    licence = (Msg("front.licence", {"seed": prepared.seed_name, "licence": Text("; ".join(licences), "en")}) if licences
               else Msg("front.licence_plain"))
    return FrontPage(
        title=say("report.title"),
        current=prepared.current,
        lede=tuple(prepared.lede),
        answers=prepared.answers,
        seed_label=prepared.seed_label,
        rests_on=prepared.rests_on,
        headline_chart=prepared.chart,
        findings=prepared.findings,
        pages=[PageLink(p.info.title, p.info.href, prefix + p.info.notebook_href) for p in pages],
        downloads=downloads(pages, root, prepared.report_rows, prefix),
        citation=Msg("front.cite_as", {"name": Text(say("report.name")), "title": Text(say("report.title"))}),
        licence=licence,
        twin=twin,
    )
