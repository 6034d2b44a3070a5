"""The schema is declared once (data/datapackage.json), a standard validator accepts the shipped ledger,
and what the code, the vocabularies and the README say agrees with that declaration."""

from __future__ import annotations

import json
import shutil

import frictionless
import numpy as np
import pandas as pd
import pytest

from analysis import paths, vocab
from analysis.bounds import QUALIFIERS
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS
from analysis.ledger import codebook, schema
from analysis.ledger.errors import LedgerError
from analysis.ledger.figures import numbers_in
from analysis.ledger.restatements import loops

DESCRIPTOR = paths.ROOT / "data" / "datapackage.json"


def _errors(report) -> list[list]:
    return report.flatten(["rowNumber", "fieldName", "type"])


def test_the_standard_validator_accepts_the_shipped_ledger():
    report = frictionless.validate(str(DESCRIPTOR))
    assert report.valid, _errors(report)
    assert [task.name for task in report.tasks] == ["sources", "figures", "metrics", "scopes", "date_bases", "target_kinds",
                                                    "expectations", "provinces"]


def test_the_standard_validator_checks_what_the_descriptor_declares(tmp_path):
    """The descriptor is not decoration: break a copy and the standard validator names each break."""
    data = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", data)
    rows = (data / "figures.tsv").read_text(encoding="utf-8").split("\n")
    header = rows[0].split("\t")
    line = next(i for i, r in enumerate(rows) if r.startswith("C003\t"))
    cells = rows[line].split("\t")
    cells[header.index("source_id")] = "S99"  # no such source: a foreign key
    cells[header.index("metric")] = "units_reborn"  # not in the enum, nor in metrics.tsv
    cells[header.index("jalali_year")] = "1500"  # beyond the span's maximum
    cells[header.index("period_end")] = "2032-03-20"  # the day after the span
    rows[line] = "\t".join(cells)
    (data / "figures.tsv").write_text("\n".join(rows), encoding="utf-8")
    report = frictionless.validate(str(data / "datapackage.json"))
    found = [tuple(error) for error in _errors(report)]
    row = line + 1
    assert (row, "metric", "constraint-error") in found
    assert (row, "jalali_year", "constraint-error") in found
    assert (row, "period_end", "constraint-error") in found
    assert sum(1 for r, f, k in found if r == row and k == "foreign-key") == 2  # source and metric


def test_columns_are_the_data_contract():
    """The files' columns, in order, as the analysis layer depends on them (written out by hand)."""
    assert list(FIGURES_COLUMNS) == [
        "figure_id", "source_id", "metric", "value", "qualifier", "rounding", "scope", "province", "target_kind", "expectation",
        "period_start",
        "period_end", "period_start_jalali", "period_end_jalali", "jalali_year", "restates", "speaker", "agency",
        "quote", "note"]
    assert list(SOURCES_COLUMNS) == [
        "source_id", "publisher", "language", "url", "published", "published_earliest", "published_latest",
        "date_basis", "citation", "licence", "seed_file", "primary", "note"]
    for name, columns in (("sources.tsv", SOURCES_COLUMNS), ("figures.tsv", FIGURES_COLUMNS)):
        header = (paths.ROOT / "data" / name).read_text(encoding="utf-8").split("\n")[0].split("\t")
        assert header == list(columns)


def test_keys_are_declared():
    descriptor = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    by_name = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert by_name["sources"]["primaryKey"] == ["source_id"]
    assert by_name["figures"]["primaryKey"] == ["figure_id"]
    fks = {(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0]) for fk in by_name["figures"]["foreignKeys"]}
    assert {("source_id", "sources", "source_id"), ("restates", "", "figure_id"), ("metric", "metrics", "metric"),
            ("scope", "scopes", "scope"), ("province", "provinces", "province"),
            ("target_kind", "target_kinds", "target_kind"), ("expectation", "expectations", "expectation")} == fks


def test_the_span_is_declared_once_and_every_date_column_carries_it():
    # 1390 began on 2011-03-21 (the March 2011 equinox fell after noon in Tehran on the 20th, Tehran time
    # 02:51 on the 21st); 1411 begins on 2032-03-20, so 1410 ends on 2032-03-19.
    span = schema.span()
    assert (span.first_year, span.last_year) == (1390, 1410)
    assert (span.first_day, span.last_day) == (pd.Timestamp("2011-03-21"), pd.Timestamp("2032-03-19"))
    dates = [f for t in (schema.SOURCES, schema.FIGURES) for f in t.fields if f.type == "date"]
    assert [f.name for f in dates] == ["published", "published_earliest", "published_latest", "period_start", "period_end"]
    for f in dates:
        assert (f.minimum, f.maximum) == (pd.Timestamp("2011-03-21"), pd.Timestamp("2032-03-19")), f.name


@pytest.mark.parametrize(("table", "field", "vocabulary"), [
    ("figures", "metric", list(vocab.METRICS)), ("figures", "scope", list(vocab.SCOPES)),
    ("figures", "target_kind", list(vocab.TARGET_KINDS)), ("sources", "date_basis", list(vocab.DATE_BASES)),
    ("figures", "qualifier", list(QUALIFIERS)), ("figures", "province", list(vocab.PROVINCES)),
])
def test_enums_name_the_vocabulary_exactly(table, field, vocabulary):
    assert list(schema.table(table).field(field).enum) == vocabulary


