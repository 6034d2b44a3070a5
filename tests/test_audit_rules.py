"""Every audit rule (analysis.questions.audit.RULES) on small made-up ledgers: for each, at least one
certain case and one within-rounding case, with the grade and the derived numbers worked out by hand.

Grades (analysis.evidence.grading): ``contradiction`` when the intervals cannot overlap even in the
most generous reading (each figure to within one rounding step of the number as written, at most 10 %:
1,500 -> 1,400 .. 1,600; 41 % -> 40 .. 42), ``question`` when they cannot overlap as read but can in that
reading, or overlap but a central value lies outside the other's bounds, ``consistent`` when the central
values sit inside each other's bounds in a check that could have failed. The issue-14 cases (readings,
both sides, severity, the newer rules) are in test_audit_judgement.py.

Bounds from wording (analysis.bounds; cap 10 %): a count ending in zeros is rounded at its last
non-zero digit, half a step either way (350 -> 345 .. 355; 1,300 -> 1,250 .. 1,350; 8,000 -> 7,500
.. 8,500; 2,000 -> 1,800 .. 2,200 by the cap); a count without trailing zeros is exact (401, 1,464);
a percentage or a stated ratio is rounded at its last written digit (41 -> 40.5 .. 41.5; 35.4 ->
35.35 .. 35.45); "over"/"at least" have no upper bound, "up to" runs from 0; a plain target is taken
as stated; ``rounding = none`` means exact as printed.

Iranian years, Gregorian: 1397 2018-03-21 .. 2019-03-20; 1398 2019-03-21 .. 2020-03-19 (365 days);
1399 2020-03-20 .. 2021-03-20 (366); 1400 2021-03-21 .. 2022-03-20 (365); 1401 2022-03-21 .. 2023-03-20.

Some rules never grade a contradiction by design: ``marginal_jobs`` (an implausible ratio is a
question: a strange pace is not an impossible one), ``reused_value`` (a repeated number may be a
coincidence), ``wording`` (wordings of one number always meet within a rounding step) and
``dollar_conversion`` (two exchange rates are a note); their certain case is the strongest grade they give.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.questions import audit
from analysis.questions.audit import seed as audit_seed
from analysis.questions.audit.checks import CHECK_COLUMNS
from evidence_fixtures import build, figure, rendered, seed_figures, source

INF = math.inf
Y = {1397: ("2018-03-21", "2019-03-20"), 1398: ("2019-03-21", "2020-03-19"), 1399: ("2020-03-20", "2021-03-20"),
     1400: ("2021-03-21", "2022-03-20"), 1401: ("2022-03-21", "2023-03-20")}
S1400 = Y[1400][0]

RULE = {r.id: r for r in audit.RULES}
_RUNS: dict[tuple[int, str], pd.DataFrame] = {}


def _checks(ev, rule: str) -> pd.DataFrame:
    """One rule's checks on a ledger (each rule runs once per module-scoped ledger)."""
    key = (id(ev), rule)
    if key not in _RUNS:
        _RUNS[key] = rendered(RULE[rule].run(ev))  # sentences as a reader reads them
    out = _RUNS[key]
    assert list(out.columns) == CHECK_COLUMNS
    assert (out["rule"] == rule).all()
    return out


def _one(ev, rule: str, claim_id: str) -> pd.Series:
    c = _checks(ev, rule)
    rows = c[c["claim_id"] == claim_id]
    assert len(rows) == 1, f"{rule}: expected one check of {claim_id}, got {len(rows)}"
    return rows.iloc[0]


def _numbers(row: pd.Series, *cols: str) -> tuple:
    return tuple(float(row[c]) for c in cols)


def _u(fid, sid, value, start, end="", scope="national", **kw):
    return figure(fid, sid, "units_revived", value, start, end, scope=scope, **kw)


def _year(fid, sid, value, year, scope="national", metric="units_revived", **kw):
    return figure(fid, sid, metric, value, *Y[year], scope=scope, **kw)


def test_every_rule_has_cases_here():
    # The rules this file covers; a new rule needs its own cases.
    # (running_total, outlier_ratio, target_echo, target_ratio and expectation have theirs in test_audit_judgement.py.)
    assert [r.id for r in audit.RULES] == [
        "ytd_decrease", "running_total", "different_values", "wording", "term_total", "parts_total", "percentage", "growth",
        "average", "marginal_jobs", "outlier_ratio", "target_echo", "target_ratio", "reused_value", "dollar_conversion",
        "expectation", "seed_date", "seed_share"]


# ---------------------------------------------------------------------------------------------
# Counts: year-to-date decreases, different values, wordings, reused numbers
# ---------------------------------------------------------------------------------------------

COUNT_SOURCES = [
    source("R1", "2021-06-05"), source("R2", "2021-08-30"), source("R3", "2021-09-01"), source("R4", "2021-09-02"),
    source("D1", "2021-04-10"), source("D2", "2021-05-01"), source("D3", "2021-04-12"), source("D4", "2021-05-03"),
    source("W1", "2020-04-10"), source("W2", "2020-05-01"),
    source("V1", "2022-04-01"), source("V2", "2022-04-02"), source("V3", "2022-04-03"),
]

