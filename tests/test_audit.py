"""The consistency audit: each rule on a small hand-built frame with a planted problem and a clean control.

Expected values are worked out here by plain arithmetic. Frames carry only the columns the rules
read; ``low``/``high`` are written out by hand (no call to the bounds module), so each test states
exactly which interval a figure stands for.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import audit as A
from analysis.ledger import load_ledger

Y1397 = ("2018-03-21", "2019-03-20")
Y1398 = ("2019-03-21", "2020-03-19")
Y1399 = ("2020-03-20", "2021-03-20")
Y1400 = ("2021-03-21", "2022-03-20")
Y1401 = ("2022-03-21", "2023-03-20")


def fig(fid, metric, value, *, scope="smes", start=None, end=None, source="S1", pub=("2020-01-01", "2020-01-01"),
        qualifier="exact", low=None, high=None, year=None, primary=False):
    """One ledger-like row. An open end (``end=None``) with a start runs to publication: its end bounds are ``pub``."""
    return {
        "figure_id": fid, "source_id": source, "metric": metric, "value": float(value), "qualifier": qualifier,
        "low": float(value if low is None else low), "high": float(value if high is None else high), "scope": scope,
        "start": start, "end": end,
        "end_earliest": end if end is not None else pub[0], "end_latest": end if end is not None else pub[1],
        "jalali_year": year, "published_earliest": pub[0], "published_latest": pub[1], "primary": primary,
    }


def frame(*rows) -> pd.DataFrame:
    df = pd.DataFrame(list(rows))
    for col in ("start", "end", "end_earliest", "end_latest", "published_earliest", "published_latest"):
        df[col] = pd.to_datetime(df[col])
    df["jalali_year"] = df["jalali_year"].astype("Int64")
    return df


# --- rule 1: a cumulative count that goes down ---------------------------------------------------

def test_ytd_decrease_flags_a_later_smaller_count_only():
    f = frame(
        fig("A", "units_revived", 819, start="2020-03-20", end="2020-10-21", source="S15", year=1399),
        fig("B", "units_revived", 767, start="2020-03-20", source="S16", pub=("2020-11-01", "2020-11-01"), year=1399),
        # control: a later, larger count
        fig("C", "units_revived", 1170, start="2020-03-20", end="2020-12-20", source="S20", year=1399),
        # control: smaller, but its end (2020-10-01 .. 2020-11-30) may fall before A's: order unknown
        fig("D", "units_revived", 700, start="2020-03-20", source="S19", pub=("2020-10-01", "2020-11-30"), year=1399),
        # control: the same numbers in another scope form their own group
        fig("E", "units_revived", 50, scope="national", start="2020-03-20", end="2020-12-31", year=1399),
        # control: "over 1,900" (1,900 .. 2,000) then a later 1,950: inside the earlier bounds, not a fall
        fig("G", "units_revived", 1900, scope="industrial_parks", start="2021-03-21", end="2021-12-01", qualifier="over",
            low=1900, high=2000, year=1400),
        fig("H", "units_revived", 1950, scope="industrial_parks", start="2021-03-21", end="2022-03-20", year=1400),
    )
    out = A.ytd_decreases(f)
    assert out["figure_ids"].tolist() == ["A; B"]
    assert out["severity"].tolist() == ["contradiction"]
    assert out["drop_low"].iloc[0] == 819 - 767 == 52
    assert "767 against 819" in out["finding"].iloc[0]


# --- rule 2: marginal jobs per unit ---------------------------------------------------------------

def test_marginal_jobs_per_unit_band_and_flag():
    f = frame(
        # a full year: 2,000 jobs / 100 units = 20 jobs per unit, so the band is 20 / 2 .. 20 * 2 = 10 .. 40
        fig("U8", "units_revived", 100, start=Y1398[0], end=Y1398[1], year=1398, source="S8"),
        fig("J8", "jobs_created", 2000, start=Y1398[0], end=Y1398[1], year=1398, source="S8"),
        fig("U1", "units_revived", 100, start=Y1399[0], end="2020-06-20", year=1399, source="S1"),
        fig("J1", "jobs_created", 1500, start=Y1399[0], end="2020-06-20", year=1399, source="S1"),
        fig("U2", "units_revived", 200, start=Y1399[0], end="2020-09-20", year=1399, source="S2"),
        fig("J2", "jobs_created", 11500, start=Y1399[0], end="2020-09-20", year=1399, source="S2"),
        fig("U3", "units_revived", 300, start=Y1399[0], end="2020-12-20", year=1399, source="S3"),
        fig("J3", "jobs_created", 13500, start=Y1399[0], end="2020-12-20", year=1399, source="S3"),
    )
    assert A.plausible_band(f) == (10.0, 40.0)
    out = A.marginal_jobs_per_unit(f).set_index("figure_ids")
    # first report: 1,500 / 100 = 15 (from zero); then (11,500 - 1,500) / (200 - 100) = 100; then 2,000 / 100 = 20
    assert out.loc["U1, J1", "marginal_value"] == 15
    assert out.loc["U1, J1; U2, J2", "marginal_value"] == 100
    assert out.loc["U2, J2; U3, J3", "marginal_value"] == 20
    assert out["flagged"].to_dict() == {"U8, J8": False, "U1, J1": False, "U1, J1; U2, J2": True, "U2, J2; U3, J3": False}


def test_marginal_uses_bounds_and_skips_equal_counts():
    f = frame(
        fig("U1", "units_revived", 100, start=Y1399[0], end="2020-06-20", year=1399, source="S1"),
        fig("J1", "jobs_created", 2000, start=Y1399[0], end="2020-06-20", year=1399, source="S1", low=1950, high=2050),
        fig("U2", "units_revived", 110, start=Y1399[0], end="2020-07-20", year=1399, source="S2"),
        fig("J2", "jobs_created", 2300, start=Y1399[0], end="2020-07-20", year=1399, source="S2"),
        fig("U3", "units_revived", 110, start=Y1399[0], end="2020-07-21", year=1399, source="S3"),
        fig("J3", "jobs_created", 2310, start=Y1399[0], end="2020-07-21", year=1399, source="S3"),
    )
    out = A.marginal_jobs_per_unit(f, band=(10.0, 40.0)).set_index("figure_ids")
    # (2,300 - 2,050) / 10 = 25 .. (2,300 - 1,950) / 10 = 35: inside 10 .. 40
    assert out.loc["U1, J1; U2, J2", ["marginal_low", "marginal_high"]].tolist() == [25.0, 35.0]
    assert not out["flagged"].any()
    # U2 and U3 have the same count: no marginal between them (each is compared with U1 instead)
    assert "U2, J2; U3, J3" not in out.index
    assert out.loc["U1, J1; U3, J3", "marginal_low"] == (2310 - 2050) / 10


# --- rule 3: different values for the same metric, period and scope ------------------------------

def test_restated_differently_contradiction_target_and_control():
    f = frame(
        fig("J1", "jobs_created", 36000, scope="national", start=Y1400[0], end=Y1400[1], year=1400, low=35500, high=36500, source="S30"),
        fig("J2", "jobs_created", 39000, scope="national", start=Y1400[0], end=Y1400[1], year=1400, qualifier="over", low=39000, high=40000, source="S32"),
        fig("J3", "jobs_created", 39000, scope="national", start=Y1400[0], end=Y1400[1], year=1400, qualifier="over", low=39000, high=40000, source="S35"),
        # control: 19,400 read as 19,350 .. 19,450 contains 19,446
        fig("K1", "jobs_created", 19446, start=Y1399[0], end="2020-12-20", year=1399, source="S20"),
        fig("K2", "jobs_created", 19400, start=Y1399[0], end="2020-12-20", year=1399, low=19350, high=19450, source="S21"),
        # a target stated at two values: a question, not a contradiction
        fig("T1", "units_target", 1500, start=Y1399[0], end=Y1399[1], year=1399, source="S12", pub=("2020-06-21", "2020-06-29")),
        fig("T2", "units_target", 2000, start=Y1399[0], end=Y1399[1], year=1399, source="S15", pub=("2020-10-21", "2020-11-07")),
    )
    out = A.restated_differently(f).set_index("figure_ids")
    assert out.loc["J1; J2, J3", "flagged"]
    assert out.loc["J1; J2, J3", "severity"] == "contradiction"
    assert out.loc["J1; J2, J3", "max_low"] == 39000 and out.loc["J1; J2, J3", "min_high"] == 36500
    assert not out.loc["K1; K2", "flagged"]
    assert out.loc["T1; T2", "flagged"] and out.loc["T1; T2", "severity"] == "question"
    assert out.loc["T1; T2", "values"] == "1,500 (T1); 2,000 (T2)"  # earliest report first


# --- rule 4: dollar conversions ------------------------------------------------------------------

def test_dollar_conversions_implied_rates():
    parks = dict(scope="industrial_parks", start=Y1399[0], end=Y1399[1], year=1399)
    f = frame(
        fig("R1", "financing_rials", 35e12, source="S23", **parks),
        fig("D1", "financing_usd_stated", 833e6, source="S23", **parks),
        fig("R2", "financing_rials", 35e12, source="S25", **parks),
        fig("D2", "financing_usd_stated", 117.8e6, source="S25", **parks),
        fig("D3", "financing_usd_stated", 140e6, source="S27", **parks),
        # control: the same conversion twice
        fig("R9", "financing_rials", 15e12, scope="national", start=Y1398[0], end=Y1398[1], year=1398, source="S07"),
        fig("D9", "financing_usd_stated", 357e6, scope="national", start=Y1398[0], end=Y1398[1], year=1398, source="S07"),
        fig("D8", "financing_usd_stated", 357e6, scope="national", start=Y1398[0], end=Y1398[1], year=1398, source="S10"),
    )
    out = A.dollar_conversions(f)
    rates = out.set_index("figure_ids")["rate_value"]
    assert rates["R1, R2; D1"] == pytest.approx(35e12 / 833e6)  # 42,016.8 rials per dollar
    assert rates["R1, R2; D2"] == pytest.approx(35e12 / 117.8e6)  # 297,113.8
    assert rates["R1, R2; D3"] == pytest.approx(250000.0)  # 35e12 / 140e6
    flagged = out[out["flagged"]]
    assert set(flagged["figure_ids"]) == {"R1, R2; D1", "R1, R2; D2", "R1, R2; D3"}
    assert rates["R9; D8, D9"] == pytest.approx(15e12 / 357e6)
    # in the audit, the three conversions of one sum are one finding
    found = A.audit(f)
    assert found[found["rule"] == "dollar_conversion"]["figure_ids"].tolist() == ["R1, R2; D1; D2; D3"]


# --- rule 5: percentages ---------------------------------------------------------------------------

def test_percentages_mismatch_old_target_and_controls():
    ytd = dict(start=Y1399[0], year=1399)
    tgt = dict(start=Y1399[0], end=Y1399[1], year=1399)
    f = frame(
        fig("T15", "units_target", 1500, source="S12", pub=("2020-06-21", "2020-06-21"), **tgt),
        # S14, before the revision: 545 / 1,500 = 36.33%, stated 36 (35.5 .. 36.5): fine
        fig("U14", "units_revived", 545, source="S14", pub=("2020-08-25", "2020-08-25"), **ytd),
        fig("P14", "target_progress_pct", 36, source="S14", pub=("2020-08-25", "2020-08-25"), low=35.5, high=36.5, **ytd),
        # S15 states the revised 2,000 target but its 55% is 819 / 1,500 = 54.6% (819 / 2,000 = 40.95%)
        fig("T20", "units_target", 2000, source="S15", pub=("2020-10-21", "2020-10-21"), **tgt),
        fig("U15", "units_revived", 819, source="S15", end="2020-10-21", pub=("2020-10-21", "2020-10-21"), **ytd),
        fig("P15", "target_progress_pct", 55, source="S15", end="2020-10-21", pub=("2020-10-21", "2020-10-21"), low=54.5, high=55.5, **ytd),
        # jobs: 14,458 / 27,000 = 53.55%, stated over 54 (54 .. 55): no match
        fig("JT", "jobs_target", 27000, source="S15", pub=("2020-10-21", "2020-10-21"), **tgt),
        fig("J15", "jobs_created", 14458, source="S15", end="2020-10-21", pub=("2020-10-21", "2020-10-21"), **ytd),
        fig("JP15", "jobs_target_progress_pct", 54, source="S15", end="2020-10-21", pub=("2020-10-21", "2020-10-21"), qualifier="over", low=54, high=55, **ytd),
        # idle share: 10,380 / 44,432 = 23.3615%, stated 23.36 (23.355 .. 23.365): fine; 100 / 1,000 = 10% vs 20: no
        fig("I1", "idle_units", 10380, scope="national", end="2018-03-20", source="S09", year=1396),
        fig("N1", "total_units", 44432, scope="national", end="2018-03-20", source="S09", year=1396),
        fig("S1", "idle_share_pct", 23.36, scope="national", end="2018-03-20", source="S09", year=1396, low=23.355, high=23.365),
        fig("I2", "idle_units", 100, scope="national", end="2019-03-20", source="S10", year=1397),
        fig("N2", "total_units", 1000, scope="national", end="2019-03-20", source="S10", year=1397),
        fig("S2", "idle_share_pct", 20, scope="national", end="2019-03-20", source="S10", year=1397, low=19.5, high=20.5),
    )
    out = A.percentage_checks(f).assign(pid=lambda d: d["figure_ids"].str.split(",").str[0]).set_index("pid")
    assert out["check"].to_dict() == {"JP15": "mismatch", "P14": "ok", "P15": "old_target", "S1": "ok", "S2": "mismatch"}
    assert out.loc["P15", "severity"] == "question" and out.loc["JP15", "severity"] == "contradiction"
    # P14 could not use the 2,000 target: it was first stated after S14 was published
    assert "T20" not in out.loc["P14", "figure_ids"]
    # 819 / 2,000 = 40.95, held in binary as 40.94999..., so shown to one decimal as 40.9
    assert "819 / 2,000 (T20) = 40.9%" in out.loc["P15", "finding"]


# --- rule 6: growth rates ---------------------------------------------------------------------------

@pytest.mark.parametrize("stated, low, high, flagged", [(40, 39.5, 40.5, False), (60, 59.5, 60.5, True)])
def test_growth_recomputed_from_yearly_counts(stated, low, high, flagged):
    nat = dict(scope="national")
    f = frame(
        fig("U99", "units_revived", 1500, start=Y1399[0], end=Y1399[1], year=1399, low=1450, high=1550, **nat),
        fig("U00", "units_revived", 2067, start=Y1400[0], end=Y1400[1], year=1400, **nat),
        fig("G", "units_growth_pct_stated", stated, start=Y1400[0], end=Y1400[1], year=1400, low=low, high=high, **nat),
        # control: a growth rate whose preceding year is missing is not recomputed
        fig("H", "jobs_growth_pct_stated", 10, start=Y1400[0], end=Y1400[1], year=1400, **nat),
    )
    out = A.growth_checks(f).set_index(A.growth_checks(f)["figure_ids"].str.split(";").str[0])
    # 2,067 / 1,550 - 1 = 33.35%; 2,067 / 1,450 - 1 = 42.55%
    assert out.loc["G", "growth_low"] == pytest.approx((2067 / 1550 - 1) * 100)
    assert out.loc["G", "growth_high"] == pytest.approx((2067 / 1450 - 1) * 100)
    assert bool(out.loc["G", "flagged"]) is flagged
    assert not out.loc["H", "checkable"] and not out.loc["H", "flagged"]


# --- rule 7: stated averages ---------------------------------------------------------------------

def test_average_against_pairs_of_the_same_scope_and_time():
    since = dict(scope="national", start="2021-08-25")
    pub = ("2023-01-20", "2023-02-05")
    f = frame(
        fig("U", "units_revived", 1320, source="S31", pub=pub, **since),
        fig("J", "jobs_created", 24000, source="S31", pub=pub, low=23500, high=24500, **since),
        # 23,500 / 1,320 = 17.8 .. 24,500 / 1,320 = 18.56: stated 18 (17.5 .. 18.5) fits, stated 25 does not
        fig("A18", "jobs_per_unit_stated", 18, source="S33", pub=("2023-01-31", "2023-01-31"), low=17.5, high=18.5, **since),
        fig("A25", "jobs_per_unit_stated", 25, source="S34", pub=("2023-02-04", "2023-02-04"), low=24.5, high=25.5, **since),
        # control: nothing of this scope to compare with
        fig("AX", "jobs_per_unit_stated", 99, scope="smes", start="2021-08-25", source="S35", pub=("2023-02-04", "2023-02-04")),
    )
    out = A.average_checks(f).assign(aid=lambda d: d["figure_ids"].str.split(";").str[0]).set_index("aid")
    assert out["flagged"].to_dict() == {"A18": False, "A25": True, "AX": False}
    assert "24,000 / 1,320 (J, U) = 17.8 to 18.6" in out.loc["A25", "arithmetic"]
    assert out.loc["AX", "finding"] == "Nothing in the ledger to compare it with."


# --- rule 8: the same value reused ---------------------------------------------------------------

def test_reused_values_within_a_year():
    pub = ("2020-10-21", "2020-11-07")
    f = frame(
        fig("I1", "idle_units", 9800, scope="national", source="S00", pub=pub, year=1399),
        fig("I2", "idle_units", 9800, scope="industrial_parks", source="S15", pub=pub, year=1399),
        fig("I3", "idle_units", 9800, scope="industrial_parks", source="S16", pub=("2020-11-01", "2020-11-01"), year=1399),
        fig("J1", "jobs_created", 9800, start=Y1399[0], source="S14", pub=("2020-08-25", "2020-09-08"), year=1399),
        # controls: one significant digit; a restatement in the same context; the same number in other years
        fig("T1", "units_target", 2000, start=Y1399[0], end=Y1399[1], year=1399),
        fig("T2", "units_revived", 2000, scope="national", start=Y1399[0], end=Y1399[1], year=1399),
        fig("R1", "units_revived", 1185, start=Y1398[0], end=Y1398[1], year=1398, source="S11"),
        fig("R2", "units_revived", 1185, start=Y1398[0], end=Y1398[1], year=1398, source="S12"),
        fig("X1", "idle_units", 12000, scope="national", year=1401),
        fig("X2", "units_target", 12000, start=Y1397[0], end=Y1397[1], year=1397),
        # a percentage equal to another percentage is not considered
        fig("P1", "target_progress_pct", 36, start=Y1399[0], year=1399),
        fig("P2", "jobs_target_progress_pct", 36, start=Y1399[0], year=1399),
    )
    out = A.reused_values(f)
    assert out["subject"].tolist() == ["the number 9,800, Iranian year 1399"]
    assert out["figure_ids"].iloc[0] == "I2, I3; I1; J1"  # parks idle (two reports), national idle, jobs
    assert "3 different" in out["finding"].iloc[0]


# --- rule 9: parts and their total ---------------------------------------------------------------

def test_parts_against_national():
    y00 = dict(start=Y1400[0], end=Y1400[1], year=1400)
    y99 = dict(start=Y1399[0], end=Y1399[1], year=1399)
    f = frame(
        # 1,550 .. 1,650 + 445 .. 455 = 1,995 .. 2,105 contains 2,067: fine
        fig("N0", "units_revived", 2067, scope="national", **y00),
        fig("P0", "units_revived", 1600, scope="industrial_parks", low=1550, high=1650, **y00),
        fig("O0", "units_revived", 450, scope="outside_parks", low=445, high=455, **y00),
        # a part above its whole: 1,557 > 1,550
        fig("N9", "units_revived", 1500, scope="national", low=1450, high=1550, **y99),
        fig("P9", "units_revived", 1557, scope="industrial_parks", **y99),
        # both parts stated, summing to 60 + 60 = 120 > 100
        fig("N8", "jobs_created", 100, scope="national", **y99),
        fig("P8", "jobs_created", 60, scope="industrial_parks", **y99),
        fig("O8", "jobs_created", 60, scope="outside_parks", **y99),
    )
    out = A.parts_checks(f).set_index("figure_ids")
    assert out["flagged"].to_dict() == {"N0; P0, O0": False, "N8; P8, O8": True, "N9; P9": True}
    assert out.loc["N0; P0, O0", ["parts_low", "parts_high"]].tolist() == [1995.0, 2105.0]
    assert out.loc["N8; P8, O8", "parts_low"] == 120


# --- rule 10: multi-year totals --------------------------------------------------------------------

def test_multi_year_total_against_its_years():
    two = dict(scope="national", start=Y1400[0], end=Y1401[1])
    nat = dict(scope="national")
    f = frame(
        fig("TJ", "jobs_created", 61010, low=61005, high=61015, **two),
        fig("TU", "units_revived", 3818, **two),
        fig("J00", "jobs_created", 36000, start=Y1400[0], end=Y1400[1], year=1400, low=35500, high=36500, **nat),
        fig("U00", "units_revived", 2067, start=Y1400[0], end=Y1400[1], year=1400, **nat),
        # 1401 has only counts to 2023-03-14: floors, with no upper bound
        fig("J01", "jobs_created", 31292, start=Y1401[0], end="2023-03-14", year=1401, **nat),
        fig("U01", "units_revived", 1563, start=Y1401[0], end="2023-03-14", year=1401, **nat),
    )
    out = A.multi_year_checks(f).set_index("figure_ids")
    # jobs: 35,500 + 31,292 = 66,792 at least, above the stated 61,015 at most
    assert out.loc["TJ; J00, J01", "sum_low"] == 35500 + 31292
    assert out.loc["TJ; J00, J01", "flagged"]
    # units: 2,067 + 1,563 = 3,630 at least: 3,818 fits
    assert out.loc["TU; U00, U01", "sum_low"] == 3630
    assert not out.loc["TU; U00, U01", "flagged"]


# --- rule 11: the seed's "21 percent of 9,800" --------------------------------------------------

def _seed_share_frame(count_1398: float) -> pd.DataFrame:
    seed = dict(source="S00", pub=("2020-06-21", "2021-03-20"), primary=True, year=1399)
    return frame(
        fig("F01", "revived_share_pct", 21, scope="national", low=20.5, high=21.5, **seed),
        fig("F02", "idle_units", 9800, scope="national", low=9750, high=9850, **seed),
        fig("F04", "units_revived", 468, start=Y1399[0], **seed),
        fig("C1", "units_revived", count_1398, start=Y1398[0], end=Y1398[1], year=1398),
        fig("C2", "units_revived", 1726, start=Y1397[0], end=Y1397[1], year=1397),
        fig("C3", "units_revived", 1700, scope="national", start=Y1397[0], end=Y1397[1], year=1397, low=1650, high=1750),
        # not a revival count: ignored
        fig("C4", "units_revived", 1800, scope="renovation_programme", start=Y1397[0], end=Y1397[1], year=1397),
    )


def test_share_coverage_no_run_fits():
    cov = A.share_coverage(_seed_share_frame(1185)).set_index(["first_year", "last_year"])
    # implied: 20.5% x 9,750 = 1,998.75 .. 21.5% x 9,850 = 2,117.75
    assert cov["implied_low"].iloc[0] == 1998.75 and cov["implied_high"].iloc[0] == 2117.75
    assert cov.loc[(1398, 1399), "sum_low"] == 1185 + 468 == 1653
    assert cov.loc[(1397, 1397), ["sum_low", "sum_high"]].tolist() == [1650, 1750]  # hull of national and smes
    assert not cov["matches"].any()
    finding = A.share_coverage_finding(_seed_share_frame(1185))
    assert "no run of consecutive Iranian years" in finding["finding"].iloc[0]


def test_share_coverage_finds_a_fitting_run():
    cov = A.share_coverage(_seed_share_frame(1600)).set_index(["first_year", "last_year"])
    assert cov.loc[(1398, 1399), "sum_low"] == 1600 + 468 == 2068
    assert cov["matches"].to_dict() == {(1399, 1399): False, (1398, 1399): True, (1397, 1399): False,
                                        (1398, 1398): False, (1397, 1398): False, (1397, 1397): False}
    seed_only = A.share_coverage(_seed_share_frame(1600), seed_only=True)
    assert seed_only[["first_year", "last_year"]].values.tolist() == [[1399, 1399]]


# --- rule 12: the seed's date ------------------------------------------------------------------

def test_seed_date_window_from_bracketing_counts():
    ytd = dict(start=Y1399[0], year=1399)
    f = frame(
        fig("F04", "units_revived", 468, source="S00", pub=("2020-06-21", "2021-03-20"), primary=True, **ytd),
        fig("Q1", "units_revived", 211, end="2020-06-20", source="S12", **ytd),
        fig("L", "units_revived", 432, end="2020-07-29", source="S13", **ytd),
        fig("H", "units_revived", 545, source="S14", pub=("2020-08-25", "2020-09-08"), **ytd),
        fig("H2", "units_revived", 819, end="2020-10-21", source="S15", **ytd),
        # control: another scope does not bracket the seed's count
        fig("X", "units_revived", 500, scope="national", end="2020-07-01", source="S99", **ytd),
    )
    b = A.seed_date_brackets(f).iloc[0]
    assert (b["lower_ids"], b["upper_ids"]) == ("L", "H")
    assert A.seed_date_window(f) == (pd.Timestamp("2020-07-29"), pd.Timestamp("2020-09-08"))
    row = A.seed_date_finding(f).iloc[0]
    # 2020-07-29 .. 2020-09-08 is 3 + 31 + 8 = 42 days; the text's 2020-06-21 .. 2021-03-20 is 273 days
    assert "42 days against the text's 273" in row["arithmetic"]


def test_seed_date_window_in_the_real_ledger():
    """The point here is the real data: the reports bracketing the seed's 468 units."""
    ledger = load_ledger()
    early, late = A.seed_date_window(ledger.figures)
    seed = ledger.primary_source()
    assert seed["published_earliest"] <= early <= late <= seed["published_latest"]
    b = A.seed_date_brackets(ledger.figures).set_index("figure_id")
    assert b.loc["F04", "lower_figures"].startswith("432 ")


