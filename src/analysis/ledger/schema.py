"""The ledger's schema, read from its one declaration: the Frictionless descriptor ``data/datapackage.json``.

In: ``data/datapackage.json`` (a Tabular Data Package: one resource per TSV file, each with a Table
Schema of field types, descriptions and constraints, primary and foreign keys), read with :mod:`json`.
Out: :class:`Table` and :class:`Field` records that the cell checks (:mod:`.cells`) apply column by
column (:func:`table`; ``SOURCES`` and ``FIGURES`` are the two ledger files'), the column lists
``SOURCES_COLUMNS`` / ``FIGURES_COLUMNS`` (name -> description), and the programme's date span
(:func:`span`).

The descriptor is read on first use, never at import: a missing or broken ``datapackage.json`` is a
:class:`~.errors.LedgerError` raised by whatever needed it (the loader, the codebook), which the
commands print as one message, not a traceback from ``import analysis``.

The descriptor is the project's, not the data folder's: ``$ISIPO_DATA_DIR`` moves ``sources.tsv`` and
``figures.tsv`` but never the schema or the vocabularies (``metrics.tsv``, ``scopes.tsv``,
``date_bases.tsv``, ``target_kinds.tsv``, ``provinces.tsv``), which the code depends on.

Types the loader reads, strictly (digits are always ASCII 0-9): ``string``; ``number`` (``-?[0-9]+``
with an optional ``.`` and decimals, finite: no exponent, ``inf``, ``NaN`` or separators); ``integer``
(``-?[0-9]+``); ``date`` (``YYYY-MM-DD``, a real day); ``boolean`` (the field's ``trueValues`` and
``falseValues``). Constraints: ``required``, ``unique``, ``enum``, ``pattern`` (the whole cell must
match, as Table Schema says), ``minimum``, ``maximum``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import calendar, paths
from .errors import LedgerError, Problem

#: Where the schema and the vocabularies live (the project's own data folder).
SCHEMA_DIR: Path = paths.ROOT / "data"
DESCRIPTOR_FILE = "datapackage.json"

TYPES = ("string", "number", "integer", "date", "boolean")
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum")


@dataclass(frozen=True)
class Field:
    """One column as the descriptor declares it."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: object = None  # float, int or Timestamp, as the type reads it
    maximum: object = None
    true_values: tuple[str, ...] = ()
    false_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForeignKey:
    """``field`` holds values of ``reference`` in ``resource`` (the same table when ``resource`` is ``""``)."""

    field: str
    resource: str
    reference: str


@dataclass(frozen=True)
class Table:
    """One resource: its file, its fields in order, its keys."""

    name: str
    path: str
    title: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    description: str = ""

    @property
    def columns(self) -> dict[str, str]:
        """Column name -> description, in file order."""
        return {f.name: f.description for f in self.fields}

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")


@dataclass(frozen=True)
class Span:
    """The programme's plausible span: the Iranian years a date may fall in, and their first and last days."""

    first_year: int
    last_year: int
    first_day: pd.Timestamp
    last_day: pd.Timestamp

    def words(self) -> str:
        """'Iranian years 1390-1410 (2011-03-21 .. 2032-03-19)'."""
        return f"Iranian years {self.first_year}-{self.last_year} ({self.first_day:%Y-%m-%d} .. {self.last_day:%Y-%m-%d})"


def _fail(message: str, path: Path) -> LedgerError:
    return LedgerError([Problem(paths.relative_to_root(path), None, None, None, message)])


@lru_cache(maxsize=4)
def descriptor(path: Path | None = None) -> dict:
    """The descriptor as a dict (read once). Raises :class:`LedgerError` when it is missing or not JSON."""
    path = Path(path) if path is not None else SCHEMA_DIR / DESCRIPTOR_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail("the ledger's schema is missing; restore it from git", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"the ledger's schema cannot be read ({exc}); restore it from git", path) from None
    except json.JSONDecodeError as exc:
        raise _fail(f"the ledger's schema is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                    "restore it from git", path) from None


def _typed(kind: str, value):
    """A constraint's bound as the field's type reads it."""
    if value is None:
        return None
    return pd.Timestamp(value) if kind == "date" else float(value)


def _field(raw: dict, where: Path) -> Field:
    kind = raw.get("type", "string")
    constraints = raw.get("constraints", {})
    unknown = sorted(set(constraints) - set(CONSTRAINTS))
    if kind not in TYPES or unknown:
        what = f"type {kind!r}" if kind not in TYPES else f"constraint(s) {', '.join(unknown)}"
        raise _fail(f"field {raw.get('name')!r} uses {what}, which the loader does not apply", where)
    return Field(
        name=raw["name"],
        type=kind,
        description=raw.get("description", ""),
        required=bool(constraints.get("required", False)),
        unique=bool(constraints.get("unique", False)),
        enum=tuple(constraints["enum"]) if "enum" in constraints else None,
        pattern=constraints.get("pattern"),
        minimum=_typed(kind, constraints.get("minimum")),
        maximum=_typed(kind, constraints.get("maximum")),
        true_values=tuple(raw.get("trueValues", ())),
        false_values=tuple(raw.get("falseValues", ())),
    )


@lru_cache(maxsize=16)
def table(name: str, path: Path | None = None) -> Table:
    """The resource ``name`` of the descriptor at ``path`` (default: the project's)."""
    where = Path(path) if path is not None else SCHEMA_DIR / DESCRIPTOR_FILE
    for res in descriptor(path).get("resources", []):
        if res.get("name") == name:
            schema = res.get("schema", {})
            fields = tuple(_field(f, where) for f in schema.get("fields", []))
            fks = tuple(
                ForeignKey(fk["fields"][0], fk["reference"].get("resource", ""), fk["reference"]["fields"][0])
                for fk in schema.get("foreignKeys", [])
            )
            return Table(name, res["path"], res.get("title", name), fields, tuple(schema.get("primaryKey", [])), fks,
                         res.get("description", ""))
    raise _fail(f"the ledger's schema has no resource named {name!r}", where)


@lru_cache(maxsize=1)
def span() -> Span:
    """The programme's span, declared once as the minimum and maximum of ``figures.jalali_year``.

    Every Gregorian date field carries the same span as its own minimum and maximum (so the standard
    validator checks it too); a test keeps the two equal.
    """
    year = table("figures").field("jalali_year")
    first, last = int(year.minimum), int(year.maximum)
    return Span(first, last, pd.Timestamp(calendar.year_bounds(first)[0]), pd.Timestamp(calendar.year_bounds(last)[1]))


#: The module's lazy names: ``SOURCES`` / ``FIGURES`` (the two ledger files' tables) and their columns,
#: in order, with what each holds (``SOURCES_COLUMNS`` / ``FIGURES_COLUMNS``), read on first use.
LAZY = {
    "SOURCES": lambda: table("sources"),
    "FIGURES": lambda: table("figures"),
    "SOURCES_COLUMNS": lambda: table("sources").columns,
    "FIGURES_COLUMNS": lambda: table("figures").columns,
}


def __getattr__(name: str):
    """``schema.SOURCES`` and the like, read from the descriptor when first used (see the module text)."""
    if name in LAZY:
        return LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
