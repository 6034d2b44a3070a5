"""Numbers, dates, ordinals and counted nouns as Persian readers and newspapers write them.

In: plain values (int, float, ``datetime.date``, ``pandas.Timestamp``, Iranian dates as ``'YYYY/MM/DD'``
text). Out: ``str`` in logical (memory) order, ready to sit inside ``<p dir="rtl" lang="fa">`` or a chart
string passed through :func:`analysis.i18n.shaping.shape`. Missing values (None, NaN, NA, NaT) give ''.

Conventions (Iranian standard ISIRI 6219, CLDR's ``fa`` locale and FarsiWeb's locale requirements for
Iranian Persian, on which CLDR's data is based):

- Persian digits ۰..۹ (U+06F0..U+06F9), never the Arabic-Indic ٠..٩; thousands separator ٬ (U+066C),
  decimal separator ٫ (U+066B); minus sign − (U+2212). Numbers round exactly as the English edition's
  :func:`analysis.fmt.number` does (same format specification), so the two editions state the same
  numbers: ``to_ascii_digits(number(x, d)) == fmt.number(x, d)``.
- Percent: the Arabic percent sign ٪ (U+066A) *follows* the number in reading order, so it stands to the
  **left** of the digits, with no space: ``۲۵٪`` shows as ٪۲۵ read from the right, "twenty-five percent".
  This is the Iranian print convention (FarsiWeb's requirements: "the percent sign should appear on the
  left"). Unicode bidi alone gives it only sometimes: after Persian words the digits resolve as Arabic
  numbers and ٪ lands on the left, but at the start of a line, alone in a table cell or after a Latin
  word it joins the digits' left-to-right run and lands on the right. An RLM (U+200F) between the digits
  and ٪ makes the sign a right-to-left neighbour everywhere. RLM rather than the Arabic letter mark (ALM,
  U+061C): ALM is class AL and would turn later European-class digits into Arabic numbers (rule W2),
  changing how following separators bind; RLM (class R) leaves them alone. RLM has line-break class CM,
  so it attaches to the digit before it and no line breaks inside ``۲۵‏٪``.
- Signs: a negative number and a signed change start with an LRM (U+200E), as CLDR's ``fa`` does:
  ``‎−۱۲``. Without it the minus (class ES) resolves right-to-left and is drawn to the *right* of the
  digits (Chromium shows ``۱۲−``). The LRM makes sign and digits one left-to-right run, as numbers are
  written in Persian.
- Ranges ``۱٬۵۰۰ تا ۱٬۵۵۰``, dates ``۱ فروردین ۱۳۹۹ (۲۰ مارس ۲۰۲۰)`` and year spans ``۱۳۹۹ (۲۰۲۰–۲۱)``
  need no mark: the Persian words and the bracket pairing put every part in reading order (checked in
  Chromium inside ``<p dir="rtl" lang="fa">``, at the start of a paragraph and after Persian words).
- A Latin name inside a Persian sentence (an outlet without a Persian name) goes through :func:`latin`,
  which closes it with an RLM; otherwise a number after it joins the Latin run and is read out of order.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import pandas as pd

from .. import calendar

ZWNJ = "\u200c"  #: zero-width non-joiner: inside words (گزارش‌ها, دست‌کم) it stops a join without a space
LRM = "\u200e"  #: left-to-right mark: before a sign, so the sign stays left of the digits
RLM = "\u200f"  #: right-to-left mark: before ٪ and after an embedded Latin name
ALM = "\u061c"  #: Arabic letter mark: defined for completeness; no function here emits it (see above)
MINUS = "\u2212"
THOUSANDS = "\u066c"  #: ٬
DECIMAL = "\u066b"  #: ٫
PERCENT = "\u066a"  #: ٪

_TO_FA = str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹" + THOUSANDS + DECIMAL)
_TO_ASCII = str.maketrans({**{chr(0x06F0 + i): str(i) for i in range(10)},
                           **{chr(0x0660 + i): str(i) for i in range(10)},
                           THOUSANDS: ",", DECIMAL: ".", PERCENT: "%", MINUS: "-",
                           LRM: None, RLM: None, ALM: None})

#: What an unbounded value reads as (the English edition's 'no limit').
NO_LIMIT = "نامحدود"

#: Iranian (Solar Hijri) months, 1 = Farvardin.
IRANIAN_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                  "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
#: Gregorian months as Iranian publications spell them (the Academy's French-derived forms, CLDR ``fa``).
GREGORIAN_MONTHS = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
                    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر")

#: The ledger's qualifiers as the words placed before a number (see :func:`qualified`).
QUALIFIERS = {"exact": "", "about": "حدود", "over": "بیش از", "at_least": "دست" + ZWNJ + "کم", "up_to": "حداکثر"}


def _missing(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

def persian_digits(text: str) -> str:
    """ASCII digits in ``text`` written as Persian digits (nothing else changes): ``'Q1' -> 'Q۱'``."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def to_ascii_digits(text: str) -> str:
    """Persian text's numbers back in ASCII, to compare the editions' numbers.

    Persian and Arabic-Indic digits -> 0-9, ٬ -> ',', ٫ -> '.', ٪ -> '%', − -> '-'; the directional
    marks (LRM, RLM, ALM) are dropped. ``'‎−۱٬۵۰۰٫۵‏٪' -> '-1,500.5%'``. Letters are left as they are.
    """
    return text.translate(_TO_ASCII)


