"""Best estimates (analysis.evidence.estimates): claims that agree narrow each other; conflicting
claims are decided by each rule of assumptions.PREFERENCE_ORDER in turn; years without a full-year
claim are derived (a two-year total less a year, tested on both sides against the year's counts and
the fastest plausible pace; the counts' range alone; or a floor from the highest year-to-date count);
a part's estimate bounds its whole from below (data/scopes.tsv: parks, outside parks and the SME plan
are part of national), wording by wording; an outlier count is never a floor; the headline series
picks a scope per year.

Scopes: the preference cases are national; the derived-year cases use scopes that nest with nothing
(the revival movement, the renovation and capacity programmes), so no part touches them.

One made-up ledger holds every case, each in a scope and Iranian year of its own (units revived
unless said otherwise). Iranian years, Gregorian: 1396 2017-03-21 .. 2018-03-20; 1397 2018-03-21 ..
2019-03-20; 1398 2019-03-21 .. 2020-03-19; 1399 2020-03-20 .. 2021-03-20 (366 days); 1400
2021-03-21 .. 2022-03-20; 1401 2022-03-21 .. 2023-03-20; 1402 2023-03-21 .. 2024-03-19; 1403
2024-03-20 .. 2025-03-20 (366 days).
"""

from __future__ import annotations

import math

import pytest

from analysis.assumptions import PREFERENCE_ORDER
from evidence_fixtures import build, figure, source

Y = {1391: ("2012-03-20", "2013-03-20"), 1392: ("2013-03-21", "2014-03-20"), 1393: ("2014-03-21", "2015-03-20"),
     1394: ("2015-03-21", "2016-03-19"), 1395: ("2016-03-20", "2017-03-20"),
     1396: ("2017-03-21", "2018-03-20"), 1397: ("2018-03-21", "2019-03-20"), 1398: ("2019-03-21", "2020-03-19"),
     1399: ("2020-03-20", "2021-03-20"), 1400: ("2021-03-21", "2022-03-20"), 1401: ("2022-03-21", "2023-03-20"),
     1402: ("2023-03-21", "2024-03-19"), 1403: ("2024-03-20", "2025-03-20")}
TWO_YEARS = ("2021-03-21", "2023-03-20")  # 1400/01/01 .. 1401/12/29
INF = math.inf


def _u(fid, sid, value, year, scope="national", **kw):
    return figure(fid, sid, "units_revived", value, *Y[year], scope=scope, **kw)


def _ytd(fid, sid, value, year, end, scope, **kw):
    return figure(fid, sid, "units_revived", value, Y[year][0], end, scope=scope, **kw)


SOURCES = [
    source("R1", "2018-05-01"), source("R2", "2018-06-01"),                       # after 1396
    # R3, R4: undated, possibly while 1397 ran (a full-year count can only be in a report that may date from after
    # the year's end, 2019-03-20); R5 certainly after it.
    source("R3", earliest="2019-01-15", latest="2019-04-15"), source("R4", earliest="2019-02-01", latest="2019-04-30"),
    source("R5", "2019-05-01"),
    source("R6", "2020-04-01"), source("R7", "2020-04-15"), source("R8", "2020-06-01"),  # after 1398
    source("R9", "2021-04-01"), source("R10", "2021-04-15"), source("R11", "2021-06-01"), source("R12", "2021-07-01"),
    source("R13", "2022-04-01"), source("R14", "2022-06-01"),                    # after 1400
    source("R15", "2023-05-01"), source("R16", "2023-05-01"),                    # after 1401, same day
    source("R17", "2024-05-01"), source("R18", "2024-05-01"),                    # after 1402, same day
    source("R19", "2022-05-01"), source("R20", "2023-03-14"), source("R21", "2023-07-21"), source("R22", "2023-02-13"),
    source("R23", "2023-03-01"), source("R24", "2021-03-08"), source("R25", "2024-08-12"), source("R26", "2025-04-22"),
    source("R27", "2026-04-20"), source("R28", "2026-10-01"), source("R29", "2023-02-01"), source("R30", "2023-01-02"),
    # For the nesting and keeper cases: each after its year.
    source("N1", "2013-05-01"), source("N2", "2014-05-01"), source("N3", "2014-06-01"), source("N4", "2014-07-09"),
    source("N5", "2015-05-01"), source("N6", "2016-05-01"), source("N7", "2016-06-01"), source("N8", "2016-07-01"),
    source("N9", "2017-05-01"), source("N10", "2017-06-01"), source("N11", "2017-07-01"), source("N12", "2016-01-10"),
]

