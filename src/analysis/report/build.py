"""Build the browsable HTML report: every notebook executed afresh, one page each, plus an index.

``python -m analysis.report`` (what ``make report`` runs) executes each notebook of ``notebooks/``
in a fresh kernel, in run order, and writes into ``build/report/`` (:data:`analysis.paths.REPORT_DIR`)::

    index.html                  titles, links to the pages, the figures and the CSV files
    01-timeline.html            the executed notebook as a web page
    01-timeline.ipynb           the executed notebook itself
    01-timeline/                the notebook's figures (PNG, SVG) and the data behind them (CSV)

Conventions:

- **Never half-written.** The report is built in a temporary folder beside the destination (same
  filesystem) and moved into place only when every notebook succeeded: the old report is renamed
  aside, the new one renamed in, the old one deleted. A failing notebook leaves the previous report
  exactly as it was, and :class:`NotebookFailure` names the notebook and the cell that failed.
- **Reproducible.** Two builds from the same inputs give byte-identical files: cell timings are not
  recorded, figures carry no dates, the HTML is rendered from the notebook alone (no paths, no clock).
- **Escaped.** Every piece of text written into ``index.html`` goes through :func:`html.escape`;
  the pages themselves are rendered by nbconvert, which escapes plain-text outputs (notebooks escape
  source-derived text they display as Markdown or HTML with :func:`analysis.text.escape`).

Options (for tests): ``--notebooks DIR`` reads the notebooks from ``DIR``; ``--out DIR`` writes the
report there instead of ``build/report/``.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import nbformat
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

from . import execute, paths

#: Environment variable through which a notebook learns where to write its figures and CSV files.
OUTPUT_ENV = "ISIPO_OUTPUT_DIR"

#: File types listed on the index page, in the order they are shown.
FILE_KINDS = (".png", ".svg", ".csv")

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_CELL_ERROR_HEAD = "An error occurred while executing the following cell:\n------------------\n"


class NotebookFailure(RuntimeError):
    """A notebook could not be executed; the message names the notebook, the cell and the error.

    ``cell`` is the cell's position in the notebook counting every cell (Markdown too) from 1,
    or ``None`` when the failure happened outside a cell (for example the kernel would not start).
    """

    def __init__(self, notebook: str, cell: int | None, first_line: str, error: str):
        self.notebook = notebook
        self.cell = cell
        self.first_line = first_line
        self.error = error
        if cell is None:
            where = f"{notebook} failed"
        else:
            where = f"{notebook} failed in cell {cell} (the cell starting {first_line!r})"
        super().__init__(f"{where}: {error}")


@dataclass(frozen=True)
class PageEntry:
    """One notebook as the index lists it: its title, its page and the files it wrote."""

    stem: str
    title: str
    files: tuple[str, ...]  # names inside the notebook's folder, sorted


def notebooks_in(folder: Path) -> list[Path]:
    """The notebooks of ``folder`` in run order: file names starting with two digits and a dash."""
    return sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The text of the notebook's first Markdown H1 heading (``# Title``), else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _H1.search(cell.source)
            if match:
                return match.group(1)
    return fallback


def display_name(path: Path) -> str:
    """A notebook's path as shown in messages: relative to the project root, or its file name."""
    return paths.relative_to_root(path)


def failing_cell(nb: nbformat.NotebookNode, error: BaseException) -> tuple[int | None, str]:
    """The 1-based position and first source line of the cell that raised ``error``.

    nbclient's error text quotes the failing cell's source; the first code cell with exactly that
    source is the one. Returns ``(None, "")`` when the error names no cell.
    """
    text = str(error)
    if not text.startswith(_CELL_ERROR_HEAD):
        return None, ""
    rest = text[len(_CELL_ERROR_HEAD):]
    for position, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and rest.startswith(cell.source + "\n------------------\n"):
            lines = cell.source.strip().splitlines()
            return position, lines[0] if lines else ""
    return None, ""


def error_summary(error: BaseException) -> str:
    """One line saying what went wrong: ``ValueError: boom`` for a cell error, else the exception."""
    if isinstance(error, CellExecutionError) and error.ename:
        return f"{error.ename}: {error.evalue}" if error.evalue else error.ename
    first = str(error).strip().splitlines()
    return f"{type(error).__name__}: {first[0] if first else ''}".rstrip(": ")


def _port_race(error: BaseException) -> bool:
    return not isinstance(error, CellExecutionError) and "Address already in use" in str(error)


def run_notebook(source: Path, output_dir: Path) -> nbformat.NotebookNode:
    """Execute ``source`` in a fresh kernel with its figures going to ``output_dir``.

    A kernel start that hits a port race ("Address already in use") is retried once.
    Raises :class:`NotebookFailure` naming the notebook and cell on any other error.
    """
    env = {OUTPUT_ENV: str(output_dir)}
    name = display_name(source)
    for attempt in (1, 2):
        try:
            return execute.execute_notebook(source, env=env)
        except Exception as exc:  # noqa: BLE001 - every failure is reported with the notebook's name
            if attempt == 1 and _port_race(exc):
                continue
            cell, first_line = failing_cell(nbformat.read(source, as_version=4), exc)
            raise NotebookFailure(name, cell, first_line, error_summary(exc)) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def render_html(nb: nbformat.NotebookNode, stem: str) -> str:
    """The executed notebook as a standalone HTML page (nbconvert's lab template), ending in a newline.

    Nothing about the machine or the time of the build goes in: the page title is the file stem
    and no path is passed to the exporter.
    """
    body, _ = HTMLExporter().from_notebook_node(nb, resources={"metadata": {"name": stem}})
    return body if body.endswith("\n") else body + "\n"


