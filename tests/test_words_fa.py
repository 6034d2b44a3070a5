"""The Persian catalogue: the English catalogue's keys and slots, written as a Persian newspaper prints.

Each area translated so far (:data:`AREAS`) has exactly the English area's keys, and each template the
slots of its English twin. The templates hold no ASCII digits, no Latin letters but a few names that
stay Latin (:data:`LATIN`) and link addresses, Persian punctuation, Persian ی and ک, and the zero-width
non-joiner where Persian joins a word's parts without joining their letters (می‌شود, گزارش‌ها,
دست‌کم). Every answer the pages give, on the shipped ledger and on small made-up ones, reads in
Persian without Latin letters (but outlets that have no Persian name) or ASCII digits.
"""

from __future__ import annotations

import csv
import re
from importlib import import_module

import pytest

from analysis import fmt, paths
from analysis.i18n import fa as fa_text
from analysis.words import All, Count, Est, Msg, Num, Signed, Text, catalogue, say, slots_of, speaking
from analysis.words.forms import write

#: The areas of the catalogue translated into Persian (``analysis.words.fa.<area>``).
AREAS = ("core", "labels", "answers", "pages", "front", "glossary", "tables", "audit", "provinces")

#: Templates whose Latin letters are names that stay Latin: the package's name, the English edition's own
#: name for itself (the link to it), and the file formats.
LATIN = {"report.name", "nav.twin", "front.chart_links", "download.description", "table.download", "front.columns.1"}

ZWNJ = "\u200c"
LATIN_LETTER = re.compile(r"[A-Za-z]")
ADDRESS = re.compile(r"\]\([^)]*\)")  # the address of a [text](address) link
CODE = re.compile(r"`[^`]+`")  # a file's column name, set as code (it stays as the file spells it)
SLOT = re.compile(r"{\w+}")
WORD_END = r"(?=[\s،؛.:!؟)»\]]|$)"
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _area(language: str, area: str) -> dict[str, str]:
    return import_module(f"analysis.words.{language}.{area}").MESSAGES


def _outlets() -> dict[str, str]:
    return {k: v for k, v in _area("fa", "front").items() if k.startswith("outlet.")}


def _persian() -> dict[str, str]:
    """Every Persian template of the translated areas, by key (outlets included)."""
    out = {}
    for area in AREAS:
        out.update(_area("fa", area))
    return out


def _words(template: str) -> str:
    """A template's own words: each slot a neutral sign (¤), no link addresses."""
    return SLOT.sub("\u00a4", CODE.sub("\u00a4", ADDRESS.sub("]", template)))


# --- the same keys and slots as English --------------------------------------------------------------

@pytest.mark.parametrize("area", AREAS)
def test_an_area_has_the_english_keys(area):
    persian = {k for k in _area("fa", area) if not k.startswith("outlet.")}
    english = set(_area("en", area))
    assert sorted(english - persian) == [], "not translated"
    assert sorted(persian - english) == [], "not in the English catalogue"


#: Forms the code fills with a day in both calendars, of which a language writes the ones it reads
#: (English a sentence's day in the Gregorian alone; Persian the Iranian first, the Gregorian in brackets).
CALENDARS = {"form.day", "form.month", "form.date"}


@pytest.mark.parametrize("area", AREAS)
def test_each_template_has_its_english_twins_slots(area):
    english = _area("en", area)
    for key, template in _area("fa", area).items():
        if key in CALENDARS:
            assert slots_of(template) <= {"gregorian", "iranian"} and "iranian" in slots_of(template), key
        elif key in english:
            assert slots_of(template) == slots_of(english[key]), key


def test_the_persian_catalogue_is_gathered_from_the_areas():
    table = catalogue("fa")
    for key, template in _persian().items():
        assert table[key] == template


def test_plural_nouns_keep_two_forms():
    for key, template in _persian().items():
        if key.startswith("noun."):
            one, many = template.split("|")
            assert one == many, f"{key}: Persian keeps the singular after a number"


# --- script, digits and punctuation ------------------------------------------------------------------

