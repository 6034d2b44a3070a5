"""Messages a user can act on: nothing but the clear message, naming the file (and line, id, field) at fault.

A broken schema is named where it is used, not as a traceback from ``import analysis``; letters of
another script that look Latin are named with their script and code point; a vocabulary's own
mistakes are named in its own file; a plain file where ``build/`` should be is named; ``make
notebooks`` writes all notebooks or none, with one line naming the failing one; and no traceback
follows a message at exit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import execute, paths, report
from analysis.ledger import LedgerError, load_ledger
from test_bad_input import load_fails, problem_line


def _python(*args: str, cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("MPLBACKEND", "ISIPO_DATA_DIR")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), *(nbformat.v4.new_code_cell(s) for s in sources)]
    nbformat.write(nb, path)
    return path


# --- a broken schema: named on use, never a traceback at import -------------------------------------

def test_a_broken_schema_is_named_on_use_not_at_import(tmp_path):
    """A truncated datapackage.json: importing the package works; the commands say what is wrong, in one message."""
    project = tmp_path / "project"
    for name in ("src", "data", "seeds"):
        shutil.copytree(paths.ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "notebooks").mkdir()
    _notebook(project / "notebooks" / "01-x.ipynb", "1")
    descriptor = project / "data" / "datapackage.json"
    truncated = descriptor.read_text(encoding="utf-8")[:500]
    descriptor.write_text(truncated, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as broken:
        json.loads(truncated)
    said = (f"  - data/datapackage.json: the ledger's schema is not valid JSON (line {broken.value.lineno}, column "
            f"{broken.value.colno}: {broken.value.msg}); restore it from git")

    # Importing every part of the package works; make notebooks' command then says what is wrong, in one message.
    executed = _python("-c", "import sys, analysis, analysis.report, analysis.vocab, analysis.ledger, "
                             "analysis.present.everything, analysis.questions.audit; from analysis import execute; "
                             "print(analysis.__file__); sys.exit(execute.main([]))", cwd=project, pythonpath=project / "src")
    assert executed.returncode == 1
    assert executed.stdout.strip() == str(project / "src" / "analysis" / "__init__.py")  # the copy, not the project
    assert executed.stderr.splitlines() == ["notebooks not executed: 1 problem(s) in the ledger; fix these and run again:", said]

    built = _python("-m", "analysis.report", cwd=project, pythonpath=project / "src")
    assert built.returncode == 1
    assert built.stderr.splitlines() == ["report not built: 1 problem(s) in the ledger; fix these and run again:", said,
                                         "the previous report (if any) in build/report was left as it was"]


# --- letters of another script that look Latin -------------------------------------------------------

@pytest.mark.parametrize(("file", "record", "field", "text", "expected"), [
    ("figures", "C133", "figure_id", "\u0421133",
     "'\u0421133' holds a Cyrillic letter, U+0421 CYRILLIC CAPITAL LETTER ES (it looks like a Latin 'C'), where this "
     "column takes Latin letters only; write C133"),
    ("figures", "C003", "metric", "units_r\u0435vived",
     "'units_r\u0435vived' holds a Cyrillic letter, U+0435 CYRILLIC SMALL LETTER IE (it looks like a Latin 'e'), where "
     "this column takes Latin letters only; write units_revived"),
    ("figures", "C020", "source_id", "\u040507",
     "'\u040507' holds a Cyrillic letter, U+0405 CYRILLIC CAPITAL LETTER DZE (it looks like a Latin 'S'), where this "
     "column takes Latin letters only; write S07"),
    ("figures", "C003", "qualifier", "\u03b1bout",
     "'\u03b1bout' holds a Greek letter, U+03B1 GREEK SMALL LETTER ALPHA (it looks like a Latin 'a'), where this "
     "column takes Latin letters only; write about"),
    ("sources", "S03", "primary", "n\u043e",
     "'n\u043e' holds a Cyrillic letter, U+043E CYRILLIC SMALL LETTER O (it looks like a Latin 'o'), where this column "
     "takes Latin letters only; write no"),
    ("figures", "C003", "scope", "\u0645\u0644\u06cc",
     "'\u0645\u0644\u06cc' holds Arabic letters, U+0645 ARABIC LETTER MEEM; U+0644 ARABIC LETTER LAM; U+06CC ARABIC LETTER "
     "FARSI YEH, where this column takes Latin letters only; retype it with Latin letters"),
], ids=["cyrillic-in-an-id", "cyrillic-in-a-metric", "cyrillic-in-a-source-id", "greek-in-a-qualifier", "cyrillic-in-yes-no",
        "persian-scope"])
def test_letters_of_another_script_are_named_with_script_and_code_point(ledger_copy, file, record, field, text, expected):
    path = ledger_copy.figures if file == "figures" else ledger_copy.sources
    line = ledger_copy.line_of(path, record)
    shown = text if field == "figure_id" else record  # a problem names the row by the id it holds
    ledger_copy.set_cell(path, record, field, text)
    error = load_fails(ledger_copy)
    assert problem_line(error, f"{file}.tsv", line, shown, field).endswith(expected)


def test_a_restatement_of_an_id_typed_in_another_script_says_so(ledger_copy):
    # C141 restates C133; C133's own id is retyped with a Cyrillic С.
    ledger_copy.set_cell(ledger_copy.figures, "C133", "figure_id", "\u0421133")
    assert ledger_copy.cell(ledger_copy.figures, "C141", "restates") == "C133"
    error = load_fails(ledger_copy)
    assert problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "C141"), "C141", "restates").endswith(
        "'C133' is not a figure_id in this file (the figure_id '\u0421133' looks like it, but holds a Cyrillic letter, "
        "U+0421 CYRILLIC CAPITAL LETTER ES (it looks like a Latin 'C'))")


def test_a_column_name_typed_in_another_script_is_named(ledger_copy):
    text = ledger_copy.figures.read_text(encoding="utf-8")
    ledger_copy.figures.write_text(text.replace("\tscope\t", "\ts\u0441ope\t", 1), encoding="utf-8")
    error = load_fails(ledger_copy)
    assert ("unknown column(s) s\u0441ope (which holds a Cyrillic letter, U+0441 CYRILLIC SMALL LETTER ES (it looks like "
            "a Latin 'c'))") in str(error)


# --- a vocabulary's own mistakes are named in its own file ------------------------------------------

@pytest.fixture
def vocabulary_copy(tmp_path, monkeypatch):
    """A copy of data/ that the vocabulary reader reads instead of the project's (cache cleared around the test)."""
    from analysis.ledger import vocabulary

    shutil.copytree(paths.ROOT / "data", tmp_path / "vocabularies")
    monkeypatch.setattr(vocabulary, "SCHEMA_DIR", tmp_path / "vocabularies")
    vocabulary.vocabulary.cache_clear()
    yield tmp_path / "vocabularies"
    vocabulary.vocabulary.cache_clear()


