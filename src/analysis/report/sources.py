"""The Sources page: every report of the ledger, one entry each, that source lines can link to.

In: the ledger (:func:`analysis.ledger.load_ledger`). Out: ``sources.html`` (:func:`sources_page`).

Each report is an ``<article id="S14">`` (so ``sources.html#S14`` is its address) with its publisher,
its date in both calendars or, for an undated report, the dates it must lie between, with the basis
in plain words; its language; its address as a link (or its citation when it has none); licence and
note; and the figures the ledger takes from it as a compact list, each ``<li id="C012">``. Every
text is escaped; an address is linked only when :func:`analysis.links.web_address` accepts it.
"""

from __future__ import annotations

import math
from urllib.parse import unquote

import pandas as pd

from .. import calendar, vocab
from ..links import web_address
from . import layout

LANGUAGES = {"en": "English", "fa": "Persian", "ar": "Arabic"}

#: Plain labels for the metrics (a metric missing here is written from its name).
METRIC_LABELS = {
    "units_revived": "Units revived",
    "jobs_created": "Jobs created",
    "units_target": "Target, units to revive",
    "jobs_target": "Target, jobs",
    "idle_units": "Idle units",
    "idle_semi_active_units": "Idle or semi-active units",
    "total_units": "All units",
    "idle_share_pct": "Share of units idle",
    "revived_share_pct": "Share of the idle units revived",
    "target_progress_pct": "Share of the units target reached",
    "jobs_target_progress_pct": "Share of the jobs target reached",
    "jobs_per_unit_stated": "Jobs per unit, as stated",
    "financing_rials": "Financing",
    "financing_usd_stated": "Financing, as the outlet put it in dollars",
    "capacity_raised_units": "Units helped above half capacity",
    "capacity_raised_jobs": "Jobs from raising capacity",
    "units_growth_pct_stated": "Growth in units, as stated",
    "jobs_growth_pct_stated": "Growth in jobs, as stated",
    "bank_facility_share_pct": "Production units' share of bank facilities",
    "bank_facility_share_target_pct": "Target share of bank facilities",
}

#: Plain labels for the scopes.
SCOPE_LABELS = {
    "national": "national",
    "industrial_parks": "industrial parks",
    "outside_parks": "outside industrial parks",
    "smes": "small and medium industries programme",
    "large_units": "large units (beside the small and medium industries programme)",
    "economic_units": "economic units (the wider revival movement)",
    "renovation_programme": "renovation programme",
    "capacity_programme": "capacity programme",
}

QUALIFIER_WORDS = {"exact": "", "about": "about ", "over": "over ", "at_least": "at least ", "up_to": "up to "}

_LARGE = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _text(value: object) -> str:
    """A cell as text: empty for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    return str(value).strip()


def both_calendars(day: pd.Timestamp) -> str:
    """'2020-08-20 (1399/05/30)'."""
    return f"{pd.Timestamp(day):%Y-%m-%d} ({calendar.format_jalali(day)})"


def date_words(source: pd.Series) -> str:
    """The report's date, or the dates it lies between, with how that is known, in plain words."""
    early, late = source["published_earliest"], source["published_latest"]
    basis = vocab.DATE_BASES.get(_text(source.get("date_basis")), "")
    if pd.notna(early) and pd.notna(late) and early == late:
        text = f"Published {both_calendars(early)}"
    elif pd.notna(early) and pd.notna(late):
        text = f"Undated: published between {both_calendars(early)} and {both_calendars(late)}"
    else:
        text = "Date unknown"
    return f"{text}; {basis}." if basis else f"{text}."


