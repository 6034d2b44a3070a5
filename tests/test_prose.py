"""The generated answers: each sentence states the numbers the questions compute, in words an editor would print."""

import re

import pytest

from analysis import evidence
from analysis.ledger import load_ledger
from analysis.present import prose
from analysis.questions import rates
from evidence_fixtures import build, figure, source


def _two_years(tmp_path, first: int, second: int):
    """National full-year counts for 1399 (2020-03-20 .. 2021-03-20) and 1400 (2021-03-21 .. 2022-03-20)."""
    return build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10")],
                 [figure("A", "S1", "units_revived", first, "2020-03-20", "2021-03-20"),
                  figure("B", "S2", "units_revived", second, "2021-03-21", "2022-03-20")])


@pytest.mark.parametrize("first,second,word,comparison", [(1000, 1250, "rose", "more"), (1250, 1000, "fell", "fewer")])
def test_the_pace_sentence_says_which_way_and_by_how_much(tmp_path, first, second, word, comparison):
    text = prose.rates_answer(_two_years(tmp_path, first, second), detail=False)
    change = abs(second - first) / first * 100  # 25% up, 20% down
    per_day = second / 365  # 1400 is a common Iranian year
    assert text.startswith(f"The pace {word} in 1400 (2021-22): {second:,} units ({per_day:.1f} a day), "
                           f"{change:.1f}% {comparison} than the {first:,} of 1399.")
    assert "-" not in text.split(":")[1].split(".")[0]  # no bare signed percentage in the sentence


def test_a_pace_that_did_not_change_is_said_to_hold(tmp_path):
    text = prose.rates_answer(_two_years(tmp_path, 1200, 1200), detail=False)
    assert text.startswith("The pace held in 1400 (2021-22): 1,200 units (3.3 a day), against 1,200 in 1399.")


def test_the_shipped_pace_sentence_matches_the_yearly_series():
    ev = evidence.build(load_ledger())
    y = rates.yearly(ev)
    last, prev = y.iloc[-1], y.iloc[-2]
    text = prose.rates_answer(ev)
    change = abs(last["value"] - prev["value"]) / prev["value"] * 100
    assert f"{last['value']:,.0f} units" in text and f"{change:.1f}%" in text and f"the {prev['value']:,.0f} of {int(prev['jalali_year'])}" in text
    # Every target named as met or missed carries its scope, so two of one year can be told apart.
    named = re.findall(r"\d{4} ([a-zA-Z ]+), \d+%", text)
    assert named and not re.search(r"\d{4}, \d+%", text)


def test_a_ledger_without_targets_says_none_can_be_scored(tmp_path):
    ev = _two_years(tmp_path, 1000, 1250)
    for detail in (True, False):
        assert prose.rates_answer(ev, detail=detail).endswith(" No yearly revival target in the ledger can be scored against its year's count.")


def test_a_year_with_only_a_missed_target_says_none_was_met(tmp_path):
    ev = build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10"), source("S0", "2021-01-05")],
               [figure("A", "S1", "units_revived", 1000, "2020-03-20", "2021-03-20"),
                figure("B", "S2", "units_revived", 1250, "2021-03-21", "2022-03-20"),
                figure("T", "S0", "units_target", 2000, "2021-03-21", "2022-03-20")])
    text = prose.rates_answer(ev)
    # 1,250 of a 2,000 target stated before 1400 ended: 62.5%, rounded to 62% or 63%
    assert re.search(r", none was met and 1 missed \(1400 national, 6[23]%\); the rest are", text), text


def test_an_end_of_the_yearly_range_that_is_not_national_names_its_scope(tmp_path):
    ev = build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10")],
               [figure("A", "S1", "units_revived", 1500, "2020-03-20", "2021-03-20"),
                figure("B", "S2", "units_revived", 900, "2021-03-21", "2022-03-20", scope="industrial_parks")])
    text = prose.timeline_answer(ev, detail=False)
    assert text.startswith("Officials reported between 900 (1400, industrial parks only) and 1,500 idle units revived a year "
                           "from 1399 to 1400, peaking at 1,500 in 1399 (2020-21); the latest full year, 1400 (2021-22), counted 900.")
