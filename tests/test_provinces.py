"""The provinces vocabulary (data/provinces.tsv): Iran's 31 provinces, their ISO codes and tile-grid squares.

Expected values are written out by hand: the English names as ``shared/sources/provinces.tsv`` spells
them, and codes from ISO 3166-2:IR as re-coded on 2020-11-24 (IR-00 .. IR-30).
"""

from __future__ import annotations

import shutil

import frictionless
import pytest

from analysis import paths, vocab
from analysis.ledger import LedgerError

NAMES = [
    "Alborz", "Ardabil", "Bushehr", "Chaharmahal and Bakhtiari", "East Azerbaijan", "Fars", "Gilan", "Golestan",
    "Hamadan", "Hormozgan", "Ilam", "Isfahan", "Kerman", "Kermanshah", "Khorasan Razavi", "Khuzestan",
    "Kohgiluyeh and Boyer-Ahmad", "Kordestan", "Lorestan", "Markazi", "Mazandaran", "North Khorasan", "Qazvin", "Qom",
    "Semnan", "Sistan and Baluchestan", "South Khorasan", "Tehran", "West Azerbaijan", "Yazd", "Zanjan",
]


def test_the_31_provinces_with_unique_names_codes_and_squares():
    p = vocab.PROVINCES
    assert list(p) == NAMES
    assert len(p) == 31
    assert len({v.name_fa for v in p.values()}) == 31
    assert len({v.iso_code for v in p.values()}) == 31
    assert len({(v.row, v.col) for v in p.values()}) == 31


def test_iso_codes_are_the_codes_of_2020():
    """IR-00 .. IR-30, every number once; a few checked one by one against ISO's change of 2020-11-24."""
    p = vocab.PROVINCES
    assert sorted(v.iso_code for v in p.values()) == [f"IR-{n:02d}" for n in range(31)]
    expected = {"Markazi": "IR-00", "Gilan": "IR-01", "Khuzestan": "IR-06", "Fars": "IR-07", "Khorasan Razavi": "IR-09",
                "Tehran": "IR-23", "Golestan": "IR-27", "South Khorasan": "IR-29", "Alborz": "IR-30"}
    assert {name: p[name].iso_code for name in expected} == expected


def test_persian_names():
    p = vocab.PROVINCES
    assert (p["Tehran"].name_fa, p["Khuzestan"].name_fa, p["Khorasan Razavi"].name_fa) == ("تهران", "خوزستان", "خراسان رضوی")
    # Persian letter forms (ی U+06CC, ک U+06A9), not the Arabic ones (ي U+064A, ك U+0643).
    assert not any(ch in v.name_fa for v in p.values() for ch in "\u064a\u0643")


def test_the_tile_grid_is_compact():
    """Rows 1..5 and columns 1..7, with no empty row or column: 31 of 35 squares used."""
    squares = {(v.row, v.col) for v in vocab.PROVINCES.values()}
    assert {r for r, _ in squares} == set(range(1, 6))
    assert {c for _, c in squares} == set(range(1, 8))


@pytest.mark.parametrize(("north", "south"), [
    ("Gilan", "Qazvin"), ("Mazandaran", "Tehran"), ("Tehran", "Isfahan"), ("Isfahan", "Fars"), ("Kerman", "Hormozgan"),
    ("Khorasan Razavi", "South Khorasan"), ("South Khorasan", "Sistan and Baluchestan"), ("Lorestan", "Khuzestan"),
    ("West Azerbaijan", "Kordestan"), ("Kordestan", "Kermanshah"), ("Kermanshah", "Ilam"),
])
def test_the_tile_grid_keeps_north_above_south(north, south):
    p = vocab.PROVINCES
    assert p[north].row < p[south].row


@pytest.mark.parametrize(("west", "east"), [
    ("West Azerbaijan", "East Azerbaijan"), ("East Azerbaijan", "Ardabil"), ("Gilan", "Mazandaran"),
    ("Mazandaran", "Golestan"), ("Golestan", "North Khorasan"), ("Qazvin", "Tehran"), ("Tehran", "Semnan"),
    ("Semnan", "Khorasan Razavi"), ("Khuzestan", "Bushehr"), ("Fars", "Kerman"), ("Kerman", "Sistan and Baluchestan"),
    ("Ilam", "Lorestan"),
])
def test_the_tile_grid_keeps_west_left_of_east(west, east):
    p = vocab.PROVINCES
    assert p[west].col < p[east].col


