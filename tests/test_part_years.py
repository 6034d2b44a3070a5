"""A year without a full-year figure is never compared, ranked or described as a full year.

The answers speak of the latest complete year and show the running year as "so far"; an earlier year
known only in part is left out of the range. Iranian years used (first days from the calendar's
published boundaries): 1390 begins 2011-03-21, 1391 2012-03-20, 1392 2013-03-21, 1393 2014-03-21;
1399 2020-03-20 .. 2021-03-20 (366 days); 1400 2021-03-21 .. 2022-03-20; 1401 2022-03-21 ..
2023-03-20; 1403 2024-03-20 .. 2025-03-20 (366 days); 1404 begins 2025-03-21.
"""

from __future__ import annotations

import math
import shutil

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import evidence, paths
from analysis.ledger import load_ledger
from analysis.present import charts, prose, rates_tables, timeline_tables
from analysis.questions import rates, timeline
from evidence_fixtures import build, figure, source


@pytest.fixture(scope="module")
def with_1404(tmp_path_factory):
    """The shipped ledger and the first report of 1404: 700 units from 2025-03-21 to 2025-08-01 (day 134)."""
    folder = tmp_path_factory.mktemp("with-1404")
    shutil.copytree(paths.ROOT / "data", folder / "data")
    shutil.copytree(paths.SEEDS_DIR, folder / "seeds")
    with open(folder / "data" / "sources.tsv", "a", encoding="utf-8") as f:
        f.write("S51\tExample Daily\ten\thttps://example.org/s51\t2025-08-10\t2025-08-10\t2025-08-10\tshown\t\t\t\tno\tmade up\n")
    with open(folder / "data" / "figures.tsv", "a", encoding="utf-8") as f:
        f.write("X1\tS51\tunits_revived\t700\texact\t\tnational\t\t\t\t2025-03-21\t2025-08-01\t\t\t\t\tA. Spokesperson\t\t\tmade up\n")
    return evidence.build(load_ledger(folder / "data", folder / "seeds", build_day="2026-01-15"))


def test_the_running_year_is_so_far_not_the_low_end_of_the_range(with_1404):
    text = prose.timeline_answer(with_1404, detail=False)
    # The complete years are those of the shipped ledger: 1,185 (1398, SMEs) to 2,067 (1400), 1403 the latest.
    assert text == ("Officials reported between 1,185 (1398, SME plan only) and 2,067 idle units revived a year in the full years "
                    "from 1396 to 1403, peaking at 2,067 in 1400 (2021-22); the latest full year, 1403 (2024-25), counted 1,344. "
                    "So far in 1404 (2025-26): 700 units by 2025-08-01, with no full-year figure yet.")
    # 700 read as rounded to the hundred: 650 to 750, so far.
    assert prose.timeline_answer(with_1404).endswith("; 1403: 1,344; 1404: 700 (650 to 750) so far (to 2025-08-01).")


def test_the_pace_compares_the_latest_complete_years(with_1404):
    text = prose.rates_answer(with_1404, detail=False)
    # 1,344 over 1403's 366 days = 3.67 a day; (1,811 - 1,344) / 1,811 = 25.8 % fewer. 1404 so far:
    # 700 over 134 days (2025-03-21 .. 2025-08-01: 11 + 30 + 31 + 30 + 31 + 1) = 5.22 a day.
    assert text.startswith("The pace fell in 1403 (2024-25): 1,344 units (3.7 a day), 25.8% fewer than the 1,811 of 1402. "
                           "It peaked in 1400 (2021-22) at 2,067 (5.7 a day). So far in 1404 (2025-26): 700 units by "
                           "2025-08-01 (5.2 a day to then), with no full-year figure yet.")
    assert "47.9%" not in text and "1.9 a day" not in text  # 700 / 365 days, the part-year pace, is gone


def test_the_part_year_is_neither_changed_to_nor_from(with_1404):
    y = rates.yearly(with_1404).set_index("jalali_year")
    r = y.loc[1404]
    assert not bool(r["complete"]) and (r["days_low"], r["days_high"]) == (134, 134)
    assert (r["pace_value"], r["pace_low"], r["pace_high"]) == pytest.approx((700 / 134, 650 / 134, 750 / 134))
    assert math.isnan(r["pct_value"]) and math.isnan(r["change_value"]) and not bool(r["cross_scope"])
    assert y.loc[1403, "pct_value"] == pytest.approx((1344 / 1811 - 1) * 100)


def test_the_tables_and_the_chart_say_so_far(with_1404, tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path))
    years = timeline_tables.years(with_1404, "01-years")
    assert "1404 (2025-26), so far" in years
    assert "part of the year only: at least what was counted to 2025-08-01 (1404/05/10), with no full-year figure" in years
    pace = rates_tables.yearly(with_1404, "03-pace-by-year")
    row = pace[pace.index("1404 (2025-26), so far"):].split("</tr>")[0]
    assert "%" not in row and "not compared with full years" in row
    y = timeline.years(with_1404)
    fig = charts.programme.years_chart(y, source="Source: test")
    words = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    plt.close(fig)
    assert "so far" in words
    alt = charts.programme.years_alt(y)
    assert "at least 650 in 1404 (so far, no full-year figure)" in alt


# --- an earlier year known only in part ---------------------------------------------------------------

