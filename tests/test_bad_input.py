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


# --- files that cannot be read -----------------------------------------------------------------------

def test_unreadable_file_is_refused_naming_it(ledger_copy, monkeypatch):
    """A file the user may not read (PermissionError) ends in LedgerError naming it, not a traceback."""
    from pathlib import Path

    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "sources.tsv":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    before = ledger_copy.snapshot()
    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", read_bytes)
        with pytest.raises(LedgerError) as info:
            load_ledger(data_dir=ledger_copy.data, seeds_dir=ledger_copy.seeds)
    assert ledger_copy.snapshot() == before
    error = info.value
    assert [str(p) for p in error.problems] == [
        "sources.tsv: the file cannot be opened: permission denied; make sure you may read it "
        "(and that no other program keeps it locked), then run again"]


def test_folder_in_place_of_a_file_is_refused(ledger_copy):
    ledger_copy.figures.unlink()
    ledger_copy.figures.mkdir()
    error = load_fails(ledger_copy)
    assert "figures.tsv: this is a folder, not a file" in str(error)


# --- duplicated rows -----------------------------------------------------------------------------------

def test_duplicate_source_id_is_refused_not_a_pandas_error(ledger_copy):
    """Two sources with one id used to raise pandas' InvalidIndexError; now the second row is named."""
    first = ledger_copy.line_of(ledger_copy.sources, "S02")
    line = ledger_copy.line_of(ledger_copy.sources, "S03")
    ledger_copy.set_cell(ledger_copy.sources, "S03", "source_id", "S02")
    error = load_fails(ledger_copy)
    message = problem_line(error, "sources.tsv", line, "S02", "source_id")
    assert f"'S02' is used by an earlier row too (line {first}); ids must be unique" in message


@pytest.mark.parametrize(("file", "record"), [("sources.tsv", "S03"), ("figures.tsv", "C003")])
def test_duplicated_row_is_refused(ledger_copy, file, record):
    path = ledger_copy.data / file
    line = ledger_copy.line_of(path, record)
    rows = path.read_text(encoding="utf-8").split("\n")
    rows.insert(line, rows[line - 1])  # the copy lands on the next line
    path.write_text("\n".join(rows), encoding="utf-8")
    error = load_fails(ledger_copy)
    field = "source_id" if file == "sources.tsv" else "figure_id"
    assert f"(line {line}); ids must be unique" in problem_line(error, file, line + 1, record, field)


# --- digits of other scripts -------------------------------------------------------------------------

@pytest.mark.parametrize(("record", "field", "text", "expected"), [
    ("C003", "value", "۱۴۶۲", "'۱۴۶۲' is written in Persian digits; write 1462"),
    ("C003", "value", "١٤٦٢", "'١٤٦٢' is written in Arabic-Indic digits; write 1462"),
    ("C003", "value", "۱٬۴۶۲", "'۱٬۴۶۲' is written in Persian digits; write 1462"),  # with the Arabic thousands mark
    ("C003", "jalali_year", "۱۳۹۶", "'۱۳۹۶' is written in Persian digits; write 1396"),
    ("F04", "period_start_jalali", "۱۳۹۹/۰۱/۰۱", "'۱۳۹۹/۰۱/۰۱' is written in Persian digits; write 1399/01/01"),
    ("C003", "period_start", "٢٠١٧-٠٣-٢١", "'٢٠١٧-٠٣-٢١' is written in Arabic-Indic digits; write 2017-03-21"),
], ids=["persian-value", "arabic-indic-value", "persian-thousands-mark", "persian-year", "persian-jalali-date",
        "arabic-indic-gregorian-date"])
def test_digits_of_other_scripts_are_refused_by_name(ledger_copy, record, field, text, expected):
    line = ledger_copy.line_of(ledger_copy.figures, record)
    ledger_copy.set_cell(ledger_copy.figures, record, field, text)
    error = load_fails(ledger_copy)
    assert problem_line(error, "figures.tsv", line, record, field).endswith(expected)


def test_persian_digits_in_a_publication_date_are_refused(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.sources, "S03")
    for field in ("published", "published_earliest", "published_latest"):
        ledger_copy.set_cell(ledger_copy.sources, "S03", field, "۲۰۱۸-۰۵-۲۲")
    error = load_fails(ledger_copy)
    for field in ("published", "published_earliest", "published_latest"):
        assert "written in Persian digits; write 2018-05-22" in problem_line(error, "sources.tsv", line, "S03", field)


