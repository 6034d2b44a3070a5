"""The provincial shape in ``make bench``: the library on every place against ``pandas.read_csv`` of the same files.

In: a size (figures) and a build day; the ledger comes from :mod:`benchmarks.provincial`. Out: seconds
per stage, as a dict (:func:`measure`), and, with ``breakdown``, seconds per step of the evidence layer
and per audit rule, summed over the country and over the provinces (:func:`breakdown`).

The stages, in one process, each timed once after ``pandas.read_csv(path, sep="\\t", dtype=str)`` has
read ``sources.tsv`` and ``figures.tsv`` (best of three: the floor the issue sets the library against):
loading and validation; the country's evidence (``evidence.build``) and every province's
(``evidence.provinces``); the country's audit (``audit.checks``) and every province's (the provinces'
audit, ``questions.provinces.audit``: most rules once over every province, :mod:`analysis.questions.audit.together`).
The peak resident memory of the process is reported beside them.

Run as ``python -m benchmarks.places 100000 [--breakdown]``; :mod:`benchmarks.run` runs each size in a
fresh process.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

#: The day every synthetic ledger is read as of (its reports end ten days before it).
DAY = "2026-12-01"
STAGES = ("read_csv", "load", "evidence country", "evidence provinces", "audit country", "audit provinces")
#: The evidence layer's steps the breakdown times (module of analysis.evidence, function).
STEPS = (("periods", "classify"), ("readings", "add"), ("readings", "restating_sources"), ("claims", "group"),
         ("pairs", "build"), ("pairs", "outliers"), ("series", "build"), ("targets", "paths"), ("estimates", "yearly"),
         ("estimates", "headline"), ("terms", "reconcile"), ("pairs", "money"))


def _read_csv(folder: Path) -> float:
    import pandas as pd

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for name in ("sources.tsv", "figures.tsv"):
            pd.read_csv(folder / name, sep="\t", dtype=str)
        best = min(best, time.perf_counter() - start)
    return best


def measure(n: int, provinces: int = 31) -> dict:
    """Seconds per stage (:data:`STAGES`) on a provincial ledger of ``n`` figures spread over ``provinces``
    provinces, its size, and peak MiB."""
    from analysis import evidence
    from analysis.ledger import load_ledger
    from analysis.questions import audit
    from analysis.questions.audit import together
    from benchmarks.provincial import make_provincial_ledger

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_provincial_ledger(Path(tmp) / "data", n, DAY, provinces=provinces)
        out["read_csv"] = _read_csv(folder)
        start = time.perf_counter()
        ledger = load_ledger(folder, build_day=DAY)
        out["load"] = time.perf_counter() - start
    start = time.perf_counter()
    country = evidence.build(ledger)
    out["evidence country"] = time.perf_counter() - start
    start = time.perf_counter()
    provinces = evidence.provinces(ledger)
    out["evidence provinces"] = time.perf_counter() - start
    start = time.perf_counter()
    audit.checks(country)
    out["audit country"] = time.perf_counter() - start
    start = time.perf_counter()
    together.checks(provinces)  # what questions.provinces.audit runs
    out["audit provinces"] = time.perf_counter() - start
    out["figures"], out["reports"], out["provinces"] = len(ledger.figures), len(ledger.sources), len(provinces)
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def breakdown(n: int, provinces: int = 31) -> dict[str, dict[str, float]]:
    """Seconds per evidence step and per audit rule, for the country and summed over the provinces.

    Each step of :func:`analysis.evidence.build` is timed by wrapping its module's function in this
    process only (no file changes); each audit rule by running it as :func:`analysis.questions.audit.checks`
    does, for the provinces as :mod:`analysis.questions.audit.together` does (a rule of its ``ONE_PASS`` once
    over every province, after ``audit: together (frames)`` has concatenated the places' frames; the others
    place by place). ``build (other)`` is what the build spends outside the steps listed.
    """
    import importlib

    from analysis import evidence
    from analysis.ledger import load_ledger
    from analysis.questions import audit
    from analysis.questions.audit import together
    from benchmarks.provincial import make_provincial_ledger

    spent: dict[str, float] = collections.defaultdict(float)

    def timed(module, name):
        fn = getattr(module, name)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[f"evidence: {module.__name__.rsplit('.', 1)[-1]}.{name}"] += time.perf_counter() - start
        return wrapper

    for module_name, name in STEPS:
        module = importlib.import_module(f"analysis.evidence.{module_name}")
        if hasattr(module, name):
            setattr(module, name, timed(module, name))
    with tempfile.TemporaryDirectory() as tmp:
        ledger = load_ledger(make_provincial_ledger(Path(tmp) / "data", n, DAY, provinces=provinces), build_day=DAY)
    names = sorted(set(ledger.figures["province"]) - {""})
    out = {}
    for label, places in (("country", [""]), ("provinces", names)):
        spent.clear()
        build = 0.0
        built = {}
        for place in places:
            start = time.perf_counter()
            built[place] = evidence.build(ledger, place)
            build += time.perf_counter() - start
        one_pass = set(together.ONE_PASS) if label == "provinces" else set()
        if one_pass:
            start = time.perf_counter()
            everywhere = together.Together(built)
            for name in together.FRAMES:
                getattr(everywhere, name)
            spent["audit: together (frames)"] += time.perf_counter() - start
        for rule in audit.RULES:
            start = time.perf_counter()
            if rule.id in one_pass and everywhere.alike(together.ONE_PASS[rule.id]):
                rule.run(everywhere)
            else:
                for ev in built.values():
                    rule.run(ev)
            spent[f"audit: {rule.id}"] += time.perf_counter() - start
        steps = sum(v for k, v in spent.items() if k.startswith("evidence: "))
        spent["evidence: build (other)"] = build - steps
        out[label] = dict(sorted(spent.items(), key=lambda kv: -kv[1]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.places")
    parser.add_argument("figures", type=int)
    parser.add_argument("--breakdown", action="store_true", help="time each evidence step and audit rule instead")
    parser.add_argument("--provinces", type=int, default=31, help="spread the figures over this many provinces")
    args = parser.parse_args(argv)
    print(json.dumps(breakdown(args.figures, args.provinces) if args.breakdown else measure(args.figures, args.provinces)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
