"""The rerun check that rides on nbval's execution (``conftest.py`` at the project root) catches a cell
that gives a different output the second time, and passes cells that do not."""

from __future__ import annotations

import nbformat
import pytest

from analysis import execute, paths

pytest_plugins = ["pytester"]


def _notebook(path, sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata = {"kernelspec": execute.kernelspec_metadata(), "language_info": {"name": "python"}}
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    execute.write_notebook(execute.execute_notebook(path), path)  # committed with its outputs


@pytest.mark.slow
def test_a_cell_that_changes_on_a_rerun_is_named(pytester):
    pytester.makeconftest((paths.ROOT / "conftest.py").read_text(encoding="utf-8"))
    # The second cell extends a list the first made: run again, it shows 3 where the notebook says 2.
    _notebook(pytester.path / "accumulates.ipynb", ["counts = [1]", "counts.append(1)\nlen(counts)"])
    _notebook(pytester.path / "steady.ipynb", ["values = [1, 2]", "sum(values)"])
    result = pytester.runpytest_subprocess("--nbval", "--nbval-current-env", "-p", "no:xdist", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=1)
    text = result.stdout.str()
    assert "accumulates.ipynb: these cells give a different output when run again" in text
    assert "Cell 1 (starting 'counts.append(1)')" in text
    assert "steady.ipynb: these cells" not in text