# --- invisible characters ------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "text", "named"), [
    ("value", "14\u200b62", "U+200B ZERO WIDTH SPACE, after '14'"),
    ("metric", "\ufeffunits_revived", "U+FEFF ZERO WIDTH NO-BREAK SPACE (byte-order mark), at the start"),
    ("speaker", "Farshad\u00a0Moqimi, ISIPO head", "U+00A0 NO-BREAK SPACE, after 'Farshad'"),
    ("speaker", "\u200eFarshad Moqimi", "U+200E LEFT-TO-RIGHT MARK, at the start"),
    ("note", "ISIPO annual review\u200f", "U+200F RIGHT-TO-LEFT MARK, at the end"),
    ("scope", "natio\u00adnal", "U+00AD SOFT HYPHEN, after 'natio'"),
    ("note", "annual\u2009review", "U+2009 THIN SPACE, after 'annual'"),
    ("note", "annual\x0breview", "U+000B LINE TABULATION (vertical tab), after 'annual'"),
], ids=["zero-width-space", "bom-inside-a-cell", "no-break-space", "left-to-right-mark", "right-to-left-mark",
        "soft-hyphen", "thin-space", "vertical-tab"])
def test_invisible_characters_are_named_with_their_code_point(ledger_copy, field, text, named):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", field, text)
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", line, "C003", field)
    assert named in message and "retype the cell without it" in message
    assert "⟨U+" in message  # the character is shown, not printed invisibly
    # Exactly one problem for the cell: the invisible character, not also "not a known metric".
    assert len([p for p in error.problems if p.line == line and p.field == field]) == 1


def test_zero_width_non_joiner_is_allowed_inside_persian_words_only(ledger_copy):
    """Persian spelling needs U+200C between letters (می‌شود); anywhere else it is an invisible character."""
    ledger_copy.set_cell(ledger_copy.sources, "S03", "publisher", "خبرگزاری مهر \u2014 می\u200cشود")
    load_ledger(data_dir=ledger_copy.data, seeds_dir=ledger_copy.seeds)  # accepted
    line = ledger_copy.line_of(ledger_copy.sources, "S03")
    ledger_copy.set_cell(ledger_copy.sources, "S03", "publisher", "Mehr\u200c News")
    error = load_fails(ledger_copy)
    assert "U+200C ZERO WIDTH NON-JOINER, after 'Mehr'" in problem_line(error, "sources.tsv", line, "S03", "publisher")


def test_invisible_character_in_the_header_names_the_column(ledger_copy):
    raw = ledger_copy.figures.read_bytes()
    ledger_copy.figures.write_bytes(raw.replace(b"\tnote\n", "\t\u200bnote\n".encode("utf-8"), 1))
    error = load_fails(ledger_copy)
    assert "figures.tsv, line 1: the name of column 20 ('⟨U+200B⟩note') holds an invisible character, " \
           "U+200B ZERO WIDTH SPACE, at the start" in str(error)


# --- values: finite and plausible --------------------------------------------------------------------

@pytest.mark.parametrize(("record", "text", "expected"), [
    # units_revived: 0 .. 100,000 units (data/metrics.tsv)
    ("C003", "146200", "'146200' is above the largest plausible units_revived (100,000 units)"),
    # financing_rials: at most 1e17 rials; 35e18 is a sum in the wrong unit
    ("C108", "35000000000000000000", "is above the largest plausible financing_rials (1e+17 rials)"),
    # jobs_growth_pct_stated may be negative, but not below -100 percent
    ("C166", "-135.4", "'-135.4' is below the smallest plausible jobs_growth_pct_stated (-100 percent)"),
    ("C003", "9" * 400, "is not a finite number (too large: check the digits)"),
    ("C003", "1.5e3", "'1.5e3' is not a finite number"),
    ("C003", "-inf", "'-inf' is not a finite number"),
], ids=["count-above-range", "money-in-wrong-unit", "growth-below-minus-100", "400-digits", "exponent", "minus-inf"])
def test_values_outside_their_metrics_plausible_range_are_refused(ledger_copy, record, text, expected):
    line = ledger_copy.line_of(ledger_copy.figures, record)
    ledger_copy.set_cell(ledger_copy.figures, record, "value", text)
    error = load_fails(ledger_copy)
    assert expected in problem_line(error, "figures.tsv", line, record, "value")


