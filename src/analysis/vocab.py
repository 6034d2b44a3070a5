"""The ledger's controlled vocabulary: metrics, scopes and their meanings.

In: the vocabulary resources of the data package (``data/metrics.tsv``, ``data/scopes.tsv``,
``data/date_bases.tsv``, ``data/target_kinds.tsv``, ``data/provinces.tsv``, declared in ``data/datapackage.json`` and read by
:mod:`analysis.ledger.vocabulary`). Out: the names below, which the analysis modules import. Nothing
is written here: to add a metric or a scope, add a row to its file and its name to the field's enum
in ``datapackage.json`` (a test keeps the two and the README codebook equal).

A metric's *kind* decides how its period is read and checked:

- ``flow``: counted over a period (start and end; an empty end on a year-to-date figure means
  "to the report's publication", whose date bounds it then inherits);
- ``stock``: a level at one moment (no start; the end is the as-of date, or empty when not stated);
- ``target``: a goal for a period (start and end, or neither when the source gives no period).

Percentages marked ``capped`` cannot exceed 100 (a share of a whole); progress and growth
percentages can. ``may_lie_ahead`` marks metrics whose period may end after the report (targets,
money allocated for a period); ``minimum`` and ``maximum`` bound the values the loader accepts as
plausible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .ledger.vocabulary import meanings, metrics, provinces, vocabulary


@dataclass(frozen=True)
class Province:
    """One of Iran's 31 provinces, as ``data/provinces.tsv`` gives it."""

    name: str  # the English name figures.tsv writes
    name_fa: str  # the Persian name
    iso_code: str  # ISO 3166-2:IR, the codes of 2020 (IR-00 .. IR-30)
    row: int  # tile-grid square: row 1 the northernmost,
    col: int  # col 1 the westernmost


@dataclass(frozen=True)
class Metric:
    """One entry of the metrics vocabulary."""

    name: str
    kind: str  # flow | stock | target
    unit: str  # units | jobs | percent | rials | US dollars | jobs per unit
    description: str
    percentage: bool = False
    capped: bool = False  # a percentage that cannot exceed 100
    signed: bool = False  # may be negative (growth rates)
    may_lie_ahead: bool = False  # may cover days after its report (targets, money allocated for a period)
    minimum: float = -math.inf  # the smallest plausible value
    maximum: float = math.inf  # the largest plausible value


def _metrics() -> dict[str, Metric]:
    return {row.metric: Metric(row.metric, row.kind, row.unit, row.description, bool(row.percentage), bool(row.capped),
                               bool(row.signed), bool(row.may_lie_ahead), float(row.minimum), float(row.maximum))
            for row in metrics().itertuples(index=False)}


#: The module's names, each read from its vocabulary file on first use (never at import, so a broken
#: file is a :class:`~analysis.ledger.LedgerError` where it is used, not a traceback from ``import``):
#: ``METRICS`` (every metric the ledger accepts, by name), ``SCOPES`` (every scope and what it covers),
#: ``DATE_BASES`` (how a source's publication date is known) and ``TARGET_KINDS`` (what kind of goal a
#: target is; the ledger's ``target_kind``, empty = read from its period). Each is made from the file's
#: ``(vocabulary name, builder)``.
LAZY = {
    "METRICS": ("metrics", _metrics),
    "SCOPES": ("scopes", lambda: meanings("scopes")),
    "DATE_BASES": ("date_bases", lambda: meanings("date_bases")),
    "TARGET_KINDS": ("target_kinds", lambda: meanings("target_kinds")),
}


def _provinces() -> dict[str, Province]:
    return {row.province: Province(row.province, row.name_fa, row.iso_code, int(row.row), int(row.col))
            for row in provinces().itertuples(index=False)}


LAZY["PROVINCES"] = ("provinces", _provinces)  # Iran's provinces by English name (a figure's province; empty = the whole country)

#: What each name was last made from (the vocabulary's frame, held so its identity stays its own) and made into.
_MADE: dict[str, tuple[object, object]] = {}


def __getattr__(name: str):
    """``vocab.METRICS`` and the like, read when first used (see :data:`LAZY`) and made again only when
    the vocabulary is read again (``vocabulary.cache_clear()``): the analysis asks for them per column,
    hundreds of times a build, and making ``METRICS`` costs about 10 ms."""
    if name in LAZY:
        source, make = LAZY[name]
        frame = vocabulary(source)
        made = _MADE.get(name)
        if made is None or made[0] is not frame:
            made = _MADE[name] = (frame, make())
        return made[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
