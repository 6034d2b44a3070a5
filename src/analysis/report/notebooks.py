"""Running one notebook for the report, and saying plainly what went wrong when it fails.

In: a notebook file and the folder its figures and CSV files go to. Out: the executed notebook
(:func:`run_notebook`), or one of three exceptions, each carrying a message a reader can act on:

- :class:`NotebookFailure`: the notebook (and the cell, when one failed) and the error;
- :class:`WriteFailure`: the disk refused a write (read-only, full, not permitted), naming the folder;
- :class:`analysis.execute.ExecutionInterrupted`: SIGINT or SIGTERM stopped the run.

Also the notebooks' run order (:func:`notebooks_in`) and titles (:func:`notebook_title`).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError

from .. import execute, paths

#: Environment variable through which a notebook learns where to write its figures and CSV files.
OUTPUT_ENV = "ISIPO_OUTPUT_DIR"

#: errno values that mean "this disk cannot take the report", whoever hit them (builder or kernel).
DISK_ERRNOS = (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT)

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_CELL_ERROR_HEAD = "An error occurred while executing the following cell:\n------------------\n"
_ERRNO_TEXT = re.compile(r"^\[Errno (\d+)\]")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


class NotebookFailure(RuntimeError):
    """A notebook could not be executed; the message names the notebook, the cell and the error.

    ``cell`` is the cell's position in the notebook counting every cell (Markdown too) from 1,
    or ``None`` when the failure happened outside a cell (for example the kernel would not start).
    """

    def __init__(self, notebook: str, cell: int | None, first_line: str, error: str):
        self.notebook = notebook
        self.cell = cell
        self.first_line = first_line
        self.error = error
        if cell is None:
            where = f"{notebook} failed"
        else:
            where = f"{notebook} failed in cell {cell} (the cell starting {first_line!r})"
        super().__init__(f"{where}: {error}")


class WriteFailure(RuntimeError):
    """The report could not be written to ``folder``: ``reason`` is the system's words (``No space left on device``)."""

    def __init__(self, folder: str, reason: str):
        self.folder = folder
        self.reason = reason
        super().__init__(f"cannot write to {folder}: {reason}")


def notebooks_in(folder: Path) -> list[Path]:
    """The notebooks of ``folder`` in run order: file names starting with two digits and a dash."""
    return sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))


def plain_heading(text: str) -> str:
    """A Markdown heading's text without its markup: links keep their words, ``*``/`` ` ``/``_`` go."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return text.replace("\\", "").strip()


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The text of the notebook's first Markdown H1 heading (``# Title``), else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _H1.search(cell.source)
            if match:
                return plain_heading(match.group(1)) or fallback
    return fallback


def display_name(path: Path) -> str:
    """A path as shown in messages: relative to the project root, or its file name."""
    return paths.relative_to_root(path)


def failing_cell(nb: nbformat.NotebookNode, error: BaseException) -> tuple[int | None, str]:
    """The 1-based position and first source line of the cell that raised ``error``.

    nbclient's error text quotes the failing cell's source; the first code cell with exactly that
    source is the one. Returns ``(None, "")`` when the error names no cell.
    """
    text = str(error)
    if not text.startswith(_CELL_ERROR_HEAD):
        return None, ""
    rest = text[len(_CELL_ERROR_HEAD):]
    for position, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and rest.startswith(cell.source + "\n------------------\n"):
            lines = cell.source.strip().splitlines()
            return position, lines[0] if lines else ""
    return None, ""


def error_summary(error: BaseException) -> str:
    """One line saying what went wrong: ``ValueError: boom`` for a cell error, else the exception."""
    if isinstance(error, CellExecutionError) and error.ename:
        return f"{error.ename}: {error.evalue}" if error.evalue else error.ename
    first = str(error).strip().splitlines()
    return f"{type(error).__name__}: {first[0] if first else ''}".rstrip(": ")


def disk_errno(error: BaseException) -> int | None:
    """The errno of ``error`` when it says the disk refused a write (also inside a cell), else ``None``."""
    if isinstance(error, OSError):
        return error.errno if error.errno in DISK_ERRNOS else None
    if isinstance(error, CellExecutionError) and error.ename in ("OSError", "PermissionError", "FileNotFoundError"):
        match = _ERRNO_TEXT.match(error.evalue or "")
        if match and int(match.group(1)) in DISK_ERRNOS:
            return int(match.group(1))
    return None


def _port_race(error: BaseException) -> bool:
    return not isinstance(error, CellExecutionError) and "Address already in use" in str(error)


def run_notebook(source: Path, output_dir: Path, folder_shown: str | None = None,
                 env: dict[str, str] | None = None, warm=None) -> nbformat.NotebookNode:
    """Execute ``source`` in a fresh kernel with its figures going to ``output_dir``.

    ``env`` adds environment variables for the kernel (the builder pins the build day this way:
    :func:`analysis.buildday.environment`). ``warm``: the process to fork the kernel from (:mod:`analysis.warm`).

    A kernel start that hits a port race ("Address already in use": TCP kernels only; on POSIX
    :func:`analysis.execute.execute_notebook` gives each kernel sockets of its own) is retried once. A cell that
    fails because the disk refused a write raises :class:`WriteFailure` naming ``folder_shown``
    (default: ``output_dir``); any other error raises :class:`NotebookFailure` naming the notebook
    and cell. :class:`analysis.execute.ExecutionInterrupted` passes through.
    """
    env = {**(env or {}), OUTPUT_ENV: str(output_dir)}
    name = display_name(source)
    for attempt in (1, 2):
        try:
            return execute.execute_notebook(source, env=env, warm=warm)
        except Exception as exc:  # noqa: BLE001 - every failure is reported with the notebook's name
            if attempt == 1 and _port_race(exc):
                continue
            code = disk_errno(exc)
            if code is not None:
                raise WriteFailure(folder_shown or display_name(output_dir), os.strerror(code)) from exc
            try:
                cell, first_line = failing_cell(nbformat.read(source, as_version=4), exc)
            except Exception:  # noqa: BLE001 - the notebook itself cannot be read (not JSON, not a notebook)
                cell, first_line = None, ""
            raise NotebookFailure(name, cell, first_line, error_summary(exc)) from exc
    raise AssertionError("unreachable")  # pragma: no cover
