"""The audit's judgement (issue 14): the most generous reading, both sides of a derived year, scopes that
nest, severity, and the rules added for it, on one made-up ledger with every number worked out by hand.

The standard (analysis.evidence.grading): a contradiction survives every wording of each claim (each to
within one rounding step of the number as written, at most 10 %), the whole date window of an undated
count (and up to 31 days more in a report that repeats earlier figures), the scope a report gives the
same quantity elsewhere, and any pace up to three times a count's own; what only one reading rules out is
a question naming that reading; two exchange rates are a note; "consistent" is said only of a check that
could have failed.

Iranian years, Gregorian: 1397 2018-03-21 .. 2019-03-20; 1398 2019-03-21 .. 2020-03-19; 1399 2020-03-20 ..
2021-03-20 (366 days); 1400 2021-03-21 .. 2022-03-20; 1401 2022-03-21 .. 2023-03-20; 1402 2023-03-21 ..
2024-03-19.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.evidence.grading import could_fail
from analysis.questions import audit, jobs, rates
from evidence_fixtures import build, figure, rendered, source

INF = math.inf
Y = {1397: ("2018-03-21", "2019-03-20"), 1398: ("2019-03-21", "2020-03-19"), 1399: ("2020-03-20", "2021-03-20"),
     1400: ("2021-03-21", "2022-03-20"), 1401: ("2022-03-21", "2023-03-20"), 1402: ("2023-03-21", "2024-03-19")}
TWO = (Y[1400][0], Y[1401][1])
SINCE = "2021-08-25"


def _u(fid, sid, value, start, end="", scope="national", **kw):
    return figure(fid, sid, "units_revived", value, start, end, scope=scope, **kw)


def _j(fid, sid, value, start, end="", scope="national", **kw):
    return figure(fid, sid, "jobs_created", value, start, end, scope=scope, **kw)


def _year(fid, sid, value, year, scope="national", metric="units_revived", **kw):
    return figure(fid, sid, metric, value, *Y[year], scope=scope, **kw)


SOURCES = [
    source("E0", "2020-06-25"), source("E1", "2020-10-22"), source("E2", "2020-11-01"), source("E3", "2020-11-02"),
    source("E4", "2020-08-09"), source("E5", "2020-09-01"),
    source("G1", "2022-03-08"), source("G2", "2022-06-01"), source("G3", "2022-03-09"),
    source("X1", "2021-05-01"), source("X2", "2021-06-01"), source("K1", "2020-05-01"), source("K2", "2020-05-02"),
    source("L1", "2023-03-15"), source("L2", "2023-07-21"), source("L3", "2022-04-05"), source("L4", "2021-12-29"),
    source("P1", "2022-04-01"), source("P2", "2022-08-01"),
    source("O1", "2018-07-01"), source("M1", "2020-08-15"), source("M2", "2020-09-25"), source("M3", "2021-08-15"),
    source("M4", "2021-09-25"), source("R1", "2022-05-01"), source("R2", "2023-08-01"), source("R3", "2024-06-01"),
    source("V1", "2023-01-01"), source("V2", "2023-02-01"), source("V3", "2023-03-01"), source("V4", "2023-04-01"),
    source("C1", "2019-04-01"), source("C2", "2020-04-01"), source("I1", "2024-05-01"), source("I2", "2024-05-02"),
    source("XP1", "2022-09-01"), source("XP2", "2024-10-01"),
]

FIGURES = [
    # 1. A restated count's date. SMEs 1399: the target 1,500 (E0); 819 to 2020-10-21 (E1); 767 to its report,
    # E2 (2020-11-01), which restates E0's target: E2 repeats an earlier report, so its count may be up to 31
    # days older (from 2020-10-01), when 819 may not yet have been counted.
    _year("T0", "E0", 1500, 1399, "smes", "units_target"),
    _u("A1", "E1", 819, Y[1399][0], "2020-10-21", "smes"), _u("A2", "E2", 767, Y[1399][0], "", "smes"),
    _year("A2r", "E2", 1500, 1399, "smes", "units_target", restates="T0"),
    # The same fall in a report that repeats nothing (the revival movement): no reading reconciles it.
    _u("B1", "E1", 819, Y[1399][0], "2020-10-21", "economic_units"), _u("B2", "E3", 767, Y[1399][0], "", "economic_units"),
    # 2. A scope a report codes the same quantity in elsewhere. G1 counts "over 1,900" in parks to its date
    # (2022-03-08) and gives the year's target as national: the count may be national. G2: parks 1,600 and
    # national 2,067 for 1400.
    _u("G1u", "G1", 1900, Y[1400][0], "", "industrial_parks", qualifier="over"), _year("G1t", "G1", 2000, 1400, metric="units_target"),
    _year("G2p", "G2", 1600, 1400, "industrial_parks"), _year("G2n", "G2", 2067, 1400),
    # The same fall with no other coding (outside parks, G3): "over 600" then 450 for the year.
    _u("G3u", "G3", 600, Y[1400][0], "", "outside_parks", qualifier="over"), _year("G3y", "G2", 450, 1400, "outside_parks"),
    # 3. A part against the wordings of its whole. 1399: national "1,500" (X1) and "over 1,500" (X2,
    # restating it); parks 1,557 (X1). 1398: national "1,500" only; parks 1,800.
    _year("W1", "X1", 1500, 1399), _year("W2", "X2", 1500, 1399, qualifier="over", restates="W1"),
    _year("W3", "X1", 1557, 1399, "industrial_parks"),
    _year("V98", "K1", 1500, 1398), _year("V98p", "K2", 1800, 1398, "industrial_parks"),
    # 4. Percentages. SMEs 1399: jobs target 27,000 (E0); 14,458 jobs to 2020-10-21 and "over 54%" and "over
    # 56%" of the target (E1). Parks 1401: units target 1,600 (P1); 400 units to 2022-07-20 and 23% (P2).
    _year("JT", "E0", 27000, 1399, "smes", "jobs_target"), _j("J1", "E1", 14458, Y[1399][0], "2020-10-21", "smes"),
    figure("P54", "E1", "jobs_target_progress_pct", 54, Y[1399][0], "2020-10-21", scope="smes", qualifier="over"),
    figure("P56", "E1", "jobs_target_progress_pct", 56, Y[1399][0], "2020-10-21", scope="smes", qualifier="over"),
    _year("PT", "P1", 1600, 1401, "industrial_parks", "units_target"),
    _u("PU", "P2", 400, Y[1401][0], "2022-07-20", "industrial_parks"),
    figure("P23", "P2", "target_progress_pct", 23, Y[1401][0], "2022-07-20", scope="industrial_parks"),
    # 5. A derived year tested on both sides. National: 1400 = 2,067 (G2) with 36,000 jobs (G2); 1401 to
    # 2023-03-14: 1,563 units and 31,292 jobs (L1); 1400 + 1401: 3,818 units and 61,010 jobs (L2); the 1401
    # target 2,000 (L3). The 1400 growth of 40% (G2).
    _j("N0j", "G2", 36000, *Y[1400]),
    _u("N1u", "L1", 1563, Y[1401][0], "2023-03-14"), _j("N1j", "L1", 31292, Y[1401][0], "2023-03-14"),
    _u("N2u", "L2", 3818, *TWO), _j("N2j", "L2", 61010, *TWO),
    _year("N1t", "L3", 2000, 1401, metric="units_target"),
    _year("GR", "G2", 40, 1400, metric="units_growth_pct_stated"),
    # 6. Outliers. The revival movement 1397: "about 122" units and 19,000 jobs to 2018-06-30 (O1).
    _u("O1u", "O1", 122, Y[1397][0], "2018-06-30", "economic_units", qualifier="about"),
    _j("O1j", "O1", 19000, Y[1397][0], "2018-06-30", "economic_units"),
    # Money per unit one report gives with a count (renovation programme, each its own report and period):
    # 20, 25 and 30 billion rials a unit, and 557.105 billion rials for 4,010 units (0.139 billion a unit).
    *[f for i, (money, units) in enumerate([(2e13, 1000), (2.5e13, 1000), (3e13, 1000), (557105000000, 4010)])
      for f in (_year(f"Mu{i}", f"I{1 + i % 2}", units, 1397 + i, "renovation_programme", rounding="none"),
                _year(f"Mm{i}", f"I{1 + i % 2}", int(money), 1397 + i, "renovation_programme", "financing_rials"))],
    # 7. Running totals since 2021-08-25 (the revival movement): 2,700 (R1), 5,400 (R2), then 4,000 (R3).
    _u("RT1", "R1", 2700, SINCE, "", "economic_units"), _u("RT2", "R2", 5400, SINCE, "", "economic_units"),
    _u("RT3", "R3", 4000, SINCE, "", "economic_units"),
    # 8. A result equal to its year's target: the revival movement 1398, target 1,200 (C1) and 1,200 revived (C2).
    _year("EC1", "C1", 1200, 1398, "economic_units", "units_target"), _year("EC2", "C2", 1200, 1398, "economic_units"),
    # 9. A jobs count computed from the targets: SMEs 1399, 545 units and 9,800 jobs to 2020-08-25 (E5);
    # 27,000 / 1,500 = 18 a unit, and 545 x 18 = 9,810, within 9,800's rounding (9,750 .. 9,850).
    _u("TR1", "E5", 545, Y[1399][0], "2020-08-25", "smes"), _j("TR2", "E5", 9800, Y[1399][0], "2020-08-25", "smes"),
    # 10. Reused numbers: 9,800 idle units, national (as of 2020-06-21) and parks (as of 2020-10-21), both
    # 1399 (two significant digits, one quantity and year: flagged; TR2's 9,800 jobs is another quantity);
    # 1,811 national units revived in 1402 and 1,811 idle units of the movement in 1402 (four digits: flagged).
    figure("IU1", "E0", "idle_units", 9800, "", "2020-06-21"),
    figure("IU2", "E2", "idle_units", 9800, "", "2020-10-21", scope="industrial_parks"),
    _year("RU1", "I1", 1811, 1402), figure("RU2", "I2", "idle_units", 1811, "", "2024-03-19", scope="economic_units"),
    # 11. Jobs added per unit added between open-ended counts. Outside parks 1399: 400 units and "over 5,291"
    # jobs to 2020-08-12 (M1), then 499 and "over 12,478" to 2020-09-22 (M2): as stated (12,478 - 5,291) / 99
    # = 72.6. 1400: 400 and "over 6,000" (M3), then 499 and "over 7,500" (M4): as stated 1,500 / 99 = 15.2.
    _u("MA1", "M1", 400, Y[1399][0], "2020-08-12", "outside_parks"),
    _j("MA2", "M1", 5291, Y[1399][0], "2020-08-12", "outside_parks", qualifier="over"),
    _u("MA3", "M2", 499, Y[1399][0], "2020-09-22", "outside_parks"),
    _j("MA4", "M2", 12478, Y[1399][0], "2020-09-22", "outside_parks", qualifier="over"),
    _u("MB1", "M3", 400, Y[1400][0], "2021-08-12", "outside_parks"),
    _j("MB2", "M3", 6000, Y[1400][0], "2021-08-12", "outside_parks", qualifier="over"),
    _u("MB3", "M4", 499, Y[1400][0], "2021-09-22", "outside_parks"),
    _j("MB4", "M4", 7500, Y[1400][0], "2021-09-22", "outside_parks", qualifier="over"),
    # 12. Across scopes: national 1400 to 2021-08-22, 499 (L4, which gives the parks' target 1,600 and no
    # national one); SMEs 1399 to 2020-07-29, 432 (E4).
    _u("CS1", "L4", 499, Y[1400][0], "2021-08-22"), _year("CS2", "L4", 1600, 1400, "industrial_parks", "units_target"),
    _u("CS3", "E4", 432, Y[1399][0], "2020-07-29", "smes"),
    # 13. Expectations, stated while their year ran (XP1, 2022-09-01, in 1401; XP2, 2023-10-01, in 1402): "we will
    # reach 2,000 by the year's end" (1401 national); "each revived unit is expected to bring 26 jobs this year"
    # (1401 national); 2,500 by the end of 1403 (2024-03-20 .. 2025-03-20; no result for 1403 in this ledger).
    _year("XE1", "XP1", 2000, 1401, expectation="expected"),
    _year("XE2", "XP1", 26, 1401, metric="jobs_per_unit_stated", expectation="expected"),
    figure("XE3", "XP2", "units_revived", 2500, "2024-03-20", "2025-03-20", expectation="expected"),
]


@pytest.fixture(scope="module")
def ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("judgement"), SOURCES, FIGURES)


@pytest.fixture(scope="module")
def checks(ev):
    return rendered(audit.checks(ev))  # sentences as a reader reads them


def _one(checks, rule, claim_id, starts=""):
    rows = checks[(checks["rule"] == rule) & (checks["claim_id"] == claim_id) & checks["arithmetic"].str.startswith(starts)]
    assert len(rows) == 1, f"{rule} {claim_id}: {len(rows)} rows"
    return rows.iloc[0]


# ---------------------------------------------------------------------------------------------
# 1-3. Readings: a restated count's date, a scope coded elsewhere, another wording of the whole
# ---------------------------------------------------------------------------------------------

def test_a_count_in_a_report_that_repeats_earlier_figures_may_predate_it(checks):
    r = _one(checks, "ytd_decrease", "A2")
    # 767 to 2020-11-01 after 819 to 2020-10-21: lower as read. E2 restates E0's target (published
    # 2020-06-25), so its count may date from 2020-10-01, before 819 was counted: a question, naming that reading.
    assert r["grade"] == "question"
    assert "up to 31 days older than its report" in r["reading"] and r["reading"] in r["finding"]
    # Its size: 819 - 767 = 52 units, 52 / 819 = 6.3 %.
    assert r["size_text"] == "52 units (6.3% of the earlier 819)"
    assert r["severity"] == pytest.approx(52 / 819)


def test_the_same_fall_in_a_report_that_repeats_nothing_is_a_contradiction(checks):
    r = _one(checks, "ytd_decrease", "B2")
    # E3 restates nothing: its count runs to its own date, 2020-11-02; 767 (766 .. 768 within a step) < 819.
    assert r["grade"] == "contradiction" and r["reading"] == ""


def test_a_count_its_report_codes_in_another_scope_elsewhere(checks):
    r = _one(checks, "ytd_decrease", "G2p")
    # Parks 1,600 for 1400 after "over 1,900" in parks to 2022-03-08; G1 gives the year's target as national,
    # so "over 1,900" may be national, where it fits (below the national 2,067): a question.
    assert r["grade"] == "question"
    assert r["reading"] == "if over 1,900 units were counted nationally, the scope its report gives the year's target"
    assert r["size_text"] == "300 units (16% of the earlier 1,900)"  # 300 / 1,900 = 15.8 %
    # Outside parks: "over 600" to 2022-03-09 then 450 for the year; G3 codes nothing else. Even within a
    # step (over 540; 440 .. 460) the year's count is lower.
    bad = _one(checks, "ytd_decrease", "G3y")
    assert bad["grade"] == "contradiction"


def test_a_part_above_one_wording_of_its_whole_is_a_question(checks):
    r = _one(checks, "parts_total", "W1")
    # Parks 1,557 against national "1,500" (1,450 .. 1,550 as read with "over 1,500": 1,500 .. 1,550); the
    # other wording, "over 1,500", allows it.
    assert r["grade"] == "question"
    assert "another report's wording of the national figure: 1,500 and over 1,500 units" in r["finding"]
    # 1398: parks 1,800 (1,700 .. 1,900 within a step) against national "1,500" alone (1,400 .. 1,600).
    assert _one(checks, "parts_total", "V98")["grade"] == "contradiction"


# ---------------------------------------------------------------------------------------------
# 4. Percentages: quoted, and a gap inside the stated figure's rounding step is a question at most
# ---------------------------------------------------------------------------------------------

def test_a_gap_smaller_than_the_stated_percentages_step_is_a_question(checks):
    r = _one(checks, "percentage", "P54")
    # 14,458 / 27,000 = 53.548 %; "over 54%" reads 54 .. as stated, 53 .. within a step of one point.
    assert r["derived_value"] == pytest.approx(14458 / 27000 * 100)
    assert r["grade"] == "question"
    assert r["size_text"] == "0.5 points"  # 54 - 53.548 = 0.452
    assert "against the stated over 54%" in r["arithmetic"]
    # "Over 56%": 55 .. within a step, still above 53.548: a contradiction of 2.5 points.
    bad = _one(checks, "percentage", "P56")
    assert (bad["grade"], bad["size_text"]) == ("contradiction", "2.5 points")


def test_a_percentage_finding_quotes_the_stated_percentage(checks):
    r = _one(checks, "percentage", "P23")
    # 400 (360 .. 440) / 1,600 = 25 % (22.5 .. 27.5 %), against the stated 23 % (22.5 .. 23.5 %).
    assert "400 / 1,600" in r["arithmetic"] and "against the stated 23%" in r["arithmetic"]
    assert "The report says 23%" in r["finding"]
    assert r["derived_value"] == pytest.approx(25)


# ---------------------------------------------------------------------------------------------
# 5. Both sides: a derived year against its own count and the fastest plausible pace
# ---------------------------------------------------------------------------------------------

#: 1401: 1,563 by 2023-03-14, day 359 of 1401 (2022-03-21 .. 2023-03-14); six days remain, which at up to
#: three times that count's own pace add at most 3 x 1,563 / 359 x 6 = 78.37: 1,563 .. 1,641.37, central
#: 1,563 + 1,563 / 359 x 6 = 1,589.12. The two-year total less 1400 gives 3,818 - 2,067 = 1,751: conflicting.
Y1401 = (1563 + 1563 / 359 * 6, 1563, 1563 + 3 * 1563 / 359 * 6)
#: Jobs likewise: 31,292 .. 31,292 + 3 x 31,292 / 359 x 6, central 31,292 + 31,292 / 359 x 6; the total
#: less 1400 gives 61,010 - 36,000 = 25,010, below the count.
J1401 = (31292 + 31292 / 359 * 6, 31292, 31292 + 3 * 31292 / 359 * 6)


def test_a_derived_year_that_conflicts_with_its_own_count_carries_the_counts_range(ev):
    e = ev.estimate("units_revived", "national", 1401)
    assert (e["value"], e["low"], e["high"]) == pytest.approx(Y1401)
    assert e["high"] - e["low"] > 0  # never a zero-width range
    assert (e["basis"], e["conflicting_claims"]) == ("count_and_pace", "N2u")
    j = ev.estimate("jobs_created", "national", 1401)
    assert (j["value"], j["low"], j["high"]) == pytest.approx(J1401)
    assert j["conflicting_claims"] == "N2j"


def test_the_total_is_checked_on_both_sides(checks):
    r = _one(checks, "term_total", "N2u")
    # 2,067 + (1,563 .. 1,641.37) = 3,630 .. 3,708.37, against 3,818 (3,817 .. 3,819 within a step):
    # above the ceiling the pace allows, a contradiction the floor alone never found.
    assert r["grade"] == "contradiction"
    assert (r["derived_low"], r["derived_high"]) == pytest.approx((2067 + Y1401[1], 2067 + Y1401[2]))
    assert r["size_text"].startswith("110 units")  # 3,818 - 3,708.37 = 109.6


def test_changes_attainment_and_jobs_per_unit_inherit_the_range(ev):
    y = rates.yearly(ev).set_index("jalali_year")
    # 1401 against 1400's 2,067: (1,563 .. 1,641.37) / 2,067 - 1.
    assert (y.loc[1401, "pct_low"], y.loc[1401, "pct_high"]) == pytest.approx(((Y1401[1] / 2067 - 1) * 100, (Y1401[2] / 2067 - 1) * 100))
    a = rates.attainment(ev)
    a = a[(a["metric"] == "units_target") & (a["jalali_year"] == 1401) & (a["scope"] == "national")].iloc[0]
    # Against the 1401 target of 2,000: 78.15 % .. 82.07 %, missed.
    assert (a["attained_low"], a["attained_high"], a["verdict"]) == pytest.approx((Y1401[1] / 20, Y1401[2] / 20, "missed"))
    jp = jobs.yearly(ev).set_index(["jalali_year", "scope"]).loc[(1401, "national")]
    # Jobs per unit: the fewest jobs over the most units .. the most jobs over the fewest.
    assert (jp["jpu_low"], jp["jpu_high"]) == pytest.approx((J1401[1] / Y1401[2], J1401[2] / Y1401[1]))


def test_a_stated_growth_against_a_base_its_part_bounds_from_below(checks, ev):
    # National 1399: "1,500" and "over 1,500"; parks 1,557, part of national: at least 1,557, no upper bound.
    e = ev.estimate("units_revived", "national", 1399)
    assert (e["low"], e["high"], e["conflicting_figures"]) == (1557, INF, "W1")
    r = _one(checks, "growth", "GR")
    # 1400's 2,067 over at least 1,557: at most 2,067 / 1,557 - 1 = 32.76 %, against 40 % (39 .. 41 within a
    # step): a contradiction, on that basis.
    assert r["grade"] == "contradiction"
    assert r["derived_high"] == pytest.approx((2067 / 1557 - 1) * 100)
    assert r["derived_low"] == -INF
    # The arithmetic keeps a decimal; the sentence says a percentage above 10 in whole numbers.
    assert "growth at most 32.8%" in r["arithmetic"]
    assert "the counts give at most 33%" in r["finding"] and "32.8" not in r["finding"]


# ---------------------------------------------------------------------------------------------
# 6-9. The newer rules
# ---------------------------------------------------------------------------------------------

def test_an_implausible_jobs_per_unit_is_graded_and_never_a_floor(checks, ev):
    r = _one(checks, "outlier_ratio", "O1u")
    # 19,000 / 122 = 155.7; the full-year reference is national 1400 alone, 36,000 (35,500 .. 36,500) /
    # 2,067 = 17.17 .. 17.66, so the plausible band is 17.17 / 2 .. 17.66 x 2 = 8.59 .. 35.32.
    lo, hi = jobs.plausible_band(ev)
    assert (lo, hi) == pytest.approx((35500 / 2067 / 2, 36500 / 2067 * 2))
    assert r["grade"] == "question" and r["stated_value"] == pytest.approx(19000 / 122)
    assert set(ev.claims.loc[ev.claims["outlier"], "claim_id"]) == {"O1u", "O1j"}
    # No floor from them: the revival movement has no 1397 estimate at all.
    e = ev.estimates
    assert e[(e["scope"] == "economic_units") & (e["jalali_year"] == 1397)].empty


def test_an_implausible_money_per_unit_is_graded(checks):
    m = checks[(checks["rule"] == "outlier_ratio") & checks["subject"].str.startswith("money per unit")]
    # 20, 25, 30 billion a unit and 557.105 billion / 4,010 = 0.139 billion: median 22.5 billion; plausible
    # 2.25 .. 225 billion (a factor of 10): only the last is outside.
    assert dict(zip(m["claim_id"], m["grade"])) == {"Mu0": "consistent", "Mu1": "consistent", "Mu2": "consistent", "Mu3": "question"}


def test_a_running_total_must_only_rise(checks):
    # Since 2021-08-25: 2,700, 5,400, then 4,000 (3,600 .. 4,400 within a step) below 5,400.
    r = _one(checks, "running_total", "RT3")
    assert r["grade"] == "contradiction"
    assert r["size_text"] == "1,400 units (26% of the earlier 5,400)"
    assert _one(checks, "running_total", "RT2")["grade"] == "consistent"


def test_a_result_equal_to_its_years_target(checks):
    r = _one(checks, "target_echo", "EC2")
    assert r["grade"] == "question" and set(r["claim_ids"].split(", ")) == {"EC2", "EC1"}
    # National 1399's "1,500" equals the SME plan's 1399 target: a target of any scope counts.
    assert _one(checks, "target_echo", "W1")["grade"] == "question"


def test_a_jobs_count_computed_from_the_target_ratio(checks):
    r = _one(checks, "target_ratio", "TR2")
    assert r["derived_value"] == pytest.approx(545 * 18)
    # 14,458 jobs for 819 units is exact (counted): not tested.
    assert not checks[(checks["rule"] == "target_ratio") & (checks["claim_id"] == "J1")].shape[0]


def test_reused_numbers_are_weighed_by_how_unlikely_the_coincidence_is(checks):
    r = checks[checks["rule"] == "reused_value"].set_index("stated")
    # 9,800: two significant digits, flagged only for the one quantity and year (idle units, 1399), not for
    # the 9,800 jobs; 1,811: four digits, flagged across unrelated metrics.
    assert set(r.loc["9,800", "claim_ids"].split(", ")) == {"IU1", "IU2"}
    assert set(r.loc["1,811", "claim_ids"].split(", ")) == {"RU1", "RU2"}


def test_open_ended_counts_are_evaluated_as_stated(checks):
    q = _one(checks, "marginal_jobs", "MA3")
    # (over 12,478 - over 5,291) / (499 - 400 .. 440): the interval is open both ways, but as stated
    # (12,478 - 5,291) / (499 - 400) = 72.6, outside the plausible band: a question.
    assert q["grade"] == "question" and q["stated_value"] == pytest.approx((12478 - 5291) / 99)
    u = _one(checks, "marginal_jobs", "MB3")
    # (7,500 - 6,000) / 99 = 15.2 as stated, inside the band; the check could not have failed: not "consistent".
    assert u["grade"] == "unchecked" and "could not fail" in u["finding"]


# ---------------------------------------------------------------------------------------------
# 10-12. Grades, notes, ranking, and comparisons across scopes
# ---------------------------------------------------------------------------------------------

def test_no_check_is_consistent_when_it_could_not_have_failed(checks):
    ok = checks[checks["grade"] == "consistent"]
    can = could_fail(ok["stated_low"], ok["stated_high"], ok["derived_low"], ok["derived_high"])
    # Checks with a derived interval (most rules) must be able to fail; checks that compare within one
    # claim's own figures have no derived interval at all.
    has = ok["derived_low"].notna() & ok["derived_high"].notna()
    assert can[has].all(), ok.loc[has & ~can, ["rule", "claim_id", "stated_low", "stated_high", "derived_low", "derived_high"]]


def test_findings_are_ranked_by_size_within_each_grade(checks):
    f = audit.findings(checks)
    for grade in ("contradiction", "question"):
        sev = f.loc[f["grade"] == grade, "severity"].fillna(-1).to_numpy()
        assert (np.diff(sev) <= 0).all()


def test_notes_are_shown_and_never_counted():
    # The grade exists, is explained, and is not a finding grade.
    from analysis.evidence.grading import MEANINGS

    assert "note" in MEANINGS and "note" not in audit.FINDING_GRADES


def test_the_rest_of_the_year_and_same_period_across_scopes_are_labelled(ev):
    i = rates.in_year(ev).set_index("claim_id")
    # National 499 to 2021-08-22: L4 gives no national target, only the parks' 1,600: used, and labelled.
    assert (i.loc["CS1", "t_claim_id"], bool(i.loc["CS1", "cross_scope"])) == ("CS2", True)
    assert i.loc["CS1", "progress_value"] == pytest.approx(499 / 1600 * 100)
    s = rates.same_period(ev).set_index("claim_id")
    # National 1400 day 155 (to 08-22): no national count in 1399; the SMEs' (a part of national) nearest is
    # 545 at day 159 (2020-08-25; 12 + 30 + 31 + 30 + 31 + 25), 4 days apart, nearer than 432 at day 132.
    assert (s.loc["CS1", "claim_id_prev"], bool(s.loc["CS1", "cross_scope"])) == ("TR1", True)
    assert s.loc["CS1", "pct_value"] == pytest.approx((499 / 545 - 1) * 100)


# ---------------------------------------------------------------------------------------------
# 13. Expectations: entered for a period still running, never a result, compared once it is over
# ---------------------------------------------------------------------------------------------

def test_an_expectation_is_never_a_result(ev):
    # XE1's 2,000 for 1401 would conflict with the counts (1,563 .. 1,641.37) if it were a result: it is not.
    assert not ev.claims["claim_id"].isin(["XE1", "XE2", "XE3"]).any()
    assert set(ev.expectations["figure_id"]) == {"XE1", "XE2", "XE3"}
    e = ev.estimate("units_revived", "national", 1401)
    assert (e["low"], e["high"]) == pytest.approx((Y1401[1], Y1401[2]))


def test_an_expectation_is_set_against_its_years_result(checks):
    units = _one(checks, "expectation", "XE1")
    # Expected 2,000 (1,800 .. 2,200: half a step capped at 10 %); the year's result 1,563 .. 1,641.37, central
    # 1,589.12: missed, a note, 2,000 - 1,589.12 = 410.9 units short, 25.9 % of the result.
    assert units["grade"] == "note"
    assert units["derived_value"] == pytest.approx(Y1401[0])
    assert units["size_text"] == "411 units (26% of the result 1,589)"
    assert "short of it" in units["finding"]
    jobs = _one(checks, "expectation", "XE2")
    # Expected 26 jobs per unit (25.5 .. 26.5); the year's jobs over units: 31,292 .. 32,860.96 over 1,563 ..
    # 1,641.37 = 19.06 .. 21.02, central 31,814.99 / 1,589.12 = 20.02: a note, 26 / 20.02 = 1.3 times.
    assert jobs["grade"] == "note"
    assert (jobs["derived_low"], jobs["derived_high"]) == pytest.approx((J1401[1] / Y1401[2], J1401[2] / Y1401[1]))
    assert jobs["size_text"] == "1.3 times"
    # No result for 1403 yet: the expectation waits.
    assert _one(checks, "expectation", "XE3")["grade"] == "unchecked"
    # Notes are never findings' count.
    assert not audit.findings(checks).query("rule == 'expectation' and grade in ('contradiction', 'question')").shape[0]
