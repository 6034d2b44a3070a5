"""Unit-job pairs (analysis.evidence.pairs): a units claim and a jobs claim of the same scope and
period, stated together or for the same closed period across reports; a restated pair once.
Jobs per unit by interval arithmetic: low = jobs low / units high, high = jobs high / units low.
"""

from __future__ import annotations

import pytest

from evidence_fixtures import build, figure, source

Y1399 = ("2020-03-20", "2021-03-20")
Y1400 = ("2021-03-21", "2022-03-20")
SINCE = "2021-08-25"  # 1400/06/03, the government's first day in office

SOURCES = [source("S1", "2021-05-01"), source("S2", "2022-06-01"), source("S3", "2021-06-01"), source("S4", "2022-05-01"),
           source("S5", "2022-06-15"), source("S6", "2022-07-01"), source("S7", "2020-08-09")]

FIGURES = [
    # SMEs 1399, one report: "1,500" units (1,450 .. 1,550) and "27,000" jobs (26,500 .. 27,500).
    figure("U1", "S1", "units_revived", 1500, *Y1399, scope="smes"), figure("J1", "S1", "jobs_created", 27000, *Y1399, scope="smes"),
    # National since 2021-08-25, to one report: 1,320 units (1,315 .. 1,325), 24,000 jobs (23,500 .. 24,500).
    figure("U2", "S2", "units_revived", 1320, SINCE), figure("J2", "S2", "jobs_created", 24000, SINCE),
    # Parks 1399: 1,557 units in S1, 27,000 jobs in S3: the same closed period from two reports.
    figure("U3", "S1", "units_revived", 1557, *Y1399, scope="industrial_parks"),
    figure("J3", "S3", "jobs_created", 27000, *Y1399, scope="industrial_parks"),
    # Revival movement since 2021-08-25, units in S2, jobs in S4: to different days, not a pair.
    figure("U4", "S2", "units_revived", 5400, SINCE, scope="economic_units"),
    figure("J4", "S4", "jobs_created", 118000, SINCE, scope="economic_units"),
    # Outside parks 1400: 455 units and 9,001 jobs (both exact), restated by S5 (pointing back) and
    # S6 (units only, pointing at S5's).
    figure("U5", "S4", "units_revived", 455, *Y1400, scope="outside_parks"),
    figure("J5", "S4", "jobs_created", 9001, *Y1400, scope="outside_parks"),
    figure("U5b", "S5", "units_revived", 455, *Y1400, scope="outside_parks", restates="U5"),
    figure("J5b", "S5", "jobs_created", 9001, *Y1400, scope="outside_parks", restates="J5"),
    figure("U5c", "S6", "units_revived", 455, *Y1400, scope="outside_parks", restates="U5b"),
    # SMEs 1399 in one report, but different periods: the first quarter's units, jobs to 2020-07-29.
    figure("U6", "S7", "units_revived", 211, "2020-03-20", "2020-06-20", scope="smes"),
    figure("J6", "S7", "jobs_created", 7600, "2020-03-20", "2020-07-29", scope="smes"),
]


@pytest.fixture(scope="module")
def pairs(tmp_path_factory):
    ev = build(tmp_path_factory.mktemp("pairs"), SOURCES, FIGURES)
    return ev.pairs


def _pair(pairs, units, jobs):
    rows = pairs[(pairs["units_claim"] == units) & (pairs["jobs_claim"] == jobs)]
    assert len(rows) == 1, f"{units}/{jobs} appears {len(rows)} times"
    return rows.iloc[0]


def test_exactly_the_expected_pairs(pairs):
    assert sorted(zip(pairs["units_claim"], pairs["jobs_claim"])) == [("U1", "J1"), ("U2", "J2"), ("U3", "J3"), ("U5", "J5")]


def test_units_and_jobs_stated_together(pairs):
    p = _pair(pairs, "U1", "J1")
    # 27,000 / 1,500 = 18; low 26,500 / 1,550 = 17.097; high 27,500 / 1,450 = 18.966.
    assert p["stated_together"]
    assert p["jpu_value"] == pytest.approx(18.0)
    assert p["jpu_low"] == pytest.approx(26500 / 1550) and p["jpu_low"] == pytest.approx(17.0968, abs=1e-4)
    assert p["jpu_high"] == pytest.approx(27500 / 1450) and p["jpu_high"] == pytest.approx(18.9655, abs=1e-4)
    assert (p["period_kind"], p["first_year"], p["scope"]) == ("full_year", 1399, "smes")


def test_open_ended_counts_pair_within_one_report(pairs):
    p = _pair(pairs, "U2", "J2")
    # 24,000 / 1,320 = 18.18; 23,500 / 1,325 = 17.736; 24,500 / 1,315 = 18.631.
    assert p["stated_together"] and p["period_kind"] == "since_date"
    assert (p["jpu_value"], p["jpu_low"], p["jpu_high"]) == pytest.approx((18.1818, 17.7358, 18.6312), abs=1e-4)


def test_the_same_closed_period_pairs_across_reports(pairs):
    p = _pair(pairs, "U3", "J3")
    # 27,000 / 1,557 = 17.341; 26,500 / 1,557 = 17.020; 27,500 / 1,557 = 17.662 (1,557 is exact).
    assert not p["stated_together"]
    assert (p["jpu_value"], p["jpu_low"], p["jpu_high"]) == pytest.approx((17.3410, 17.0199, 17.6622), abs=1e-4)
    assert p["source_ids"] == "S1, S3"


def test_a_restated_pair_is_counted_once_with_every_report(pairs):
    p = _pair(pairs, "U5", "J5")
    # 9,001 / 455 = 19.78, both exact.
    assert p["stated_together"]
    assert (p["jpu_value"], p["jpu_low"], p["jpu_high"]) == pytest.approx((9001 / 455,) * 3)
    assert p["source_ids"] == "S4, S5, S6"
    assert p["figure_ids"] == "U5, U5b, U5c; J5, J5b"
