"""Answers computed once per evidence: a question asked again of the same evidence is not worked out again.

In: a function of one :class:`~analysis.evidence.Evidence` returning a frame. Out: :func:`per_evidence`, the
same function, remembering its answer for as long as that evidence object lives and handing each caller a
copy (so a caller that edits its frame edits only its own). The evidence is frozen, and its frames are never
edited in place by the questions, so the same object gives the same answer: a page that shows one table, its
chart and a sentence from the same question (the idle stock's run of comparable counts, say) computes it once.
"""

from __future__ import annotations

import functools
import weakref
from typing import Callable

import pandas as pd


def per_evidence(fn: Callable) -> Callable:
    """``fn(ev)``, computed once per evidence object (see the module docstring)."""
    answers: dict[int, tuple[weakref.ref, pd.DataFrame]] = {}

    @functools.wraps(fn)
    def once(ev) -> pd.DataFrame:
        key = id(ev)
        kept = answers.get(key)
        if kept is None or kept[0]() is not ev:  # a new object may reuse a dead one's id: the weak reference tells
            answers[key] = kept = (weakref.ref(ev), fn(ev))
            weakref.finalize(ev, answers.pop, key, None)
        return kept[1].copy()

    return once
