"""The HTML report: reproducible to the byte, free of machine details, escaped, never half-written.

The slow tests use the real report built three times, at once, in separate processes, once per
test session (``report_builds`` in ``conftest.py``, shared with ``test_browser.py``):

- ``A`` and ``B`` from the project's data: every file must be byte-identical between them;
- ``E`` from a copy of the data whose publishers, speakers and notes carry ``<script>`` tags:
  no HTML page or SVG of it may contain the tag unescaped.

Then how builds fail (a broken notebook, Ctrl-C and SIGTERM, a killed build, a full or read-only
disk), what JupyterLab would change on opening an executed notebook, and the pieces (titles,
failing-cell lookup, the swap into place). The pages' rendering is in ``test_report_pages.py``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from analysis import calendar, execute, paths, report
from report_builds import check_built, digests, finish, off_site, run_report, tree

ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{4,}\b")
BASE64_DATA = re.compile(r"base64,[A-Za-z0-9+/=\s]+")
TEXT_SUFFIXES = {".html", ".ipynb", ".csv", ".svg"}


# --- helpers -----------------------------------------------------------------------------------

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


# --- the real report, built three times at once (shared with the browser tests) ---------------

@pytest.fixture
def builds(report_builds):
    return report_builds


def _check_built(builds, name):
    check_built(builds, name)


def anchors(page: str) -> list[dict]:
    """The attributes of every ``<a>`` of ``page``."""
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a":
                found.append(dict(attrs))

    Links().feed(page)
    return found


def _csv_rows(path: Path) -> int:
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        return len(list(csv.reader(f))) - 1


@pytest.mark.slow
def test_report_builds_and_shows_progress(builds):
    _check_built(builds, "A")
    _, out, _ = builds["results"]["A"]
    notebooks = execute.notebook_paths()
    assert notebooks, "no notebooks to build"
    # one line per notebook as it starts, numbered in the order they start (the longest first once a build has
    # timed them, see test_the_next_build_starts_the_longest_notebooks_first)
    started = re.findall(rf"^\[(\d+)/{len(notebooks)}\] notebooks/(\S+)$", out, flags=re.M)
    assert sorted(int(n) for n, _ in started) == list(range(1, len(notebooks) + 1))
    assert sorted(name for _, name in started) == [nb.name for nb in notebooks]
    a = builds["A"]
    assert not (a / "stale.txt").exists(), "the previous report was not replaced completely"
    assert (a / "sources.html").is_file()
    index = (a / "index.html").read_text(encoding="utf-8")
    for nb in notebooks:
        assert (a / f"{nb.stem}.html").is_file()
        assert (a / f"{nb.stem}.ipynb").is_file()
        title = report.notebook_title(nbformat.read(nb, as_version=4), nb.stem)
        assert f'<a href="{nb.stem}.html">{html.escape(title)}</a>' in index
        assert f'href="{nb.stem}.ipynb"' in index
    csvs = sorted(a.glob("*/*.csv"))
    assert csvs, "the notebooks wrote no CSV file"
    for path in csvs:
        link = f'href="{path.parent.name}/{path.name}"'
        if _csv_rows(path) > 0:
            assert link in index, f"{path.name} is not offered for download"
        else:
            assert link not in index, f"the header-only {path.name} is offered for download"
        assert f">{path.stem}<" not in index and f"{path.stem}: CSV" not in index, "a raw file name is shown"
    leftovers = [p.name for p in builds["base"].iterdir() if p.name.startswith(".") and not p.name.endswith("-seconds.json")]
    assert leftovers == [], f"temporary build folders left behind: {leftovers}"
    kept = json.loads((builds["base"] / ".A-seconds.json").read_text(encoding="utf-8"))  # for the next build's order
    assert sorted(kept) == [nb.name for nb in notebooks] and all(s > 0 for s in kept.values())


@pytest.mark.slow
def test_report_writes_nothing_into_notebooks(builds):
    _check_built(builds, "A")
    assert digests(paths.NOTEBOOKS_DIR) == builds["notebooks_before"], "building the report changed notebooks/"


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
    assert {"index.html", "sources.html"} <= {p.name for p in pages}
    reached = set()
    for path in [*pages, *sorted(e.rglob("*.svg"))]:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text.lower(), f"{path.relative_to(e)} holds source text unescaped"
        if "alert(1)" in text or "alert\\(1\\)" in text:
            reached.add(path.name)
    assert "sources.html" in reached, "the poisoned publishers did not reach the Sources page"
    assert len(reached) > 1, "the poisoned text reached no notebook page, so the test proves little"


@pytest.mark.slow
def test_pages_load_nothing_from_the_network(builds):
    """No page loads a script, style, font or image from elsewhere; links to sources are plain ``<a>``."""
    _check_built(builds, "A")
    pages = sorted(builds["A"].glob("*.html"))
    found = {p.name: off_site(p.read_text(encoding="utf-8")) for p in pages}
    assert {name: f for name, f in found.items() if f} == {}
    sources_page = (builds["A"] / "sources.html").read_text(encoding="utf-8")
    assert 'href="https://www.tehrantimes.com/' in sources_page, "the sources are not linked"


@pytest.mark.slow
def test_every_source_line_names_a_source(builds):
    """Each chart and table's source line cites at least one report by a link, before 'all sources'."""
    _check_built(builds, "A")
    empty = []
    for page in sorted(builds["A"].glob("*.html")):
        for line in re.findall(r'<span class="source-line">(.*?)</span>', page.read_text(encoding="utf-8"), flags=re.S):
            cited = line.split("(<a href=", 1)[0]
            if '<a href="' not in cited:
                empty.append(f"{page.name}: {html.unescape(re.sub(r'<[^>]+>', '', line))}")
    assert empty == []