COUNT_FIGURES = [
    # Year-to-date 1400. National: 401 to 06-01, then 350 to 08-22, stated by three reports (one claim).
    _u("YA1", "R1", 401, S1400, "2021-06-01"),
    _u("YA2", "R2", 350, S1400, "2021-08-22"), _u("YA3", "R3", 350, S1400, "2021-08-22"), _u("YA4", "R4", 350, S1400, "2021-08-22"),
    # SMEs: 510 then 500. Revival movement: 300 then 320.
    _u("YB1", "R1", 510, S1400, "2021-06-01", "smes"), _u("YB2", "R2", 500, S1400, "2021-08-22", "smes"),
    _u("YC1", "R1", 300, S1400, "2021-06-01", "economic_units"), _u("YC2", "R2", 320, S1400, "2021-08-22", "economic_units"),
    # Different values for 1399 (all reported after the year ended; the later report is preferred).
    _year("DV1", "D1", 1300, 1399), _year("DV2", "D2", 1464, 1399),
    _year("DV3", "D3", 1500, 1399, "smes"), _year("DV4", "D4", 1460, 1399, "smes"),
    _year("DV5", "D3", 1450, 1399, "economic_units", qualifier="over"), _year("DV6", "D4", 1500, 1399, "economic_units"),
    # Wordings of one 1398 number (identical closed statements are one claim without a link).
    _year("WA1", "W1", 1500, 1398, rounding="none"), _year("WA2", "W2", 1500, 1398, qualifier="over"),
    _year("WB1", "W1", 1500, 1398, "smes", qualifier="up_to"), _year("WB2", "W2", 1500, 1398, "smes", qualifier="over"),
    _year("WC1", "W1", 1500, 1398, "economic_units"), _year("WC2", "W2", 1500, 1398, "economic_units", qualifier="over"),
    _year("WD1", "W1", 1500, 1398, "industrial_parks", rounding="none"),
    _year("WD2", "W2", 1500, 1398, "industrial_parks", qualifier="at_least"),
    # Reused numbers: 1,811 for two things; 2,000 for two things; 1,751 restated by three reports of one thing.
    _year("RV1", "V1", 1811, 1400), _year("RV2", "V2", 1811, 1399, "industrial_parks"),
    _year("RV3", "V1", 2000, 1400, "smes", "jobs_created"), _year("RV4", "V2", 2000, 1400, "national", "jobs_created"),
    _year("RV5", "V1", 1751, 1400, "outside_parks", "jobs_created"), _year("RV6", "V2", 1751, 1400, "outside_parks", "jobs_created"),
    _year("RV7", "V3", 1751, 1400, "outside_parks", "jobs_created"),
]


@pytest.fixture(scope="module")
def counts_ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("audit_counts"), COUNT_SOURCES, COUNT_FIGURES)


def test_ytd_decrease_certain(counts_ev):
    r = _one(counts_ev, "ytd_decrease", "YA2")
    # 350 (345 .. 355) after 401 (exact): even its upper bound is below the earlier count.
    assert r["grade"] == "contradiction"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (345, 355, 401, 401, INF)
    # The change: 350 - 401 = -51, from 345 - 401 = -56 to 355 - 401 = -46.
    assert "a change of -51 (-56 to -46)" in r["arithmetic"]
    assert r["claim_ids"] == "YA2, YA1"


def test_ytd_decrease_within_rounding(counts_ev):
    r = _one(counts_ev, "ytd_decrease", "YB2")
    # 500 (450 .. 550) after 510 (505 .. 515): lower as stated, but 550 >= 505, so rounding reconciles them.
    assert r["grade"] == "question"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (450, 550, 510, 505, INF)
    ok = _one(counts_ev, "ytd_decrease", "YC2")
    # 320 (315 .. 325) after 300 (270 .. 330): a rise, still listed as a check.
    assert ok["grade"] == "consistent"
    assert _numbers(ok, "derived_value", "derived_low") == (300, 270)


def test_ytd_decrease_the_first_count_of_a_series_has_nothing_to_fall_from(counts_ev):
    c = _checks(counts_ev, "ytd_decrease")
    assert not c["claim_id"].isin(["YA1", "YB1", "YC1"]).any()


def test_one_finding_per_claim_however_many_reports_restate_it(counts_ev):
    c = _checks(counts_ev, "ytd_decrease")
    # YA2, YA3 and YA4 state one number for one period: one claim, one check, naming all three reports.
    assert counts_ev.claim_of("YA3") == counts_ev.claim_of("YA4") == "YA2"
    assert (c["claim_id"] == "YA2").sum() == 1
    assert not c["claim_id"].isin(["YA3", "YA4"]).any()
    r = _one(counts_ev, "ytd_decrease", "YA2")
    assert r["source_ids"].split(", ")[:3] == ["R2", "R3", "R4"] and "R1" in r["source_ids"]
    assert r["figure_ids"].startswith("YA2, YA3, YA4")


def test_different_values_certain(counts_ev):
    r = _one(counts_ev, "different_values", "DV1")
    # 1,300 (1,250 .. 1,350) against the chosen 1,464 (exact; the later report): no overlap.
    assert r["grade"] == "contradiction"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (1250, 1350, 1464, 1464, 1464)
    assert r["claim_ids"] == "DV1, DV2"
    assert not (_checks(counts_ev, "different_values")["claim_id"] == "DV2").any()  # the chosen claim is the reference


