"""The controlled vocabularies, read from their one declared place: TSV resources of the data package.

In: ``data/metrics.tsv``, ``data/scopes.tsv``, ``data/date_bases.tsv``, ``data/target_kinds.tsv`` and
``data/provinces.tsv`` (always the project's own ``data/``), checked against their Table Schemas in
``datapackage.json`` like any ledger file. Out: :func:`metrics` (one row per metric: kind, unit,
percentage, capped, signed, plausible minimum and maximum, description), :func:`meanings` (name ->
description for the scopes, date bases and target kinds) and :func:`provinces` (one row per province:
English and Persian name, ISO 3166-2:IR code, tile-grid row and column). :mod:`analysis.vocab` exposes
them under its long-standing names.

Raises :class:`~.errors.LedgerError` naming the file, line and field when a vocabulary file is wrong,
and when a descriptor enum (what ``figures.tsv`` may say) and its vocabulary file (what each value
means) disagree, and when two provinces share a square of the tile grid. A metric's row must also hold
together (its plausible range is checked here, so a wrong range is named in ``metrics.tsv``, not as
every figure of the metric in ``figures.tsv``): the minimum is not above the maximum, a metric that is
not ``signed`` has no negative minimum, and a ``capped`` share has no maximum above 100. A scope's
``part_of`` names another scope, and the parts form no loop.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .. import paths
from .cells import parse_cells
from .errors import Collector, LedgerError
from .read import read_table
from .schema import SCHEMA_DIR, table

#: The vocabulary resources, and the field of sources/figures whose enum each one explains.
VOCABULARIES: dict[str, tuple[str, str]] = {
    "metrics": ("figures", "metric"),
    "scopes": ("figures", "scope"),
    "date_bases": ("sources", "date_basis"),
    "target_kinds": ("figures", "target_kind"),
    "expectations": ("figures", "expectation"),
    "provinces": ("figures", "province"),
}


@lru_cache(maxsize=None)
def vocabulary(name: str) -> pd.DataFrame:
    """One vocabulary resource, typed, indexed by its primary key, in file order."""
    schema = table(name)
    path = SCHEMA_DIR / schema.path
    where = paths.relative_to_root(path)
    frame = read_table(path, schema.columns)
    key = schema.primary_key[0]
    c = Collector(where, frame, key)
    cells = parse_cells(frame, schema, c)
    user, field = VOCABULARIES[name]
    enum = table(user).field(field).enum or ()
    names = list(frame[key])
    if list(enum) != names:
        c.whole(key, f"the names here ({', '.join(names)}) differ from the enum of {user}.{field} in "
                     f"datapackage.json ({', '.join(enum)}); list the same names in the same order in both")
    if name == "scopes":
        _check_parts(frame, c)
    if name == "provinces":
        _check_grid(frame, cells, c)
    if name == "metrics":
        _check_metrics(cells, c)
    if c.problems:
        raise LedgerError(c.problems)
    out = pd.DataFrame({f.name: cells.values[f.name] for f in schema.fields})
    return out.set_index(key, drop=False)


def _check_parts(frame: pd.DataFrame, c: Collector) -> None:
    """``scopes.tsv``'s ``part_of`` names a scope, never the scope itself, and the parts form no loop."""
    parts = frame["part_of"].fillna("").astype("str").str.strip()
    names = set(frame["scope"])
    c.add((parts != "") & ~parts.isin(names), "part_of", lambda rows: [
        f"'{parts.iloc[i]}' is not a scope; write one of {', '.join(sorted(names))}, or leave it empty" for i in rows])
    c.add(parts == frame["scope"], "part_of", "a scope cannot be part of itself")
    whole = dict(zip(frame["scope"], parts))
    for i, scope in enumerate(frame["scope"]):
        seen, at = {scope}, whole.get(scope, "")
        while at and at not in seen and at in whole:
            seen.add(at)
            at = whole[at]
        if at == scope and parts.iloc[i] != scope:
            c.add(frame["scope"] == scope, "part_of", f"{scope} ends up part of itself through {', '.join(sorted(seen - {scope}))}; break the loop")


def _check_grid(frame: pd.DataFrame, cells, c: Collector) -> None:
    """One province per square of the tile grid: a row taking a square an earlier row holds is named."""
    usable = (cells.ok("row") & cells.ok("col") & cells.filled("row") & cells.filled("col"))
    rows, cols = cells.values["row"].to_numpy(), cells.values["col"].to_numpy()
    owner: dict[tuple[int, int], tuple[str, int]] = {}
    taken = np.zeros(len(frame), dtype=bool)
    words = np.full(len(frame), None, dtype=object)
    for i in np.flatnonzero(usable):  # 31 rows: a plain loop reads best
        square = (int(rows[i]), int(cols[i]))
        if square in owner:
            name, line = owner[square]
            taken[i] = True
            words[i] = (f"row {square[0]}, col {square[1]} is {name}'s square already (line {line}); "
                        "give each province a square of its own")
        else:
            owner[square] = (frame["province"].iat[i], int(frame["_line"].iat[i]))
    c.add(taken, "col", words)


def _check_metrics(cells, c: Collector) -> None:
    """Each metric's row holds together (see the module text); only cells that were read are compared."""
    v, ok = cells.values, cells.ok
    low, high = v["minimum"], v["maximum"]
    both = ok("minimum") & ok("maximum")
    c.add(both & (low > high), "maximum", lambda rows: [
        f"the maximum ({h:g}) is below the minimum ({lo:g}), so no value could be plausible; swap or correct them"
        for lo, h in zip(low.to_numpy()[rows], high.to_numpy()[rows])])
    c.add(ok("minimum") & ok("signed") & ~v["signed"].astype(bool) & (low < 0), "minimum",
          "a metric that is not signed cannot be negative; write a minimum of 0 or more, or yes in signed")
    c.add(ok("maximum") & ok("capped") & v["capped"].astype(bool) & (high > 100), "maximum",
          "a capped share cannot be above 100; write a maximum of 100 or less, or no in capped")


def metrics() -> pd.DataFrame:
    """Every metric: ``metric, kind, unit, percentage, capped, signed, minimum, maximum, description``."""
    return vocabulary("metrics")


def meanings(name: str) -> dict[str, str]:
    """Name -> description of a vocabulary (``scopes``, ``date_bases``, ``target_kinds``), in file order."""
    frame = vocabulary(name)
    return dict(zip(frame.index, frame["description"]))


def provinces() -> pd.DataFrame:
    """Every province: ``province, name_fa, iso_code, row, col``, indexed by the English name, in file order."""
    return vocabulary("provinces")


__all__ = ["VOCABULARIES", "meanings", "metrics", "provinces", "vocabulary"]
