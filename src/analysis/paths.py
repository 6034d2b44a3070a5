"""Where the project's files live, anchored on the project root.

Every path the library or a notebook uses comes from here, so no cell holds a
``"../data/..."`` string. Two environment variables let tests and the report
builder redirect the moving parts without touching code:

- ``ISIPO_DATA_DIR``: a folder holding ``sources.tsv`` and ``figures.tsv`` (default ``data/``);
- ``ISIPO_OUTPUT_DIR``: where figures and CSV files are written (default ``build/interactive/``,
  ignored by git; ``make report`` points it at the report being built).

(The third, ``ISIPO_BUILD_DAY``, pins the day the ledger is read as of: :mod:`analysis.buildday`.)
"""

from __future__ import annotations

import os
from pathlib import Path

#: The project root: the folder holding ``pyproject.toml``.
ROOT: Path = Path(__file__).resolve().parents[2]

#: Read-only inputs: the seed article and its provenance record.
SEEDS_DIR: Path = ROOT / "seeds"

#: The notebooks, in run order.
NOTEBOOKS_DIR: Path = ROOT / "notebooks"

#: Where ``make report`` publishes the HTML report.
REPORT_DIR: Path = ROOT / "build" / "report"


def data_dir() -> Path:
    """The ledger folder: ``$ISIPO_DATA_DIR`` if set, else ``<root>/data``."""
    return Path(os.environ.get("ISIPO_DATA_DIR", ROOT / "data"))


def output_dir() -> Path:
    """Where charts and their CSV data are written: ``$ISIPO_OUTPUT_DIR`` or ``<root>/build/interactive``."""
    return Path(os.environ.get("ISIPO_OUTPUT_DIR", ROOT / "build" / "interactive"))


def relative_to_root(path: Path) -> str:
    """``path`` written relative to the project root when it lies inside it (no machine paths in outputs)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).name
