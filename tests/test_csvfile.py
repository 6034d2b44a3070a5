"""CSV files: formula-like text neutralised (OWASP's CSV-injection advice), numbers untouched."""

from __future__ import annotations

import csv

import pandas as pd

from analysis import csvfile, paths
from analysis.present import tables


def read_rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_formula_like_text_gets_a_quote_in_front(tmp_path):
    frame = pd.DataFrame({
        "publisher": ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tindented", "\rcarriage", "IRNA"],
        "count": [1, 2, 3, 4, 5, 6, 7],
    })
    path = csvfile.write_csv(frame, tmp_path / "t.csv")
    rows = read_rows(path)
    assert rows[0] == ["publisher", "count"]
    assert [r[0] for r in rows[1:]] == [
        "'=HYPERLINK(\"http://x\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tindented", "'\rcarriage", "IRNA",
    ]
    assert [r[1] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6", "7"]


def test_numbers_are_never_changed(tmp_path):
    frame = pd.DataFrame({
        "as_text": ["-12", "+3.5", "-1.2e5", "-.5", "- 3", "-"],
        "as_float": [-12.0, 3.5, -120000.0, -0.5, 0.0, float("nan")],
    })
    rows = read_rows(csvfile.write_csv(frame, tmp_path / "n.csv"))
    assert [r[0] for r in rows[1:]] == ["-12", "+3.5", "-1.2e5", "-.5", "'- 3", "'-"]
    assert [r[1] for r in rows[1:]] == ["-12.0", "3.5", "-120000.0", "-0.5", "0.0", ""]


def test_column_names_are_neutralised_too_and_the_frame_is_not_changed(tmp_path):
    frame = pd.DataFrame({"=cmd": ["a"], "-1": ["b"], "ok": [None]})
    before = frame.copy()
    rows = read_rows(csvfile.write_csv(frame, tmp_path / "h.csv"))
    assert rows == [["'=cmd", "-1", "ok"], ["a", "b", ""]]
    pd.testing.assert_frame_equal(frame, before)


def test_output_is_plain_utf8_with_unix_line_endings_and_identical_run_to_run(tmp_path):
    frame = pd.DataFrame({"name": ["تهران", "a,b", 'say "hi"'], "n": [1, 2, 3]})
    first = csvfile.write_csv(frame, tmp_path / "a.csv").read_bytes()
    second = csvfile.write_csv(frame, tmp_path / "b.csv").read_bytes()
    assert first == second
    assert first == 'name,n\nتهران,1\n"a,b",2\n"say ""hi""",3\n'.encode("utf-8")


def test_the_pages_csv_files_go_through_the_neutraliser(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path))
    tables.write_csv(pd.DataFrame({"speaker": ["=1+1"], "n": [-3]}), "x", "A title")
    path = paths.output_dir() / "x.csv"
    assert read_rows(path) == [["speaker", "n"], ["'=1+1", "-3"]]
    # Listed, with its title, kind and rows, for the report's downloads.
    assert (tmp_path / tables.MANIFEST).read_text(encoding="utf-8") == "x.csv\tA title\ttable\t1\n"


def test_a_number_cell_puts_its_range_under_the_value_and_leaves_other_cells_alone():
    from analysis.present.blocks import Context
    from analysis.words import Text

    frame = pd.DataFrame({"Units": ["1,700 (1,650 to 1,750)", "1,462", "at least 122"], "Note": ["a (b)", "x", "<y>"]})
    cols = [tables.Col("column.figure", lambda r: Text(r["Units"]), numeric=True), tables.Col("column.note", lambda r: Text(r["Note"]))]
    html = tables.table(frame, cols).html(Context())
    assert '<td class="num">1,700 <span class="range">(1,650 to 1,750)</span></td>' in html
    assert '<td class="num">1,462</td>' in html and '<td class="num">at least 122</td>' in html
    assert "<td>a (b)</td>" in html and "<td>&lt;y&gt;</td>" in html  # text columns: as written, escaped
