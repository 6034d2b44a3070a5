"""The README is the codebook: it must document every column and vocabulary entry the code accepts,
and the commands it promises must exist."""

import re

import pytest

from analysis import paths, vocab
from analysis.bounds import QUALIFIERS
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (paths.ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [*SOURCES_COLUMNS, *FIGURES_COLUMNS, *vocab.METRICS, *vocab.SCOPES, *QUALIFIERS, *vocab.DATE_BASES,
                                  *vocab.PROVINCES])
def test_readme_documents(name):
    assert f"| `{name}` |" in README, f"README codebook lacks a row for {name}"


@pytest.mark.parametrize("target", ["report", "test", "lab", "notebooks", "bench"])
def test_make_targets_the_readme_names_exist(target):
    assert f"make {target}" in README
    assert re.search(rf"^{target}:", MAKEFILE, re.M)


def test_ci_runs_the_readme_test_command():
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_the_counts_the_readme_states_are_the_ledgers():
    """'50 other reports' and the Iranian years in the README stay true as reports are added."""
    from analysis.ledger import load_ledger

    ledger = load_ledger()
    others = int((~ledger.sources["primary"]).sum())
    stated = re.findall(r"\*\*(\d+) other reports\*\*", README)
    assert stated == [str(others)], f"the README says {stated} other reports; the ledger holds {others}"
    years = ledger.figures["jalali_year"].dropna().astype(int)
    span = re.search(r"Iranian years (\d{4})-(\d{4})\)", README)
    assert span and (int(span.group(1)), int(span.group(2))) == (years.min(), years.max())


def test_the_readme_names_every_audit_rule():
    from analysis.questions.audit import RULES

    for rule in RULES:
        assert f"| `{rule.id}` |" in README, f"README lacks the audit rule {rule.id}"