def test_different_values_within_rounding(counts_ev):
    r = _one(counts_ev, "different_values", "DV3")
    # 1,500 (1,450 .. 1,550) against the chosen 1,460 (1,455 .. 1,465): they overlap, but 1,500 lies
    # outside 1,455 .. 1,465.
    assert r["grade"] == "question"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (1450, 1550, 1460, 1455, 1465)
    ok = _one(counts_ev, "different_values", "DV5")
    # "Over 1,450" (1,450 .. no bound, no central value) against the chosen 1,500 (bounded: preferred):
    # 1,500 lies inside 1,450 .. no bound, so the wordings agree.
    assert ok["grade"] == "consistent"
    assert _numbers(ok, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (1450, INF, 1500, 1450, 1550)


def test_wording_certain(counts_ev):
    a = _one(counts_ev, "wording", "WA1")
    # "1,500" exact as printed and "over 1,500" (strictly above): no number fits both as read; the hull is
    # kept. Within one rounding step of 1,500 (1,400 .. 1,600, and over 1,400) they meet: a question.
    assert a["grade"] == "question"
    assert _numbers(a, "stated_low", "stated_high") == (1500, INF)
    assert "1,500 and over 1,500 units" in a["finding"] and "within the rounding" in a["finding"]
    b = _one(counts_ev, "wording", "WB1")
    # "Up to 1,500" (0 .. 1,500) and "over 1,500" (above 1,500): the hull 0 .. no bound; within a step they meet.
    assert b["grade"] == "question"
    assert _numbers(b, "stated_low", "stated_high") == (0, INF)
    assert b["source_ids"] == "W1, W2"


def test_wording_within_rounding_narrows_instead(counts_ev):
    c = _checks(counts_ev, "wording")
    assert set(c["claim_id"]) == {"WA1", "WB1"}
    # "1,500" (1,450 .. 1,550) and "over 1,500" narrow each other to 1,500 .. 1,550: no finding.
    wc = counts_ev.claim("WC1")
    assert (wc["low"], wc["high"], bool(wc["wording_conflict"])) == (1500, 1550, False)
    # "1,500" exact as printed and "at least 1,500": 1,500 itself fits both.
    wd = counts_ev.claim("WD1")
    assert (wd["low"], wd["high"], bool(wd["wording_conflict"])) == (1500, 1500, False)


def test_reused_value_certain(counts_ev):
    c = _checks(counts_ev, "reused_value")
    r = c[c["stated"] == "1,811"]
    # 1,811 (four significant digits) is given for national 1400 and for industrial parks 1399: one check.
    assert len(r) == 1
    r = r.iloc[0]
    assert r["grade"] == "question"  # a coincidence is possible, so never a contradiction
    assert set(r["claim_ids"].split(", ")) == {"RV1", "RV2"}
    assert _numbers(r, "stated_low", "stated_high") == (1811, 1811)
    assert "2 different things" in r["finding"]


def test_reused_value_within_rounding_is_not_flagged(counts_ev):
    c = _checks(counts_ev, "reused_value")
    # 2,000 has one significant digit: round numbers recur by chance.
    assert not c["stated"].isin(["2,000"]).any()
    # 1,751 is stated by three reports, all for outside parks' 1400 jobs: one thing, not reused.
    assert not c["stated"].isin(["1,751"]).any()


# ---------------------------------------------------------------------------------------------
# Totals: term and multi-year totals, parts against the national figure
# ---------------------------------------------------------------------------------------------

TOTAL_SOURCES = [source("T1", "2022-05-01"), source("T2", "2023-05-01"), source("T3", "2021-08-30"), source("T4", "2023-05-02"),
                 source("T5", "2023-05-03"), source("T6", "2023-05-04"), source("N1", "2023-06-01"), source("N2", "2023-06-02")]
SINCE = "2021-08-25"  # 1400/06/03

TOTAL_FIGURES = [
    # National: 1400 = 2,067 (to 2021-08-22: 499); 1401 = 1,751.
    _year("N00", "T1", 2067, 1400), _u("N00c", "T3", 499, S1400, "2021-08-22"), _year("N01", "T2", 1751, 1401),
    _u("TA", "T2", 3700, Y[1400][0], Y[1401][1]),           # 1400 + 1401
    _u("TB", "T4", 3290, SINCE, Y[1401][1]),                # 2021-08-25 .. the end of 1401
    _u("TB2", "T5", 2800, SINCE, Y[1401][1]),
    _u("TB3", "T6", 3300, SINCE, Y[1401][1]),
    # SMEs: 1400 = 2,100 (2,050 .. 2,150); 1401 = 1,751.
    _year("S00", "T1", 2100, 1400, "smes"), _year("S01", "T2", 1751, 1401, "smes"),
    _u("TC", "T2", 3810, Y[1400][0], Y[1401][1], "smes"), _u("TD", "T4", 3850, Y[1400][0], Y[1401][1], "smes"),
    # The revival movement: a total and no yearly counts.
    _u("TE", "T2", 5400, SINCE, "", "economic_units"),
    # Parts: 1400 inside 1,600 + outside 450 against 2,067; 1401 inside 1,500 + outside 450 against 1,751.
    _year("P00i", "N1", 1600, 1400, "industrial_parks"), _year("P00o", "N1", 450, 1400, "outside_parks"),
    _year("P01i", "N1", 1500, 1401, "industrial_parks"), _year("P01o", "N1", 450, 1401, "outside_parks"),
    # One part only: 1399 parks 2,500 against 1,464; 1398 parks 2,010 against 2,000; 1397 outside 1,200 against 1,234.
    _year("Q99n", "N2", 1464, 1399), _year("Q99i", "N1", 2500, 1399, "industrial_parks"),
    _year("Q98n", "N2", 2000, 1398), _year("Q98i", "N1", 2010, 1398, "industrial_parks"),
    _year("Q97n", "N2", 1234, 1397), _year("Q97o", "N1", 1200, 1397, "outside_parks"),
]

#: A span from 2021-08-25: the last 1400 count (499) ends 08-22, day 155 of 1400, so 08-23 and 08-24 are
#: uncovered and add at most three times its own pace, 3 x 499 / 155 a day: 2 x 9.658 = 19.316. The 1400
#: part is 2,067 - 518.316 = 1,548.684 .. 2,067 - 499 = 1,568, central 2,067 - (499 + 2 x 499 / 155) =
#: 1,561.561; with 1401's 1,751: 3,299.684 .. 3,319, central 3,312.561.
SPAN_LOW, SPAN_HIGH, SPAN_VALUE = 2067 - 499 - 6 * 499 / 155 + 1751, 2067 - 499 + 1751, 2067 - 499 - 2 * 499 / 155 + 1751


@pytest.fixture(scope="module")
def totals_ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("audit_totals"), TOTAL_SOURCES, TOTAL_FIGURES)


def test_term_total_certain(totals_ev):
    r = _one(totals_ev, "term_total", "TA")
    # 1400 + 1401 = 2,067 + 1,751 = 3,818 exactly, against 3,700 (3,650 .. 3,750).
    assert r["grade"] == "contradiction"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (3650, 3750, 3818, 3818, 3818)
    # Since a date: 2,800 (2,750 .. 2,850) is below 3,299.684 even at the fastest plausible pace.
    b = _one(totals_ev, "term_total", "TB2")
    assert b["grade"] == "contradiction"
    assert (b["derived_low"], b["derived_high"]) == pytest.approx((SPAN_LOW, SPAN_HIGH))