# --- the audit as a whole ----------------------------------------------------------------------

def test_audit_table_shape_counts_and_clean_control():
    clean = frame(
        fig("U", "units_revived", 100, start=Y1399[0], end="2020-06-20", year=1399),
        fig("V", "units_revived", 200, start=Y1399[0], end="2020-09-20", year=1399),
    )
    assert A.audit(clean).empty
    planted = pd.concat([clean, frame(fig("W", "units_revived", 150, start=Y1399[0], end="2020-12-20", year=1399))], ignore_index=True)
    found = A.audit(planted)
    assert list(found.columns) == A.FINDING_COLUMNS
    assert found["rule"].tolist() == ["ytd_decrease"]
    assert found["figure_ids"].tolist() == ["V; W"]
    counts = A.counts_by_rule(found).set_index("rule")
    assert counts.loc["ytd_decrease", "findings"] == 1
    assert counts["findings"].sum() == 1
    assert list(counts.index) == [r.id for r in A.RULES]


def test_name_sources():
    findings = pd.DataFrame({"source_ids": ["S1, S2; S1"], "figure_ids": ["A; B"]})
    sources = pd.DataFrame({"source_id": ["S1", "S2"], "publisher": ["Tehran Times", "Mehr"]})
    assert A.name_sources(findings, sources)["sources"].tolist() == ["Tehran Times (S1); Mehr (S2)"]


