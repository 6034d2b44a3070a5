"""One question, one number: a quantity shown on several pages has the same value and bounds on each.

Reads the committed notebooks' outputs (what readers see) and checks three quantities the issue
names, with the expected text worked out by hand from the ledger rows:

- units revived in 1399, national: C106 "1500" (1,450 .. 1,550) and C124 "over 1500" (1,500 ..) are
  one claim; their common part is 1,500 .. 1,550, so "1,500 (1,500 to 1,550)";
- jobs per unit in 1400, national: 36,000 jobs (C136; 35,500 .. 36,500) over 2,067 units (C133,
  exact): 17.42, from 35,500 / 2,067 = 17.17 to 36,500 / 2,067 = 17.66, so "17.4 (17.2 to 17.7)";
- the 1399 SME target: first stated 1,500 (S12), revised to 2,000 (S15).
"""

from __future__ import annotations

import html
import re

import nbformat
import pytest

from analysis import paths

NOTEBOOKS = {p.stem: p for p in sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))}


def _outputs(stem: str) -> str:
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts.append(data.get("text/html", "") + data.get("text/plain", "") if isinstance(data.get("text/html", ""), str)
                         else "".join(data.get("text/html", [])))
    return "\n".join(parts)


def _rows(text: str, first_cell: str) -> list[str]:
    """The text of every table row whose first cell is ``first_cell``."""
    rows = re.findall(r"<tr>(.*?)</tr>", text, flags=re.S)
    out = []
    for row in rows:
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells and cells[0] == first_cell:
            out.append(" | ".join(cells))
    return out


@pytest.mark.parametrize("stem", ["01-timeline", "03-year-on-year"])
def test_the_1399_national_count_is_the_same_everywhere(stem):
    rows = [r for r in _rows(_outputs(stem), "1399 (2020-21)") if "| national |" in r]
    assert rows, f"{stem} shows no 1399 national row"
    for row in rows:
        assert "1,500 (1,500 to 1,550)" in row, row
        assert "1,450" not in row and "1,600" not in row, row


def test_the_1400_jobs_per_unit_is_the_same_in_the_table_and_the_answer():
    text = _outputs("02-jobs-per-unit")
    rows = [r for r in _rows(text, "1400 (2021-22)") if "| national |" in r]
    assert len(rows) == 1 and "17.4 (17.2 to 17.7)" in rows[0], rows
    assert "1400: 17.4 (17.2 to 17.7)" in html.unescape(text)


def test_the_1399_target_as_first_stated_and_as_revised():
    years = [r for r in _rows(_outputs("01-timeline"), "1399 (2020-21)") if "SME plan: 2,000 (first stated 1,500)" in r]
    assert len(years) == 1
    attained = _rows(_outputs("03-year-on-year"), "1399 (2020-21)")
    sme_units = [r for r in attained if "units target, SME plan" in r]
    assert any("| 1,500 | first stated |" in r for r in sme_units), sme_units
    assert any("| 2,000 | revised |" in r for r in sme_units), sme_units