ISIPO = "B. Official, ISIPO head"

FIGURES = [
    # 1396 national, agree: "1,500" (1,450 .. 1,550) and "over 1,480" (1,480 ..): common 1,480 .. 1,550.
    _u("AG1", "R1", 1500, 1396), _u("AG2", "R2", 1480, 1396, qualifier="over"),
    # 1397 national, after_period_end: 1,700 (1,650 .. 1,750) stated twice by reports that may date from
    # while 1397 ran (R3, R4), 1,900 (1,850 .. 1,950) once certainly after it ended (R5).
    _u("PE1", "R3", 1700, 1397), _u("PE1b", "R4", 1700, 1397), _u("PE2", "R5", 1900, 1397),
    # 1398 national, bounded: "over 2,000" by two reports, the later one latest of all; "1,500" by one.
    _u("BD1", "R6", 1500, 1398), _u("BD2", "R7", 2000, 1398, qualifier="over"),
    _u("BD2b", "R8", 2000, 1398, qualifier="over"),
    # 1399 national, most_sources: "1,500" by two reports (R9, R10); "1,700" by one later report (R11);
    # "over 1,520" (R12) agrees with 1,500 only.
    _u("MS1", "R9", 1500, 1399), _u("MS1b", "R10", 1500, 1399), _u("MS2", "R11", 1700, 1399),
    _u("MS3", "R12", 1520, 1399, qualifier="over"),
    # 1400 national, latest_report: 2,067 (R13, 2022-04-01) and 1,751 (R14, 2022-06-01), both exact.
    _u("LR1", "R13", 2067, 1400), _u("LR2", "R14", 1751, 1400),
    # 1401 national, narrowest: "1,500" (1,450 .. 1,550) and 1,234 (exact), same day, one report each.
    _u("NW1", "R15", 1500, 1401), _u("NW2", "R16", 1234, 1401),
    # 1402 national, first_listed: 1,811 and 1,234, both exact, same day, one report each.
    _u("FL1", "R17", 1811, 1402), _u("FL2", "R18", 1234, 1402),
    # Revival movement, a two-year total the counts allow: 1400 + 1401 = "3,800" (3,750 .. 3,850); 1400 =
    # 2,067; 1401 to 2023-03-14 (1401/12/23, day 359 of 365): 1,700.
    figure("TT1", "R21", "units_revived", 3800, *TWO_YEARS, scope="economic_units"), _u("TT2", "R19", 2067, 1400, "economic_units"),
    _ytd("TT3", "R20", 1703, 1401, "2023-03-14", "economic_units"),
    # Capacity programme, a two-year total the counts cannot reach: 3,818 - 2,067 = 1,751 for 1401, but
    # 1,563 were counted by 2023-03-14 and six days at three times that count's pace add at most 78.
    figure("TP1", "R21", "units_revived", 3818, *TWO_YEARS, scope="capacity_programme"),
    _u("TP2", "R19", 2067, 1400, "capacity_programme"), _ytd("TP3", "R20", 1563, 1401, "2023-03-14", "capacity_programme"),
    # Renovation programme 1401, floor: 1,191 to 2023-02-13 (35 days before the year's end: too far for
    # the pace), then "1,000" (900 .. 1,100) to 2023-01-01: the highest count, not the latest, is the floor.
    _ytd("FF1", "R22", 1191, 1401, "2023-02-13", "renovation_programme"),
    _ytd("FF2", "R30", 1000, 1401, "2023-01-01", "renovation_programme"),
    # Renovation programme 1400, total below a count: 1399 + 1400 = 3,818; 1399 = 2,067, so
    # 1400 = 1,751; but 1,900 were reported for 1400 to 2022-02-01 (47 days before its end: no ceiling).
    figure("FO1", "R13", "units_revived", 3818, Y[1399][0], Y[1400][1], scope="renovation_programme"),
    _u("FO2", "R9", 2067, 1399, "renovation_programme"), _ytd("FO3", "R29", 1900, 1400, "2022-02-01", "renovation_programme"),
    # Revival movement 1399: "1,600" (1,550 .. 1,650) for the year, but "over 1,900" to 2021-03-08.
    _u("FC1", "R9", 1600, 1399, "economic_units"),
    _ytd("FC2", "R24", 1900, 1399, "2021-03-08", "economic_units", qualifier="over"),
    # Headline 1403: national only to date (116 to 2024-08-12), SMEs for the whole year (1,344).
    _ytd("HL1", "R25", 116, 1403, "2024-08-12", "national"), _u("HL2", "R26", 1344, 1403, "smes"),
    # Headline 1404 (1404/01/01 .. 1404/12/29): parks 1,500 and SMEs 1,200 for the whole year, no national.
    figure("HL3", "R27", "units_revived", 1500, start_j="1404/01/01", end_j="1404/12/29", scope="industrial_parks"),
    figure("HL4", "R27", "units_revived", 1200, start_j="1404/01/01", end_j="1404/12/29", scope="smes"),
    # Headline 1405: only counts to date, national 300 and parks 200 (to 1405/06/31).
    figure("HL5", "R28", "units_revived", 300, start_j="1405/01/01", end_j="1405/06/31", scope="national"),
    figure("HL6", "R28", "units_revived", 200, start_j="1405/01/01", end_j="1405/06/31", scope="industrial_parks"),
    # Nesting 1391: national "1,700" (1,650 .. 1,750); the SME plan's exact 1,726: national 1,726 .. 1,750.
    _u("NR1", "N1", 1700, 1391), _u("NR2", "N1", 1726, 1391, "smes"),
    # Nesting 1392: national "1,500" (1,450 .. 1,550) and, restating it, "over 1,500" (1,500 ..): the claim
    # reads 1,500 .. 1,550; parks count an exact 1,557. The bare 1,500 conflicts, "over 1,500" agrees:
    # national at least 1,557, no upper bound.
    _u("NA1", "N2", 1500, 1392), _u("NA2", "N3", 1500, 1392, qualifier="over", restates="NA1"),
    _u("NA3", "N2", 1557, 1392, "industrial_parks"),
    # Nesting 1393: national only to date, "about 122" units with 19,000 jobs (to 2014-07-09): 155.7 jobs per
    # unit, an outlier against the ledger's one full-year pair (the SME plan's 21,618 jobs for 1,185 units,
    # 18.24 a unit: plausible 9.12 .. 36.49); so no floor of its own, and the SME plan's 1,185 (and 21,618
    # jobs) bound national from below.
    _ytd("NF1", "N4", 122, 1393, "2014-07-09", "national", qualifier="about"),
    figure("NF2", "N4", "jobs_created", 19000, Y[1393][0], "2014-07-09"),
    _u("NF3", "N5", 1185, 1393, "smes"), figure("NF4", "N5", "jobs_created", 21618, *Y[1393], scope="smes"),
    # Keeper 1394: "1,700" (1,650 .. 1,750) by two reports of a minister; an exact 1,763 from ISIPO in one.
    _u("KE1", "N6", 1700, 1394), _u("KE1b", "N7", 1700, 1394), _u("KE2", "N8", 1763, 1394, speaker=ISIPO),
    # Not a target 1395: the year's target of 2,000 (stated 2016-01-10, before the year); "2,000" counted by
    # two reports (1,800 .. 2,200: half its step, 500, capped at 10%); 2,250 (2,245 .. 2,255) by one.
    figure("NT0", "N12", "units_target", 2000, *Y[1395]),
    _u("NT1", "N9", 2000, 1395), _u("NT1b", "N10", 2000, 1395), _u("NT2", "N11", 2250, 1395),
]


