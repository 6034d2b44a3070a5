"""``make bench``: how long each stage takes as the ledger grows, and the two commands against their floors.

In: the shipped ledger (grown by :mod:`benchmarks.synthetic` and :mod:`benchmarks.provincial`) and the
project. Out: printed tables.

1. **The library at 1e3, 1e4, 1e5 and 1e6 figures**: for each size, in a fresh process, a synthetic ledger
   whose groups grow with it is written, then each stage is timed: loading and validation, the evidence
   layer, the audit, and each page's tables and sentences without plotting
   (:mod:`analysis.present.everything`); then, in a second pass under :mod:`tracemalloc`, each stage's
   peak memory. The growth from one size to the next says whether a stage is linear (about 10x).
2. **The provincial shape at 1e4, 1e5 and 1e6 figures** (:mod:`benchmarks.places`): 31 provinces x
   monthly counts x several metrics, each size in a fresh process: loading, the evidence and the audit
   of the country and of every province, against ``pandas.read_csv`` reading the same two files (the
   issue asks for at most 10x at 1e5); with ``--breakdown``, where the time goes, step by step.
3. **``make check`` at the shipped ledger's size** (:mod:`benchmarks.check_time`).
4. **``make report`` and ``make test`` against their floors** (:mod:`benchmarks.floors`), as ratios.

``python -m benchmarks.run [--sizes 1000,10000] [--provincial-sizes 10000,100000] [--breakdown 100000]
[--no-library] [--no-provincial] [--no-check] [--no-floors]``. Each table says the machine's load
average when it started: the machine is shared, and other work slows every number.
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
PROVINCIAL_SIZES = (10_000, 100_000, 1_000_000)
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
        out[n] = _child("benchmarks.run", "--child", str(n))
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


def _load() -> str:
    return "load average %.1f, %.1f, %.1f on %d cores" % (*os.getloadavg(), os.cpu_count() or 0)


def _child(module: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def provincial(sizes) -> dict[int, dict]:
    """The provincial shape at each size, each in a fresh process (:mod:`benchmarks.places`)."""
    from benchmarks.places import STAGES

    out = {}
    print(f"{'figures':>9} | " + " | ".join(STAGES) + " | library | ratio to read_csv | peak MiB", flush=True)
    for n in sizes:
        row = out[n] = _child("benchmarks.places", str(n))
        library = sum(row[s] for s in STAGES[1:])
        print(f"{row['figures']:>9,} | " + " | ".join(f"{row[s]:.2f}" for s in STAGES)
              + f" | {library:.2f} | {library / row['read_csv']:.0f}x | {row['peak_mib']:.0f}", flush=True)
    sizes = sorted(out)
    for a, b in zip(sizes, sizes[1:]):
        grow = lambda n: sum(out[n][s] for s in STAGES[1:])  # noqa: E731
        print(f"{a:,} -> {b:,}: library x{grow(b) / grow(a):.1f}, read_csv x{out[b]['read_csv'] / out[a]['read_csv']:.1f}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--provincial-sizes", default=",".join(str(s) for s in PROVINCIAL_SIZES))
    parser.add_argument("--breakdown", type=int, default=0, metavar="FIGURES",
                        help="also time each evidence step and audit rule on a provincial ledger of this size")
    parser.add_argument("--no-library", action="store_true")
    parser.add_argument("--no-provincial", action="store_true")
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--no-floors", action="store_true")
    parser.add_argument("--child", type=int)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_one_size(args.child)))
        return 0
    if not args.no_library:
        print(f"The library, by stage (seconds / peak memory; {_load()}):")
        results = library([int(s) for s in args.sizes.split(",")])
        growth(results)
    if not args.no_provincial:
        print(f"The provincial shape: the country and every province, seconds ({_load()}):")
        provincial([int(s) for s in args.provincial_sizes.split(",")])
    if args.breakdown:
        print(f"Where the time goes at {args.breakdown:,} provincial figures, seconds ({_load()}):")
        parts = _child("benchmarks.places", str(args.breakdown), "--breakdown")
        for label, steps in parts.items():
            print(f"  {label}: " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items() if v >= 0.01))
    if not args.no_check:
        print(f"make check at the shipped ledger's size, seconds, median of 3 ({_load()}):")
        timed = _child("benchmarks.check_time")
        print("  " + ", ".join(f"{k} {v:.2f}" for k, v in timed.items() if k != "figures") + f" ({timed['figures']} figures)")
    if not args.no_floors:
        from benchmarks import floors

        print("The two commands against their floors:")
        floors.main(["report", "test"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
