"""The ledger: every source and every figure, validated, loaded through one function.

Two tab-separated files in ``data/`` (or ``$ISIPO_DATA_DIR``), UTF-8, one row per line:

- ``sources.tsv``: one row per published report (the seed included, marked ``primary = yes``);
- ``figures.tsv``: one row per number a source states.

In: those two files, their schema (``data/datapackage.json``, a Frictionless data package) and the
vocabularies it declares. Out: :func:`load_ledger` returns a :class:`Ledger`, or raises
:class:`LedgerError` listing *every* problem found, each naming the file, the line (and figure or
source id) and the field, in words that say what to fix. Nothing is dropped, coerced or written.

The package, in the order data flows through it:

- :mod:`.schema`       the descriptor: field types, constraints, descriptions, keys; the programme's span
- :mod:`.read`         one file's bytes -> text cells with line numbers (structure, encoding, header)
- :mod:`.characters`   invisible characters and other scripts' digits, named
- :mod:`.cells`        text cells -> typed columns, per the descriptor, column by column
- :mod:`.dates`        Iranian and Gregorian date cells, the span
- :mod:`.vocabulary`   the metrics, scopes, date bases target kinds and provinces (TSV resources)
- :mod:`.provinces`    the closest valid spelling of a province name the ledger does not know
- :mod:`.sources`      the rules for sources.tsv (and the seed file)
- :mod:`.figures`      the rules for figures.tsv across fields and rows
- :mod:`.restatements` restatement links and their loops
- :mod:`.load`         load_ledger: all of the above, and the assembled tables
- :mod:`.model`        the Ledger
"""

from .errors import LedgerError, Problem
from .load import load_ledger
from .model import Ledger
from .read import read_table

SOURCES_FILE = "sources.tsv"
FIGURES_FILE = "figures.tsv"


def __getattr__(name: str):
    """``FIGURES_COLUMNS`` and ``SOURCES_COLUMNS``, read from the descriptor on first use (:mod:`.schema`)."""
    if name in ("FIGURES_COLUMNS", "SOURCES_COLUMNS"):
        from . import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FIGURES_COLUMNS", "FIGURES_FILE", "Ledger", "LedgerError", "Problem", "SOURCES_COLUMNS", "SOURCES_FILE",
           "load_ledger", "read_table"]
