"""Derived metrics: jobs per unit, pace per day, change, target attainment, pace needed, projection.

Every function takes and returns :class:`~analysis.bounds.Estimate` values, so the bounds a
figure's wording implies (and a publication date known only within bounds) carry through to
every derived number. Each works on plain numbers and on whole pandas columns alike.

Conventions:

- Day counts are inclusive of both ends (:func:`analysis.calendar.days_inclusive`).
- A period whose end is known only within bounds (a year-to-date figure from an undated
  report) has an elapsed-days *interval*; its central value is NaN, and so is the central value
  of everything computed from it.
- Percentages are returned in percent (0-100+), paces in units per day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from . import calendar
from .bounds import Estimate

DateLike = dt.date | pd.Timestamp | pd.Series


def from_figure(row: pd.Series) -> Estimate:
    """The :class:`Estimate` of one ledger figure (its value and the bounds of its wording)."""
    return Estimate(float(row["value"]), float(row["low"]), float(row["high"]))


def from_columns(frame: pd.DataFrame, prefix: str = "") -> Estimate:
    """An :class:`Estimate` of whole columns ``{prefix}value``, ``{prefix}low``, ``{prefix}high``."""
    return Estimate(frame[f"{prefix}value"], frame[f"{prefix}low"], frame[f"{prefix}high"])


def days_elapsed(start: DateLike, end_earliest: DateLike, end_latest: DateLike | None = None) -> Estimate:
    """Days from ``start`` to an end known within ``[end_earliest, end_latest]``, both ends counted.

    The central value is the day count when the end is known exactly, NaN otherwise.
    """
    end_latest = end_earliest if end_latest is None else end_latest
    low = calendar.days_inclusive(start, end_earliest)
    high = calendar.days_inclusive(start, end_latest)
    if isinstance(low, pd.Series):
        value = low.astype(float).where(low == high, np.nan)
        return Estimate(value, low.astype(float), high.astype(float))
    return Estimate(float(low) if low == high else float("nan"), float(low), float(high))


def days_remaining(as_of: DateLike, period_end: DateLike) -> Any:
    """Days after ``as_of`` up to and including ``period_end`` (0 when ``as_of`` is the last day)."""
    return calendar.days_inclusive(as_of, period_end) - 1


def jobs_per_unit(jobs: Estimate, units: Estimate) -> Estimate:
    """Jobs per revived unit: ``jobs / units``, with bounds (jobs per unit)."""
    return jobs / units


def pace_per_day(count: Estimate, days: Estimate) -> Estimate:
    """Average count per day over ``days`` (for example units revived per day)."""
    return count / days


def change(previous: Estimate, current: Estimate) -> Estimate:
    """Absolute change ``current - previous``, in the figures' unit."""
    return current - previous


def percent_change(previous: Estimate, current: Estimate) -> Estimate:
    """Relative change in percent: ``(current / previous - 1) * 100``."""
    return (current / previous - 1) * 100


def attainment(done: Estimate, target: Estimate) -> Estimate:
    """Share of a target reached, in percent: ``done / target * 100``."""
    return done / target * 100


def marginal(earlier: Estimate, later: Estimate) -> Estimate:
    """What a later cumulative figure adds to an earlier one (``later - earlier``)."""
    return later - earlier


def pace_needed(target: Estimate, done: Estimate, as_of_earliest: DateLike, as_of_latest: DateLike,
                period_end: DateLike) -> Estimate:
    """Units per day needed after the as-of date to reach ``target`` by ``period_end``.

    The as-of date may be known only within bounds: the later it is, the fewer days remain and the
    higher the pace needed. Remaining days must be positive.
    """
    remaining_high = days_remaining(as_of_earliest, period_end)
    remaining_low = days_remaining(as_of_latest, period_end)
    if np.any(np.asarray(remaining_low) <= 0):
        raise ValueError("no days remain in the period after the as-of date")
    if isinstance(remaining_low, pd.Series):
        value = remaining_low.astype(float).where(remaining_low == remaining_high, np.nan)
    else:
        value = float(remaining_low) if remaining_low == remaining_high else float("nan")
    days = Estimate(value, _as_float(remaining_low), _as_float(remaining_high))
    return (target - done) / days


def projection(done: Estimate, days: Estimate, period_days: int | pd.Series) -> Estimate:
    """Year-end (or period-end) total if the pace to date continued: ``done / days * period_days``."""
    return done / days * period_days


def share_elapsed(days: Estimate, period_days: int | pd.Series) -> Estimate:
    """Share of a period elapsed, in percent: ``days / period_days * 100``."""
    return days / period_days * 100


def _as_float(x: Any) -> Any:
    return x.astype(float) if isinstance(x, pd.Series) else float(x)
