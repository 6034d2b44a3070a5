"""How long the audit takes on the ledger and on a ledger about 50 times larger (``make bench``).

The enlarged ledger repeats every figure 50 times with new figure ids and new source ids, so every
group of the same metric, scope and period holds 50 times as many statements: the worst case for
rules that compare within groups. Its findings must be the real ledger's, multiplied, never lost.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import audit as A
from analysis.ledger import load_ledger

COPIES = 50


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


def enlarge(figures: pd.DataFrame, copies: int = COPIES) -> pd.DataFrame:
    """``copies`` copies of the figures; copy k > 0 gets ids ``<id>_k`` and sources ``<source>_k``."""
    k = pd.Series(range(copies)).repeat(len(figures)).to_numpy()
    big = pd.concat([figures] * copies, ignore_index=True)
    suffix = pd.Series(k).astype(str).radd("_").where(k > 0, "")
    return big.assign(figure_id=big["figure_id"] + suffix.to_numpy(), source_id=big["source_id"] + suffix.to_numpy())


def test_audit_ledger(benchmark, ledger):
    findings = benchmark(A.audit, ledger)
    assert not findings.empty


def test_audit_enlarged_ledger(benchmark, ledger):
    big = enlarge(ledger.figures)
    assert len(big) == COPIES * len(ledger.figures)
    findings = benchmark.pedantic(A.audit, args=(big,), rounds=3, iterations=1)
    # statements repeated across copies collapse into one: the same rules fire
    assert set(findings["rule"]) == set(A.audit(ledger)["rule"])
