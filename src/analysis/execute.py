"""Execute notebooks top to bottom in a fresh kernel, deterministically.

``python -m analysis.execute [NOTEBOOK ...]`` re-executes notebooks in place (all of
``notebooks/`` by default); this is how the committed outputs are regenerated
(``make notebooks``). Cell timings are not recorded, so two executions give identical files.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import paths

#: Seconds one cell may run before the execution is abandoned.
CELL_TIMEOUT = 600


@contextlib.contextmanager
def _environment(overrides: dict[str, str]):
    saved = {key: os.environ.get(key) for key in [*overrides, "MPLBACKEND"]}
    os.environ.pop("MPLBACKEND", None)  # a forced backend hides inline figures
    os.environ.update(overrides)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def execute_notebook(source: Path, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Run ``source`` in a fresh ``python3`` kernel from the notebooks folder; return the executed notebook.

    ``env`` adds environment variables for the kernel (for example ``ISIPO_OUTPUT_DIR``).
    Raises ``nbclient.exceptions.CellExecutionError`` naming the failing cell.
    """
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(source).parent)}},
        record_timing=False,
        # A print can reach the client as several stream messages (the kernel flushes stdout on a
        # timer, and print writes its text and its newline separately); merge them so the recorded
        # outputs do not depend on machine load.
        coalesce_streams=True,
    )
    with _environment(env or {}):
        client.execute()
    # The kernel records the interpreter's patch version; drop it so a notebook executed on another
    # Python 3.11.x is byte-identical to the committed one.
    nb.metadata.get("language_info", {}).pop("version", None)
    return nb


def write_notebook(nb: nbformat.NotebookNode, dest: Path) -> None:
    """Write a notebook with a trailing newline, as Jupyter does."""
    dest.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def notebook_paths() -> list[Path]:
    """The notebooks, in run order (their file names start with a number)."""
    return sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv] or notebook_paths()
    for nb_path in targets:
        print(f"executing {paths.relative_to_root(nb_path)}", flush=True)
        nb = execute_notebook(nb_path)
        write_notebook(nb, nb_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
