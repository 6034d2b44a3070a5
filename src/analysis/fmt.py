"""Numbers, dates, periods and labels as readers read them: the one vocabulary of the package.

In: plain values or whole columns. Out: text. Tables, charts and sentences all format through here,
so a scope, a metric or a number reads the same everywhere, and no code name (``industrial_parks``,
``units_revived``, ``text_clues``) or raw value (``NaN``, ``inf``, ``1500.0``, ``3.5e+13``) reaches a
reader.

Precision: a stated figure is written as stated. A derived value is **rounded, never truncated**, to
the precision its bounds support (:func:`digits_for`): a ratio between 16.0 and 18.2 is written with
one decimal, one between 17.62 and 17.71 with two, and an exact one with the default.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from . import calendar

#: Units counted in whole numbers.
COUNT_UNITS: tuple[str, ...] = ("units", "jobs", "rials", "US dollars", "rials per dollar")

#: Units of ratios of non-negative figures ('' for jobs per unit): a low end of 0 says nothing.
RATIO_UNITS: tuple[str, ...] = ("", "rials per dollar")

#: Magnitude words for large sums, largest first (their words are in the catalogue, ``magnitude.*``).
_MAGNITUDES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _say(key: str, **slots) -> str:
    from .words import say

    return say(key, **slots)


def _fa() -> bool:
    from .words import LANGUAGE

    return LANGUAGE.get() == "fa"


def label(kind: str, code: Any) -> str:
    """The plain words for a code of one vocabulary, in the language in force (the catalogue's
    ``<kind>.<code>``, :func:`analysis.words.label`): ``label("scope", "smes") == "SME plan"``."""
    from .words import label as words_label

    return words_label(kind, code)


def labels(kind: str, codes: pd.Series) -> pd.Series:
    """:func:`label` over a column (each distinct code looked up once)."""
    table = {c: label(kind, c) for c in pd.unique(codes.astype("str"))}
    return codes.astype("str").map(table).astype("str")


def unit_of(metric: str) -> str:
    """The unit a metric is counted in ('units', 'jobs', '%', 'rials', ...), from ``data/metrics.tsv``."""
    from . import vocab

    m = vocab.METRICS.get(metric)
    if m is None:
        return ""
    return "%" if m.unit == "percent" else m.unit


def unit_words(unit: str) -> str:
    """A unit as the language in force writes it after a number ('units', 'jobs'; '' for none)."""
    return label("unit", unit) if unit else ""


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def number(x: Any, digits: int = 0) -> str:
    """A number with thousands separators, rounded (never truncated): ``number(21618) == '21,618'``.

    Missing values give '' and infinities 'no limit' (tables say in words what has no bound).
    """
    if _missing(x):
        return ""
    x = float(x)
    if _fa():
        from .i18n import fa

        return fa.number(x, digits)  # the same rounding, in Persian digits and separators
    if math.isinf(x):
        return _say("form.no_limit")
    text = f"{x:,.{digits}f}"
    return "0" if text.strip("-0.,") == "" else text


def approx(x: Any, figures: int = 2) -> str:
    """A derived number rounded to a few significant figures, for a sentence that must not claim more
    precision than it has: ``approx(42017) == '42,000'``, ``approx(297114) == '300,000'``,
    ``approx(17.87) == '18'``, ``approx(0.139, 2) == '0.14'``."""
    if _missing(x) or math.isinf(float(x)):
        return number(x)
    x = float(x)
    if x == 0:
        return "0"
    place = figures - 1 - math.floor(math.log10(abs(x)))
    return number(round(x, place), max(0, place))


def digits_for(low: float, high: float, default: int = 1, most: int = 2) -> int:
    """Decimals a derived value between ``low`` and ``high`` supports: the place of its width, at least one.

    Width 2.2 -> 1 decimal (17.1, 16.0 to 18.2); width 0.64 -> 1; width 0.09 -> 2; no width -> ``default``.
    """
    if _missing(low) or _missing(high) or not (math.isfinite(low) and math.isfinite(high)):
        return default
    width = high - low
    if width <= 0:
        return default
    return int(min(most, max(1, -math.floor(math.log10(width)))))


def money(x: Any, unit: str = "rials") -> str:
    """A large sum in words: '35 trillion rials', '557.105 billion rials', '833 million US dollars'.

    Written with the digits the sum has (at most three decimals of its magnitude word).
    """
    if _missing(x):
        return ""
    x = float(x)
    if math.isinf(x):
        return _say("form.no_limit")
    for size, word in _MAGNITUDES:
        if abs(x) >= size:
            scaled = x / size
            # As many decimals as the sum has (35.0 -> 35, 30.35 -> 30.35), at most three.
            digits = next((d for d in range(4) if abs(round(scaled, d) - scaled) < 1e-9 * max(1.0, abs(scaled))), 3)
            return _say("form.money", n=number(scaled, digits), magnitude=_say(f"magnitude.{word}"), unit=unit_words(unit))
    return _say("form.count", n=number(x), noun=unit_words(unit))


def amount(x: Any, unit: str, digits: int = 0) -> str:
    """A number in its unit: money in words, percentages with '%', counts with thousands separators."""
    if unit in ("rials", "US dollars"):
        return money(x, unit)
    if unit == "%":
        text = number(x, digits)
        return _say("form.percent", n=text) if text and not (isinstance(x, (int, float)) and math.isinf(float(x))) else text
    return number(x, digits)


def count(n: int, noun: str) -> str:
    """A count of things in words a sentence can carry: 'no questions', '1 question', '1,200 questions'."""
    from .words import Count
    from .words.forms import write

    return write(Count(int(n), noun))


def stated(value: Any, qualifier: str, unit: str) -> str:
    """A figure as the report worded it: 'over 1,500', 'about 31%', '35 trillion rials'."""
    v = float(value)
    digits = 0 if v.is_integer() else len(repr(v).split(".")[1])
    return _say(f"qualifier.{qualifier or 'exact'}", n=amount(v, unit, digits))


def each(func, *columns) -> pd.Series:
    """``func`` applied row by row to aligned columns (scalars repeat), once per distinct row of arguments.

    Tables repeat the same few values many times, so each distinct combination is formatted once.
    Returns a string Series with the first column's index.
    """
    index = next(c.index for c in columns if isinstance(c, pd.Series))
    cells = [c.tolist() if isinstance(c, pd.Series) else [c] * len(index) for c in columns]
    memo: dict = {}
    out = []
    for key in zip(*cells):
        try:
            text = memo[key]
        except KeyError:
            text = memo[key] = func(*key)
        out.append(text)
    return pd.Series(out, index=index, dtype="str")


def stated_column(frame: pd.DataFrame, value: str = "value", qualifier: str = "qualifier", metric: str = "metric") -> pd.Series:
    """:func:`stated` over a frame's rows (its own columns name the value, qualifier and metric)."""
    units = frame[metric].map(unit_of) if metric in frame else pd.Series("", index=frame.index)
    return each(stated, frame[value], frame[qualifier], units)


