"""Persian numbers, dates, ordinals and counted nouns (analysis.i18n.fa), against hand-written Persian.

The invisible marks are written as escapes: LRM = \\u200e, RLM = \\u200f, ZWNJ = \\u200c, minus = \\u2212.
The last test opens Chromium and checks where each part of a sentence is drawn inside
``<p dir="rtl" lang="fa">`` (slow: it starts a browser).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import calendar, fmt
from analysis.i18n import fa


@pytest.mark.parametrize("x,decimals,text", [
    (1500, 0, "۱٬۵۰۰"),
    (17.87, 1, "۱۷٫۹"),                     # rounded, not truncated
    (1234567.891, 2, "۱٬۲۳۴٬۵۶۷٫۸۹"),
    (4567, 0, "\u06f4\u066c\u06f5\u06f6\u06f7"),  # Persian ۴ ۵ ۶ (U+06F4..6), not Arabic-Indic ٤ ٥ ٦
    (np.int64(21618), 0, "۲۱٬۶۱۸"),
    (0, 0, "۰"),
    (-0.04, 1, "۰"),                        # rounds to zero: no sign, as fmt.number's '0'
    (-12, 0, "\u200e\u2212۱۲"),             # LRM keeps the minus left of the digits
    (-1500.5, 1, "\u200e\u2212۱٬۵۰۰٫۵"),
])
def test_number(x, decimals, text):
    assert fa.number(x, decimals) == text


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, np.nan])
def test_missing_values_give_nothing(missing):
    assert fa.number(missing) == fa.percent(missing) == fa.signed(missing) == fa.date(missing) == ""


def test_infinity_is_said_in_words():
    assert fa.number(math.inf) == "نامحدود"
    assert fa.percent(math.inf) == "نامحدود"


def test_percent_sign_follows_the_number_after_an_rlm():
    assert fa.percent(25) == "۲۵\u200f٪"
    assert fa.percent(12.5, 1) == "۱۲٫۵\u200f٪"
    assert fa.percent(-4) == "\u200e\u2212۴\u200f٪"
    assert "\u066a" in fa.percent(1) and "%" not in fa.percent(1)


def test_signed_changes():
    assert fa.signed(12.5, 1) == "\u200e+۱۲٫۵"
    assert fa.signed(-3) == "\u200e\u2212۳"
    assert fa.signed(0.04, 1) == "۰٫۰"      # no sign on a zero
    assert fa.percent_change(37.8) == "\u200e+۳۷٫۸\u200f٪"
    assert fa.percent_change(-12) == "\u200e\u2212۱۲٫۰\u200f٪"
    assert fa.percent_change(math.inf) == ""


def test_ranges_and_open_ranges():
    assert fa.range_(1500, 1550) == "۱٬۵۰۰ تا ۱٬۵۵۰"
    assert fa.range_(1500.2, 1499.8) == "۱٬۵۰۰"          # ends that read alike are one number
    assert fa.range_(20, 25, percent=True) == "۲۰\u200f٪ تا ۲۵\u200f٪"
    assert fa.at_least(1500) == "دست\u200cکم ۱٬۵۰۰"
    assert fa.at_most(1500) == "حداکثر ۱٬۵۰۰"
    assert fa.at_least(90, percent=True) == "دست\u200cکم ۹۰\u200f٪"


@pytest.mark.parametrize("qualifier,text", [
    ("exact", "۱٬۵۰۰"), ("about", "حدود ۱٬۵۰۰"), ("over", "بیش از ۱٬۵۰۰"),
    ("at_least", "دست\u200cکم ۱٬۵۰۰"), ("up_to", "حداکثر ۱٬۵۰۰"),
])
def test_qualified_figures(qualifier, text):
    assert fa.qualified(1500, qualifier) == text


def test_every_ledger_qualifier_has_persian_words():
    from analysis.words.en import MESSAGES

    assert set(fa.QUALIFIERS) == {k.split(".", 1)[1] for k in MESSAGES if k.startswith("qualifier.")}


def test_to_ascii_digits():
    assert fa.to_ascii_digits("\u200e\u2212۱٬۵۰۰٫۵\u200f٪") == "-1,500.5%"
    assert fa.to_ascii_digits("سال ۱۴۰۰: ۲۵\u200f٪") == "سال 1400: 25%"
    assert fa.to_ascii_digits("٤٥٦") == "456"                 # Arabic-Indic digits too
    assert fa.persian_digits("Q1 2020") == "Q۱ ۲۰۲۰"


@pytest.mark.parametrize("x,decimals,english", [
    (21618, 0, "21,618"), (17.87, 1, "17.9"), (-1500.5, 1, "-1,500.5"), (0.004, 2, "0"), (2.5, 0, "2"), (3.5, 0, "4"),
])
def test_same_numbers_as_the_english_edition(x, decimals, english):
    assert fa.to_ascii_digits(fa.number(x, decimals)) == fmt.number(x, decimals) == english


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 3))
def test_every_number_matches_its_english_twin(x, decimals):
    assert fa.to_ascii_digits(fa.number(x, decimals)) == fmt.number(x, decimals)


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

def test_month_names():
    assert fa.IRANIAN_MONTHS == ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                                 "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
    assert fa.GREGORIAN_MONTHS == ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
                                   "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر")


@pytest.mark.parametrize("when,text", [
    (dt.date(2020, 3, 20), "۱ فروردین ۱۳۹۹"),          # Nowruz 1399
    ("1399/01/01", "۱ فروردین ۱۳۹۹"),
    (pd.Timestamp("2021-03-21"), "۱ فروردین ۱۴۰۰"),
    (dt.date(2022, 9, 23), "۱ مهر ۱۴۰۱"),
    (dt.date(2023, 12, 22), "۱ دی ۱۴۰۲"),               # the day after Yalda
    ("1402/12/29", "۲۹ اسفند ۱۴۰۲"),
])
def test_iranian_dates_day_first_with_month_names(when, text):
    assert fa.date(when) == text


def test_gregorian_date_in_parentheses():
    assert fa.gregorian_date(dt.date(2020, 3, 20)) == "۲۰ مارس ۲۰۲۰"
    assert fa.gregorian_date("1400/05/01") == "۲۳ ژوئیه ۲۰۲۱"
    assert fa.date_both("1399/01/01") == "۱ فروردین ۱۳۹۹ (۲۰ مارس ۲۰۲۰)"
    assert fa.date_both(pd.NaT) == ""


def test_impossible_dates_are_refused():
    with pytest.raises(calendar.CalendarError):
        fa.date("1400/12/30")                            # 1400 is a common year


def test_years():
    assert fa.year(1402) == "۱۴۰۲"                       # no thousands separator in a year
    assert fa.year_span(1399) == "۱۳۹۹ (۲۰۲۰–۲۱)"
    assert fa.year_span(1378) == "۱۳۷۸ (۱۹۹۹–۲۰۰۰)"     # a new century is written in full


# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("n,after,before", [
    (1, "یکم", "نخستین"), (2, "دوم", "دومین"), (3, "سوم", "سومین"), (4, "چهارم", "چهارمین"),
    (13, "سیزدهم", "سیزدهمین"), (21, "بیست و یکم", "بیست و یکمین"), (23, "بیست و سوم", "بیست و سومین"),
    (30, "سی\u200cام", "سی\u200cامین"), (100, "صدم", "صدمین"), (1001, "هزار و یکم", "هزار و یکمین"),
])
def test_ordinals(n, after, before):
    assert fa.ordinal(n) == after
    assert fa.ordinal(n, before_noun=True) == before


def test_ordinals_start_at_one():
    with pytest.raises(ValueError):
        fa.ordinal(0)


@pytest.mark.parametrize("n,text", [
    (0, "صفر"), (15, "پانزده"), (1402, "هزار و چهارصد و دو"), (1_000_000, "یک میلیون"),
    (2_300_021, "دو میلیون و سیصد هزار و بیست و یک"),
])
def test_words(n, text):
    assert fa.words(n) == text


def test_counted_nouns_stay_singular():
    assert fa.count(3, "گزارش") == "۳ گزارش"
    assert fa.count(1500, "واحد") == "۱٬۵۰۰ واحد"
    assert fa.count(12, "شهرک صنعتی") == "۱۲ شهرک صنعتی"


def test_plurals_join_with_a_zwnj():
    assert fa.plural("گزارش") == "گزارش\u200cها"
    assert fa.plural("کارخانه") == "کارخانه\u200cها"
    assert fa.plural("شهرک", "صنعتی") == "شهرک\u200cهای صنعتی"


@pytest.mark.parametrize("noun,text", [
    ("گزارش", "گزارشی"), ("کارخانه", "کارخانه\u200cای"), ("شهرک صنعتی", "شهرک صنعتی\u200cای"),
    ("جا", "جایی"), ("دارو", "دارویی"), ("ماه", "ماهی"), ("گاو", "گاوی"),
])
def test_indefinite(noun, text):
    assert fa.indefinite(noun) == text


def test_none_of():
    assert fa.none_of("گزارش") == "هیچ گزارشی"


def test_latin_names_are_closed_with_an_rlm():
    assert fa.latin("Financial Tribune") == "Financial Tribune\u200f"


def _everything_written() -> list[str]:
    return [*fa.IRANIAN_MONTHS, *fa.GREGORIAN_MONTHS, *fa.QUALIFIERS.values(), fa.NO_LIMIT,
            *(fa.ordinal(n, before_noun=b) for n in range(1, 120) for b in (False, True)),
            *(fa.words(n) for n in (*range(0, 1001), 10**6 + 7, 3 * 10**9)),
            fa.number(-1234567.891, 2), fa.percent_change(-3.5), fa.range_(1, 2, percent=True),
            fa.plural("شهرک", "صنعتی"), fa.none_of("کارخانه"), fa.at_least(1), fa.year_span(1399),
            *(fa.date(f"1401/{m:02d}/01") for m in range(1, 13)), fa.gregorian_date(dt.date(2020, 1, 1))]


def test_persian_letters_and_digits_only():
    """ک and ی, never the Arabic ك ي; Persian digits, never Arabic-Indic (ISIRI 6219)."""
    text = "".join(_everything_written())
    assert not set(text) & set("كي" + "٠١٢٣٤٥٦٧٨٩" + "0123456789")


def test_zwnj_only_between_letters():
    for word in _everything_written():
        for i, char in enumerate(word):
            if char == fa.ZWNJ:
                assert 0 < i < len(word) - 1 and word[i - 1] != " " and word[i + 1] != " ", repr(word)


# ---------------------------------------------------------------------------------------------
# In Chromium: where each part is drawn inside a right-to-left paragraph
# ---------------------------------------------------------------------------------------------

#: (sentence, pairs (a, b): the first occurrence of a is drawn left of the first occurrence of b)
LAYOUTS = [
    ("رشد " + fa.percent(25) + " بود", [("٪", "۲"), ("۲", "۵")]),             # ٪ left of the number
    (fa.percent(25), [("٪", "۲")]),                                            # alone in a cell too
    ("تغییر " + fa.signed(-12) + " واحد", [("\u2212", "۱"), ("۱", "۲")]),       # minus left of the digits
    ("رشد " + fa.percent_change(30.6), [("٪", "+"), ("+", "۳"), ("۳", "۶")]),
    ("احیای " + fa.range_(1500, 1550) + " واحد", [("۵۵", "تا"), ("تا", "۱٬۵۰۰")]),  # the low end first (rightmost)
    ("سال " + fa.year_span(1399), [("۲۱", "۲۰۲۰"), ("۲۰۲۰", "۱۳۹۹")]),
    (fa.date_both("1399/01/01"), [("مارس", "فروردین"), ("۲۰۲۰", "مارس")]),
    ("به گزارش " + fa.latin("Tribune") + "، " + fa.count(1500, "واحد"), [("۱٬۵۰۰", "Tribune")]),
]


def _chromium():
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
    if not (chromium and driver):
        pytest.fail("this test needs Chromium and ChromeDriver: run `make browser` (Debian's chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='isipo-fa-')}", "--window-size=1200,800"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


#: For paragraph ``i``, the left edge of the first occurrence of each asked-for substring.
_LEFTS = """
const [i, needles] = arguments, node = document.getElementById('p' + i).firstChild, out = {};
for (const n of needles) {
  const at = node.data.indexOf(n), r = document.createRange();
  r.setStart(node, at); r.setEnd(node, at + n.length); out[n] = r.getBoundingClientRect().left;
}
return out;"""


@pytest.mark.slow
def test_parts_are_drawn_in_reading_order_in_chromium():
    from analysis.i18n import shaping
    import html

    body = "".join(f'<p id="p{i}">{html.escape(text)}</p>' for i, (text, _) in enumerate(LAYOUTS))
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as page:
        page.write(f'<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><style>'
                   f'{shaping.font_face_css()} p {{font: 24px "Noto Sans Arabic", sans-serif; white-space: nowrap}}'
                   f'</style></head><body>{body}</body></html>')
    driver = _chromium()
    try:
        driver.get(Path(page.name).as_uri())
        for i, (text, pairs) in enumerate(LAYOUTS):
            lefts = driver.execute_script(_LEFTS, i, sorted({s for pair in pairs for s in pair}))
            for a, b in pairs:
                assert lefts[a] < lefts[b], f"in {text!r}, {a!r} should be drawn left of {b!r}: {lefts}"
    finally:
        driver.quit()
        os.unlink(page.name)