def test_term_total_within_rounding_or_pace(totals_ev):
    r = _one(totals_ev, "term_total", "TC")
    # SMEs: 2,100 (2,050 .. 2,150) + 1,751 = 3,801 .. 3,901, central 3,851; 3,810 (3,805 .. 3,815)
    # overlaps, but 3,851 lies outside it.
    assert r["grade"] == "question"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (3805, 3815, 3851, 3801, 3901)
    # 3,850 (3,845 .. 3,855) holds 3,851.
    assert _one(totals_ev, "term_total", "TD")["grade"] == "consistent"
    # Since a date: 3,290 (3,285 .. 3,295) lies below 3,299.684 as read, but within its rounding step
    # (3,280 .. 3,300) and the counts' (2,067 -> 2,066; 499 -> 500; 1,751 -> 1,750: at least
    # 2,066 - 500 - 3 x 500 / 155 x 2 + 1,750 = 3,296.645) the two meet: a question.
    b = _one(totals_ev, "term_total", "TB")
    assert b["grade"] == "question"
    assert (b["derived_value"], b["derived_low"], b["derived_high"]) == pytest.approx((SPAN_VALUE, SPAN_LOW, SPAN_HIGH))
    assert (b["derived_value"], b["derived_low"]) == pytest.approx((3312.561, 3299.684), abs=1e-3)
    # 3,300 (3,250 .. 3,350) holds the central 3,307.674.
    assert _one(totals_ev, "term_total", "TB3")["grade"] == "consistent"


def test_term_total_without_yearly_counts_is_unchecked(totals_ev):
    r = _one(totals_ev, "term_total", "TE")
    assert r["grade"] == "unchecked"
    assert (r["derived_low"], r["derived_high"]) == (0, INF)


def test_parts_total_certain(totals_ev):
    r = _one(totals_ev, "parts_total", "N01")
    # 1401: 1,500 (1,450 .. 1,550) + 450 (445 .. 455) = 1,950 (1,895 .. 2,005) against 1,751 (exact); even
    # within a rounding step (1,400 .. 1,600 + 440 .. 460 = 1,840 .. 2,060 against 1,750 .. 1,752) apart.
    assert r["grade"] == "contradiction"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (1751, 1751, 1950, 1895, 2005)
    one = _one(totals_ev, "parts_total", "Q99n")
    # One part larger than the whole: parks 2,500 (2,450 .. 2,550) against national 1,464.
    assert one["grade"] == "contradiction"
    assert _numbers(one, "derived_value", "derived_low", "derived_high") == (2500, 2450, 2550)


def test_parts_total_within_rounding(totals_ev):
    r = _one(totals_ev, "parts_total", "N00")
    # The example: 1,600 (1,550 .. 1,650) + 450 (445 .. 455) = 2,050 (1,995 .. 2,105) against
    # 2,067: within rounding, but the stated parts do not add up, so it is shown as a question.
    assert r["grade"] == "question"
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (2067, 2067, 2050, 1995, 2105)
    assert set(r["claim_ids"].split(", ")) == {"N00", "P00i", "P00o"}
    # One part below the whole: outside parks 1,200 (1,150 .. 1,250) within national 1,234.
    assert _one(totals_ev, "parts_total", "Q97n")["grade"] == "consistent"


def test_parts_total_one_part_above_the_whole_as_stated_is_a_question(totals_ev):
    r = _one(totals_ev, "parts_total", "Q98n")
    # 1398: parks 2,010 (2,005 .. 2,015) against national 2,000 (1,800 .. 2,200 by the 10 % cap). As
    # stated the part exceeds the whole; only the rounding of 2,000 reconciles them: a question (as a
    # later count lower than an earlier one is), not consistent.
    assert _numbers(r, "stated_low", "stated_high", "derived_value", "derived_low", "derived_high") == (1800, 2200, 2010, 2005, 2015)
    assert r["grade"] == "question"


# ---------------------------------------------------------------------------------------------
# Percentages against their parts and every target the report could use
# ---------------------------------------------------------------------------------------------

END = "2021-08-22"
PCT_SOURCES = [source("Q0", "2021-03-25"), source("Q1", "2021-04-01"), source("Q2", "2021-06-01"), source("Q3", "2021-08-30"),
               source("Q4", "2021-08-31"), source("Q5", "2021-09-01"), source("Q6", "2021-09-02"), source("Q7", "2021-09-03"),
               source("Q8", "2021-09-04"), source("Q9", "2021-09-05"), source("Q10", "2021-09-10"), source("Q11", "2021-09-06"),
               source("Q12", "2021-09-07")]


def _pct(fid, sid, value, units=612, end=END):
    return [_u(fid + "u", sid, units, S1400, end), figure(fid, sid, "target_progress_pct", value, S1400, end)]


PCT_FIGURES = [
    # National 1400 targets: 2,000 (04-01), revised to 1,500 (06-01), revised again to 1,000 (09-10);
    # SMEs 1,200 (03-25).
    _year("UT1", "Q1", 2000, 1400, metric="units_target"), _year("UT2", "Q2", 1500, 1400, metric="units_target"),
    _year("UT3", "Q10", 1000, 1400, metric="units_target"), _year("UTS", "Q0", 1200, 1400, "smes", metric="units_target"),
    # Each report states 612 units to 2021-08-22 (one claim) and a percentage of the target.
    *_pct("P1", "Q3", 41), *_pct("P1b", "Q8", 41), *_pct("P1c", "Q12", 41),
    *_pct("P2", "Q4", 31), *_pct("P3", "Q5", 51), *_pct("P4", "Q6", 90), *_pct("P6", "Q11", 61),
    *_pct("P5", "Q7", 42, units=600, end="2021-08-29"),
]