@pytest.fixture(scope="module")
def ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("estimates"), SOURCES, FIGURES)


def _est(ev, year, scope="national", metric="units_revived"):
    return ev.estimate(metric, scope, year)


def _roles(ev, year, scope="national"):
    yc = ev.year_claims
    rows = yc[(yc["metric"] == "units_revived") & (yc["scope"] == scope) & (yc["jalali_year"] == year)]
    return dict(zip(rows["claim_id"], zip(rows["role"], rows["grade"])))


def _ids(text):
    return [x for x in str(text).split(", ") if x]


def test_claims_that_agree_narrow_each_other(ev):
    e = _est(ev, 1396)
    # 1,450 .. 1,550 and 1,480 .. no upper bound: common part 1,480 .. 1,550; the bounded claim is
    # named, with its value.
    assert (e["value"], e["low"], e["high"], e["rule"], e["basis"]) == (1500, 1480, 1550, "agree", "full_year")
    assert e["chosen_claim"] == "AG1" and _ids(e["claim_ids"]) == ["AG1", "AG2"] and e["conflicting_claims"] == ""
    # AG2's value 1,480 lies outside AG1's 1,450 .. 1,550? No: inside; and 1,500 is inside 1,480 ..: consistent.
    assert _roles(ev, 1396) == {"AG1": ("chosen", "consistent"), "AG2": ("agrees", "consistent")}