def estimate(value: Any, low: Any, high: Any, unit: str = "", digits: int | None = None) -> str:
    """An estimate in words; bounds round outward (a low end down, a high end up: 31,292 / 1,751 =
    17.87 is 'at least 17.8'), except for whole things (units, jobs), whose bounds round inward to the
    whole number they imply (at least 121.5 units is at least 122); the central value to the nearest.

    '2,067' (exact), '1,500 (1,500 to 1,550)', 'at least 1,563' (no upper bound), 'at most 1,500',
    '1,999 to 2,118' (no central value), 'cannot be computed' (no bounds: a divisor that may be zero),
    'no bound' (a ratio, ``unit=''``, known only to lie between 0 and infinity), '42,017 (at most 42,617)'
    (a ratio, :data:`RATIO_UNITS`, whose low end is 0).
    ``digits`` defaults to :func:`digits_for` for non-integer values.
    """
    if _missing(low) or _missing(high):
        return _say("form.cannot")
    low, high = float(low), float(high)
    central = None if _missing(value) else float(value)
    if digits is None:
        whole = all(x is None or not math.isfinite(x) or float(x).is_integer() for x in (central, low, high))
        # Counts and sums are whole numbers however their bounds were derived.
        digits = 0 if whole or unit in COUNT_UNITS else digits_for(low, high)

    whole_things = unit in ("units", "jobs") and digits == 0

    def f(x: float, side: str = "") -> str:
        if side and whole_things:
            # Whole things: at least 121.5 units is at least 122, at most 1,641.4 is at most 1,641.
            side = "up" if side == "down" else "down"
        return amount(outward(x, digits, side) if side else x, unit, digits)

    if math.isinf(high) and math.isinf(low):
        return _say("form.any_value")
    if low == high:
        return f(low)  # known exactly: one number, rounded to the nearest
    if math.isinf(high) and low == 0 and unit == "":
        return _say("form.no_bound")  # a ratio of counts (unit '') is at least 0 anyway: "at least 0" would say nothing
    if unit == "%" and low <= -100 and high > -100:
        low = -math.inf  # a fall of 100% or more says nothing a count's change can use: 'at most -37.3%'
        central = None if central is not None and f(central) == f(high, "up") else central
    if math.isinf(high):
        return _say("form.at_least", n=f(low, "down"))
    if math.isinf(low):
        return _say("form.at_most", n=f(high, "up"))
    if f(low, "down") == f(high, "up"):
        return f(low, "down")
    if low == 0 and central is None and unit in ("units", "jobs"):
        return _say("form.at_most", n=f(high, "up"))  # a count is at least 0 anyway: "0 to 1,557" is "at most 1,557"
    if low == 0 and unit in RATIO_UNITS:
        # A ratio of counts cannot be negative: "0 to 42,617" says no more than "at most 42,617".
        return (_say("form.at_most", n=f(high, "up")) if central is None
                else _say("form.central_at_most", value=f(central), high=f(high, "up")))
    if central is None:
        return _say("form.range", low=f(low, "down"), high=f(high, "up"))
    # A central value at an edge of its own range says so: '1,726 (up to 1,750)', not '1,726 (1,726 to 1,750)'.
    if f(central) == f(low, "down"):
        return _say("form.central_up_to", value=f(central), high=f(high, "up"))
    if f(central) == f(high, "up"):
        if low == 0 and unit in ("units", "jobs"):
            return _say("form.at_most", n=f(high, "up"))  # 'at most 1,500', not '1,500 (down to 0)'
        return _say("form.central_down_to", value=f(central), low=f(low, "down"))
    return _say("form.central_range", value=f(central), low=f(low, "down"), high=f(high, "up"))


