"""Year-to-date series (analysis.evidence.series): which claims form a year's series, their order,
and bounds_at (at least the highest count certainly ended by a date, at most the lowest count
certainly ended on or after it), on a made-up SME series for 1399 (2020-03-20 .. 2021-03-20).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.evidence.series import bounds_at
from evidence_fixtures import build, figure, source

START = "2020-03-20"  # 1399/01/01

SOURCES = [
    source("T1", "2020-06-25"), source("T2", "2020-08-09"), source("T3", earliest="2020-08-25", latest="2020-09-08"),
    source("T4", "2020-09-05"), source("T5", "2020-10-25"), source("T6", "2020-11-01"), source("T7", "2020-12-28"),
    source("T8", "2021-05-01"), source("T9", "2020-10-30"),
]


def _sme(fid, sid, value, end="", metric="units_revived", **kw):
    return figure(fid, sid, metric, value, START, end, scope="smes", **kw)


FIGURES = [
    _sme("Q1", "T1", 211, "2020-06-20"),          # first quarter, 1399/01/01 .. 1399/03/31
    _sme("D1", "T2", 432, "2020-07-29"),          # to a stated day
    _sme("P1", "T3", 545),                        # to an undated report: ends 2020-08-25 .. 2020-09-08
    _sme("D2", "T4", 600, "2020-09-01"),          # "600": 550 .. 650, ends inside P1's window
    _sme("M1", "T5", 819, "2020-10-21"),          # months 1-7 (1399/07/30 = 2020-10-21)
    _sme("M2", "T9", 803, "2020-10-21"),          # another count to the same day
    _sme("P2", "T6", 767),                        # to 2020-11-01, the report's shown date: a decrease
    _sme("M3", "T7", 1170, "2020-12-20"),         # months 1-9: 1,165 .. 1,175
    _sme("FY", "T8", 1500, "2021-03-20"),         # the whole year: 1,450 .. 1,550
    # Not in the series: the second quarter (does not run from 1399/01/01), a target, a percentage.
    figure("Q2", "T5", "units_revived", 608, "2020-06-21", "2020-09-21", scope="smes"),
    _sme("TG", "T1", 1500, "2021-03-20", metric="units_target"),
    _sme("PC", "T4", 36, metric="target_progress_pct"),
]


@pytest.fixture(scope="module")
def ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("series"), SOURCES, FIGURES)


@pytest.fixture(scope="module")
def series(ev):
    s = ev.series
    return s[(s["metric"] == "units_revived") & (s["scope"] == "smes") & (s["jalali_year"] == 1399)]


def test_the_series_holds_the_counts_from_the_years_first_day_in_order_of_end(series):
    # Ends: Q1 06-20, D1 07-29, P1 08-25..09-08, D2 09-01 (earliest end after P1's earliest),
    # M2 and M1 10-21 (same day: smaller value first), P2 11-01, M3 12-20, FY 2021-03-20.
    assert series["claim_id"].tolist() == ["Q1", "D1", "P1", "D2", "M2", "M1", "P2", "M3", "FY"]
    assert series["step"].tolist() == list(range(1, 10))
    # after_previous: the end certainly follows the previous one's. D2 (09-01) may precede P1's end
    # (up to 09-08); M1 ends the same day as M2.
    assert series["after_previous"].tolist() == [True, True, True, False, True, False, True, True, True]
    assert series["year_end_count"].tolist() == [False] * 8 + [True]
    assert series["period_kind"].tolist() == ["quarter", "year_to_date", "year_to_date", "year_to_date", "months", "months",
                                              "year_to_date", "months", "full_year"]


def test_targets_percentages_and_later_quarters_are_not_in_a_series(ev):
    assert not set(ev.series["claim_id"]) & {"Q2", "TG", "PC"}


QUERIES = {
    # qid: (date_earliest, date_latest) -> (low, low_claim, low_end, high, high_claim)
    # Before any count ended: no lower bound (0); the lowest count ended after is Q1's 211.
    "early": (("2020-04-01", "2020-04-01"), (0.0, "", None, 211.0, "Q1")),
    # 2020-08-30: ended by then Q1, D1 -> 432; ended on or after: D2 (550 .. 650), M2, M1, P2, M3, FY
    # -> lowest upper bound 650. P1 (08-25 .. 09-08) may fall either side, so counts for neither.
    "mid": (("2020-08-30", "2020-08-30"), (432.0, "D1", "2020-07-29", 650.0, "D2")),
    # 2020-09-08: P1 has certainly ended (545) and D2 (550 .. 650): highest lower bound 550 (D2);
    # ended on or after 09-08: M2 803, M1 819, P2 767, ... -> 767 (P2, the lower count reported later).
    "window_end": (("2020-09-08", "2020-09-08"), (550.0, "D2", "2020-09-01", 767.0, "P2")),
    # A date known within 2020-11-15 .. 2020-12-25: certainly ended by 11-15: ... M1 819 and P2 767
    # -> 819 (the highest, not the latest); certainly ended on or after 12-25: FY -> 1,550.
    "window": (("2020-11-15", "2020-12-25"), (819.0, "M1", "2020-10-21", 1550.0, "FY")),
    # The year's last day: FY has ended (1,450 .. 1,550) and is the only count ending on or after it.
    "year_end": (("2021-03-20", "2021-03-20"), (1450.0, "FY", "2021-03-20", 1550.0, "FY")),
}


@pytest.fixture(scope="module")
def answers(series):
    q = pd.DataFrame([{"qid": qid, "metric": "units_revived", "scope": "smes", "jalali_year": 1399,
                       "date_earliest": pd.Timestamp(a), "date_latest": pd.Timestamp(b)} for qid, ((a, b), _) in QUERIES.items()])
    q["date_earliest"] = q["date_earliest"].astype(series["end_earliest"].dtype)
    q["date_latest"] = q["date_latest"].astype(series["end_latest"].dtype)
    return bounds_at(series, q).set_index("qid")


@pytest.mark.parametrize("qid", list(QUERIES))
def test_bounds_at_a_date(answers, qid):
    low, low_claim, low_end, high, high_claim = QUERIES[qid][1]
    row = answers.loc[qid]
    assert (row["low"], row["low_claim"], row["high"], row["high_claim"]) == (low, low_claim, high, high_claim)
    if low_end is None:
        assert pd.isna(row["low_end"])
    else:
        assert row["low_end"] == pd.Timestamp(low_end)


def test_bounds_at_for_a_series_that_does_not_exist(series):
    # National 1399 has no counts here: no lower bound (0), no upper bound (inf).
    q = pd.DataFrame([{"qid": "none", "metric": "units_revived", "scope": "national", "jalali_year": 1399,
                       "date_earliest": pd.Timestamp("2020-09-01"), "date_latest": pd.Timestamp("2020-09-01")}])
    q["date_earliest"] = q["date_earliest"].astype(series["end_earliest"].dtype)
    q["date_latest"] = q["date_latest"].astype(series["end_latest"].dtype)
    row = bounds_at(series, q).iloc[0]
    assert (row["low"], row["low_claim"], row["high"], row["high_claim"]) == (0.0, "", math.inf, "")
