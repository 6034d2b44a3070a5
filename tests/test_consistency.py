"""One question, one number: a quantity shown on several pages has the same value and bounds on each.

Reads the committed notebooks' outputs (what readers see) and checks three quantities the issue
names, with the expected text worked out by hand from the ledger rows:

- units revived in 1399, national: C106 "1500" (1,450 .. 1,550) and C124 "over 1500" (1,500 ..) are
  one claim reading 1,500 .. 1,550; the parks, part of national, counted 1,557 exactly (C107), so the
  bare 1,500 conflicts and "over 1,500" stands: "at least 1,557";
- units revived in 1401, national: C161's 1,563 to 2023-03-14 (day 359) plus six days at up to three
  times its pace, 1,563 .. 1,641.37, central 1,589.12: "1,589 (1,563 to 1,641)";
- units revived in 1397, national: the minister's "1700" (1,650 .. 1,750), with ISIPO's SME plan (a part)
  at 1,726 exactly: "1,726 (up to 1,750)" (a central value at an edge of its range says so);
- jobs per unit in 1400, national: 36,000 jobs (C136; 35,500 .. 36,500) over 2,067 units (C133,
  exact): 17.42, from 35,500 / 2,067 = 17.17 to 36,500 / 2,067 = 17.66, bounds rounded outward:
  "17.4 (17.1 to 17.7)";
- jobs per unit in 1401, national: jobs 31,292 .. 32,860.96 (central 31,814.99) over units 1,563 ..
  1,641.37 (central 1,589.12): 20.02, from 31,292 / 1,641.37 = 19.06 to 32,860.96 / 1,563 = 21.02:
  "20.0 (19.0 to 21.1)";
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


def _table(text: str, anchor: str) -> str:
    """The HTML of the table a page shows under ``anchor`` (its download's name), folded copy included."""
    start = text.index(f'id="{anchor}"')
    end = text.find('<p class="table-note">', start)
    return text[start:end if end > 0 else None]


def _rows(text: str, first_cell: str) -> list[str]:
    """The text of every table row whose first cell is ``first_cell``."""
    rows = re.findall(r"<tr>(.*?)</tr>", text, flags=re.S)
    out = []
    for row in rows:
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells and cells[0] == first_cell:
            out.append(" | ".join(cells))
    return out


@pytest.mark.parametrize("stem, anchor", [("01-timeline", "01-years"), ("03-year-on-year", "03-pace-by-year")])
@pytest.mark.parametrize("year, text, absent", [
    ("1399 (2020\u201321)", "at least 1,557", ("1,500 (1,500 to 1,550)", "1,450")),
    ("1401 (2022\u201323)", "1,589 (1,563 to 1,641)", ("1,751",)),
    ("1397 (2018\u201319)", "1,726 (up to 1,750)", ("1,700 (1,650", "1,726 (1,726")),
])
def test_the_national_count_is_the_same_everywhere(stem, anchor, year, text, absent):
    rows = [r for r in _rows(_table(_outputs(stem), anchor), year) if "| national |" in r]
    assert rows, f"{stem} shows no {year} national row"
    for row in rows:
        assert text in row, row
        assert not any(a in row for a in absent), row


@pytest.mark.parametrize("year, text", [("1400 (2021\u201322)", "17.4 (17.1 to 17.7)"), ("1401 (2022\u201323)", "20.0 (19.0 to 21.1)")])
def test_jobs_per_unit_is_the_same_in_the_table_and_the_answer(year, text):
    out = _outputs("02-jobs-per-unit")
    rows = [r for r in _rows(_table(out, "02-jobs-per-unit-by-year-table"), year) if "| national |" in r]
    assert len(rows) == 1 and text in rows[0], rows
    # The answer names the highest year's ratio (1401's 20.0) with the same central value as the table.
    if year.startswith("1401"):
        assert f"to {text.split(' ')[0]} in {year}" in html.unescape(out)


def test_the_1399_target_as_first_stated_and_as_revised():
    years = [r for r in _rows(_outputs("01-timeline"), "1399 (2020\u201321)") if "SME plan: 2,000 (first stated 1,500)" in r]
    assert len(years) == 1
    attained = _rows(_outputs("03-year-on-year"), "1399 (2020\u201321)")
    sme_units = [r for r in attained if "units target, SME plan" in r]
    assert any("| 1,500 | first stated |" in r for r in sme_units), sme_units
    assert any("| 2,000 | revised |" in r for r in sme_units), sme_units
