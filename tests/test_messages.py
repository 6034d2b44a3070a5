"""Messages a user can act on: nothing but the clear message, naming the file (and line, id, field) at fault.

A broken schema is named where it is used, not as a traceback from ``import analysis``.
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

from analysis import paths


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

    imported = _python("-c", "import analysis, analysis.report, analysis.vocab, analysis.ledger, analysis.execute, "
                             "analysis.present.everything, analysis.questions.audit; print(analysis.__file__)",
                       cwd=tmp_path, pythonpath=project / "src")
    assert (imported.returncode, imported.stderr) == (0, "")
    assert imported.stdout.strip() == str(project / "src" / "analysis" / "__init__.py")  # the copy, not the project

    built = _python("-m", "analysis.report", cwd=project, pythonpath=project / "src")
    assert built.returncode == 1
    assert built.stderr.splitlines() == ["report not built: 1 problem(s) in the ledger; fix these and run again:", said,
                                         "the previous report (if any) in build/report was left as it was"]
