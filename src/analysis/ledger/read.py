"""Reading one tab-separated ledger file into text cells, or saying plainly why it cannot be read.

In: a path and the columns the file must have, in order. Out: a DataFrame of text cells (dtype
``str``, plain spaces around each cell removed) with each row's line number in ``_line``; or
:class:`~.errors.LedgerError` naming the file, and where it can the line, the id and the field, for a
file that is missing, unreadable (permission denied, a folder), empty, not UTF-8 (UTF-16 named as
such), has a wrong header (a trailing tab on every line named as such), or rows with the wrong number
of cells (a line break inside a cell named with the lines it spans).

The format: UTF-8 (a byte-order mark at the start is fine), one row per line (Windows or old Mac line
endings are fine), cells separated by tabs, no quoting: a cell is taken exactly as written, which is
how the descriptor's dialect (tab, ``"`` as quote character) reads every cell that does not begin with
``"``. Such a cell is refused by the cell checks, so the loader and any standard reader agree.
Blank lines (nothing but spaces and tabs) hold nothing and are skipped.

The structure is checked on the raw bytes with numpy (tab and newline bytes never occur inside a
UTF-8 multi-byte character), the cells are split by pandas' C parser, and only lines that are wrong are
looked at one by one, so a clean file of 100,000 rows reads in a small fraction of a second.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from .characters import may_hold_invisible, name_invisible, name_lookalikes, visible
from .errors import LedgerError, Problem

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")  # what a row's first cell looks like when it is an id


def read_table(path: Path, columns) -> pd.DataFrame:
    """Read one ledger file as text cells, with its line numbers in ``_line``.

    ``columns`` is the expected header, in order (a list, or a dict whose keys are the names).
    Raises :class:`LedgerError` listing every structural problem of the file.
    """
    where = paths.relative_to_root(path)
    expected = list(columns)
    raw = _read_bytes(Path(path), where)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        raise LedgerError([Problem(where, None, None, None, "the file is empty; it needs a header row and at least one data row")])
    head = raw[:400]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") > len(head) // 4:  # UTF-16: every other byte 0
        raise LedgerError([Problem(where, None, None, None,
                                   "the file is saved as UTF-16 ('Unicode'), not UTF-8; open it and save it again with the UTF-8 encoding")])
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LedgerError(_encoding_problems(raw, where, expected)) from None
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")

    starts, ends, tabs, blank, padded, hidden = _structure(raw)
    filled = np.flatnonzero(~blank)
    first = int(filled[0])  # the header: the first line that is not blank
    header = raw[starts[first]:ends[first]].decode("utf-8")
    data = filled[1:]  # indexes of the non-blank lines after the header
    _check_header(header, expected, where, tabs[data], first + 1)
    if data.size == 0:
        raise LedgerError([Problem(where, None, None, None, "the file has a header but no data rows")])
    bad = data[tabs[data] != len(expected) - 1]
    if bad.size:
        raise LedgerError(_row_problems(raw, starts, ends, tabs, blank, bad, expected, where))

    if first == 0 and data.size == len(starts) - 1:  # no blank lines: the body is one slice of the file
        body = raw[starts[1]:]
    else:
        body = b"\n".join(raw[s:e] for s, e in zip(starts[data], ends[data]))
    frame = pd.read_csv(io.BytesIO(body), sep="\t", header=None, names=expected, dtype="str", na_filter=False,
                        quoting=csv.QUOTE_NONE, skip_blank_lines=False, lineterminator="\n", encoding="utf-8",
                        engine="c")
    if padded:
        frame = frame.apply(lambda col: col.str.strip(" "))
    frame.insert(0, "_line", data + 1)
    # What the cell checks need to look for, found once for the whole file (see analysis.ledger.cells).
    frame.attrs["invisible"] = hidden
    frame.attrs["quote_marks"] = b'"' in body
    return frame


def _read_bytes(path: Path, where: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        message = "the file is missing"
    except IsADirectoryError:
        message = "this is a folder, not a file; put the ledger file here"
    except PermissionError:
        message = ("the file cannot be opened: permission denied; make sure you may read it "
                   "(and that no other program keeps it locked), then run again")
    except OSError as exc:
        message = f"the file cannot be read ({exc.strerror or exc}); check the disk and the file, then run again"
    raise LedgerError([Problem(where, None, None, None, message)])


def _structure(raw: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bool, bool]:
    """What the checks need to know about the file's bytes, in a few vectorised passes.

    Per line: start and end byte offsets, number of tabs, whether it is blank (spaces and tabs only).
    For the file: whether any space stands at the edge of a cell (next to a tab, a line break or the
    file's ends), and whether it may hold a character the cell checks refuse.
    """
    a = np.frombuffer(raw, dtype=np.uint8)
    newlines = np.flatnonzero(a == 10)
    starts = np.concatenate([[0], newlines + 1])
    ends = np.concatenate([newlines, [len(a)]])
    if starts[-1] == len(a):  # the file ends with a newline: no line after it
        starts, ends = starts[:-1], ends[:-1]
    tab_at = np.flatnonzero(a == 9)
    space_at = np.flatnonzero(a == 32)
    # Counts per line from counts up to each line's end (a line starts right after the previous end's newline).
    tabs = np.diff(np.searchsorted(tab_at, ends), prepend=0)
    spaces = np.diff(np.searchsorted(space_at, ends), prepend=0)
    blank = (ends - starts) == tabs + spaces
    last = len(a) - 1
    before = np.where(space_at > 0, a[np.maximum(space_at - 1, 0)], 9)  # the file's ends count as cell edges
    after = np.where(space_at < last, a[np.minimum(space_at + 1, last)], 9)
    padded = bool(((before == 9) | (before == 10) | (after == 9) | (after == 10)).any())
    hidden = may_hold_invisible(raw, len(tab_at) + len(newlines))
    return starts, ends, tabs, blank, padded, hidden


def _check_header(header: str, expected: list[str], where: str, data_tabs: np.ndarray, line: int) -> None:
    names = [h.strip(" ") for h in header.split("\t")]
    if names == expected:
        return
    problem = lambda text: LedgerError([Problem(where, line, None, None, text)])  # noqa: E731
    for number, name in enumerate(names, start=1):
        hidden = name_invisible(name)
        if hidden:
            raise problem(f"the name of column {number} ('{visible(name)}') holds {hidden}; retype the header row "
                          f"(it must read: {' | '.join(expected)})")
    extra = len(names) - len(expected)
    if extra > 0 and names[: len(expected)] == expected and not any(names[len(expected):]):
        tabs = "a tab" if extra == 1 else f"{extra} tabs"
        if data_tabs.size and (data_tabs == len(names) - 1).all():
            raise problem(f"every line ends with {tabs}, which adds an empty column after '{expected[-1]}'; delete the "
                          "trailing tabs (in a spreadsheet: delete the empty last column) and save again")
        raise problem(f"the header row ends with {tabs} (an empty column after '{expected[-1]}'); delete it")
    detail = []
    missing = [c for c in expected if c not in names]
    unknown = [c for c in names if c and c not in expected]
    blanks = [str(i + 1) for i, c in enumerate(names) if not c]
    if missing:
        detail.append("missing column(s) " + ", ".join(missing))
    if unknown:
        detail.append("unknown column(s) " + ", ".join(visible(c) + (f" (which holds {name_lookalikes(c)})" if name_lookalikes(c) else "")
                                                       for c in unknown))
    if blanks:
        detail.append("column(s) " + ", ".join(blanks) + " of the header have no name")
    duplicated = sorted({c for c in names if c and names.count(c) > 1})
    if duplicated:
        detail.append("column(s) named twice: " + ", ".join(duplicated))
    if not detail:
        detail.append("columns are out of order")
    raise problem("the header row is wrong (" + "; ".join(detail) + "); expected: " + " | ".join(expected))


def _row_problems(raw, starts, ends, tabs, blank, bad, expected, where) -> list[Problem]:
    """Rows with the wrong number of cells (only these lines are looked at, one by one)."""
    want = len(expected) - 1
    line_text = lambda i: raw[starts[i]:ends[i]].decode("utf-8")  # noqa: E731
    problems, consumed = [], set()
    bad_set = set(bad.tolist())
    for i in bad.tolist():
        if i in consumed:
            continue
        # A line break inside a row's last cell: what follows it is a line with no tab at all, after a
        # row that looked whole. Name that row, its last field and the lines it spans.
        previous = i - 1
        while previous > 0 and blank[previous]:
            previous -= 1
        if tabs[i] == 0 and previous > 0 and previous not in bad_set:
            j = i
            while j + 1 < len(starts) and tabs[j + 1] == 0 and not blank[j + 1]:
                j += 1
            cells = line_text(previous).split("\t")
            first_cell = cells[0].strip(" ")
            field = expected[-1]
            quoted = " (the cell begins with a quote mark, as a spreadsheet writes a cell holding a line break)" if cells[-1].strip(" ").startswith('"') else ""
            problems.append(Problem(where, previous + 1, first_cell if _ID.fullmatch(first_cell) else None, field,
                                    f"the {field} cell holds a line break, so this row runs on to line {j + 1}{quoted}; "
                                    f"a cell must be on one line: remove the line break (lines {previous + 1}-{j + 1}) and save again"))
            consumed.update(range(i, j + 1))
            continue
        cells = line_text(i).split("\t")
        first_cell = cells[0].strip(" ")
        record = first_cell if _ID.fullmatch(first_cell) else None  # a cell that swallowed a tab is no id
        n = int(tabs[i])
        # A line break inside a cell: this line and the next ones together make one row of the right width.
        j, total = i, n
        while total < want and j + 1 < len(starts):
            j += 1
            total += int(tabs[j])
        if n < want and total == want and j > i:
            field = expected[n]
            cell = cells[-1].strip(" ")
            quoted = " (the cell begins with a quote mark, as a spreadsheet writes a cell holding a line break)" if cell.startswith('"') else ""
            problems.append(Problem(where, i + 1, record, field,
                                    f"the {field} cell holds a line break, so this row runs on to line {j + 1}{quoted}; "
                                    f"a cell must be on one line: remove the line break (lines {i + 1}-{j + 1}) and save again"))
            consumed.update(range(i, j + 1))
            continue
        message = f"this row has {n + 1} tab-separated cells, expected {want + 1}; check for a missing or extra tab"
        if n > want and not any(c.strip(" ") for c in cells[want + 1:]):
            message = (f"this row has {n + 1} tab-separated cells, expected {want + 1}: it ends with {n - want} extra "
                       f"tab(s) after the '{expected[-1]}' cell; delete them")
        problems.append(Problem(where, i + 1, record, None, message))
    return problems


def _encoding_problems(raw: bytes, where: str, columns: list[str]) -> list[Problem]:
    """Every line holding bytes that are not UTF-8, with the row's id and the field (only on the error path)."""
    problems = []
    for number, line in enumerate(raw.replace(b"\r\n", b"\n").split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = line[: exc.start].count(b"\t")
            cells = line.split(b"\t")
            field_name = columns[column] if number > 1 and column < len(columns) else None
            record = cells[0].decode("utf-8", "replace").strip() if number > 1 else None
            shown = cells[column].decode("utf-8", "replace").strip() if column < len(cells) else ""
            problems.append(Problem(
                where, number, record or None, field_name,
                f"byte {line[exc.start]:#04x} in '{visible(shown)}' is not UTF-8 text (the file was probably saved as "
                "Latin-1 or Windows-1252); retype the character or save the file with the UTF-8 encoding"))
    return problems
