"""nbval's execution of a notebook also checks that every cell reruns with the same output.

Readers rerun cells in JupyterLab in any order; a cell that changes a shared frame in place, or
accumulates state, would give a different answer the second time. nbval runs a notebook's cells top
to bottom in one kernel and compares each cell's outputs with the committed ones. When the last cell
of a notebook has run, this hook runs every cell again in that same kernel, from the last back to the
first, and nbval compares each cell's outputs with the committed ones once more: each cell is rerun in
the state the whole notebook left behind, as when a reader reruns one cell, so a cell that changes a
frame made by an earlier cell, or reads a name a later cell redefines, shows up. (A second top-to-bottom
pass would hide both, since the earlier cells would rebuild the state first.)

One execution of each notebook thus serves both checks (``make test`` runs nbval once). The hook sits at
the project root so that it is active for the notebooks, which live outside ``tests/``.
"""

from __future__ import annotations

import pytest

#: The cells of each notebook that have run, in order, by notebook (nbval's file node).
_RUN: dict = {}


def _is_nbval_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell" and hasattr(getattr(item, "parent", None), "kernel")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """After a notebook's last cell (its kernel still running), rerun every cell from the last back;
    the notebook's own teardown (which stops the kernel) runs after, whatever the rerun found."""
    problem = _rerun(item, nextitem) if _is_nbval_cell(item) else None
    result = yield
    if problem:
        raise AssertionError(problem)
    return result


def _rerun(item, nextitem) -> str | None:
    """The rerun check for ``item``'s notebook once its last cell has run: a message naming the changed cells, or None."""
    cells = _RUN.setdefault(item.parent, [])
    cells.append(item)
    if nextitem is not None and getattr(nextitem, "parent", None) is item.parent:
        return None
    _RUN.pop(item.parent, None)
    if not item.parent.kernel.is_alive():
        return None  # the first run already failed in a way that stopped the kernel: nbval has reported it
    changed = []
    for cell in reversed(cells):
        try:
            cell.runtest()
        except Exception as exc:  # noqa: BLE001 - nbval's cell errors, reported together below
            first = cell.cell.source.strip().splitlines()[0] if cell.cell.source.strip() else ""
            changed.append(f"{cell.name} (starting {first!r}): {type(exc).__name__}")
    changed.reverse()
    if not changed:
        return None
    return (f"{item.parent.name}: these cells give a different output when run again, from the last cell back, "
            f"in the kernel the whole notebook left behind: {changed}")