def _set_metric(folder: Path, metric: str, **cells: str) -> int:
    """Set cells of one row of metrics.tsv; returns its line number."""
    path = folder / "metrics.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").rstrip("\n").split("\n")]
    number = next(i for i, row in enumerate(rows) if row[0] == metric)
    for field, text in cells.items():
        rows[number][rows[0].index(field)] = text
    path.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")
    return number + 1


@pytest.mark.parametrize(("metric", "cells", "field", "expected"), [
    ("units_revived", {"minimum": "100000", "maximum": "0"}, "maximum",
     "the maximum (0) is below the minimum (100000), so no value could be plausible; swap or correct them"),
    ("jobs_created", {"minimum": "-5"}, "minimum",
     "a metric that is not signed cannot be negative; write a minimum of 0 or more, or yes in signed"),
    ("idle_share_pct", {"maximum": "1000"}, "maximum",
     "a capped share cannot be above 100; write a maximum of 100 or less, or no in capped"),
], ids=["range-upside-down", "negative-minimum", "share-above-100"])
def test_an_impossible_range_is_named_in_metrics_tsv(vocabulary_copy, ledger_copy, metric, cells, field, expected):
    line = _set_metric(vocabulary_copy, metric, **cells)
    with pytest.raises(LedgerError) as info:
        load_ledger(data_dir=ledger_copy.data, seeds_dir=ledger_copy.seeds)
    assert [str(p) for p in info.value.problems] == [f"metrics.tsv, line {line} ({metric}), field '{field}': {expected}"]


# --- a file where the report's folder should be ---------------------------------------------------------

@pytest.mark.parametrize("blocked", ["build", "build/report"])
def test_a_file_where_a_folder_should_be_is_named(tmp_path, monkeypatch, capsys, blocked):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01-a.ipynb")
    out = tmp_path / "build" / "report"
    (tmp_path / blocked).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / blocked).write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setattr(report.build, "run_notebook", lambda *a, **k: pytest.fail("a notebook ran"))
    assert report.main(["--notebooks", str(notebooks), "--out", str(out)]) == 1
    name = Path(blocked).name
    assert capsys.readouterr().err.splitlines() == [
        f"report not built: cannot write to {name}: it is a file, not a folder; move or delete that file, then run again; "
        "the previous report (if any) in report was left as it was"]
    assert (tmp_path / blocked).read_text(encoding="utf-8") == "not a folder\n"


# --- make notebooks: all or nothing ------------------------------------------------------------------------

