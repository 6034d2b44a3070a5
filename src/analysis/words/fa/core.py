"""How Persian writes numbers' words, dates, counts and lists (the forms :mod:`analysis.words.forms` fills).

The twin of :mod:`analysis.words.en.core`. Digits, separators, the percent sign and signs come from
:mod:`analysis.i18n.fa` through :mod:`analysis.fmt`; these templates hold words only. Dates in a sentence
are Iranian first, the Gregorian in brackets. To be read by a Persian editor.
"""

from ...i18n.fa import GREGORIAN_MONTHS, IRANIAN_MONTHS, LRM, MINUS, RLM

MESSAGES: dict[str, str] = {
    # Estimates and bounds.
    "form.range": "{low} تا {high}",
    "form.central_range": "{value} ({low} تا {high})",
    "form.central_at_most": "{value} (حداکثر {high})",
    "form.at_least": "دست\u200cکم {n}",
    "form.at_most": "حداکثر {n}",
    "form.no_bound": "بدون کران",
    "form.any_value": "هر مقداری",
    "form.cannot": "محاسبه\u200cپذیر نیست",
    "form.no_limit": "نامحدود",
    "form.percent": "{n}" + RLM + "\u066a",
    "form.points": "{n} واحد درصد",
    "form.times": "{n} برابر",
    "form.money": "{n} {magnitude} {unit}",
    "magnitude.trillion": "هزار میلیارد",
    "magnitude.billion": "میلیارد",
    "magnitude.million": "میلیون",
    "form.per_day": "{n} در روز",
    # Years and dates: the Iranian date first, the Gregorian in brackets.
    "form.year": "{year} ({first}\u2013{last})",
    "form.day": "{iranian} ({gregorian})",
    "form.gregorian_day": "{day} {month} {year}",
    "form.day_month": "{day} {month}",
    "form.date": "{iranian} ({gregorian})",
    "form.window": "{first} تا {last}",
    "form.span": "{first} تا {last}",
    # A claim's period, as a table labels it.
    "period.quarter": "سه\u200cماههٔ {ordinal} {year} ({dates})",
    "period.half": "نیمهٔ {ordinal} {year} ({dates})",
    "period.months": "ماه\u200cهای {first} تا {last} {year} ({dates})",
    "period.ytd": "{year}، تا {end}",
    "period.ytd_undated": "{year}، تا روزی میان {first} و {last}",
    "period.multi_year": "{first}\u2013{last}",
    "period.since": "از {start} تا {end}",
    "period.since_undated": "از {start} تا روزی میان {first} و {last}",
    "period.span": "{start} تا {end}",
    "period.stock": "به تاریخ {end}",
    "period.stock_undated": "به تاریخ روزی میان {first} و {last}",
    "period.none": "دوره\u200cای ذکر نشده",
    **{f"month.{i}": name for i, name in enumerate(GREGORIAN_MONTHS, start=1)},
    **{f"jmonth.{i}": name for i, name in enumerate(IRANIAN_MONTHS, start=1)},
    "ordinal.1": "اول", "ordinal.2": "دوم", "ordinal.3": "سوم", "ordinal.4": "چهارم",
    # Lists and counts (a noun stays singular after a number: ۳ گزارش).
    "form.and": " و ",
    "form.or": " یا ",
    "form.comma": "، ",
    "form.semicolon": "؛ ",
    "form.none": "بدون {things}",
    "form.count": "{n} {noun}",
    "form.sign_plus": LRM + "+",
    "form.sign_minus": LRM + MINUS,
}
