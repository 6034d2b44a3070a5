"""Every cell read as its column's declared type, column by column, with a message for each refused cell.

In: a table of text cells (from :func:`~.read.read_table`), its :class:`~.schema.Table` (types and
constraints from the descriptor), a :class:`~.errors.Collector`, and optional per-field explainers
(the calendar rules pass theirs, so a Gregorian date in an Iranian column is named as such).
Out: :class:`Cells`: each column as its type (``float``, ``Int64``, ``datetime64``, ``bool`` or the
text), NA where empty or refused, and which cells were refused; problems go to the collector.

Each column is factorised first, so the checks run once per *distinct* text (a column of 100,000
dates holds a few hundred distinct ones), in vectorised form; words are built only for the distinct
texts that are wrong. A refused cell is explained in this order: an invisible character (named, with
its code point), a leading straight double quote (what spreadsheets add around a cell), digits of
another script (named, with the ASCII spelling), letters of another script in a column of codes, ids,
numbers or dates (named with their script and code point: the Cyrillic С of "С133" is not a Latin C),
the field's own explainer (before letters of another script are named), then what the type or constraint expects.
"""

from __future__ import annotations

import calendar as gregorian
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .characters import INVISIBLE, ascii_digits, foreign_digits, latin_lookalikes, name_invisible, name_lookalikes, visible
from .errors import Collector
from .schema import Field, Table, span

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
INTEGER = re.compile(r"-?[0-9]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: What to write in an empty required cell, by field (``(table, field)`` where the two files differ).
REQUIRED_HINTS: dict[object, str] = {
    ("sources", "source_id"): "every source needs an id (S01, S02, ...)",
    ("figures", "source_id"): "name the source stating the figure (a source_id of sources.tsv)",
    "figure_id": "every figure needs an id",
    "publisher": "name the outlet that published the report",
    "published_earliest": "give the date bounds (equal to 'published' when the date is shown)",
    "published_latest": "give the date bounds (equal to 'published' when the date is shown)",
    "value": "the value is missing; write the number as stated, in digits",
    "speaker": "say who stated the figure (or 'unattributed')",
}

#: What a cell of a patterned column looks like, in words.
PATTERN_HINTS: dict[str, str] = {
    "figure_id": "an id is a letter followed by letters, digits, '.', '-' or '_'",
    "source_id": "an id is a letter followed by letters, digits, '.', '-' or '_'",
    "restates": "write the figure_id of the figure this row repeats (a letter followed by letters, digits, '.', '-' or '_')",
    "url": "an address starts with http:// or https:// and has no spaces",
    "rounding": "leave it empty, write none (exact as printed) or the step the figure was rounded to, a positive number such as 100",
    "seed_file": "a seed file is the name of a .txt file in seeds/ (a plain name, no folders)",
    "period_start_jalali": "write an Iranian date as YYYY/MM/DD",
    "period_end_jalali": "write an Iranian date as YYYY/MM/DD",
}

#: What an enumerated column holds, for "'x' is not <noun>".
ENUM_NOUNS: dict[str, str] = {
    "metric": "a known metric", "scope": "a known scope", "qualifier": "a qualifier", "language": "a language code",
    "date_basis": "a known date basis", "target_kind": "a target kind", "kind": "a metric kind",
}

Explainer = Callable[[str], "str | None"]


@dataclass
class Cells:
    """The typed columns of one table, and which cells were refused."""

    values: dict[str, pd.Series]
    refused: dict[str, np.ndarray]
    empty: dict[str, np.ndarray]  # known so far; :meth:`filled` fills in the rest on demand

    def ok(self, name: str) -> np.ndarray:
        """Cells of ``name`` that were not refused."""
        return ~self.refused[name]

    def filled(self, name: str) -> np.ndarray:
        """Cells of ``name`` that are not empty."""
        if name not in self.empty:
            self.empty[name] = (self.values[name] == "").to_numpy()
        return ~self.empty[name]


def either(items, last: str = "or") -> str:
    """'en, fa or ar'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def parse_cells(frame: pd.DataFrame, table: Table, c: Collector, explainers: Mapping[str, Explainer] | None = None) -> Cells:
    """Read every column of ``frame`` as ``table`` declares it; record a problem for every refused cell.

    ``frame.attrs`` may say (as :func:`~.read.read_table` does) that the file holds no character that
    could be refused and no quote mark; those checks are then skipped, and a free-text column with
    no constraint is not examined at all.
    """
    explainers = explainers or {}
    hidden = frame.attrs.get("invisible", True)
    quotes = frame.attrs.get("quote_marks", True)
    values, refused, empties = {}, {}, {}
    for f in table.fields:
        col = frame[f.name]
        if f.type == "string" and f.enum is None and f.pattern is None and not f.unique and not hidden and not quotes:
            if f.required:
                empty = empties[f.name] = (col == "").to_numpy()
                c.add(empty, f.name, _explain(table, f, "", "required", None))
            refused[f.name] = empty if f.required else np.zeros(len(col), dtype=bool)
            values[f.name] = col
            continue
        codes, uniques = pd.factorize(col, sort=False)
        texts = np.asarray(uniques, dtype=object)
        empties[f.name] = (texts == "")[codes] if len(texts) else np.zeros(len(codes), dtype=bool)
        parsed, reasons = _parse_uniques(f, texts, hidden, quotes)
        bad = np.array([r is not None for r in reasons], dtype=bool)
        row_bad = bad[codes] if bad.any() else np.zeros(len(codes), dtype=bool)
        if bad.any():
            words = np.array([_explain(table, f, t, r, explainers.get(f.name)) if r else None for t, r in zip(texts, reasons)],
                             dtype=object)
            c.add(row_bad, f.name, words[codes])
        if f.unique or f.name in table.primary_key:
            row_bad |= _duplicates(frame, f, codes, c)
        values[f.name] = col if f.type == "string" else pd.Series(_take(parsed, codes), index=frame.index)
        refused[f.name] = row_bad
    return Cells(values, refused, empties)


def _take(parsed, codes: np.ndarray):
    if isinstance(parsed, pd.Series):  # datetimes and Int64 keep their dtype
        return parsed.take(codes).reset_index(drop=True).array
    return parsed[codes]


def _parse_uniques(f: Field, texts: np.ndarray, hidden: bool = True, quotes: bool = True) -> tuple[object, list[str | None]]:
    """Parse distinct texts as ``f``'s type; a reason code per text where it is refused (None where fine)."""
    n = len(texts)
    empty = texts == ""
    reason = np.where(empty & f.required, "required", None).astype(object)
    if hidden:
        invisible = np.array([bool(INVISIBLE.search(t)) for t in texts], dtype=bool)
        reason[invisible] = "hidden"
    if quotes:
        quoted = np.array([t.startswith('"') for t in texts], dtype=bool)
        reason[quoted & (reason == None)] = "quoted"  # noqa: E711 (elementwise)
    todo = ~empty & (reason == None)  # noqa: E711

    def refuse(mask, code):
        mask = np.asarray(mask, dtype=bool) & todo
        reason[mask] = code
        todo[mask] = False

    if f.type == "string":
        if f.enum is not None:
            refuse(~np.isin(texts, list(f.enum)), "enum")
        if f.pattern is not None:
            rx = re.compile(f.pattern)
            refuse([not (t and rx.fullmatch(t)) for t in texts], "pattern")
        parsed = texts
    elif f.type in ("number", "integer"):
        rx = NUMBER if f.type == "number" else INTEGER
        refuse([not rx.fullmatch(t) for t in texts], "type")
        parsed = np.full(n, np.nan)
        parsed[todo] = texts[todo].astype(float)
        refuse(~np.isfinite(parsed) | ((f.type == "integer") & (np.abs(parsed) > 2**53)), "finite")
        _range(f, parsed, refuse)
        parsed = np.where(todo, parsed, np.nan)
        if f.type == "integer":
            parsed = pd.Series(pd.array(np.where(todo, parsed, 0).astype("int64"), dtype="Int64")).where(todo, pd.NA)
    elif f.type == "date":
        refuse([not DATE.fullmatch(t) for t in texts], "type")
        parsed = pd.Series(pd.to_datetime(pd.Series(texts).where(todo), format="%Y-%m-%d", errors="coerce")).astype("datetime64[us]")
        refuse(parsed.isna().to_numpy(), "date")
        _range(f, parsed, refuse)
        parsed = parsed.where(todo)
    elif f.type == "boolean":
        refuse(~np.isin(texts, list(f.true_values + f.false_values)), "boolean")
        parsed = np.isin(texts, list(f.true_values)) & todo
    else:  # pragma: no cover - schema.py refuses other types
        raise ValueError(f.type)
    return parsed, reason.tolist()


def _range(f: Field, parsed, refuse) -> None:
    if f.minimum is not None:
        refuse(np.asarray(parsed < f.minimum, dtype=bool), "range")
    if f.maximum is not None:
        refuse(np.asarray(parsed > f.maximum, dtype=bool), "range")


def _duplicates(frame: pd.DataFrame, f: Field, codes: np.ndarray, c: Collector) -> np.ndarray:
    """Rows repeating an earlier row's value of a unique column (codes appear in order of first sight)."""
    previous_max = np.concatenate([[-1], np.maximum.accumulate(codes)[:-1]])
    dup = (codes <= previous_max) & (frame[f.name].to_numpy() != "")
    if dup.any():
        first_line = pd.Series(frame["_line"].to_numpy()).groupby(codes).first()
        lines = first_line.reindex(codes).to_numpy()
        what = "id" if f.name.endswith("_id") else "name"
        words = np.full(len(codes), None, dtype=object)
        words[dup] = [f"'{visible(v)}' is used by an earlier row too (line {ln}); {what}s must be unique"
                      for v, ln in zip(frame[f.name].to_numpy()[dup], lines[dup])]
        c.add(dup, f.name, words)
    return dup


def _explain(table: Table, f: Field, text: str, reason: str, explainer: Explainer | None) -> str:
    """Why ``text`` is refused in ``f``, in words that say what to write instead (error path only)."""
    shown = visible(text)
    if reason == "required":
        hint = REQUIRED_HINTS.get((table.name, f.name)) or REQUIRED_HINTS.get(f.name)
        if hint:
            return hint
        if f.enum is not None:
            values = either(f.enum) if len(f.enum) <= 6 else f"one of the {f.name}s in data/{f.name}s.tsv (the README lists them)"
            return f"this cell is empty; write {values}"
        return f"this cell is empty; it needs {f.description}"
    if reason == "hidden":
        return f"'{shown}' holds {name_invisible(text)}; retype the cell without it"
    if reason == "quoted":
        return (f"'{shown}' begins with a straight double quote, which spreadsheets add around a cell; remove the "
                "quote marks around the cell (inside text, use curly quotes “ ”)")
    scripts = foreign_digits(text)
    if scripts:
        meant = ascii_digits(text)
        if f.type in ("number", "integer"):
            meant = meant.replace(",", "")
        still = _parse_uniques(f, np.array([meant], dtype=object))[1][0]
        if still is None:  # the ASCII spelling would do
            return f"'{shown}' is written in {scripts} digits; write {meant}"
        if f.type != "string":
            return _explain(table, f, meant, still, explainer).replace(f"'{visible(meant)}'", f"'{shown}'", 1) + \
                f" (and write the digits as 0-9, not in {scripts} digits)"
    # The field's own explainer first: it knows what a cell in another script means (a province's
    # Persian name, a date in the other calendar) better than a list of its letters does.
    if explainer is not None:
        said = explainer(text)
        if said:
            return said
    letters = name_lookalikes(_latin_part(f, text))
    if letters:
        meant = latin_lookalikes(text)
        fixed = meant != text and _parse_uniques(f, np.array([meant], dtype=object))[1][0] is None
        return (f"'{shown}' holds {letters}, where this column takes Latin letters only; "
                + (f"write {meant}" if fixed else "retype it with Latin letters"))
    if reason == "enum":
        near = [e for e in f.enum if e.lower() == text.lower().replace(" ", "_").replace("-", "_")]
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        noun = ENUM_NOUNS.get(f.name, "one of the allowed values")
        if f.name == "metric":
            return f"'{shown}' is not {noun}{hint}; use one of the README's metrics vocabulary (data/metrics.tsv)"
        empty = "leave it empty or " if not f.required else ""
        return f"'{shown}' is not {noun}{hint}; {empty}write {either(f.enum)}"
    if reason == "pattern":
        return f"'{shown}': {PATTERN_HINTS.get(f.name, 'this is not the form the column takes: ' + f.description)}"
    if reason == "boolean":
        return f"'{shown}' is not {either(f.true_values + f.false_values)}; write {either(f.true_values + f.false_values)}"
    if f.type in ("number", "integer"):
        if reason == "type" and "," in text:
            return f"'{shown}' has a thousands separator; write digits only ({text.replace(',', '')}, not {shown})"
        if f.name == "jalali_year" and reason in ("type", "finite"):
            return f"'{shown}' is not a year; write the Iranian year as four digits, e.g. 1399"
        if reason in ("type", "finite"):
            kind = "a finite number" if f.type == "number" else "a whole number"
            too_long = " (too large: check the digits)" if reason == "finite" else ""
            return f"'{shown}' is not {kind}{too_long}; write digits only" + (", with '.' for decimals" if f.type == "number" else "")
        if f.name == "jalali_year":
            return f"{shown} lies outside the programme's span, {span().words()}; check the year"
        low = "" if f.minimum is None else f"{f.minimum:g}"
        high = "" if f.maximum is None else f"{f.maximum:g}"
        return f"'{shown}' is outside {low} .. {high}, the range this column allows"
    if f.type == "date":
        if reason == "date":
            return f"'{shown}' is not a real date written YYYY-MM-DD{_why_not_a_day(text)}"
        if reason == "range":
            return f"'{shown}' lies outside the programme's span, {span().words()}; check the year"
        return f"'{shown}' is not a real date written YYYY-MM-DD"
    return f"'{shown}' cannot be read as {f.type}"  # pragma: no cover - every reason is handled above


def _latin_part(f: Field, text: str) -> str:
    """The part of a refused cell that must be written in Latin letters: all of it in a column of codes, ids,
    numbers or dates; an address's scheme (its path may be Persian); nothing in free text."""
    if f.type != "string" or f.enum is not None:
        return text
    if f.pattern is None:
        return ""
    if f.name == "url":
        return text.split("://", 1)[0] if "://" in text else text.split("/", 1)[0]
    return text


def _why_not_a_day(text: str) -> str:
    year, month, day = (int(p) for p in text.split("-"))
    if not 1 <= month <= 12:
        return f" (month {month} does not exist)"
    last = gregorian.monthrange(year, month)[1]
    return f" ({gregorian.month_name[month]} {year} has {last} days)" if day > last or day < 1 else ""