@pytest.mark.slow
def test_csv_files_hold_no_formula(builds):
    """No CSV cell of the report starts like a spreadsheet formula unless it is a number."""
    import csv

    def number(cell: str) -> bool:
        try:
            float(cell)  # also -inf, as pandas writes an infinite bound
        except ValueError:
            return False
        return True

    _check_built(builds, "A")
    offending = []
    for path in sorted(builds["A"].rglob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                offending += [f"{path.name}: {cell!r}" for cell in row
                              if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not number(cell)]
    assert offending == []


# --- builds that fail well ---------------------------------------------------------------------

def _write_notebook(path: Path, cells: list) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = cells
    nbformat.write(nb, path)


def _last_good_report(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "site" / "report"
    out.mkdir(parents=True)
    (out / "index.html").write_text("<p>the last good report</p>\n", encoding="utf-8")
    (out / "01-old").mkdir()
    (out / "01-old" / "chart.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return out, tree(out)


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
    out, before = _last_good_report(tmp_path)

    code, stdout, stderr = finish(run_report("--notebooks", str(notebooks), "--out", str(out)))

    assert code != 0
    assert "[1/2] 01-good.ipynb" in stdout and "[2/2] 02-broken.ipynb" in stdout
    assert "02-broken.ipynb failed in cell 2 (the cell starting 'y = 1')" in stderr
    assert "ValueError: deliberate failure" in stderr
    assert tree(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["report"], "a temporary folder was left behind"


def _sleeping_notebooks(tmp_path: Path) -> Path:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "01-slow.ipynb", [
        nbformat.v4.new_markdown_cell("# A slow notebook"),
        # the cell makes its output folder, so the test knows the kernel runs it, then sleeps
        nbformat.v4.new_code_cell("import os, pathlib, time\n"
                                  "pathlib.Path(os.environ['ISIPO_OUTPUT_DIR']).mkdir(parents=True)\n"
                                  "time.sleep(60)"),
    ])
    return notebooks


def _wait_until_running(out: Path, proc, seconds: float = 90) -> None:
    """Until the build's kernel runs the sleeping cell (its output folder appears in the temporary folder)."""
    import time

    deadline = time.monotonic() + seconds
    while not list(out.parent.glob(f".{out.name}-new-*/01-slow")):
        assert proc.poll() is None, f"the build ended early: {proc.communicate()}"
        assert time.monotonic() < deadline, "the build never started its notebook"
        time.sleep(0.1)


@pytest.mark.slow
def test_interrupted_terminated_and_killed_builds(tmp_path):
    """Ctrl-C and SIGTERM: 'interrupted', nothing left; SIGKILL: the leftovers go with the next build."""
    import signal

    notebooks = _sleeping_notebooks(tmp_path)
    runs = {}
    for name in ("int", "term", "kill"):
        out, before = _last_good_report(tmp_path / name)
        # a session of its own, so that SIGKILL can reach the build and its kernel, as an OOM kill would
        runs[name] = (out, before, run_report("--notebooks", str(notebooks), "--out", str(out), start_new_session=True))
    for name, (out, _, proc) in runs.items():
        _wait_until_running(out, proc)
    os.kill(runs["int"][2].pid, signal.SIGINT)
    os.kill(runs["term"][2].pid, signal.SIGTERM)
    os.killpg(runs["kill"][2].pid, signal.SIGKILL)
    for name in ("int", "term"):
        out, before, proc = runs[name]
        code, stdout, stderr = finish(proc)
        assert code == report.build.INTERRUPTED_STATUS, (name, stdout, stderr)
        assert stderr == "report not built: interrupted; the previous report (if any) in report was left as it was\n", name
        assert tree(out) == before, f"{name}: the last good report changed"
        assert [p.name for p in out.parent.iterdir()] == ["report"], f"{name}: temporary files left behind"

    out, before, proc = runs["kill"]
    finish(proc)
    left = sorted(p.name for p in out.parent.iterdir() if p.name != "report")
    assert any(n.startswith(".report-new-") for n in left) and any(n.endswith(".lock") for n in left), left
    assert tree(out) == before
    removed = report.remove_leftovers(out, log=lambda line: None)
    assert sorted(removed) == [n for n in left if not n.endswith(".lock")]
    assert [p.name for p in out.parent.iterdir()] == ["report"]
    assert tree(out) == before


def test_leftovers_of_a_running_build_are_kept(tmp_path):
    import fcntl

    out = tmp_path / "report"
    out.mkdir()
    (tmp_path / ".report-new-dead").mkdir()
    (tmp_path / ".report-new-old-format").mkdir()  # from a build before locks: no lock file at all
    (tmp_path / ".report-dead.lock").write_text("", encoding="utf-8")
    (tmp_path / ".report-new-live").mkdir()
    live = open(tmp_path / ".report-live.lock", "w")
    fcntl.flock(live, fcntl.LOCK_EX)
    try:
        removed = report.remove_leftovers(out, log=lambda line: None)
        assert sorted(removed) == [".report-new-dead", ".report-new-old-format"]
        assert sorted(p.name for p in tmp_path.iterdir()) == [".report-live.lock", ".report-new-live", "report"]
    finally:
        live.close()


def test_a_report_moved_aside_by_a_killed_swap_is_put_back(tmp_path):
    out = tmp_path / "report"
    aside = tmp_path / ".report-old-abc"
    aside.mkdir()
    (aside / "index.html").write_text("last good", encoding="utf-8")
    (tmp_path / ".report-new-abc").mkdir()
    report.remove_leftovers(out, log=lambda line: None)
    assert tree(out) == {"index.html": b"last good"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def _fake_run(source, output_dir, folder_shown=None, env=None, warm=None):
    """A stand-in for executing a notebook: a title, and a CSV written as a notebook would (``env``, the
    kernel's extra environment, pins the build day and names the builder's file of shared evidence)."""
    assert set(env or {}) == {"ISIPO_BUILD_DAY", "ISIPO_SHARED_EVIDENCE"}
    output_dir.mkdir(parents=True, exist_ok=True)
    (output_dir / "table.csv").write_text("a\n1\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Page {source.stem}")]
    return nb


def _one_notebook(tmp_path: Path) -> Path:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "01-a.ipynb", [nbformat.v4.new_markdown_cell("# A")])
    return notebooks


@pytest.mark.parametrize("code, words", [(28, "No space left on device"), (30, "Read-only file system")])
def test_a_disk_that_refuses_gives_one_plain_line(tmp_path, monkeypatch, capsys, code, words):
    notebooks = _one_notebook(tmp_path)
    out, before = _last_good_report(tmp_path)
    monkeypatch.setattr(report.build, "run_notebook", _fake_run)
    real_write = Path.write_text

    def refusing(self, *args, **kwargs):
        if self.name.endswith(".html"):
            raise OSError(code, os.strerror(code), str(self))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", refusing)
    assert report.main(["--notebooks", str(notebooks), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"report not built: cannot write to {out.parent.name}: {words}; "
        f"the previous report (if any) in {out.name} was left as it was"
    ]
    monkeypatch.setattr(Path, "write_text", real_write)
    assert tree(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["report"]


def test_a_folder_that_cannot_be_created_in_gives_one_plain_line(tmp_path, monkeypatch, capsys):
    notebooks = _one_notebook(tmp_path)
    out, before = _last_good_report(tmp_path)

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system", str(out.parent))

    monkeypatch.setattr(report.build.tempfile, "mkstemp", read_only)
    assert report.main(["--notebooks", str(notebooks), "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith(f"report not built: cannot write to {out.parent.name}: Read-only file system;")
    assert tree(out) == before


def test_a_full_disk_inside_a_notebook_is_a_write_failure_not_a_cell_error(tmp_path, monkeypatch):
    from nbclient.exceptions import CellExecutionError

    def full(source, env=None, warm=None):
        raise CellExecutionError(
            "An error occurred while executing the following cell:\n------------------\n"
            "plots.publish(fig, 'x')\n------------------\n\nOSError: [Errno 28] No space left on device\n",
            "OSError", "[Errno 28] No space left on device: '/somewhere/x.png'",
        )

    monkeypatch.setattr(report.notebooks.execute, "execute_notebook", full)
    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_code_cell("plots.publish(fig, 'x')")])
    with pytest.raises(report.WriteFailure) as info:
        report.run_notebook(source, tmp_path / "out", folder_shown="build")
    assert str(info.value) == "cannot write to build: No space left on device"


def test_a_build_with_fake_notebooks_publishes_every_page(tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-a", "02-b"):  # titled as _fake_run's executions are: running a notebook never changes its Markdown,
        # and the pages' titles (the previous / next links) are read from the notebooks before they run
        _write_notebook(notebooks / f"{name}.ipynb", [nbformat.v4.new_markdown_cell(f"# Page {name}")])
    monkeypatch.setattr(report.build, "run_notebook", _fake_run)
    out, _ = _last_good_report(tmp_path)
    report.build_report(report.notebooks_in(notebooks), out, log=lambda line: None)
    assert sorted(p.name for p in out.iterdir()) == [
        "01-a", "01-a.html", "01-a.ipynb", "02-b", "02-b.html", "02-b.ipynb", "estimates.csv", "fa", "glossary.html", "headline.csv",
        "headline.png", "headline.svg", "index.html", "ledger.csv", "sources.html",
    ]
    # pages the catalogue cannot write in Persian (a user's own notebooks) get a Persian twin that links to them
    twin = (out / "fa" / "01-a.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in twin.replace('dir="rtl" lang="fa"', 'lang="fa" dir="rtl"') and 'href="../01-a.html"' in twin
    assert "این صفحه تنها به انگلیسی در دسترس است" in twin
    page = (out / "01-a.html").read_text(encoding="utf-8")
    assert "<title>Page 01-a | isipo-revival</title>" in page
    rels = {(a.get("rel"), a.get("href")) for a in anchors(page) if a.get("rel")}
    assert rels == {("next", "02-b.html")}
    # nothing left beside the report but the notebooks' times, kept for the next build's order
    assert sorted(p.name for p in out.parent.iterdir()) == [".report-seconds.json", "report"]


def test_the_next_build_starts_the_longest_notebooks_first(tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    names = ("01-a", "02-b", "03-c", "04-d")
    for name in names:
        _write_notebook(notebooks / f"{name}.ipynb", [nbformat.v4.new_markdown_cell(f"# Page {name}")])
    monkeypatch.setattr(report.build, "run_notebook", _fake_run)
    out = tmp_path / "site" / "report"
    out.parent.mkdir()
    # the last build timed three of them (04-d is new): the untimed one starts first, then the longest
    (out.parent / ".report-seconds.json").write_text(json.dumps({"01-a.ipynb": 1.5, "02-b.ipynb": 9.0, "03-c.ipynb": 4}),
                                                    encoding="utf-8")
    lines = []
    report.build_report(report.notebooks_in(notebooks), out, log=lines.append)
    assert sorted(line for line in lines if line.startswith("[")) == [
        "[1/4] 04-d.ipynb", "[2/4] 02-b.ipynb", "[3/4] 03-c.ipynb", "[4/4] 01-a.ipynb"]
    # the pages keep the notebooks' own order whatever order they ran in
    for i, name in enumerate(names):
        rels = {(a.get("rel"), a.get("href")) for a in anchors((out / f"{name}.html").read_text(encoding="utf-8")) if a.get("rel")}
        assert rels == ({("prev", f"{names[i - 1]}.html")} if i else set()) | ({("next", f"{names[i + 1]}.html")} if i < 3 else set())
    kept = json.loads((out.parent / ".report-seconds.json").read_text(encoding="utf-8"))
    assert sorted(kept) == [f"{n}.ipynb" for n in names]  # this build's own times, for the next one
    # an unreadable record only costs the order: the notebooks run as listed
    (out.parent / ".report-seconds.json").write_text("{not json", encoding="utf-8")
    lines.clear()
    report.build_report(report.notebooks_in(notebooks), out, log=lines.append)
    assert sorted(line for line in lines if line.startswith("[")) == [f"[{i}/4] {n}.ipynb" for i, n in enumerate(names, 1)]


def test_progress_lines_of_notebooks_started_together_never_run_into_one_another(tmp_path, monkeypatch):
    import time

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-a", "02-b", "03-c"):
        _write_notebook(notebooks / f"{name}.ipynb", [nbformat.v4.new_markdown_cell(f"# Page {name}")])
    monkeypatch.setattr(report.build, "run_notebook", _fake_run)
    written = []

    def log(line: str) -> None:  # as print does: the text, then the newline, another thread free to write between
        written.append(line)
        time.sleep(0.02)
        written.append("\n")

    report.build_report(report.notebooks_in(notebooks), tmp_path / "site" / "report", log=log)
    lines = "".join(written).splitlines()
    assert sorted(line for line in lines if line.startswith("[")) == ["[1/3] 01-a.ipynb", "[2/3] 02-b.ipynb", "[3/3] 03-c.ipynb"]


@pytest.mark.slow
def test_a_kernels_processor_time_is_noted_for_the_next_builds_order(tmp_path):
    # what the kernel itself used (not the wall clock, which grows with the notebooks run beside it)
    source = tmp_path / "01-busy.ipynb"
    _write_notebook(source, [nbformat.v4.new_code_cell(
        "import time\nstart = time.process_time()\nwhile time.process_time() - start < 0.5:\n    pass")])
    execute.execute_notebook(source)
    used = execute.kernel_seconds(source)
    assert used is not None and used >= 0.5  # the loop's half second, and the kernel's own start on top
    assert execute.kernel_seconds(source) is None  # taken once


def test_the_build_day_is_taken_once_and_every_kernel_gets_it(tmp_path, monkeypatch):
    import pandas as pd

    from analysis import buildday
    from analysis.present import shared

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-a", "02-b", "03-c"):
        _write_notebook(notebooks / f"{name}.ipynb", [nbformat.v4.new_markdown_cell("# x")])
    taken, given = [], []
    monkeypatch.setattr(buildday, "build_day", lambda: taken.append(1) or pd.Timestamp("2026-01-15"))
    monkeypatch.setattr(report.build, "run_notebook", lambda source, out, folder_shown=None, env=None, warm=None:
                        given.append(env) or _fake_run(source, out, folder_shown, env))
    # The builder reads its own ledger as of that day too (after the latest report, 2025-12-25: it loads).
    report.build_report(report.notebooks_in(notebooks), tmp_path / "site" / "report", log=lambda line: None)
    assert len(taken) == 1
    assert [env["ISIPO_BUILD_DAY"] for env in given] == ["2026-01-15"] * 3
    # and each is told where the builder puts the country's evidence, made once for all (analysis.present.shared):
    # one file for every kernel, outside the report, gone once the build is done
    files = {env[shared.ENV] for env in given}
    assert len(files) == 1 and all(set(env) == {"ISIPO_BUILD_DAY", shared.ENV} for env in given)
    (file,) = files
    assert Path(file).parent != tmp_path / "site" and not Path(file).exists() and not Path(file).parent.exists()


# --- JupyterLab: opening an executed notebook changes nothing ------------------------------------

def _kernel_reports(name: str = "python3") -> dict:
    """The language_info a kernel of this environment reports, started as JupyterLab starts it."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=name)
    try:
        return kc.kernel_info(reply=True)["content"]["language_info"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _spec_as_lab_writes_it(name: str = "python3") -> dict:
    """``{name, display_name, language}`` from the kernel spec's own kernel.json."""
    from jupyter_client.kernelspec import find_kernel_specs

    spec = json.loads((Path(find_kernel_specs()[name]) / "kernel.json").read_text(encoding="utf-8"))
    return {"name": name, "display_name": spec["display_name"], "language": spec["language"]}


@pytest.mark.slow
def test_executed_notebooks_hold_what_jupyterlab_would_set_on_opening_them(tmp_path):
    """Lab replaces kernelspec and language_info on open and marks the notebook modified if they differ."""
    old = nbformat.v4.new_notebook()
    old.nbformat_minor = 4
    old.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    old.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("1 + 1")]
    for cell in old.cells:
        del cell["id"]
    source = tmp_path / "01-old.ipynb"
    source.write_text(json.dumps(old), encoding="utf-8")

    nb = execute.execute_notebook(source)

    reported = _kernel_reports()
    assert nb.metadata["language_info"] == reported, (
        "the kernel reports other language_info than execute_notebook writes (run `make setup`, which "
        "installs the kernel configuration)"
    )
    assert "version" not in nb.metadata["language_info"], "notebooks would be pinned to one Python patch release"
    assert nb.metadata["kernelspec"] == _spec_as_lab_writes_it()
    assert nb.nbformat == 4 and nb.nbformat_minor == 5
    ids = [cell["id"] for cell in nb.cells]
    assert all(ids) and len(set(ids)) == 2
    again = execute.normalise_metadata(nbformat.reads(json.dumps(old), as_version=4))
    assert [cell["id"] for cell in again.cells] == ids, "cell ids must not change run to run"
    for committed in execute.notebook_paths():
        on_disk = nbformat.read(committed, as_version=4)
        assert on_disk.metadata["kernelspec"] == _spec_as_lab_writes_it(), committed.name
        assert on_disk.metadata["language_info"] == reported, committed.name
        assert on_disk.nbformat_minor == 5 and all(c.get("id") for c in on_disk.cells), committed.name


def test_the_kernel_configuration_is_installed_in_this_environment():
    path = execute.kernel_config_path()
    assert path.is_file(), f"{path} is missing: run `make setup`"
    assert path.read_text(encoding="utf-8") == execute.KERNEL_CONFIG, f"{path} is out of date: run `make setup`"


# --- fast tests of the pieces ------------------------------------------------------------------

def test_notebook_title_is_the_first_h1():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("# a comment, not a heading"),
        nbformat.v4.new_markdown_cell("Intro\n\n## Not this\n\n# Jobs per revived unit\n\n# Later"),
    ]
    assert report.notebook_title(nb, "fallback") == "Jobs per revived unit"
    assert report.notebook_title(nbformat.v4.new_notebook(), "02-x") == "02-x"
    nb.cells = [nbformat.v4.new_markdown_cell("# Jobs *per* `unit` in [the ledger](x.html)")]
    assert report.notebook_title(nb, "f") == "Jobs per unit in the ledger"


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


def test_notebooks_are_listed_in_run_order(tmp_path):
    for name in ("02-b.ipynb", "10-c.ipynb", "01-a.ipynb", "scratch.ipynb", "1-x.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in report.notebooks_in(tmp_path)] == ["01-a.ipynb", "02-b.ipynb", "10-c.ipynb"]


def test_publish_swaps_in_the_new_report(tmp_path):
    dest, new = tmp_path / "report", tmp_path / ".report-new-x"
    dest.mkdir()
    (dest / "old.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    report.publish(new, dest)
    assert tree(dest) == {"index.html": b"new"}
    assert tree(new) == {"old.html": b"old"}, "the previous report waits in the temporary folder for removal"


def test_publish_without_an_atomic_exchange_renames_aside(tmp_path, monkeypatch):
    monkeypatch.setattr(report.build, "_exchange", lambda a, b: False)
    dest, new = tmp_path / "report", tmp_path / ".report-new-x"
    dest.mkdir()
    (dest / "old.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    report.publish(new, dest)
    assert tree(dest) == {"index.html": b"new"}
    assert tree(tmp_path / ".report-old-x") == {"old.html": b"old"}


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

    def flaky(source, env=None, warm=None):
        calls.append(env)
        if len(calls) == 1:
            raise RuntimeError("ZMQError: Address already in use (addr='tcp://127.0.0.1:50123')")
        return executed

    monkeypatch.setattr(report.notebooks.execute, "execute_notebook", flaky)
    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_code_cell("1")])
    assert report.run_notebook(source, tmp_path / "out") is executed
    assert len(calls) == 2
    assert calls[0] == {"ISIPO_OUTPUT_DIR": str(tmp_path / "out")}


def test_kernel_port_race_twice_is_a_failure_naming_the_notebook(tmp_path, monkeypatch):
    def always(source, env=None, warm=None):
        raise RuntimeError("ZMQError: Address already in use")

    monkeypatch.setattr(report.notebooks.execute, "execute_notebook", always)
    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_code_cell("1")])
    with pytest.raises(report.NotebookFailure) as info:
        report.run_notebook(source, tmp_path / "out")
    assert info.value.cell is None
    assert str(info.value) == "01-x.ipynb failed: RuntimeError: ZMQError: Address already in use"


def test_a_cell_error_is_not_retried(tmp_path, monkeypatch):
    from nbclient.exceptions import CellExecutionError

    calls = []

    def failing(source, env=None, warm=None):
        calls.append(source)
        raise CellExecutionError(
            "An error occurred while executing the following cell:\n------------------\n"
            "open('x')\n------------------\n\nOSError: Address already in use\n",
            "OSError", "Address already in use",
        )

    monkeypatch.setattr(report.notebooks.execute, "execute_notebook", failing)
    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("open('x')")])
    with pytest.raises(report.NotebookFailure) as info:
        report.run_notebook(source, tmp_path / "out")
    assert len(calls) == 1
    assert (info.value.cell, info.value.first_line) == (2, "open('x')")


def test_kernels_talk_over_sockets_of_their_own(tmp_path):
    """No TCP ports to race for: two kernels started at once cannot be handed the same address."""
    from analysis import execute

    source = tmp_path / "01-x.ipynb"
    _write_notebook(source, [nbformat.v4.new_code_cell("from ipykernel import get_connection_info; print(get_connection_info())")])
    runs = [json.loads(execute.execute_notebook(source).cells[0].outputs[0]["text"]) for _ in range(2)]
    assert [r["transport"] for r in runs] == ["ipc", "ipc"]
    folders = [Path(r["ip"]).parent for r in runs]
    assert folders[0] != folders[1] and not any(f.exists() for f in folders)  # private, and removed afterwards


def reader_text(page: str, quoted: bool = True) -> str:
    """What a reader of an HTML page reads: its text (charts' SVG text included), without styles, scripts,
    column names set as code, link targets, or a web address shown as a link's text (the Sources page prints
    each report's). ``quoted=False`` also leaves out a report's own words quoted in their language
    (``<span lang="en">``: a title, a sentence of the article), which a Persian page keeps as they stand."""
    from html.parser import HTMLParser

    out: list[str] = []

    class Text(HTMLParser):
        skip = 0
        spans = 0  # open spans inside a skipped quotation

        def handle_starttag(self, tag, attrs):
            if tag in ("style", "script", "code"):
                self.skip += 1
            elif tag == "span" and self.spans:
                self.spans += 1
            elif tag == "span" and not quoted and dict(attrs).get("lang"):
                self.spans, self.skip = 1, self.skip + 1
            if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "div", "figcaption", "summary", "br", "text", "title"):
                out.append("\n")

        def handle_endtag(self, tag):
            if tag == "span" and self.spans:
                self.spans -= 1
                if not self.spans:
                    self.skip -= 1
            elif self.skip and tag in ("style", "script", "code"):
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip and not ADDRESS_TEXT.fullmatch(data.strip()):
                out.append(data)

    Text().feed(page)
    return "".join(out)


#: A web address printed as text ('tehrantimes.com/news/451504'): a name, a dot, a path, no spaces.
ADDRESS_TEXT = re.compile(r"[\w.-]+\.[a-z]{2,}(/\S*)?")
#: Phrases an editor struck from the pages (issue 15): build words, lists posing as sentences, slips.
STRUCK = [r"seed article", r"\bthe seed\b", r"\bseed's\b", r"to its date", r"to the report \(", r"can be scored", r"distinct claims",
          r"make report", r"from its ledger", r"year by year:", r"the contradictions:", r"does not match its parts", r"\(\(", r"\)\)",
          r"\(\s*\)", r"\{\w*\}", r"\b0 (contradictions|questions|reports|units)\b", r"(?-i:\bnan\b|\bNaT\b|\bNone\)|: None\b)"]
#: A code name of the data (a scope, basis, rule or column) is snake_case, which no English word is.
CODE_NAME = re.compile(r"(?<![\w/.:=&?-])[a-z]+_[a-z_]+(?![\w/.=&])")


@pytest.mark.slow
def test_reader_pages_hold_no_struck_phrase_or_code_name(builds):
    """Every page of every edition, as a reader reads it: none of the phrases the editor struck, no code names."""
    _check_built(builds, "A")
    problems = []
    for path in sorted(builds["A"].rglob("*.html")):
        text = reader_text(path.read_text(encoding="utf-8"))
        for pattern in STRUCK:
            problems += [f"{path.relative_to(builds['A'])}: {m.group(0)!r} in …{text[max(0, m.start() - 60):m.end() + 40]!r}"
                         for m in re.finditer(pattern, text, flags=re.I)]
        problems += [f"{path.relative_to(builds['A'])}: code name {m.group(0)!r}" for m in CODE_NAME.finditer(text)]
    assert problems == []


def test_reader_text_sees_what_a_reader_sees_and_the_checks_catch_it():
    page = ('<style>p{x_y:1}</style><p>The seed article said 1399 to its date.</p><a href="a_b.html">link</a>'
            '<p class="address"><a href="x">example.com/index.php?option=com_content</a></p><svg><text>full_year</text></svg>'
            '<p><code>jalali_year</code> <span lang="en" dir="ltr">in <span>its</span> words</span> after</p>')
    text = reader_text(page)
    assert "in its words after" in text and "jalali_year" not in text
    assert reader_text(page, quoted=False).rstrip().endswith("after") and "its words" not in reader_text(page, quoted=False)
    assert "x_y" not in text and "a_b" not in text and "com_content" not in text
    assert [p for p in STRUCK if re.search(p, text, flags=re.I)] == [r"seed article", r"\bthe seed\b", r"to its date"]
    assert CODE_NAME.findall(text) == ["full_year"]


# --- the Persian edition --------------------------------------------------------------------------

#: Month names of both calendars in both languages (a day of the month stands before one).
def _months() -> list[str]:
    from analysis.words import catalogue

    names = {name for lang in ("en", "fa") for key, name in catalogue(lang).items() if re.fullmatch(r"j?month\.\d+", key)}
    names |= {catalogue("en")[f"month.{m}"][:3] for m in range(1, 13)}  # 'Mar' in a short period label
    return sorted(names, key=len, reverse=True)


MONTHS = _months()
PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٬٫", "0123456789,.")
#: Dates and years, which differ between the editions by calendar: ISO and slashed dates, four-digit years
#: (with a Gregorian span's two-digit end), and a day of the month beside its month's name.
DATES = [r"\d{4}[-/]\d{1,2}[-/]\d{1,2}", r"\d{4}[/-]\d{2}(?!\d)", r"(?<![\d,.])(1[2-4]\d\d|19\d\d|20\d\d)(?![\d%]|[,.]\d)(\s*[–-]\s*\d{2,4}(?![\d%]|[,.]\d))?",
         r"(?<![\d,.])\d{1,2}(?=[ \u00a0]+(" + "|".join(MONTHS) + r")\b)"]
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def numbers_read(text: str) -> list[str]:
    """The numbers a reader reads in ``text`` (Persian digits and separators read as ASCII), dates and years
    left out, each without its thousands separators, sorted."""
    text = text.translate(PERSIAN_DIGITS).replace("\u2212", "-")
    for pattern in DATES:
        text = re.sub(pattern, " ", text)
    return sorted(n.replace(",", "").lstrip("-") for n in NUMBER.findall(text))


def test_numbers_read_skips_dates_and_reads_persian_digits_as_ascii():
    english = "In 1399 (2020–21), 1,557 units; 18.2 jobs a unit on 9 August 2020 (2020-08-09); 26% fewer; −37%."
    persian = "در سال ۱۳۹۹ (۲۰۲۰–۲۱)، ۱٬۵۵۷ واحد؛ ۱۸٫۲ شغل به ازای هر واحد در ۱۹ مرداد ۱۳۹۹ (۱۳۹۹/۰۵/۱۹)؛ ۲۶٪ کمتر؛ ۳۷٪−."
    assert numbers_read(english) == numbers_read(persian) == sorted(["1557", "18.2", "26", "37"])
    assert numbers_read("۱٬۵۰۰ تا ۱٬۵۵۰") == ["1500", "1550"]


#: English words that, in Persian text, mean a sentence or label was not translated (a source's own
#: name may stay in Latin script; these never belong to one).
ENGLISH_WORDS = re.compile(r"\b(the|and|of|for|with|from|between|units?|jobs?|reports?|national|year|target|below|above)\b")


@pytest.mark.slow
def test_every_english_page_has_a_persian_twin_that_reads_in_persian_with_the_same_numbers(builds):
    _check_built(builds, "A")
    a = builds["A"]
    english = sorted(p.name for p in a.glob("*.html"))
    assert english and sorted(p.name for p in (a / "fa").glob("*.html")) == english
    problems = []
    for name in english:
        en, fa = (a / name).read_text(encoding="utf-8"), (a / "fa" / name).read_text(encoding="utf-8")
        if not re.search(r'<html (lang="fa" dir="rtl"|dir="rtl" lang="fa")>', fa):
            problems.append(f"fa/{name}: not marked Persian, right to left")
        if f'href="fa/{name}"' not in en or f'href="../{name}"' not in fa:
            problems.append(f"{name}: the editions do not link each other")
        # The ledger's own notes on each report are English and shown in the English edition only.
        en_text, fa_text = reader_text(re.sub(r'<p class="note ledger-note">.*?</p>', "", en, flags=re.S)), reader_text(fa)
        own = reader_text(fa, quoted=False)  # the Persian page's own words
        if numbers_read(en_text) != numbers_read(fa_text):
            from collections import Counter

            e, f = Counter(numbers_read(en_text)), Counter(numbers_read(fa_text))
            problems.append(f"{name}: numbers only in English {sorted((e - f).elements())[:12]}, only in Persian {sorted((f - e).elements())[:12]}")
        if re.search(r"[0-9]", re.sub(r"\S*[A-Za-z]\S*", "", own)):
            problems.append(f"fa/{name}: ASCII digits outside Latin-script names and addresses")
        problems += [f"fa/{name}: English {m.group(0)!r} in …{own[max(0, m.start() - 50):m.end() + 30]!r}"
                     for m in ENGLISH_WORDS.finditer(own)][:5]
        problems += [f"fa/{name}: code name {m.group(0)!r}" for m in CODE_NAME.finditer(own)]
    assert problems == []


@pytest.mark.slow
def test_every_download_has_a_title_in_both_languages(builds):
    """Each CSV a page writes is listed under a title from the catalogue, in English and in Persian."""
    from analysis.words import catalogue

    _check_built(builds, "A")
    stems = {p.stem for p in builds["A"].glob("*/*.csv")}
    assert stems
    assert {s for s in stems if f"download.{s}" not in catalogue("en") or f"download.{s}" not in catalogue("fa")} == set()


def test_a_notebook_that_is_not_json_fails_the_build_naming_it(tmp_path):
    """A notebook file that cannot be read (cut short, not JSON) is a NotebookFailure naming it, raised by its
    execution; the pages' titles, read before anything runs, do not trip on it first; the last report stays."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01-cut.ipynb").write_text('{"cells": [', encoding="utf-8")
    out, before = _last_good_report(tmp_path)
    with pytest.raises(report.NotebookFailure) as failure:
        report.build_report(report.notebooks_in(notebooks), out, log=lambda line: None)
    assert "01-cut.ipynb" in str(failure.value)
    assert tree(out) == before
