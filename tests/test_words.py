"""The catalogue: one place for every word a reader sees, complete for every code the data can hold,
its templates free of numbers of their own, and the Persian catalogue in step with the English one."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from analysis import vocab
from analysis.evidence import estimates, targets
from analysis.questions import audit
from analysis.words import (All, Count, Day, Est, Label, Link, Msg, Num, Period, Share, Stated, Text, Window, Year, catalogue, label,
                            say, slots_of, speaking)
from analysis.words.codec import decode, encode
from analysis.words.forms import write

EN = catalogue("en")


def _codes():
    """Every code of every vocabulary a page may name, with the catalogue kind that words it."""
    yield from (("metric", m) for m in vocab.METRICS)
    yield from (("scope", s) for s in vocab.SCOPES)
    yield from (("scope_in", s) for s in vocab.SCOPES)
    yield from (("date_basis", d) for d in vocab.DATE_BASES)
    yield from (("target_kind", k) for k in targets.TARGET_KINDS)
    yield from (("target_role", r) for r in targets.TARGET_ROLES)
    yield from (("not_judged", n) for n in targets.NOT_SCORED)
    yield from (("basis", b) for b in estimates.BASES)
    yield from (("choice", r) for r in estimates.RULES)
    yield from (("weighed_role", r) for r in estimates.WEIGHED_ROLES)
    yield from (("grade", g) for g in audit.ORDER)
    yield from (("rule", r.id) for r in audit.RULES)
    yield from (("qualifier", q) for q in ("exact", "about", "over", "at_least", "up_to"))
    yield from (("unit", u) for u in {("%" if m.unit == "percent" else m.unit) for m in vocab.METRICS.values()})


@pytest.mark.parametrize("kind, code", sorted(set(_codes())))
def test_every_code_has_words(kind, code):
    assert f"{kind}.{code}" in EN, f"no words for {kind} {code!r}: add '{kind}.{code}' to src/analysis/words/en/"


def test_templates_hold_no_numbers_of_their_own():
    # Numbers are slots; a template's own digits would escape the number formatting of each language.
    # (Download titles name their page's number, as the files do: keys like 'download.01-years' hold none either.)
    offenders = {k: t for k, t in EN.items() if re.search(r"\d", re.sub(r"\([^)]*\.html[^)]*\)", "", t))}
    assert offenders == {}


def test_a_missing_slot_or_key_is_an_error_not_a_brace_on_a_page():
    with pytest.raises(KeyError, match="needs"):
        say("answer.current")
    with pytest.raises(KeyError, match="no message"):
        say("answer.no_such_thing")


def test_labels_of_unknown_codes_fall_back_to_words():
    assert label("scope", "industrial_parks") == "industrial parks"
    assert label("scope", "a_new_scope") == "a new scope"


@pytest.mark.parametrize("value, text", [
    (Count(0, "report"), "no reports"), (Count(1, "report"), "1 report"), (Count(1200, "report"), "1,200 reports"),
    (All((Num(1), Num(2), Num(3))), "1, 2 and 3"), (All((Num(1),)), "1"),
    (Year(1399), "1399 (2020\u201321)"), (Year(1378), "1378 (1999\u20132000)"), (Year(1399, span=False), "1399"),
    (Day("2020-08-09"), "9 August 2020"), (Window("2020-08-25", "2020-09-08"), "25 August to 8 September 2020"),
    (Window("2020-12-25", "2021-01-08", between=True), "between 25 December 2020 and 8 January 2021"),
    (Est(1589.12, 1563, 1641.37, "units"), "1,589 (1,563 to 1,641)"), (Share(25.79), "26%"), (Share(6.34), "6.3%"),
    (Stated(1500, "over", "units"), "over 1,500"), (Stated(35e12, "exact", "rials"), "35 trillion rials"),
    (Label("scope", "smes"), "SME plan"),
    (Period("quarter", 1399, 1399, pd.Timestamp("2020-03-20"), pd.Timestamp("2020-06-20"), None, None, 1, 3),
     "1399, first quarter (20 Mar\u201320 Jun 2020)"),
    (Period("year_to_date", 1399, 1399, pd.Timestamp("2020-03-20"), pd.NaT, pd.Timestamp("2020-08-25"), pd.Timestamp("2020-09-08"), 1, 12),
     "1399, to a day between 2020-08-25 and 2020-09-08"),
])
def test_each_kind_of_slot_is_written_as_the_house_style_says(value, text):
    assert write(value) == text


def test_a_message_is_written_as_html_with_its_links_and_everything_else_escaped():
    msg = Msg("lede.fewer", {"share": Link(Share(26), "03-year-on-year.html#03-pace-by-year")})
    assert msg.html() == '<a href="03-year-on-year.html#03-pace-by-year">26%</a> fewer'
    hostile = Msg("sources.no_address", {"citation": Text("<script>x</script>")})
    assert "<script>" not in hostile.html() and "&lt;script&gt;" in hostile.html()


def test_messages_and_frames_travel_as_json_and_come_back_the_same():
    msg = Msg("answer.rates.fell", {"year": Year(1403), "count": Est(1344.0, 1344.0, float("inf"), "units"), "share": Share(25.8),
                                    "prev": Num(1811), "prev_year": Year(1402)})
    back = decode(json.loads(json.dumps(encode(msg))))
    assert back == msg and str(back) == str(msg)
    frame = pd.DataFrame({"y": [1399, 1400], "v": [1.5, float("nan")], "d": pd.to_datetime(["2020-03-20", None]), "s": ["a", "b"]})
    again = decode(json.loads(json.dumps(encode(frame))))
    pd.testing.assert_frame_equal(again, frame)


def test_persian_numbers_are_the_english_numbers_in_persian_digits():
    from analysis.i18n.fa import to_ascii_digits

    for value in (Est(1589.12, 1563, 1641.37, "units"), Share(25.79), Num(17.42, 1), Est(-37.3, -100, -37.3, "%")):
        english = write(value)
        with speaking("fa"):
            persian = write(value)
        assert re.findall(r"\d+", english.replace(",", "")) == re.findall(r"\d+", to_ascii_digits(persian).replace(",", "")), (english, persian)


def test_the_persian_catalogue_has_the_english_keys_and_slots():
    # Outlets' Persian names (outlet.*) are the Persian catalogue's own: English shows the publisher's name.
    fa = {k: t for k, t in catalogue("fa").items() if not k.startswith("outlet.")}
    assert set(fa) == set(EN), {"missing": sorted(set(EN) - set(fa))[:20], "extra": sorted(set(fa) - set(EN))[:20]}
    # A day and a month are written in the calendars a language reads (English: the Gregorian only).
    calendars = {"form.day", "form.month"}
    assert {k: slots_of(t) for k, t in fa.items() if k not in calendars} == {k: slots_of(t) for k, t in EN.items() if k not in calendars}
