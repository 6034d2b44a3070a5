"""Loading the real ledger: types, derived columns and the seed's figures as the article states them."""

import pandas as pd
import pytest

from analysis import vocab
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS, load_ledger


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


def test_columns_and_types(ledger):
    f = ledger.figures
    for col in FIGURES_COLUMNS:
        assert col in f.columns
    for col in SOURCES_COLUMNS:
        assert col in ledger.sources.columns
    assert f["value"].dtype == "float64"
    assert str(f["start"].dtype).startswith("datetime64")
    assert f["figure_id"].is_unique
    assert set(f["metric"]) <= set(vocab.METRICS)
    assert set(f["scope"]) <= set(vocab.SCOPES)
    assert (f["low"] <= f["value"]).all() and (f["value"] <= f["high"]).all()


def test_the_seed_and_the_fifty_reports_are_sources(ledger):
    expected = {f"S{i:02d}" for i in range(51)}  # S00 the seed, S01..S50 the other reports
    assert expected <= set(ledger.sources["source_id"])
    assert ledger.sources["source_id"].is_unique


def _seed(ledger, metric, **match):
    s = ledger.seed_figures()
    s = s[s["metric"] == metric]
    for key, value in match.items():
        s = s[s[key] == value]
    assert len(s) == 1, (metric, match)
    return s.iloc[0]


def test_seed_1399_year_to_date(ledger):
    units = _seed(ledger, "units_revived", value=468.0)
    jobs = _seed(ledger, "jobs_created", value=8000.0)
    for row in (units, jobs):
        assert row["start"] == pd.Timestamp("2020-03-20")
        assert pd.isna(row["end"])
        # Open end: inherits the seed's publication bounds.
        assert row["end_earliest"] == pd.Timestamp("2020-06-21")
        assert row["end_latest"] == pd.Timestamp("2021-03-20")
        assert row["jalali_year"] == 1399
        assert row["scope"] == "smes"
    assert (jobs["low"], jobs["high"]) == (7500, 8500)
    assert (units["low"], units["high"]) == (468, 468)


def test_seed_periods_in_both_calendars(ledger):
    q1 = _seed(ledger, "units_revived", value=211.0)
    assert (q1["start"], q1["end"]) == (pd.Timestamp("2020-03-20"), pd.Timestamp("2020-06-20"))
    assert (q1["start_jalali"], q1["end_jalali"]) == ("1399/01/01", "1399/03/31")
    y1398 = _seed(ledger, "units_revived", value=1185.0)
    assert (y1398["start"], y1398["end"]) == (pd.Timestamp("2019-03-21"), pd.Timestamp("2020-03-19"))
    assert y1398["jalali_year"] == 1398
    target = _seed(ledger, "units_target")
    assert (target["value"], target["low"], target["high"]) == (1500, 1500, 1500)
    assert (target["start_jalali"], target["end_jalali"]) == ("1399/01/01", "1399/12/30")


def test_seed_shares(ledger):
    share = _seed(ledger, "revived_share_pct")
    assert (share["value"], share["low"], share["high"]) == (21, 20.5, 21.5)
    idle = _seed(ledger, "idle_units")
    assert (idle["low"], idle["high"]) == (9750, 9850)
    bank = _seed(ledger, "bank_facility_share_pct")
    sought = _seed(ledger, "bank_facility_share_target_pct")
    assert (bank["low"], bank["high"]) == (30.5, 31.5)
    # "at least 40 percent" of a share: 40 or more, up to the whole (no invented upper step).
    assert (sought["low"], sought["high"]) == (40, 100)
    assert bank["agency"] == "IRNA"


def test_restatements_point_to_same_figure(ledger):
    f = ledger.figures.set_index("figure_id")
    rest = f[f["restates"] != ""]
    assert len(rest) > 0
    original = f.loc[rest["restates"]]
    assert (original["metric"].to_numpy() == rest["metric"].to_numpy()).all()
    assert (original["value"].to_numpy() == rest["value"].to_numpy()).all()


def test_multi_year_and_open_spans_get_no_single_year(ledger):
    f = ledger.figures.set_index("figure_id")
    # 2018-03-21 .. 2021-03-20 spans 1397-1399.
    assert pd.isna(f.loc["C008", "jalali_year"])
    # Since 2021-08-25, reported 2023: more than one Iranian year.
    assert pd.isna(f.loc["C179", "jalali_year"])
