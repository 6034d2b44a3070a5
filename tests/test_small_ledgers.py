"""A ledger the loader accepts goes through every page, however little it holds.

The random edits (``test_random_edits.py``) start from the shipped ledger, so every year there has
counts, targets, jobs and stocks. A user starting a ledger of their own starts small: one count, a
target alone, a stock alone, a percentage with nothing to divide. Each made-up ledger here keeps the
seed's source (as every ledger must) but none of its figures, and goes through every sentence,
table and chart the pages compute (:mod:`analysis.present.everything`); where there is nothing to
show, the page says so in words.
"""

from __future__ import annotations

import re

import pytest

from analysis.present import everything, page, prose, rates_tables, timeline_tables
from analysis.present.blocks import Context
from analysis.questions import jobs
from evidence_fixtures import build, figure, source

YEAR_1399 = ("2020-03-20", "2021-03-20")
YEAR_1400 = ("2021-03-21", "2022-03-20")

CASES = {
    "one national year": ([source("S1", "2021-04-10")], [figure("A", "S1", "units_revived", 1500, *YEAR_1399)]),
    "two years, two scopes": ([source("S1", "2021-04-10"), source("S2", "2022-04-10")],
                              [figure("A", "S1", "units_revived", 1500, *YEAR_1399),
                               figure("B", "S2", "units_revived", 900, *YEAR_1400, scope="industrial_parks")]),
    "a target alone": ([source("S1", "2021-01-10")], [figure("T", "S1", "units_target", 2000, *YEAR_1400)]),
    "jobs alone": ([source("S1", "2021-04-10")], [figure("J", "S1", "jobs_created", 15000, *YEAR_1399)]),
    "units and jobs": ([source("S1", "2021-04-10")], [figure("A", "S1", "units_revived", 1000, *YEAR_1399),
                                                      figure("J", "S1", "jobs_created", 15000, *YEAR_1399)]),
    "a year to date alone": ([source("S1", "2020-08-10")], [figure("A", "S1", "units_revived", 300, "2020-03-20", "2020-08-01")]),
    "a stock alone": ([source("S1", "2020-08-10")], [figure("K", "S1", "idle_units", 9000, "", "2020-08-01")]),
    "two stocks and a count": ([source("S1", "2020-08-10"), source("S2", "2022-08-10")],
                               [figure("K", "S1", "idle_units", 9000, "", "2020-08-01"),
                                figure("L", "S2", "idle_units", 9500, "", "2022-08-01"),
                                figure("A", "S2", "units_revived", 1000, *YEAR_1400)]),
    "a target met": ([source("S0", "2021-01-05"), source("S1", "2022-04-10")],
                     [figure("T", "S0", "units_target", 2000, *YEAR_1400), figure("A", "S1", "units_revived", 2100, *YEAR_1400),
                      figure("J", "S1", "jobs_created", 20000, *YEAR_1400)]),
    "a percentage with nothing to divide": ([source("S1", "2021-04-10")],
                                            [figure("P", "S1", "target_progress_pct", 60, "2020-03-20", "2020-12-01")]),
    "a growth rate alone": ([source("S1", "2021-04-10")], [figure("G", "S1", "units_growth_pct_stated", 40, *YEAR_1399)]),
    "a sum and its conversion": ([source("S1", "2021-04-10")],
                                 [figure("F", "S1", "financing_rials", 35e12, *YEAR_1399),
                                  figure("D", "S1", "financing_usd_stated", 140e6, *YEAR_1399)]),
    "a stated average alone": ([source("S1", "2021-04-10")], [figure("V", "S1", "jobs_per_unit_stated", 18, *YEAR_1399)]),
    "a total since a date": ([source("S1", "2023-04-10")], [figure("A", "S1", "units_revived", 3000, "2021-08-25", "2023-04-01")]),
    "an undated report": ([source("S1", earliest="2020-06-01", latest="2020-09-01")],
                          [figure("A", "S1", "units_revived", 300, "2020-03-20", "")]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_small_ledger_goes_through_every_page(tmp_path, monkeypatch, case):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / "out"))
    sources, figures = CASES[case]
    ev = build(tmp_path, sources, figures, filler=False)
    everything.pages(ev)
    everything.charts(ev)


