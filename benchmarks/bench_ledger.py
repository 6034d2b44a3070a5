"""How long loading and validating the ledger takes, now and at fifty times the size.

Run with ``make bench`` (``pytest benchmarks --benchmark-only``). The enlarged ledger repeats every
figure row 50 times with new ids (``C001`` -> ``C001_1``, ``C001_2``, ...; restatements point at
the copy of their target in the same repetition), written to a temporary folder, so every check runs
on 50x the rows. Validation works on whole columns, so the time should grow far less than 50x.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import paths
from analysis.ledger import load_ledger

COPIES = 50


def enlarge(data: Path, dest: Path, copies: int = COPIES) -> Path:
    """Write a ledger to ``dest`` whose figures are ``copies`` renamed repetitions of those in ``data``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(data / "sources.tsv", dest / "sources.tsv")
    lines = (data / "figures.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    header, rows = lines[0], [line.split("\t") for line in lines[1:]]
    restates = header.split("\t").index("restates")
    out = [header]
    for k in range(copies):
        suffix = "" if k == 0 else f"_{k}"
        for row in rows:
            new = list(row)
            new[0] = row[0] + suffix
            if row[restates]:
                new[restates] = row[restates] + suffix
            out.append("\t".join(new))
    (dest / "figures.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def enlarged(tmp_path_factory) -> Path:
    data = enlarge(paths.ROOT / "data", tmp_path_factory.mktemp("ledger") / "data")
    original = load_ledger(paths.ROOT / "data")
    big = load_ledger(data)
    assert len(big.figures) == COPIES * len(original.figures)
    return data


def test_load_real_ledger(benchmark):
    ledger = benchmark(load_ledger, paths.ROOT / "data")
    assert not ledger.figures.empty


def test_load_ledger_fifty_times_larger(benchmark, enlarged):
    ledger = benchmark.pedantic(load_ledger, args=(enlarged,), rounds=5, iterations=1, warmup_rounds=1)
    assert ledger.figures["figure_id"].is_unique
