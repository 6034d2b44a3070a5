"""The evidence layer on the shipped ledger: anchor values worked out by hand from the rows of
data/figures.tsv and data/sources.tsv (quoted in each test), and appending a report published
before existing figures, whose links point at the later figures, changes nothing but ids.

Iranian years, Gregorian: 1397 2018-03-21 .. 2019-03-20; 1398 2019-03-21 .. 2020-03-19; 1399
2020-03-20 .. 2021-03-20 (366 days); 1400 2021-03-21 .. 2022-03-20 (365 days); 1401 2022-03-21 ..
2023-03-20; 1402 2023-03-21 .. 2024-03-19; 1403 2024-03-20 .. 2025-03-20.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import evidence
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS, load_ledger
from evidence_fixtures import figure, source

#: The 1400 national part of a span from 2021-08-25 (1400/06/03): C133 says 2,067 for 1400; C115 499
#: to 2021-08-22, day 155 of 1400; the two days 2021-08-23 .. 24 no figure covers add at most three
#: times C115's own pace, 3 x 499 / 155 x 2 = 19.316. So 2,067 - 499 - 19.316 = 1,548.684 .. 2,067 - 499
#: = 1,568.
PART_1400_LOW = 2067 - 499 - 3 * 499 / 155 * 2
PART_1400_HIGH = 2067 - 499

#: 1401 national from its counts: C161, 1,563 to 2023-03-14 (day 359 of 1401: 2022-03-21 .. 2023-03-14),
#: plus the last six days at up to three times its own pace: 1,563 .. 1,563 + 3 x 1,563 / 359 x 6 =
#: 1,641.37, central 1,563 + 1,563 / 359 x 6 = 1,589.12. C164's 3,818 less 1400's 2,067 (1,751) lies above.
UNITS_1401 = (1563 + 1563 / 359 * 6, 1563, 1563 + 3 * 1563 / 359 * 6)


@pytest.fixture(scope="module")
def ev():
    return evidence.build(load_ledger())


def _ids(text):
    return [x for x in str(text).split(", ") if x]


# ---------------------------------------------------------------- yearly counts


def test_1399_national_units_is_at_least_the_parks_1557(ev):
    # C106 (S22): "1500", exact, read as 1,450 .. 1,550; H074 and H076 (P-reports restating it) the same.
    # C124 (S26, restates C106): "over 1500", 1,500 .. no upper bound. One claim; common part 1,500 .. 1,550.
    c = ev.claim(ev.claim_of("C124"))
    assert (c["claim_id"], c["qualifiers"], c["low"], c["high"]) == ("C106", "exact, over", 1500, 1550)
    assert set(_ids(c["figure_ids"])) == {"C106", "H074", "H076", "C124"}
    # C107 (S23, Rasoulian, ISIPO head; first given by H087): 1,557 in industrial parks, exact; parks are part of national, so the
    # nation revived at least 1,557. The bare 1,500 (C106) conflicts; "over 1,500" (C124) agrees and bounds
    # nothing above: at least 1,557.
    e = ev.estimate("units_revived", "national", 1399)
    assert (e["value"], e["low"], e["high"], e["basis"], e["rule"]) == (1557, 1557, math.inf, "full_year", "part_over_whole")
    # The parks' claim is first reported by H087 (P-report, restated by C107); the bare 1,500 is C106, and its
    # restatements H074 and H076.
    assert (e["part_claim"], e["part_scope"]) == ("H087", "industrial_parks")
    assert set(_ids(e["conflicting_figures"])) == {"C106", "H074", "H076"}
    assert e["year_days"] == 366


def test_1397_national_units_is_1726_to_1750(ev):
    # C012 (S04, the minister): "1700", 1,650 .. 1,750. C030 (S09) and C040 (S10, ISIPO's deputy): 1,726 for
    # the SME plan, exact; the plan is part of national: 1,726 .. 1,750.
    e = ev.estimate("units_revived", "national", 1397)
    assert (e["value"], e["low"], e["high"], e["rule"], e["part_claim"]) == (1726, 1726, 1750, "part_floor", "C030")


def test_1400_national_units_is_2067(ev):
    # C133 (S30) 2,067, restated by C141 (S31), C144 (S32), C154 (S34), C157 (S35): exact.
    e = ev.estimate("units_revived", "national", 1400)
    assert (e["value"], e["low"], e["high"], e["basis"], e["chosen_claim"]) == (2067, 2067, 2067, "full_year", "C133")
    assert set(_ids(e["figure_ids"])) == {"C133", "C141", "C144", "C154", "C157"}
    # Its highest count to date: C115, 499 to 2021-08-22.
    assert (e["floor_low"], e["floor_claim"]) == (499, "C115")


def test_1401_national_units_holds_its_count_and_the_two_year_total_conflicts(ev):
    # C164 (S38): 3,818 for 1400/01/01 .. 1401/12/29, exact; less 2,067: 1,751, which the count to
    # 2023-03-14 cannot reach in six days at up to three times its pace: the counts' range stands.
    e = ev.estimate("units_revived", "national", 1401)
    assert (e["value"], e["low"], e["high"]) == pytest.approx(UNITS_1401)
    assert (e["basis"], e["rule"], e["conflicting_claims"]) == ("count_and_pace", "total_conflicts_with_counts", "C164")
    assert (e["floor_low"], e["floor_claim"], e["ceiling_claim"]) == (1563, "C161", "C161")


def test_1400_national_jobs_prefers_the_bounded_claim(ev):
    # C136 (S30) "36000": 35,500 .. 36,500. C145 (S32, restated by C158) "over 39000": 39,000 .. .
    # Both first published after 1400 ended; they do not meet; C136 has both bounds.
    e = ev.estimate("jobs_created", "national", 1400)
    assert (e["value"], e["low"], e["high"], e["chosen_claim"], e["rule"], e["conflicting_claims"]) == (
        36000, 35500, 36500, "C136", "bounded", "C145")


def test_1401_national_jobs_falls_back_to_the_counts(ev):
    # C165 (S38): 61,010 jobs for 1400 + 1401 (61,005 .. 61,015); less 1400's 35,500 .. 36,500 leaves
    # 24,505 .. 25,515 for 1401, below C163's 31,292 (exact) to 2023-03-14: the count and six more days at
    # up to three times its pace stand (31,292 .. 31,292 + 3 x 31,292 / 359 x 6).
    e = ev.estimate("jobs_created", "national", 1401)
    assert (e["value"], e["low"], e["high"]) == pytest.approx((31292 + 31292 / 359 * 6, 31292, 31292 + 3 * 31292 / 359 * 6))
    assert (e["basis"], e["rule"]) == ("count_and_pace", "total_conflicts_with_counts")
    assert (e["chosen_claim"], e["conflicting_claims"]) == ("C163", "C165")


def test_the_outlier_1398_pair_is_never_a_floor(ev):
    # C015 (S05): about 122 units, with C016's 19,000 jobs: 155.7 jobs per unit, an outlier. National 1398's
    # floor is instead H005's "over 600" to its report (P02, undated within 1398), raised by its part, the SME
    # plan's C043 1,185 (and 21,618 jobs, C044).
    assert set(ev.claims.loc[ev.claims["outlier"], "claim_id"]) == {"C015", "C016"}
    e = ev.estimate("units_revived", "national", 1398)
    assert (e["low"], e["high"], e["basis"], e["floor_claim"], e["part_claim"]) == (1185, math.inf, "floor", "H005", "C043")
    assert ev.estimate("jobs_created", "national", 1398)["low"] == 21618


def test_1400_parks_count_below_an_earlier_count_to_date_is_flagged(ev):
    # C134 (S30) "1600" for 1400: 1,550 .. 1,650; C125 (S27) "over 1900" to 2022-03-08.
    e = ev.estimate("units_revived", "industrial_parks", 1400)
    assert (e["low"], e["high"], e["floor_low"], e["floor_claim"], e["floor_conflict"]) == (1550, 1650, 1900, "C125", True)


def test_the_headline_series(ev):
    h = ev.headline.set_index("jalali_year")
    # 1398 has only a national count to date (C015, about 122), so the SME year (C043, 1,185) is shown.
    assert (h.loc[1398, "headline_scope"], h.loc[1398, "value"]) == ("smes", 1185)
    # National elsewhere: 1396 C003 1,462; 1397 1,726 (the SME plan's, bounding the minister's 1,700);
    # 1399 1,557 (the parks'); 1400 2,067; 1401 1,589.12 (from its counts); 1402 C192 1,811; 1403 C212 1,344.
    expected = {1396: 1462, 1397: 1726, 1399: 1557, 1400: 2067, 1401: UNITS_1401[0], 1402: 1811, 1403: 1344}
    assert {y: h.loc[y, "value"] for y in expected} == pytest.approx(expected)
    assert (h.loc[list(expected), "headline_scope"] == "national").all()
    # 1403 is a leap year (2024-03-20 .. 2025-03-20), 1402 is not.
    assert (h.loc[1403, "year_days"], h.loc[1402, "year_days"]) == (366, 365)


# ---------------------------------------------------------------- claims


def test_every_figure_belongs_to_a_claim(ev):
    # Among them C031-C033 (S09, stocks as of 2018-03-20), C181 (a stock as of 2021-08-25), F07 (the
    # seed's bank-share target), C176 and C180 (term goals with no period).
    missing = ev.figures.loc[ev.figures["claim_id"].isna(), "figure_id"].tolist()
    assert missing == []


# ---------------------------------------------------------------- targets


def test_the_1399_sme_target_path(ev):
    t = ev.targets.set_index("claim_id")
    # C047 (S12) 1,500, restated by the seed (F03) and nine other reports: the first value.
    assert (t.loc["C047", "role"], t.loc["C047", "first_source"], t.loc["C047", "value"]) == ("first", "S12", 1500)
    # S13: C052 "at least 1200" with C053 "up to 1500" (restating C047): a range; its low end is no revision.
    assert (t.loc["C052", "role"], t.loc["C052", "first_source"]) == ("range low", "S13")
    # C068 (S15) 2,000: S15 .. S21 state both values, none states 1,500 alone after S15: raised.
    assert (t.loc["C068", "role"], t.loc["C068", "direction"], t.loc["C068", "previous_value"], t.loc["C068", "first_source"]) == (
        "revision", "raised", 1500, "S15")
    assert bool(t.loc["C068", "current"]) and not bool(t.loc["C047", "current"])
    assert bool(t.loc["C068", "scored"]) and not bool(t.loc["C052", "scored"])


def test_the_1398_national_target_path(ev):
    t = ev.targets.set_index("claim_id")
    # C010 (S04, 2019-05-17) about 2,200 first; C014 (S05, 2019-07-09) 2,000: lowered.
    assert (t.loc["C010", "role"], t.loc["C014", "role"], t.loc["C014", "direction"], t.loc["C014", "previous_value"]) == (
        "first", "revision", "lowered", 2200)
    # C035 (S09, 2019-11-01 .. 11-11) 1,334: S10 (2019-12-10 .. 12, certainly later) states 2,000
    # (C038) without 1,334, so 1,334 is an alternative, not a revision.
    assert t.loc["C035", "role"] == "alternative"
    assert not bool(t.loc["C035", "scored"])
    assert bool(t.loc["C014", "current"])


def test_targets_that_are_not_scored(ev):
    t = ev.targets.set_index("claim_id")
    # C001 (S01) 6,000 for 1396, entered as a mandate.
    assert (t.loc["C001", "target_kind"], bool(t.loc["C001", "scored"])) == ("mandate", False)
    # C039 (S10, 2019-12-10 .. 12) 1,000 SME units for 1397, which ended 2019-03-20: after.
    assert (t.loc["C039", "timing"], bool(t.loc["C039", "scored"])) == ("after", False)
    # C008 (S03) 31,500 renovations over 1397 .. 1399.
    assert (t.loc["C008", "target_kind"], bool(t.loc["C008", "scored"])) == ("multi_year", False)


def test_the_rest_of_term_goal_is_a_term_target_not_scored(ev):
    # C176 (S41): 3,680 units, industrial parks, target_kind "term", no period.
    t = ev.targets.set_index("claim_id")
    assert "C176" in t.index
    assert (t.loc["C176", "target_kind"], bool(t.loc["C176", "scored"])) == ("term", False)


# ---------------------------------------------------------------- pairs


def test_1400_national_jobs_per_unit(ev):
    p = ev.pairs[(ev.pairs["units_claim"] == "C133") & (ev.pairs["jobs_claim"] == "C136")]
    assert len(p) == 1
    p = p.iloc[0]
    # 36,000 / 2,067 = 17.4165; 35,500 / 2,067 = 17.1747; 36,500 / 2,067 = 17.6584 (2,067 exact).
    assert (p["jpu_value"], p["jpu_low"], p["jpu_high"]) == pytest.approx((17.4165, 17.1747, 17.6584), abs=1e-4)
    assert p["stated_together"]  # both in S30


def test_no_pair_is_counted_twice(ev):
    assert not ev.pairs.duplicated(["units_claim", "jobs_claim"]).any()


# ---------------------------------------------------------------- term totals


def test_1320_units_since_2021_08_25_imply_at_least_1549(ev):
    # C142 (S31, published 2022-03-21 .. 2023-03-20): 1,320 since 2021-08-25, to the report.
    t = ev.terms.set_index("claim_id").loc["C142"]
    assert t["implied_low"] == pytest.approx(PART_1400_LOW)
    assert t["implied_low"] == pytest.approx(1548.68, abs=0.01)
    # Upper: 1,568 for late 1400, plus at most 1401's 1,641.37 (the report may date from 1401's last day).
    assert t["implied_high"] == pytest.approx(PART_1400_HIGH + UNITS_1401[2])
    # Stated 1,320 (1,315 .. 1,325): below the implied lower bound.
    assert t["high"] < t["implied_low"]


def test_the_4600_term_total_implies_at_least_5039(ev):
    # C200 (S46, 2024-08-12): 4,600 since 2021-08-25. Late 1400: 1,548.684 .. 1,568; 1401: 1,563 .. 1,641.37
    # (its counts); 1402: C192 1,811; 1403 to 2024-08-12: C198 (S46 itself) 116.
    t = ev.terms.set_index("claim_id").loc["C200"]
    assert t["implied_low"] == pytest.approx(PART_1400_LOW + 1563 + 1811 + 116)   # 5,038.68
    assert t["implied_high"] == pytest.approx(PART_1400_HIGH + UNITS_1401[2] + 1811 + 116)  # 5,136.37
    assert bool(t["complete"])


def test_281_units_since_2024_08_21_within_1403(ev):
    # C201 (S47, 2024-11-25): 281 since 2024-08-21 (1403/05/31). Count to 08-20: C198's 116 (to
    # 2024-08-12, day 146 of 1403) plus at most 3 x 116 / 146 x 8 days = 19.1: 116 .. 135.1. Count to 11-25:
    # at least 116, at most C212's 1,344 for the whole year. So 0 (116 - 135.1, floored) .. 1,344 - 116 = 1,228.
    t = ev.terms.set_index("claim_id").loc["C201"]
    assert (t["implied_low"], t["implied_high"], bool(t["complete"])) == (0, 1228, True)


def test_the_two_year_total_is_checked_against_1401s_counts_not_itself(ev):
    # C164: 3,818 for 1400 + 1401; 1401's estimate comes from its counts (C161), not from C164: implied
    # 2,067 + 1,563 = 3,630 .. 2,067 + 1,641.37 = 3,708.37, both sides bounded.
    t = ev.terms.set_index("claim_id").loc["C164"]
    assert (t["implied_low"], t["implied_high"], bool(t["complete"])) == pytest.approx((3630, 2067 + UNITS_1401[2], True))


# ---------------------------------------------------------------- appending an earlier report

#: A made-up report of 2020-03-25 (after 1398 ended, 2020-03-19; before S11 of 2020-04-01, the
#: first report of C043 and C044, and before S12 of 2020-06-21 .. 29, the first of C047). Each of its
#: figures points at a *later* figure, itself a restatement: X1 -> C048 -> C043, X2 -> C049 -> C044,
#: X3 -> C084 -> C047. No existing row is edited.
EARLY_SOURCE = source("SX", "2020-03-25")
EARLY_FIGURES = [
    figure("X1", "SX", "units_revived", 1185, "2019-03-21", "2020-03-19", scope="smes", restates="C048"),
    figure("X2", "SX", "jobs_created", 21618, "2019-03-21", "2020-03-19", scope="smes", restates="C049"),
    figure("X3", "SX", "units_target", 1500, "2020-03-20", "2021-03-20", scope="smes", restates="C084"),
]
ADDED_FIGURES, ADDED_SOURCES = {"X1", "X2", "X3"}, {"SX"}


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """The evidence of a copy of the shipped ledger with the early report appended (rows added only)."""
    import shutil

    from analysis import paths

    data = tmp_path_factory.mktemp("extended") / "data"
    shutil.copytree(paths.ROOT / "data", data)
    with (data / "sources.tsv").open("a", encoding="utf-8") as fh:
        fh.write("\t".join(EARLY_SOURCE.get(c, "") for c in SOURCES_COLUMNS) + "\n")
    with (data / "figures.tsv").open("a", encoding="utf-8") as fh:
        for row in EARLY_FIGURES:
            fh.write("\t".join(row.get(c, "") for c in FIGURES_COLUMNS) + "\n")
    return evidence.build(load_ledger(data))


@pytest.fixture(scope="module")
def id_map(ev, extended):
    """New claim id -> old claim id, through the figures both ledgers hold."""
    old = ev.figures.set_index("figure_id")["claim_id"]
    new = extended.figures.set_index("figure_id")["claim_id"].reindex(old.index)
    pairs = pd.DataFrame({"new": new, "old": old}).dropna().drop_duplicates()
    assert not pairs["new"].duplicated().any() and not pairs["old"].duplicated().any(), "claims were merged or split"
    return dict(zip(pairs["new"], pairs["old"]))


def _map_ids(text, id_map):
    return ", ".join(id_map.get(x, x) for x in _ids(text))


def _without_added(text, added):
    return frozenset(x for x in _ids(text) if x not in added)


def test_the_early_report_joins_the_existing_claims_and_becomes_their_first(extended):
    # X1, X2, X3 are now the first figures of their claims (the claim id is the first report's figure).
    for fid, members in (("X1", {"C043", "C048", "F09"}), ("X2", {"C044", "C049", "F10"}), ("X3", {"C047", "C084", "F03"})):
        c = extended.claim(extended.claim_of(fid))
        assert c["claim_id"] == fid and c["first_source"] == "SX"
        assert members <= set(_ids(c["figure_ids"]))


def test_claims_values_and_bounds_are_unchanged(ev, extended, id_map):
    cols = ["metric", "scope", "value", "low", "high", "wording_conflict", "period_kind", "start", "end", "end_earliest",
            "end_latest", "first_year", "last_year", "cumulative_year", "kind"]
    new = extended.claims.assign(claim_id=extended.claims["claim_id"].map(lambda x: id_map.get(x, x)))
    a = ev.claims.set_index("claim_id").sort_index()
    b = new.set_index("claim_id").sort_index()
    assert list(a.index) == list(b.index)
    pd.testing.assert_frame_equal(a[cols], b[cols])
    for col, added in (("figure_ids", ADDED_FIGURES), ("source_ids", ADDED_SOURCES)):
        assert a[col].map(lambda s: _without_added(s, added)).equals(b[col].map(lambda s: _without_added(s, added)))


def test_estimates_are_unchanged(ev, extended, id_map):
    keys = ["metric", "scope", "jalali_year"]
    cols = ["value", "low", "high", "basis", "rule", "floor_low", "floor_conflict", "year_days"]
    a = ev.estimates.set_index(keys).sort_index()
    b = extended.estimates.set_index(keys).sort_index()
    pd.testing.assert_frame_equal(a[cols], b[cols])
    for col in ("chosen_claim", "claim_ids", "conflicting_claims", "derived_from", "floor_claim"):
        assert a[col].tolist() == b[col].map(lambda s: _map_ids(s, id_map)).tolist(), col
    for col, added in (("figure_ids", ADDED_FIGURES), ("source_ids", ADDED_SOURCES)):
        assert a[col].map(lambda s: _without_added(s, added)).tolist() == b[col].map(lambda s: _without_added(s, added)).tolist()


def test_pairs_are_unchanged(ev, extended, id_map):
    cols = ["scope", "u_value", "u_low", "u_high", "j_value", "j_low", "j_high", "jpu_value", "jpu_low", "jpu_high",
            "stated_together"]
    b = extended.pairs.assign(units_claim=extended.pairs["units_claim"].map(lambda x: id_map.get(x, x)),
                              jobs_claim=extended.pairs["jobs_claim"].map(lambda x: id_map.get(x, x)))
    a = ev.pairs.set_index(["units_claim", "jobs_claim"]).sort_index()
    b = b.set_index(["units_claim", "jobs_claim"]).sort_index()
    assert len(a) == len(b)
    pd.testing.assert_frame_equal(a[cols], b[cols])
    assert a["source_ids"].map(lambda s: _without_added(s, ADDED_SOURCES)).tolist() == \
        b["source_ids"].map(lambda s: _without_added(s, ADDED_SOURCES)).tolist()
    # The SME 1398 pair is still one pair, now with the early report among its sources.
    assert "SX" in b.loc[("C043", "C044"), "source_ids"]


def test_target_roles_are_unchanged(ev, extended, id_map):
    cols = ["target_kind", "timing", "role", "direction", "previous_value", "current", "scored", "not_scored", "value"]
    b = extended.targets.assign(claim_id=extended.targets["claim_id"].map(lambda x: id_map.get(x, x)))
    a = ev.targets.set_index("claim_id").sort_index()
    b = b.set_index("claim_id").sort_index()
    pd.testing.assert_frame_equal(a[cols], b[cols])


def test_series_and_terms_are_unchanged(ev, extended, id_map):
    keys = ["metric", "scope", "jalali_year", "step"]
    a = ev.series.set_index(keys).sort_index()
    b = extended.series.assign(claim_id=extended.series["claim_id"].map(lambda x: id_map.get(x, x))).set_index(keys).sort_index()
    pd.testing.assert_frame_equal(a[["claim_id", "value", "low", "high", "after_previous"]],
                                  b[["claim_id", "value", "low", "high", "after_previous"]])
    ta = ev.terms.set_index("claim_id").sort_index()
    tb = extended.terms.set_index("claim_id").sort_index()
    pd.testing.assert_frame_equal(ta[["implied_value", "implied_low", "implied_high", "complete"]],
                                  tb[["implied_value", "implied_low", "implied_high", "complete"]])
