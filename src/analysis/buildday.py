"""The build day: the one "today" of a build, taken once and handed to everything that needs it.

In: the environment variable ``ISIPO_BUILD_DAY`` (a Gregorian date ``YYYY-MM-DD``), or else the
machine's calendar. Out: :func:`build_day`, the day as a :class:`pandas.Timestamp` at midnight, and
:func:`environment`, the variable that pins it for a child process (a notebook's kernel).

The loader refuses a report dated after the build day, and a count or a stock that would cover days
after it (:mod:`analysis.ledger`); nothing else reads the day, and no output shows it, so a report is
byte-identical for a given ledger and day. A build takes the day once, at its start
(:func:`analysis.report.build.build_report`, :func:`analysis.execute.main`), and passes it to every
kernel it starts, so a build that runs past midnight checks every page against the same day. Tests
pin the day with the variable, or pass ``build_day=`` to :func:`analysis.ledger.load_ledger`.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pandas as pd

#: The environment variable that pins the build day (``YYYY-MM-DD``); unset, the day is today's date.
ENV = "ISIPO_BUILD_DAY"

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class BuildDayError(ValueError):
    """``$ISIPO_BUILD_DAY`` holds something that is not a real day written ``YYYY-MM-DD``."""


def parse(text: str) -> pd.Timestamp:
    """``'2025-06-01'`` as a Timestamp; :class:`BuildDayError` (saying what to write) for anything else."""
    text = str(text).strip()
    day = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce") if _DAY.fullmatch(text) else pd.NaT
    if pd.isna(day):
        raise BuildDayError(f"{ENV}={text!r} is not a day written YYYY-MM-DD (for example 2025-06-01); "
                            f"correct it, or unset {ENV} to build as of today")
    return pd.Timestamp(day)


def build_day() -> pd.Timestamp:
    """The build day: ``$ISIPO_BUILD_DAY`` when set (and not empty), else today's date on this machine."""
    pinned = os.environ.get(ENV, "").strip()
    return parse(pinned) if pinned else pd.Timestamp(dt.date.today())


def environment(day: pd.Timestamp) -> dict[str, str]:
    """``{ENV: 'YYYY-MM-DD'}``: what a child process needs to take ``day`` as its build day."""
    return {ENV: f"{pd.Timestamp(day):%Y-%m-%d}"}


__all__ = ["ENV", "BuildDayError", "build_day", "environment", "parse"]
