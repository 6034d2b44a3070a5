"""Every code cell gives the same output when run a second time in the same kernel.

Readers rerun cells in JupyterLab in any order; a cell that changes a shared frame in place, or
accumulates state, would give a different answer the second time. For each notebook this runs
every cell top to bottom in one kernel, then every code cell again, and compares each cell's
outputs (text, tables, images, warnings) with the first run's. Execution counts are ignored.

The second run goes from the last cell back to the first, so each cell is rerun in the state the
whole notebook left behind, as when a reader reruns one cell: a cell that changes a frame made by
an earlier cell, or reads a name that a later cell redefines, shows up. (A second top-to-bottom
pass would hide both, since the earlier cells would rebuild the state first.)
"""

from __future__ import annotations

import copy
import os
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from nbclient import NotebookClient

from analysis import execute

NOTEBOOKS = execute.notebook_paths()


def comparable(outputs: list) -> list[dict]:
    """Outputs without what legitimately changes on a rerun (the execution counter)."""
    out = []
    for output in outputs:
        item = copy.deepcopy(dict(output))
        item.pop("execution_count", None)
        item.get("metadata", {}).pop("execution", None)
        out.append(item)
    return out


def describe(cell_position: int, source: str) -> str:
    first = source.strip().splitlines()[0] if source.strip() else ""
    return f"cell {cell_position} (starting {first!r})"


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


def _rerun(path, output_dir) -> list[str]:
    """Run every code cell of ``path`` in one kernel, then each again from the last back; the cells whose outputs changed."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=execute.CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        coalesce_streams=True,  # as analysis.execute runs notebooks: split stream messages are not a rerun difference
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # a forced backend hides inline figures
    env["ISIPO_OUTPUT_DIR"] = str(output_dir)  # keep charts out of build/interactive
    code_cells = [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    with client.setup_kernel(env=env):
        for i, cell in code_cells:
            client.execute_cell(cell, i)
        first = {i: comparable(cell.outputs) for i, cell in code_cells}
        changed = []
        for i, cell in reversed(code_cells):
            client.execute_cell(cell, i)
            if comparable(cell.outputs) != first[i]:
                changed.append(describe(i + 1, cell.source))
    changed.reverse()
    return changed


@pytest.mark.slow
def test_every_cell_reruns_with_the_same_output(tmp_path):
    # Two notebooks at a time, each in its own kernel (the kernels are processes; the threads only wait on them).
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(NOTEBOOKS, pool.map(lambda p: _rerun(p, tmp_path / p.stem), NOTEBOOKS)))
    changed = {path.name: cells for path, cells in results.items() if cells}
    assert changed == {}, f"these cells give a different output when run again: {changed}"