def test_no_template_holds_an_ascii_digit():
    for key, template in _persian().items():
        assert not re.search(r"[0-9]", _words(template)), key


def test_no_template_holds_latin_letters_but_the_names_that_stay_latin():
    for key, template in _persian().items():
        latin = LATIN_LETTER.findall(_words(template))
        assert bool(latin) == (key in LATIN), f"{key}: {template}"


def test_links_keep_their_english_addresses():
    english = catalogue("en")
    for key, template in _persian().items():
        if "](" in template:
            assert re.findall(r"\]\(([^)]*)\)", template) == re.findall(r"\]\(([^)]*)\)", english[key]), key


def test_persian_letters_not_arabic_ones():
    # Arabic yeh (U+064A) and kaf (U+0643) look alike but sort, search and break differently.
    for key, template in _persian().items():
        assert not re.search("[\u064a\u0643]", template), key


def test_persian_punctuation():
    for key, template in _persian().items():
        words = _words(template)
        if key in LATIN:
            continue
        assert not re.search(r'[,;?"]', words), f"{key}: Persian writes ، ؛ ؟ « »"
        assert not re.search(r"\s[،؛؟.:]", words.strip()), f"{key}: a space before punctuation"
        assert "  " not in template.strip(), f"{key}: a double space"


def test_the_number_forms_are_those_of_analysis_i18n_fa():
    with speaking("fa"):
        assert fmt.share(26) == fa_text.percent(26) == "۲۶\u200f٪"
        assert fmt.percent_change(-12.5) == fa_text.percent_change(-12.5)
        assert write(Signed(-1200, 0, unit="")) == fa_text.signed(-1200) == "\u200e\u2212۱٬۲۰۰"
        assert write(Signed(1200, 0, unit="")) == fa_text.signed(1200)
        assert write(Est(None, 1500, 1550, "units")) == fa_text.range_(1500, 1550) == "۱٬۵۰۰ تا ۱٬۵۵۰"
        assert write(Est(None, 1557, float("inf"), "units")) == fa_text.at_least(1557) == "دست\u200cکم ۱٬۵۵۷"
        assert fmt.number(float("inf")) == say("form.no_limit") == fa_text.NO_LIMIT
        for code, word in fa_text.QUALIFIERS.items():
            assert say(f"qualifier.{code}", n="۱") == (f"{word} ۱" if word else "۱")
        assert [say(f"jmonth.{m}") for m in range(1, 13)] == list(fa_text.IRANIAN_MONTHS)
        assert [say(f"month.{m}") for m in range(1, 13)] == list(fa_text.GREGORIAN_MONTHS)


def test_counts_and_lists_read_as_persian():
    with speaking("fa"):
        assert write(Count(3, "report")) == "۳ گزارش"
        assert write(Count(1, "report")) == "۱ گزارش"
        assert write(Count(0, "note")) == "هیچ نکته\u200cای"  # «هیچ» and the indefinite «ی», not a plural
        assert write(Count(0, "claim")) == "هیچ ادعایی"
        assert write(All((Num(1), Num(2), Num(3)))) == "۱، ۲ و ۳"
        assert write(Num(35e12, unit="rials")) == "۳۵ هزار میلیارد ریال"


def test_a_latin_outlet_keeps_the_date_after_it_in_reading_order():
    # Persian digits are European numbers to the bidi algorithm: after a Latin name they would join its
    # left-to-right run and be read before it. The RLM after the name stops that.
    with speaking("fa"):
        assert say("source.dated", outlet=Text("MENAFN"), date="۱۴۰۳/۰۵/۲۲") == "MENAFN\u200f، ۱۴۰۳/۰۵/۲۲"


# --- the zero-width non-joiner -------------------------------------------------------------------------

#: Word parts Persian joins with a ZWNJ, written here with a space: none may appear so in a template.
SPLIT = [
    (r"(?:^|[\s«(])ن?می\s", "the prefix می/نمی before a verb"),
    (r"\sها(?:ی|یی|یش|یشان|یمان)?" + WORD_END, "the plural ها"),
    (r"\sتر(?:ین)?" + WORD_END, "the comparative تر/ترین"),
    (r"[هی]\sای" + WORD_END, "the indefinite ای after ه or ی"),
    (r"ه\s(?:اند|ایم|اید)" + WORD_END, "a verb's ending after a participle (شده‌اند)"),
]

