"""Claims (analysis.evidence.claims): restatement links in either direction, chains, identical
statements, open-ended counts, narrowing of wordings and claim end windows, on one small made-up
ledger whose cases use values of their own (so no two cases can merge), and two ledgers the
loader should refuse.

Open-ended counts ("since 1399/01/01, to the report") merge only through links, so they show that
a link, not an identical statement, made the claim.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import evidence
from analysis.evidence.claims import LinkError
from analysis.ledger import LedgerError, load_ledger
from evidence_fixtures import FILLER_SOURCE, FILLER_TARGET, build, figure, source, write_ledger

Y1399 = ("2020-03-20", "2021-03-20")  # 1399/01/01 .. 1399/12/30
Y1400 = ("2021-03-21", "2022-03-20")  # 1400/01/01 .. 1400/12/29
Y1399_START = "2020-03-20"

SOURCES = [
    source("S1", "2020-08-01"), source("S2", "2020-09-01"), source("S3", "2020-10-01"), source("S4", "2020-11-01"),
    source("S5", "2021-05-01"), source("S6", "2021-06-01"), source("S7", "2022-05-01"),
    source("S8", earliest="2020-06-21", latest="2021-03-20"), source("S9", earliest="2020-06-21", latest="2020-06-29"),
    source("S10", earliest="2020-08-25", latest="2020-09-08"), source("S12", "2019-11-01"), source("S13", "2023-09-01"),
    source("S14", "2020-10-21"),
]


def _ytd(fid, sid, value, **kw):
    """SME units revived since 1399/01/01, to the report (no end stated)."""
    return figure(fid, sid, "units_revived", value, Y1399_START, scope="smes", **kw)


#: The wording cases: (value, (qualifier, rounding) of the first figure, of the second, scope, metric).
WORDINGS = [
    (1500, ("exact", ""), ("over", ""), "national", "units_revived"),
    (1500, ("about", ""), ("up_to", ""), "smes", "units_revived"),
    (9800, ("exact", "none"), ("about", ""), "industrial_parks", "units_revived"),
    (8000, ("exact", ""), ("over", ""), "outside_parks", "units_revived"),
    (10000, ("exact", ""), ("at_least", ""), "national", "jobs_created"),
    (1557, ("exact", ""), ("exact", ""), "smes", "jobs_created"),
]

FIGURES = [
    # L1: B1 (09-01) repeats A1 (08-01).
    _ytd("A1", "S1", 501), _ytd("B1", "S2", 501, restates="A1"),
    # L2: the earlier A2 points at the later B2 (as when an earlier report is appended after B2).
    _ytd("A2", "S1", 502, restates="B2"), _ytd("B2", "S2", 502),
    # L3: A3 -> B3 (forward), C3 -> A3 (back), D3 -> C3: one tree.
    _ytd("A3", "S1", 503, restates="B3"), _ytd("B3", "S2", 503), _ytd("C3", "S3", 503, restates="A3"),
    _ytd("D3", "S4", 503, restates="C3"),
    # L4: the same open-ended count in two reports, no link.
    _ytd("A4", "S1", 545), _ytd("B4", "S2", 545),
    # L5: 1,557 parks units for 1399 in two reports, unlinked; 1,556 for 1399; 1,557 for 1400.
    figure("A5", "S5", "units_revived", 1557, *Y1399, scope="industrial_parks"),
    figure("B5", "S6", "units_revived", 1557, *Y1399, scope="industrial_parks"),
    figure("C5", "S6", "units_revived", 1556, *Y1399, scope="industrial_parks"),
    figure("D5", "S7", "units_revived", 1557, *Y1400, scope="industrial_parks"),
    # L6: the same target in a report dated 2020-06-21 .. 2021-03-20 (A6) and one dated 2020-06-21 .. 06-29 (Z6).
    figure("A6", "S8", "units_target", 1500, *Y1399, scope="smes"),
    figure("Z6", "S9", "units_target", 1500, *Y1399, scope="smes"),
    # L7: 546 since 1399/01/01 in an undated report (2020-08-25 .. 09-08), repeated on 2020-09-01.
    _ytd("A7", "S10", 546), _ytd("B7", "S2", 546, restates="A7"),
    # L9: a stock as of 2018-03-20 (1396/12/29), and a term goal with no period.
    figure("K9", "S12", "idle_units", 10380, "", "2018-03-20"),
    figure("G9", "S13", "units_target", 3680, scope="industrial_parks", target_kind="term"),
    # L10: an undated stock, repeated by a later report.
    figure("A10", "S14", "idle_units", 9800, scope="industrial_parks", qualifier="about"),
    figure("B10", "S4", "idle_units", 9800, scope="industrial_parks", restates="A10"),
]
for _i, (_value, (_q1, _r1), (_q2, _r2), _scope, _metric) in enumerate(WORDINGS):
    FIGURES.append(figure(f"W{_i}a", "S5", _metric, _value, *Y1399, qualifier=_q1, rounding=_r1, scope=_scope))
    FIGURES.append(figure(f"W{_i}b", "S6", _metric, _value, *Y1399, qualifier=_q2, rounding=_r2, scope=_scope,
                          restates=f"W{_i}a"))


@pytest.fixture(scope="module")
def ev(tmp_path_factory):
    return build(tmp_path_factory.mktemp("claims"), SOURCES, FIGURES)


def _claim(ev, figure_id):
    return ev.claim(ev.claim_of(figure_id))


def _with(ev, *figure_ids):
    """The claims holding any of these figures."""
    claim_ids = set(ev.figures.loc[ev.figures["figure_id"].isin(figure_ids), "claim_id"])
    return ev.claims[ev.claims["claim_id"].isin(claim_ids)].set_index("claim_id")


# ---------------------------------------------------------------- links


def test_a_link_to_an_earlier_figure_makes_one_claim(ev):
    claims = _with(ev, "A1", "B1")
    assert list(claims.index) == ["A1"]
    c = claims.loc["A1"]
    assert (c["figure_ids"], c["source_ids"], c["n_figures"], c["n_sources"]) == ("A1, B1", "S1, S2", 2, 2)


def test_a_link_to_a_later_figure_makes_the_same_claim_with_the_earlier_report_first(ev):
    # The claim's first report is computed, so its id is A2 although A2 is the one that points.
    claims = _with(ev, "A2", "B2")
    assert list(claims.index) == ["A2"]
    c = claims.loc["A2"]
    assert (c["first_figure"], c["first_source"], c["figure_ids"], c["source_ids"]) == ("A2", "S1", "A2, B2", "S1, S2")
    assert c["first_published_earliest"] == pd.Timestamp("2020-08-01")


def test_a_chain_of_links_in_both_directions_is_one_claim(ev):
    # C3 -> A3 -> B3 and D3 -> C3 -> A3 -> B3: one claim, first report S1 (2020-08-01).
    claims = _with(ev, "A3", "B3", "C3", "D3")
    assert list(claims.index) == ["A3"]
    assert claims.loc["A3", "figure_ids"] == "A3, B3, C3, D3"
    assert claims.loc["A3", "source_ids"] == "S1, S2, S3, S4"


def test_open_ended_counts_of_different_reports_stay_apart_unless_linked(ev):
    # "545 since 1399/01/01" on 2020-08-01 and on 2020-09-01 may count to different days: two claims,
    # each ending at its own report.
    claims = _with(ev, "A4", "B4")
    assert sorted(claims.index) == ["A4", "B4"]
    assert claims.loc["A4", "end_latest"] == pd.Timestamp("2020-08-01")
    assert claims.loc["B4", "end_earliest"] == pd.Timestamp("2020-09-01")


def test_identical_closed_period_statements_merge_without_a_link(ev):
    # 1,557 parks units for the whole of 1399 from two outlets: one claim; 1,556 for 1399 and 1,557
    # for 1400 are other numbers.
    claims = _with(ev, "A5", "B5", "C5", "D5")
    assert sorted(claims.index) == ["A5", "C5", "D5"]
    assert (claims.loc["A5", "figure_ids"], claims.loc["A5", "n_sources"]) == ("A5, B5", 2)
    assert claims.loc["C5", "figure_ids"] == "C5" and claims.loc["D5", "figure_ids"] == "D5"


def test_the_first_report_is_the_earliest_possible_then_the_earliest_latest_date(ev):
    # Both reports may date from 2020-06-21; Z6's window closes on 06-29, A6's on 2021-03-20, so Z6's
    # report comes first, whatever the ids' order.
    c = _claim(ev, "A6")
    assert (c["claim_id"], c["first_source"], c["figure_ids"]) == ("Z6", "S9", "Z6, A6")
    assert (c["first_published_earliest"], c["first_published_latest"]) == (pd.Timestamp("2020-06-21"), pd.Timestamp("2020-06-29"))
    assert c["last_published_latest"] == pd.Timestamp("2021-03-20")


# ---------------------------------------------------------------- wordings


@pytest.mark.parametrize("case, low, high, qualifiers", [
    # "1,500" is read as 1,450 .. 1,550 (rounded at the hundreds); "over 1,500" as 1,500 .. no upper
    # bound; the common part is 1,500 .. 1,550.
    (0, 1500, 1550, "exact, over"),
    # "about 1,500" 1,450 .. 1,550; "up to 1,500" 0 .. 1,500; common part 1,450 .. 1,500.
    (1, 1450, 1500, "about, up_to"),
    # 9,800 marked exact as printed: 9,800 .. 9,800; "about 9,800" 9,750 .. 9,850; common 9,800.
    (2, 9800, 9800, "exact, about"),
    # "8,000" 7,500 .. 8,500 (half a thousand, within the 10 % cap of 800); "over 8,000" 8,000 ..;
    # common 8,000 .. 8,500.
    (3, 8000, 8500, "exact, over"),
    # "10,000": half a step would be 5,000, capped at 10 % = 1,000: 9,000 .. 11,000; "at least
    # 10,000" 10,000 ..; common 10,000 .. 11,000.
    (4, 10000, 11000, "exact, at_least"),
    # 1,557 has no trailing zero: exact, 1,557 .. 1,557, however many times it is printed.
    (5, 1557, 1557, "exact"),
])
def test_wordings_of_one_number_narrow_each_other(ev, case, low, high, qualifiers):
    c = _claim(ev, f"W{case}a")
    assert c["figure_ids"] == f"W{case}a, W{case}b"
    assert (c["low"], c["high"]) == (low, high)
    assert c["qualifiers"] == qualifiers
    assert not c["wording_conflict"]


# ---------------------------------------------------------------- end windows


def test_a_count_to_an_undated_report_ends_within_the_tightest_window(ev):
    # A7's report appeared 2020-08-25 .. 09-08; B7's (shown 2020-09-01) repeats it. The count ended
    # no earlier than A7's first possible day (08-25) and no later than the earliest upper bound (09-01).
    c = _claim(ev, "B7")
    assert c["claim_id"] == "A7"
    assert (c["end_earliest"], c["end_latest"]) == (pd.Timestamp("2020-08-25"), pd.Timestamp("2020-09-01"))
    assert (c["period_kind"], c["cumulative_year"]) == ("year_to_date", 1399)


def test_a_closed_period_claim_ends_on_its_last_day(ev):
    # 1400/12/29 = 2022-03-20, whatever the report's date (2022-05-01); 1400 has 365 days, 1399 366.
    c = _claim(ev, "D5")
    assert (c["end_earliest"], c["end_latest"]) == (pd.Timestamp("2022-03-20"), pd.Timestamp("2022-03-20"))
    assert (c["period_kind"], c["first_year"], c["year_days"]) == ("full_year", 1400, 365)
    assert _claim(ev, "A5")["year_days"] == 366


# ---------------------------------------------------------------- figures without a start


def test_stocks_with_an_as_of_date_and_targets_without_a_period_belong_to_claims(ev):
    # Every figure belongs to a claim. A stock as of 2018-03-20 (no start, by the ledger's rule) and
    # a term goal with no period (as the 3,680 rest-of-term goal is entered) are claims like any other.
    f = ev.figures.set_index("figure_id")
    assert f.loc["K9", "claim_id"] == "K9"
    assert f.loc["G9", "claim_id"] == "G9"
    claims = ev.claims.set_index("claim_id")
    assert (claims.loc["K9", "period_kind"], claims.loc["K9", "first_year"]) == ("stock", 1396)
    assert claims.loc["G9", "period_kind"] == "open"


def test_two_undated_stocks_repeating_each_other_are_one_claim(ev):
    # "about 9,800" 9,750 .. 9,850 and "9,800" 9,750 .. 9,850: the same interval.
    c = _claim(ev, "B10")
    assert (c["claim_id"], c["low"], c["high"], c["period_kind"]) == ("A10", 9750, 9850, "stock")


# ---------------------------------------------------------------- links the ledger refuses


def _load_and_build(tmp_path, sources, figures):
    data, seeds = write_ledger(tmp_path, [*sources, FILLER_SOURCE], [*figures, FILLER_TARGET])
    return evidence.build(load_ledger(data, seeds))


def test_a_cycle_of_links_is_an_error(tmp_path):
    # BRIEF: "chains are fine, cycles are errors"; the claims docstring: "the loader has already
    # refused cycles". A restates B and B restates A.
    with pytest.raises((LedgerError, LinkError)):
        _load_and_build(tmp_path, SOURCES[:2], [_ytd("A", "S1", 500, restates="B"), _ytd("B", "S2", 500, restates="A")])


def test_a_link_to_a_figure_of_another_period_is_an_error(tmp_path):
    # Issue 7: "a cycle or a link to a different metric, value, scope or period is a ledger error".
    # B (1399/01/01 .. 2020-07-20) says it repeats A (the first quarter, .. 2020-06-20).
    with pytest.raises(LedgerError):
        _load_and_build(tmp_path, SOURCES[:2],
                        [figure("A", "S1", "units_revived", 500, "2020-03-20", "2020-06-20", scope="smes"),
                         figure("B", "S2", "units_revived", 500, "2020-03-20", "2020-07-20", scope="smes", restates="A")])
