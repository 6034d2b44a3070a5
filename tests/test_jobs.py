"""Tests for analysis.jobs: pairs, restatements, marginal ratios, stated averages.

Expected values are worked out here by plain arithmetic on small hand-built frames.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import jobs
from analysis.bounds import Estimate
from analysis.ledger import load_ledger

Y1399 = ("2020-03-20", "2021-03-20")  # Iranian year 1399, Gregorian first and last day
Y1398 = ("2019-03-21", "2020-03-19")


def fig(fid, source, metric, value, low, high, scope="smes", start=Y1399[0], end=None, year=1399,
        pub=("2020-08-01", "2020-08-01"), restates="", primary=False):
    """One figure row with the columns analysis.jobs reads (end=None: open, up to publication)."""
    start_ts = pd.Timestamp(start)
    end_ts = pd.Timestamp(end) if end else pd.NaT
    return {
        "figure_id": fid, "source_id": source, "metric": metric, "value": float(value), "low": float(low),
        "high": float(high), "scope": scope, "start": start_ts, "end": end_ts,
        "end_earliest": end_ts if end else pd.Timestamp(pub[0]), "end_latest": end_ts if end else pd.Timestamp(pub[1]),
        "end_from_publication": end is None, "start_jalali": "s", "end_jalali": "e" if end else "",
        "jalali_year": year, "restates": restates, "primary": primary, "published_earliest": pd.Timestamp(pub[0]),
    }


def frame(*rows):
    f = pd.DataFrame(list(rows))
    return f.assign(jalali_year=f["jalali_year"].astype("Int64"), start_jalali=f["start_jalali"].astype("str"),
                    end_jalali=f["end_jalali"].astype("str"))


U, J, S = jobs.UNITS, jobs.JOBS, jobs.STATED


# ---------------------------------------------------------------- pairs


def test_round_jobs_over_exact_units_carry_the_wording_bounds():
    f = frame(fig("U", "S1", U, 468, 468, 468), fig("J", "S1", J, 8000, 7500, 8500))
    p = jobs.pair_units_jobs(f)
    assert len(p) == 1
    row = p.iloc[0]
    assert row["pair"] == "U + J"
    assert row["jpu_value"] == pytest.approx(8000 / 468)
    assert row["jpu_low"] == pytest.approx(7500 / 468)
    assert row["jpu_high"] == pytest.approx(8500 / 468)
    assert row["year_to_date"] and not row["full_year"]


def test_bounds_on_both_counts_give_the_widest_ratio():
    f = frame(fig("U", "S1", U, 1700, 1650, 1750, end=Y1399[1]), fig("J", "S1", J, 28000, 27500, 28500, end=Y1399[1]))
    row = jobs.pair_units_jobs(f).iloc[0]
    assert row["jpu_low"] == pytest.approx(27500 / 1750)
    assert row["jpu_high"] == pytest.approx(28500 / 1650)
    assert row["full_year"]


def test_no_pair_across_scopes():
    f = frame(fig("U", "S1", U, 100, 100, 100, scope="smes", end="2020-07-29"),
              fig("J", "S1", J, 2000, 2000, 2000, scope="national", end="2020-07-29"))
    assert jobs.pair_units_jobs(f).empty


def test_no_pair_across_different_ends_or_starts():
    f = frame(fig("U", "S1", U, 100, 100, 100, end="2020-07-29"),
              fig("J", "S1", J, 2000, 2000, 2000, end="2020-07-30"),
              fig("U2", "S1", U, 100, 100, 100, start="2020-03-21", end="2020-07-30"))
    assert jobs.pair_units_jobs(f).empty


def test_open_ended_figures_pair_only_within_one_source():
    f = frame(fig("U1", "S1", U, 100, 100, 100), fig("J2", "S2", J, 2000, 2000, 2000))
    assert jobs.pair_units_jobs(f).empty
    f = frame(fig("U1", "S1", U, 100, 100, 100), fig("J1", "S1", J, 2000, 2000, 2000),
              fig("J2", "S2", J, 2500, 2500, 2500))
    p = jobs.pair_units_jobs(f)
    assert p["pair"].tolist() == ["U1 + J1"]


def test_closed_periods_pair_across_sources_and_say_so():
    f = frame(fig("U1", "S1", U, 100, 100, 100, end="2020-07-29"),
              fig("J2", "S2", J, 2000, 2000, 2000, end="2020-07-29"))
    row = jobs.pair_units_jobs(f).iloc[0]
    assert (row["units_source"], row["jobs_source"], row["stated_in"]) == ("S1", "S2", "")
    assert row["source_ids"] == "S1, S2"
    assert row["jpu_value"] == pytest.approx(20.0)


def test_restatements_collapse_to_the_original_and_are_listed():
    f = frame(fig("U1", "S1", U, 100, 100, 100, end="2020-07-29"),
              fig("J1", "S1", J, 2000, 2000, 2000, end="2020-07-29"),
              fig("U2", "S2", U, 100, 100, 100, end="2020-07-29", restates="U1"),
              fig("J2", "S2", J, 2000, 2000, 2000, end="2020-07-29", restates="J1"),
              fig("U3", "S3", U, 100, 100, 100, end="2020-07-29", restates="U1", primary=True))
    p = jobs.pair_units_jobs(f)
    assert len(p) == 1
    row = p.iloc[0]
    assert row["pair"] == "U1 + J1"
    assert row["restated_by"] == "J2, U2, U3"
    assert row["stated_in"] == "S1, S2"
    assert row["source_ids"] == "S1, S2, S3"
    assert bool(row["primary"])


def test_open_ended_restatements_use_the_originals_report():
    f = frame(fig("U1", "S1", U, 122, 121.5, 122.5, pub=("2019-07-09", "2019-07-09")),
              fig("J1", "S1", J, 19000, 18500, 19500, pub=("2019-07-09", "2019-07-09")),
              fig("U2", "S2", U, 122, 121.5, 122.5, pub=("2019-07-09", "2019-07-16"), restates="U1"),
              fig("J2", "S2", J, 19000, 18500, 19500, pub=("2019-07-09", "2019-07-16"), restates="J1"))
    p = jobs.pair_units_jobs(f)
    assert p["pair"].tolist() == ["U1 + J1"]
    assert p.iloc[0]["end_latest"] == pd.Timestamp("2019-07-09")
    assert p.iloc[0]["jpu_high"] == pytest.approx(19500 / 121.5)


def test_a_restatement_for_another_period_is_its_own_figure():
    f = frame(fig("U1", "S1", U, 211, 211, 211, end="2020-06-20"),
              fig("U2", "S2", U, 211, 211, 211, start="2021-03-21", end="2021-06-21", year=1400, restates="U1"),
              fig("U3", "S3", U, 211, 211, 211, end="2020-06-20", restates="U1"))
    c = jobs.collapse_restatements(f)
    assert c["original"].tolist() == ["U1", "U2", "U1"]


def test_a_restatement_of_a_figure_outside_the_frame_is_its_own_figure():
    c = jobs.collapse_restatements(frame(fig("F9", "S0", U, 1185, 1185, 1185, restates="C043")))
    assert c["original"].tolist() == ["F9"]


def test_seed_pairs_from_the_ledger():
    ledger = load_ledger()
    p = jobs.pair_units_jobs(ledger.seed_figures())
    assert sorted(p["pair"]) == ["F04 + F05", "F09 + F10"]
    by = p.set_index("pair")
    assert by.loc["F09 + F10", "jpu_value"] == pytest.approx(21618 / 1185)
    assert by.loc["F09 + F10", "full_year"]
    assert by.loc["F04 + F05", "jpu_value"] == pytest.approx(8000 / 468)
    assert by.loc["F04 + F05", "jpu_low"] == pytest.approx(7500 / 468)
    assert by.loc["F04 + F05", "jpu_high"] == pytest.approx(8500 / 468)


def test_period_labels():
    f = frame(fig("A", "S1", U, 1, 1, 1, start=Y1398[0], end=Y1398[1], year=1398),
              fig("B", "S1", U, 1, 1, 1, pub=("2020-06-21", "2021-03-20")))
    f = f.assign(start_jalali=["1398/01/01", "1399/01/01"], end_jalali=["1398/12/29", ""])
    assert jobs.period_label(f).tolist() == ["1398 (full year)", "1399/01/01 to publication"]
    assert jobs.period_label_gregorian(f).tolist() == ["2019-03-21 to 2020-03-19", "2020-03-20 to 2020-06-21..2021-03-20"]


# ---------------------------------------------------------------- plausibility


def test_full_year_range_and_implausible():
    f = frame(fig("U1", "S1", U, 100, 100, 100, start=Y1398[0], end=Y1398[1], year=1398),
              fig("J1", "S1", J, 1500, 1500, 1500, start=Y1398[0], end=Y1398[1], year=1398),
              fig("U2", "S2", U, 100, 100, 100, end=Y1399[1]), fig("J2", "S2", J, 2000, 2000, 2000, end=Y1399[1]),
              fig("U3", "S3", U, 10, 10, 10, end="2020-07-01"), fig("J3", "S3", J, 1000, 1000, 1000, end="2020-07-01"))
    p = jobs.pair_units_jobs(f)
    ref = jobs.full_year_range(p)
    assert (ref.value, ref.low, ref.high) == (17.5, 15.0, 20.0)  # median of 15 and 20; their extremes
    flagged = jobs.flag_pairs(p).set_index("pair")["flag"]
    assert flagged["U3 + J3"] == "far above the full-year range"  # 100 > 20 * 2
    assert flagged["U1 + J1"] == "" and flagged["U2 + J2"] == ""
    reasons = jobs.implausible(pd.Series([-3.0, 5.0, 7.6, 30.0, 41.0, -1.0]), pd.Series([-1.0, 7.0, 9.0, 39.0, 45.0, 8.0]),
                               Estimate(17.5, 15.0, 20.0))
    assert reasons.tolist() == ["negative", "far below the full-year range", "", "", "far above the full-year range", ""]


def test_full_year_range_needs_a_full_year():
    f = frame(fig("U", "S1", U, 468, 468, 468), fig("J", "S1", J, 8000, 7500, 8500))
    with pytest.raises(ValueError, match="full-year"):
        jobs.full_year_range(jobs.pair_units_jobs(f))


# ---------------------------------------------------------------- marginal


def _ytd_series():
    return frame(
        fig("U1", "S1", U, 432, 432, 432, end="2020-07-29"), fig("J1", "S1", J, 7600, 7550, 7650, end="2020-07-29"),
        fig("U2", "S2", U, 819, 819, 819, end="2020-10-21"), fig("J2", "S2", J, 14458, 14458, 14458, end="2020-10-21"),
        fig("U3", "S3", U, 767, 767, 767, end="2020-11-01"), fig("J3", "S3", J, 13577, 13577, 13577, end="2020-11-01"),
        fig("U4", "S4", U, 1000, 500, 1500, end="2020-12-01"), fig("J4", "S4", J, 20000, 20000, 20000, end="2020-12-01"),
        fig("U5", "S5", U, 1170, 1170, 1170, end="2020-12-20"), fig("J5", "S5", J, 40000, 40000, 40000, end="2020-12-20"),
        # another scope and another year: never chained with the above
        fig("U6", "S6", U, 900, 900, 900, scope="national", end="2020-12-20"),
        fig("J6", "S6", J, 9000, 9000, 9000, scope="national", end="2020-12-20"),
        fig("U7", "S7", U, 100, 100, 100, start="2021-03-21", end="2021-06-21", year=1400),
        fig("J7", "S7", J, 1000, 1000, 1000, start="2021-03-21", end="2021-06-21", year=1400),
    )


def test_marginal_between_consecutive_reports():
    m = jobs.marginal_jobs_per_unit(jobs.pair_units_jobs(_ytd_series()), reference=Estimate(17.5, 15.0, 20.0))
    assert list(zip(m["from_pair"], m["to_pair"])) == [("U1 + J1", "U2 + J2"), ("U2 + J2", "U3 + J3"),
                                                       ("U3 + J3", "U4 + J4"), ("U4 + J4", "U5 + J5")]
    first = m.iloc[0]
    assert first["units_change_value"] == 819 - 432
    assert (first["jobs_change_value"], first["jobs_change_low"], first["jobs_change_high"]) == (
        14458 - 7600, 14458 - 7650, 14458 - 7550)
    assert first["marginal_value"] == pytest.approx((14458 - 7600) / 387)
    assert first["marginal_low"] == pytest.approx((14458 - 7650) / 387)
    assert first["marginal_high"] == pytest.approx((14458 - 7550) / 387)
    assert first["status"] == "divided" and first["flag"] == "" and first["order_known"]


def test_marginal_reports_a_fall_in_units_without_dividing():
    m = jobs.marginal_jobs_per_unit(jobs.pair_units_jobs(_ytd_series()), reference=Estimate(17.5, 15.0, 20.0))
    fall = m.iloc[1]
    assert fall["units_change_value"] == 767 - 819
    assert fall["status"] == "units did not rise" and fall["flag"] == "units did not rise"
    assert math.isnan(fall["marginal_value"]) and math.isnan(fall["marginal_low"])


def test_marginal_units_change_that_may_be_zero_has_no_bounds():
    m = jobs.marginal_jobs_per_unit(jobs.pair_units_jobs(_ytd_series()), reference=Estimate(17.5, 15.0, 20.0))
    row = m.iloc[2]  # 767 -> 1000 (500 .. 1500): +233, interval -267 .. +733
    assert (row["units_change_value"], row["units_change_low"], row["units_change_high"]) == (233, 500 - 767, 1500 - 767)
    assert row["status"] == "units change may be zero"
    assert row["marginal_value"] == pytest.approx((20000 - 13577) / 233)
    assert math.isnan(row["marginal_low"]) and math.isnan(row["marginal_high"])
    last = m.iloc[3]  # 1000 (500 .. 1500) -> 1170: the interval includes zero too
    assert last["status"] == "units change may be zero"


def test_marginal_flags_far_outside_and_unknown_order():
    f = frame(
        fig("U1", "S1", U, 400, 400, 400, end="2020-07-29"), fig("J1", "S1", J, 7000, 7000, 7000, end="2020-07-29"),
        fig("U2", "S2", U, 410, 410, 410, end="2020-08-29"), fig("J2", "S2", J, 9000, 9000, 9000, end="2020-08-29"),
        fig("U3", "S3", U, 500, 500, 500, pub=("2020-08-01", "2020-12-01")),
        fig("J3", "S3", J, 10000, 10000, 10000, pub=("2020-08-01", "2020-12-01")),
    )
    m = jobs.marginal_jobs_per_unit(jobs.pair_units_jobs(f), reference=Estimate(17.5, 15.0, 20.0))
    assert list(zip(m["from_pair"], m["to_pair"])) == [("U1 + J1", "U3 + J3"), ("U3 + J3", "U2 + J2")]
    assert m.iloc[0]["order_known"]  # 2020-07-29 is before 2020-08-01
    assert m.iloc[0]["marginal_value"] == pytest.approx(3000 / 100)
    assert m.iloc[0]["flag"] == ""  # 30 is within 2 x 20
    assert not m.iloc[1]["order_known"]  # 2020-08-29 lies inside 2020-08-01 .. 2020-12-01
    assert m.iloc[1]["flag"] == "order not known from the dates"
    g = frame(
        fig("U1", "S1", U, 400, 400, 400, end="2020-07-29"), fig("J1", "S1", J, 7000, 7000, 7000, end="2020-07-29"),
        fig("U2", "S2", U, 410, 410, 410, end="2020-08-29"), fig("J2", "S2", J, 9000, 9000, 9000, end="2020-08-29"),
    )
    m = jobs.marginal_jobs_per_unit(jobs.pair_units_jobs(g), reference=Estimate(17.5, 15.0, 20.0))
    assert m.iloc[0]["marginal_value"] == pytest.approx(2000 / 10)
    assert m.iloc[0]["flag"] == "far above the full-year range"  # 200 > 2 x 20


def test_marginal_with_two_pairs_at_one_end_gives_one_row_each():
    f = frame(
        fig("U1", "S1", U, 400, 400, 400, end="2020-07-29"), fig("J1", "S1", J, 7000, 7000, 7000, end="2020-07-29"),
        fig("U2", "S2", U, 500, 500, 500, end="2020-08-29"), fig("J2", "S2", J, 9000, 9000, 9000, end="2020-08-29"),
        fig("J3", "S3", J, 8800, 8750, 8850, end="2020-08-29"),
    )
    m = jobs.marginal_jobs_per_unit(jobs.pair_units_jobs(f), reference=Estimate(17.5, 15.0, 20.0))
    assert sorted(m["to_pair"]) == ["U2 + J2", "U2 + J3"]
    by = m.set_index("to_pair")
    assert by.loc["U2 + J2", "marginal_value"] == pytest.approx(2000 / 100)
    assert by.loc["U2 + J3", "marginal_low"] == pytest.approx(1750 / 100)


# ---------------------------------------------------------------- stated averages


def test_stated_average_matched_to_the_same_period():
    f = frame(fig("U1", "S1", U, 400, 400, 400, end="2020-07-29"), fig("J1", "S1", J, 7000, 7000, 7000, end="2020-07-29"),
              fig("A1", "S1", S, 18, 18, 18, end="2020-07-29"),
              fig("A2", "S2", S, 18, 18, 18, end="2020-07-29", restates="A1"))
    c = jobs.stated_vs_computed(f, jobs.pair_units_jobs(f))
    assert len(c) == 1
    row = c.iloc[0]
    assert (row["stated_figure"], row["restated_by"], row["pair"], row["match"]) == ("A1", "A2", "U1 + J1", "same scope and period")
    assert row["difference_value"] == pytest.approx(18 - 7000 / 400)  # 18 - 17.5
    assert not row["consistent"]  # 18 (exact) is outside 17.5 .. 17.5
    assert row["rounds_to_stated"]  # 17.5 reaches 18's rounding band 17.5 .. 18.5


def test_stated_average_without_its_own_pair_takes_the_nearest_and_says_so():
    f = frame(fig("U1", "S1", U, 400, 400, 400, end="2020-07-29"), fig("J1", "S1", J, 7000, 7000, 7000, end="2020-07-29"),
              fig("U2", "S2", U, 500, 500, 500, end="2020-09-15"), fig("J2", "S2", J, 9000, 9000, 9000, end="2020-09-15"),
              fig("A1", "S3", S, 18, 18, 18, pub=("2020-09-01", "2020-09-05")),
              fig("U9", "S9", U, 300, 300, 300, scope="national", start="2020-04-01", end="2020-05-01"),
              fig("J9", "S9", J, 9000, 9000, 9000, scope="national", start="2020-04-01", end="2020-05-01"),
              fig("A9", "S9", S, 20, 20, 20, scope="smes", start="2020-04-01", pub=("2020-05-10", "2020-05-10")))
    c = jobs.stated_vs_computed(f, jobs.pair_units_jobs(f)).set_index("stated_figure")
    assert c.loc["A1", "pair"] == "U2 + J2"  # 10 days after 2020-09-05, against 34 days before 2020-09-01
    assert c.loc["A1", "match"] == "same scope, ends 10 days apart"
    assert c.loc["A1", "jpu_value"] == pytest.approx(18.0) and c.loc["A1", "consistent"]
    assert c.loc["A9", "match"] == "different scope (national), ends 9 days apart"
    assert c.loc["A9", "jpu_value"] == pytest.approx(30.0)


def test_stated_average_with_no_pair_of_the_same_start():
    f = frame(fig("A1", "S3", S, 18, 18, 18))
    c = jobs.stated_vs_computed(f, jobs.pair_units_jobs(f))
    assert c.iloc[0]["match"] == "no pair with the same start"
    assert c.iloc[0]["pair"] == "" and not c.iloc[0]["consistent"]
    assert "no pair has the same start" in jobs.describe_stated(c)[0]


# ---------------------------------------------------------------- seed comparison and sentences


def test_coverage_counts_days_inclusive_with_publication_bounds():
    f = frame(fig("U", "S1", U, 468, 468, 468, pub=("2020-06-21", "2021-03-20")),
              fig("J", "S1", J, 8000, 7500, 8500, pub=("2020-06-21", "2021-03-20")))
    row = jobs.coverage(jobs.pair_units_jobs(f)).iloc[0]
    # 2020-03-20 .. 2020-06-21: 12 days of March, 30 of April, 31 of May, 21 of June
    assert (row["days_low"], row["days_high"], row["year_days"]) == (12 + 30 + 31 + 21, 366, 366)
    assert row["share_low"] == pytest.approx(94 / 366 * 100) and row["share_high"] == pytest.approx(100.0)


def test_difference_overlap_and_gap_of_the_seed_ratios():
    a = pd.Series({"jpu_value": 21618 / 1185, "jpu_low": 21618 / 1185, "jpu_high": 21618 / 1185})
    b = pd.Series({"jpu_value": 8000 / 468, "jpu_low": 7500 / 468, "jpu_high": 8500 / 468})
    d = jobs.difference(a, b)
    assert (d.value, d.low, d.high) == pytest.approx((8000 / 468 - 21618 / 1185, 7500 / 468 - 21618 / 1185,
                                                      8500 / 468 - 21618 / 1185))
    assert not jobs.overlap(a, b)
    assert jobs.gap(a, b) == pytest.approx(21618 / 1185 - 8500 / 468)
    c = pd.Series({"jpu_value": 18.0, "jpu_low": 17.0, "jpu_high": 19.0})
    assert jobs.overlap(a, c) and jobs.gap(a, c) == 0.0


def test_sentences_carry_the_computed_numbers():
    seed_window = ("2020-06-21", "2021-03-20")
    f = frame(fig("U", "S1", U, 468, 468, 468, pub=seed_window), fig("J", "S1", J, 8000, 7500, 8500, pub=seed_window),
              fig("U0", "S0", U, 1185, 1185, 1185, start=Y1398[0], end=Y1398[1], year=1398),
              fig("J0", "S0", J, 21618, 21618, 21618, start=Y1398[0], end=Y1398[1], year=1398))
    f = f.assign(start_jalali=["1399/01/01", "1399/01/01", "1398/01/01", "1398/01/01"],
                 end_jalali=["", "", "1398/12/29", "1398/12/29"])
    p = jobs.coverage(jobs.pair_units_jobs(f))
    first, second = p.iloc[0], p.iloc[1]
    assert "8,000 (read as 7,500 to 8,500) jobs over 468 revived units is 17.09 jobs per unit (16.03 to 18.16)" in \
        jobs.describe_pair(second, 2)
    gap = 21618 / 1185 - 8500 / 468  # 0.081...
    assert f"{gap:.2f} jobs per unit apart" in jobs.describe_difference(first, second)
    limits = " ".join(jobs.describe_limits(first, second))
    assert "94 to 366 of its year's 366 days" in limits
    width = (8500 - 7500) / 468
    assert f"{width:.2f} jobs per unit wide" in limits
    assert f"{width / (21618 / 1185 - 8000 / 468):.1f} times the difference" in limits


def test_marginal_and_long_view_sentences():
    pairs = jobs.pair_units_jobs(_ytd_series())
    m = jobs.marginal_jobs_per_unit(pairs, reference=Estimate(17.5, 15.0, 20.0))
    lines = jobs.describe_marginals(m)
    # one step divided and plausible: 432 -> 819 units, (14458 - 7650) / 387 .. (14458 - 7550) / 387
    assert lines[0].startswith("4 steps between consecutive year-to-date reports; 1 give")
    assert f"from {(14458 - 7650) / 387:.1f} to {(14458 - 7550) / 387:.1f} jobs per added unit" in lines[0]
    assert any("units change by -52; units did not rise" in line for line in lines)
    flagged = jobs.flag_pairs(pairs, reference=Estimate(17.5, 15.0, 20.0))
    text = " ".join(jobs.describe_long_view(flagged, Estimate(17.5, 15.0, 20.0)))
    assert text.startswith(f"{len(pairs)} periods have a units count")
    assert "from 15.0 to 20.0 jobs per unit (median 17.5)" in text


def test_chart_xmax_and_display_table():
    t = pd.DataFrame({"jpu_value": [17.0, 156.0], "jpu_low": [16.0, 151.0], "jpu_high": [18.0, 160.0],
                      "flag": ["", "far above the full-year range"]})
    assert jobs.chart_xmax(t, margin=1.1) == pytest.approx(18.0 * 1.1)
    shown = jobs.table(t.assign(jpu_value=[17.123456, 156.0]), ["jpu_value", "flag"], digits=2)
    assert shown["jpu_value"].tolist() == [17.12, 156.0]
