"""Term and multi-year totals against the yearly counts of their span (analysis.evidence.terms):
whole years, a partial first year (the year less the count to the day before the span, the gap
since the last count bounded by MAX_PACE_FACTOR times that count's own pace to its date), a partial
last year (bounded by the year-to-date series), and a year derived from the total itself left out.

One made-up national ledger (units revived). Iranian years, Gregorian: 1399 2020-03-20 ..
2021-03-20 (366 days); 1400 2021-03-21 .. 2022-03-20 (365); 1401 2022-03-21 .. 2023-03-20;
1402 2023-03-21 .. 2024-03-19; 1403 2024-03-20 .. 2025-03-20 (366).

Yearly counts (all exact, no trailing zeros): 1399 = 1,464 (to 2020-07-21: 503); 1400 = 2,067 (to
2021-04-20: 301, to 06-01: 401, to 08-22: 499); 1401 = 1,751 (to 2022-10-01: 1,013, to 2023-03-14:
1,563); 1402 has no full-year claim (to 2024-01-01: 1,502) and is derived from T4 (1402 + 1403 =
3,155, less 1403 = 1,344: 1,811); 1403 = 1,344 (to 2024-08-12: 116).
"""

from __future__ import annotations

import math

import pytest

from analysis import assumptions
from evidence_fixtures import build, figure, source

Y = {1399: ("2020-03-20", "2021-03-20"), 1400: ("2021-03-21", "2022-03-20"), 1401: ("2022-03-21", "2023-03-20"),
     1402: ("2023-03-21", "2024-03-19"), 1403: ("2024-03-20", "2025-03-20")}
SINCE = "2021-08-25"  # 1400/06/03
INF = math.inf

SOURCES = [
    source("V0", "2020-07-30"), source("V1", "2021-05-01"), source("V2", "2021-06-05"), source("V3", "2021-08-30"),
    source("V4", "2022-05-01"), source("V5", "2022-10-05"), source("V6", "2022-12-01"), source("V7", "2023-03-15"),
    source("V8", "2023-05-01"), source("V9", "2024-01-05"), source("V10", "2024-08-12"), source("V11", "2025-04-22"),
    source("V12", "2023-09-01"),
]


def _u(fid, sid, value, start, end="", scope="national"):
    return figure(fid, sid, "units_revived", value, start, end, scope=scope)


FIGURES = [
    _u("Y99", "V1", 1464, *Y[1399]), _u("Y99a", "V0", 503, Y[1399][0], "2020-07-21"),
    _u("Y00", "V4", 2067, *Y[1400]), _u("Y00a", "V1", 301, Y[1400][0], "2021-04-20"),
    _u("Y00b", "V2", 401, Y[1400][0], "2021-06-01"), _u("Y00c", "V3", 499, Y[1400][0], "2021-08-22"),
    _u("Y01", "V8", 1751, *Y[1401]), _u("Y01a", "V5", 1013, Y[1401][0], "2022-10-01"),
    _u("Y01b", "V7", 1563, Y[1401][0], "2023-03-14"),
    _u("Y02a", "V9", 1502, Y[1402][0], "2024-01-01"),
    _u("Y03", "V11", 1344, *Y[1403]), _u("Y03a", "V10", 116, Y[1403][0]),
    # The totals.
    _u("T1", "V8", 3800, Y[1400][0], Y[1401][1]),          # 1400 + 1401
    _u("T2", "V8", 3300, SINCE, Y[1401][1]),               # 2021-08-25 .. the end of 1401
    _u("T3", "V6", 2600, SINCE),                           # 2021-08-25 .. the report (2022-12-01)
    _u("T4", "V11", 3155, Y[1402][0], Y[1403][1]),         # 1402 + 1403
    _u("T5", "V10", 4600, SINCE),                          # 2021-08-25 .. the report (2024-08-12)
    _u("T6", "V1", 1300, "2020-07-25"),                    # 2020-07-25 .. the report (2021-05-01)
    _u("T7", "V12", 5400, SINCE, scope="economic_units"),  # no yearly counts at all
    _u("T8", "V8", 3319, "2021-08-23", Y[1401][1]),        # 2021-08-23 .. the end of 1401
]

#: The 1400 part of a span starting 2021-08-25: 2,067 less the count to 2021-08-24. The last count
#: (499) ends 2021-08-22, day 155 of 1400 (2021-03-21 .. 08-22, both counted: 11 + 30 + 31 + 30 + 31 + 22),
#: so its own pace is 499 / 155 a day, and the two days (08-23, 08-24) no figure covers add at most
#: 3 x 499 / 155 x 2 = 19.316 units: the count to 08-24 is 499 .. 518.316, and the part
#: 2,067 - 518.316 = 1,548.684 .. 2,067 - 499 = 1,568; central 2,067 - (499 + 499 / 155 x 2) = 1,561.561.
PACE_1400 = 3 * 499 / 155 * 2
PART_1400_LOW, PART_1400_HIGH = 2067 - 499 - PACE_1400, 2067 - 499
PART_1400_VALUE = 2067 - (499 + 499 / 155 * 2)


@pytest.fixture(scope="module")
def ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("terms"), SOURCES, FIGURES)


@pytest.fixture(scope="module")
def terms(ev):
    return ev.terms.set_index("claim_id")


def test_the_fastest_plausible_pace_is_three_times_a_counts_own_pace():
    # The hand arithmetic below takes MAX_PACE_FACTOR = 3 over gaps of at most 31 days.
    assert (assumptions.MAX_PACE_FACTOR, assumptions.MAX_PACE_GAP_DAYS) == (3.0, 31)
    assert PART_1400_LOW == pytest.approx(1548.684, abs=1e-3)