def test_metrics_are_read_from_the_vocabulary_file():
    m = vocab.METRICS
    assert len(m) == 20  # idle_semi_active_units beside idle_units: two definitions of the idle stock
    assert (m["units_revived"].kind, m["units_revived"].unit, m["units_revived"].percentage) == ("flow", "units", False)
    assert (m["idle_share_pct"].percentage, m["idle_share_pct"].capped, m["idle_share_pct"].maximum) == (True, True, 100)
    assert (m["units_growth_pct_stated"].signed, m["units_growth_pct_stated"].minimum) == (True, -100)
    assert m["financing_rials"].may_lie_ahead and m["units_target"].may_lie_ahead and not m["jobs_created"].may_lie_ahead
    assert vocab.SCOPES["smes"].startswith("ISIPO's plan for small and medium industries")
    assert list(vocab.TARGET_KINDS) == ["revival", "mandate", "multi_year", "term"]


def test_the_readme_codebook_is_the_descriptor():
    """Edit data/datapackage.json (or a vocabulary file), then run `python -m analysis.ledger.codebook --write`."""
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert codebook.readme_section(readme) == codebook.markdown()
    assert "| `value` | number, required | the number as stated, in digits 0-9 only" in readme
    assert "| `units_revived` | flow | units | 0 .. 100,000 |" in readme


def test_numbers_a_quote_states():
    assert numbers_in("21 percent of the country’s total 9,800 idle production units") == {21.0, 9800.0}
    assert numbers_in("the mentioned units returning to operation created direct jobs for 21,618 persons") == {21618.0}
    assert numbers_in("during the first three months of the current year (March 20-June 20)") == {20.0}
    assert numbers_in("a fund of 2.5 million dollars") == {2.5, 2_500_000.0}
    assert numbers_in("no digits here") == set()


def test_loops_by_pointer_doubling():
    # 0 -> 1 -> 2 -> 0 is a loop; 3 links nowhere; 4 -> 3 and 5 -> 4 -> 3 are chains.
    on, ids = loops(np.array([1, 2, 0, 3, 3, 4]))
    assert on.tolist() == [True, True, True, False, False, False]
    assert ids.tolist() == [0, 0, 0, -1, -1, -1]
    # Two loops, {0, 1} and {2, 3}; 4 leads into the second without being on it.
    on, ids = loops(np.array([1, 0, 3, 2, 2]))
    assert on.tolist() == [True, True, True, True, False]
    assert ids.tolist() == [0, 0, 2, 2, -1]
    # A chain of 1,000 rows that ends in a loop of three (1000 -> 1001 -> 1002 -> 1000).
    n = 1003
    nxt = np.arange(1, n + 1)
    nxt[-1] = 1000
    on, ids = loops(nxt)
    assert np.flatnonzero(on).tolist() == [1000, 1001, 1002] and set(ids[on]) == {1000}
    # A single row linking to itself is its own loop (the loader reports that case as "restates itself").
    on, _ = loops(np.array([0]))
    assert not on.any()


@pytest.fixture
def vocabulary_copy(tmp_path, monkeypatch):
    """A copy of data/ that the vocabulary reader reads instead of the project's (cache cleared around the test)."""
    from analysis.ledger import vocabulary

    shutil.copytree(paths.ROOT / "data", tmp_path / "data")
    monkeypatch.setattr(vocabulary, "SCHEMA_DIR", tmp_path / "data")
    vocabulary.vocabulary.cache_clear()
    yield tmp_path / "data"
    vocabulary.vocabulary.cache_clear()


def test_a_broken_vocabulary_file_is_refused_naming_line_and_field(vocabulary_copy):
    from analysis.ledger import LedgerError
    from analysis.ledger.vocabulary import metrics

    path = vocabulary_copy / "metrics.tsv"
    rows = path.read_text(encoding="utf-8").split("\n")
    rows[1] = rows[1].replace("\tflow\t", "\tflux\t", 1).replace("\t100000\t", "\t1OO000\t", 1)  # units_revived, line 2
    path.write_text("\n".join(rows), encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        metrics()
    text = str(info.value)
    assert "metrics.tsv, line 2 (units_revived), field 'kind': 'flux' is not a metric kind; write flow, stock or target" in text
    assert "metrics.tsv, line 2 (units_revived), field 'maximum': '1OO000' is not a finite number" in text


def test_a_vocabulary_that_differs_from_its_enum_is_refused(vocabulary_copy):
    from analysis.ledger import LedgerError
    from analysis.ledger.vocabulary import meanings

    path = vocabulary_copy / "scopes.tsv"
    rows = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")  # capacity_programme dropped
    with pytest.raises(LedgerError) as info:
        meanings("scopes")
    assert "differ from the enum of figures.scope in datapackage.json" in str(info.value)


def test_scopes_declare_which_is_part_of_which():
    from analysis.evidence.readings import part_of

    # Parks, outside parks, the SME plan and the large units beside it are part of national; the revival
    # movement and the two other programmes are part of nothing (they count other things).
    assert part_of() == {"industrial_parks": "national", "outside_parks": "national", "smes": "national", "large_units": "national"}


def test_a_scope_part_of_an_unknown_scope_is_refused(tmp_path, monkeypatch):
    from analysis.ledger import vocabulary

    data = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", data)
    text = (data / "scopes.tsv").read_text(encoding="utf-8").replace("outside_parks\tnational", "outside_parks\tnation")
    (data / "scopes.tsv").write_text(text, encoding="utf-8")
    monkeypatch.setattr(vocabulary, "SCHEMA_DIR", data)
    vocabulary.vocabulary.cache_clear()
    try:
        with pytest.raises(LedgerError, match=r"scopes.tsv, line 4 \(outside_parks\), field 'part_of': 'nation' is not a scope"):
            vocabulary.vocabulary("scopes")
    finally:
        vocabulary.vocabulary.cache_clear()
