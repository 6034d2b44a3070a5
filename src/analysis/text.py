"""Sentences and labels generated from computed numbers, safely escaped.

Notebooks state their findings in words built from the numbers they compute, never typed.
Text that comes from sources (names, notes, quotes) may contain characters that Markdown or
HTML would interpret; :func:`escape` neutralises them wherever such text is written out.
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from .bounds import Estimate

# Markdown syntax characters. Parentheses need no escape: without a bracket (escaped here) they
# cannot form a link. ``>`` is already an entity by then. Quotes are left alone: they are harmless in
# text, and the ``#`` of a numeric entity such as ``&#x27;`` would itself be escaped and break it.
_MD_SPECIAL = r"([\\`*_{}\[\]#+!|~])"


def escape(text: object) -> str:
    """Source text made safe for Markdown and HTML: ``&``, ``<``, ``>`` and Markdown syntax are escaped."""
    return re.sub(_MD_SPECIAL, r"\\\1", html.escape(str(text), quote=False))


def escape_column(column: pd.Series) -> pd.Series:
    """:func:`escape` over a whole column of text at once."""
    out = column.astype("str")
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        out = out.str.replace(char, entity, regex=False)
    return out.str.replace(_MD_SPECIAL, r"\\\1", regex=True)


def number(x: float, digits: int = 0) -> str:
    """A number with thousands separators: ``number(21618) == '21,618'``, ``number(17.094, 1) == '17.1'``."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:,.{digits}f}"


def estimate(e: Estimate, digits: int = 0, unit: str = "") -> str:
    """An estimate in words: '17.1 (16.0 to 18.2) jobs per unit', or '2.2 to 5.1' with no central value."""
    suffix = f" {unit}" if unit else ""
    if isinstance(e.value, float) and math.isnan(e.value):
        return f"{number(e.low, digits)} to {number(e.high, digits)}{suffix}"
    if e.low == e.high:
        return f"{number(e.value, digits)}{suffix}"
    return f"{number(e.value, digits)}{suffix} ({number(e.low, digits)} to {number(e.high, digits)})"


def date(d: pd.Timestamp) -> str:
    """A Gregorian date with its Iranian equivalent: '2020-03-20 (1399/01/01)'."""
    from .calendar import format_jalali

    return f"{pd.Timestamp(d):%Y-%m-%d} ({format_jalali(d)})"


def date_range(earliest: pd.Timestamp, latest: pd.Timestamp) -> str:
    """'2020-06-21 (1399/04/01) to 2021-03-20 (1399/12/30)', or one date when both are equal."""
    if pd.Timestamp(earliest) == pd.Timestamp(latest):
        return date(earliest)
    return f"{date(earliest)} to {date(latest)}"


def estimate_columns(e: Estimate, prefix: str = "", digits: int | None = None) -> dict[str, object]:
    """An estimate as table columns ``{prefix}value``, ``{prefix}low``, ``{prefix}high`` (optionally rounded)."""
    out = {f"{prefix}value": e.value, f"{prefix}low": e.low, f"{prefix}high": e.high}
    if digits is not None:
        out = {k: (v.round(digits) if isinstance(v, pd.Series) else round(v, digits)) for k, v in out.items()}
    return out