def test_a_zero_count_is_accepted(ledger_copy):
    """Zero lies in every count's range (0 .. 100,000 units revived): a stated zero is a figure, read exactly."""
    ledger_copy.set_cell(ledger_copy.figures, "C003", "value", "0")
    row = load_ledger(data_dir=ledger_copy.data, seeds_dir=ledger_copy.seeds).figure("C003")
    assert (row["value"], row["low"], row["high"]) == (0, 0, 0)


# --- dates: the programme's span, and the right calendar ----------------------------------------------

@pytest.mark.parametrize(("record", "field", "text", "expected"), [
    ("C003", "period_start", "1500-01-01", "'1500-01-01' lies outside the programme's span"),
    ("C003", "period_start", "2010-03-20", "'2010-03-20' lies outside the programme's span, Iranian years 1390-1410 "
                                           "(2011-03-21 .. 2032-03-19)"),
    ("C003", "period_end", "2300-01-01", "'2300-01-01' lies outside the programme's span"),
    ("F04", "period_start_jalali", "1389/12/29", "'1389/12/29' lies outside the programme's span"),
    ("F03", "period_end_jalali", "1411/01/01", "'1411/01/01' lies outside the programme's span"),
    # C005 (total industrial-park units, S02) has no period: a year far out of range is refused, not a crash.
    ("C005", "jalali_year", "1500", "1500 lies outside the programme's span, Iranian years 1390-1410"),
], ids=["year-1500", "day-before-span", "year-2300", "jalali-before-span", "jalali-after-span", "undated-year-1500"])
def test_dates_outside_the_programmes_span_are_refused(ledger_copy, record, field, text, expected):
    line = ledger_copy.line_of(ledger_copy.figures, record)
    ledger_copy.set_cell(ledger_copy.figures, record, field, text)
    error = load_fails(ledger_copy)
    assert expected in problem_line(error, "figures.tsv", line, record, field)


@pytest.mark.parametrize(("record", "field", "text", "expected"), [
    # 1399 began on 2020-03-20 (BRIEF), so 2020-03-20 is 1399/01/01.
    ("F04", "period_start_jalali", "2020-03-20",
     "'2020-03-20' is a Gregorian date (2020-03-20 is 1399/01/01 in the Iranian calendar); this column takes "
     "Iranian dates YYYY/MM/DD: write 1399/01/01 here, or move the date to period_start"),
    ("F04", "period_start_jalali", "2020/03/20", "'2020/03/20' is a Gregorian date (2020-03-20 is 1399/01/01"),
    # 1396 began on 2017-03-21 (C001's period, the ledger's 1396).
    ("C003", "period_start", "1396-01-01",
     "'1396-01-01' is an Iranian date (year 1396); this column takes Gregorian dates YYYY-MM-DD: write 2017-03-21 "
     "here, or put the Iranian date in period_start_jalali as 1396/01/01"),
    ("C003", "period_start", "1396/01/01", "'1396/01/01' is an Iranian date (year 1396)"),
], ids=["gregorian-in-jalali-column", "gregorian-with-slashes", "jalali-in-gregorian-column", "jalali-with-slashes"])
def test_a_date_in_the_other_calendars_column_is_named_as_such(ledger_copy, record, field, text, expected):
    line = ledger_copy.line_of(ledger_copy.figures, record)
    ledger_copy.set_cell(ledger_copy.figures, record, field, text)
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", line, record, field)
    assert expected in message
    assert "outside the years the calendar table covers" not in str(error)


# --- the file's shape --------------------------------------------------------------------------------

def test_trailing_tab_on_every_line_is_named(ledger_copy):
    rows = ledger_copy.figures.read_text(encoding="utf-8").rstrip("\n").split("\n")
    ledger_copy.figures.write_text("\n".join(r + "\t" for r in rows) + "\n", encoding="utf-8")
    error = load_fails(ledger_copy)
    assert [str(p) for p in error.problems] == [
        "figures.tsv, line 1: every line ends with a tab, which adds an empty column after 'note'; delete the "
        "trailing tabs (in a spreadsheet: delete the empty last column) and save again"]


