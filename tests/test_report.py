"""The HTML report: reproducible to the byte, free of machine details, escaped, never half-written.

The slow tests build the real report three times, at once, in separate processes (the real
notebooks are executed as few times as possible; a module-scoped fixture shares the builds):

- ``A`` and ``B`` from the project's data: every file must be byte-identical between them;
- ``E`` from a copy of the data whose publishers, speakers and notes carry ``<script>`` tags:
  no HTML page or SVG of it may contain the tag unescaped.

Fast tests cover the pieces (titles, failing-cell lookup, the index page, the swap into place).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import calendar, execute, paths, report

PAYLOAD = "<script>alert(1)</script>"
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{4,}\b")
BASE64_DATA = re.compile(r"base64,[A-Za-z0-9+/=\s]+")
TEXT_SUFFIXES = {".html", ".ipynb", ".csv", ".svg"}


# --- helpers -----------------------------------------------------------------------------------

def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_report(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``python -m analysis.report`` with ``args`` in the project root (not waiting for it)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("MPLBACKEND", None)
    return subprocess.Popen(
        [sys.executable, "-m", "analysis.report", *args],
        cwd=paths.ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=1800)
    return proc.returncode, out, err


def scannable_text(path: Path) -> str:
    """A text output file with embedded base64 images removed (their bytes could spell anything)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        nb = json.loads(text)
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                for mime in list(output.get("data", {})):
                    if mime.startswith("image/") and mime != "image/svg+xml":
                        output["data"][mime] = ""
        text = json.dumps(nb, ensure_ascii=False)
    return BASE64_DATA.sub("base64,", text)


def machine_details(text: str, extra_paths: list[str]) -> list[str]:
    """Machine paths, memory addresses and today's date found in ``text``."""
    found = []
    for marker in ["/work/", "/tmp/", "/root/", "/home/", str(Path.home()), str(paths.ROOT), *extra_paths]:
        if marker and marker != "/" and marker in text:
            found.append(f"path {marker!r}")
    found += [f"address {m}" for m in ADDRESS.findall(text)]
    today = dt.date.today()
    for stamp in (today.isoformat(), calendar.format_jalali(today), today.strftime("%d %b %Y")):
        if stamp in text:
            found.append(f"today's date {stamp!r}")
    return found