@pytest.fixture(scope="module")
def ratios_ev(tmp_path_factory):
    """Percentages and growth rates share one ledger: the rules read different metrics and scopes."""
    return build(tmp_path_factory.mktemp("audit_ratios"), PCT_SOURCES + GROWTH_SOURCES, PCT_FIGURES + GROWTH_FIGURES)


@pytest.fixture(scope="module")
def pct_ev(ratios_ev):
    return ratios_ev


def test_percentage_consistent_with_the_target_in_force(pct_ev):
    r = _one(pct_ev, "percentage", "P1")
    # 612 / 1,500 (revised 06-01, in force at 08-30) = 40.8 %, inside 41 % (40.5 .. 41.5).
    assert r["grade"] == "consistent"
    assert _numbers(r, "stated_low", "stated_high") == (40.5, 41.5)
    assert r["derived_value"] == pytest.approx(40.8)
    assert "UT2" in r["claim_ids"].split(", ")
    # Stated by three reports: one claim, one check.
    c = _checks(pct_ev, "percentage")
    assert (c["claim_id"] == "P1").sum() == 1 and not c["claim_id"].isin(["P1b", "P1c"]).any()


def test_percentage_certain(pct_ev):
    r = _one(pct_ev, "percentage", "P4")
    # 90 % (89.5 .. 90.5): 612 / 1,500 = 40.8, 612 / 2,000 = 30.6, 612 / 1,200 = 51: none fits; graded
    # against the target in force.
    assert r["grade"] == "contradiction"
    assert r["derived_value"] == pytest.approx(40.8)
    assert not bool(r["cross_scope"])


def test_percentage_within_rounding(pct_ev):
    r = _one(pct_ev, "percentage", "P5")
    # 600 (550 .. 650) / 1,500 = 36.667 .. 43.333, central 40; 42 % (41.5 .. 42.5) overlaps, 40 lies outside.
    assert r["grade"] == "question"
    assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx((40, 550 / 15, 650 / 15))


def test_a_percentage_matching_only_a_superseded_target_is_a_question(pct_ev):
    r = _one(pct_ev, "percentage", "P2")
    # 612 / 2,000 = 30.6 % fits 31 % (30.5 .. 31.5), but 2,000 was revised to 1,500 before the report.
    assert r["grade"] == "question"
    assert r["derived_value"] == pytest.approx(30.6)
    assert "UT1" in r["claim_ids"].split(", ")
    assert not bool(r["cross_scope"])


def test_a_percentage_matching_only_another_scopes_target_is_a_labelled_question(pct_ev):
    r = _one(pct_ev, "percentage", "P3")
    # 612 / 1,200 (the SME target) = 51 %: fits 51 % (50.5 .. 51.5), but across scopes.
    assert r["grade"] == "question"
    assert bool(r["cross_scope"])
    assert r["derived_value"] == pytest.approx(51)


def test_a_target_published_after_the_report_is_not_a_denominator(pct_ev):
    r = _one(pct_ev, "percentage", "P6")
    # 61 % would be 612 / 1,000, but 1,000 was first published 2021-09-10, after the report (09-06):
    # the target in force was 1,500 (40.8 %).
    assert r["grade"] == "contradiction"
    assert r["derived_value"] == pytest.approx(40.8)
    assert "UT3" not in r["claim_ids"].split(", ")


# ---------------------------------------------------------------------------------------------
# Growth rates against the counts of two periods
# ---------------------------------------------------------------------------------------------

GROWTH_SOURCES = [source("G1", "2022-05-01"), source("G2", "2022-05-02"), source("G3", "2022-05-03"), source("G4", "2023-05-01"),
                  source("G5", "2020-05-01"), source("G6", "2023-05-02")]
GROWTH_FIGURES = [
    _year("N99", "G1", 1464, 1399), _year("N00", "G1", 2067, 1400),
    _year("GR1", "G1", 41, 1400, metric="units_growth_pct_stated"),
    _year("GR3", "G3", 60, 1400, metric="units_growth_pct_stated"),
    _year("S99", "G2", 1500, 1399, "smes"), _year("S00", "G2", 2067, 1400, "smes"),
    _year("GR2", "G2", 40, 1400, "smes", metric="units_growth_pct_stated"),
    # Two-year jobs growth, national, with national jobs only for 1400-1401 (the C166).
    figure("J01", "G4", "jobs_created", 61010, Y[1400][0], Y[1401][1]),
    figure("GR4", "G4", "jobs_growth_pct_stated", 35.4, Y[1400][0], Y[1401][1]),
    figure("GR5", "G6", "jobs_growth_pct_stated", 25.5, Y[1400][0], Y[1401][1]),
    _year("J98", "G5", 21618, 1398, "smes", "jobs_created"), _year("J99", "G1", 27000, 1399, "industrial_parks", "jobs_created"),
]


@pytest.fixture(scope="module")
def growth_ev(ratios_ev):
    return ratios_ev


def test_growth_certain(growth_ev):
    ok = _one(growth_ev, "growth", "GR1")
    # 2,067 / 1,464 - 1 = 41.189 %, inside 41 % (40.5 .. 41.5).
    assert ok["grade"] == "consistent"
    assert ok["derived_value"] == pytest.approx((2067 / 1464 - 1) * 100)
    assert ok["derived_value"] == pytest.approx(41.189, abs=1e-3)
    r = _one(growth_ev, "growth", "GR3")
    # 60 % (59.5 .. 60.5) against 41.189 % exactly.
    assert r["grade"] == "contradiction"
    assert set(r["claim_ids"].split(", ")) == {"GR3", "N00", "N99"}


