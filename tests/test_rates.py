"""Year-on-year rates: expected values worked out by hand in each test, never by the function under test."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from analysis import calendar, rates
from analysis.bounds import Estimate
from analysis.ledger import load_ledger
from analysis.seed import read_provenance

T = pd.Timestamp
# Iranian years used in the small frames below (Gregorian bounds written out by hand):
# 1397: 2018-03-21 .. 2019-03-20 (365 days); 1398: 2019-03-21 .. 2020-03-19 (365 days);
# 1399: 2020-03-20 .. 2021-03-20 (366 days, leap); 1400: 2021-03-21 .. 2022-03-20 (365 days).
Y = {1397: ("2018-03-21", "2019-03-20"), 1398: ("2019-03-21", "2020-03-19"),
     1399: ("2020-03-20", "2021-03-20"), 1400: ("2021-03-21", "2022-03-20")}


def fig(fid, value, *, year=None, scope="smes", metric="units_revived", start=None, end=None, end_bounds=None,
        low=None, high=None, restates="", source=None, qualifier="exact", published=("2021-06-01", "2021-06-01")):
    """One ledger-like figure row (only the columns rates.py reads)."""
    kind = "target" if metric.endswith("target") else "flow"
    start_t = T(start) if start else pd.NaT
    end_t = T(end) if end else pd.NaT
    e0, e1 = (T(end_bounds[0]), T(end_bounds[1])) if end_bounds else (end_t, end_t)
    return {
        "figure_id": fid, "source_id": source or f"S{fid}", "metric": metric, "kind": kind,
        "value": float(value), "low": float(value if low is None else low), "high": float(value if high is None else high),
        "qualifier": qualifier, "scope": scope, "start": start_t, "end": end_t, "end_earliest": e0, "end_latest": e1,
        "end_from_publication": end is None, "jalali_year": year, "restates": restates,
        "published_earliest": T(published[0]), "published_latest": T(published[1]), "primary": False,
    }


def frame(*rows):
    out = pd.DataFrame(list(rows))
    out["jalali_year"] = out["jalali_year"].astype("Int64")
    for c in ("start", "end", "end_earliest", "end_latest", "published_earliest", "published_latest"):
        out[c] = out[c].astype("datetime64[us]")
    from analysis.calendar import gregorian_column_to_jalali
    out["end_jalali"] = gregorian_column_to_jalali(out["end"])
    out["start_jalali"] = gregorian_column_to_jalali(out["start"])
    return out


def full(fid, year, value, **kw):
    return fig(fid, value, year=year, start=Y[year][0], end=Y[year][1], **kw)


# ---------------------------------------------------------------------------------------------
# The seed view, on the real seed figures (the point of these tests is the seed's own numbers)
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


@pytest.fixture(scope="module")
def seed(ledger):
    return rates.seed_figures(ledger)


def test_seed_figures_found_by_metric_and_period(seed):
    assert seed.year == 1399
    assert seed.year_start == T("2020-03-20") and seed.year_end == T("2021-03-20")
    assert (seed.target["value"], seed.to_date["value"], seed.part_year["value"], seed.previous_year["value"]) == (1500, 468, 211, 1185)
    assert (seed.revived_share["value"], seed.idle_units["value"]) == (21, 9800)
    assert (seed.bank_share["value"], seed.bank_share_sought["value"]) == (31, 40)
    assert seed.year_length == 366


def test_target_against_previous_result(seed):
    t = rates.target_against_previous(seed).set_index("quantity")
    assert t.loc["target minus result", "value"] == 1500 - 1185 == 315
    assert t.loc["target against result", "value"] == pytest.approx((1500 / 1185 - 1) * 100)  # 26.58...
    assert t.loc["target against result", "value"] == pytest.approx(26.5823, abs=1e-4)


def test_first_quarter_pace_against_previous_year(seed):
    t = rates.part_year_pace_against_previous(seed)
    assert list(t["days"].iloc[:2]) == [365, 93]  # 1398 is a common year; 1399/01/01..1399/03/31 = 31 * 3 days
    assert t["value"].iloc[0] == pytest.approx(1185 / 365)  # 3.2466
    assert t["value"].iloc[1] == pytest.approx(211 / 93)  # 2.2688
    assert t["value"].iloc[2] == pytest.approx(211 / 93 - 1185 / 365)
    assert t["value"].iloc[3] == pytest.approx(((211 / 93) / (1185 / 365) - 1) * 100)  # about -30.1
    assert t["value"].iloc[3] < 0


def test_date_dependent_at_one_date(seed):
    as_of = pd.DataFrame({"label": ["mid"], "earliest": [T("2020-08-20")], "latest": [T("2020-08-20")]})
    r = rates.date_dependent(seed, as_of).set_index("quantity")
    # 2020-03-20 .. 2020-08-20 inclusive: 12 (Mar 20-31) + 30 + 31 + 30 + 31 + 20 = 154 days.
    days = 12 + 30 + 31 + 30 + 31 + 20
    assert r.loc["days elapsed", "value"] == days == 154
    assert r.loc["share of year elapsed", "value"] == pytest.approx(154 / 366 * 100)
    assert r.loc["progress to target", "value"] == pytest.approx(468 / 1500 * 100)  # 31.2
    assert r.loc["progress minus share elapsed", "value"] == pytest.approx(31.2 - 154 / 366 * 100)
    assert r.loc["pace to date", "value"] == pytest.approx(468 / 154)
    assert r.loc["pace for the target over the whole year", "value"] == pytest.approx(1500 / 366)
    # Days after 2020-08-20 up to 2021-03-20: 11 + 30 + 31 + 30 + 31 + 31 + 28 + 20 = 212.
    assert r.loc["pace needed for the rest of the year", "value"] == pytest.approx((1500 - 468) / 212)
    assert r.loc["year-end projection at the pace to date", "value"] == pytest.approx(468 / 154 * 366)
    assert r.loc["projection against target", "value"] == pytest.approx(468 / 154 * 366 / 1500 * 100)
    assert (r["low"] == r["high"]).all()


def test_date_dependent_across_the_text_bounds(seed):
    as_of = pd.DataFrame({"label": ["text"], "earliest": [T("2020-06-21")], "latest": [T("2021-03-20")]})
    r = rates.date_dependent(seed, as_of).set_index("quantity")
    # 2020-03-20 .. 2020-06-21 is 93 + 1 = 94 days; to 2021-03-20 the whole leap year, 366.
    assert (r.loc["days elapsed", "low"], r.loc["days elapsed", "high"]) == (94, 366)
    assert math.isnan(r.loc["pace to date", "value"])
    assert r.loc["pace to date", "low"] == pytest.approx(468 / 366)
    assert r.loc["pace to date", "high"] == pytest.approx(468 / 94)
    # At the earliest date 2021-03-20 - 2020-06-21 = 272 days remain; at the latest none: no upper limit.
    assert r.loc["pace needed for the rest of the year", "low"] == pytest.approx((1500 - 468) / 272)
    assert math.isinf(r.loc["pace needed for the rest of the year", "high"])
    assert r.loc["year-end projection at the pace to date", "low"] == pytest.approx(468)
    assert r.loc["year-end projection at the pace to date", "high"] == pytest.approx(468 / 94 * 366)


def test_pace_needed_on_the_last_day_is_undefined():
    e = rates.pace_needed_to_end(Estimate.exact(10), Estimate.exact(4), pd.Series([T("2021-03-20")]),
                                 pd.Series([T("2021-03-20")]), T("2021-03-20"))
    assert math.isnan(e.value.iloc[0]) and math.isnan(e.low.iloc[0]) and math.isnan(e.high.iloc[0])
    e = rates.pace_needed_to_end(Estimate.exact(10), Estimate.exact(4), pd.Series([T("2021-03-18")]),
                                 pd.Series([T("2021-03-18")]), T("2021-03-20"))
    assert e.value.iloc[0] == pytest.approx(6 / 2)  # two days remain: 19th and 20th


def test_publication_windows_and_dates(ledger):
    prov = read_provenance(ledger.primary_source()["seed_file"])
    w = rates.publication_windows(prov)
    # The text_clues evidence repeats the publication bounds: merged into the first row.
    assert w["label"].iloc[0].startswith("publication bounds")
    assert (w["earliest"].iloc[0], w["latest"].iloc[0]) == (T(prov.earliest), T(prov.latest))
    assert len(w) == len({(e.earliest, e.latest) for e in prov.evidence} | {(prov.earliest, prov.latest)})
    d = rates.evaluation_dates(w)
    assert (d["earliest"] == d["latest"]).all()
    assert d["earliest"].is_monotonic_increasing
    assert set(d["earliest"]) == set(w["earliest"]) | set(w["latest"])


def test_last_day_on_schedule(seed):
    # 468 / 1500 = 31.2 %; 0.312 * 366 = 114.19 -> day 114 of 1399: 2020-03-20 + 113 days.
    # Mar 20 + 11 = Mar 31, + 30 = Apr 30 (41), + 31 = May 31 (72), + 30 = Jun 30 (102), + 11 = Jul 11 (113).
    assert rates.last_day_on_schedule(seed) == (T("2020-07-11"), T("2020-07-11"))


def test_elapsed_curve(seed):
    c = rates.elapsed_curve(seed, T("2020-06-20"), T("2020-06-22"))
    assert list(c["days_elapsed"]) == [93, 94, 95]
    assert c["share_elapsed_pct"].iloc[0] == pytest.approx(93 / 366 * 100)
    assert list(c["date_jalali"]) == ["1399/03/31", "1399/04/01", "1399/04/02"]


# ---- "21 percent of 9,800" --------------------------------------------------------------------

def test_implied_count_from_both_wordings(seed):
    e = rates.seed_implied_count(seed)
    assert e.value == pytest.approx(0.21 * 9800)  # 2,058
    # 21 percent read as 20.5 .. 21.5; 9,800 as 9,750 .. 9,850.
    assert e.low == pytest.approx(0.205 * 9750)  # 1,998.75
    assert e.high == pytest.approx(0.215 * 9850)  # 2,117.75


def counts_frame():
    return pd.DataFrame({
        "jalali_year": pd.array([1396, 1397, 1397, 1398], dtype="Int64"),
        "scope": ["national", "national", "smes", "smes"],
        "value": [50.0, 100.0, 110.0, 40.0], "low": [50.0, 95.0, 110.0, 40.0], "high": [50.0, 105.0, 110.0, 40.0],
        "figure_ids": ["A", "B", "C", "D"],
    })


def test_year_runs_every_combination_of_contiguous_years():
    runs = rates.year_runs(counts_frame(), 1398)
    # 1398 alone; 1397-1398 twice (two 1397 rows); 1396-1398 twice.
    assert list(runs["years"]) == ["1398", "1397-1398", "1397-1398", "1396-1398", "1396-1398"]
    by = runs.set_index("figure_ids")
    assert by.loc["D", "value"] == 40
    assert (by.loc["B + D", "low"], by.loc["B + D", "high"]) == (95 + 40, 105 + 40)
    assert by.loc["C + D", "value"] == 150 and by.loc["C + D", "single_scope"]
    assert not by.loc["B + D", "single_scope"]
    assert by.loc["A + C + D", "value"] == 200 and by.loc["A + C + D", "before_value"] == 160
    assert by.loc["A + C + D", "scopes"] == "national → smes → smes"


def test_year_runs_stop_at_a_missing_year():
    c = counts_frame()
    c = c[c["jalali_year"] != 1397]
    runs = rates.year_runs(c, 1398)
    assert list(runs["years"]) == ["1398"]


def test_spans_for_implied_overlap_and_need():
    runs = rates.year_runs(counts_frame(), 1398)
    out = rates.spans_for_implied(Estimate(145.0, 140.0, 150.0), runs, "smes").set_index("figure_ids")
    assert bool(out.loc["C + D", "overlaps"])  # 150 is inside 140 .. 150
    assert bool(out.loc["B + D", "overlaps"])  # 135 .. 145 meets 140 .. 150
    assert not bool(out.loc["D", "overlaps"])
    assert out.loc["C + D", "comparison"] == "same scope (smes)"
    assert out.loc["B + D", "comparison"].startswith("cross-scope")
    # For 1397-1398 (C + D) the 1398 part would have to be 145 - 110 = 35 (30 .. 40).
    assert (out.loc["C + D", "last_year_needed_value"], out.loc["C + D", "last_year_needed_low"],
            out.loc["C + D", "last_year_needed_high"]) == (35, 30, 40)


def test_seed_alone_cannot_produce_the_implied_count(seed):
    runs = rates.year_runs(rates.seed_year_counts(seed), seed.year)
    out = rates.spans_for_implied(rates.seed_implied_count(seed), runs, seed.revived_share["scope"])
    assert list(out["value"]) == [468, 1185 + 468]
    assert not out["overlaps"].any()  # 1,653 < 1,998.75
    assert out["last_year_needed_value"].iloc[1] == pytest.approx(2058 - 1185)  # 873 units would be needed in 1399


# ---- bank facilities --------------------------------------------------------------------------

def test_bank_facility_gap(seed):
    t = rates.seed_bank_facility(seed).set_index("quantity")
    # about 31 -> 30.5 .. 31.5; at least 40 (a share) -> 40 .. 100.
    assert (t.loc["gap", "value"], t.loc["gap", "low"], t.loc["gap", "high"]) == (9, 40 - 31.5, 100 - 30.5)
    rel = t.loc["relative increase needed"]
    assert rel["value"] == pytest.approx((40 / 31 - 1) * 100)  # 29.03
    assert rel["low"] == pytest.approx((40 / 31.5 - 1) * 100)
    assert rel["high"] == pytest.approx((100 / 30.5 - 1) * 100)


# ---------------------------------------------------------------------------------------------
# The long view, on small frames
# ---------------------------------------------------------------------------------------------

def long_frame():
    return frame(
        full("a1", 1398, 1000, scope="smes", published=("2020-04-01", "2020-04-01")),
        full("a2", 1398, 1000, scope="smes", restates="a1", published=("2020-05-01", "2020-05-01")),
        full("b1", 1399, 1464, scope="smes"),
        full("b2", 1399, 1500, scope="smes", low=1450, high=1550),  # conflicts with b1
        full("c1", 1399, 900, scope="national"),
        full("r1", 1399, 50, scope="renovation_programme"),
    )


def test_full_year_counts_collapse_restatements_and_flag_conflicts():
    c = rates.full_year_counts(long_frame())
    assert len(c) == 5  # a1+a2 collapsed; b1, b2 kept apart
    a = c[c["jalali_year"] == 1398].iloc[0]
    assert a["figure_ids"] == "a1, a2" and a["n_reports"] == 2 and not a["conflict"]
    assert a["year_length"] == 365 and a["pace_value"] == pytest.approx(1000 / 365)
    b = c[(c["jalali_year"] == 1399) & (c["scope"] == "smes")]
    assert b["conflict"].all() and len(b) == 2
    assert b["pace_value"].iloc[0] == pytest.approx(1464 / 366)  # 1399 is a leap year: 4.0 per day
    assert b["year_length"].iloc[0] == 366


def test_year_to_date_and_full_year_are_told_apart():
    f = frame(full("x", 1399, 10), fig("y", 5, year=1399, start="2020-03-20", end="2020-06-20"),
              fig("z", 7, year=1399, start="2020-05-01", end="2020-06-20"))  # starts mid-year: neither
    assert list(rates.full_year_counts(f)["figure_ids"]) == ["x"]
    assert list(rates.year_to_date_reports(f)["figure_ids"]) == ["y"]


def test_year_on_year_labels_scopes():
    y = rates.year_on_year(rates.full_year_counts(long_frame()))
    same = y[y["same_scope"]]
    assert set(same["comparison"]) == {"same scope (smes)"}
    assert sorted(same["value"]) == [1464, 1500]
    row = same[same["value"] == 1464].iloc[0]
    assert row["change_value"] == 464
    assert row["pct_change_value"] == pytest.approx(46.4)
    # pace: 1000 / 365 -> 1464 / 366 = 4 per day; (4 / (1000 / 365) - 1) * 100 = 46.0 %
    assert row["pace_pct_change_value"] == pytest.approx((4 / (1000 / 365) - 1) * 100)
    cross = y[~y["same_scope"]]
    assert list(cross["comparison"]) == ["cross-scope: smes → national"]
    assert not y["scope"].eq("renovation_programme").any()  # not a revival scope: only within itself


def ytd_frame():
    return frame(
        fig("q98", 300, year=1398, start="2019-03-21", end="2019-06-21"),  # 1398/03/31: first quarter
        fig("q99", 200, year=1399, start="2020-03-20", end="2020-06-20"),  # 1399/03/31: first quarter
        fig("p99", 250, year=1399, start="2020-03-20", end_bounds=("2020-07-01", "2020-07-10"),
            published=("2020-07-01", "2020-07-10")),
        fig("p99r", 250, year=1399, start="2020-03-20", end_bounds=("2020-08-01", "2020-08-01"), restates="p99"),
        fig("m99", 280, year=1399, start="2020-03-20", end="2020-07-29"),
        full("f98", 1398, 1000),
        full("f99", 1399, 900),
    )


def test_year_to_date_reports_points_pace_and_projection():
    t = rates.year_to_date_reports(ytd_frame()).set_index("figure_ids")
    assert list(t.index) == ["q98", "q99", "p99, p99r", "m99"]  # restatement keeps the first report's end
    assert t.loc["q98", "point"] == "first quarter" and t.loc["q99", "point"] == "first quarter"
    assert t.loc["m99", "point"] == "to 1399/05/08"
    assert t.loc["p99, p99r", "point"] == "to publication, 1399/04/11 to 1399/04/20"
    # 2019-03-21 .. 2019-06-21: 11 + 30 + 31 + 21 = 93 days; 1398 has 365 days.
    assert t.loc["q98", "day_low"] == 93
    assert t.loc["q98", "projection_value"] == pytest.approx(300 / 93 * 365)
    # 2020-03-20 .. 2020-07-01 = 104 days, .. 2020-07-10 = 113 days.
    assert (t.loc["p99, p99r", "day_low"], t.loc["p99, p99r", "day_high"]) == (104, 113)
    assert t.loc["p99, p99r", "projection_low"] == pytest.approx(250 / 113 * 366)


def test_same_period_exact_and_tolerance():
    t = rates.year_to_date_reports(ytd_frame())
    exact = rates.same_period(t, 0)
    assert len(exact) == 1
    row = exact.iloc[0]
    assert row["figure_ids"] == "q98 → q99" and row["exact_point"]
    assert row["change_value"] == -100 and row["pct_change_value"] == pytest.approx(-100 / 3)
    wide = rates.same_period(t, 20)
    # q98 (day 93) against p99 (days 104..113): at most 20 days apart; against m99 (day 132): 39.
    assert set(wide["figure_ids"]) == {"q98 → q99", "q98 → p99, p99r"}
    p = wide.set_index("figure_ids").loc["q98 → p99, p99r"]
    assert (p["min_gap_days"], p["max_gap_days"]) == (11, 20)


def test_projection_against_outcome():
    t = rates.year_to_date_reports(ytd_frame())
    p = rates.projections_against_outcomes(t, rates.full_year_counts(ytd_frame())).set_index("figure_ids")
    q = p.loc["q99"]
    assert q["final_value"] == 900 and q["comparison"] == "same scope (smes)"
    assert q["error_value"] == pytest.approx(200 / 93 * 366 - 900)
    assert q["error_pct_value"] == pytest.approx((200 / 93 * 366 / 900 - 1) * 100)


def test_target_revisions_and_attainment():
    f = frame(
        fig("t1", 1500, metric="units_target", year=1399, start=Y[1399][0], end=Y[1399][1], published=("2020-06-01", "2020-06-01")),
        fig("t2", 2000, metric="units_target", year=1399, start=Y[1399][0], end=Y[1399][1], published=("2020-10-01", "2020-10-01")),
        fig("t3", 1500, metric="units_target", year=1399, start=Y[1399][0], end=Y[1399][1], restates="t1",
            published=("2020-12-01", "2020-12-01")),
        fig("t4", 100, metric="units_target", year=1400, start=Y[1400][0], end=Y[1400][1], scope="national"),
        full("r", 1399, 1600, low=1550, high=1650),
    )
    rev = rates.target_revisions(f)
    s = rev[rev["jalali_year"] == 1399]
    assert list(s["value"]) == [1500, 2000]
    assert list(s["revision"]) == [1, 2]
    assert list(s["change"]) == ["first stated", "raised"]
    assert s["last_published"].iloc[0] == T("2020-12-01")  # the first value was still stated after the revision
    a = rates.target_attainment(rev, rates.full_year_counts(f)).set_index("value")
    assert a.loc[1500, "attainment_value"] == pytest.approx(1600 / 1500 * 100)
    assert a.loc[1500, "attainment_low"] == pytest.approx(1550 / 1500 * 100)
    assert a.loc[1500, "verdict"] == "met"  # 1,550 .. 1,650 >= 1,500
    assert a.loc[2000, "verdict"] == "not met"
    assert a.loc[100, "verdict"] == "no final count"


def test_verdict_undetermined_when_bounds_straddle():
    f = frame(fig("t", 1600, metric="units_target", year=1399, start=Y[1399][0], end=Y[1399][1]),
              full("r", 1399, 1600, low=1550, high=1650))
    a = rates.target_attainment(rates.target_revisions(f), rates.full_year_counts(f))
    assert a["verdict"].iloc[0] == "undetermined within the bounds"


def test_multi_year_totals():
    f = frame(
        full("y98", 1398, 1000, scope="national"),
        full("y99", 1399, 1200, scope="national"),
        fig("ok", 2200, start=Y[1398][0], end=Y[1399][1], scope="national"),
        fig("bad", 3000, start=Y[1398][0], end=Y[1399][1], scope="national"),
        fig("gap", 2500, start=Y[1397][0], end=Y[1399][1], scope="national"),
        fig("mid", 1500, start="2019-09-01", end=Y[1399][1], scope="national"),
    )
    m = rates.multi_year_totals(f, rates.full_year_counts(f)).set_index("figure_ids")
    assert m.loc["ok", "verdict"] == "matches the sum of its years"
    assert m.loc["ok", "covered_sum_value"] == 2200 and m.loc["ok", "remainder_value"] == 0
    assert m.loc["bad", "verdict"] == "does not match the sum of its years"
    assert m.loc["gap", "missing_years"] == "1397"
    assert m.loc["gap", "verdict"].startswith("cannot be fully checked")
    assert m.loc["gap", "remainder_value"] == 2500 - 2200  # what 1397 must hold
    # Starts inside 1398: covers 1399 wholly (1,200 <= 1,500) and touches 1398 (sum 2,200 >= 1,500).
    assert m.loc["mid", "years_covered"] == "1399" and m.loc["mid", "years_touched"] == "1398, 1399"
    assert m.loc["mid", "verdict"] == "consistent with the years' counts (the span starts or ends mid-year)"


def test_direction_words():
    assert rates.direction(Estimate(5.0, 1.0, 9.0)) == "rose"
    assert rates.direction(Estimate(-5.0, -9.0, -1.0)) == "fell"
    assert "include zero" in rates.direction(Estimate(1.0, -1.0, 3.0))


def test_scope_comparison_and_comparable():
    a = pd.Series(["smes", "national", "capacity_programme"], dtype="str")
    b = pd.Series(["smes", "smes", "smes"], dtype="str")
    assert list(rates.scope_comparison(a, b)) == ["same scope (smes)", "cross-scope: national → smes",
                                                  "cross-scope: capacity_programme → smes"]
    assert list(rates.comparable(a, b)) == [True, True, False]


def test_year_table_true_lengths():
    t = calendar.year_table([1399, 1398, 1399])
    assert list(t["jalali_year"]) == [1398, 1399]
    assert list(t["year_length"]) == [365, 366]
    assert t["year_start"].iloc[1] == T("2020-03-20") and t["year_end"].iloc[0] == T("2020-03-19")
