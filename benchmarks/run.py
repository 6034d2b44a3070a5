"""``make bench``: how long each stage takes as the ledger grows, and the two commands against their floors.

In: the shipped ledger (grown by :mod:`benchmarks.synthetic`) and the project. Out: printed tables.

1. **The library at 1e3, 1e4, 1e5 and 1e6 figures**: for each size, in a fresh process, a synthetic ledger
   whose groups grow with it is written, then each stage is timed: loading and validation, the evidence
   layer, the audit, and each page's tables and sentences without plotting
   (:mod:`analysis.present.everything`); then, in a second pass under :mod:`tracemalloc`, each stage's
   peak memory. The growth from one size to the next says whether a stage is linear (about 10x).
2. **``make report`` and ``make test`` against their floors** (:mod:`benchmarks.floors`), as ratios.

``python -m benchmarks.run [--sizes 1000,10000] [--no-floors]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 10_000, 100_000, 1_000_000)
STAGES = ("load", "evidence", "audit", "page 01", "page 02", "page 03", "page 04")


def _stages(folder: Path, out: Path, memory: bool) -> dict[str, tuple[float, float]]:
    """Seconds (and, with ``memory``, peak MiB) of each stage on the ledger in ``folder``."""
    os.environ["ISIPO_OUTPUT_DIR"] = str(out)
    from analysis import evidence
    from analysis.ledger import load_ledger
    from analysis.present import everything
    from analysis.questions import audit

    results, state = {}, {}

    def stage(name, fn):
        if memory:
            tracemalloc.start()
        start = time.perf_counter()
        value = fn()
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if memory else float("nan")
        if memory:
            tracemalloc.stop()
        results[name] = (seconds, peak)
        return value

    ledger = stage("load", lambda: load_ledger(folder))
    ev = stage("evidence", lambda: evidence.build(ledger))
    checks = stage("audit", lambda: audit.checks(ev))
    state["checks"] = checks
    stage("page 01", lambda: everything.page_timeline(ev))
    stage("page 02", lambda: everything.page_jobs(ev, checks))
    stage("page 03", lambda: everything.page_rates(ev))
    stage("page 04", lambda: everything.page_audit(ev, checks))
    return results


def _one_size(n: int) -> dict:
    """Run in a child process: generate a ledger of ``n`` figures, time the stages, then measure their memory."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import make_ledger

    with tempfile.TemporaryDirectory() as tmp:
        folder = make_ledger(Path(tmp) / "data", n)
        timed = _stages(folder, Path(tmp) / "out", memory=False)
        measured = _stages(folder, Path(tmp) / "out", memory=True)
    return {stage: [timed[stage][0], measured[stage][1]] for stage in STAGES}


def library(sizes) -> dict[int, dict]:
    """Each size in a fresh process (so memory and caches start clean)."""
    out = {}
    for n in sizes:
        proc = subprocess.run([sys.executable, "-m", "benchmarks.run", "--child", str(n)], cwd=ROOT, capture_output=True,
                              text=True, check=True)
        out[n] = json.loads(proc.stdout.strip().splitlines()[-1])
        row = out[n]
        total = sum(row[s][0] for s in ("load", "evidence", "audit"))
        print(f"{n:>9,} figures: " + "  ".join(f"{s} {row[s][0]:.2f} s/{row[s][1]:.0f} MiB" for s in STAGES)
              + f"  | load+evidence+audit {total:.2f} s", flush=True)
    return out


def growth(results: dict[int, dict]) -> None:
    """How much each stage grew from one size to the next (10x the figures: about 10x if linear)."""
    sizes = sorted(results)
    for a, b in zip(sizes, sizes[1:]):
        ratios = "  ".join(f"{s} x{results[b][s][0] / max(results[a][s][0], 1e-9):.1f}" for s in STAGES)
        print(f"{a:,} -> {b:,}: {ratios}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--no-floors", action="store_true")
    parser.add_argument("--child", type=int)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_one_size(args.child)))
        return 0
    print("The library, by stage (seconds / peak memory):")
    results = library([int(s) for s in args.sizes.split(",")])
    growth(results)
    if not args.no_floors:
        from benchmarks import floors

        print("The two commands against their floors:")
        floors.main(["report", "test"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