def test_trailing_tab_on_one_row_is_named(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    rows = ledger_copy.figures.read_text(encoding="utf-8").split("\n")
    rows[line - 1] += "\t"
    ledger_copy.figures.write_text("\n".join(rows), encoding="utf-8")
    error = load_fails(ledger_copy)
    assert f"figures.tsv, line {line} (C003): this row has 21 tab-separated cells, expected 20: it ends with 1 " \
           "extra tab(s) after the 'note' cell; delete them" in str(error)


@pytest.mark.parametrize(("field", "position"), [("speaker", 16), ("note", 19)])  # 0-based: province at 8, expectation at 10
def test_quoted_cell_with_a_line_break_names_both_lines(ledger_copy, field, position):
    """A spreadsheet writes a cell holding a line break in quotes, over two lines: name the row's first line and both."""
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    rows = ledger_copy.figures.read_text(encoding="utf-8").split("\n")
    cells = rows[line - 1].split("\t")
    cells[position] = f'"{cells[position]}\nsecond line"'
    rows[line - 1] = "\t".join(cells)
    ledger_copy.figures.write_text("\n".join(rows), encoding="utf-8")
    error = load_fails(ledger_copy)
    message = problem_line(error, "figures.tsv", line, "C003", field)
    assert f"the {field} cell holds a line break, so this row runs on to line {line + 1}" in message
    assert f"(lines {line}-{line + 1})" in message and "begins with a quote mark" in message
    assert len(error.problems) == 1  # the second line is not reported as a row of its own


def test_cell_beginning_with_a_straight_quote_is_refused(ledger_copy):
    """Standard readers would take such a cell as quoted; refusing it keeps every reader reading the same cells."""
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "note", '"Annual review", ISIPO says')
    error = load_fails(ledger_copy)
    assert "begins with a straight double quote" in problem_line(error, "figures.tsv", line, "C003", "note")