@pytest.mark.parametrize("year, chosen, rule, low, high, conflicting", [
    # 1397: PE2 is the only count published after 1397 ended (2019-03-20), although PE1 has two reports.
    (1397, "PE2", "after_period_end", 1850, 1950, "PE1"),
    # 1398: both after the year; BD1 (1,450 .. 1,550) has both bounds, "over 2,000" has none above,
    # although it has two reports and the latest one.
    (1398, "BD1", "bounded", 1450, 1550, "BD2"),
    # 1394: both after the year and bounded; ISIPO's exact 1,763 over the minister's "1,700" (1,650 ..
    # 1,750), although two reports give the latter.
    (1394, "KE2", "keeper_exact", 1763, 1763, "KE1"),
    # 1395: neither from ISIPO; 2,250 (2,245 .. 2,255) over "2,000" (1,800 .. 2,200), which equals the year's
    # target, although two reports give the latter.
    (1395, "NT2", "not_target", 2245, 2255, "NT1"),
    # 1399: all after, all but MS3 bounded; MS1 has two reports, MS2 one (though later). MS3
    # (1,520 ..) overlaps MS1 and narrows it to 1,520 .. 1,550; MS2 (1,650 .. 1,750) stays apart.
    (1399, "MS1", "most_sources", 1520, 1550, "MS2"),
    # 1400: one report each, both exact; LR2's report (2022-06-01) is the later.
    (1400, "LR2", "latest_report", 1751, 1751, "LR1"),
    # 1401: same day, one report each; 1,234 (width 0) is narrower than 1,450 .. 1,550 (width 100).
    (1401, "NW2", "narrowest", 1234, 1234, "NW1"),
    # 1402: same day, one report each, both exact: the first figure id, FL1, as a last resort.
    (1402, "FL1", "first_listed", 1811, 1811, "FL2"),
])
def test_each_preference_rule_decides_a_conflict(ev, year, chosen, rule, low, high, conflicting):
    e = _est(ev, year)
    assert (e["chosen_claim"], e["rule"], e["low"], e["high"], e["basis"]) == (chosen, rule, low, high, "full_year")
    assert e["conflicting_claims"] == conflicting
    assert _ids(e["claim_ids"])[0] == chosen


def test_every_preference_rule_is_exercised_above():
    # The parametrised cases above name each rule of the stated order once, in order.
    assert [name for name, _ in PREFERENCE_ORDER] == ["after_period_end", "bounded", "keeper_exact", "not_target", "most_sources",
                                                      "latest_report", "narrowest", "first_listed"]


