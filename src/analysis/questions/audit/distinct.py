"""One object per distinct input: how the audit writes a column of sentences without one build per row.

In: a function ``make`` and columns of inputs (lists, one cell per row). Out: :func:`each`, the list
``[make(*row) for row in zip(*columns)]``, with ``make`` called once for each distinct row of inputs and
its result shared by every row that repeats it (the slots and messages of :mod:`analysis.words` are frozen,
so sharing them changes no cell; a check's period, metric and wording repeat from row to row).

Rows count as the same only where ``make`` could not tell them apart: plain values by value and type
(``1``, ``1.0`` and ``True`` differ, so do ``0.0`` and ``-0.0``; every NaN is the same NaN), anything else
(a message, a slot) by identity, which is what makes a column built from shared objects cheap to build again.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

#: Plain values compared by value (hashable; equal across types only among the numbers).
_PLAIN: frozenset = frozenset({str, int, bool, float, type(None)})
_NUMBERS: frozenset = frozenset({int, bool, float})

_NAN = object()
_NEGATIVE_ZERO = object()


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


def each(make: Callable, *columns: list) -> list:
    """``[make(*row) for row in zip(*columns)]``, ``make`` called once per distinct row (module docstring)."""
    if not columns:
        return []
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