def test_uppercase_https_is_accepted_and_other_schemes_are_not(ledger_copy):
    url = ledger_copy.cell(ledger_copy.sources, "S03", "url")
    ledger_copy.set_cell(ledger_copy.sources, "S03", "url", "HTTPS://" + url.split("://", 1)[1])
    load_ledger(data_dir=ledger_copy.data, seeds_dir=ledger_copy.seeds)  # accepted
    ledger_copy.set_cell(ledger_copy.sources, "S03", "url", "ftp://" + url.split("://", 1)[1])
    error = load_fails(ledger_copy)
    assert "an address starts with http:// or https://" in problem_line(
        error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S03"), "S03", "url")


# --- seed files: one wording whatever the target --------------------------------------------------------

@pytest.mark.parametrize(("name", "setup", "what"), [
    ("missing.txt", None, "the file is missing; restore it from the published source, or correct the name"),
    ("copy.txt", "copy-without-record", "its provenance record copy.toml is missing; restore it beside the seed file"),
    (SEED_FILE, "alter", "the file has been altered"),
], ids=["missing-target", "existing-target-without-record", "existing-target-altered"])
def test_seed_file_problems_are_worded_the_same_way(ledger_copy, name, setup, what):
    if setup == "copy-without-record":
        (ledger_copy.seeds / name).write_bytes((ledger_copy.seeds / SEED_FILE).read_bytes())
    if setup == "alter":
        seed = ledger_copy.seeds / SEED_FILE
        seed.write_bytes(seed.read_bytes().replace(b"468", b"469", 1))
    ledger_copy.set_cell(ledger_copy.sources, "S00", "seed_file", name)
    error = load_fails(ledger_copy)
    message = problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S00"), "S00", "seed_file")
    assert message.split(": ", 1)[1].startswith(f"seed file '{name}' in seeds/: {what}")


def test_seed_file_outside_the_seeds_folder_is_refused(ledger_copy):
    ledger_copy.set_cell(ledger_copy.sources, "S00", "seed_file", "../data/figures.tsv")
    error = load_fails(ledger_copy)
    assert "a plain name, no folders" in problem_line(
        error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S00"), "S00", "seed_file")


# --- rules across fields and rows ----------------------------------------------------------------------

def test_count_ending_after_its_report_is_refused(ledger_copy):
    # C003: units revived in 1396, from S02, published 2018-05-22 at the latest.
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "period_end", "2018-06-30")
    error = load_fails(ledger_copy)
    assert "the period ends on 2018-06-30, after the report could have appeared (by 2018-05-22 at the latest)" in \
        problem_line(error, "figures.tsv", line, "C003", "period_end")


def test_count_starting_after_its_report_is_refused(ledger_copy):
    # C007: renovated units from 2018-03-21 to S03's publication (2018-05-22); an open end runs to the report.
    line = ledger_copy.line_of(ledger_copy.figures, "C007")
    ledger_copy.set_cell(ledger_copy.figures, "C007", "period_start", "2018-06-01")
    ledger_copy.set_cell(ledger_copy.figures, "C007", "jalali_year", "")
    error = load_fails(ledger_copy)
    assert "the period starts on 2018-06-01, after the report could have appeared (by 2018-05-22" in \
        problem_line(error, "figures.tsv", line, "C007", "period_start")


def test_stock_dated_after_its_report_is_refused(ledger_copy):
    # C031: idle units as of 2018-03-20, from S09, published 2019-11-11 at the latest.
    line = ledger_copy.line_of(ledger_copy.figures, "C031")
    ledger_copy.set_cell(ledger_copy.figures, "C031", "period_end", "2020-03-19")
    ledger_copy.set_cell(ledger_copy.figures, "C031", "jalali_year", "1398")
    error = load_fails(ledger_copy)
    assert "a stock's as-of date (2020-03-19) cannot be after its report (published by 2019-11-11 at the latest)" in \
        problem_line(error, "figures.tsv", line, "C031", "period_end")


def test_targets_and_allocations_may_lie_ahead_of_their_report():
    """C001 (the 1396 units target, published 2017-06-02) and C021 (1398 money, published 2019-08-16) run to year end."""
    ledger = load_ledger()
    for fid, end, published in (("C001", "2018-03-20", "2017-06-02"), ("C021", "2020-03-19", "2019-08-16")):
        row = ledger.figure(fid)
        assert row["end"] == pd.Timestamp(end) and row["published_latest"] == pd.Timestamp(published)


@pytest.mark.parametrize(("text", "refused"), [("1398", True), ("1397", False), ("1396", False)])
def test_stated_year_of_an_undated_row_is_not_after_its_report(ledger_copy, text, refused):
    # C005 (industrial-park units, no date) is from S02, published by 2018-05-22 = 1397/03/01, in 1397.
    ledger_copy.set_cell(ledger_copy.figures, "C005", "jalali_year", text)
    if not refused:
        ledger = load_ledger(data_dir=ledger_copy.data, seeds_dir=ledger_copy.seeds)
        assert ledger.figure("C005")["jalali_year"] == int(text)
        return
    error = load_fails(ledger_copy)
    assert "Iranian year 1398 is after its report could have appeared (by 2018-05-22 at the latest, in 1397)" in \
        problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "C005"), "C005", "jalali_year")


def test_restatement_loop_of_two_is_refused_on_both_rows(ledger_copy):
    # C020 restates C014; pointing C014 back at C020 closes a loop.
    ledger_copy.set_cell(ledger_copy.figures, "C014", "restates", "C020")
    error = load_fails(ledger_copy)
    for fid in ("C014", "C020"):
        message = problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, fid), fid, "restates")
        assert "the restatement links form a loop (C014 -> C020 -> C014)" in message


def test_restatement_loop_of_three_is_named_in_link_order(ledger_copy):
    # C017 and C020 restate C014 (the 1398 national target, 2,000); make C014 -> C017 -> C020 -> C014.
    ledger_copy.set_cell(ledger_copy.figures, "C014", "restates", "C017")
    ledger_copy.set_cell(ledger_copy.figures, "C017", "restates", "C020")
    error = load_fails(ledger_copy)
    loops = {p.record for p in error.problems if "form a loop (C014 -> C017 -> C020 -> C014)" in p.message}
    assert loops == {"C014", "C017", "C020"}
    assert not any(p.record == "C038" for p in error.problems)  # C038 -> C014 leads into the loop but is not on it


def test_restatement_chains_and_later_targets_are_fine(ledger_copy):
    """A link may point at a later figure, and a chain (C014 -> C038 -> C020) is not a loop."""
    ledger_copy.set_cell(ledger_copy.figures, "C014", "restates", "C038")
    ledger_copy.set_cell(ledger_copy.figures, "C038", "restates", "C020")
    ledger_copy.set_cell(ledger_copy.figures, "C020", "restates", "")
    ledger = load_ledger(data_dir=ledger_copy.data, seeds_dir=ledger_copy.seeds)
    assert ledger.figure("C014")["restates"] == "C038"