def test_growth_within_rounding(growth_ev):
    r = _one(growth_ev, "growth", "GR2")
    # SMEs: 2,067 over 1,500 (1,450 .. 1,550): 2,067 / 1,550 - 1 = 33.355 % .. 2,067 / 1,450 - 1 = 42.552 %,
    # central 37.8 %; 40 % (39.5 .. 40.5) overlaps, 37.8 lies outside (the 1399 -> 1400 case).
    assert r["grade"] == "question"
    assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx(
        ((2067 / 1500 - 1) * 100, (2067 / 1550 - 1) * 100, (2067 / 1450 - 1) * 100))


def test_a_cross_scope_growth_comparison_is_labelled_and_at_most_a_question(growth_ev):
    r = _one(growth_ev, "growth", "GR4")
    # No national jobs for 1398 or 1399: the headline scopes' stand in (SMEs 1398 21,618; parks 1399
    # 27,000 = 26,500 .. 27,500). 61,010 (61,005 .. 61,015) / (48,118 .. 49,118) - 1 = 24.201 % .. 26.803 %,
    # central 61,010 / 48,618 - 1 = 25.489 %. Stated 35.4 % (35.35 .. 35.45): apart, but across scopes.
    assert bool(r["cross_scope"])
    assert r["grade"] == "question"
    assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx(
        ((61010 / 48618 - 1) * 100, (61005 / 49118 - 1) * 100, (61015 / 48118 - 1) * 100))
    assert "counts of different scopes" in r["arithmetic"] and "against the stated 35.4%" in r["arithmetic"]
    ok = _one(growth_ev, "growth", "GR5")
    # 25.5 % (25.45 .. 25.55) holds 25.489: consistent, and still labelled.
    assert ok["grade"] == "consistent" and bool(ok["cross_scope"])
    same = _checks(growth_ev, "growth").set_index("claim_id")
    assert not same.loc[["GR1", "GR2", "GR3"], "cross_scope"].any()


# ---------------------------------------------------------------------------------------------
# Averages, marginal jobs per unit, dollar conversions
# ---------------------------------------------------------------------------------------------

JOB_SOURCES = [source("A1", "2021-08-30"), source("A2", "2021-08-31"), source("A3", "2021-09-01"), source("A0", "2020-04-10"),
               source("A5", "2020-06-01"), source("A4", "2020-09-01"), source("F0", "2021-04-10"),
               source("M1", "2021-06-05"), source("M2", "2021-08-30"), source("M3", "2021-06-06"), source("M4", "2021-08-31"),
               source("M5", "2022-06-05"), source("M6", "2022-08-30"),
               source("D1", "2021-07-05"), source("D2", "2021-07-06"), source("D3", "2021-07-07")]


def _avg_case(prefix, sid, scope, average):
    return [_u(prefix + "u", sid, 499, S1400, END, scope), figure(prefix + "j", sid, "jobs_created", 8000, S1400, END, scope=scope),
            figure(prefix + "a", sid, "jobs_per_unit_stated", average, S1400, END, scope=scope)]


def _marginal_case(prefix, first_sid, second_sid, scope, second_jobs, year=1400):
    start = Y[year][0]
    d1, d2 = ("2021-06-01", "2021-08-22") if year == 1400 else ("2022-06-01", "2022-08-22")
    return [_u(prefix + "u1", first_sid, 401, start, d1, scope), figure(prefix + "j1", first_sid, "jobs_created", 6015, start, d1, scope=scope),
            _u(prefix + "u2", second_sid, 499, start, d2, scope), figure(prefix + "j2", second_sid, "jobs_created", second_jobs, start, d2, scope=scope)]


RIALS = ("2021-03-21", "2021-06-30")
JOB_FIGURES = [
    # Averages 1400 to 2021-08-22: 499 units and 8,000 jobs (7,500 .. 8,500) in each of three scopes.
    *_avg_case("NA", "A1", "national", 16), *_avg_case("PA", "A2", "industrial_parks", 25), *_avg_case("OA", "A3", "outside_parks", 17),
    # SME targets 1399: 1,500 units and 27,000 jobs (A0), units revised to 1,800 (A5); three stated averages.
    _year("ST1", "A0", 1500, 1399, "smes", "units_target"), _year("SJ1", "A0", 27000, 1399, "smes", "jobs_target"),
    _year("ST2", "A5", 1800, 1399, "smes", "units_target"),
    figure("SA1", "A4", "jobs_per_unit_stated", 18, Y[1399][0], "2020-08-20", scope="smes"),
    figure("SA2", "A4", "jobs_per_unit_stated", 15, Y[1399][0], "2020-08-20", scope="smes"),
    figure("SA3", "A4", "jobs_per_unit_stated", 30, Y[1399][0], "2020-08-20", scope="smes"),
    # The full-year reference for plausible ratios: 1399, 1,464 units and 21,960 jobs exactly (15 a unit).
    _year("FU", "F0", 1464, 1399), _year("FJ", "F0", 21960, 1399, metric="jobs_created", rounding="none"),
    # Marginal jobs: 401 units / 6,015 jobs, then 499 units and 7,485, 10,000 or 7,000 jobs.
    *_marginal_case("ME", "M1", "M2", "economic_units", 7485), *_marginal_case("MS", "M3", "M4", "smes", 10000),
    *_marginal_case("MN", "M5", "M6", "national", 7000, year=1401),
    # One rial sum (10 trillion, exact as printed) converted to dollars three times.
    figure("RL1", "D1", "financing_rials", 10**13, *RIALS, rounding="none"), figure("US1", "D1", "financing_usd_stated", 238000000, *RIALS),
    figure("RL2", "D2", "financing_rials", 10**13, *RIALS, rounding="none"), figure("US2", "D2", "financing_usd_stated", 240000000, *RIALS),
    figure("RL3", "D3", "financing_rials", 10**13, *RIALS, rounding="none"), figure("US3", "D3", "financing_usd_stated", 60000000, *RIALS),
]

#: 8,000 (7,500 .. 8,500) jobs over 499 units: 15.030 .. 17.034, central 16.032.
JPU = (8000 / 499, 7500 / 499, 8500 / 499)


@pytest.fixture(scope="module")
def jobs_ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("audit_jobs"), JOB_SOURCES, JOB_FIGURES)


