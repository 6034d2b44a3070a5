"""``make check`` at the shipped ledger's size, for ``make bench``: how long a user waits after adding rows.

In: the shipped data package. Out: seconds (median of three runs) of ``python -m analysis.check`` on a
copy of it committed in a git repository of its own in a temporary folder (nothing is written elsewhere):

- ``unchanged``: the ledger as committed ("nothing changed");
- ``new report``: after appending a report that states a national count (1398's, which moves its
  estimate and raises a finding) and a provincial one (Tehran's 1403), as ``tests/test_check.py`` does;
- ``every place``: the same, building every place's evidence in both ledgers (``full=True``, in
  process): what the check would cost without skipping the places whose inputs did not change;
- ``python and imports``: ``python -c "import analysis.check, analysis.evidence, analysis.questions.audit"``,
  the part of every run that no ledger changes.

Run as ``python -m benchmarks.check_time``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DAY = "2026-12-01"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example.org",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


def _append(file: Path, rows: list[dict]) -> None:
    header = file.read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    with file.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write("\t".join(row.get(c, "") for c in header) + "\n")


def _new_report(data: Path) -> None:
    _append(data / "sources.tsv", [dict(source_id="S99", publisher="Example Gazette", language="en",
                                        url="https://example.org/isipo", published="2026-01-10",
                                        published_earliest="2026-01-10", published_latest="2026-01-10", date_basis="shown",
                                        citation="Example Gazette, 2026-01-10", primary="no")])
    _append(data / "figures.tsv", [
        dict(figure_id="C901", source_id="S99", metric="units_revived", value="2000", qualifier="about", scope="national",
             period_start="2019-03-21", period_end="2020-03-19", speaker="unattributed"),
        dict(figure_id="C902", source_id="S99", metric="units_revived", value="250", qualifier="exact", scope="national",
             province="Tehran", period_start="2024-03-20", period_end="2025-03-20", speaker="unattributed")])


def _median(command: list[str], env: dict) -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure() -> dict[str, float]:
    """Seconds of each case (see the module docstring)."""
    env = {**os.environ, "ISIPO_BUILD_DAY": DAY}
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "repo" / "data"
        shutil.copytree(ROOT / "data", data)
        _git(data.parent, "init", "-q")
        _git(data.parent, "add", "-A")
        _git(data.parent, "commit", "-q", "-m", "ledger")
        command = [sys.executable, "-m", "analysis.check", "--data", str(data)]
        out["python and imports"] = _median([sys.executable, "-c", "import analysis.check, analysis.evidence, "
                                             "analysis.questions.audit"], env)
        out["unchanged"] = _median(command, env)
        _new_report(data)
        out["new report"] = _median(command, env)
        from analysis import check

        start = time.perf_counter()
        check.check(data, build_day=DAY, full=True)
        out["every place"] = time.perf_counter() - start
        out["figures"] = len((data / "figures.tsv").read_text(encoding="utf-8").splitlines()) - 1
    return out


if __name__ == "__main__":
    print(json.dumps(measure()))
