"""Bad input is refused with a message naming the file, the line (or id) and the field; nothing changes.

Every test works on a temporary copy of ``data/`` and ``seeds/`` (the ``ledger_copy`` fixture),
breaks one thing, loads it, and checks:

- the load raises :class:`LedgerError`;
- one line of its message reads ``<file>, line <n> (<id>), field '<field>': <what to fix>``
  (or names the file and what is wrong with it, for whole-file problems);
- the data and seed files are byte-for-byte what they were before the load (nothing written).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.ledger import FIGURES_COLUMNS, LedgerError, load_ledger

SEED_FILE = "000_662abc08d2cfe94b.txt"


def load_fails(copy) -> LedgerError:
    """Load the copy, expecting failure; check nothing was written or changed; return the error."""
    before = copy.snapshot()
    with pytest.raises(LedgerError) as info:
        load_ledger(data_dir=copy.data, seeds_dir=copy.seeds)
    assert copy.snapshot() == before, "loading the ledger changed or added files"
    return info.value


def problem_line(error: LedgerError, file: str, line: int, record: str, field: str) -> str:
    """The one message line naming this file, line, id and field (fails the test if there is none)."""
    where = f"{file}, line {line} ({record}), field '{field}': "
    hits = [text for text in str(error).splitlines() if where in text]
    assert hits, f"no problem reported at {where!r}; the message was:\n{error}"
    return hits[0]


# (row id, field to break, broken text, field the error must name, words the explanation must contain)
FIGURE_CASES = [
    pytest.param("F04", "metric", "units_reborn", "metric", "not a known metric", id="unknown-metric"),
    pytest.param("F04", "qualifier", "roughly", "qualifier", "not a qualifier", id="unknown-qualifier"),
    pytest.param("F04", "scope", "galaxy", "scope", "not a known scope", id="unknown-scope"),
    pytest.param("F04", "value", "four hundred", "value", "not a finite number", id="non-numeric-value"),
    pytest.param("F04", "value", "-468", "value", "cannot be negative", id="negative-value"),
    pytest.param("F04", "value", "inf", "value", "not a finite number", id="infinite-value"),
    pytest.param("F04", "value", "1e999", "value", "not a finite number", id="overflowing-value"),
    pytest.param("F04", "value", "NaN", "value", "not a finite number", id="nan-value"),
    pytest.param("F04", "value", "", "value", "missing", id="missing-value"),
    pytest.param("F04", "value", "4,680", "value", "thousands separator", id="thousands-separator"),
    pytest.param("F01", "value", "121", "value", "above 100", id="share-above-100"),
    # F03, the 1399 target, runs 1399/01/01 .. 1399/12/30; an end in 1398 comes before the start.
    pytest.param("F03", "period_end_jalali", "1398/12/01", "period_end", "ends before it starts", id="jalali-end-before-start"),
    # C001 runs 2017-03-21 .. 2018-03-20 (1396).
    pytest.param("C001", "period_end", "2017-01-01", "period_end", "ends before it starts", id="gregorian-end-before-start"),
    pytest.param("F04", "period_start_jalali", "1399/13/01", "period_start_jalali", "month must be in 1..12", id="jalali-month-13"),
    pytest.param("F03", "period_end_jalali", "1399/07/31", "period_end_jalali", "day must be in 1..30", id="jalali-day-31-of-month-7"),
    # 1400 is a common year: Esfand has 29 days.
    pytest.param("F03", "period_end_jalali", "1400/12/30", "period_end_jalali", "day must be in 1..29", id="jalali-esfand-30-common-year"),
    pytest.param("F04", "period_start_jalali", "1399-01-01", "period_start_jalali", "YYYY/MM/DD", id="jalali-wrong-format"),
    pytest.param("C001", "period_start", "2021-02-30", "period_start", "not a real date", id="gregorian-feb-30"),
    pytest.param("C001", "period_start", "21/03/2017", "period_start", "YYYY-MM-DD", id="gregorian-wrong-format"),
    pytest.param("C001", "source_id", "S99", "source_id", "not a source", id="unknown-source"),
    pytest.param("C001", "jalali_year", "1397", "jalali_year", "does not match", id="wrong-jalali-year"),
    pytest.param("F04", "quote", "so far 469 units have resumed operation", "quote", "does not occur in the seed", id="quote-not-in-seed"),
    pytest.param("F04", "quote", "so far 468 units have resumed operation.", "quote", "does not occur in the seed", id="quote-one-char-longer"),
    pytest.param("F04", "speaker", "", "speaker", "who stated", id="missing-speaker"),
]


@pytest.mark.parametrize(("record", "field", "text", "named_field", "explanation"), FIGURE_CASES)
def test_bad_figure_cell_is_refused(ledger_copy, record, field, text, named_field, explanation):
    line = ledger_copy.line_of(ledger_copy.figures, record)
    ledger_copy.set_cell(ledger_copy.figures, record, field, text)
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", line, record, named_field)
    assert explanation in message


def test_quote_with_straight_apostrophe_is_refused(ledger_copy):
    """The seed writes country’s with a curly apostrophe; a straight one is a different quote."""
    quote = ledger_copy.cell(ledger_copy.figures, "F02", "quote")
    assert "’" in quote
    ledger_copy.set_cell(ledger_copy.figures, "F02", "quote", quote.replace("’", "'"))
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "F02"), "F02", "quote")
    assert "curly quotes" in message


def test_duplicate_figure_id_is_refused(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "C002")  # the second of the two rows after the edit
    ledger_copy.set_cell(ledger_copy.figures, "C002", "figure_id", "C001")
    error = load_fails(ledger_copy)
    assert "must be unique" in problem_line(error, "figures.tsv", line, "C001", "figure_id")


def test_restatement_of_a_figure_with_another_metric_is_refused(ledger_copy):
    # C018 (units revived, 1398) restates C015; point it at C001, a units target.
    assert ledger_copy.cell(ledger_copy.figures, "C018", "metric") != ledger_copy.cell(ledger_copy.figures, "C001", "metric")
    ledger_copy.set_cell(ledger_copy.figures, "C018", "restates", "C001")
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "C018"), "C018", "restates")
    assert "whose metric is 'units_target'" in str(error)
    assert "restates C001" in message


def test_restatement_of_an_unknown_figure_is_refused(ledger_copy):
    ledger_copy.set_cell(ledger_copy.figures, "C018", "restates", "C999")
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "C018"), "C018", "restates")
    assert "'C999' is not a figure_id" in message


def test_unknown_language_and_bad_publication_date_in_sources(ledger_copy):
    ledger_copy.set_cell(ledger_copy.sources, "S03", "language", "klingon")
    ledger_copy.set_cell(ledger_copy.sources, "S03", "published", "2018-02-30")
    error = load_fails(ledger_copy)
    line = ledger_copy.line_of(ledger_copy.sources, "S03")
    assert "en, fa or ar" in problem_line(error, "sources.tsv", line, "S03", "language")
    assert "not a real date" in problem_line(error, "sources.tsv", line, "S03", "published")


# --- the seed file -------------------------------------------------------------------------------

def test_altered_seed_file_is_refused(ledger_copy):
    seed = ledger_copy.seeds / SEED_FILE
    seed.write_bytes(seed.read_bytes().replace(b"468", b"469", 1))
    error = load_fails(ledger_copy)
    message = problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S00"), "S00", "seed_file")
    assert SEED_FILE in message and "altered" in message


def test_seed_file_with_one_added_byte_is_refused(ledger_copy):
    seed = ledger_copy.seeds / SEED_FILE
    seed.write_bytes(seed.read_bytes() + b"\n")
    error = load_fails(ledger_copy)
    assert "altered" in problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S00"), "S00", "seed_file")


def test_missing_seed_file_is_refused(ledger_copy):
    (ledger_copy.seeds / SEED_FILE).unlink()
    error = load_fails(ledger_copy)
    message = problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S00"), "S00", "seed_file")
    assert SEED_FILE in message and "missing" in message


def test_missing_seed_provenance_record_is_refused(ledger_copy):
    (ledger_copy.seeds / SEED_FILE.replace(".txt", ".toml")).unlink()
    error = load_fails(ledger_copy)
    message = problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S00"), "S00", "seed_file")
    assert "provenance record" in message and "missing" in message


# --- whole files -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["figures.tsv", "sources.tsv"])
def test_missing_data_file_is_refused(ledger_copy, name):
    (ledger_copy.data / name).unlink()
    error = load_fails(ledger_copy)
    assert f"{name}: the file is missing" in str(error)


@pytest.mark.parametrize("name", ["figures.tsv", "sources.tsv"])
def test_empty_data_file_is_refused(ledger_copy, name):
    (ledger_copy.data / name).write_bytes(b"")
    error = load_fails(ledger_copy)
    assert f"{name}: the file is empty" in str(error)


@pytest.mark.parametrize("name", ["figures.tsv", "sources.tsv"])
def test_header_only_data_file_is_refused(ledger_copy, name):
    path = ledger_copy.data / name
    header = path.read_text(encoding="utf-8").split("\n")[0]
    path.write_text(header + "\n", encoding="utf-8")
    error = load_fails(ledger_copy)
    assert f"{name}: the file has a header but no data rows" in str(error)


def test_wrong_header_names_the_missing_column(ledger_copy):
    text = ledger_copy.figures.read_text(encoding="utf-8")
    ledger_copy.figures.write_text(text.replace("\tscope\t", "\tscop\t", 1), encoding="utf-8")
    error = load_fails(ledger_copy)
    message = str(error)
    assert "figures.tsv, line 1" in message
    assert "missing column(s) scope" in message and "unknown column(s) scop" in message


def test_row_with_a_missing_tab_is_refused(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    rows = ledger_copy.figures.read_text(encoding="utf-8").split("\n")
    rows[line - 1] = rows[line - 1].replace("\t", " ", 1)
    ledger_copy.figures.write_text("\n".join(rows), encoding="utf-8")
    error = load_fails(ledger_copy)
    expected_cells = len(FIGURES_COLUMNS)
    assert f"figures.tsv, line {line}: this row has {expected_cells - 1} tab-separated cells, expected {expected_cells}" in str(error)


def test_utf16_file_is_refused_with_advice(ledger_copy):
    text = ledger_copy.figures.read_text(encoding="utf-8")
    ledger_copy.figures.write_bytes(text.encode("utf-16"))  # with its byte-order mark, as editors save it
    error = load_fails(ledger_copy)
    message = str(error)
    assert "figures.tsv" in message and "UTF-16" in message and "UTF-8" in message


def test_latin1_bytes_are_refused_naming_line_and_field(ledger_copy):
    """A note saved by an editor in Latin-1: é is the single byte 0xE9, which is not UTF-8."""
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "note", "caf\u00e9 report")
    raw = ledger_copy.figures.read_bytes().replace("caf\u00e9".encode("utf-8"), "caf\u00e9".encode("latin-1"))
    ledger_copy.figures.write_bytes(raw)
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", line, "C003", "note")
    assert "0xe9" in message and "UTF-8" in message


# --- accepted variants -----------------------------------------------------------------------------

def _loaded(copy):
    return load_ledger(data_dir=copy.data, seeds_dir=copy.seeds)


def test_byte_order_mark_loads_the_same_figures(ledger_copy):
    reference = _loaded(ledger_copy)
    for path in (ledger_copy.figures, ledger_copy.sources):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with_bom = _loaded(ledger_copy)
    pd.testing.assert_frame_equal(with_bom.figures, reference.figures)
    pd.testing.assert_frame_equal(with_bom.sources, reference.sources)


def test_windows_line_endings_load_the_same_figures(ledger_copy):
    reference = _loaded(ledger_copy)
    for path in (ledger_copy.figures, ledger_copy.sources):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    crlf = _loaded(ledger_copy)
    pd.testing.assert_frame_equal(crlf.figures, reference.figures)
    pd.testing.assert_frame_equal(crlf.sources, reference.sources)


def test_bom_and_windows_line_endings_together(ledger_copy):
    reference = _loaded(ledger_copy)
    path = ledger_copy.figures
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    pd.testing.assert_frame_equal(_loaded(ledger_copy).figures, reference.figures)


# --- several problems at once --------------------------------------------------------------------

def test_every_problem_in_a_file_is_reported_together(ledger_copy):
    f = ledger_copy.figures
    breaks = [
        ("F04", "metric", "units_reborn"),
        ("F05", "value", "-8000"),
        ("F03", "period_end_jalali", "1400/12/30"),
        ("C001", "source_id", "S99"),
        ("C002", "scope", "galaxy"),
    ]
    expected = [(ledger_copy.line_of(f, rid), rid, field) for rid, field, _ in breaks]
    for rid, field, text in breaks:
        ledger_copy.set_cell(f, rid, field, text)
    error = load_fails(ledger_copy)
    for line, rid, field in expected:
        problem_line(error, "figures.tsv", line, rid, field)
    assert str(error).startswith(f"{len(error.problems)} problem(s) in the ledger")
    assert len(error.problems) >= len(breaks)


def test_problems_in_both_files_are_reported_together(ledger_copy):
    ledger_copy.set_cell(ledger_copy.sources, "S03", "language", "klingon")
    ledger_copy.set_cell(ledger_copy.figures, "F04", "qualifier", "roughly")
    error = load_fails(ledger_copy)
    problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S03"), "S03", "language")
    problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "F04"), "F04", "qualifier")


# --- the project's own loader and data -------------------------------------------------------------

def test_corrupted_data_makes_the_default_loader_fail(ledger_copy, monkeypatch):
    """``load_ledger()`` with no arguments (as notebooks call it) reads $ISIPO_DATA_DIR and refuses bad rows."""
    line = ledger_copy.line_of(ledger_copy.figures, "C010")
    ledger_copy.set_cell(ledger_copy.figures, "C010", "value", "12O")  # a letter O typed for a zero
    before = ledger_copy.snapshot()
    monkeypatch.setenv("ISIPO_DATA_DIR", str(ledger_copy.data))
    with pytest.raises(LedgerError) as info:
        load_ledger()
    assert ledger_copy.snapshot() == before
    assert "'12O' is not a finite number" in problem_line(info.value, "figures.tsv", line, "C010", "value")


def test_the_project_ledger_loads():
    """The committed data/ validates: if someone breaks a row, `make test` fails here naming file, line and field."""
    ledger = load_ledger()
    assert ledger.figures["figure_id"].is_unique
    assert int(ledger.sources["primary"].sum()) == 1
