"""Formatting: numbers rounded (never truncated), estimates in words, money in words, periods in plain labels."""

import math

import pandas as pd
import pytest

from analysis import fmt


@pytest.mark.parametrize("value,low,high,unit,text", [
    (2067, 2067, 2067, "units", "2,067"),
    (1500, 1500, 1550, "units", "1,500 (up to 1,550)"),
    (float("nan"), 1998.75, 2117.75, "units", "1,999 to 2,117"),          # whole units: at least 1,998.75 is 1,999, at most 2,117.75 is 2,117
    (1563, 1563, math.inf, "units", "at least 1,563"),
    (1500, 0, 1500, "units", "at most 1,500"),
    (17.0940, 16.0256, 18.1624, "", "17.1 (16.0 to 18.2)"),                # width 2.1: one decimal
    (17.7014, 17.6600, 17.7400, "", "17.70 (17.66 to 17.74)"),             # width 0.08: two decimals
    (7.86, 7.86, 39.76, "", "7.9 (7.8 to 39.8)"),                          # the centre rounded; bounds outward, never inward
    (17.87, 17.87, math.inf, "", "at least 17.8"),                          # 31,292 / 1,751: a floor rounded up is no floor
    (17.82, 16.0, 17.82, "", "17.8 (16.0 to 17.9)"),                        # a ceiling rounds up
    (53.548, 53.548, 53.548, "%", "53.5%"),                                 # known exactly: one number, rounded to the nearest
    (122, 121.5, math.inf, "units", "at least 122"),                        # whole things: at least 121.5 units is at least 122
    (1589.12, 1563, 1641.37, "units", "1,589 (1,563 to 1,641)"),            # at most 1,641.37 units is at most 1,641
    (1.0, float("nan"), float("nan"), "", "cannot be computed"),
    (35e12, 35e12, 35e12, "rials", "35 trillion rials"),
    (float("nan"), 0.0, math.inf, "", "no bound"),                          # a ratio of counts: "at least 0" says nothing
    (float("nan"), 0.0, math.inf, "units", "at least 0"),                   # a count that may have been zero
    (42017.0, 0.0, 42617.0, "", "42,017 (at most 42,617)"),                # a ratio cannot be negative: "0 to" says nothing
    (float("nan"), 0.0, 0.5, "", "at most 0.5"),
    (42017.0, 0.0, 42617.0, "rials per dollar", "42,017 (at most 42,617)"),
])
def test_estimate_in_words(value, low, high, unit, text):
    assert fmt.estimate(value, low, high, unit) == text


@pytest.mark.parametrize("x,text", [(35e12, "35 trillion rials"), (557105000000, "557.105 billion rials"), (1.5e13, "15 trillion rials"),
                                    (1.82e15, "1,820 trillion rials"), (3.035e13, "30.35 trillion rials")])
def test_money_in_words(x, text):
    assert fmt.money(x) == text


def test_no_raw_values_reach_readers():
    assert fmt.number(float("nan")) == ""
    assert fmt.number(math.inf) == "no limit"
    assert fmt.number(1500.0) == "1,500"
    assert fmt.stated(1500.0, "over", "units") == "over 1,500"
    assert fmt.stated(21.0, "exact", "%") == "21%"
    assert fmt.stated(23.36, "exact", "%") == "23.36%"


def test_digits_follow_the_width_of_the_bounds():
    assert fmt.digits_for(16.0, 18.2) == 1
    assert fmt.digits_for(17.02, 17.66) == 1
    assert fmt.digits_for(17.66, 17.74) == 2
    assert fmt.digits_for(5, 5) == 1


def test_dates_in_both_calendars():
    # 2020-03-20 is the first day of 1399; 2021-03-20 its last (a leap year, Esfand 30).
    assert fmt.date(pd.Timestamp("2020-03-20")) == "2020-03-20 (1399/01/01)"
    assert fmt.date_window(pd.Timestamp("2020-08-25"), pd.Timestamp("2021-03-20")) == "2020-08-25 to 2021-03-20 (1399/06/04 to 1399/12/30)"


def test_plain_labels_not_code_names():
    assert fmt.label("scope", "industrial_parks") == "industrial parks"
    assert fmt.label("metric", "units_revived") == "units revived"
    assert fmt.label("date_basis", "text_clues") == "bounded by what the text refers to"
    assert fmt.labels("scope", pd.Series(["smes", "some_new_scope"])).tolist() == ["SME plan", "some new scope"]


def test_source_link_names_the_report_and_links_its_address():
    from analysis.present import tables
    from analysis.words import speaking

    row = pd.Series({"source_id": "S14", "publisher": "Tehran Times (English)", "url": "https://www.tehrantimes.com/news/451920/x",
                     "published_earliest": pd.Timestamp("2020-08-25"), "published_latest": pd.Timestamp("2020-09-08")})
    ref = tables.SourceRef.of(row)
    assert tables.source_link(ref) == '<a href="https://www.tehrantimes.com/news/451920/x">Tehran Times, undated, 2020</a>'
    with speaking("fa"):  # the outlet's Persian name, and the Iranian year of the window
        assert tables.source_label(ref) == "تهران تایمز، بی‌تاریخ، ۱۳۹۹"
    no_url = tables.SourceRef.of(row.drop("url"))
    assert 'href="sources.html#S14"' in tables.source_link(no_url)
    hostile = tables.SourceRef.of(pd.Series({**row, "publisher": "<script>alert(1)</script> & $x$"}))
    assert "<script>" not in tables.source_link(hostile) and "&amp;" in tables.source_link(hostile)


@pytest.mark.parametrize("n, text", [(0, "no questions"), (1, "1 question"), (2, "2 questions"), (1200, "1,200 questions")])
def test_counts_in_words(n, text):
    assert fmt.count(n, "question") == text
