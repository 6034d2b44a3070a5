"""The generated answers: each sentence states the numbers the questions compute, in words an editor would print.

Expected sentences are written out here from the made-up figures (percentages worked by hand), never
taken from the code under test.
"""

import re

import pytest

from analysis import evidence
from analysis.ledger import load_ledger
from analysis.present import prose
from analysis.questions import rates
from evidence_fixtures import build, figure, source


def _text(msgs) -> list[str]:
    return [str(m) for m in msgs]


def _two_years(tmp_path, first: int, second: int):
    """National full-year counts for 1399 (2020-03-20 .. 2021-03-20) and 1400 (2021-03-21 .. 2022-03-20)."""
    return build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10")],
                 [figure("A", "S1", "units_revived", first, "2020-03-20", "2021-03-20"),
                  figure("B", "S2", "units_revived", second, "2021-03-21", "2022-03-20")])


@pytest.mark.parametrize("first,second,sentence", [
    # 1,250 / 1,000 - 1 = 25% more; 1,000 / 1,250 - 1 = 20% fewer (whole numbers from 10 up).
    (1000, 1250, "The count rose in 1400 (2021\u201322) to 1,250 units, 25% more than the 1,000 of 1399 (2020\u201321)."),
    (1250, 1000, "The count fell in 1400 (2021\u201322) to 1,000 units, 20% fewer than the 1,250 of 1399 (2020\u201321)."),
])
def test_the_pace_sentence_says_which_way_and_by_how_much(tmp_path, first, second, sentence):
    assert _text(prose.rates_answer(_two_years(tmp_path, first, second)))[0] == sentence


def test_a_pace_that_did_not_change_is_said_to_hold(tmp_path):
    assert _text(prose.rates_answer(_two_years(tmp_path, 1200, 1200)))[0] == "The count held in 1400 (2021\u201322) at 1,200 units, as in 1399 (2020\u201321)."


def test_the_shipped_pace_sentence_matches_the_yearly_series():
    ev = evidence.build(load_ledger())
    y = rates.yearly(ev)
    y = y[y["complete"]]
    last, prev = y.iloc[-1], y.iloc[-2]
    text = _text(prose.rates_answer(ev))[0]
    change = abs(last["value"] - prev["value"]) / prev["value"] * 100
    assert f"to {last['value']:,.0f} units" in text and f"{change:.0f}% " in text
    assert f"the {prev['value']:,.0f} of {int(prev['jalali_year'])}" in text


def test_a_ledger_without_targets_says_none_was_set(tmp_path):
    assert "No yearly target was set in advance for a year with a full count." in _text(prose.rates_answer(_two_years(tmp_path, 1000, 1250)))


def test_a_year_with_only_a_missed_target_says_so(tmp_path):
    ev = build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10"), source("S0", "2021-01-05")],
               [figure("A", "S1", "units_revived", 1000, "2020-03-20", "2021-03-20"),
                figure("B", "S2", "units_revived", 1250, "2021-03-21", "2022-03-20"),
                figure("T", "S0", "units_target", 2000, "2021-03-21", "2022-03-20")])
    # 1,250 of a 2,000 target stated before 1400 ended: missed.
    assert "Every yearly target set in advance was missed (1400)." in _text(prose.rates_answer(ev))


def test_a_latest_year_in_another_scope_names_it_and_the_other_years(tmp_path):
    ev = build(tmp_path, [source("S1", "2021-04-10"), source("S2", "2022-04-10")],
               [figure("A", "S1", "units_revived", 1500, "2020-03-20", "2021-03-20"),
                figure("B", "S2", "units_revived", 900, "2021-03-21", "2022-03-20", scope="industrial_parks")])
    assert _text(prose.timeline_answer(ev)) == [
        "Officials reported 900 units revived in industrial parks in 1400 (2021\u201322), the latest full year counted.",
        "For 1399 (2020\u201321) the count is 1,500 units nationally.",
    ]


def test_the_lede_links_each_number_to_its_table():
    ev = evidence.build(load_ledger())
    from analysis.questions import audit

    html = " ".join(m.html() for m in prose.lede(ev, audit.checks(ev)))
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
    assert {h for h, _ in links} <= set(prose.LEDE_LINKS.values()) and len(links) >= 4
    assert all(re.search(r"\d", text) for _, text in links)  # every link is a number


def test_no_answer_sentence_is_over_forty_words():
    ev = evidence.build(load_ledger())
    from analysis.questions import audit

    checks = audit.checks(ev)
    sentences = [*prose.lede(ev, checks), *prose.timeline_answer(ev), *prose.jobs_answer(ev), *prose.rates_answer(ev),
                 *prose.stock_answer(ev), *prose.audit_answer(ev, checks), *prose.seed_timeline_answer(ev), *prose.seed_jobs_answer(ev),
                 *prose.seed_rates_answer(ev), *prose.seed_audit_answer(ev, checks), prose.coverage(ev)]
    for m in sentences:
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", str(m)):
            assert len(sentence.split()) <= 40, sentence
