"""Grades: how far two readings of one quantity disagree, stated once.

In: bounds and central values (floats or aligned columns). Out: a grade per row, one of
:data:`GRADES`. Every check of the audit, and every conflict the evidence layer records, is graded here:

- ``contradiction``: the two cannot both hold, even allowing for rounding and wording (their
  intervals do not overlap; where a pace matters, even at the fastest plausible pace);
- ``question``: they can both hold, but only thanks to rounding, wording or an unusual pace (the
  numbers as stated differ: one's central value lies outside the other's bounds);
- ``consistent``: the central values sit inside each other's bounds;
- ``unchecked``: one side cannot be computed (NaN bounds, for instance a divisor that may be zero).

A comparison across scopes is a comparison across definitions: :func:`cap_cross_scope` lowers its
contradiction to a question (it is labelled as such wherever it is shown).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The grades, from worst to best.
GRADES: tuple[str, ...] = ("contradiction", "question", "consistent", "unchecked")

#: What each grade means, in plain words (shown beside findings).
MEANINGS: dict[str, str] = {
    "contradiction": "the figures cannot all hold, even allowing for rounding, wording and any plausible pace",
    "question": "the figures as stated differ, but rounding, wording or an unusual pace could reconcile them",
    "consistent": "the figures agree within their bounds",
    "unchecked": "the comparison cannot be computed from the figures",
    "inference": "what the figures imply, not a check",
}


def _series(x, index) -> pd.Series:
    return x.astype(float) if isinstance(x, pd.Series) else pd.Series(x, index=index, dtype=float)


def grade(stated_low, stated_high, derived_low, derived_high, derived_value, index=None) -> pd.Series:
    """A stated figure against a quantity derived from other figures (see the module docstring).

    ``question`` when the derived central value falls outside the stated figure's bounds while the
    intervals overlap; with no central value (an end known only within bounds) only the overlap counts.
    """
    index = index if index is not None else _index(stated_low, stated_high, derived_low, derived_high)
    sl, sh = _series(stated_low, index), _series(stated_high, index)
    dl, dh, dv = _series(derived_low, index), _series(derived_high, index), _series(derived_value, index)
    centre = dv
    unchecked = sl.isna() | sh.isna() | dl.isna() | dh.isna()
    apart = (sh < dl) | (sl > dh)
    off = centre.notna() & ((centre < sl) | (centre > sh))
    out = np.where(apart, "contradiction", np.where(off, "question", "consistent"))
    return pd.Series(np.where(unchecked, "unchecked", out), index=index, dtype="str")


def grade_pair(a_low, a_high, a_value, b_low, b_high, b_value, index=None) -> pd.Series:
    """Two stated figures of one quantity: ``question`` when either's value lies outside the other's bounds.

    Pass NaN as the value of a figure worded as a bound only ("over 35,000"): it has no central value.
    """
    index = index if index is not None else _index(a_low, a_high, b_low, b_high)
    al, ah, av = _series(a_low, index), _series(a_high, index), _series(a_value, index)
    bl, bh, bv = _series(b_low, index), _series(b_high, index), _series(b_value, index)
    apart = (ah < bl) | (al > bh)
    off = (av.notna() & ((av < bl) | (av > bh))) | (bv.notna() & ((bv < al) | (bv > ah)))
    out = np.where(apart, "contradiction", np.where(off, "question", "consistent"))
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
