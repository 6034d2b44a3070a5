"""Grades: how far readings of one quantity disagree, by one standard stated once.

In: bounds and central values (floats or aligned columns), as the figures are read and in the most
generous reading the ledger allows. Out: a grade per row, one of :data:`GRADES`. Every check of the
audit, and every conflict the evidence layer records, is graded here.

The standard (README, "How the audit grades"):

- ``contradiction``: the figures cannot all hold even in the **most generous reading** the ledger
  allows: every wording of each claim, each read to within one rounding step of the number as written
  (:func:`analysis.bounds.generous_columns`); the whole date window of an undated count, and for an
  undated count in a report that repeats earlier figures, up to
  :data:`~analysis.assumptions.RESTATED_COUNT_ALLOWANCE_DAYS` more; the scope a report codes the same
  quantity in elsewhere (:mod:`analysis.evidence.readings`); rates and definitions that can
  legitimately differ (scopes, exchange rates); and any pace up to the fastest plausible one.
- ``question``: the figures as read (or as stated) differ, but one of those readings reconciles them;
  the check says which reading it rests on.
- ``note``: worth showing beside the findings and never counted as one: figures that differ for a
  legitimate reason, such as one sum converted to dollars at two real exchange rates.
- ``consistent``: the figures agree as read, in a check that could have failed.
- ``unchecked``: the check could not fail (an interval open on the side that matters: "over 39,000
  after over 12,478") or cannot be computed. "Consistent" is never said of such a check.

:func:`judge` applies the standard to whole columns; :func:`grade` and :func:`grade_pair` compare two
intervals as read (the evidence layer's choice among claims uses them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..words import Msg

#: The grades, from worst to best.
GRADES: tuple[str, ...] = ("contradiction", "question", "note", "consistent", "unchecked")

#: What each grade means, in plain words (shown beside findings): messages of the catalogue (``audit.meaning.<grade>``).
MEANINGS: dict[str, Msg] = {g: Msg(f"audit.meaning.{g}") for g in (*GRADES, "inference")}


def _series(x, index) -> pd.Series:
    return x.astype(float) if isinstance(x, pd.Series) else pd.Series(x, index=index, dtype=float)


def apart(a_low, a_high, b_low, b_high, index=None) -> pd.Series:
    """Whether two intervals share no point (row by row; False where a bound is missing)."""
    index = index if index is not None else _index(a_low, a_high, b_low, b_high)
    al, ah, bl, bh = (_series(x, index) for x in (a_low, a_high, b_low, b_high))
    return ((ah < bl) | (al > bh)).fillna(False).astype(bool)


def could_fail(a_low, a_high, b_low, b_high, index=None, nonnegative: bool = False) -> pd.Series:
    """Whether an overlap test of two intervals could ever come out apart: not when both are open above,
    or both open below, or either is open on both sides, or a bound is missing. With ``nonnegative``
    (counts, which cannot fall below 0), a low end of 0 is open too: "0 to no upper bound" says nothing."""
    index = index if index is not None else _index(a_low, a_high, b_low, b_high)
    al, ah, bl, bh = (_series(x, index) for x in (a_low, a_high, b_low, b_high))
    if nonnegative:
        al, bl = al.where(al > 0, -np.inf), bl.where(bl > 0, -np.inf)
    missing = al.isna() | ah.isna() | bl.isna() | bh.isna()
    both_up = np.isinf(ah) & np.isinf(bh)
    both_down = np.isinf(al) & np.isinf(bl)
    any_way = (np.isinf(al) & np.isinf(ah)) | (np.isinf(bl) & np.isinf(bh))
    return ~(missing | both_up | both_down | any_way)


def judge(strict_apart, generous_apart, stated_off, can_fail, index=None) -> pd.Series:
    """The grade of checks by the module's standard, whole columns at once.

    ``generous_apart``: the figures cannot meet even in the most generous reading (contradiction);
    ``strict_apart``: they cannot meet as read; ``stated_off``: they differ as stated (either makes a
    question when the generous reading reconciles them); ``can_fail``: the check could have come out
    otherwise (else ``unchecked`` where it passes).
    """
    index = index if index is not None else _index(strict_apart, generous_apart, stated_off, can_fail)

    def b(x):
        return (x if isinstance(x, pd.Series) else pd.Series(x, index=index)).fillna(False).astype(bool).to_numpy()

    g, s, o, f = b(generous_apart), b(strict_apart), b(stated_off), b(can_fail)
    out = np.where(g, "contradiction", np.where(s | o, "question", np.where(f, "consistent", "unchecked")))
    return pd.Series(out, index=index, dtype="str")


def grade(stated_low, stated_high, derived_low, derived_high, derived_value, index=None) -> pd.Series:
    """A stated figure against a quantity derived from other figures, as read: ``contradiction`` when the
    intervals do not meet, ``question`` when the derived central value falls outside the stated bounds,
    ``unchecked`` when a side cannot be computed, else ``consistent``."""
    index = index if index is not None else _index(stated_low, stated_high, derived_low, derived_high)
    sl, sh = _series(stated_low, index), _series(stated_high, index)
    dl, dh, dv = _series(derived_low, index), _series(derived_high, index), _series(derived_value, index)
    unchecked = sl.isna() | sh.isna() | dl.isna() | dh.isna()
    off = dv.notna() & ((dv < sl) | (dv > sh))
    out = np.where(apart(sl, sh, dl, dh, index), "contradiction", np.where(off, "question", "consistent"))
    return pd.Series(np.where(unchecked, "unchecked", out), index=index, dtype="str")


def grade_pair(a_low, a_high, a_value, b_low, b_high, b_value, index=None) -> pd.Series:
    """Two stated figures of one quantity, as read: ``question`` when either's value lies outside the
    other's bounds. Pass NaN as the value of a figure worded as a bound only ("over 35,000")."""
    index = index if index is not None else _index(a_low, a_high, b_low, b_high)
    al, ah, av = _series(a_low, index), _series(a_high, index), _series(a_value, index)
    bl, bh, bv = _series(b_low, index), _series(b_high, index), _series(b_value, index)
    off = (av.notna() & ((av < bl) | (av > bh))) | (bv.notna() & ((bv < al) | (bv > ah)))
    out = np.where(apart(al, ah, bl, bh, index), "contradiction", np.where(off, "question", "consistent"))
    return pd.Series(out, index=index, dtype="str")


def cap_cross_scope(grades: pd.Series, cross_scope: pd.Series) -> pd.Series:
    """A contradiction between different scopes is a question: the definitions may differ."""
    return grades.where(~(cross_scope.astype(bool) & (grades == "contradiction")), "question")


def worst(grades: pd.Series) -> str:
    """The worst grade among ``grades`` (``consistent`` for none)."""
    for g in GRADES:
        if (grades == g).any():
            return g
    return "consistent"


def _index(*xs):
    for x in xs:
        if isinstance(x, pd.Series):
            return x.index
    return pd.RangeIndex(1)