def test_the_year_derived_from_another_total(ev):
    e = ev.estimate("units_revived", "national", 1402)
    # 3,155 - 1,344 = 1,811 (both exact), above the year's count to date (1,502).
    assert (e["value"], e["low"], e["high"], e["basis"], e["derived_from"]) == (1811, 1811, 1811, "total_less_years", "T4")


def test_whole_years_add_their_estimates(terms):
    t = terms.loc["T1"]
    # 1400 + 1401 = 2,067 + 1,751 = 3,818, exactly.
    assert (t["implied_value"], t["implied_low"], t["implied_high"], bool(t["complete"])) == (3818, 3818, 3818, True)
    # The total's own reading: "3,800" is 3,750 .. 3,850.
    assert (t["value"], t["low"], t["high"]) == (3800, 3750, 3850)


def test_a_partial_first_year_less_the_count_to_the_day_before_at_the_fastest_pace(terms):
    t = terms.loc["T2"]
    # 1400 from 2021-08-25: 1,548.684 .. 1,568 (see PACE_1400); 1401 whole: 1,751.
    assert t["implied_low"] == pytest.approx(PART_1400_LOW + 1751)    # 3,299.684
    assert t["implied_high"] == pytest.approx(PART_1400_HIGH + 1751)  # 3,319
    assert t["implied_value"] == pytest.approx(PART_1400_VALUE + 1751)  # 3,312.561
    assert bool(t["complete"])
    assert {"Y00", "Y00c", "Y01"} <= set(t["part_claims"].split(", "))


def test_a_count_ending_the_day_before_the_span_leaves_no_gap(terms):
    t = terms.loc["T8"]
    # From 2021-08-23: the count to 08-22 is 499 exactly, no day uncovered: 2,067 - 499 = 1,568; + 1,751.
    assert (t["implied_value"], t["implied_low"], t["implied_high"]) == pytest.approx((3319, 3319, 3319))


def test_a_partial_last_year_is_bounded_by_the_series(terms):
    t = terms.loc["T3"]
    # 1400 from 08-25: 1,548.684 .. 1,568. 1401 to the report (2022-12-01): at least the highest count
    # ended by then (1,013, to 10-01), at most the lowest count ended on or after it (1,563, to
    # 2023-03-14; the year's 1,751 is higher): 1,013 .. 1,563. Neither count lies within 31 days of the
    # report, so the pace adds nothing. No central value for a partial last year.
    assert t["implied_low"] == pytest.approx(PART_1400_LOW + 1013)   # 2,561.684
    assert t["implied_high"] == pytest.approx(PART_1400_HIGH + 1563)  # 3,131
    assert math.isnan(t["implied_value"])
    assert bool(t["complete"])


def test_a_term_total_over_several_years_and_part_of_the_last(terms):
    t = terms.loc["T5"]
    # 1400 from 08-25: 1,548.684 .. 1,568; 1401: 1,751; 1402 (derived from T4, another claim): 1,811;
    # 1403 to the report of 2024-08-12: the same report counts 116 to that day, so 116 .. 116.
    assert t["implied_low"] == pytest.approx(PART_1400_LOW + 1751 + 1811 + 116)   # 5,226.684
    assert t["implied_high"] == pytest.approx(PART_1400_HIGH + 1751 + 1811 + 116)  # 5,246
    assert bool(t["complete"])
    # Stated 4,600: below everything the yearly counts allow.
    assert t["high"] < t["implied_low"]


def test_a_partial_first_year_in_a_leap_year_counts_its_own_days(terms):
    t = terms.loc["T6"]
    # 1399 (a leap year, from 2020-03-20) from 2020-07-25: the last count is 503 to 07-21, day 124
    # (12 + 30 + 31 + 30 + 21), so three uncovered days (07-22 .. 07-24) add at most 3 x 503 / 124 x 3
    # = 36.508: the count to 07-24 is 503 .. 539.508; the part 1,464 - 539.508 = 924.492 .. 1,464 - 503 = 961.
    # 1400 to the report (2021-05-01): at least 301 (to 04-20), at most 401 (to 06-01); the pace from 301
    # (3 x 301 / 31 x 11 days) and back from 401 (3 x 401 / 73 x 31 days) bound nothing tighter: 301 .. 401.
    assert (t["implied_low"], t["implied_high"]) == pytest.approx((1464 - 503 - 3 * 503 / 124 * 3 + 301, 961 + 401))
    assert bool(t["complete"])


def test_a_year_derived_from_the_total_itself_is_not_used_to_check_it(terms):
    t = terms.loc["T4"]
    # 1402 is 3,155 - 1,344 from T4 itself: circular, so only its floor counts (1,502, to 2024-01-01),
    # with no upper bound; 1403: 1,344. Implied 2,846 .. no upper bound: not complete.
    assert (t["implied_low"], t["implied_high"], bool(t["complete"])) == (1502 + 1344, INF, False)
    assert "Y02a" in t["part_claims"].split(", ")


def test_a_span_with_no_yearly_counts_is_unbounded(terms):
    t = terms.loc["T7"]
    assert (t["implied_low"], t["implied_high"], bool(t["complete"])) == (0, INF, False)


def test_only_multi_year_and_since_date_totals_are_reconciled(terms):
    assert sorted(terms.index) == ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"]