def _infinite(x: Any) -> bool:
    return not isinstance(x, numbers.Integral) and math.isinf(float(x))


def _unsigned(x: float | int, decimals: int) -> str:
    """Digits and separators of ``abs(x)``, rounded as :func:`analysis.fmt.number` rounds."""
    return f"{abs(float(x)):,.{decimals}f}".translate(_TO_FA)  # float, as fmt.number: the same rounding


def _is_zero(text: str) -> bool:
    return text.strip("۰" + THOUSANDS + DECIMAL) == ""


def number(x: Any, decimals: int = 0) -> str:
    """A number in Persian digits with ٬ and ٫: ``number(1500) == '۱٬۵۰۰'``, ``number(17.87, 1) == '۱۷٫۹'``.

    Negative: ``'‎−۱۲'`` (LRM, minus, digits; see the module's notes). A value that rounds to zero is
    ``'۰'`` (the English edition's '0'). Missing -> ''; infinite -> ``'نامحدود'``.
    """
    if _missing(x):
        return ""
    if _infinite(x):
        return NO_LIMIT
    text = _unsigned(x, decimals)
    if _is_zero(text):
        return "۰"  # as fmt.number: '0', never '-0' or '0.0'
    return LRM + MINUS + text if x < 0 else text


def signed(x: Any, decimals: int = 0) -> str:
    """A change with its sign: ``'‎+۱۲٫۵'``, ``'‎−۳'``; zero (after rounding) has none: ``'۰٫۰'``.

    The LRM keeps the sign on the left of the digits inside right-to-left text.
    """
    if _missing(x) or _infinite(x):
        return ""
    text = _unsigned(x, decimals)
    if _is_zero(text):
        return text
    return LRM + ("+" if x > 0 else MINUS) + text


def _with_percent(text: str) -> str:
    return text + RLM + PERCENT if text and text != NO_LIMIT else text


def percent(x: Any, decimals: int = 0) -> str:
    """A percentage, ٪ after the number in reading order (drawn on its left): ``'۲۵‏٪'``, ``'۱۲٫۵‏٪'``.

    ``x`` is in percent (25 -> 25%), as the ledger's ``*_pct`` metrics are. The RLM before ٪ is explained
    in the module's notes. Negative: ``'‎−۴‏٪'``.
    """
    return _with_percent(number(x, decimals))


_percent = percent


def percent_change(x: Any, decimals: int = 1) -> str:
    """A signed change in percent, the twin of :func:`analysis.fmt.percent_change`: ``'‎+۳۷٫۸‏٪'``."""
    return _with_percent(signed(x, decimals))


def range_(low: Any, high: Any, decimals: int = 0, *, percent: bool = False) -> str:
    """Two bounds joined by «تا»: ``range_(1500, 1550) == '۱٬۵۰۰ تا ۱٬۵۵۰'``; one number if they read alike.

    No mark is needed: the word «تا» is strong right-to-left, so the low bound is read first (rightmost).
    ``percent=True`` writes both ends as :func:`percent`.
    """
    write = _percent_writer(percent)
    lo, hi = write(low, decimals), write(high, decimals)
    return lo if lo == hi else f"{lo} تا {hi}"


