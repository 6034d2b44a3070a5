"""Figures as intervals: bounds from how a figure was worded, and interval arithmetic.

The rule, stated once (README, "Bounds from wording"):

- The **rounding step** of a number is the place value of its last non-zero digit
  (8,000 -> 1,000; 9,800 -> 100; 468 -> 1; 23.36 -> 0.01; 21 -> 1).
- ``exact``: a count or amount with trailing zeros is read as rounded at its last non-zero digit
  (8,000 -> 7,500 .. 8,500); one without trailing zeros (468, 21,618) is taken as exact.
  A percentage is always read as rounded at its last digit (21 -> 20.5 .. 21.5).
  A target stated exactly is a declared goal, not a measurement, and is taken as stated.
- ``about``: rounded at the last non-zero digit, as above, for every kind (about 31 -> 30.5 .. 31.5).
- ``over``: above the figure and below the next rounding step (over 39,000 -> 39,000 .. 40,000).
- ``at_least``: the figure up to the next rounding step (at least 40 -> 40 .. 50).
- ``up_to``: down to the previous rounding step, up to the figure (up to 1,500 -> 1,400 .. 1,500).

Endpoints are treated as closed: "over 39,000" includes 39,000 in its interval, a
difference no derived figure here can see.

:class:`Estimate` carries a central value with its bounds and propagates both through
``+ - * /``; every operation works on plain floats and on whole pandas columns alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

#: Qualifiers a figure may carry, and what each one means.
QUALIFIERS: dict[str, str] = {
    "exact": "stated as a plain number; round counts are read as rounded at their last non-zero digit",
    "about": "stated as approximate ('about', 'nearly', 'some'); read as rounded at the last non-zero digit",
    "over": "stated as a floor ('over', 'more than'); up to the next rounding step",
    "at_least": "stated as a minimum ('at least'); up to the next rounding step",
    "up_to": "stated as a ceiling ('up to', 'as many as'); down to the previous rounding step",
}


def rounding_step(value: float) -> float:
    """Place value of the last non-zero digit of ``value`` as written in decimal.

    ``rounding_step(8000) == 1000``, ``rounding_step(9800) == 100``, ``rounding_step(23.36) == 0.01``.
    Zero has no last non-zero digit; its step is 1.
    """
    if value == 0:
        return 1.0
    dec = Decimal(repr(float(value))).normalize()
    return float(Decimal(1).scaleb(dec.as_tuple().exponent))


def has_trailing_zeros(value: float) -> bool:
    """Whether an integer figure ends in zeros (1,500 yes; 468 no)."""
    return float(value).is_integer() and value != 0 and rounding_step(value) >= 10


def bounds_from_wording(value: float, qualifier: str, *, percentage: bool = False, target: bool = False) -> tuple[float, float]:
    """The interval ``(low, high)`` a stated figure stands for (rule in the module docstring).

    Parameters
    ----------
    value: the number as stated, in the figure's own unit.
    qualifier: one of :data:`QUALIFIERS`.
    percentage: the figure is a percentage (always read as rounded at its last digit when exact).
    target: the figure is a declared goal (taken as stated when exact).
    """
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {', '.join(QUALIFIERS)}")
    step = rounding_step(value)
    if qualifier == "exact":
        if target or not (percentage or has_trailing_zeros(value)):
            return float(value), float(value)
        return value - step / 2, value + step / 2
    if qualifier == "about":
        return value - step / 2, value + step / 2
    if qualifier in ("over", "at_least"):
        return float(value), value + step
    return value - step, float(value)  # up_to


def rounding_step_column(values: pd.Series) -> pd.Series:
    """:func:`rounding_step` over a whole column of numbers, using their decimal text."""
    text = values.astype(float).map(repr).str.replace(r"\.0$", "", regex=True).str.lstrip("-")
    decimals = text.str.extract(r"\.(\d+)$")[0].str.len()
    trailing = text.str.extract(r"^\d*?(0*)$")[0].str.len()
    exponent = (-decimals).fillna(trailing).astype(float)
    exponent = exponent.where(values.astype(float) != 0, 0.0)
    return 10.0**exponent


def bounds_columns(values: pd.Series, qualifiers: pd.Series, percentage: pd.Series, target: pd.Series) -> tuple[pd.Series, pd.Series]:
    """:func:`bounds_from_wording` over whole columns at once (no per-row Python loop).

    ``percentage`` and ``target`` are boolean columns aligned with ``values``.
    """
    v = values.astype(float)
    step = rounding_step_column(v)
    pct = percentage.astype(bool)
    tgt = target.astype(bool)
    rounded = (qualifiers == "about") | ((qualifiers == "exact") & ~tgt & (pct | (step >= 10)))
    low = v.where(~rounded, v - step / 2)
    high = v.where(~rounded, v + step / 2)
    floor = qualifiers.isin(["over", "at_least"])
    high = high.where(~floor, v + step)
    ceiling = qualifiers == "up_to"
    low = low.where(~ceiling, v - step)
    return low, high


@dataclass(frozen=True)
class Estimate:
    """A central value with bounds: ``low <= value <= high``.

    Fields may be floats or aligned pandas Series. ``value`` is NaN where no central value
    exists (for instance a pace whose end date is known only within bounds).
    Arithmetic propagates the bounds by interval arithmetic; division requires a divisor
    interval that excludes zero.
    """

    value: Any
    low: Any
    high: Any

    @classmethod
    def exact(cls, value: float) -> "Estimate":
        """A figure known exactly (``low == value == high``)."""
        return cls(value, value, value)

    @classmethod
    def stated(cls, value: float, qualifier: str, *, percentage: bool = False, target: bool = False) -> "Estimate":
        """A stated figure read through :func:`bounds_from_wording`."""
        low, high = bounds_from_wording(value, qualifier, percentage=percentage, target=target)
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
        products = [self.low * o.low, self.low * o.high, self.high * o.low, self.high * o.high]
        return Estimate(self.value * o.value, _min(products), _max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: "Estimate | float") -> "Estimate":
        o = self._lift(other)
        straddles = (np.asarray(o.low) <= 0) & (np.asarray(o.high) >= 0)
        if np.any(straddles):
            raise ZeroDivisionError("the divisor's interval includes zero")
        return self * Estimate(1 / o.value, 1 / o.high, 1 / o.low)

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

    def round(self, digits: int = 0) -> "Estimate":
        """All three numbers rounded for display."""
        return Estimate(_round(self.value, digits), _round(self.low, digits), _round(self.high, digits))

    def __format__(self, spec: str) -> str:
        spec = spec or ",.1f"
        if _is_nan(self.value):
            return f"{format(self.low, spec)} to {format(self.high, spec)}"
        if self.low == self.high:
            return format(self.value, spec)
        return f"{format(self.value, spec)} ({format(self.low, spec)} to {format(self.high, spec)})"

    def __str__(self) -> str:
        return format(self, "")


def _min(items: list[Any]) -> Any:
    out = np.minimum(np.minimum(items[0], items[1]), np.minimum(items[2], items[3]))
    return out if isinstance(out, pd.Series) else float(out)


def _max(items: list[Any]) -> Any:
    out = np.maximum(np.maximum(items[0], items[1]), np.maximum(items[2], items[3]))
    return out if isinstance(out, pd.Series) else float(out)


def _round(x: Any, digits: int) -> Any:
    return x.round(digits) if isinstance(x, pd.Series) else round(x, digits)


def _is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)