#: Compounds the templates use, each written joined by a ZWNJ.
COMPOUNDS = ["دست کم", "بی تاریخ", "نیمه فعال", "سه ماهه", "شش ماهه", "راستی آزمایی", "گاه شمار", "واژه نامه", "هیچ یک",
             "به طور", "به عنوان", "به علاوه", "بی آنکه", "به سختی", "هدف گذاری", "آن گونه", "هم پوشانی", "رئیس جمهور",
             "نوت بوک", "کارخانه ها"]


def test_word_parts_are_joined_with_a_zero_width_non_joiner():
    for key, template in _persian().items():
        words = _words(template)
        for pattern, what in SPLIT:
            assert not re.search(pattern, words), f"{key}: {what} written apart: {template}"
        for compound in COMPOUNDS:
            assert compound not in words, f"{key}: «{compound}» is written with a ZWNJ: {compound.replace(' ', ZWNJ)}"


def test_a_zero_width_non_joiner_stands_only_between_letters_that_would_join():
    # After a letter that never joins the next one (ا د ذ ر ز ژ و) a ZWNJ does nothing; beside a space,
    # a bracket or a mark it is a stray.
    for key, template in _persian().items():
        for at in (m.start() for m in re.finditer(ZWNJ, template)):
            before, after = template[at - 1:at], template[at + 1:at + 2]
            assert before and after and before.isalpha() and after.isalpha(), f"{key}: a stray ZWNJ at {at}: {template}"
            assert before not in "اآدذرزژو", f"{key}: a ZWNJ after «{before}», which never joins: {template}"


def test_the_checks_catch_what_they_look_for():
    """Each check above fails on the mistake it is for."""
    for broken in ("گزارش ها", "می شود", "بزرگ ترین", "نکته ای", "شده اند", "دست کم ۱"):
        words = _words(broken)
        assert (any(re.search(p, words) for p, _ in SPLIT) or any(c in words for c in COMPOUNDS)), broken
    for joined in ("گزارش‌ها", "می‌شود", "بزرگ‌ترین", "نکته‌ای", "شده‌اند", "دست‌کم ۱"):
        words = _words(joined)
        assert not (any(re.search(p, words) for p, _ in SPLIT) or any(c in words for c in COMPOUNDS)), joined


# --- outlets -------------------------------------------------------------------------------------------

def _publishers() -> set[str]:
    with open(paths.ROOT / "data" / "sources.tsv", encoding="utf-8", newline="") as f:
        return {row["publisher"].split(" (")[0] for row in csv.DictReader(f, delimiter="\t")}


def test_outlet_names_are_outlets_of_the_ledger_in_persian():
    publishers = _publishers()
    for key, name in _outlets().items():
        assert key.removeprefix("outlet.") in publishers, f"{key}: no such publisher in data/sources.tsv"
        assert not LATIN_LETTER.search(name), key


def test_the_tables_name_outlets_in_persian():
    from analysis.present.tables import outlet

    with speaking("fa"):
        assert outlet("Mehr News Agency (English)") == "خبرگزاری مهر"
        assert outlet("Tehran Times") == "تهران تایمز"
        assert outlet("MENAFN") == "MENAFN"  # no Persian name of its own
    assert outlet("Tehran Times") == "Tehran Times"


# --- the answers, rendered ---------------------------------------------------------------------------

def _answers(ev, checks) -> list[Msg]:
    from analysis.present import prose

    return [prose.seed_name(ev), prose.seed_label(ev), prose.coverage(ev), prose.current(ev), *prose.lede(ev, checks),
            *prose.timeline_answer(ev), *prose.jobs_answer(ev), *prose.rates_answer(ev),
            *prose.audit_answer(ev, checks), *prose.stock_answer(ev),
            *prose.seed_timeline_answer(ev), *prose.seed_jobs_answer(ev), *prose.seed_rates_answer(ev),
            *prose.seed_audit_answer(ev, checks)]


