"""The audit speaks through the catalogue (issue 15): every text of its checks is a message with typed
slots, it renders without a missing key or slot, it reads as house style asks (no build words, no code
names or ids, no doubled brackets, no zero counts), every finding has a headline of at most 20 words,
and a headline states the numbers its ledger rows give.

The real ledger and the made-up ledger of ``test_audit_judgement`` (which has a case for every rule and
grade) are both read; the expected numbers of the last tests come from ``data/figures.tsv`` read as
plain text, not from the package.
"""

from __future__ import annotations

import csv
import html
import json
import re

import pandas as pd
import pytest

from analysis import csvfile, paths
from analysis.evidence import build
from analysis.ledger import load_ledger
from analysis.present import audit_tables, jobs_tables
from analysis.present.blocks import Context
from analysis.questions import audit
from analysis.questions.audit.checks import CHECK_COLUMNS, HEADLINED, MESSAGE_COLUMNS
from analysis.words import All, Msg, slots_of, speaking
from analysis.words.codec import decode, encode
from analysis.words.en import MESSAGES
from evidence_fixtures import build as build_made_up
from evidence_fixtures import rendered

#: Words of the build that never reach a reader (docs/style.md), as patterns.
STRUCK = [r"\bseed", r"\bledger", r"\bclaims?\b", r"\bscored\b", r"to its date", r"to the report \(", r"make report"]

#: A code name ('units_revived') or an id of a figure, source or claim ('C123', 'S04', 'F012', 'W1').
CODE = re.compile(r"\b[A-Za-z]+_[A-Za-z_]+\b|\b[A-Z]{1,3}\d{1,4}[a-z]?\b")

#: A count of nothing written as a number ('0 contradictions').
ZERO = re.compile(r"(?<![\d.,])0 (contradictions|questions|notes|checks|reports|figures|things|units|jobs)\b")


@pytest.fixture(scope="module")
def real():
    return audit.checks(build(load_ledger()))


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    from test_audit_judgement import FIGURES, SOURCES

    return audit.checks(build_made_up(tmp_path_factory.mktemp("words"), SOURCES, FIGURES))


@pytest.fixture(params=["real", "made_up"])
def checks(request):
    return request.getfixturevalue(request.param)


