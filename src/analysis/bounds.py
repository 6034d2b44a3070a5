"""Figures as intervals: the bounds a figure's wording implies, and interval arithmetic.

In: a stated value, its qualifier (``exact``, ``about``, ``over``, ``at_least``, ``up_to``), the
ledger's optional ``rounding`` cell and the metric's properties. Out: ``(low, high)``, and
:class:`Estimate`, which carries a central value with its bounds through ``+ - * /``.

The rule, stated once (README, "Bounds from wording"; the cap lives in :mod:`analysis.assumptions`):

- The **rounding step** of a count or amount is the place value of its last non-zero digit
  (8,000 -> 1,000; 9,800 -> 100; 468 -> 1). A percentage or a stated ratio (jobs per unit) is
  rounded at its last written digit (40 -> 1; 23.36 -> 0.01; 18 jobs per unit -> 17.5 .. 18.5).
- ``exact`` (a plain number): a count with trailing zeros is read as rounded at its last non-zero
  digit, half a step either way, **but never more than** :data:`~analysis.assumptions.ROUNDING_CAP`
  (10 %) of the value either way: 8,000 -> 7,500 .. 8,500; 10,000 -> 9,000 .. 11,000; 1,000 -> 900 ..
  1,100. A count without trailing zeros (468, 21,618) is exact. A percentage is rounded at its last
  digit (21 -> 20.5 .. 21.5), and so is a ratio. A target is a plan, not a measurement: stated plainly it is taken as stated.
- ``about``: rounded as above, for every kind of figure (about 31 percent -> 30.5 .. 31.5).
- ``over`` / ``at_least``: the figure or more, with no invented upper step (over 39,000 -> 39,000 ..
  no upper bound; a share stops at 100).
- ``up_to``: the figure or less, with no invented lower step (up to 1,500 -> 0 .. 1,500).
- The ledger's ``rounding`` cell overrides the reading of an ``exact`` or ``about`` figure:
  ``none`` means exact as printed; a number means rounded to that step (``rounding = 100``: 9,800 ->
  9,750 .. 9,850), uncapped, since a person said so.

Endpoints are treated as closed. Missing bounds are infinite (``-inf``/``inf``), never NaN; NaN
means "cannot be computed" (for instance a ratio whose divisor may be zero).

Every function works on plain floats and on whole pandas columns alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from .assumptions import ROUNDING_CAP

#: Qualifiers a figure may carry, and what each one means.
QUALIFIERS: dict[str, str] = {
    "exact": "stated as a plain number; a round count is read as rounded at its last non-zero digit (at most 10 % either way)",
    "about": "stated as approximate ('about', 'nearly', 'some'); read as rounded at its last non-zero digit (at most 10 % either way)",
    "over": "stated as a floor ('over', 'more than'): the figure or more, no upper bound",
    "at_least": "stated as a minimum ('at least'): the figure or more, no upper bound",
    "up_to": "stated as a ceiling ('up to', 'as many as'): the figure or less, no lower bound",
}

#: Words for the ledger's ``rounding`` cell besides a positive number (the step).
ROUNDING_WORDS: dict[str, str] = {
    "": "read by the rule: rounded at the last non-zero digit when the count ends in zeros",
    "none": "exact as printed, even if it ends in zeros",
}


def rounding_step(value: float, *, percentage: bool = False) -> float:
    """Place value of the last non-zero digit of ``value`` as written in decimal.

    ``rounding_step(8000) == 1000``, ``rounding_step(9800) == 100``, ``rounding_step(23.36) == 0.01``.
    With ``percentage``, the last written digit: ``rounding_step(40, percentage=True) == 1``.
    Zero has no last non-zero digit; its step is 1.
    """
    if value == 0 or not math.isfinite(value):
        return 1.0
    dec = Decimal(repr(float(value))).normalize()
    exponent = dec.as_tuple().exponent
    if percentage:
        exponent = min(exponent, 0)
    return float(Decimal(1).scaleb(exponent))


def rounding_step_column(values: pd.Series, percentage: pd.Series | bool = False) -> pd.Series:
    """:func:`rounding_step` over a whole column of numbers, from their decimal text."""
    v = values.astype(float)
    # The text of each distinct number once (a ledger repeats its numbers), then spread back.
    codes, distinct = pd.factorize(v, use_na_sentinel=False)
    text = pd.Series([repr(x) for x in distinct], dtype="str").str.replace(r"\.0$", "", regex=True).str.lstrip("-")
    decimals = text.str.extract(r"\.(\d+)$")[0].str.len().astype(float).to_numpy()[codes]
    trailing = text.str.extract(r"^\d*?(0*)$")[0].str.len().astype(float).fillna(0).to_numpy()[codes]
    pct = np.broadcast_to(np.asarray(percentage, dtype=bool), v.shape)
    # Written decimals give the step; otherwise trailing zeros do (not for a percentage, read at its last digit).
    exponent = np.where(np.isnan(decimals), np.where(pct, 0.0, trailing), -decimals)
    exponent = np.where((v != 0) & np.isfinite(v), exponent, 0.0)
    return pd.Series(10.0**exponent, index=v.index)


def bounds_from_wording(value: float, qualifier: str, *, percentage: bool = False, target: bool = False,
                        rounding: str = "", capped: bool = False, signed: bool = False) -> tuple[float, float]:
    """The interval ``(low, high)`` a stated figure stands for (the rule in the module docstring).

    Parameters
    ----------
    value: the number as stated, in the figure's own unit.
    qualifier: one of :data:`QUALIFIERS`.
    percentage: the figure is a percentage or a ratio (rounded at its last written digit).
    target: the figure is a declared goal (taken as stated when plain).
    rounding: the ledger's ``rounding`` cell: ``""`` (the rule), ``"none"`` (exact as printed) or a step.
    capped: a share that cannot exceed 100 (an open upper bound stops there).
    signed: the metric may be negative (an open lower bound is ``-inf``, not 0).
    """
    low, high = bounds_columns(pd.Series([float(value)]), pd.Series([qualifier]), pd.Series([percentage]),
                               pd.Series([target]), rounding=pd.Series([rounding]), capped=pd.Series([capped]),
                               signed=pd.Series([signed]))
    return float(low.iloc[0]), float(high.iloc[0])


def bounds_columns(values: pd.Series, qualifiers: pd.Series, percentage: pd.Series, target: pd.Series, *,
                   rounding: pd.Series | None = None, capped: pd.Series | None = None,
                   signed: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """:func:`bounds_from_wording` over whole columns at once (no per-row Python loop).

    ``percentage``, ``target``, ``capped`` and ``signed`` are boolean columns aligned with ``values``;
    ``rounding`` holds the ledger's ``rounding`` cells (text). Raises ``ValueError`` on an unknown
    qualifier (the loader refuses those first, naming the row).
    """
    unknown = ~qualifiers.isin(list(QUALIFIERS))
    if unknown.any():
        bad = qualifiers[unknown].iloc[0]
        raise ValueError(f"unknown qualifier {bad!r}; expected one of {', '.join(QUALIFIERS)}")
    index = values.index
    v = values.astype(float)

    def flag(col: pd.Series | None) -> pd.Series:
        return pd.Series(False, index=index) if col is None else pd.Series(col, index=index).fillna(False).astype(bool)

    pct, tgt, cap, sig = flag(percentage), flag(target), flag(capped), flag(signed)
    rnd = pd.Series("", index=index, dtype="str") if rounding is None else rounding.fillna("").astype("str").str.strip()
    step = rounding_step_column(v, pct)
    stated_step = pd.to_numeric(rnd.where(rnd.str.match(r"^\d+(\.\d+)?$")), errors="coerce")

    plain = qualifiers.isin(["exact", "about"])
    by_rule = (qualifiers == "about") | ((qualifiers == "exact") & ~tgt & (pct | (step >= 10)))
    half = np.minimum(step / 2, ROUNDING_CAP * v.abs())
    half = half.where(by_rule, 0.0)
    half = half.where(rnd != "none", 0.0)
    half = (stated_step / 2).where(stated_step.notna(), half)
    low = (v - half).where(plain, v)
    high = (v + half).where(plain, v)
    floor = qualifiers.isin(["over", "at_least"])
    high = high.where(~floor, np.where(cap, 100.0, np.inf))
    ceiling = qualifiers == "up_to"
    low = low.where(~ceiling, np.where(sig, -np.inf, 0.0))
    return low.astype(float), high.astype(float)


def generous_columns(values: pd.Series, low: pd.Series, high: pd.Series, percentage: pd.Series, target: pd.Series, *,
                     capped: pd.Series | None = None, signed: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """The most generous reading of stated figures, for the audit only: anything within one rounding
    step of the number as written (:func:`rounding_step`, at most :data:`~analysis.assumptions.ROUNDING_CAP`
    of the value) besides the bounds its wording gives, so that a gap smaller than the figure's own
    rounding step ("over 54%" against 53.55%) is never a contradiction: "54" reads 53 .. 55, "over 54"
    53 .. no bound, "1,000" 900 .. 1,100 as before (the cap). An open end stays open; a target, a plan
    taken as stated, is not widened; a share stays within 0 .. 100, a count at or above 0.
    """
    index = values.index
    v = values.astype(float)

    def flag(col) -> pd.Series:
        return pd.Series(False, index=index) if col is None else pd.Series(col, index=index).fillna(False).astype(bool)

    pct, tgt, cap, sig = flag(percentage), flag(target), flag(capped), flag(signed)
    step = np.minimum(rounding_step_column(v, pct), ROUNDING_CAP * v.abs()).where(~tgt, 0.0)
    gen_low = np.fmin(low, v - step).where(np.isfinite(low), low)
    gen_high = np.fmax(high, v + step).where(np.isfinite(high), high)
    gen_low = gen_low.where(sig, gen_low.clip(lower=0.0))
    gen_high = gen_high.where(~cap, gen_high.clip(upper=100.0))
    return gen_low.astype(float), gen_high.astype(float)


@dataclass(frozen=True)
class Estimate:
    """A central value with bounds: ``low <= value <= high``.

    Fields may be floats or aligned pandas Series. ``value`` is NaN where no central value exists
    (for instance a pace whose end date is known only within bounds). Bounds may be infinite (an
    open-ended figure); NaN bounds mean the quantity cannot be computed (a divisor that may be zero).
    Arithmetic propagates the bounds by interval arithmetic.
    """

    value: Any
    low: Any
    high: Any

    @classmethod
    def exact(cls, value: float) -> "Estimate":
        """A figure known exactly (``low == value == high``)."""
        return cls(value, value, value)

    @classmethod
    def stated(cls, value: float, qualifier: str, **kwargs: Any) -> "Estimate":
        """A stated figure read through :func:`bounds_from_wording` (same keyword arguments)."""
        low, high = bounds_from_wording(value, qualifier, **kwargs)
        return cls(float(value), low, high)

    @staticmethod
    def _lift(other: "Estimate | float") -> "Estimate":
        return other if isinstance(other, Estimate) else Estimate(other, other, other)

    def __add__(self, other: "Estimate | float") -> "Estimate":
        o = self._lift(other)
        return Estimate(self.value + o.value, self.low + o.low, self.high + o.high)

    __radd__ = __add__

    def __neg__(self) -> "Estimate":
        return Estimate(-self.value, -self.high, -self.low)

    def __sub__(self, other: "Estimate | float") -> "Estimate":
        o = self._lift(other)
        return Estimate(self.value - o.value, self.low - o.high, self.high - o.low)

    def __rsub__(self, other: float) -> "Estimate":
        return self._lift(other) - self

    def __mul__(self, other: "Estimate | float") -> "Estimate":
        o = self._lift(other)
        products = [_times(self.low, o.low), _times(self.low, o.high), _times(self.high, o.low), _times(self.high, o.high)]
        return Estimate(self.value * o.value, _min(products), _max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: "Estimate | float") -> "Estimate":
        """Division; where the divisor's interval holds zero on both sides (or is zero) the result is NaN."""
        o = self._lift(other)
        lo, hi = np.asarray(o.low, dtype=float), np.asarray(o.high, dtype=float)
        bad = ((lo < 0) & (hi > 0)) | ((lo == 0) & (hi == 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            inv_low = np.where(hi == 0, -np.inf, 1 / np.where(hi == 0, 1, hi))
            inv_high = np.where(lo == 0, np.inf, 1 / np.where(lo == 0, 1, lo))
            central = np.asarray(o.value, dtype=float)
            inv_value = np.where(central == 0, np.nan, 1 / np.where(central == 0, 1, central))
        inv = Estimate(_like(o.value, np.where(bad, np.nan, inv_value)), _like(o.low, np.where(bad, np.nan, inv_low)),
                       _like(o.high, np.where(bad, np.nan, inv_high)))
        out = self * inv
        if np.any(bad):
            out = Estimate(_mask(out.value, bad), _mask(out.low, bad), _mask(out.high, bad))
        return out

    def __rtruediv__(self, other: float) -> "Estimate":
        return self._lift(other) / self

    @property
    def width(self) -> Any:
        """``high - low``."""
        return self.high - self.low

    def contains(self, x: Any) -> Any:
        """Whether ``x`` lies within ``[low, high]`` (elementwise for columns)."""
        return (self.low <= x) & (x <= self.high)

    def overlaps(self, other: "Estimate") -> Any:
        """Whether two intervals share at least one point (elementwise for columns)."""
        return (self.low <= other.high) & (other.low <= self.high)

    def intersect(self, other: "Estimate") -> "Estimate":
        """The common part of two intervals (``low > high`` where they do not overlap)."""
        return Estimate(self.value, _max2(self.low, other.low), _min2(self.high, other.high))

    def round(self, digits: int = 0) -> "Estimate":
        """All three numbers rounded (half away from zero never matters here; never truncated)."""
        return Estimate(_round(self.value, digits), _round(self.low, digits), _round(self.high, digits))


def _times(a: Any, b: Any) -> Any:
    """``a * b`` with ``0 * inf = 0`` (a bound of zero times an open bound stays zero)."""
    with np.errstate(invalid="ignore"):
        out = a * b
    zero = (np.asarray(a) == 0) | (np.asarray(b) == 0)
    if isinstance(out, pd.Series):
        return out.where(~zero, 0.0)
    return 0.0 if np.any(zero) else out


def _like(template: Any, array: np.ndarray) -> Any:
    if isinstance(template, pd.Series):
        return pd.Series(array, index=template.index)
    return float(array) if np.ndim(array) == 0 else array


def _mask(x: Any, bad: np.ndarray) -> Any:
    if isinstance(x, pd.Series):
        return x.where(~bad, np.nan)
    return float("nan") if np.any(bad) else x


def _min(items: list[Any]) -> Any:
    out = np.minimum(np.minimum(items[0], items[1]), np.minimum(items[2], items[3]))
    return out if isinstance(out, pd.Series) else float(out)


def _max(items: list[Any]) -> Any:
    out = np.maximum(np.maximum(items[0], items[1]), np.maximum(items[2], items[3]))
    return out if isinstance(out, pd.Series) else float(out)


def _min2(a: Any, b: Any) -> Any:
    out = np.minimum(a, b)
    return out if isinstance(out, pd.Series) else float(out)


def _max2(a: Any, b: Any) -> Any:
    out = np.maximum(a, b)
    return out if isinstance(out, pd.Series) else float(out)


def _round(x: Any, digits: int) -> Any:
    return x.round(digits) if isinstance(x, pd.Series) else round(x, digits)
