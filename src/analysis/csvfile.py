"""Write a table as a CSV file that a spreadsheet cannot run as formulas.

In: a :class:`pandas.DataFrame` and a path. Out: the file, UTF-8, comma-separated, ``\\n`` line
endings, no index column, byte-identical for the same frame.

**CSV injection.** A spreadsheet opening a CSV file treats a cell that begins with ``=``, ``+``,
``-`` or ``@`` (and, in some programs, a tab or a carriage return) as a formula, which can run
commands or send data away. Source text reaches these files (publishers, speakers, notes), so
:func:`write_csv` follows OWASP's advice on CSV injection: every text cell, and every column
name, that begins with one of those characters and is not a number is written with a single
quote in front (``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``), which spreadsheets show as
text. Numbers are never changed: ``-12``, ``+3.5`` and ``-1.2e5`` stay as they are, and numeric
columns are written by pandas as numbers. Every CSV file the package writes goes through here.

**Sentences as data.** A cell holding a sentence of the catalogue (:class:`analysis.words.Msg`: the
audit's findings, headlines and arithmetic) is written as its English text (:func:`in_english`), so a
download reads the same whatever language the page around it is in: plain words, ASCII digits.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise(value: object) -> object:
    """``value`` with a ``'`` in front when it is text a spreadsheet would run as a formula.

    Anything that is not a string, and any string that is a plain number, is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value.strip()):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with :func:`neutralise` applied to its column names and text cells."""
    out = frame.copy()
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_datetime64_any_dtype(column.dtype):
            continue
        text = column.map(neutralise, na_action="ignore")
        if not text.equals(column):
            out.isetitem(position, text)
    return out


def in_english(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every sentence cell (:class:`analysis.words.Msg`) written as its English text
    (the same frame when it holds none; a copy otherwise). Only columns of Python objects are looked at."""
    from .words import Msg, speaking

    out = None
    with speaking("en"):
        for position in range(frame.shape[1]):
            column = frame.iloc[:, position]
            if column.dtype != object:
                continue
            values = column.tolist()
            if not any(isinstance(v, Msg) for v in values):
                continue
            if out is None:
                out = frame.copy()
            out.isetitem(position, pd.Series([str(v) if isinstance(v, Msg) else v for v in values], index=frame.index, dtype=object))
    return frame if out is None else out


def _has_carriage_return(frame: pd.DataFrame) -> bool:
    if any(isinstance(c, str) and "\r" in c for c in frame.columns):
        return True
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_datetime64_any_dtype(column.dtype):
            continue  # numbers and dates hold no text
        if any(isinstance(v, str) and "\r" in v for v in column.tolist()):
            return True
    return False


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` as CSV with formula-like text neutralised; returns ``path``.

    Fields are quoted only where needed, except in a table holding a carriage return in some text:
    Python's CSV writer does not quote a lone ``\\r`` when lines end in ``\\n``, so such a table is
    written with every text field quoted, and the ``\\r`` stays inside its field.
    """
    path = Path(path)
    out = neutralised(in_english(frame))
    quoting = csv.QUOTE_NONNUMERIC if _has_carriage_return(out) else csv.QUOTE_MINIMAL
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", quoting=quoting)
    return path
