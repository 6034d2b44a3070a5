"""The loader's rules across fields, rows and the calendar: each refused by name, with the fix.

The build day (nothing dated after the day the ledger is read), a rounding step the value allows,
restatements that repeat every field that says what is counted, the primary source being the one
whose text is kept, and the year stated on an undated stock. Every test edits a temporary copy of
the ledger (``ledger_copy``) and checks the one message line naming file, line, id and field.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import buildday
from analysis.ledger import load_ledger
from test_bad_input import load_fails, problem_line


def _load(copy, **kwargs):
    return load_ledger(data_dir=copy.data, seeds_dir=copy.seeds, **kwargs)


def _fails(copy, **kwargs):
    """Like ``load_fails``, with a build day."""
    from analysis.ledger import LedgerError

    before = copy.snapshot()
    with pytest.raises(LedgerError) as info:
        _load(copy, **kwargs)
    assert copy.snapshot() == before, "loading the ledger changed or added files"
    return info.value


# --- the build day ------------------------------------------------------------------------------

def test_a_report_dated_after_the_build_day_is_refused(ledger_copy):
    # P41, the latest report, shows 2025-12-25: read on 2025-12-24 it cannot exist yet; on the 25th it can.
    line = ledger_copy.line_of(ledger_copy.sources, "P41")
    error = _fails(ledger_copy, build_day="2025-12-24")
    assert problem_line(error, "sources.tsv", line, "P41", "published").endswith(
        "2025-12-25 is after today, 2025-12-24 (the build day): a report in hand was published by today at the latest; "
        "correct the date")
    # The shown date is named once, not again through the two bounds that equal it.
    assert [p.field for p in error.problems if p.record == "P41"] == ["published"]
    assert "P41" in set(_load(ledger_copy, build_day="2025-12-25").sources["source_id"])


def test_an_undated_report_whose_latest_date_is_after_the_build_day_is_refused(ledger_copy):
    # S02 is undated, 2018-03-21 .. 2018-05-22; read on 2018-05-01, its latest bound lies ahead.
    error = _fails(ledger_copy, build_day="2018-05-01")
    line = ledger_copy.line_of(ledger_copy.sources, "S02")
    assert "2018-05-22 is after today, 2018-05-01 (the build day)" in problem_line(error, "sources.tsv", line, "S02", "published_latest")
    assert not any(p.record == "S02" and p.field == "published_earliest" for p in error.problems)


def test_a_count_ending_after_the_build_day_is_refused(ledger_copy):
    # C212 counts 1403 (2024-03-20 .. 2025-03-20); read on 2025-03-01, its period has not ended.
    line = ledger_copy.line_of(ledger_copy.figures, "C212")
    error = _fails(ledger_copy, build_day="2025-03-01")
    assert problem_line(error, "figures.tsv", line, "C212", "period_end").endswith(
        "2025-03-20 is after today, 2025-03-01 (the build day): a count or a level cannot cover days that have not "
        "come yet; check the date")
    # named once: not again as "after the report could have appeared"
    assert len([p for p in error.problems if p.record == "C212"]) == 1


def test_a_count_of_a_year_to_come_is_refused_but_a_target_is_not(ledger_copy):
    """A report and a count for 1405 are refused when the ledger is read in 1404; a target for 1405 may lie ahead."""
    with open(ledger_copy.sources, "a", encoding="utf-8") as f:
        f.write("S51\tExample Daily\ten\thttps://example.org/s51\t2025-05-10\t2025-05-10\t2025-05-10\tshown\t\t\t\tno\tmade up\n")
        f.write("S52\tExample Daily\ten\thttps://example.org/s52\t2026-04-01\t2026-04-01\t2026-04-01\tshown\t\t\t\tno\tmade up\n")
    with open(ledger_copy.figures, "a", encoding="utf-8") as f:
        # 1405 runs 2026-03-21 .. 2027-03-20; S51 (1404) states a target for it, S52 a count in it.
        f.write("X1\tS51\tunits_target\t2500\texact\t\tnational\t\t\t\t2026-03-21\t2027-03-20\t\t\t\t\tA. Spokesperson\t\t\tmade up\n")
        f.write("X2\tS52\tunits_revived\t2500\texact\t\tnational\t\t\t\t2026-03-21\t2026-03-31\t\t\t\t\tA. Spokesperson\t\t\tmade up\n")
    error = _fails(ledger_copy, build_day="2025-06-01")
    assert "2026-04-01 is after today, 2025-06-01" in problem_line(
        error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S52"), "S52", "published")
    assert "2026-03-21 is after today, 2025-06-01" in problem_line(
        error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "X2"), "X2", "period_start")
    assert not any(p.record in ("S51", "X1") for p in error.problems)


def test_the_build_day_is_taken_from_the_environment(ledger_copy, monkeypatch):
    monkeypatch.setenv(buildday.ENV, "2025-04-21")
    assert buildday.build_day() == pd.Timestamp("2025-04-21")
    error = load_fails(ledger_copy)  # no build_day argument: the variable decides
    problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S50"), "S50", "published")
    monkeypatch.setenv(buildday.ENV, "")  # empty: today, after every report of the ledger
    assert buildday.build_day() == pd.Timestamp(pd.Timestamp.today().date())
    _load(ledger_copy)


@pytest.mark.parametrize("text", ["2025-13-01", "tomorrow", "2025-02-29", "1404/01/01"])
def test_a_build_day_that_is_not_a_day_is_named(monkeypatch, text):
    monkeypatch.setenv(buildday.ENV, text)
    with pytest.raises(buildday.BuildDayError) as info:
        buildday.build_day()
    assert str(info.value) == (f"ISIPO_BUILD_DAY={text!r} is not a day written YYYY-MM-DD (for example 2025-06-01); "
                               "correct it, or unset ISIPO_BUILD_DAY to build as of today")


def test_the_environment_a_kernel_gets_pins_the_day():
    assert buildday.environment(pd.Timestamp("2025-04-21")) == {"ISIPO_BUILD_DAY": "2025-04-21"}


# --- rounding steps ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("record", "step"), [("C003", "1000"), ("C003", "5"), ("C003", "2000"), ("F02", "300")],
                         ids=["1462-to-1000", "1462-to-5", "step-above-the-value", "9800-to-300"])
def test_a_rounding_step_the_value_does_not_allow_is_refused(ledger_copy, record, step):
    # 1,462 / 1,000, 1,462 / 5 and 9,800 / 300 are not whole numbers; 2,000 is larger than 1,462.
    line = ledger_copy.line_of(ledger_copy.figures, record)
    value = ledger_copy.cell(ledger_copy.figures, record, "value")
    ledger_copy.set_cell(ledger_copy.figures, record, "rounding", step)
    error = load_fails(ledger_copy)
    assert problem_line(error, "figures.tsv", line, record, "rounding").endswith(
        f"the value {value} cannot have been rounded to a step of {step}: a rounded figure is a whole multiple of its "
        f"step (so the step is no larger than the value); write a step {value} is a multiple of, none, or leave it empty")


def test_a_zero_cannot_carry_a_rounding_step(ledger_copy):
    ledger_copy.set_cell(ledger_copy.figures, "C003", "value", "0")
    ledger_copy.set_cell(ledger_copy.figures, "C003", "rounding", "100")
    error = load_fails(ledger_copy)
    assert "the value 0 cannot have been rounded to a step of 100" in problem_line(
        error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "C003"), "C003", "rounding")


@pytest.mark.parametrize(("record", "step", "low", "high"), [
    ("C003", "2", 1461, 1463),     # 1,462 = 731 x 2: half a step either way
    ("F02", "200", 9700, 9900),    # 9,800 = 49 x 200
    ("F02", "9800", 4900, 14700),  # the value itself is the largest step it allows
], ids=["1462-to-2", "9800-to-200", "9800-to-9800"])
def test_a_step_the_value_is_a_multiple_of_is_accepted(ledger_copy, record, step, low, high):
    ledger_copy.set_cell(ledger_copy.figures, record, "rounding", step)
    row = _load(ledger_copy).figure(record)
    assert (row["low"], row["high"]) == (low, high)


# --- restatements ---------------------------------------------------------------------------------

def test_a_restatement_with_another_target_kind_is_refused(ledger_copy):
    # C020 restates C014, the 1398 national target of 2,000, whose target_kind is empty (a revival goal).
    line = ledger_copy.line_of(ledger_copy.figures, "C020")
    ledger_copy.set_cell(ledger_copy.figures, "C020", "target_kind", "mandate")
    error = load_fails(ledger_copy)
    assert problem_line(error, "figures.tsv", line, "C020", "restates").endswith(
        "restates C014, whose target_kind is empty, not 'mandate'; a restatement repeats the same figure (same "
        "metric, value, scope, province, target kind, expectation, period and year)")


def test_a_restatement_of_an_undated_stock_with_another_year_is_refused(ledger_copy):
    # C074 (9,800 idle park units, S16, 2020-11-01 = 1399) restates C066 (S15, also 1399); 1398 is another year.
    line = ledger_copy.line_of(ledger_copy.figures, "C074")
    ledger_copy.set_cell(ledger_copy.figures, "C074", "jalali_year", "1398")
    error = load_fails(ledger_copy)
    assert "restates C066, whose jalali_year is '1399', not '1398'" in problem_line(error, "figures.tsv", line, "C074", "restates")


def test_a_restatement_may_word_the_figure_differently(ledger_copy):
    """Qualifier, rounding, speaker, agency and note are how a figure was stated, not what it counts."""
    for field, text in (("qualifier", "about"), ("rounding", "100"), ("speaker", "Someone else"), ("agency", "IRNA"),
                        ("note", "another note")):
        ledger_copy.set_cell(ledger_copy.figures, "C074", field, text)
    row = _load(ledger_copy).figure("C074")
    assert (row["restates"], row["qualifier"], row["low"], row["high"]) == ("C066", "about", 9750, 9850)


# --- the primary source -------------------------------------------------------------------------------

def test_the_primary_flag_on_a_source_without_a_seed_file_is_refused(ledger_copy):
    ledger_copy.set_cell(ledger_copy.sources, "S00", "primary", "no")
    ledger_copy.set_cell(ledger_copy.sources, "S03", "primary", "yes")
    error = load_fails(ledger_copy)
    assert problem_line(error, "sources.tsv", ledger_copy.line_of(ledger_copy.sources, "S03"), "S03", "primary").endswith(
        "only the seed article, whose text is kept in seeds/ (named in seed_file), can be primary; write no here "
        "(and yes on the seed's row), or name this report's text in seed_file")


# --- the year of an undated stock -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "refused"), [("1395", True), ("1396", False), ("1397", False)])
def test_the_year_of_an_undated_stock_is_not_far_before_its_report(ledger_copy, text, refused):
    # C005 (industrial-park units, no date) is from S02, published from 2018-03-21 = 1397/01/01 on: 1397 and
    # the year before, 1396, are accepted; 1395 is more than a year before.
    ledger_copy.set_cell(ledger_copy.figures, "C005", "jalali_year", text)
    if not refused:
        assert _load(ledger_copy).figure("C005")["jalali_year"] == int(text)
        return
    error = load_fails(ledger_copy)
    assert problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "C005"), "C005", "jalali_year").endswith(
        "Iranian year 1395 is more than 1 year before its report (published from 2018-03-21, in 1397): a stock without "
        "an as-of date stands at its report's date; give its as-of date in period_end, or correct the year")


# --- expectations ---------------------------------------------------------------------------------

def _append_expectations(copy, rows: list[str]) -> None:
    """S51 (2025-05-10, in 1404) and the given figure rows (figures.tsv's columns, tab-separated)."""
    with open(copy.sources, "a", encoding="utf-8") as f:
        f.write("S51\tExample Daily\ten\thttps://example.org/s51\t2025-05-10\t2025-05-10\t2025-05-10\tshown\t\t\t\tno\tmade up\n")
    with open(copy.figures, "a", encoding="utf-8") as f:
        f.writelines(r + "\n" for r in rows)


def _row(fid: str, metric: str, value: int, start: str, end: str, expectation: str = "expected") -> str:
    # figure_id source_id metric value qualifier rounding scope province target_kind expectation period_start period_end
    # period_start_jalali period_end_jalali jalali_year restates speaker agency quote note
    return "\t".join([fid, "S51", metric, str(value), "exact", "", "national", "", "", expectation, start, end, "", "", "", "",
                      "A. Spokesperson", "", "", "made up"])


def test_an_expectation_for_the_running_year_is_accepted(ledger_copy):
    # 1404 runs 2025-03-21 .. 2026-03-20; S51 (2025-05-10) expects 2,000 units and 26 jobs a unit by its end.
    _append_expectations(ledger_copy, [_row("X1", "units_revived", 2000, "2025-03-21", "2026-03-20"),
                                       _row("X2", "jobs_per_unit_stated", 26, "2025-03-21", "2026-03-20")])
    ledger = _load(ledger_copy, build_day="2025-12-31")
    assert set(ledger.figures.loc[ledger.figures["expectation"] == "expected", "figure_id"]) == {"X1", "X2"}


def test_the_same_figure_as_a_result_is_refused(ledger_copy):
    # Without `expected`, 2,000 units to 2026-03-20 would be a count covering days after its report.
    _append_expectations(ledger_copy, [_row("X1", "units_revived", 2000, "2025-03-21", "2026-03-20", expectation="")])
    error = _fails(ledger_copy, build_day="2026-06-01")
    assert "after the report could have appeared" in problem_line(
        error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "X1"), "X1", "period_end")