def _percent_writer(is_percent: bool):
    """:func:`percent` or :func:`number` (the keyword ``percent`` hides the function inside callers)."""
    return _percent if is_percent else number


def at_least(x: Any, decimals: int = 0, *, percent: bool = False) -> str:
    """An open range with a floor: ``'دست‌کم ۱٬۵۰۰'`` (ZWNJ inside دست‌کم)."""
    return f"{QUALIFIERS['at_least']} {_percent_writer(percent)(x, decimals)}"


def at_most(x: Any, decimals: int = 0, *, percent: bool = False) -> str:
    """An open range with a ceiling: ``'حداکثر ۱٬۵۰۰'``."""
    return f"{QUALIFIERS['up_to']} {_percent_writer(percent)(x, decimals)}"


def qualified(x: Any, qualifier: str, decimals: int = 0, *, percent: bool = False) -> str:
    """A figure as a report worded it, qualifier first: ``qualified(1500, 'over') == 'بیش از ۱٬۵۰۰'``.

    ``qualifier`` is one of the ledger's codes (:data:`QUALIFIERS`); 'exact' adds no word.
    """
    text = _percent_writer(percent)(x, decimals)
    word = QUALIFIERS[qualifier]
    return f"{word} {text}" if word and text else text


def latin(name: str) -> str:
    """A Latin-script name made safe inside a Persian sentence: the name followed by an RLM.

    Without the mark, a number or comma after the name joins its left-to-right run (rule W7) and is
    read before the name. ``f"به گزارش {latin('Financial Tribune')}، ۱٬۵۰۰ واحد"`` reads in order.
    """
    return name + RLM if name else name


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

def _jalali_parts(d: Any) -> tuple[int, int, int]:
    if isinstance(d, str):
        return calendar.parse_jalali(d)
    return calendar.to_jalali(pd.Timestamp(d))


def year(y: int) -> str:
    """A year in Persian digits, without a thousands separator: ``year(1399) == '۱۳۹۹'``."""
    return persian_digits(str(int(y)))


def date(d: Any) -> str:
    """An Iranian date, day first, month by name: ``date('1399/01/01') == '۱ فروردین ۱۳۹۹'``.

    ``d`` is a Gregorian ``date``/``Timestamp`` (converted by :mod:`analysis.calendar`) or an Iranian
    ``'YYYY/MM/DD'`` text. Missing -> ''.
    """
    if _missing(d):
        return ""
    y, m, day = _jalali_parts(d)
    return f"{number(day)} {IRANIAN_MONTHS[m - 1]} {year(y)}"


def gregorian_date(d: Any) -> str:
    """A Gregorian date as Persian pages print it: ``'۲۰ مارس ۲۰۲۰'`` (an Iranian text is converted)."""
    if _missing(d):
        return ""
    g = calendar.to_gregorian(*calendar.parse_jalali(d)) if isinstance(d, str) else pd.Timestamp(d).date()
    return f"{number(g.day)} {GREGORIAN_MONTHS[g.month - 1]} {year(g.year)}"


def date_both(d: Any) -> str:
    """The Iranian date, then the Gregorian in parentheses: ``'۱ فروردین ۱۳۹۹ (۲۰ مارس ۲۰۲۰)'``."""
    if _missing(d):
        return ""
    return f"{date(d)} ({gregorian_date(d)})"


def year_span(iranian_year: int) -> str:
    """An Iranian year with the Gregorian years it spans: ``year_span(1399) == '۱۳۹۹ (۲۰۲۰–۲۱)'``.

    The en dash (U+2013, bidi class ON) between the years resolves right-to-left inside the brackets,
    so 2020 is read first. When the century changes both years are written in full (``'۱۹۹۹–۲۰۰۰'``).
    """
    first, last = (d.year for d in calendar.year_bounds(int(iranian_year)))
    end = str(last)[-2:] if first // 100 == last // 100 else str(last)
    return f"{year(iranian_year)} ({year(first)}–{persian_digits(end)})"


