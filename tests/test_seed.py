"""The seed article: byte-identical, its figures quoted verbatim, no number in it missed or invented."""

import hashlib
import re
from collections import Counter

import pytest

from analysis import paths
from analysis.ledger import load_ledger
from analysis.seed import read_provenance, read_seed

SEED = "000_662abc08d2cfe94b.txt"
# Published in ../shared/seeds/SOURCE.md; typed here so a changed record cannot hide a changed file.
EXPECTED_SHA256 = "d499720b2e4af5eac7e1f0e9152759d7cf42ee515cd0363708ab01c5894ca78e"

# Numbers in the seed's text that are NOT figures of the programme, each with the reason.
NON_FIGURES = Counter({
    "2021": 1,  # calendar date: "(ends in March 2021)"
    "20": 2,    # calendar dates: "(March 20-June 20)"
    "19": 1,    # calendar date: "(ended on March 19)"
    "4.0": 1,   # licence version: "Creative Commons Attribution 4.0"
})


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


def test_seed_file_checksum():
    data = (paths.SEEDS_DIR / SEED).read_bytes()
    assert hashlib.sha256(data).hexdigest() == EXPECTED_SHA256
    assert read_provenance(SEED).sha256 == EXPECTED_SHA256


def test_seed_file_shape():
    data = (paths.SEEDS_DIR / SEED).read_bytes()
    assert not data.endswith(b"\n")
    text = data.decode("utf-8")
    assert "\n" not in text
    for ch in ("\u2019", "\u201c", "\u201d"):
        assert ch in text


def test_provenance_bounds_match_the_sources_table(ledger):
    prov = read_provenance(SEED)
    row = ledger.primary_source()
    assert row["seed_file"] == SEED
    assert (row["published_earliest"].date(), row["published_latest"].date()) == (prov.earliest, prov.latest)
    for evidence in prov.evidence:
        assert prov.earliest <= evidence.earliest <= evidence.latest <= prov.latest


def test_every_seed_quote_occurs_verbatim(ledger):
    text = read_seed(SEED)
    seed = ledger.seed_figures()
    assert len(seed) > 0
    for quote in seed["quote"]:
        assert quote and quote in text


def test_each_quote_states_its_figure(ledger):
    """The figure's value appears in its own quote, written as the article writes it (8,000)."""
    for _, row in ledger.seed_figures().iterrows():
        written = f"{row['value']:,.0f}" if float(row["value"]).is_integer() else str(row["value"])
        assert written in row["quote"], (row["figure_id"], written, row["quote"])


def test_every_number_in_the_seed_is_a_figure_or_a_listed_non_figure(ledger):
    text = read_seed(SEED)
    found = Counter(m.replace(",", "") for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text))
    figures = Counter(f"{v:.0f}" if float(v).is_integer() else str(v) for v in ledger.seed_figures()["value"])
    assert found == figures + NON_FIGURES, {
        "in text, not accounted for": found - (figures + NON_FIGURES),
        "accounted for, not in text": (figures + NON_FIGURES) - found,
    }


def test_seed_source_is_primary_and_alone(ledger):
    primary = ledger.sources[ledger.sources["primary"]]
    assert primary["source_id"].tolist() == ["S00"]
    assert (ledger.seed_figures()["source_id"] == "S00").all()


def test_cross_report_window_in_the_provenance_record_is_the_one_the_ledger_implies(ledger):
    """The record's cross-report evidence is recomputed by the audit; the two must not drift apart."""
    from analysis import evidence
    from analysis.questions.audit.seed import date_window

    prov = read_provenance(SEED)
    (recorded,) = [e for e in prov.evidence if e.basis == "cross_report"]
    earliest, latest = date_window(evidence.build(ledger))
    assert (recorded.earliest, recorded.latest) == (earliest.date(), latest.date())