def test_a_ledger_without_counts_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / "out"))
    ev = build(tmp_path, *CASES["a stock alone"], filler=False)
    # The seed's source (S00, undated: 2020-06-21 to 2021-03-20) and S1 (2020-08-10); one figure, none in Persian.
    assert str(prose.coverage(ev)) == "These pages rest on 1 figure from 2 reports published between 21 June 2020 and 20 March 2021."
    assert [str(m) for m in prose.timeline_answer(ev)] == ["No report gives a count of idle units revived in a whole year yet."]
    ctx = Context(files="p")
    for table, words in ((timeline_tables.years(ev, "01-years"), "No report gives a yearly count of revived units yet."),
                         (rates_tables.yearly(ev, "03-pace-by-year"), "No report gives a yearly count of revived units yet."),
                         (rates_tables.in_year(ev, "03-in-year"), "No report gives a count for part of a year yet.")):
        assert table.html(ctx) == f'<p class="no-table">{words}</p>'
    assert not (tmp_path / "out" / "01-years.csv").exists()  # an empty table writes no file


def test_a_chart_with_nothing_to_draw_is_a_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / "out"))
    ev = build(tmp_path, *CASES["one national year"], filler=False)
    pairs = jobs.pairs(ev)
    assert pairs.empty and not page.drawable(pairs)

    def never(*frames, **options):
        raise AssertionError("an empty chart was drawn")

    shown = page.chart(ev, "02-pairs", never, never, pairs)
    from analysis.present.blocks import Context

    assert "No chart here" in shown.html(Context())
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("02-pairs*"))


def test_a_seed_without_figures_is_said_to_state_none(tmp_path):
    ev = build(tmp_path, *CASES["a stock alone"], filler=False)
    # The seed's text bounds (2020-06-21 to 2021-03-20, from seeds/) with no count to narrow them.
    assert [str(m) for m in prose.seed_timeline_answer(ev)] == [
        "It gives no count of units revived.", "It carries no date; other reports' counts place it between 21 June 2020 and 20 March 2021."]
    # The month its date most likely falls in: the middle of that window, 2020-11-04.
    assert str(prose.seed_name(ev)) == "the Tehran Times report of November 2020"


@pytest.mark.slow
def test_the_report_builds_from_a_ledger_with_no_count(tmp_path):
    """The whole report (four notebooks, the front page, the Sources page) from a stock alone."""
    from evidence_fixtures import write_ledger
    from report_builds import finish, run_report

    data, _ = write_ledger(tmp_path / "ledger", *CASES["a stock alone"])
    code, out, err = finish(run_report("--out", str(tmp_path / "report"), env={"ISIPO_DATA_DIR": str(data)}))
    assert code == 0, out + err
    front = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "No report gives a count of idle units revived in a whole year yet." in front
    assert not (tmp_path / "report" / "headline.png").exists()  # nothing to draw: no headline chart
    assert "No chart here" in (tmp_path / "report" / "02-jobs-per-unit.html").read_text(encoding="utf-8")


def test_one_year_reads_as_one_year(tmp_path):
    ev = build(tmp_path, *CASES["a target met"], filler=False)
    assert [str(m) for m in prose.timeline_answer(ev)] == [
        "Officials reported 2,100 idle units revived in 1400 (2021\u201322), the one full year counted so far."]
    # 2,100 of the 2,000 target stated before 1400 began: met.
    assert [str(m) for m in prose.rates_answer(ev)] == [
        "Only one full year is counted, 1400 (2021\u201322), with 2,100 units, so the pace cannot be compared yet.",
        "Every yearly target set in advance was met (1400)."]
    # 20,000 jobs / 2,100 units = 9.52: the one bounded ratio.
    assert [str(m) for m in prose.jobs_answer(ev)] == ["Only 1400 (2021\u201322) gives both counts for the whole year: 9.5 jobs for each unit revived."]


@pytest.mark.parametrize("case", CASES)
def test_small_ledgers_give_sentences_an_editor_would_print(tmp_path, case):
    """No '0 contradictions', no doubled brackets, no clause left hanging, no code names, no build words."""
    from analysis.questions import audit

    ev = build(tmp_path, *CASES[case], filler=False)
    checks = audit.checks(ev)
    msgs = [*prose.lede(ev, checks), *prose.timeline_answer(ev), *prose.jobs_answer(ev), *prose.rates_answer(ev), *prose.stock_answer(ev),
            *prose.audit_answer(ev, checks), *prose.seed_timeline_answer(ev), *prose.seed_jobs_answer(ev), *prose.seed_rates_answer(ev),
            *prose.seed_audit_answer(ev, checks), prose.coverage(ev), prose.current(ev)]
    assert str(prose.seed_label(ev)).endswith("):")  # a label before the article's own answer
    for m in msgs:
        text = str(m)
        assert not re.search(r"(?<![\d.,])0 (contradictions|questions|reports|figures|units|jobs)\b", text), text
        assert "((" not in text and "))" not in text and "()" not in text, text
        assert not re.search(r"[,;:]\s*[.]?$", text) and text.rstrip()[-1] == ".", text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text  # no code names
        assert not re.search(r"\b(seed|ledger|scored|claims?)\b|to its date|to the report \(", text, flags=re.I), text
