"""``make check``: validate the working copy's ledger and say what it changes against the last commit.

In: the ledger folder (default :func:`analysis.paths.data_dir`, which follows ``$ISIPO_DATA_DIR``), its
git repository and the build day (``$ISIPO_BUILD_DAY`` or today). Out: :func:`check` returns a
:class:`Result` (plain data a test can inspect); :func:`render` words it as plain text; :func:`main`, the
command ``python -m analysis.check [--data DIR] [--all]``, prints it and returns the exit code: 1 when
the working copy's ledger does not load (the loader's problems, each naming file, line, id and field,
and nothing else), 0 otherwise. No kernel is started and nothing is written but a temporary folder.

The steps, each its own module:

- :mod:`.committed`: every file of the data package as ``HEAD`` has it, into a temporary folder
  (when git or ``HEAD`` is unavailable, the check says so and only validates);
- :mod:`.snapshot`: one place's claims, best estimates and audit checks (the country, each province);
- :mod:`.compare`: reports, figures, claims, estimates and findings added, changed or gone;
- :mod:`.pages`: which pages of the report show a changed number;
- :mod:`.render`: the text, a summary line first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import buildday, paths
from .compare import Changes, ClaimChange, EstimateChange, FindingChange, RowChange, compare
from .pages import pages as _pages
from .render import render, summary


@dataclass(frozen=True)
class Result:
    """What :func:`check` found.

    ``loads``: whether the working copy's ledger loads (else ``message`` is the loader's, listing every
    problem); ``figures``/``reports``: its size; ``against``: what it was compared with ("HEAD
    (33e8737)"); ``note``: why nothing was compared (then ``changes`` is None), or what to know about
    the comparison (schema files that differ from the commit); ``old_figures``/``old_reports``: the
    committed ledger's size; ``changes``: :class:`~.compare.Changes`; ``pages``: page -> reasons
    (:func:`.pages.pages`).
    """

    loads: bool
    message: str = ""
    figures: int = 0
    reports: int = 0
    against: str = ""
    note: str = ""
    old_figures: int | None = None
    old_reports: int | None = None
    changes: Changes | None = None
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)


def check(data_dir: Path | None = None, build_day=None, full: bool = False) -> Result:
    """Load the working copy's ledger in ``data_dir`` and compare it with ``HEAD``'s (see the module docstring).

    ``build_day``: the day both ledgers are read as of (default :func:`analysis.buildday.build_day`);
    ``full``: build every place's evidence, even where its inputs did not change.
    """
    from ..ledger import LedgerError, load_ledger
    from . import committed

    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    day = buildday.build_day() if build_day is None else build_day
    try:
        new = load_ledger(data_dir, build_day=day)
    except LedgerError as exc:
        return Result(False, str(exc))
    size = {"figures": len(new.figures), "reports": len(new.sources)}
    with tempfile.TemporaryDirectory(prefix="isipo-check-") as tmp:
        head = committed.take(data_dir, Path(tmp))
        if head.folder is None:
            return Result(True, note=head.note, **size)
        try:
            old = load_ledger(head.folder, build_day=day)
        except LedgerError as exc:
            return Result(True, note=f"the ledger committed in {head.label} does not load with today's rules and "
                                     f"schema ({len(exc.problems)} problem(s), the first: {exc.problems[0]})", **size)
    note = ""
    if head.differing:
        verb = "differs" if len(head.differing) == 1 else "differ"
        note = (f"{', '.join(head.differing)} {verb} from {head.label}: both ledgers are read with the working copy's "
                "schema and vocabularies.")
    changes = compare(old, new, full=full)
    return Result(True, "", against=head.label, note=note, old_figures=len(old.figures), old_reports=len(old.sources),
                  changes=changes, pages=_pages(changes), **size)


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.check``: print what the working copy's ledger changes; 1 when it does not load."""
    parser = argparse.ArgumentParser(prog="python -m analysis.check",
                                     description="Validate the ledger and show what it changes against the last commit.")
    parser.add_argument("--data", type=Path, default=None, help="the ledger folder (default: data/, or $ISIPO_DATA_DIR)")
    parser.add_argument("--all", action="store_true", help="list every change, however many")
    args = parser.parse_args(argv)
    try:
        result = check(args.data)
    except buildday.BuildDayError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(render(result, limit=None if args.all else 25))
    return 0 if result.loads else 1


__all__ = ["Changes", "ClaimChange", "EstimateChange", "FindingChange", "Result", "RowChange", "check", "compare", "main",
           "render", "summary"]