def _fake_runs(monkeypatch, fail_on: str | None):
    """Stand-in executions: each notebook gains an output; ``fail_on`` fails as a cell error would."""
    ran = []

    def run(source, output_dir, folder_shown=None, env=None, warm=None):
        ran.append((source.name, env))
        if source.name == fail_on:
            raise report.NotebookFailure(paths.relative_to_root(source), 2, "1 / 0", "ZeroDivisionError: division by zero")
        nb = nbformat.read(source, as_version=4)
        nb.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
        return nb

    monkeypatch.setattr(report.notebooks, "run_notebook", run)
    return ran


def test_make_notebooks_writes_nothing_when_one_fails(tmp_path, monkeypatch, capsys):
    paths_ = [_notebook(tmp_path / "01-a.ipynb", "1"), _notebook(tmp_path / "02-b.ipynb", "1 / 0"),
              _notebook(tmp_path / "03-c.ipynb", "3")]
    before = {p.name: p.read_bytes() for p in paths_}
    ran = _fake_runs(monkeypatch, fail_on="02-b.ipynb")
    assert execute.main([str(p) for p in paths_]) == 1
    assert [name for name, _ in ran] == ["01-a.ipynb", "02-b.ipynb"]
    assert {p.name: p.read_bytes() for p in paths_} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01-a.ipynb", "02-b.ipynb", "03-c.ipynb"]
    assert capsys.readouterr().err.splitlines() == [
        "notebooks not written: 02-b.ipynb failed in cell 2 (the cell starting '1 / 0'): ZeroDivisionError: division by "
        "zero; every notebook was left as it was"]


def test_make_notebooks_writes_every_notebook_when_all_succeed(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ISIPO_BUILD_DAY", "2026-01-02")
    paths_ = [_notebook(tmp_path / "01-a.ipynb", "1"), _notebook(tmp_path / "02-b.ipynb", "2")]
    ran = _fake_runs(monkeypatch, fail_on=None)
    fake = report.notebooks.run_notebook
    seen_file = []
    monkeypatch.setattr(report.notebooks, "run_notebook", lambda source, out, env=None, **kw:
                        seen_file.append(Path(env["ISIPO_SHARED_EVIDENCE"]).is_file()) or fake(source, out, env=env, **kw))
    assert execute.main([str(p) for p in paths_]) == 0
    # Every kernel got the one build day, and the one file of the country's evidence (analysis.present.shared),
    # made before the first kernel started and gone after the last
    assert [env["ISIPO_BUILD_DAY"] for _, env in ran] == ["2026-01-02"] * 2
    (shared_file,) = {env["ISIPO_SHARED_EVIDENCE"] for _, env in ran}
    assert all(set(env) == {"ISIPO_BUILD_DAY", "ISIPO_SHARED_EVIDENCE"} for _, env in ran)
    assert seen_file == [True, True] and not Path(shared_file).exists()
    for p in paths_:
        assert nbformat.read(p, as_version=4).cells[-1].outputs[0]["text"] == "ran\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01-a.ipynb", "02-b.ipynb"]
    assert capsys.readouterr().out.splitlines()[-1] == "2 notebook(s) written"


@pytest.mark.slow
def test_make_notebooks_names_a_failing_cell_in_one_plain_line(tmp_path):
    """With real kernels: no nbclient traceback, no colour codes, the earlier notebook not rewritten."""
    good = _notebook(tmp_path / "01-good.ipynb", "x = 6 * 7\nx")
    bad = _notebook(tmp_path / "02-bad.ipynb", "y = 1", "raise ValueError('deliberate failure')")
    before = {p: p.read_bytes() for p in (good, bad)}
    done = _python("-m", "analysis.execute", str(good), str(bad), cwd=paths.ROOT)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "notebooks not written: 02-bad.ipynb failed in cell 3 (the cell starting \"raise ValueError('deliberate "
        "failure')\"): ValueError: deliberate failure; every notebook was left as it was"]
    assert {p: p.read_bytes() for p in before} == before


# --- no traceback after the message at exit -------------------------------------------------------------

ATEXIT_SCRIPT = r"""
import sys
import nbformat
from nbclient import NotebookClient
from analysis import execute

# The kernel's clean-up fails as on a full disk: nbclient then leaves its atexit clean-up registered.
original = NotebookClient._async_cleanup_kernel
async def failing(self):
    await original(self)
    raise OSError(28, "No space left on device")
NotebookClient._async_cleanup_kernel = failing

nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell("1")]
nbformat.write(nb, sys.argv[1])
try:
    execute.execute_notebook(sys.argv[1])
except OSError as exc:
    print(f"the one message: {exc.strerror}", file=sys.stderr)
"""


@pytest.mark.slow
def test_a_failed_kernel_clean_up_leaves_no_traceback_at_exit(tmp_path):
    done = _python("-c", ATEXIT_SCRIPT, str(tmp_path / "01-x.ipynb"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "the one message: No space left on device"
    assert "atexit" not in done.stderr and "Traceback" not in done.stderr and "AssertionError" not in done.stderr