def _figures_check(ev, claim_id):
    c = _checks(ev, "average")
    rows = c[(c["claim_id"] == claim_id) & c["arithmetic"].str.startswith(("jobs / units", "no units"))]
    assert len(rows) == 1
    return rows.iloc[0]


def _targets_check(ev, claim_id):
    c = _checks(ev, "average")
    rows = c[(c["claim_id"] == claim_id) & c["arithmetic"].str.startswith("jobs target")]
    assert len(rows) == 1
    return rows.iloc[0]


def test_average_against_the_figures(jobs_ev):
    ok, q, bad = _figures_check(jobs_ev, "NAa"), _figures_check(jobs_ev, "OAa"), _figures_check(jobs_ev, "PAa")
    for r in (ok, q, bad):
        assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx(JPU)
    # 16 (15.5 .. 16.5) holds 16.032; 17 (16.5 .. 17.5) overlaps 15.030 .. 17.034 but not 16.032;
    # 25 (24.5 .. 25.5) lies beyond 17.034.
    assert (ok["grade"], q["grade"], bad["grade"]) == ("consistent", "question", "contradiction")


def test_average_against_the_targets(jobs_ev):
    first, force, bad = _targets_check(jobs_ev, "SA1"), _targets_check(jobs_ev, "SA2"), _targets_check(jobs_ev, "SA3")
    # 27,000 / 1,800 = 15 (the units target as revised) and 27,000 / 1,500 = 18 (as first stated), targets exact.
    assert (force["grade"], force["derived_value"]) == ("consistent", 15)
    assert (first["grade"], first["derived_value"]) == ("question", 18)
    # 30 (29.5 .. 30.5) matches neither.
    assert bad["grade"] == "contradiction"
    # No SME units and jobs for the period: the figures check cannot be made.
    assert _figures_check(jobs_ev, "SA1")["grade"] == "unchecked"


def test_marginal_jobs_reference_band(jobs_ev):
    from analysis.questions import jobs

    # The one full-year pair: 21,960 / 1,464 = 15 exactly; the band is 15 / 2 .. 15 x 2.
    assert jobs.plausible_band(jobs_ev) == pytest.approx((7.5, 30.0))


def test_marginal_jobs_certain(jobs_ev):
    r = _one(jobs_ev, "marginal_jobs", "MSu2")
    # (10,000 - 6,015) / (499 - 401): 10,000 is 9,000 .. 11,000 (the 10 % cap), so (2,985 .. 4,985) / 98
    # = 30.459 .. 50.867, central 3,985 / 98 = 40.663: wholly above 30, the plausible band's top.
    assert r["grade"] == "question"  # implausible, not impossible: the rule's strongest grade
    assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx((3985 / 98, 2985 / 98, 4985 / 98))
    assert set(r["claim_ids"].split(", ")) == {"MSu2", "MSj2", "MSu1", "MSj1"}


def test_marginal_jobs_within_rounding(jobs_ev):
    r = _one(jobs_ev, "marginal_jobs", "MNu2")
    # (7,000 - 6,015) / 98: 7,000 is 6,500 .. 7,500, so 485 / 98 = 4.949 .. 1,485 / 98 = 15.153, central
    # 985 / 98 = 10.051: the interval reaches into 7.5 .. 30.
    assert r["grade"] == "consistent"
    assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx((985 / 98, 485 / 98, 1485 / 98))
    e = _one(jobs_ev, "marginal_jobs", "MEu2")
    # (7,485 - 6,015) / 98 = 1,470 / 98 = 15 exactly.
    assert e["grade"] == "consistent"
    assert (e["derived_value"], e["derived_low"], e["derived_high"]) == pytest.approx((15, 15, 15))


def test_dollar_conversion_certain(jobs_ev):
    r = _one(jobs_ev, "dollar_conversion", "US3")
    # 10^13 rials / 60 million dollars (55 .. 65 million: the 10 % cap) = 153,846 .. 181,818 rials a dollar,
    # against the first conversion, 10^13 / 238 million (237.5 .. 238.5 million) = 41,929 .. 42,105: two
    # exchange rates (official and market rates differ legitimately), a note giving both, never a contradiction.
    assert r["grade"] == "note"
    assert (r["stated_low"], r["stated_high"]) == pytest.approx((1e13 / 65e6, 1e13 / 55e6))
    assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx((1e13 / 238e6, 1e13 / 238.5e6, 1e13 / 237.5e6))
    # Both rates, to two significant figures: 10^13 / 238e6 = 42,017 -> 42,000; 10^13 / 60e6 = 166,667 -> 170,000.
    assert "about 42,000 and about 170,000 rials per dollar" in r["finding"]
    # Its size: the ratio of the two rates, 166,667 / 42,017 = 3.97.
    assert r["size_text"] == "4.0 times"


def test_dollar_conversion_within_rounding(jobs_ev):
    r = _one(jobs_ev, "dollar_conversion", "US2")
    # 10^13 / 240 million (235 .. 245 million) = 40,816 .. 42,553, central 41,667: overlaps the first
    # (41,929 .. 42,105), and the centres lie within 1% (41,667 / 42,017 = 0.992): the same rate.
    assert r["grade"] == "consistent"
    assert (r["stated_low"], r["stated_high"]) == pytest.approx((1e13 / 245e6, 1e13 / 235e6))
    assert set(_checks(jobs_ev, "dollar_conversion")["claim_id"]) == {"US2", "US3"}  # the first is the reference


# ---------------------------------------------------------------------------------------------
# The seed's inferences: its date and the period its share can cover
# ---------------------------------------------------------------------------------------------

SEED_SOURCES = [source("K1", "2020-07-30"), source("K2", earliest="2020-08-25", latest="2020-09-08"), source("K3", "2020-08-02"),
                source("K4", "2019-05-01"), source("K5", "2020-04-01")]


