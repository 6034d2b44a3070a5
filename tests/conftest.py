"""Shared fixtures: temporary copies of the ledger's data and seeds, and a helper to edit them.

Tests that corrupt data always work on a copy in ``tmp_path``; the project's own ``data/`` and
``seeds/`` are never written to.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis import paths


@dataclass
class LedgerCopy:
    """A writable copy of ``data/`` and ``seeds/``, with helpers to change one cell of a file."""

    data: Path
    seeds: Path

    @property
    def figures(self) -> Path:
        return self.data / "figures.tsv"

    @property
    def sources(self) -> Path:
        return self.data / "sources.tsv"

    def rows(self, file: Path) -> list[list[str]]:
        """The file's lines split into tab-separated cells (header first)."""
        return [line.split("\t") for line in file.read_text(encoding="utf-8").split("\n") if line != ""]

    def line_of(self, file: Path, record_id: str) -> int:
        """The 1-based line number of the row whose first cell is ``record_id``."""
        ids = [row[0] for row in self.rows(file)]
        return ids.index(record_id) + 1

    def cell(self, file: Path, record_id: str, field: str) -> str:
        rows = self.rows(file)
        column = rows[0].index(field)
        return rows[self.line_of(file, record_id) - 1][column]

    def set_cell(self, file: Path, record_id: str, field: str, value: str) -> None:
        """Replace one cell (row by its id, column by its header name) and rewrite the file."""
        rows = self.rows(file)
        column = rows[0].index(field)
        rows[self.line_of(file, record_id) - 1][column] = value
        file.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")

    def snapshot(self) -> dict[str, bytes]:
        """Every file of the data and seeds copies, by relative path, with its bytes."""
        out = {}
        for base in (self.data, self.seeds):
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    out[f"{base.name}/{path.relative_to(base).as_posix()}"] = path.read_bytes()
        return out


@pytest.fixture
def ledger_copy(tmp_path: Path) -> LedgerCopy:
    """A fresh copy of the project's ``data/`` and ``seeds/`` in a temporary folder."""
    data = tmp_path / "data"
    seeds = tmp_path / "seeds"
    shutil.copytree(paths.ROOT / "data", data)
    shutil.copytree(paths.SEEDS_DIR, seeds)
    return LedgerCopy(data, seeds)


# --- one build of the real report per test run, shared by the report and the browser tests ------

@pytest.fixture(scope="session")
def report_builds(tmp_path_factory):
    """The real report built three times at once (see ``tests/report_builds.py``), once per test run.

    Under ``pytest -n`` (``make test``) the first worker to ask builds, holding a lock in the run's
    shared temporary folder, and any other worker waits and reads the result, so the notebooks are
    not executed again for a second worker.
    """
    from report_builds import shared_builds

    return shared_builds(tmp_path_factory)