def test_restatement_of_a_figure_with_another_period_is_refused(ledger_copy):
    # C036 restates C034 (529 units, first half of 1398); give it the whole year instead.
    line = ledger_copy.line_of(ledger_copy.figures, "C036")
    ledger_copy.set_cell(ledger_copy.figures, "C036", "period_end", "2020-03-19")
    error = load_fails(ledger_copy)
    assert "restates C034, whose period is '2019-03-21 .. 2019-09-22', not '2019-03-21 .. 2020-03-19'" in \
        problem_line(error, "figures.tsv", line, "C036", "restates")


def test_restatement_with_another_qualifier_is_the_same_figure():
    """C053 ('up to 1,500') restates C047 (1,500): one number worded two ways is accepted."""
    ledger = load_ledger()
    c053, c047 = ledger.figure("C053"), ledger.figure("C047")
    assert (c053["restates"], c053["qualifier"], c047["qualifier"]) == ("C047", "up_to", "exact")
    assert c053["value"] == c047["value"] == 1500


def test_restating_itself_is_refused(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "C014")
    ledger_copy.set_cell(ledger_copy.figures, "C014", "restates", "C014")
    error = load_fails(ledger_copy)
    assert "a figure cannot restate itself" in problem_line(error, "figures.tsv", line, "C014", "restates")


def test_seed_value_must_be_a_number_its_quote_states(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "F04")  # quote: "so far 468 units have resumed operation"
    ledger_copy.set_cell(ledger_copy.figures, "F04", "value", "469")
    error = load_fails(ledger_copy)
    assert problem_line(error, "figures.tsv", line, "F04", "value").endswith(
        "the value 469 is not a number this quote states (it states 468); correct the value or the quote")


def test_target_kind_only_for_targets(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "target_kind", "revival")
    error = load_fails(ledger_copy)
    assert "target_kind is only for targets; leave it empty for a flow such as units_revived" in \
        problem_line(error, "figures.tsv", line, "C003", "target_kind")


@pytest.mark.parametrize("text", ["0", "-100", "0.0", "1e2"])
def test_rounding_must_be_none_or_a_positive_step(ledger_copy, text):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "rounding", text)
    error = load_fails(ledger_copy)
    assert "or the step the figure was rounded to, a positive number" in \
        problem_line(error, "figures.tsv", line, "C003", "rounding")


def test_unknown_metric_in_another_case_gets_a_suggestion(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "metric", "Units_Revived")
    error = load_fails(ledger_copy)
    assert "(did you mean 'units_revived'?)" in problem_line(error, "figures.tsv", line, "C003", "metric")


def test_two_primary_sources_name_the_second(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.sources, "S03")
    ledger_copy.set_cell(ledger_copy.sources, "S03", "primary", "yes")
    error = load_fails(ledger_copy)
    assert "only one source can be primary, and S00 (line 2) already is" in \
        problem_line(error, "sources.tsv", line, "S03", "primary")


# --- provinces -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Kuzestan", "'Kuzestan' is not a province in data/provinces.tsv (did you mean 'Khuzestan'?); write the province's "
                 "English name as that file spells it, or leave the cell empty for a figure about the whole country"),
    ("khuzestan", "(did you mean 'Khuzestan'?)"),
    ("Kurdistan", "(did you mean 'Kordestan'?)"),
    ("Razavi Khorasan", "(did you mean 'Khorasan Razavi'?)"),
    ("Kohgiluyeh & Boyer Ahmad", "(did you mean 'Kohgiluyeh and Boyer-Ahmad'?)"),
    ("Tehran province", "(did you mean 'Tehran'?)"),
    ("Sistan", "(did you mean 'Sistan and Baluchestan'?)"),
    ("Azerbaijan", "(did you mean 'East Azerbaijan' or 'West Azerbaijan'?)"),
    ("خوزستان", "('خوزستان' is the Persian name of Khuzestan: write Khuzestan)"),
    ("استان كرمان", "('استان كرمان' is the Persian name of Kerman: write Kerman)"),  # Arabic kaf, 'province of'
    # The codes of 2020: IR-06 is Khuzestan; IR-07, Tehran's code before, is now Fars's.
    ("IR-06", "(IR-06 is Khuzestan's ISO 3166-2 code since 2020: write Khuzestan)"),
    ("IR-07", "(IR-07 is Fars's ISO 3166-2 code since 2020: write Fars)"),
    ("Atlantis", "'Atlantis' is not a province in data/provinces.tsv; write the province's English name"),
], ids=["misspelt", "lower-case", "other-transliteration", "word-order", "ampersand", "with-province",
        "part-of-the-name", "two-equally-close", "persian-name", "persian-with-arabic-letters", "iso-code",
        "iso-code-not-the-old-one", "no-province-close"])