def _seed_ledger(units_1397):
    return [*seed_figures(),
            # SMEs 1399 to date: 432 to 2020-07-29; 545 to a report of 2020-08-25 .. 09-08; about 470 to 2020-08-01.
            _u("L1", "K1", 432, Y[1399][0], "2020-07-29", "smes"), _u("L2", "K2", 545, Y[1399][0], "", "smes"),
            _u("L3", "K3", 470, Y[1399][0], "2020-08-01", "smes", qualifier="about"),
            # National full years: 1397 (the variable), 1398 = 1,600 (the seed's own SME 1,185 is used instead).
            _year("H97", "K4", units_1397, 1397), _year("H98", "K5", 1600, 1398)]


@pytest.fixture(scope="module")
def seed_ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("audit_seed"), SEED_SOURCES, _seed_ledger(1200))


@pytest.fixture(scope="module")
def seed_fit_ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("audit_seed_fit"), SEED_SOURCES, _seed_ledger(400))


def test_seed_date_certain(seed_ev):
    # The seed's 468 (F04) lies above 432 (ended 2020-07-29) and below 545 (ended by 2020-09-08).
    assert audit_seed.date_window(seed_ev) == (pd.Timestamp("2020-07-29"), pd.Timestamp("2020-09-08"))
    r = _one(seed_ev, "seed_date", "F04")
    assert r["grade"] == "inference"
    assert set(r["claim_ids"].split(", ")) == {"F04", "L1", "L2"}
    assert "between 29 July 2020 and 8 September 2020" in r["finding"]
    # The window's middle, 2020-08-18, names the article: its outlet and month.
    assert "the Tehran Times report of August 2020" in r["finding"] and "seed" not in r["finding"]


def test_seed_date_within_rounding_does_not_bracket(seed_ev):
    b = audit_seed.date_brackets(seed_ev).set_index("claim_id").loc["F04"]
    # About 470 (465 .. 475, to 2020-08-01) may be above or below 468: no bracket. The first quarter's
    # 211 (F08, to 2020-06-20) is smaller but ends before 432's 2020-07-29.
    assert (b["lower_claim"], b["upper_claim"]) == ("L1", "L2")
    assert "L3" not in _one(seed_ev, "seed_date", "F04")["claim_ids"]


def test_seed_share_certain(seed_ev):
    r = _one(seed_ev, "seed_share", "F01")
    # 21 % (20.5 .. 21.5) of 9,800 (9,750 .. 9,850) = 2,058 (1,998.75 .. 2,117.75).
    assert r["grade"] == "inference"
    assert (r["derived_value"], r["derived_low"], r["derived_high"]) == pytest.approx((2058, 1998.75, 2117.75))
    runs = audit_seed.share_runs(seed_ev)
    # 1399 to date 468; + the seed's own 1398 (1,185, not the national 1,600) = 1,653; + 1397's 1,200
    # (1,150 .. 1,250) = 2,853 (2,803 .. 2,903). Neither run reaches or stays below 1,998.75 .. 2,117.75.
    assert runs["sum_value"].tolist() == [468, 1653, 2853]
    assert (runs["sum_low"].iloc[2], runs["sum_high"].iloc[2]) == (2803, 2903)
    assert runs["grade"].tolist() == ["contradiction"] * 3
    assert "F09" in runs["claim_ids"].iloc[1] and "H98" not in runs["claim_ids"].iloc[1]
    # (2,058 - 1,653) / (2,853 - 1,653) = 405 / 1,200 = 33.75 %, about 34 % of 1397.
    assert "about 34% of 1397" in r["finding"]


def test_seed_share_within_rounding(seed_fit_ev):
    runs = audit_seed.share_runs(seed_fit_ev)
    # 1397 = 400 (360 .. 440): 468 + 1,185 + 400 = 2,053 (2,013 .. 2,093); it lies inside the implied
    # 1,998.75 .. 2,117.75: consistent, so the share can cover 1397 to the seed's date.
    assert (runs["sum_value"].iloc[2], runs["sum_low"].iloc[2], runs["sum_high"].iloc[2]) == (2053, 2013, 2093)
    assert runs["grade"].iloc[2] == "consistent"
    r = _one(seed_fit_ev, "seed_share", "F01")
    assert "matches the revivals from the start of 1397 up to its publication" in r["finding"]


def test_the_whole_audit_runs_on_the_seed_ledger(seed_ev):
    c = audit.checks(seed_ev)
    assert list(c.columns) == CHECK_COLUMNS
    assert set(c.loc[c["grade"] == "inference", "rule"]) == {"seed_date", "seed_share"}
    counts = audit.counts(c).set_index("rule")
    assert list(counts.index) == [r.id for r in audit.RULES]
    assert counts.loc["seed_date", "inference"] == 1 and counts.loc["seed_share", "inference"] == 1


# ---------------------------------------------------------------------------------------------
# Nothing to check
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bare_ev(tmp_path_factory):
    """Only the filler target: no counts, no seed figures; every rule has nothing to check."""
    return build(tmp_path_factory.mktemp("audit_bare"), [], [])


@pytest.mark.parametrize("rule", [r.id for r in audit.RULES])
def test_a_rule_with_nothing_to_check_returns_no_rows(bare_ev, rule):
    out = RULE[rule].run(bare_ev)
    assert out.empty
    assert list(out.columns) == CHECK_COLUMNS


def test_the_audit_runs_on_a_ledger_with_nothing_to_check(bare_ev):
    c = audit.checks(bare_ev)
    assert c.empty and list(c.columns) == CHECK_COLUMNS
    assert audit.findings(c).empty
    counts = audit.counts(c)
    assert list(counts["rule"]) == [r.id for r in audit.RULES]
    assert (counts["checks"] == 0).all()


def test_the_audit_runs_when_other_rules_have_checks_but_the_seed_has_no_count(counts_ev):
    c = audit.checks(counts_ev)
    assert not c.empty
    assert not c["rule"].isin(["seed_date", "seed_share"]).any()
