"""How long loading and validating the ledger takes, now, at fifty times the size, and at 100,000 figures.

Run with ``make bench`` (``pytest benchmarks --benchmark-only``). The enlarged ledger repeats every
figure row with new ids (``C001`` -> ``C001_1``, ``C001_2``, ...; restatements point at the copy of
their target in the same repetition), written to a temporary folder, so every check runs on that many
rows. Validation works on whole columns, once per distinct text, so the time grows far less than the
rows do; the target is under 0.5 s for 100,000 figures on a 2-core machine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import paths
from analysis.ledger import load_ledger

COPIES = 50


def enlarge(data: Path, dest: Path, copies: int = COPIES, rows: int | None = None) -> Path:
    """Write a ledger to ``dest`` whose figures are ``copies`` renamed repetitions of those in ``data``.

    With ``rows``, the repetitions go on until there are that many figures, and stop there (a link to a
    figure beyond the cut is emptied).
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(data / "sources.tsv", dest / "sources.tsv")
    lines = (data / "figures.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    header, originals = lines[0], [line.split("\t") for line in lines[1:]]
    restates = header.split("\t").index("restates")
    out: list[list[str]] = []
    k = 0
    while k < copies if rows is None else len(out) < rows:
        suffix = "" if k == 0 else f"_{k}"
        for row in originals:
            new = list(row)
            new[0] = row[0] + suffix
            if row[restates]:
                new[restates] = row[restates] + suffix
            out.append(new)
        k += 1
    if rows is not None:
        out = out[:rows]
        ids = {row[0] for row in out}
        for row in out:
            if row[restates] not in ids:
                row[restates] = ""
    (dest / "figures.tsv").write_text("\n".join([header] + ["\t".join(r) for r in out]) + "\n", encoding="utf-8")
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


@pytest.fixture(scope="module")
def hundred_thousand(tmp_path_factory) -> Path:
    return enlarge(paths.ROOT / "data", tmp_path_factory.mktemp("ledger") / "data", rows=100_000)


def test_load_ledger_of_100000_figures(benchmark, hundred_thousand):
    ledger = benchmark.pedantic(load_ledger, args=(hundred_thousand,), rounds=5, iterations=1, warmup_rounds=1)
    assert len(ledger.figures) == 100_000 and ledger.figures["figure_id"].is_unique
