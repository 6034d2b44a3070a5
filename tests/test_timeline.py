"""The timeline: period types, events, reports, year-to-date series and target revisions.

Expected values are worked out by hand in each test. Most tests build a small ledger in a temporary
folder, so they do not depend on the real ledger's incidental content; the seed tests use the real
seed, whose figures and date bounds are the point.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import timeline  # noqa: E402
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS, load_ledger  # noqa: E402

T = pd.Timestamp


def series(*values) -> pd.Series:
    return pd.Series([T(v) if v else pd.NaT for v in values], dtype="datetime64[us]")


# ---------------------------------------------------------------------------------------------
# Period types
# ---------------------------------------------------------------------------------------------

def test_first_quarter_of_1399():
    # 2020-03-20 .. 2020-06-20: 12 days of March (20..31) + 30 + 31 + 20 = 93 days.
    assert timeline.period_type("2020-03-20", "2020-06-20") == ("quarter", "first quarter of 1399", 93)


@pytest.mark.parametrize("start, end, kind, label, days", [
    # 1398: 2019-03-21 .. 2020-03-19, a common year of 365 days.
    ("2019-03-21", "2020-03-19", "full_year", "year 1398", 365),
    # 1399: 2020-03-20 .. 2021-03-20, a leap year of 366 days.
    ("2020-03-20", "2021-03-20", "full_year", "year 1399", 366),
    # First half of 1398: six 31-day months = 186 days, ending 1398/06/31 = 2019-09-22.
    ("2019-03-21", "2019-09-22", "half", "first half of 1398", 186),
    # Second half of 1399: 1399/07/01 = 2020-09-22 .. 1399/12/30; five 30-day months + Esfand 30 = 180.
    ("2020-09-22", "2021-03-20", "half", "second half of 1399", 180),
    # Second quarter of 1399: 1399/04/01 = 2020-06-21 .. 1399/06/31 = 2020-09-21: 10 + 31 + 31 + 21 = 93.
    ("2020-06-21", "2020-09-21", "quarter", "second quarter of 1399", 93),
    # Seven months of 1399 (Farvardin-Mehr): 6 x 31 + 30 = 216 days, ending 1399/07/30 = 2020-10-21.
    ("2020-03-20", "2020-10-21", "months", "months 1-7 of 1399 (Farvardin-Mehr)", 216),
    # One month: Tir 1399 = 2020-06-21 .. 2020-07-21, 31 days.
    ("2020-06-21", "2020-07-21", "months", "month 4 of 1399 (Tir)", 31),
    # Year to a day that is not a month end: 2020-03-20 .. 2020-07-29 = 12 + 30 + 31 + 30 + 29 = 132.
    ("2020-03-20", "2020-07-29", "year_to_date", "1399 to 1399/05/08 (year to date)", 132),
    # Inside 1403 but not from its start: 2024-08-21 (1403/05/31) .. 2025-03-16 (1403/12/26).
    ("2024-08-21", "2025-03-16", "part_year", "1403/05/31 to 1403/12/26", 208),
    # Two whole years 1400-1401: 365 + 365 = 730 days.
    ("2021-03-21", "2023-03-20", "multi_year", "years 1400-1401", 730),
])
def test_period_types(start, end, kind, label, days):
    assert timeline.period_type(start, end) == (kind, label, days)


def test_open_ends_stocks_and_undated_targets():
    start = series("2020-03-20", "2020-03-20", "2021-08-25", "", "", "")
    end = series("", "", "", "2018-03-20", "", "")
    latest = series("2021-03-20", "2021-03-21", "2022-01-01", "2018-03-20", "2020-09-01", "2020-09-01")
    kind = pd.Series(["flow", "flow", "flow", "stock", "stock", "target"], dtype="str")
    got = timeline.classify_periods(start, end, latest, kind)
    assert got["period_type"].tolist() == ["year_to_date", "multi_year", "part_year", "as_of", "as_of", "unstated"]
    # 2021-03-21 is 1400/01/01: an open end that may fall there crosses into the next Iranian year.
    assert got["period_label"].tolist() == [
        "1399 to date (to publication)",
        "from 1399/01/01 to publication (crosses a year)",
        "from 1400/06/03 to publication",
        "as of 1396/12/29",
        "undated; placed at the report's publication",
        "no period stated",
    ]


def test_value_text():
    got = timeline.value_text(pd.Series([40.0, 2200.0, 23.36, 1185.0]),
                              pd.Series(["at_least", "about", "exact", "exact"], dtype="str"),
                              pd.Series(["percent", "units", "percent", "units"], dtype="str"))
    assert got.tolist() == ["at least 40 percent", "about 2,200", "23.36 percent", "1,185"]


# ---------------------------------------------------------------------------------------------
# A small ledger built in the test
# ---------------------------------------------------------------------------------------------

SOURCES = [
    # id, published, earliest, latest, basis, primary
    ("P", "2020-01-01", "2020-01-01", "2020-01-01", "shown", "yes"),
    ("A", "2020-06-01", "2020-06-01", "2020-06-01", "shown", "no"),
    ("B", "", "2020-07-01", "2020-07-20", "id_interpolation", "no"),
    ("C", "2020-08-01", "2020-08-01", "2020-08-01", "shown", "no"),
    ("D", "2020-09-01", "2020-09-01", "2020-09-01", "shown", "no"),
    # A count for the whole of 1399 can only appear after the year ended (2021-03-20), so not in D.
    ("DL", "2021-04-10", "2021-04-10", "2021-04-10", "shown", "no"),
    ("E", "2021-05-01", "2021-05-01", "2021-05-01", "shown", "no"),
]
Y1399 = ("2020-03-20", "2021-03-20")
FIGURES = [
    # id, source, metric, value, qualifier, scope, start, end, restates
    ("P1", "P", "units_revived", "529", "exact", "smes", "2019-03-21", "2019-09-22", ""),
    ("A1", "A", "units_revived", "104", "exact", "national", "2020-03-20", "2020-05-20", ""),
    ("A2", "A", "units_target", "1500", "exact", "national", *Y1399, ""),
    ("B1", "B", "units_revived", "311", "exact", "national", "2020-03-20", "", ""),
    ("C1", "C", "units_revived", "257", "exact", "national", "2020-03-20", "", ""),
    ("C2", "C", "units_revived", "53", "exact", "smes", "2020-03-20", "", ""),
    ("C3", "C", "units_target", "1500", "exact", "national", *Y1399, "A2"),
    ("C4", "C", "units_target", "2000", "exact", "national", *Y1399, ""),
    ("D1", "D", "units_revived", "257", "exact", "national", "2020-03-20", "", "C1"),
    ("D2", "D", "units_target", "2000", "exact", "national", *Y1399, "C4"),
    ("D3", "DL", "units_revived", "1200", "exact", "national", *Y1399, ""),
    ("E1", "E", "units_revived", "1250", "exact", "national", *Y1399, ""),
]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ledger")
    src = pd.DataFrame([{
        "source_id": sid, "publisher": f"Outlet {sid}", "language": "en", "url": f"https://example.org/{sid}",
        "published": pub, "published_earliest": lo, "published_latest": hi, "date_basis": basis,
        "citation": f"Outlet {sid}", "licence": "", "seed_file": "", "primary": primary, "note": "",
    } for sid, pub, lo, hi, basis, primary in SOURCES], columns=list(SOURCES_COLUMNS))
    fig = pd.DataFrame([{
        "figure_id": fid, "source_id": sid, "metric": metric, "value": value, "qualifier": qual, "scope": scope,
        "period_start": start, "period_end": end, "period_start_jalali": "", "period_end_jalali": "",
        "jalali_year": "", "restates": restates, "speaker": "an official", "agency": "", "quote": "", "note": "",
    } for fid, sid, metric, value, qual, scope, start, end, restates in FIGURES], columns=list(FIGURES_COLUMNS))
    src.to_csv(folder / "sources.tsv", sep="\t", index=False, lineterminator="\n")
    fig.to_csv(folder / "figures.tsv", sep="\t", index=False, lineterminator="\n")
    ledger = load_ledger(folder, folder)
    return ledger, timeline.events(ledger)


def test_events_keep_every_figure_and_mark_restatements(small):
    ledger, ev = small
    assert len(ev) == len(FIGURES)
    row = ev.set_index("figure_id")
    assert bool(row.loc["D1", "is_restatement"]) and row.loc["D1", "restates"] == "C1"
    assert row.loc["C1", "restated_by"] == "D1"
    assert row.loc["A2", "restated_by"] == "C3"
    assert not bool(row.loc["B1", "is_restatement"])


def test_events_dates_in_both_calendars_and_open_ends(small):
    _, ev = small
    b1 = ev.set_index("figure_id").loc["B1"]
    # Runs to B's undated publication: 2020-07-01 (1399/04/11) .. 2020-07-20 (1399/04/30).
    assert b1["period_type"] == "year_to_date"
    assert b1["end_gregorian"] == "2020-07-01 .. 2020-07-20"
    assert b1["end_iranian"] == "1399/04/11 .. 1399/04/30"
    assert b1["start_iranian"] == "1399/01/01"
    # 2020-03-20 .. 07-01 = 12 + 30 + 31 + 30 + 1 = 104 days; .. 07-20 = 104 + 19 = 123 days.
    assert (b1["days_low"], b1["days_high"]) == (104, 123)
    assert b1["published_gregorian"] == "2020-07-01 .. 2020-07-20"
    a1 = ev.set_index("figure_id").loc["A1"]
    # 2020-05-20 is 1399/02/31, the last day of Ordibehesht: two whole months.
    assert (a1["period_type"], a1["end_iranian"], a1["days_low"]) == ("months", "1399/02/31", 62)


def test_events_ordered_by_report_date(small):
    _, ev = small
    assert ev["source_id"].drop_duplicates().tolist() == ["P", "A", "B", "C", "D", "DL", "E"]


def test_reports_place_each_source_with_bounds(small):
    ledger, _ = small
    reps = timeline.reports(ledger).set_index("source_id")
    assert reps.loc["B", "estimated"] and not reps.loc["A", "estimated"]
    assert reps.loc["B", "window_days"] == 20  # 2020-07-01 .. 2020-07-20 inclusive
    assert reps.loc["B", "published_iranian"] == "1399/04/11 .. 1399/04/30"
    assert (reps.loc["C", "n_figures"], reps.loc["C", "n_new"]) == (4, 3)  # C3 repeats A2
    assert reps.loc["C", "metrics"] == "units_revived, units_target"


def test_round_counts_are_not_certainly_lower(small):
    _, ev = small
    # 250 and 300 are read as rounded (245..255 is not below 250..350): no certain decrease.
    rounded = ev.assign(low=ev["low"].where(~ev["figure_id"].isin(["B1"]), 250.0),
                        high=ev["high"].where(~ev["figure_id"].isin(["B1"]), 350.0))
    rounded = rounded.assign(low=rounded["low"].where(rounded["figure_id"] != "C1", 245.0),
                             high=rounded["high"].where(rounded["figure_id"] != "C1", 255.0))
    ytd = timeline.year_to_date(rounded).set_index("figure_id")
    assert not ytd.loc["C1", "below_earlier"]


def test_year_to_date_series_order_and_decrease(small):
    _, ev = small
    ytd = timeline.year_to_date(ev)
    national = ytd[(ytd["jalali_year"] == 1399) & (ytd["scope"] == "national")]
    # Ordered by earliest end: A1 (05-20), B1 (07-01..07-20), C1 (08-01), D1 (09-01), then the two year-end counts.
    assert national["figure_id"].tolist() == ["A1", "B1", "C1", "D1", "D3", "E1"]
    assert national["step"].tolist() == [1, 2, 3, 4, 5, 6]
    # 257 on 2020-08-01 is certainly after B's latest date (07-20) and below its 311 (counts without
    # trailing zeros are exact, so their bounds do not overlap).
    flagged = national.set_index("figure_id")
    assert flagged.loc["C1", "below_earlier"] and flagged.loc["C1", "below_figure"] == "B1"
    assert flagged.loc["C1", "below_value"] == 311
    assert flagged.loc["D1", "below_earlier"] and flagged.loc["D1", "below_figure"] == "B1"
    assert not flagged.loc[["A1", "B1", "D3", "E1"], "below_earlier"].any()
    # Scopes are separate series: the smes 53 is not compared with the national 311.
    smes = ytd[(ytd["jalali_year"] == 1399) & (ytd["scope"] == "smes")]
    assert smes["figure_id"].tolist() == ["C2"] and not smes["below_earlier"].any()
    # The first half of 1398 (primary source) is a series of its own.
    assert ytd[ytd["jalali_year"] == 1398]["figure_id"].tolist() == ["P1"]


def test_year_to_date_without_year_end(small):
    _, ev = small
    ytd = timeline.year_to_date(ev, include_year_end=False)
    assert "D3" not in set(ytd["figure_id"]) and "E1" not in set(ytd["figure_id"])


def test_uncertain_order_is_not_called_a_decrease(small):
    _, ev = small
    # Move C1's end into B's window: 257 may then be earlier than 311, so no decrease is certain.
    moved = ev.assign(end_earliest=ev["end_earliest"].where(ev["figure_id"] != "C1", T("2020-07-10")))
    ytd = timeline.year_to_date(moved).set_index("figure_id")
    assert not ytd.loc["C1", "below_earlier"]


def test_yearly_results_group_values_and_flag_disagreement(small):
    _, ev = small
    yr = timeline.yearly_results(ev)
    assert yr[["jalali_year", "scope", "value"]].values.tolist() == [[1399, "national", 1200.0], [1399, "national", 1250.0]]
    assert yr["values_in_scope"].tolist() == [2, 2]
    assert yr["source_id"].tolist() == ["DL", "E"]


def test_target_revisions(small):
    _, ev = small
    rev = timeline.target_revisions(ev, metrics=("units_target",))
    assert rev["figure_id"].tolist() == ["A2", "C3", "C4", "D2"]
    assert rev["report_rank"].tolist() == [1, 2, 2, 3]
    assert rev["new_value"].tolist() == [True, False, True, False]
    assert rev["revision"].tolist() == [False, False, True, False]
    assert rev["earlier_values"].tolist() == ["", "1,500", "1,500", "1,500, 2,000"]
    summary = timeline.target_summary(rev)
    assert len(summary) == 1
    s = summary.iloc[0]
    assert (s["first_value"], s["first_source"], s["latest_value"], s["latest_source"]) == (1500, "A", 2000, "D")
    assert bool(s["revised"]) and (s["n_reports"], s["n_figures"], s["n_values"]) == (3, 4, 2)
    assert s["values_in_order"] == "1,500 (A, 2020-06-01) → 2,000 (C, 2020-08-01)"


def test_first_reported_window(small):
    _, ev = small
    first = timeline.first_reported(ev).set_index(ev["figure_id"])
    # A1 covers up to 2020-05-20: in print after that day, and by A's date 2020-06-01 at the latest.
    assert (first.loc["A1", "first_earliest"], first.loc["A1", "first_latest"]) == (T("2020-05-21"), T("2020-06-01"))
    assert pd.isna(first.loc["B1", "first_earliest"])  # an open period: no separate window


def test_long_view_answer_names_the_revision_and_the_decrease(small):
    ledger, ev = small
    ytd = timeline.year_to_date(ev)
    rev = timeline.target_revisions(ev)
    text = timeline.long_view_answer(ev, timeline.reports(ledger), timeline.yearly_results(ev), ytd,
                                     timeline.target_summary(rev))
    assert "12 figures from 7 reports" in text
    assert "1,500 (A, 2020-06-01) → 2,000 (C, 2020-08-01)" in text
    assert "C1 (257) after B1" in text
    assert "1399: 1,200 (national, DL); 1399: 1,250 (national, E)" in text


# ---------------------------------------------------------------------------------------------
# The real seed
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    ledger = load_ledger()
    return ledger, timeline.events(ledger)


def test_seed_publication_interval(real):
    ledger, _ = real
    pub = timeline.seed_publication(ledger).set_index("evidence")
    bounds = pub.loc["ledger bounds"]
    # 2020-06-21 .. 2021-03-20: 10 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 20 = 273 days.
    assert (bounds["earliest"], bounds["latest"], bounds["days"]) == (T("2020-06-21"), T("2021-03-20"), 273)
    assert bounds["iranian"] == "1399/04/01 .. 1399/12/30"
    assert {"text_clues", "id_interpolation", "cross_report"} <= set(pub["basis"])
    combined = pub.loc["all evidence combined"]
    assert combined["earliest"] == pub["earliest"].iloc[:-1].max()
    assert combined["latest"] == pub["latest"].iloc[:-1].min()


def test_seed_timeline_periods(real):
    ledger, ev = real
    seed = timeline.seed_timeline(ledger, ev)
    periods = seed[seed["kind"] == "period"].set_index("item")
    assert periods.loc["year 1398", ["days_low", "days_high"]].tolist() == [365, 365]
    assert periods.loc["first quarter of 1399", "figure_ids"] == "F08"
    assert periods.loc["first quarter of 1399", "end_iranian"] == "1399/03/31"
    # 1399 to date: 2020-03-20 .. 2020-06-21 = 12 + 30 + 31 + 21 = 94 days, up to the whole 366-day year.
    ytd = periods.loc["1399 to date (to publication)"]
    assert (ytd["figure_ids"], ytd["days_low"], ytd["days_high"]) == ("F04, F05", 94, 366)
    assert periods.loc["year 1399", "figure_ids"] == "F03"
    undated = seed[seed["kind"] == "undated statement"]
    assert set(", ".join(undated["figure_ids"]).split(", ")) == {"F01", "F02", "F06", "F07"}
    assert (undated["end_gregorian"] == "2020-06-21 .. 2021-03-20").all()
    cited = seed[seed["kind"] == "cited report"].iloc[0]
    # The ILNA count covers a quarter ending 2020-06-20, so it appeared on 2020-06-21 at the earliest.
    assert cited["figure_ids"] == "F08" and cited["end_earliest"] == T("2020-06-21")


def test_seed_answer_states_periods_and_escapes_the_publisher(real):
    ledger, ev = real
    seed = timeline.seed_timeline(ledger, ev)
    text = timeline.seed_answer(seed, timeline.seed_publication(ledger), "Tehran *Times*", "S00")
    assert "Tehran \\*Times\\*" in text
    assert "93 days" in text and "273 days" in text and "94 to 366 days" in text


def test_chart_source_line_names_the_reports_drawn(small):
    ledger, ev = small
    rev = timeline.target_revisions(ev)
    # Only the 1399 national units target has two or more reports: A, C and D state it.
    fig, data = timeline.chart_targets(rev, source=lambda ids: "Source: " + ", ".join(ids))
    assert [t.get_text() for t in fig.texts] == ["Source: A, C, D"]
    assert sorted(set(data["source_id"])) == ["A", "C", "D"]
    plt.close(fig)
    line = timeline.source_line_for(ledger)(["B"])
    assert line.startswith("Source: Outlet B (B, undated, 2020-07-01 to 2020-07-20)")


def test_charts_have_titles_and_data(real):
    ledger, ev = real
    ytd = timeline.year_to_date(ev)
    rev = timeline.target_revisions(ev)
    summary = timeline.target_summary(rev)
    built = [
        timeline.chart_seed(timeline.seed_timeline(ledger, ev), ev, source="Source: test"),
        timeline.chart_reports(timeline.reports(ledger), source="Source: test"),
        timeline.chart_yearly(timeline.yearly_results(ev), summary, source="Source: test"),
        timeline.chart_year_to_date(ytd, summary, source="Source: test"),
        timeline.chart_targets(rev, source="Source: test"),
    ]
    for fig, data in built:
        titles = [ax.get_title(loc="left") for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
        assert any(titles)
        assert any(t.get_text() == "Source: test" for t in fig.texts)
        assert len(data) > 0
        plt.close(fig)
