"""What the loader says when something is wrong: one problem per thing to fix, one error for all of them.

In: a table of text cells (with its ``_line`` numbers and id column) and boolean masks over its rows.
Out: :class:`Problem` records (file, line, id, field, message) and :class:`LedgerError`, the only
exception :func:`analysis.ledger.load_ledger` raises. Every problem is collected before anything is
raised, so one run lists everything wrong in both files.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .characters import visible


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where it is, and what to do about it."""

    file: str
    line: int | None
    record: str | None  # figure or source id, when the row has one
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.record:
            where += f" ({self.record})"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class LedgerError(ValueError):
    """The ledger cannot be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [f"{len(self.problems)} problem(s) in the ledger; fix these and run again:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class Collector:
    """Gathers problems over whole columns: ``add(mask, field, message)`` records one per row where mask holds."""

    def __init__(self, file: str, frame: pd.DataFrame, id_column: str):
        self.file = file
        self.frame = frame
        self.id_column = id_column
        self.problems: list[Problem] = []

    def add(self, mask, field_name: str | None, message) -> None:
        """Record a problem for every row where ``mask`` holds.

        ``mask`` is a boolean Series or array aligned with the frame (NA counts as False); ``message``
        a string, a Series/array of strings aligned with the frame, or a function that takes the
        positions of the rows that are wrong and returns their messages. With a function, words are
        built only for the rows that are wrong, so a clean column costs one ``any()``.
        """
        if isinstance(mask, pd.Series):
            mask = mask.fillna(False).to_numpy(dtype=bool)
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        rows = np.flatnonzero(mask)
        if isinstance(message, str):
            texts = [message] * len(rows)
        elif callable(message):
            texts = list(message(rows))
        else:
            texts = np.asarray(message, dtype=object)[rows]
        lines = self.frame["_line"].to_numpy()[rows]
        ids = self.frame[self.id_column].to_numpy()[rows] if self.id_column in self.frame else [None] * len(rows)
        self.problems.extend(
            Problem(self.file, int(line), visible(rid) if isinstance(rid, str) and rid.strip() else None, field_name, str(text))
            for line, rid, text in zip(lines, ids, texts)
        )

    def whole(self, field_name: str | None, message: str, line: int | None = None, record: str | None = None) -> None:
        """Record one problem that belongs to the file (or one line) rather than to a mask of rows."""
        self.problems.append(Problem(self.file, line, record, field_name, message))