# ---------------------------------------------------------------------------------------------
# Words: cardinals, ordinals, counted nouns
# ---------------------------------------------------------------------------------------------

_ONES = ("صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
_TEENS = ("ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده")
_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
_HUNDREDS = ("", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد")
_SCALES = ((10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار"))


def _below_thousand(n: int) -> list[str]:
    parts = []
    if n >= 100:
        parts.append(_HUNDREDS[n // 100])
        n %= 100
    if 10 <= n < 20:
        parts.append(_TEENS[n - 10])
    else:
        if n >= 20:
            parts.append(_TENS[n // 10])
        if n % 10:
            parts.append(_ONES[n % 10])
    return parts


def words(n: int) -> str:
    """A whole number 0..10**12-1 in words: ``words(1402) == 'هزار و چهارصد و دو'`` (1000 is «هزار»)."""
    n = int(n)
    if not 0 <= n < 10**12:
        raise ValueError(f"words() writes whole numbers from 0 to 10**12 - 1, not {n}")
    if n == 0:
        return _ONES[0]
    parts = []
    for size, name in _SCALES:
        if n >= size:
            count = n // size
            parts.append(name if (count == 1 and size == 1000) else " و ".join(_below_thousand(count)) + " " + name)
            n %= size
    parts.extend(_below_thousand(n))
    return " و ".join(parts)


def ordinal(n: int, *, before_noun: bool = False) -> str:
    """An ordinal in words: after the noun ``'سوم'`` (گزارش سوم), before it ``'سومین'`` (سومین گزارش).

    1 -> «یکم» / «نخستین»; compounds end as their last word does (بیست و یکم, بیست و سومین); three is
    «سوم»; a number ending in «سی» takes «ام» after a ZWNJ (سی‌ام, سی‌امین).
    """
    n = int(n)
    if n < 1:
        raise ValueError(f"ordinals start at 1, not {n}")
    if n == 1:
        return "نخستین" if before_noun else "یکم"
    head, _, last = words(n).rpartition(" ")
    if last == "سه":
        last = "سوم"
    elif last.endswith("ی"):
        last = last + ZWNJ + "ام"
    else:
        last = last + "م"
    text = f"{head} {last}" if head else last
    return text + "ین" if before_noun else text


def count(n: Any, noun: str, decimals: int = 0) -> str:
    """A number of things: ``count(3, 'گزارش') == '۳ گزارش'``. The noun stays singular after a number.

    A phrase works the same way: ``count(12, 'شهرک صنعتی') == '۱۲ شهرک صنعتی'``. For none at all see
    :func:`none_of`.
    """
    return f"{number(n, decimals)} {noun}"


def plural(noun: str, modifier: str = "") -> str:
    """The plural with «ها» joined by a ZWNJ: ``'گزارش‌ها'``; with a modifier, the ezafe «ی» after «ها»:
    ``plural('شهرک', 'صنعتی') == 'شهرک‌های صنعتی'``.
    """
    text = noun + ZWNJ + "ها"
    return f"{text}ی {modifier}" if modifier else text


def indefinite(noun: str) -> str:
    """The noun with the indefinite «ی», joined as the Academy's orthography joins it.

    گزارش -> گزارشی; after a silent final «ه» or a final «ی» the suffix is «ای» after a ZWNJ
    (کارخانه‌ای, صنعتی‌ای); after «ا» or a vowel «و» it is «یی» (جایی, دارویی). A final «ه» after «ا»/«و»
    is sounded (ماه -> ماهی), and «او» ends in a consonant (گاو -> گاوی). For a phrase the suffix goes on
    its last word: 'شهرک صنعتی' -> 'شهرک صنعتی‌ای'.
    """
    if noun.endswith("ه") and not noun.endswith(("اه", "وه")):
        return noun + ZWNJ + "ای"
    if noun.endswith("ی"):
        return noun + ZWNJ + "ای"
    if noun.endswith("ا") or (noun.endswith("و") and not noun.endswith("او")):
        return noun + "یی"
    return noun + "ی"


def none_of(noun: str) -> str:
    """'No ...': ``none_of('گزارش') == 'هیچ گزارشی'``. The sentence's verb must then be negative (نیست, نشد)."""
    return "هیچ " + indefinite(noun)