def outward(x: float, digits: int, side: str) -> float:
    """A bound rounded away from its interval's inside at ``digits`` decimals, so a floor stays a floor
    (``outward(17.871, 1, 'down') == 17.8``) and a ceiling a ceiling (``outward(17.821, 1, 'up') == 17.9``).
    Money in words keeps its own precision (:func:`money`); a bound already at the precision is unchanged."""
    if not math.isfinite(x):
        return x
    scale = 10.0 ** digits
    scaled = x * scale
    # A bound that sits on the precision up to floating-point noise is not moved a whole step.
    if abs(scaled - round(scaled)) < 1e-9 * max(1.0, abs(scaled)):
        return round(scaled) / scale
    return (math.floor(scaled) if side == "down" else math.ceil(scaled)) / scale


def estimate_column(frame: pd.DataFrame, prefix: str = "", unit: str | pd.Series = "", digits: int | None = None) -> pd.Series:
    """:func:`estimate` over ``{prefix}value``, ``{prefix}low``, ``{prefix}high`` columns."""
    return each(estimate, frame[f"{prefix}value"], frame[f"{prefix}low"], frame[f"{prefix}high"], unit, digits)


def interval(low: Any, high: Any, unit: str = "", digits: int | None = None) -> str:
    """Bounds only: '1,999 to 2,118' (see :func:`estimate`)."""
    return estimate(float("nan"), low, high, unit, digits)


def share(pct: Any) -> str:
    """A percentage for a sentence: whole numbers from 10 up, one decimal below ('12%', '6.4%', '0.3%')."""
    if _missing(pct) or math.isinf(float(pct)):
        return ""
    p = float(pct)
    return amount(p, "%", 0 if abs(p) >= 10 else 1)


def percent_change(x: Any, digits: int = 1) -> str:
    """A signed change in percent: '+37.8%', '-12.0%'."""
    if _missing(x) or math.isinf(float(x)):
        return ""
    if _fa():
        from .i18n import fa

        return fa.percent_change(float(x), digits)
    return f"{float(x):+,.{digits}f}%"


# ---------------------------------------------------------------------------------------------
# Dates and periods
# ---------------------------------------------------------------------------------------------

def date(d: Any) -> str:
    """A date in both calendars: '2020-03-20 (1399/01/01)'; '' when missing."""
    if _missing(d) or d is pd.NaT:
        return ""
    return f"{pd.Timestamp(d):%Y-%m-%d} ({calendar.format_jalali(pd.Timestamp(d))})"


