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
from analysis.present.blocks import Context
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
    text = [str(m) for m in prose.timeline_answer(with_1404)]
    # The complete years are those of the shipped ledger: national from 1396 to 1403 but for 1398, counted only under
    # the SME plan (1,185); 1400 the most (2,067), 1403 the fewest (1,344). 1404 so far: 700 by 2025-08-01.
    assert text == [
        "Officials reported a national count for every year from 1396 (2017\u201318) to 1403 (2024\u201325) except 1398: "
        "the most was 2,067 units in 1400, the fewest 1,344 in 1403.",
        "For 1398 (2019\u201320) the only count is narrower: 1,185 units under ISIPO's plan for small and medium industries.",
        "So far in 1404 (2025\u201326), 700 units were revived by 1 August 2025.",
    ]


def test_the_pace_compares_the_latest_complete_years(with_1404):
    text = [str(m) for m in prose.rates_answer(with_1404)]
    # (1,811 - 1,344) / 1,811 = 25.8% fewer: 26% in a sentence. 1404 so far: 700 over 134 days
    # (2025-03-21 .. 2025-08-01: 11 + 30 + 31 + 30 + 31 + 1) = 5.22 a day, 650 / 134 = 4.85 to 750 / 134 = 5.60.
    assert text[0] == "The count fell in 1403 (2024\u201325) to 1,344 units, 26% fewer than the 1,811 of 1402 (2023\u201324)."
    assert text[-1] == "So far in 1404 (2025\u201326), 700 units by 1 August 2025, 5.2 (4.8 to 5.6) a day."
    assert not any("47.9%" in t or "1.9 a day" in t for t in text)  # 700 / 365 days, a part-year's pace as a year's, is gone


def test_the_part_year_is_neither_changed_to_nor_from(with_1404):
    y = rates.yearly(with_1404).set_index("jalali_year")
    r = y.loc[1404]
    assert not bool(r["complete"]) and (r["days_low"], r["days_high"]) == (134, 134)
    assert (r["pace_value"], r["pace_low"], r["pace_high"]) == pytest.approx((700 / 134, 650 / 134, 750 / 134))
    assert math.isnan(r["pct_value"]) and math.isnan(r["change_value"]) and not bool(r["cross_scope"])
    assert y.loc[1403, "pct_value"] == pytest.approx((1344 / 1811 - 1) * 100)


def test_the_tables_and_the_chart_say_so_far(with_1404, tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path))
    ctx = Context(files="p")
    years = timeline_tables.years(with_1404, "01-years").html(ctx)
    assert "1404 (2025\u201326), so far" in years
    assert "part of the year only: at least what was counted to 2025-08-01 (1404/05/10), with no full-year figure" in years
    pace = rates_tables.yearly(with_1404, "03-pace-by-year").html(ctx)
    row = pace[pace.index("1404 (2025\u201326), so far"):].split("</tr>")[0]
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
    assert [str(m) for m in prose.timeline_answer(ev)] == [
        "Officials reported a national count for every year from 1391 (2012\u201313) to 1392 (2013\u201314): the most was 1,800 units "
        "in 1392, the fewest 1,500 in 1391.",
        "1390 (2011\u201312) is known only in part, so it is left out of the comparisons.",
    ]
    # 1,800 / 1,500 - 1 = 20% more.
    assert str(prose.rates_answer(ev)[0]) == "The count rose in 1392 (2013\u201314) to 1,800 units, 20% more than the 1,500 of 1391 (2012\u201313)."
    assert "1390 (2011\u201312), in part only" in timeline_tables.years(ev, "01-years").html(Context(files="p"))


# --- no complete year at all -------------------------------------------------------------------------------

def test_a_ledger_of_part_years_compares_nothing(tmp_path):
    ev = build(tmp_path, [source("S1", "2020-08-10")], [figure("A", "S1", "units_revived", 300, "2020-03-20", "2020-08-01")],
               filler=False)
    # 300 read as rounded to the hundred, capped at 10 %: 270 to 330; day 12 + 30 + 31 + 30 + 31 + 1 = 135 of 1399:
    # 2.2 (2.0 to 2.5) a day (330 / 135 = 2.44, its high end rounded up).
    assert [str(m) for m in prose.timeline_answer(ev)] == [
        "No report gives a count of idle units revived in a whole year yet.",
        "So far in 1399 (2020\u201321), 300 units were revived by 1 August 2020."]
    assert [str(m) for m in prose.rates_answer(ev)][:2] == [
        "No two full years can be compared yet.", "So far in 1399 (2020\u201321), 300 units by 1 August 2020, 2.2 (2.0 to 2.5) a day."]


def test_a_part_year_to_an_undated_report_has_a_pace_range(tmp_path):
    ev = build(tmp_path, [source("S1", earliest="2020-06-01", latest="2020-09-01")],
               [figure("A", "S1", "units_revived", 300, "2020-03-20", "")], filler=False)
    # The count runs to a day from 2020-06-01 (day 74) to 2020-09-01 (day 166): 270 / 166 = 1.63 to 330 / 74 = 4.46 a day.
    assert "So far in 1399 (2020\u201321), 300 units by 1 June to 1 September 2020, 1.6 to 4.5 a day." in \
        [str(m) for m in prose.rates_answer(ev)]


# --- ranking and results use complete years only -------------------------------------------------------------

def test_jobs_per_unit_ranks_only_full_years(tmp_path):
    y99, y00, y01 = ("2020-03-20", "2021-03-20"), ("2021-03-21", "2022-03-20"), ("2022-03-21", "2023-03-20")
    ev = build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10"), source("S3", "2022-08-10"), source("S4", "2023-04-10")],
               [figure("U9", "S1", "units_revived", 1000, *y99), figure("J9", "S1", "jobs_created", 15000, *y99),
                figure("U0", "S2", "units_revived", 1000, *y00), figure("J0", "S2", "jobs_created", 20000, *y00),
                figure("U1", "S3", "units_revived", 500, y01[0], "2022-08-01"), figure("J1", "S4", "jobs_created", 12000, *y01)])
    # 1401: 12,000 jobs over at least 450 units (500 to date) would be up to 26.7 a unit: a part-year, not ranked.
    assert "Year by year the ratio ran from 15.0 jobs in 1399 (2020\u201321) to 20.0 in 1400 (2021\u201322)." in [str(m) for m in prose.jobs_answer(ev)]


def test_an_in_year_count_of_a_part_year_has_no_years_result(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / "out"))
    ev = build(tmp_path, [source("S1", "2020-08-10")], [figure("A", "S1", "units_revived", 300, "2020-03-20", "2020-08-01")])
    r = rates.in_year(ev).iloc[0]
    assert (r["final_basis"], math.isnan(r["final_value"])) == ("floor", True)
    page = rates_tables.in_year(ev, "03-in-year").html(Context(files="p"))
    assert "no full-year figure" in page and "at least 270" not in page


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
