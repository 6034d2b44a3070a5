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

from .. import calendar, fmt
from ..links import web_address
from ..words import Count, Date, Label, Msg, Stated, Text, Year, say, say_html
from . import layout


def _text(value: object) -> str:
    """A cell as text: empty for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    return str(value).strip()


def date_words(source: pd.Series) -> str:
    """The report's date, or the dates it lies between with how that is known, in the language in force."""
    early, late = source["published_earliest"], source["published_latest"]
    why = Label("date_basis", _text(source.get("date_basis")) or "text_clues")
    if pd.notna(early) and pd.notna(late) and early == late:
        return say("sources.dated", day=Date(early), why=why)
    return say("sources.undated", first=Date(early), last=Date(late), why=why)


def _jalali_day(text: str):
    return Date(pd.Timestamp(calendar.jalali_to_gregorian(text)))


def period_slot(figure: pd.Series):
    """A figure's period as the ledger gives it: an Iranian year with its span, or its days in both calendars."""
    start = _text(figure.get("start_jalali")) or _text(figure.get("period_start_jalali"))
    end = _text(figure.get("end_jalali")) or _text(figure.get("period_end_jalali"))
    year = _text(figure.get("jalali_year"))
    if start and end and year and start == f"{year}/01/01" and end[:8] == f"{year}/12/" and end[8:] in ("29", "30"):
        return Year(int(year))
    if start and end:
        return Msg("sources.period.range", {"first": _jalali_day(start), "last": _jalali_day(end)})
    if start:
        return Msg("sources.period.to_publication", {"first": _jalali_day(start)})
    if end:
        return Msg("sources.period.as_of", {"last": _jalali_day(end)})
    return Year(int(year)) if year else Msg("period.none")


def figure_words(figure: pd.Series) -> str:
    """One figure in a line: 'units revived: over 1,500, SME plan, 1399 (2020–21)'."""
    metric = _text(figure["metric"])
    value = Stated(float(figure["value"]), _text(figure["qualifier"]) or "exact", fmt.unit_of(metric))
    slots = {"what": Label("metric", metric), "value": value, "scope": Label("scope", _text(figure["scope"])), "period": period_slot(figure)}
    province = _text(figure.get("province"))
    if province and _text(figure["scope"]) == "national":  # 'national' with a province: the whole province
        slots["scope"] = Label("province", province)
    elif province:
        slots["scope"] = Msg("sources.scope_in_province", {"scope": slots["scope"], "province": Label("province", province)})
    text = say("sources.figure", **slots)
    return text[:1].upper() + text[1:]


def _figure_item(figure: pd.Series) -> str:
    fid = _text(figure["figure_id"])
    repeats = _text(figure.get("restates"))
    extra = (f' <span class="fid">{layout.esc(say("sources.repeats"))} <a href="{layout.href("#" + repeats)}">{layout.esc(repeats)}</a></span>'
             if repeats else "")
    return f'<li id="{layout.esc(fid)}">{layout.esc(figure_words(figure))} <span class="fid">{layout.esc(fid)}</span>{extra}</li>'


def source_entry(source: pd.Series, figures: pd.DataFrame) -> str:
    """One report's ``<article>``."""
    from ..present.tables import outlet

    sid = _text(source["source_id"])
    url = web_address(_text(source.get("url"))) or ""
    publisher = layout.esc(outlet(_text(source["publisher"])) if _text(source["publisher"]) else "")
    title = f'<a href="{layout.href(url)}">{publisher}</a>' if url else publisher
    language = Label("language", _text(source.get("language")))
    lines = [
        f'<article class="source" id="{layout.esc(sid)}">',
        f'<h2>{title} <span class="sid">{layout.esc(sid)}</span></h2>',
        f"<p>{layout.esc(date_words(source))} {layout.esc(say('sources.language', language=language))}</p>",
    ]
    if url:
        shown = unquote(url.split("://", 1)[1])  # the address as a reader reads it, not percent-encoded
        lines.append(f'<p class="address" dir="ltr"><a href="{layout.href(url)}">{layout.esc(shown)}</a></p>')
    elif _text(source.get("citation")):
        lines.append(f'<p class="address">{say_html("sources.no_address", citation=Text(_text(source["citation"]), _text(source.get("language")) or "en"))}</p>')
    if _text(source.get("note")) and layout.language() == "en":  # the ledger's notes are written in English
        lines.append(f'<p class="note ledger-note">{layout.esc(_text(source["note"]))}</p>')
    if _text(source.get("licence")):
        lines.append(f'<p class="note">{say_html("sources.licence", licence=Text(_text(source["licence"]), "en"))}</p>')
    if len(figures):
        lines.append(f'<ul class="figures" aria-label="{layout.esc(say("sources.figures_label", id=Text(sid)))}">')
        lines += [_figure_item(row) for _, row in figures.iterrows()]
        lines.append("</ul>")
    else:
        lines.append(f'<p class="muted">{layout.esc(say("sources.no_figures"))}</p>')
    lines.append("</article>")
    return "\n".join(lines)


def sources_page(ledger, twin: str | None = None) -> str:
    """The whole Sources page for ``ledger`` in the language in force, ending in a newline (``twin``: the
    page in the other language)."""
    sources = ledger.sources.sort_values("source_id", kind="stable")
    by_source = {sid: group for sid, group in ledger.figures.groupby("source_id", sort=False)}
    empty = ledger.figures.iloc[0:0]
    title = say("sources.title")
    body = [
        f"<h1>{layout.esc(title)}</h1>",
        f'<p class="lede">{layout.esc(say("sources.lede", reports=Count(len(sources), "report"), figures=Count(len(ledger.figures), "figure")))}</p>',
    ]
    body += [source_entry(row, by_source.get(row["source_id"], empty)) for _, row in sources.iterrows()]
    return layout.page_html(title, "\n".join(body), layout.Nav(layout.SOURCES_PAGE, twin=twin))


