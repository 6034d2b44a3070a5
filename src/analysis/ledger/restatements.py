"""Restatement links (``restates``): each points at a figure that exists and repeats the same number, and no loops.

In: the text cells of ``figures.tsv``, each row's value, period and Iranian year (parsed), and a
collector. Out: problems, for a link to a missing figure or to the row itself, to a figure with
another metric, value, scope, province, target kind, period (``start`` and ``end``, both possibly
empty) or Iranian year (stated or filled in, where both rows have one), and for every figure on a loop
of links.

A restatement repeats the same figure: every field that says *what* is counted must be the same. The
fields that say how and by whom it was stated may differ: the wording (``qualifier``, ``rounding``:
"1,500" and "over 1,500" are one number worded two ways), the report and its speaker, agency, quote
and note.

A link may point at an earlier or a later figure and chains are fine: the analysis groups
restatements transitively, which needs every chain to end at a figure that restates nothing. Loops
are found column-wise by pointer doubling over the link map (``log2(rows)`` vectorised steps), not
by following links row by row; only the loops found are walked, to name their members.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .characters import latin_lookalikes, name_lookalikes, visible
from .errors import Collector

SAME = "a restatement repeats the same figure (same metric, value, scope, province, target kind, expectation, period and year)"


def check_restatements(frame: pd.DataFrame, value: pd.Series, start: pd.Series, end: pd.Series, year: pd.Series,
                       usable: np.ndarray, c: Collector) -> None:
    """Record every problem with the ``restates`` column; ``usable`` marks rows whose link cell was not refused."""
    fid = frame["figure_id"].to_numpy()
    rest = frame["restates"].to_numpy()
    n = len(fid)
    first = ~pd.Series(fid).duplicated().to_numpy()
    target = np.full(n, -1)
    has = (rest != "") & usable  # object array: one pass, no pandas overhead
    if has.any():
        index = pd.Index(fid[first])
        found = index.get_indexer(rest[has])
        target[has] = np.where(found >= 0, np.flatnonzero(first)[np.maximum(found, 0)], -1)
    missing = has & (target < 0)
    if missing.any():
        # An id typed with a letter of another script (the Cyrillic С of 'С133') is named where it stands.
        alike = {latin_lookalikes(f): f for f in fid if isinstance(f, str) and name_lookalikes(f)}
        words = np.full(n, None, dtype=object)
        words[missing] = [f"'{visible(r)}' is not a figure_id in this file"
                          + (f" (the figure_id '{alike[r]}' looks like it, but holds {name_lookalikes(alike[r])})" if r in alike else "")
                          for r in rest[missing]]
        c.add(missing, "restates", words)
    itself = has & (rest == fid)
    c.add(itself, "restates", "a figure cannot restate itself")
    linked = has & (target >= 0) & ~itself
    if not linked.any():
        return
    t = np.where(linked, target, 0)
    for col in ("metric", "scope", "province", "target_kind", "expectation"):
        mine, theirs = frame[col].to_numpy(), frame[col].to_numpy()[t]
        differ = linked & (mine != theirs)
        if col == "province":  # an empty province is the whole country
            mine, theirs = (np.where(x == "", "(none: the whole country)", x) for x in (mine, theirs))
        c.add(differ, "restates", _words(rest, col, theirs, mine, differ))
    v = value.to_numpy()
    raw = frame["value"].to_numpy()
    differ = linked & ~np.isnan(v) & ~np.isnan(v[t]) & (v != v[t])
    c.add(differ, "restates", _words(rest, "value", raw[t], raw, differ))
    s, e = start.to_numpy(), end.to_numpy()
    same_start = (s == s[t]) | (np.isnat(s) & np.isnat(s[t]))
    same_end = (e == e[t]) | (np.isnat(e) & np.isnat(e[t]))
    differ = linked & ~(same_start & same_end)
    if differ.any():
        c.add(differ, "restates", _words(rest, "period", _periods(s[t], e[t], differ), _periods(s, e, differ), differ))
    y = year.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    differ = linked & same_start & same_end & ~np.isnan(y) & ~np.isnan(y[t]) & (y != y[t])  # NaN: no year to compare
    if differ.any():
        shown = np.array(["" if np.isnan(x) else f"{int(x)}" for x in y], dtype=object)
        c.add(differ, "restates", _words(rest, "jalali_year", shown[t], shown, differ))
    _check_loops(fid, np.where(linked, target, np.arange(n)), c)


def _words(rest, what, theirs, mine, mask) -> np.ndarray | None:
    if not mask.any():
        return None
    out = np.full(len(rest), None, dtype=object)
    quoted = lambda x: f"'{x}'" if x != "" else "empty"  # noqa: E731
    out[mask] = [f"restates {r}, whose {what} is {quoted(a)}, not {quoted(b)}; {SAME}"
                 for r, a, b in zip(rest[mask], np.asarray(theirs, dtype=object)[mask], np.asarray(mine, dtype=object)[mask])]
    return out


def _periods(s: np.ndarray, e: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """'2020-03-20 .. 2020-06-20' for the rows in ``mask`` (None elsewhere)."""
    day = lambda d: "" if np.isnat(d) else str(d)[:10]  # noqa: E731
    out = np.full(len(s), None, dtype=object)
    out[mask] = [f"{day(a) or 'no start'} .. {day(b) or 'no end'}" for a, b in zip(s[mask], e[mask])]
    return out


def loops(nxt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows on a loop of the link map ``nxt`` (``nxt[i] == i`` where row i links nowhere), by pointer doubling.

    Returns ``(on_loop, loop_id)``: a boolean per row, and for rows on a loop the smallest row index of
    their loop (one id per loop). After ``k`` doubling steps ``jump[i]`` is the row ``2**k`` links
    ahead of ``i`` and ``low[i]`` the smallest row index among the ``2**k`` rows from ``i`` on; once
    ``2**k`` reaches the number of rows, every chain has reached its end (a row linking nowhere) or
    its loop, and a loop's rows are exactly the rows that some row lands on without being an end.
    """
    n = len(nxt)
    rows = np.arange(n)
    jump, low = nxt.copy(), rows.copy()
    steps = max(1, int(np.ceil(np.log2(max(n, 2)))) + 1)
    for _ in range(steps):
        low = np.minimum(low, low[jump])
        jump = jump[jump]
    is_end = nxt == rows
    on_loop = np.zeros(n, dtype=bool)
    on_loop[jump[~is_end[jump]]] = True
    return on_loop, np.where(on_loop, low, -1)


def _check_loops(fid: np.ndarray, nxt: np.ndarray, c: Collector) -> None:
    on_loop, loop_id = loops(nxt)
    if not on_loop.any():
        return
    words = np.full(len(fid), None, dtype=object)
    for head in np.unique(loop_id[on_loop]):  # walk each loop once, to name its members in link order
        members, i = [int(head)], int(nxt[head])
        while i != head:
            members.append(i)
            i = int(nxt[i])
        chain = " -> ".join(fid[m] for m in members + [members[0]])
        text = (f"the restatement links form a loop ({chain}); a chain of restatements must end at a figure that "
                "restates nothing: empty the restates cell of one of them")
        words[members] = text
    c.add(on_loop, "restates", words)
