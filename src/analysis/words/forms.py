"""How each kind of slot is written in the language in force: numbers, estimates, years, days, counts, lists.

In: a typed slot value of :mod:`analysis.words` and the language in force. Out: text (or HTML, for
:func:`write_html`). Numbers go through :mod:`analysis.fmt`, which rounds once for every language and
writes the digits of the language in force (Persian digits and separators through
:mod:`analysis.i18n.fa`), so the two editions state the same numbers. Words that belong to a language
(month names, "and", "points", plural nouns) come from its catalogue.

Dates: a sentence's day (:class:`~analysis.words.Day`) is written as the language's catalogue orders
it (English: '9 August 2020'; Persian: the Iranian date first, the Gregorian in brackets); a table's
date (:class:`~analysis.words.Date`) carries both calendars in figures.
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

from .. import calendar, fmt
from . import (LANGUAGE, All, Approx, Count, Date, Day, Est, Label, Link, Month, Msg, Num, Period, Points, Share, Signed, Stated, Text, Window,
               Year, catalogue, label)


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def digits(text: str) -> str:
    """A run of ASCII digits (a year, a day) in the digits of the language in force, without separators."""
    if LANGUAGE.get() == "fa":
        from ..i18n import fa

        return fa.persian_digits(text)
    return text


def _t(key: str, **slots: str) -> str:
    return catalogue()[key].format(**slots)


def year_span(y: int) -> str:
    """'1399 (2020–21)': an Iranian year with the Gregorian years it spans (both in full across a century)."""
    first, last = (d.year for d in calendar.year_bounds(int(y)))
    end = str(last)[-2:] if first // 100 == last // 100 else str(last)
    return _t("form.year", year=digits(str(int(y))), first=digits(str(first)), last=digits(end))


def gregorian_day(d: Any, year: bool = True, short: bool = False) -> str:
    """'9 August 2020' (``short``: '9 Aug 2020'), in the language in force."""
    d = pd.Timestamp(d)
    month = catalogue()[f"month.{d.month}"]
    if short and LANGUAGE.get() == "en":
        month = month[:3]
    if not year:
        return _t("form.day_month", day=digits(str(d.day)), month=month)
    return _t("form.gregorian_day", day=digits(str(d.day)), month=month, year=digits(str(d.year)))


def iranian_day(d: Any, year: bool = True) -> str:
    """'19 Mordad 1399' (Persian: '۱۹ مرداد ۱۳۹۹')."""
    y, m, day = calendar.to_jalali(pd.Timestamp(d))
    month = catalogue()[f"jmonth.{m}"]
    if not year:
        return _t("form.day_month", day=digits(str(day)), month=month)
    return _t("form.gregorian_day", day=digits(str(day)), month=month, year=digits(str(y)))


def day(d: Any) -> str:
    """A day in a sentence: the catalogue's ``form.day`` with both calendars' words to choose from."""
    if _missing(d):
        return ""
    return _t("form.day", gregorian=gregorian_day(d), iranian=iranian_day(d))


def month(d: Any) -> str:
    """The month a day falls in: 'August 2020' (the catalogue's ``form.month`` chooses the calendar)."""
    if _missing(d):
        return ""
    d = pd.Timestamp(d)
    y, m, _ = calendar.to_jalali(d)
    table = catalogue()
    return _t("form.month", gregorian=_t("form.month_year", month=table[f"month.{d.month}"], year=digits(str(d.year))),
              iranian=_t("form.month_year", month=table[f"jmonth.{m}"], year=digits(str(y))))


def date(d: Any) -> str:
    """A day in a table, both calendars in figures: '2020-08-09 (1399/05/19)' (Persian: Iranian first)."""
    if _missing(d):
        return ""
    d = pd.Timestamp(d)
    # Persian sets both dates with slashes: between Persian digits a slash keeps a date one left-to-right run,
    # where hyphens would let right-to-left text reorder its parts.
    gregorian = f"{d:%Y/%m/%d}" if LANGUAGE.get() == "fa" else f"{d:%Y-%m-%d}"
    return _t("form.date", gregorian=digits(gregorian), iranian=digits(calendar.format_jalali(d)))


def short_date(d: Any) -> str:
    """A day in a label, in figures, in the calendar the language reads first: '2020-08-09' / '۱۳۹۹/۰۵/۱۹'."""
    if _missing(d):
        return ""
    d = pd.Timestamp(d)
    return digits(calendar.format_jalali(d)) if LANGUAGE.get() == "fa" else f"{d:%Y-%m-%d}"


def window(first: Any, last: Any, between: bool = False) -> str:
    """Two days in a sentence: '25 August to 8 September 2020' (``between``: 'between 25 August and
    8 September 2020'), '9 August 2020' when they are one."""
    if _missing(first):
        return ""
    a, b = pd.Timestamp(first), pd.Timestamp(last)
    if a == b:
        return day(a)
    key = "form.between" if between else "form.window"
    if LANGUAGE.get() == "en":
        return _t(key, first=gregorian_day(a, year=a.year != b.year), last=gregorian_day(b))
    return _t(key, first=day(a), last=day(b))


def span(first: Any, last: Any) -> str:
    """Gregorian dates of a period, compact: '20 Mar–20 Jun 2020', '21 Dec 2020–19 Mar 2021'."""
    if _missing(first) or _missing(last):
        return ""
    a, b = pd.Timestamp(first), pd.Timestamp(last)
    left = gregorian_day(a, year=a.year != b.year, short=True)
    return _t("form.span", first=left, last=gregorian_day(b, short=True))


def period(p: Period) -> str:
    """A claim's period as a label: '1399 (2020–21)', '1399, first quarter (20 Mar–20 Jun 2020)',
    '1399, to 2020-07-29', '1399, to a day between 2020-08-25 and 2020-09-08', 'as of 2020-09-08'."""
    kind = p.kind
    y = digits(str(p.first_year)) if not _missing(p.first_year) else ""

    def dates() -> str:
        return span(p.start, p.end)

    def to_end(key: str, **slots: str) -> str:
        if not _missing(p.end):
            return _t(key, end=short_date(p.end), **slots)
        if not _missing(p.end_earliest) and pd.Timestamp(p.end_earliest) == pd.Timestamp(p.end_latest):
            return _t(key, end=short_date(p.end_earliest), **slots)  # a dated report's day
        return _t(key + "_undated", first=short_date(p.end_earliest), last=short_date(p.end_latest), **slots)

    if kind == "full_year":
        return year_span(int(p.first_year))
    if kind in ("quarter", "half"):
        size = 3 if kind == "quarter" else 6
        n = (int(p.month_first) - 1) // size + 1
        return _t(f"period.{kind}", year=y, ordinal=catalogue()[f"ordinal.{n}"], dates=dates())
    if kind == "months":
        return _t("period.months", year=y, first=digits(str(int(p.month_first))), last=digits(str(int(p.month_last))), dates=dates())
    if kind == "year_to_date":
        return to_end("period.ytd", year=y)
    if kind == "multi_year":
        return _t("period.multi_year", first=y, last=digits(str(int(p.last_year))))
    if kind == "since_date":
        return to_end("period.since", start=short_date(p.start))
    if kind == "span":
        return _t("period.span", start=short_date(p.start), end=short_date(p.end))
    if kind == "stock":
        return to_end("period.stock")
    return catalogue()["period.none"]


def write(v: Any) -> str:
    """One slot value as text in the language in force."""
    table = catalogue()
    if isinstance(v, Msg):
        return str(v)
    if isinstance(v, str):
        return v
    if isinstance(v, Text):
        return v.value
    if isinstance(v, Link):
        return write(v.text)
    if isinstance(v, Label):
        return label(v.kind, v.code)
    if isinstance(v, Num):
        if _missing(v.value):
            return ""
        d = v.digits if v.digits is not None else (0 if float(v.value).is_integer() else 1)
        out = fmt.amount(v.value, v.unit, d)
        return out if v.unit in ("", "%", "rials", "US dollars") or not out else _t("form.count", n=out, noun=fmt.unit_words(v.unit))
    if isinstance(v, Est):
        return fmt.estimate(v.value, v.low, v.high, v.unit, v.digits)
    if isinstance(v, Stated):
        return "" if _missing(v.value) else fmt.stated(v.value, v.qualifier, v.unit)
    if isinstance(v, Approx):
        return fmt.approx(v.value, v.figures)
    if isinstance(v, Share):
        return fmt.share(v.value)
    if isinstance(v, Signed):
        return fmt.percent_change(v.value, v.digits) if v.unit == "%" else _signed(v.value, v.digits)
    if isinstance(v, Points):
        x = abs(float(v.value))
        return _t("form.points", n=fmt.number(x, 1 if x < 10 else 0))
    if isinstance(v, Year):
        return year_span(int(v.value)) if v.span else digits(str(int(v.value)))
    if isinstance(v, Day):
        return day(v.value)
    if isinstance(v, Date):
        return date(v.value)
    if isinstance(v, Month):
        return month(v.value)
    if isinstance(v, Window):
        return window(v.first, v.last, v.between)
    if isinstance(v, Period):
        return period(v)
    if isinstance(v, Count):
        one, many = table[f"noun.{v.noun}"].split("|")
        k = int(v.n)
        if k == 0:
            if LANGUAGE.get() == "fa":
                from ..i18n import fa

                # Persian: «هیچ» takes the noun with its indefinite «ی» (هیچ گزارشی, هیچ نکته‌ای), not a plural.
                return _t("form.none", things=fa.indefinite(one))
            return _t("form.none", things=many)
        return _t("form.count", n=fmt.number(k), noun=one if k == 1 else many)
    if isinstance(v, All):
        items = [w for w in (write(i) for i in v.items if i is not None) if w != ""]
        if len(items) <= 1:
            return "".join(items)
        return table[f"form.{v.sep}"].join(items[:-1]) + table[f"form.{v.word}"] + items[-1]
    if isinstance(v, bool):
        raise TypeError("cannot write a bool in a sentence")
    if isinstance(v, (int, float)):
        return fmt.number(v, 0 if float(v).is_integer() else 1)
    raise TypeError(f"cannot write a {type(v).__name__} in a sentence; pass a typed slot (Num, Est, Label, ...)")


def _signed(x: Any, d: int) -> str:
    if _missing(x):
        return ""
    x = float(x)
    text = fmt.number(abs(x), d)
    if text == fmt.number(0, d) or x == 0:
        return text
    return table_sign(x > 0) + text


def table_sign(positive: bool) -> str:
    return catalogue()["form.sign_plus" if positive else "form.sign_minus"]


def write_html(v: Any) -> str:
    """One slot value as HTML: escaped text, and a :class:`~analysis.words.Link` as a link."""
    if isinstance(v, Msg):
        return v.html()
    if isinstance(v, Link):
        inner = write_html(v.text)
        return f'<a href="{html.escape(v.href, quote=True)}">{inner}</a>' if v.href else inner
    if isinstance(v, All):
        items = [w for w in (write_html(i) for i in v.items if i is not None) if w != ""]
        table = catalogue()
        if len(items) <= 1:
            return "".join(items)
        return html.escape(table[f"form.{v.sep}"]).join(items[:-1]) + html.escape(table[f"form.{v.word}"]) + items[-1]
    return html.escape(write(v), quote=False)