@pytest.mark.parametrize("metric, start, end, field, words", [
    # A target is already a plan.
    ("units_target", "2025-03-21", "2026-03-20", "expectation", "a target is already a plan; leave expectation empty"),
    # 1403 ended 2025-03-20, before S51 appeared: that is a result, not an expectation.
    ("units_revived", "2024-03-20", "2025-03-20", "expectation",
     "the period ended on 2025-03-20, before the report (published from 2025-05-10): an expectation is for a period still "
     "running or ahead; leave expectation empty if this is the result"),
    # The day it is expected by must be given.
    ("units_revived", "2025-03-21", "", "period_end", "an expectation needs the last day of the period it is for"),
])
def test_an_expectation_that_cannot_be_one_is_refused(ledger_copy, metric, start, end, field, words):
    _append_expectations(ledger_copy, [_row("X1", metric, 2000, start, end)])
    error = _fails(ledger_copy, build_day="2025-12-31")
    assert words in problem_line(error, "figures.tsv", ledger_copy.line_of(ledger_copy.figures, "X1"), "X1", field)


def test_a_shown_date_without_its_bounds_is_named_once_per_empty_bound(ledger_copy):
    # P41 shows its date; with both bounds emptied, each is named as missing, and not again as different from it.
    for field in ("published_earliest", "published_latest"):
        ledger_copy.set_cell(ledger_copy.sources, "P41", field, "")
    error = load_fails(ledger_copy)
    mine = [(p.field, p.message) for p in error.problems if p.record == "P41"]
    assert [field for field, _ in mine] == ["published_earliest", "published_latest"]
    assert all("give the date bounds" in message for _, message in mine)


def test_a_bound_that_differs_from_the_shown_date_is_still_refused(ledger_copy):
    ledger_copy.set_cell(ledger_copy.sources, "P41", "published_latest", "")
    ledger_copy.set_cell(ledger_copy.sources, "P41", "published_earliest", "2025-12-20")
    error = load_fails(ledger_copy)
    mine = {(p.field, p.message) for p in error.problems if p.record == "P41"}
    assert ("published_earliest", "when 'published' is given, both bounds must equal it") in mine
    assert any(field == "published_latest" and "give the date bounds" in message for field, message in mine)