def test_sentences_escape_markup_and_say_when_nothing_is_found():
    checks = pd.DataFrame({"finding": ["a <b>bold</b> jobs_created claim"], "figure_ids": ["A; B"], "flagged": [True]})
    assert A.sentences(checks) == "- a &lt;b&gt;bold&lt;/b&gt; jobs\\_created claim (A; B)"
    assert A.sentences(checks.assign(flagged=False)).startswith("No findings")


def test_unflagged_checks_carry_no_severity():
    f = frame(
        fig("K1", "jobs_created", 19446, start=Y1399[0], end="2020-12-20", year=1399, source="S20"),
        fig("K2", "jobs_created", 19400, start=Y1399[0], end="2020-12-20", year=1399, low=19350, high=19450, source="S21"),
    )
    assert A.restated_differently(f)["severity"].tolist() == ["consistent"]


def test_involving_and_source_ids():
    findings = pd.DataFrame({"figure_ids": ["F04, C050; C054", "C001; C002"], "source_ids": ["S00; S13, S14", "S01; S13"]})
    assert A.involving(findings, ["F04", "F99"]).index.tolist() == [0]
    assert A.source_ids(findings) == ["S00", "S13", "S14", "S01"]


def test_seed_date_evidence_rows():
    ledger = load_ledger()
    ev = A.seed_date_evidence(ledger).set_index("basis")
    seed = ledger.primary_source()
    text = ev.loc["text_clues"]
    assert (text["earliest"], text["latest"]) == (seed["published_earliest"], seed["published_latest"])
    # 2020-06-21 .. 2021-03-20 counted inclusively: 10 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 20 = 273 days
    assert text["days"] == 273
    assert (ev.loc["computed", "earliest"], ev.loc["computed", "latest"]) == A.seed_date_window(ledger.figures)