def test_unknown_province_is_refused_with_the_closest_spelling(ledger_copy, text, expected):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "province", text)
    error = load_fails(ledger_copy)
    assert expected in problem_line(error, "figures.tsv", line, "C003", "province")
    assert len(error.problems) == 1


def test_a_province_spelt_as_the_vocabulary_spells_it_loads(ledger_copy):
    ledger_copy.set_cell(ledger_copy.figures, "C003", "province", "Kohgiluyeh and Boyer-Ahmad")
    ledger = _loaded(ledger_copy)
    assert ledger.figure("C003")["province"] == "Kohgiluyeh and Boyer-Ahmad"
    assert ledger.figure("C004")["province"] == ""  # empty: the whole country


def test_a_province_with_an_invisible_character_is_named_as_such(ledger_copy):
    line = ledger_copy.line_of(ledger_copy.figures, "C003")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "province", "Khuzestan\u200f")
    error = load_fails(ledger_copy)
    assert "U+200F RIGHT-TO-LEFT MARK, at the end" in problem_line(error, "figures.tsv", line, "C003", "province")


def test_restatement_of_a_figure_about_another_province_is_refused(ledger_copy):
    # C018 (122 units, early 1398, national) restates C015; about Tehran it would be another figure.
    line = ledger_copy.line_of(ledger_copy.figures, "C018")
    ledger_copy.set_cell(ledger_copy.figures, "C018", "province", "Tehran")
    error = load_fails(ledger_copy)
    assert "restates C015, whose province is '(none: the whole country)', not 'Tehran'; a restatement repeats the same " \
           "figure (same metric, value, scope, province, target kind, expectation, period and year)" in problem_line(error, "figures.tsv", line, "C018", "restates")


def test_restatement_within_one_province_is_fine(ledger_copy):
    for fid in ("C015", "C018"):
        ledger_copy.set_cell(ledger_copy.figures, fid, "province", "Tehran")
    assert _loaded(ledger_copy).figure("C018")["restates"] == "C015"


# --- counts whose report gives no first day --------------------------------------------------------------

def test_a_count_with_no_stated_period_loads_and_runs_to_its_report(ledger_copy):
    """'Over the past year' in an undated report: no start, no end, no year. C003 is from S02 (2018-03-21 .. 2018-05-22)."""
    for field in ("period_start", "period_end", "jalali_year"):
        ledger_copy.set_cell(ledger_copy.figures, "C003", field, "")
    row = _loaded(ledger_copy).figure("C003")
    assert pd.isna(row["start"]) and pd.isna(row["end"]) and pd.isna(row["jalali_year"])
    assert row["end_from_publication"]
    assert (row["end_earliest"], row["end_latest"]) == (pd.Timestamp("2018-03-21"), pd.Timestamp("2018-05-22"))


@pytest.mark.parametrize("kept", ["period_end", "jalali_year", "period_end_jalali"])
def test_a_count_with_an_end_or_a_year_but_no_first_day_is_refused(ledger_copy, kept):
    # C003: 2017-03-21 .. 2018-03-20, 1396 (1396/12/29 is 2018-03-20).
    cells = {"period_start": "", "period_end": "", "jalali_year": "", "period_end_jalali": ""}
    cells[kept] = {"period_end": "2018-03-20", "jalali_year": "1396", "period_end_jalali": "1396/12/29"}[kept]
    for field, text in cells.items():
        ledger_copy.set_cell(ledger_copy.figures, "C003", field, text)
    error = load_fails(ledger_copy)
    assert problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "C003"), "C003", "period_start").endswith(
        "a count over a period needs its first day; when the report gives none (a count 'over the past year', or "
        "'so far' with no start), leave period_end and jalali_year empty too")