def test_a_conflict_keeps_every_claim_with_its_role_and_grade(ev):
    roles = _roles(ev, 1399)
    # MS2 1,650 .. 1,750 does not meet MS1 1,450 .. 1,550: contradiction. MS3 "over 1,520" meets it,
    # but MS1's value 1,500 lies below 1,520: a question.
    assert roles == {"MS1": ("chosen", "consistent"), "MS2": ("conflicts", "contradiction"), "MS3": ("agrees", "question")}
    e = _est(ev, 1399)
    # Sources of the chosen claim and those agreeing with it, not of MS2.
    assert set(_ids(e["source_ids"])) == {"R9", "R10", "R12"}
    assert set(_ids(e["figure_ids"])) == {"MS1", "MS1b", "MS3"}


def test_a_year_from_a_two_year_total_is_narrowed_by_its_counts(ev):
    e = _est(ev, 1401, "economic_units")
    # 3,800 (3,750 .. 3,850) less 2,067: 1,733, from 1,683 to 1,783. The year's count to 2023-03-14 (day
    # 359) is 1,703: a floor; six days at up to three times its own pace add at most 3 x 1,703 / 359 x 6 =
    # 85.39: a ceiling of 1,788.39. Common part: 1,703 .. 1,783, the total's 1,733 inside it.
    assert (e["value"], e["low"], e["high"]) == pytest.approx((1733, 1703, 1783))
    assert (e["basis"], e["derived_from"], e["chosen_claim"]) == ("total_less_years", "TT1", "TT1")
    assert (e["floor_low"], e["floor_claim"], e["floor_conflict"]) == (1703, "TT3", False)
    assert e["ceiling_high"] == pytest.approx(1703 + 3 * 1703 / 359 * 6)
    assert e["year_days"] == 365
    assert set(_ids(e["figure_ids"])) == {"TT1", "TT2"}


def test_a_derived_year_its_own_counts_cannot_reach_gives_way_to_their_range(ev):
    e = _est(ev, 1401, "capacity_programme")
    # 3,818 - 2,067 = 1,751 (exact); the count of 1,563 to 2023-03-14 (day 359) plus six days at up to
    # three times its pace reaches at most 1,563 + 3 x 1,563 / 359 x 6 = 1,641.37. The counts' range stands,
    # never a zero-width one, with the central value at the count's own pace: 1,563 + 1,563 / 359 x 6.
    assert (e["value"], e["low"], e["high"]) == pytest.approx((1563 + 1563 / 359 * 6, 1563, 1563 + 3 * 1563 / 359 * 6))
    assert (e["basis"], e["rule"], e["chosen_claim"], e["conflicting_claims"]) == ("count_and_pace", "total_conflicts_with_counts",
                                                                                   "TP3", "TP1")
    assert e["high"] > e["low"]
    assert (e["figure_ids"], e["source_ids"]) == ("TP3", "R20")


def test_a_year_with_only_counts_to_date_far_from_its_end_is_at_least_the_highest(ev):
    e = _est(ev, 1401, "renovation_programme")
    # 1,191 (exact) to 2023-02-13 beats the later "1,000" (900 .. 1,100) to 2023-01-01; 35 days remain
    # after 1,191, more than the 31 the pace may bridge: no upper bound.
    assert (e["value"], e["low"], e["high"], e["basis"], e["chosen_claim"]) == (1191, 1191, INF, "floor", "FF1")


def test_a_derived_year_below_a_count_already_reported_falls_back_to_that_count(ev):
    e = _est(ev, 1400, "renovation_programme")
    # 3,818 - 2,067 = 1,751 (exact), but "1,900" (1,850 .. 1,950) were already counted to 2022-02-01, and
    # 1,751 < 1,850; 47 days remain, too many for a ceiling: the count stands as a floor (1,850 .. no upper
    # bound, central 1,900) and the total is listed as conflicting.
    assert (e["value"], e["low"], e["high"], e["basis"], e["rule"]) == (1900, 1850, INF, "floor", "floor_over_total")
    assert (e["chosen_claim"], e["conflicting_claims"]) == ("FO3", "FO1")
    assert _ids(e["claim_ids"]) == ["FO3", "FO1"]
    assert (e["figure_ids"], e["source_ids"]) == ("FO3", "R29")