def _latin_outlets() -> list[str]:
    named = {k.removeprefix("outlet.") for k in _outlets()}
    return sorted(_publishers() - named, key=len, reverse=True) + ["Example Daily"]


def _assert_persian_words(sentences: list[str]) -> None:
    """Persian letters and digits only (outlets with no Persian name aside), every slot filled."""
    latin = _latin_outlets()
    for sentence in sentences:
        rest = sentence
        for name in latin:
            rest = rest.replace(name, "")
        assert not LATIN_LETTER.search(rest), sentence
        assert not re.search(r"[0-9]", rest), sentence
        assert "{" not in sentence and "}" not in sentence, sentence


def _assert_persian(sentences: list[str]) -> None:
    """An answer's sentences: Persian words, and none over the house style's 40 words."""
    _assert_persian_words(sentences)
    for sentence in sentences:
        for part in re.split(r"(?<=[.؛])\s+", sentence):
            assert len(part.split()) <= 40, part


def test_every_answer_on_the_shipped_ledger_reads_in_persian():
    from analysis import evidence
    from analysis.ledger import load_ledger
    from analysis.questions import audit

    ev = evidence.build(load_ledger())
    checks = audit.checks(ev)
    with speaking("fa"):
        sentences = [str(m) for m in _answers(ev, checks)]
    _assert_persian(sentences)
    assert sentences[0] == "گزارش تهران تایمز در مرداد ۱۳۹۹"


def _small_cases():
    from test_small_ledgers import CASES

    return CASES


@pytest.mark.parametrize("case", list(_small_cases()))
def test_every_answer_on_a_small_ledger_reads_in_persian(tmp_path, case):
    from analysis.questions import audit
    from evidence_fixtures import build

    ev = build(tmp_path, *_small_cases()[case], filler=False)
    checks = audit.checks(ev)
    with speaking("fa"):
        _assert_persian([str(m) for m in _answers(ev, checks)])


def test_a_message_made_in_english_names_its_outlet_in_persian():
    from analysis import evidence
    from analysis.ledger import load_ledger
    from analysis.present import prose

    name = prose.seed_name(evidence.build(load_ledger()))
    assert name.render("fa") == "گزارش تهران تایمز در مرداد ۱۳۹۹"


def test_answer_numbers_match_the_english_edition():
    """A Persian answer states the numbers its English twin states (dates aside: the calendars differ)."""
    from analysis import evidence
    from analysis.ledger import load_ledger
    from analysis.questions import audit
    from analysis.words import Date, Day, Month, Window

    ev = evidence.build(load_ledger())
    checks = audit.checks(ev)
    dated = (Day, Month, Window, Date)

    def has_date(v) -> bool:  # a slot, or a message inside a slot (the audit's headline), holding a date
        if isinstance(v, dated):
            return True
        if isinstance(v, Msg):
            return any(has_date(x) for x in v.slots.values())
        return isinstance(v, All) and any(has_date(x) for x in v.items)

    for m in _answers(ev, checks):
        if has_date(m):
            continue
        english = re.findall(NUMBER, m.render("en"))
        persian = re.findall(NUMBER, fa_text.to_ascii_digits(m.render("fa")))
        assert sorted(persian) == sorted(english), m.key


def test_every_audit_finding_on_the_shipped_ledger_reads_in_persian():
    """Each check's sentences (headline, finding, reading, arithmetic, stated value, subject, size) in Persian."""
    from analysis import evidence
    from analysis.ledger import load_ledger
    from analysis.questions import audit
    from analysis.questions.audit.checks import MESSAGE_COLUMNS

    checks = audit.checks(evidence.build(load_ledger()))
    with speaking("fa"):
        sentences = [str(m) for col in MESSAGE_COLUMNS for m in checks[col] if m is not None]
    assert sentences
    _assert_persian_words(sentences)
    assert [s for s in sentences if "  " in s] == []
