"""The floors ``make report`` and ``make test`` are measured against (issue 10), and the measurements.

In: the project (its notebooks, its tests). Out: wall-clock seconds, printed and returned.

- **Report floor**: as many fresh kernels as there are notebooks, in series in one process, each
  importing pandas and matplotlib, drawing one chart and being exported to HTML by nbconvert: the
  least any report of these notebooks can cost (kernel start, imports, a chart, the export).
- **Test floor**: the fast unit tests (``pytest -m "not slow" tests``) and one nbval execution of
  every notebook (``pytest --nbval notebooks``), both serial: the least the checks can cost.

Run as ``python -m benchmarks.floors [report|test]``; ``make bench`` runs it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
FLOOR_CELL = """
%matplotlib inline
import pandas as pd
import matplotlib.pyplot as plt
frame = pd.DataFrame({"year": [1398, 1399, 1400], "units": [1185, 1500, 2067]})
fig, ax = plt.subplots()
ax.bar(frame["year"], frame["units"])
plt.show()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    return env


def report_floor(n: int | None = None) -> float:
    """Seconds for ``n`` (default: one per notebook) fresh kernels drawing one chart each, exported to HTML,
    in series in one process started for it, as ``make report``'s own process is (so both pay Python's
    start-up and the imports of nbclient and nbconvert)."""
    n = n or len(list((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")))
    start = time.perf_counter()
    subprocess.run([PY, "-m", "benchmarks.floors", "--inner-report-floor", str(n)], cwd=ROOT, env=_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _inner_report_floor(n: int) -> None:
    exporter = HTMLExporter()
    for _ in range(n):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
        NotebookClient(nb, kernel_name="python3", timeout=600).execute()
        exporter.from_notebook_node(nb)


def report_time(out: Path) -> float:
    """Seconds for ``python -m analysis.report`` (what ``make report`` runs once set up) into ``out``: the runs of one
    measurement build into the same folder, as ``make report`` does into ``build/report`` (each replaces the last
    report, and takes its order from the last build's times, kept beside it)."""
    start = time.perf_counter()
    subprocess.run([PY, "-m", "analysis.report", "--out", str(out)], cwd=ROOT, env=_env(), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _pytest(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=ROOT, env=_env(), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval-sanitize.cfg"]


def test_floor() -> float:
    """Seconds for the fast unit tests plus one nbval execution of every notebook, serially."""
    # --noconftest: nbval alone, without the rerun check the project root adds to it
    return _pytest("-p", "no:xdist", "-m", "not slow", "tests") + _pytest("-p", "no:xdist", "--noconftest", *NBVAL, "notebooks")


def test_time() -> float:
    """Seconds for the README's test command's pytest run (``make test`` once set up)."""
    return _pytest("-n", "2", "--dist", "loadfile", *NBVAL, "tests", "notebooks")


def measure(kind: str, runs: int = 3) -> tuple[float, float]:
    """Medians of ``runs`` alternating runs of the command and its floor: ``(command, floor)``."""
    a, b = [], []
    with tempfile.TemporaryDirectory() as tmp:
        command, floor = ((lambda: report_time(Path(tmp) / "report")), report_floor) if kind == "report" else (test_time, test_floor)
        for _ in range(runs):
            a.append(command())
            b.append(floor())
    print(f"  {kind}: " + ", ".join(f"{x:.1f}" for x in a) + "; floor: " + ", ".join(f"{x:.1f}" for x in b), flush=True)
    return statistics.median(a), statistics.median(b)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--inner-report-floor"]:
        _inner_report_floor(int(argv[1]))
        return 0
    kinds = argv or ["report", "test"]
    for kind in kinds:
        runs = 3 if kind == "report" else 1
        command, floor = measure(kind, runs)
        print(f"make {kind}: {command:.1f} s against a floor of {floor:.1f} s: {command / floor:.2f}x "
              f"(median of {runs} alternating run{'s' if runs > 1 else ''})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
