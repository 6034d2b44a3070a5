"""One object per distinct input: how the audit writes a column of sentences without one build per row.

In: a function ``make`` and columns of inputs (lists, one cell per row). Out: :func:`each`, the list
``[make(*row) for row in zip(*columns)]``, with ``make`` called once for each distinct row of inputs (in the
order each first appears) and its result shared by every row that repeats it (the slots and messages of
:mod:`analysis.words` are frozen, so sharing them changes no cell; a check's period, metric and wording
repeat from row to row).

Rows count as the same only where ``make`` could not tell them apart: plain values by value and type
(``1``, ``1.0`` and ``True`` differ, so do ``0.0`` and ``-0.0``; every NaN is the same NaN), anything else
(a message, a slot) by identity, which is what makes a column built from shared objects cheap to build again.
That is, a cell's key is ``(type, value)`` for the plain types and ``(type, id)`` for the rest (:func:`keys`).

Long columns are keyed with arrays (:func:`codes`: each cell's distinct-key number, computed type by type
with ``pandas.factorize``), short ones cell by cell (:func:`keys`); both give the same rows the same key.
"""

from __future__ import annotations

import math
from operator import itemgetter
from typing import Callable

import numpy as np
import pandas as pd

#: Plain values compared by value (hashable; equal across types only among the numbers).
_PLAIN: frozenset = frozenset({str, int, bool, float, type(None)})
_NUMBERS: frozenset = frozenset({int, bool, float})

_NAN = object()
_NEGATIVE_ZERO = object()

#: Columns shorter than this are keyed cell by cell: below about two thousand rows an array pass costs more than
#: it saves (measured with rows that repeat and rows that do not).
SHORT = 2048

#: The bits every NaN is keyed by (NaNs differ in their payload bits; all are one key).
_NAN_BITS = np.array([math.nan]).view(np.int64)[0]


def keys(cells: list) -> list:
    """The cells of one column as keys: equal keys only for cells no writer can tell apart. Built without a
    container per cell (each would be one more object for the garbage collector to walk)."""
    types = set(map(type, cells))
    numbers = types & _NUMBERS
    # 1, 1.0 and True are equal keys, and an object's id could equal a plain number: then each cell is keyed
    # with its type (rare)
    if len(numbers) > 1 or (numbers and not types <= _PLAIN):
        return [(type(x), _float(x) if type(x) is float else x if type(x) in _PLAIN else id(x)) for x in cells]
    if not types <= _PLAIN:
        return [x if type(x) in _PLAIN else id(x) for x in cells]  # objects by identity; None and strings as they are
    if float in types:
        arr = np.array([x if type(x) is float else 0.0 for x in cells], dtype=float) if len(types) > 1 else np.array(cells, dtype=float)
        odd = np.flatnonzero(np.isnan(arr) | ((arr == 0.0) & np.signbit(arr)))
        if len(odd):
            cells = list(cells)
            for i in odd.tolist():
                if type(cells[i]) is float:
                    cells[i] = _float(cells[i])
    return cells


def _float(x: float):
    if x != x:
        return _NAN
    if x == 0.0 and math.copysign(1.0, x) < 0:
        return _NEGATIVE_ZERO
    return x


def codes(cells: list) -> tuple[np.ndarray, int]:
    """Each cell's key (:func:`keys`) as a number: ``(codes, k)``, codes in ``0 .. k-1``, equal exactly where
    the keys are equal. Cells of different types never share a key, so each type is numbered on its own."""
    n = len(cells)
    types = list(set(map(type, cells)))
    if len(types) == 1:
        return _codes_of(types[0], cells)
    kinds, _ = pd.factorize(np.fromiter(map(id, map(type, cells)), dtype=np.int64, count=n))
    out = np.empty(n, dtype=np.int64)
    k = 0
    for i in range(len(types)):
        at = np.flatnonzero(kinds == i)
        mine = [cells[at[0]]] if len(at) == 1 else list(itemgetter(*at.tolist())(cells))
        c, size = _codes_of(type(mine[0]), mine)
        out[at] = c + k
        k += size
    return out, k


def _codes_of(kind: type, cells: list) -> tuple[np.ndarray, int]:
    """:func:`codes` of cells all of type ``kind``."""
    n = len(cells)
    if kind is type(None):
        return np.zeros(n, dtype=np.int64), 1
    if kind is float:
        values = np.array(cells, dtype=float)
        bits = values.view(np.int64).copy()  # by bits: 0.0 and -0.0 apart
        bits[np.isnan(values)] = _NAN_BITS  # every NaN one
        found, uniques = pd.factorize(bits)
    elif kind in _PLAIN:  # str, int, bool: by value (no missing value among them)
        found, uniques = pd.factorize(np.array(cells, dtype=object))
    else:  # by identity
        found, uniques = pd.factorize(np.fromiter(map(id, cells), dtype=np.int64, count=n))
    return found.astype(np.int64, copy=False), len(uniques)


def each(make: Callable, *columns: list) -> list:
    """``[make(*row) for row in zip(*columns)]``, ``make`` called once per distinct row (module docstring)."""
    if not columns:
        return []
    n = min(map(len, columns))
    if n < SHORT:
        return _each_by_cell(make, *columns)
    columns = tuple(c if len(c) == n else c[:n] for c in columns)
    row, _ = codes(columns[0])
    for column in columns[1:]:
        c, size = codes(column)
        if size > 1:  # row * size + c < n * n: no overflow; renumbered so the next product stays small
            row, uniques = pd.factorize(row * size + c)
    row, uniques = pd.factorize(row)  # numbered in order of first appearance
    seen = np.maximum.accumulate(row)
    first = np.flatnonzero(np.r_[True, seen[1:] > seen[:-1]])  # where each number first appears
    made = np.empty(len(uniques), dtype=object)
    for j, i in enumerate(first.tolist()):
        made[j] = make(*[c[i] for c in columns])  # item by item: a result that is a sequence stays one cell
    return made[row].tolist()


def _each_by_cell(make: Callable, *columns: list) -> list:
    """:func:`each` with keys cell by cell (:func:`keys`)."""
    made: dict = {}
    out = []
    append = out.append
    if len(columns) == 1:
        for key, cell in zip(keys(columns[0]), columns[0]):
            if key in made:
                append(made[key])
            else:
                value = made[key] = make(cell)
                append(value)
        return out
    for i, key in enumerate(zip(*map(keys, columns))):
        if key in made:
            append(made[key])
        else:
            value = made[key] = make(*[c[i] for c in columns])
            append(value)
    return out