def test_the_standard_validator_checks_a_figures_province(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", data)
    rows = (data / "figures.tsv").read_text(encoding="utf-8").split("\n")
    header = rows[0].split("\t")
    line = next(i for i, r in enumerate(rows) if r.startswith("C003\t"))
    cells = rows[line].split("\t")
    cells[header.index("province")] = "Atlantis"
    rows[line] = "\t".join(cells)
    (data / "figures.tsv").write_text("\n".join(rows), encoding="utf-8")
    report = frictionless.validate(str(data / "datapackage.json"))
    found = {tuple(e) for e in report.flatten(["rowNumber", "fieldName", "type"])}
    assert (line + 1, "province", "constraint-error") in found
    assert any(r == line + 1 and k == "foreign-key" for r, _, k in found)


# --- a broken vocabulary file is refused naming file, line and field ---------------------------------

@pytest.fixture
def provinces_file(tmp_path, monkeypatch):
    """A copy of data/ that the vocabulary reader reads instead of the project's; yields its provinces.tsv."""
    from analysis.ledger import vocabulary

    shutil.copytree(paths.ROOT / "data", tmp_path / "data")
    monkeypatch.setattr(vocabulary, "SCHEMA_DIR", tmp_path / "data")
    vocabulary.vocabulary.cache_clear()
    yield tmp_path / "data" / "provinces.tsv"
    vocabulary.vocabulary.cache_clear()


def _edit(path, name: str, column: int, text: str) -> int:
    """Set one cell of the row of province ``name``; return its line number."""
    rows = path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, r in enumerate(rows) if r.split("\t")[0] == name)
    cells = rows[line].split("\t")
    cells[column] = text
    rows[line] = "\t".join(cells)
    path.write_text("\n".join(rows), encoding="utf-8")
    return line + 1


def _refusal(path) -> str:
    from analysis.ledger.vocabulary import provinces

    with pytest.raises(LedgerError) as info:
        provinces()
    return str(info.value)


def test_two_provinces_on_one_square_are_refused(provinces_file):
    # Tehran is on row 2, col 5; Zanjan comes after it in the file.
    line = _edit(provinces_file, "Zanjan", 3, "2")
    _edit(provinces_file, "Zanjan", 4, "5")
    tehran_line = 1 + NAMES.index("Tehran") + 1
    assert (f"provinces.tsv, line {line} (Zanjan), field 'col': row 2, col 5 is Tehran's square already "
            f"(line {tehran_line}); give each province a square of its own") in _refusal(provinces_file)


def test_a_repeated_iso_code_is_refused(provinces_file):
    line = _edit(provinces_file, "Zanjan", 2, "IR-23")  # Tehran's
    assert f"provinces.tsv, line {line} (Zanjan), field 'iso_code': 'IR-23' is used by an earlier row too" in \
        _refusal(provinces_file)


def test_an_iso_code_not_of_the_form_ir_nn_is_refused(provinces_file):
    line = _edit(provinces_file, "Tehran", 2, "IR-TE")
    assert f"provinces.tsv, line {line} (Tehran), field 'iso_code': 'IR-TE'" in _refusal(provinces_file)


def test_a_grid_position_that_is_not_a_whole_number_is_refused(provinces_file):
    line = _edit(provinces_file, "Tehran", 3, "two")
    assert f"provinces.tsv, line {line} (Tehran), field 'row': 'two' is not a whole number" in _refusal(provinces_file)


def test_a_province_missing_from_the_file_is_refused(provinces_file):
    rows = provinces_file.read_text(encoding="utf-8").rstrip("\n").split("\n")
    provinces_file.write_text("\n".join(r for r in rows if not r.startswith("Qom\t")) + "\n", encoding="utf-8")
    assert "differ from the enum of figures.province in datapackage.json" in _refusal(provinces_file)
