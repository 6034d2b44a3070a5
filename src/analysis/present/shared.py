"""The country's evidence and audit, made once per report build and read by every notebook's kernel.

In: a validated :class:`~analysis.ledger.Ledger` (the builder's, :func:`write`; a kernel's, :func:`evidence`).
Out: the country's :class:`~analysis.evidence.Evidence` and its audit checks (:func:`checks`), the same frames
whether they were built here or read from the build's file.

Why: every notebook starts from the country's evidence, two read its audit, and the front page needs both;
built in each of five kernels and again for the front page, they were about a tenth of the report's processor
time. The builder (:mod:`analysis.report.build`) makes them once (:func:`write`), into a file it names to the
kernels it starts in :data:`ENV`, and each kernel reads that file instead (a twentieth of the time). A kernel
reads it only when it was made from the very ledger the kernel has just loaded (the same sources and figures,
read as of the same build day): anything else, or no file, and the kernel builds its own, as every
execution outside a build does (JupyterLab, ``make notebooks``, nbval). The outputs are the same either way:
a pickled frame comes back with the same values, dtypes, order and index.

The kernel waits for the file while the builder is still making it (the kernels start at the same time, and
import for longer than the builder takes); when the builder could not make it, it writes a marker instead
(:func:`failed`) and the kernels build their own, so the error, if it is the ledger's, is reported by the
notebook that meets it.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

#: The environment variable naming the build's file of shared evidence (set only for a build's kernels).
ENV = "ISIPO_SHARED_EVIDENCE"

#: How long a kernel waits for the builder's file before building its own evidence (seconds).
WAIT = 120.0

_MARK = ".failed"
_read: dict = {}  # the evidence read from the build's file in this process, and its checks


def make(ledger):
    """The country's evidence and its audit checks, built from ``ledger``: ``(evidence, checks)``."""
    from .. import evidence as _evidence
    from ..questions import audit

    ev = _evidence.build(ledger)
    return ev, audit.checks(ev)


def write(ledger, path: Path):
    """Build :func:`make` of ``ledger`` and write it to ``path`` for the kernels (atomically: they never read
    half a file); returns ``(evidence, checks)``. On failure, :func:`failed` is marked and the error raised."""
    path = Path(path)
    try:
        made = make(ledger)
        part = path.with_name(path.name + ".part")
        part.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        part.replace(path)
    except BaseException:
        failed(path)
        raise
    return made


def failed(path: Path) -> None:
    """Tell the kernels waiting for ``path`` that it will not come (they build their own evidence)."""
    Path(str(path) + _MARK).touch()


def _same_ledger(a, b) -> bool:
    return a.sources.equals(b.sources) and a.figures.equals(b.figures) and a.data_dir == b.data_dir


def _from_build(ledger):
    """The build's ``(evidence, checks)`` if this process runs under a build that made them from ``ledger``."""
    named = os.environ.get(ENV, "")
    if not named:
        return None
    path, mark = Path(named), Path(named + _MARK)
    deadline = time.monotonic() + WAIT
    while not path.exists():
        if mark.exists() or time.monotonic() > deadline:
            return None
        time.sleep(0.02)
    try:
        ev, checks = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return (ev, checks) if _same_ledger(ev.ledger, ledger) else None


def evidence(ledger):
    """The country's evidence of ``ledger``: the build's, when this kernel runs under a build that made it from
    this very ledger, or else built here (see the module docstring)."""
    from .. import evidence as _evidence

    made = _from_build(ledger)
    _read.clear()
    if made is None:
        return _evidence.build(ledger)
    _read["evidence"], _read["checks"] = made
    return made[0]


def checks(ev):
    """The audit checks of ``ev`` (``audit.checks(ev)``): the build's, when ``ev`` is the evidence read from it."""
    if _read.get("evidence") is ev:
        return _read["checks"].copy()
    from ..questions import audit

    return audit.checks(ev)