EARLY = ([source("S1", "2011-08-10"), source("S2", "2013-04-10"), source("S3", "2014-04-10")],
         [figure("A", "S1", "units_revived", 300, "2011-03-21", "2011-08-01", start_j="1390/01/01"),
          figure("B", "S2", "units_revived", 1500, "2012-03-20", "2013-03-20", start_j="1391/01/01", end_j="1391/12/30"),
          figure("C", "S3", "units_revived", 1800, "2013-03-21", "2014-03-20", start_j="1392/01/01", end_j="1392/12/29")])


def test_an_earlier_part_year_is_left_out_of_the_range(tmp_path):
    ev = build(tmp_path, *EARLY, filler=False)
    text = prose.timeline_answer(ev, detail=False)
    assert text == ("Officials reported between 1,500 and 1,800 idle units revived a year in the full years from 1391 to 1392, "
                    "peaking at 1,800 in 1392 (2013-14); the latest full year, 1392 (2013-14), counted 1,800. Known only in "
                    "part, and left out of the comparison: 1390 (300 by 2011-08-01).")
    # 1,800 over 1392's 365 days = 4.93 a day; 1,800 / 1,500 - 1 = 20 % more.
    assert prose.rates_answer(ev, detail=False).startswith(
        "The pace rose in 1392 (2013-14): 1,800 units (4.9 a day), 20.0% more than the 1,500 of 1391.")
    assert "1390 (2011-12), in part only" in timeline_tables.years(ev, "01-years")


# --- no complete year at all -------------------------------------------------------------------------------

def test_a_ledger_of_part_years_compares_nothing(tmp_path):
    ev = build(tmp_path, [source("S1", "2020-08-10")], [figure("A", "S1", "units_revived", 300, "2020-03-20", "2020-08-01")],
               filler=False)
    # 300 read as rounded to the hundred, capped at 10 %: 270 to 330; day 12 + 30 + 31 + 30 + 31 + 1 = 135 of 1399.
    assert prose.timeline_answer(ev) == ("No year in the ledger has a full-year count of revived units. So far in 1399 (2020-21): "
                                         "300 units by 2020-08-01, with no full-year figure yet. Year by year: 1399: 300 (270 to "
                                         "330) so far (to 2020-08-01).")
    assert prose.rates_answer(ev).startswith("The ledger has no full-year count to compare. So far in 1399 (2020-21): 300 units "
                                             "by 2020-08-01 (2.2 a day to then), with no full-year figure yet.")


def test_a_part_year_to_an_undated_report_has_a_pace_range(tmp_path):
    ev = build(tmp_path, [source("S1", earliest="2020-06-01", latest="2020-09-01")],
               [figure("A", "S1", "units_revived", 300, "2020-03-20", "")], filler=False)
    # The count runs to a day from 2020-06-01 (day 74) to 2020-09-01 (day 166): 270 / 166 = 1.63 to 330 / 74 = 4.46 a day.
    assert "So far in 1399 (2020-21): 300 units by a day from 2020-06-01 to 2020-09-01 (1.6 to 4.5 a day to then)" in \
        prose.rates_answer(ev)


# --- ranking and results use complete years only -------------------------------------------------------------

def test_jobs_per_unit_ranks_only_full_years(tmp_path):
    y99, y00, y01 = ("2020-03-20", "2021-03-20"), ("2021-03-21", "2022-03-20"), ("2022-03-21", "2023-03-20")
    ev = build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10"), source("S3", "2022-08-10"), source("S4", "2023-04-10")],
               [figure("U9", "S1", "units_revived", 1000, *y99), figure("J9", "S1", "jobs_created", 15000, *y99),
                figure("U0", "S2", "units_revived", 1000, *y00), figure("J0", "S2", "jobs_created", 20000, *y00),
                figure("U1", "S3", "units_revived", 500, y01[0], "2022-08-01"), figure("J1", "S4", "jobs_created", 12000, *y01)])
    # 1401: 12,000 jobs over at least 450 units (500 to date) would be up to 26.7 a unit: a part-year, not ranked.
    assert "year by year the ratio of jobs to units runs from 15.0 (1399) to 20.0 (1400)," in prose.jobs_answer(ev)


def test_an_in_year_count_of_a_part_year_has_no_years_result(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / "out"))
    ev = build(tmp_path, [source("S1", "2020-08-10")], [figure("A", "S1", "units_revived", 300, "2020-03-20", "2020-08-01")])
    r = rates.in_year(ev).iloc[0]
    assert (r["final_basis"], math.isnan(r["final_value"])) == ("floor", True)
    assert "no full-year figure" in rates_tables.in_year(ev, "03-in-year")
    assert "at least 270" not in rates_tables.in_year(ev, "03-in-year")


def test_the_jobs_chart_marks_a_part_year_so_far():
    headline = pd.DataFrame({
        "jalali_year": [1399, 1400, 1401], "scope": ["national", "national", "national"],
        "j_value": [15000.0, 20000.0, 9000.0], "j_low": [15000.0, 20000.0, 9000.0], "j_high": [15000.0, 20000.0, math.inf],
        "j_basis": ["full_year", "full_year", "floor"]})
    fig = charts.jobs.jobs_chart(headline, source="Source: test")
    words = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    plt.close(fig)
    assert "so far" in words and "derived" not in words
    assert charts.jobs.jobs_alt(headline).endswith("20,000 in 1400; at least 9,000 in 1401 (so far, no full-year figure).")