def date_window(earliest: Any, latest: Any) -> str:
    """One date, or a window: '2020-08-25 to 2020-09-08 (1399/06/04 to 1399/06/18)'."""
    if _missing(earliest) or earliest is pd.NaT:
        return ""
    e, l = pd.Timestamp(earliest), pd.Timestamp(latest)
    if e == l:
        return date(e)
    return f"{e:%Y-%m-%d} to {l:%Y-%m-%d} ({calendar.format_jalali(e)} to {calendar.format_jalali(l)})"


def date_windows(earliest: pd.Series, latest: pd.Series) -> pd.Series:
    """:func:`date_window` over columns (vectorised conversions)."""
    eg, lg = earliest.dt.strftime("%Y-%m-%d"), latest.dt.strftime("%Y-%m-%d")
    ej, lj = calendar.jalali_text_columns(earliest), calendar.jalali_text_columns(latest)
    one = eg + " (" + ej + ")"
    two = eg + " to " + lg + " (" + ej + " to " + lj + ")"
    out = one.where(earliest == latest, two)
    return out.where(earliest.notna(), "").astype("str")


_PERIOD_COLUMNS = ["period_kind", "first_year", "last_year", "start", "end", "end_earliest", "end_latest", "month_first", "month_last"]


def period_labels(frame: pd.DataFrame) -> pd.Series:
    """Short plain labels for the periods of claims or figures (columns of :mod:`analysis.evidence.periods`).

    '1399', '1399, first quarter', '1399, first half', '1399, months 1-7', '1399 to 2020-07-29',
    '1399 to the report (2020-08-25 to 2020-09-08)', '1400-1401', 'since 2021-08-25',
    'as of 2020-09-08', 'as of the report', 'no period stated'. Each distinct period is written once.
    """
    periods = frame[_PERIOD_COLUMNS].reset_index(drop=True)
    codes = periods.groupby(_PERIOD_COLUMNS, dropna=False, sort=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(codes))).groupby(codes).first().to_numpy()
    labels = _period_labels(periods.iloc[first].reset_index(drop=True))
    return pd.Series(labels.to_numpy()[codes], index=frame.index, dtype="str")


def _period_labels(frame: pd.DataFrame) -> pd.Series:
    kind = frame["period_kind"]
    fy = frame["first_year"].astype("str")
    ly = frame["last_year"].astype("str")
    end = frame["end"].dt.strftime("%Y-%m-%d")
    start = frame["start"].dt.strftime("%Y-%m-%d")
    pub = date_windows(frame["end_earliest"], frame["end_latest"]).str.replace(r" \(.*\)$", "", regex=True)
    m1, m2 = frame["month_first"].astype("str"), frame["month_last"].astype("str")
    quarter = ((frame["month_first"].fillna(1).astype(int) - 1) // 3 + 1).map({1: "first", 2: "second", 3: "third", 4: "fourth"})
    half = ((frame["month_first"].fillna(1).astype(int) - 1) // 6 + 1).map({1: "first", 2: "second"})
    to_end = (" to " + end).where(frame["end"].notna(), " to the report (" + pub + ")")
    out = np.select(
        [kind == "full_year", kind == "quarter", kind == "half", kind == "months", kind == "year_to_date",
         kind == "multi_year", kind == "since_date", kind == "span", (kind == "stock") & frame["end"].notna(), kind == "stock"],
        [fy, fy + ", " + quarter + " quarter", fy + ", " + half + " half", fy + ", months " + m1 + "-" + m2,
         fy + to_end, fy + "-" + ly, "since " + start + to_end.str.replace(r"^ to the report", " to the report", regex=True),
         start + " to " + end, "as of " + end, "as of the report (" + pub + ")"],
        default="no period stated")
    return pd.Series(out, index=frame.index, dtype="str")


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------

#: Where the report's Sources page lives, relative to a page of the report.
SOURCES_PAGE = "sources.html"


def source_date(row: pd.Series) -> str:
    """A report's date, or 'undated, between ... and ...'."""
    e, l = row["published_earliest"], row["published_latest"]
    if e == l:
        return f"{pd.Timestamp(e):%Y-%m-%d}"
    return f"undated, {pd.Timestamp(e):%Y-%m-%d} to {pd.Timestamp(l):%Y-%m-%d}"


def citation(row: pd.Series) -> str:
    """A short citation in words: 'Tehran Times, 2020-08-09'."""
    return f"{row['publisher']}, {source_date(row)}"


def short_publisher(name: str) -> str:
    """An outlet's name without its parenthesised description: 'Mehr News Agency (English)' -> 'Mehr News Agency'
    (the code of ``Label("outlet", ...)``, so a sentence names the outlet in the language it is written in)."""
    return str(name).split(" (")[0]