def _number(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def value_words(value: float, unit: str) -> str:
    """'35 trillion rials', '21%', '1,557', '17.1 jobs per unit', '2.3 billion US dollars'."""
    if unit == "percent":
        return f"{_number(value)}%"
    if unit in ("rials", "US dollars"):
        for size, word in _LARGE:
            if abs(value) >= size:
                return f"{_number(round(value / size, 2))} {word} {unit}"
        return f"{_number(value)} {unit}"
    if unit == "jobs per unit":
        return f"{_number(value)} jobs per unit"
    return _number(value)


def _jalali(text: str) -> str:
    return text.replace("-", "/")


def period_words(figure: pd.Series) -> str:
    """'Iranian year 1399', '1399/01/01 to 1399/03/31', '1399/01/01 to publication', 'as of 1399/06/31'."""
    start = _text(figure.get("start_jalali")) or _text(figure.get("period_start_jalali"))
    end = _text(figure.get("end_jalali")) or _text(figure.get("period_end_jalali"))
    year = _text(figure.get("jalali_year"))
    if start and end and year and start == f"{year}/01/01" and end[:8] == f"{year}/12/" and end[8:] in ("29", "30"):
        return f"Iranian year {year}"
    if start and end:
        return f"{_jalali(start)} to {_jalali(end)}"
    if start:
        return f"{_jalali(start)} to publication"
    if end:
        return f"as of {_jalali(end)}"
    return f"Iranian year {year}" if year else ""


def figure_words(figure: pd.Series) -> str:
    """One figure in a line: 'Units revived: over 1,500 (small and medium industries programme, Iranian year 1399)'."""
    metric = _text(figure["metric"])
    label = METRIC_LABELS.get(metric, metric.replace("_", " ").capitalize())
    unit = vocab.METRICS[metric].unit if metric in vocab.METRICS else ""
    value = QUALIFIER_WORDS.get(_text(figure["qualifier"]), "") + value_words(float(figure["value"]), unit)
    scope = _text(figure["scope"])
    where = [SCOPE_LABELS.get(scope, scope.replace("_", " ")), period_words(figure)]
    return f"{label}: {value} ({', '.join(w for w in where if w)})"


def _figure_item(figure: pd.Series) -> str:
    fid = _text(figure["figure_id"])
    repeats = _text(figure.get("restates"))
    extra = f' <span class="fid">repeats <a href="{layout.href("#" + repeats)}">{layout.esc(repeats)}</a></span>' if repeats else ""
    return f'<li id="{layout.esc(fid)}">{layout.esc(figure_words(figure))} <span class="fid">{layout.esc(fid)}</span>{extra}</li>'


def source_entry(source: pd.Series, figures: pd.DataFrame) -> str:
    """One report's ``<article>``."""
    sid = _text(source["source_id"])
    url = web_address(_text(source.get("url"))) or ""
    publisher = layout.esc(_text(source["publisher"]))
    title = f'<a href="{layout.href(url)}">{publisher}</a>' if url else publisher
    language = LANGUAGES.get(_text(source.get("language")), _text(source.get("language")))
    lines = [
        f'<article class="source" id="{layout.esc(sid)}">',
        f'<h2>{title} <span class="sid">{layout.esc(sid)}</span></h2>',
        f"<p>{layout.esc(date_words(source))} In {layout.esc(language)}.</p>",
    ]
    if url:
        shown = unquote(url.split("://", 1)[1])  # the address as a reader reads it, not percent-encoded
        lines.append(f'<p class="address"><a href="{layout.href(url)}">{layout.esc(shown)}</a></p>')
    elif _text(source.get("citation")):
        lines.append(f'<p class="address">No address known; cited as: {layout.esc(_text(source["citation"]))}</p>')
    for field, words in (("licence", "Licence"), ("note", "")):
        text = _text(source.get(field))
        if text:
            lines.append(f'<p class="note">{layout.esc(f"{words}: {text}" if words else text)}</p>')
    if len(figures):
        lines.append(f'<ul class="figures" aria-label="Figures from {layout.esc(sid)}">')
        lines += [_figure_item(row) for _, row in figures.iterrows()]
        lines.append("</ul>")
    else:
        lines.append('<p class="muted">The ledger takes no figure from it.</p>')
    lines.append("</article>")
    return "\n".join(lines)


def sources_page(ledger) -> str:
    """The whole Sources page for ``ledger``, ending in a newline."""
    sources = ledger.sources.sort_values("source_id", kind="stable")
    by_source = {sid: group for sid, group in ledger.figures.groupby("source_id", sort=False)}
    empty = ledger.figures.iloc[0:0]
    body = [
        "<h1>Sources</h1>",
        f'<p class="lede">Every report the ledger draws on, {len(sources)} in all, with {len(ledger.figures)} figures: '
        "its publisher, its date (or the dates it must lie between, and why), its language and address, "
        "and the figures taken from it. The ids (S00, C012) are the ones the tables use.</p>",
    ]
    body += [source_entry(row, by_source.get(row["source_id"], empty)) for _, row in sources.iterrows()]
    return layout.page_html("Sources", "\n".join(body), layout.Nav(layout.SOURCES_PAGE))