def _href(*parts: str) -> str:
    return html.escape("/".join(quote(p) for p in parts), quote=True)


def index_html(entries: list[PageEntry]) -> str:
    """The index page: each notebook's title linking to its page, then its figures and CSV files.

    Every text and address is escaped; the page holds no date or path, so it is identical build to build.
    """
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>isipo-revival report</title>",
        "<style>",
        "body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }",
        "h2 { margin-top: 2rem; } .file { color: #555; font-size: 0.9em; } ul.files { columns: 2; }",
        "</style>",
        "</head>",
        "<body>",
        "<h1>isipo-revival: Iran's idle-factory revival programme in figures</h1>",
        "<p>Each notebook was executed from a fresh kernel by <code>make report</code>. "
        "Every chart is saved as PNG and SVG beside the CSV file holding the data behind it.</p>",
    ]
    for entry in entries:
        parts.append(f'<h2><a href="{_href(entry.stem + ".html")}">{esc(entry.title)}</a></h2>')
        parts.append(
            f'<p class="file">{esc(entry.stem)}: <a href="{_href(entry.stem + ".html")}">web page</a>'
            f' &middot; <a href="{_href(entry.stem + ".ipynb")}">executed notebook</a></p>'
        )
        groups: dict[str, list[str]] = {}
        for name in entry.files:
            groups.setdefault(Path(name).stem, []).append(name)
        if groups:
            parts.append('<ul class="files">')
            for stem, names in groups.items():
                ordered = sorted(names, key=lambda n: (FILE_KINDS.index(Path(n).suffix), n))
                links = " &middot; ".join(
                    f'<a href="{_href(entry.stem, n)}">{esc(Path(n).suffix[1:].upper())}</a>' for n in ordered
                )
                parts.append(f"<li>{esc(stem)}: {links}</li>")
            parts.append("</ul>")
        else:
            parts.append("<p>No figure or table files.</p>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _listed_files(folder: Path) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in FILE_KINDS))


def _replace(new: Path, dest: Path) -> None:
    """Move ``new`` to ``dest``: old report renamed aside, new renamed in, old deleted."""
    if not dest.exists():
        os.rename(new, dest)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{dest.name}-old-", dir=dest.parent))
    old = aside / dest.name
    os.rename(dest, old)
    try:
        os.rename(new, dest)
    except BaseException:
        os.rename(old, dest)  # put the previous report back
        raise
    shutil.rmtree(aside)


def build_report(
    notebooks: list[Path],
    out: Path = paths.REPORT_DIR,
    log: Callable[[str], None] = print,
) -> Path:
    """Execute ``notebooks`` and publish the report at ``out``; returns ``out``.

    The previous contents of ``out`` are replaced only when every notebook ran; on failure they are
    left untouched and :class:`NotebookFailure` is raised. ``log`` receives one progress line per notebook
    (``[2/4] notebooks/02-jobs-per-unit.ipynb``).
    """
    out = Path(out).absolute()
    if not notebooks:
        raise NotebookFailure("the notebooks folder", None, "", "no notebooks (NN-name.ipynb) found")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        entries = []
        for number, source in enumerate(notebooks, start=1):
            log(f"[{number}/{len(notebooks)}] {display_name(source)}")
            stem = source.stem
            nb = run_notebook(source, staging / stem)
            execute.write_notebook(nb, staging / f"{stem}.ipynb")
            (staging / f"{stem}.html").write_text(render_html(nb, stem), encoding="utf-8")
            entries.append(PageEntry(stem, notebook_title(nb, stem), _listed_files(staging / stem)))
        (staging / "index.html").write_text(index_html(entries), encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; a report is meant to be read
        _replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: build the report; exit status 1 with a message naming the failing notebook and cell."""
    parser = argparse.ArgumentParser(prog="python -m analysis.report", description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS_DIR, help="folder of NN-name.ipynb notebooks")
    parser.add_argument("--out", type=Path, default=paths.REPORT_DIR, help="where the report is published")
    args = parser.parse_args(argv)
    notebooks = notebooks_in(args.notebooks)
    try:
        out = build_report(notebooks, args.out, log=lambda line: print(line, flush=True))
    except NotebookFailure as exc:
        print(f"report not built: {exc}", file=sys.stderr)
        print(f"the previous report (if any) in {display_name(Path(args.out))} was left as it was", file=sys.stderr)
        return 1
    print(f"report written to {display_name(out)}/index.html ({len(notebooks)} notebooks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