def test_a_full_year_below_the_years_count_to_date_is_flagged(ev):
    e = _est(ev, 1399, "economic_units")
    # "1,600" is 1,550 .. 1,650, below the "over 1,900" counted to 2021-03-08.
    assert (e["value"], e["low"], e["high"], e["basis"]) == (1600, 1550, 1650, "full_year")
    assert (e["floor_low"], e["floor_claim"], e["floor_conflict"]) == (1900, "FC2", True)


def test_a_part_narrows_its_whole(ev):
    e = _est(ev, 1391)
    # National "1,700" is 1,650 .. 1,750; the SME plan, part of national, counts 1,726 exactly: 1,726 .. 1,750,
    # the central value raised to the part's (at the edge of the range, and the rule says why).
    assert (e["value"], e["low"], e["high"], e["rule"], e["part_floor"], e["part_claim"], e["part_scope"]) == (
        1726, 1726, 1750, "part_floor", 1726, "NR2", "smes")


def test_a_part_above_one_wording_of_its_whole_keeps_the_wording_that_agrees(ev):
    e = _est(ev, 1392)
    # "1,500" (1,450 .. 1,550) conflicts with the parks' exact 1,557; "over 1,500" (1,500 ..) agrees: at
    # least 1,557, no upper bound; the bare figure is named as conflicting.
    assert (e["value"], e["low"], e["high"], e["rule"], e["basis"]) == (1557, 1557, INF, "part_over_whole", "full_year")
    assert (e["conflicting_figures"], e["conflicting_claims"], e["part_claim"]) == ("NA1", "", "NA3")
    w = ev.weighed[(ev.weighed["metric"] == "units_revived") & (ev.weighed["scope"] == "national") & (ev.weighed["jalali_year"] == 1392)]
    assert dict(zip(w["claim_id"], w["role"])) == {"NA1": "wording_agrees", "NA3": "part_floor"}


def test_an_outlier_is_never_a_floor_and_a_part_bounds_the_whole_instead(ev):
    e = _est(ev, 1393)
    # "About 122" with 19,000 jobs is 155.7 jobs per unit, outside 18.24 / 2 .. 18.24 x 2: neither is a
    # floor; the SME plan's 1,185 is.
    assert (e["value"], e["low"], e["high"], e["basis"], e["part_claim"]) == (1185, 1185, INF, "part_floor", "NF3")
    j = _est(ev, 1393, metric="jobs_created")
    assert (j["low"], j["high"], j["basis"]) == (21618, INF, "part_floor")
    assert set(ev.claims.loc[ev.claims["outlier"], "claim_id"]) == {"NF1", "NF2"}


def test_no_estimate_raises_key_error(ev):
    with pytest.raises(KeyError):
        _est(ev, 1390)


def test_the_headline_shows_national_where_it_has_a_full_year_and_the_next_scope_otherwise(ev):
    h = ev.headline.set_index("jalali_year")
    # 1391 .. 1402: national estimates of the whole year exist -> national (1393 only a part's floor: the SME plan).
    assert (h.loc[1396:1402, "headline_scope"] == "national").all()
    assert (h.loc[1393, "headline_scope"], h.loc[1393, "value"]) == ("smes", 1185)
    # 1403: national only has a floor (116 to date, raised to the SMEs' 1,344 by the nesting); SMEs have the
    # whole year (1,344).
    assert (h.loc[1403, "headline_scope"], h.loc[1403, "value"], h.loc[1403, "basis"]) == ("smes", 1344, "full_year")
    assert (_est(ev, 1403)["low"], _est(ev, 1403)["basis"]) == (1344, "floor")
    # 1404: no national; parks come before SMEs in the stated order.
    assert (h.loc[1404, "headline_scope"], h.loc[1404, "value"]) == ("industrial_parks", 1500)
    # 1405: only floors; national first.
    assert (h.loc[1405, "headline_scope"], h.loc[1405, "value"], h.loc[1405, "high"]) == ("national", 300, INF)
    # One row per year.
    assert h.index.is_unique