def _messages(value):
    """A message and every message inside its slots (lists included)."""
    if isinstance(value, Msg):
        yield value
        for v in value.slots.values():
            yield from _messages(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _messages(v)
    elif isinstance(value, All):
        for v in value.items:
            yield from _messages(v)


def test_every_text_column_holds_messages(checks):
    assert list(checks.columns) == CHECK_COLUMNS
    for col in MESSAGE_COLUMNS:
        bad = [v for v in checks[col] if not (v is None or isinstance(v, Msg))]
        assert bad == [], f"{col}: {bad[:3]}"
    # The columns a check cannot do without are always said.
    for col in ("subject", "stated", "arithmetic", "finding"):
        assert checks[col].map(lambda v: isinstance(v, Msg)).all(), col


def test_every_message_renders_with_its_key_and_slots(checks):
    seen = 0
    with speaking("en"):
        for col in MESSAGE_COLUMNS:
            for value in checks[col]:
                for m in _messages(value):
                    assert m.key in MESSAGES, m.key
                    assert slots_of(MESSAGES[m.key]) <= set(m.slots), (m.key, m.slots)
                    seen += 1
                if value is not None:
                    text = str(value)
                    assert text and "{" not in text and "}" not in text, (col, text)
                    assert "nan" not in text.split() and "None" not in text and "Msg(" not in text, (col, text)
    assert seen > 100


def test_messages_travel_as_json(real):
    # A page is written again from what its notebook computed: every cell survives the codec.
    for col in MESSAGE_COLUMNS:
        for value in real[col]:
            back = decode(json.loads(json.dumps(encode(value))))
            assert encode(back) == encode(value) and (value is None or str(back) == str(value))


@pytest.mark.parametrize("col", ["finding", "headline"])
def test_findings_and_headlines_read_as_house_style(checks, col):
    shown = rendered(checks[checks["grade"].isin(HEADLINED)])
    assert len(shown)
    for text in shown[col]:
        for pattern in STRUCK:
            assert not re.search(pattern, text, flags=re.I), (pattern, text)
        assert not CODE.search(text), text
        assert "((" not in text and "))" not in text, text
        assert not ZERO.search(text), text
        assert not text.rstrip(".").endswith(("scopes with different definitions", ",", ";", ":")), text


def test_every_finding_has_a_headline_of_at_most_20_words(checks):
    shown = checks["grade"].isin(HEADLINED)
    assert checks.loc[shown, "headline"].map(lambda v: isinstance(v, Msg)).all()
    assert checks.loc[~shown, "headline"].isna().all()
    for text in rendered(checks[shown])["headline"]:
        assert len(text.split()) <= 20, text
        assert text[:1].isupper() or text[:1].isdigit(), text
        assert not text.endswith("."), text


def test_a_headline_names_years_without_their_gregorian_span(checks):
    for text in rendered(checks[checks["grade"].isin(HEADLINED)])["headline"]:
        assert not re.search(r"\b1[34]\d\d \(\d{4}", text), text


def test_rule_titles_and_grade_meanings_come_from_the_catalogue():
    from analysis.evidence.grading import GRADES, MEANINGS

    for rule in audit.RULES:
        assert rule.message.key == f"audit.rule.{rule.id}" and rule.title == MESSAGES[rule.message.key]
        assert not re.search(r"\bseed", rule.title)
    assert set(MEANINGS) == {*GRADES, "inference"}
    assert all(isinstance(m, Msg) and m.key in MESSAGES for m in MEANINGS.values())


# ---------------------------------------------------------------------------------------------
# Downloads: sentences written once, in English
# ---------------------------------------------------------------------------------------------

def test_a_csv_writes_every_sentence_as_english_text(real, tmp_path):
    path = csvfile.write_csv(real, tmp_path / "checks.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(real) and list(rows[0]) == CHECK_COLUMNS
    expected = rendered(real)
    for col in MESSAGE_COLUMNS:
        got = [r[col] for r in rows]
        # The text a reader sees, neutralised against spreadsheet formulas as every cell is.
        assert got == [csvfile.neutralise(t) for t in expected[col]], col
        joined = " ".join(got)
        assert "Msg(" not in joined and not re.search(r"[۰-۹٠-٩]", joined)
    # Numbers and ids are written as before.
    assert [r["claim_id"] for r in rows] == real["claim_id"].tolist()
    assert [float(r["stated_value"]) for r in rows if r["stated_value"]] == real["stated_value"].dropna().tolist()


def test_a_csv_is_in_english_whatever_language_is_in_force(real, tmp_path):
    with speaking("fa"):
        out = csvfile.in_english(real.head(3))
    assert out["finding"].tolist() == rendered(real.head(3))["finding"].tolist()


def test_a_frame_without_sentences_is_written_unchanged():
    frame = pd.DataFrame({"a": ["x", None], "b": [1.0, 2.0]})
    assert csvfile.in_english(frame) is frame


# ---------------------------------------------------------------------------------------------
# The tables are blocks, written in the language of the page
# ---------------------------------------------------------------------------------------------

def test_the_audit_tables_are_blocks_that_render_and_travel(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path))
    ev = build(load_ledger())
    checks = audit.checks(ev)
    blocks = [audit_tables.grades(), audit_tables.findings(ev, checks, "f"), audit_tables.counts(checks, "k"),
              audit_tables.all_checks(ev, checks, "a"), audit_tables.seed_date(ev, "d"), audit_tables.seed_share(ev, "s"),
              jobs_tables.checks(checks, "average", ev, "j", title="averages")]
    for block in blocks:
        page = block.html(Context())
        assert "{" not in page and "Msg(" not in page and "nan" not in page.split()
        assert decode(json.loads(json.dumps(encode(block)))).html(Context()) == page
    findings = blocks[1].html(Context())
    # The headline comes first, then grade, finding, size, figures, sources and arithmetic.
    heads = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", findings)[:7]
    assert heads == ["Finding", "Grade", "In full", "How large", "Figures", "Sources", "The arithmetic"]
    first = audit.findings(checks).iloc[0]
    assert f"<td>{html.escape(str(first['headline']), quote=False)}</td>" in findings
    with open(tmp_path / "f.csv", encoding="utf-8") as fh:
        assert "headline" in fh.readline()


# ---------------------------------------------------------------------------------------------
# A headline states what its ledger rows say (the rows read as plain text, not by the package)
# ---------------------------------------------------------------------------------------------

def _ledger_rows() -> dict[str, dict]:
    with open(paths.data_dir() / "figures.tsv", encoding="utf-8-sig", newline="") as fh:
        return {r["figure_id"]: r for r in csv.DictReader(fh, delimiter="\t")}


def _worded(row: dict) -> str:
    value = f"{float(row['value']):,.0f}"
    return {"exact": value, "over": f"over {value}", "about": f"about {value}", "at_least": f"at least {value}",
            "up_to": f"up to {value}"}[row["qualifier"]]


def _ids(cell: str) -> list[str]:
    return [x.strip() for x in cell.replace(";", ",").split(",") if x.strip()]


def test_two_reports_that_cannot_both_be_right_are_named_with_their_numbers(real):
    rows = _ledger_rows()
    hits = real[(real["rule"] == "different_values") & (real["grade"] == "contradiction")]
    assert len(hits)
    for _, check in hits.iterrows():
        figures = [rows[f] for f in _ids(check["figure_ids"])]
        words = sorted({_worded(r) for r in figures})
        years = {r["jalali_year"] for r in figures}
        assert len(words) == 2 and len(years) == 1, figures
        headline = str(check["headline"])
        assert headline.startswith(f"Two reports of {years.pop()}'s"), headline
        for w in words:
            assert re.search(rf"(?<![\d,]){re.escape(w)}(?![\d,])", headline), (w, headline)
        if {r["scope"] for r in figures} == {"national"}:
            assert "nationally" in headline


def test_parts_that_do_not_add_up_are_named_with_their_sum(real):
    rows = _ledger_rows()
    hits = real[(real["rule"] == "parts_total") & real["grade"].isin(["contradiction", "question"])]
    both = 0
    for _, check in hits.iterrows():
        figures = [rows[f] for f in _ids(check["figure_ids"])]
        parks = {r["figure_id"]: float(r["value"]) for r in figures if r["scope"] in ("industrial_parks", "outside_parks")}
        scopes = {r["scope"] for r in figures}
        if {"industrial_parks", "outside_parks"} <= scopes:
            both += 1
            # One figure per part (the check cites each chosen claim's figures: the same value each).
            inside = {float(r["value"]) for r in figures if r["scope"] == "industrial_parks"}
            outside = {float(r["value"]) for r in figures if r["scope"] == "outside_parks"}
            national = {float(r["value"]) for r in figures if r["scope"] == "national"}
            assert len(inside) == len(outside) == len(national) == 1, parks
            total = inside.pop() + outside.pop()
            headline = str(check["headline"])
            assert f"sum to {total:,.0f}, not the national {national.pop():,.0f}" in headline, headline
    assert both >= 1