def poison(data: Path) -> None:
    """Append the payload to every source's publisher and note, and every figure's speaker and note."""
    for name, fields in (("sources.tsv", ("publisher", "note")), ("figures.tsv", ("speaker", "note"))):
        path = data / name
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        header = lines[0].split("\t")
        columns = [header.index(f) for f in fields]
        rows = [line.split("\t") for line in lines[1:]]
        for row in rows:
            for c in columns:
                row[c] = f"{row[c]} {PAYLOAD}".strip()
        path.write_text("\n".join(["\t".join(header)] + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")


# --- the real report, built three times at once ------------------------------------------------

@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Build A and B from the project's data and E from a poisoned copy, concurrently."""
    base = tmp_path_factory.mktemp("reports")
    a, b, e = base / "A", base / "B", base / "E"
    # A already holds an old report: the build must replace it completely.
    a.mkdir()
    (a / "stale.txt").write_text("from an earlier build\n", encoding="utf-8")
    data = base / "poisoned-data"
    shutil.copytree(paths.ROOT / "data", data)
    poison(data)
    notebooks_before = tree(paths.NOTEBOOKS_DIR)
    procs = {
        "A": run_report("--out", str(a)),
        "B": run_report("--out", str(b)),
        "E": run_report("--out", str(e), env={"ISIPO_DATA_DIR": str(data)}),
    }
    results = {name: finish(proc) for name, proc in procs.items()}
    return {"base": base, "A": a, "B": b, "E": e, "results": results, "notebooks_before": notebooks_before}


def _check_built(builds, name):
    code, out, err = builds["results"][name]
    assert code == 0, f"report {name} failed:\n{out}\n{err}"


@pytest.mark.slow
def test_report_builds_and_shows_progress(builds):
    _check_built(builds, "A")
    _, out, _ = builds["results"]["A"]
    notebooks = execute.notebook_paths()
    assert notebooks, "no notebooks to build"
    for number, nb in enumerate(notebooks, start=1):
        assert f"[{number}/{len(notebooks)}] notebooks/{nb.name}" in out
    a = builds["A"]
    assert not (a / "stale.txt").exists(), "the previous report was not replaced completely"
    for nb in notebooks:
        assert (a / f"{nb.stem}.html").is_file()
        assert (a / f"{nb.stem}.ipynb").is_file()
    index = (a / "index.html").read_text(encoding="utf-8")
    for nb in notebooks:
        assert f'href="{nb.stem}.html"' in index
        title = report.notebook_title(nbformat.read(nb, as_version=4), nb.stem)
        assert f">{html.escape(title)}</a></h2>" in index
        for f in sorted((a / nb.stem).glob("*")) if (a / nb.stem).is_dir() else []:
            assert f'href="{nb.stem}/{f.name}"' in index, f"{f.name} is not linked from the index"
    leftovers = [p.name for p in builds["base"].iterdir() if p.name.startswith(".")]
    assert leftovers == [], f"temporary build folders left behind: {leftovers}"


@pytest.mark.slow
def test_report_writes_nothing_into_notebooks(builds):
    _check_built(builds, "A")
    assert tree(paths.NOTEBOOKS_DIR) == builds["notebooks_before"], "building the report changed notebooks/"


@pytest.mark.slow
def test_two_builds_are_byte_identical(builds):
    _check_built(builds, "A")
    _check_built(builds, "B")
    a, b = tree(builds["A"]), tree(builds["B"])
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == [], f"files that differ between two builds: {differing}"
    kinds = {Path(name).suffix for name in a}
    assert {".html", ".ipynb"} <= kinds


@pytest.mark.slow
def test_committed_notebooks_match_a_fresh_execution(builds):
    """The committed outputs are what a fresh kernel produces today, images included (nbval skips PNGs)."""
    _check_built(builds, "A")
    stale = [nb.name for nb in execute.notebook_paths()
             if (builds["A"] / nb.name).read_bytes() != nb.read_bytes()]
    assert stale == [], f"these notebooks' committed outputs are stale; run `make notebooks`: {stale}"


@pytest.mark.slow
def test_outputs_hold_no_paths_addresses_or_dates(builds):
    _check_built(builds, "A")
    problems = []
    for path in sorted(builds["A"].rglob("*")):
        if path.suffix in TEXT_SUFFIXES:
            for found in machine_details(scannable_text(path), [str(builds["base"])]):
                problems.append(f"{path.relative_to(builds['A'])}: {found}")
    assert problems == []


@pytest.mark.slow
def test_source_text_is_escaped_in_every_page(builds):
    _check_built(builds, "E")
    e = builds["E"]
    pages = sorted(e.glob("*.html"))
    assert pages
    reached = False
    for path in [*pages, *sorted(e.rglob("*.svg"))]:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text.lower(), f"{path.relative_to(e)} holds source text unescaped"
        reached = reached or "alert(1)" in text or "alert\\(1\\)" in text
    assert reached, "the poisoned text reached no page, so the test proves nothing"


# --- a broken notebook -------------------------------------------------------------------------

def _write_notebook(path: Path, cells: list) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = cells
    nbformat.write(nb, path)


@pytest.mark.slow
def test_broken_notebook_leaves_previous_report_untouched(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "01-good.ipynb", [
        nbformat.v4.new_markdown_cell("# A good notebook"),
        nbformat.v4.new_code_cell("x = 6 * 7\nx"),
    ])
    _write_notebook(notebooks / "02-broken.ipynb", [
        nbformat.v4.new_markdown_cell("# A broken notebook"),
        nbformat.v4.new_code_cell("y = 1\nraise ValueError('deliberate failure')"),
        nbformat.v4.new_code_cell("y"),
    ])
    out = tmp_path / "site" / "report"
    out.mkdir(parents=True)
    (out / "index.html").write_text("<p>the last good report</p>\n", encoding="utf-8")
    (out / "01-old").mkdir()
    (out / "01-old" / "chart.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    before = tree(out)

    code, stdout, stderr = finish(run_report("--notebooks", str(notebooks), "--out", str(out)))

    assert code != 0
    assert "[1/2] 01-good.ipynb" in stdout and "[2/2] 02-broken.ipynb" in stdout
    assert "02-broken.ipynb failed in cell 2 (the cell starting 'y = 1')" in stderr
    assert "ValueError: deliberate failure" in stderr
    assert tree(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["report"], "a temporary folder was left behind"


# --- fast tests of the pieces ------------------------------------------------------------------

def test_notebook_title_is_the_first_h1():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("# a comment, not a heading"),
        nbformat.v4.new_markdown_cell("Intro\n\n## Not this\n\n# Jobs per revived unit\n\n# Later"),
    ]
    assert report.notebook_title(nb, "fallback") == "Jobs per revived unit"
    assert report.notebook_title(nbformat.v4.new_notebook(), "02-x") == "02-x"


def test_failing_cell_is_found_by_its_source():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# T"),
        nbformat.v4.new_code_cell("a = 1"),
        nbformat.v4.new_code_cell("b = 2\nraise KeyError('k')"),
    ]
    from nbclient.exceptions import CellExecutionError

    error = CellExecutionError(
        "An error occurred while executing the following cell:\n------------------\n"
        "b = 2\nraise KeyError('k')\n------------------\n\n\nKeyError: 'k'\n",
        "KeyError", "'k'",
    )
    assert report.failing_cell(nb, error) == (3, "b = 2")
    assert report.error_summary(error) == "KeyError: 'k'"
    assert report.failing_cell(nb, RuntimeError("kernel died")) == (None, "")


def test_failure_message_names_notebook_cell_and_error():
    failure = report.NotebookFailure("notebooks/02-x.ipynb", 4, "ratio = a / b", "ZeroDivisionError: division by zero")
    assert str(failure) == ("notebooks/02-x.ipynb failed in cell 4 (the cell starting 'ratio = a / b'): "
                            "ZeroDivisionError: division by zero")


def test_index_escapes_titles_and_file_names():
    entries = [report.PageEntry("01-t", f"Title {PAYLOAD} & more", ("a<b>.csv", "a<b>.png", "z.svg"))]
    page = report.index_html(entries)
    assert PAYLOAD not in page and "<b>" not in page
    assert "Title &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert 'href="01-t/a%3Cb%3E.png"' in page and 'href="01-t/a%3Cb%3E.csv"' in page
    # figure files are listed PNG, SVG, CSV per chart, charts in name order
    assert page.index("a%3Cb%3E.png") < page.index("a%3Cb%3E.csv") < page.index("z.svg")


def test_index_holds_no_date_or_path():
    page = report.index_html([report.PageEntry("01-t", "T", ())])
    assert machine_details(page, []) == []
    assert page == report.index_html([report.PageEntry("01-t", "T", ())])


def test_notebooks_are_listed_in_run_order(tmp_path):
    for name in ("02-b.ipynb", "10-c.ipynb", "01-a.ipynb", "scratch.ipynb", "1-x.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in report.notebooks_in(tmp_path)] == ["01-a.ipynb", "02-b.ipynb", "10-c.ipynb"]


def test_replace_swaps_in_the_new_report_and_removes_the_old(tmp_path):
    dest, new = tmp_path / "report", tmp_path / ".report-new"
    dest.mkdir()
    (dest / "old.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    report._replace(new, dest)
    assert tree(dest) == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_empty_notebooks_folder_is_an_error(tmp_path, capsys):
    out = tmp_path / "out"
    assert report.main(["--notebooks", str(tmp_path), "--out", str(out)]) == 1
    assert "no notebooks" in capsys.readouterr().err
    assert not out.exists()


def test_committed_notebooks_hold_no_paths_or_addresses():
    problems = []
    for path in execute.notebook_paths():
        for found in machine_details(scannable_text(path), []):
            problems.append(f"{path.name}: {found}")
    assert problems == []


def test_kernel_port_race_is_retried_once(tmp_path, monkeypatch):
    calls = []
    executed = nbformat.v4.new_notebook()

    def flaky(source, env=None):
        calls.append(env)
        if len(calls) == 1:
            raise RuntimeError("ZMQError: Address already in use (addr='tcp://127.0.0.1:50123')")
        return executed

    monkeypatch.setattr(report.execute, "execute_notebook", flaky)
    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_code_cell("1")])
    assert report.run_notebook(source, tmp_path / "out") is executed
    assert len(calls) == 2
    assert calls[0] == {"ISIPO_OUTPUT_DIR": str(tmp_path / "out")}


def test_kernel_port_race_twice_is_a_failure_naming_the_notebook(tmp_path, monkeypatch):
    def always(source, env=None):
        raise RuntimeError("ZMQError: Address already in use")

    monkeypatch.setattr(report.execute, "execute_notebook", always)
    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_code_cell("1")])
    with pytest.raises(report.NotebookFailure) as info:
        report.run_notebook(source, tmp_path / "out")
    assert info.value.cell is None
    assert str(info.value) == "01-x.ipynb failed: RuntimeError: ZMQError: Address already in use"


def test_a_cell_error_is_not_retried(tmp_path, monkeypatch):
    from nbclient.exceptions import CellExecutionError

    calls = []

    def failing(source, env=None):
        calls.append(source)
        raise CellExecutionError(
            "An error occurred while executing the following cell:\n------------------\n"
            "open('x')\n------------------\n\nOSError: Address already in use\n",
            "OSError", "Address already in use",
        )

    monkeypatch.setattr(report.execute, "execute_notebook", failing)
    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("open('x')")])
    with pytest.raises(report.NotebookFailure) as info:
        report.run_notebook(source, tmp_path / "out")
    assert len(calls) == 1
    assert (info.value.cell, info.value.first_line) == (2, "open('x')")
