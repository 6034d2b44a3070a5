"""What every page of the report shares: the style sheet, the navigation, the page shell, escaping.

In: titles and addresses as plain text. Out: HTML strings. Every text is escaped here
(:func:`esc`), every address is quoted and escaped (:func:`href`); an argument named ``*_html``
is HTML the caller has made safe and is inserted as it is.

The style sheet (``report.css`` beside this module) is inlined into every page, so a page opened
from disk or an archive needs nothing else and loads nothing from the network.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote, urlsplit

from ..links import web_address

#: The report's name, shown in every page's navigation and title (the catalogue's ``report.name``).
REPORT_NAME = "isipo-revival"

FRONT_PAGE = "index.html"
SOURCES_PAGE = "sources.html"


def esc(text: object) -> str:
    """``text`` as HTML text (``&``, ``<``, ``>`` and both quotes escaped)."""
    return html.escape(str(text), quote=True)


def href(address: str) -> str:
    """An address for an ``href``/``src`` attribute, escaped.

    A relative path inside the report is percent-quoted segment by segment (``a b/c.csv`` ->
    ``a%20b/c.csv``; a ``#fragment`` is kept); an absolute ``http(s)`` address that
    :func:`analysis.links.web_address` accepts is kept as written. Anything else with a scheme or a
    host (``javascript:``, ``data:``, ``//elsewhere``) becomes ``#``: no source text can make a link run code.
    """
    if web_address(address):
        return esc(address)
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or address.lstrip().startswith(("//", "\\")):
        return "#"
    path, _, fragment = address.partition("#")
    quoted = "/".join(quote(p) for p in path.split("/"))
    return esc(quoted + (f"#{quote(fragment)}" if fragment else ""))


def css() -> str:
    """The report's style sheet."""
    return resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Link:
    """A titled link to a page of the report."""

    title: str
    href: str


@dataclass(frozen=True)
class Nav:
    """Where a page sits in the report: its own address, the pages before and after it, and its twin in
    the other language (an address relative to the page, or ``None``)."""

    current: str
    previous: Link | None = None
    next: Link | None = None
    twin: str | None = None


GLOSSARY_PAGE = "glossary.html"


def _say(key: str, **slots) -> str:
    from ..words import say

    return say(key, **slots)


def language() -> str:
    """The language pages are written in (:data:`analysis.words.LANGUAGE`)."""
    from ..words import LANGUAGE

    return LANGUAGE.get()


def nav_html(nav: Nav) -> str:
    """The header: the front page, the Sources page, the glossary and the other language; then the
    previous and the next page."""
    items = [
        f'<a class="home" href="{href(FRONT_PAGE)}"{_current(nav, FRONT_PAGE)}>{esc(_say("nav.front_long", name=_say("report.name")))}</a>',
        f'<a href="{href(SOURCES_PAGE)}"{_current(nav, SOURCES_PAGE)}>{esc(_say("nav.sources"))}</a>',
        f'<a href="{href(GLOSSARY_PAGE)}"{_current(nav, GLOSSARY_PAGE)}>{esc(_say("nav.glossary"))}</a>',
    ]
    if nav.twin:
        other = "en" if language() == "fa" else "fa"
        items.append(f'<a class="twin" href="{href(nav.twin)}" hreflang="{other}" lang="{other}" '
                     f'title="{esc(_say("nav.twin_label"))}">{esc(_say("nav.twin"))}</a>')
    pager = []
    if nav.previous:
        pager.append(f'<a rel="prev" href="{href(nav.previous.href)}">{_arrow("prev")} {esc(_say("nav.previous", title=nav.previous.title))}</a>')
    if nav.next:
        pager.append(f'<a rel="next" href="{href(nav.next.href)}">{esc(_say("nav.next", title=nav.next.title))} {_arrow("next")}</a>')
    out = ['<header class="site-header">', f'<nav class="site-nav" aria-label="{esc(_say("nav.aria_report"))}">', *items, "</nav>"]
    if pager:
        out += [f'<nav class="pager" aria-label="{esc(_say("nav.aria_pager"))}">', *pager, "</nav>"]
    out.append("</header>")
    return "\n".join(out)


def _arrow(way: str) -> str:
    """The arrow pointing the way a page turns: left for the previous page in English, right in Persian."""
    back = "&larr;" if language() != "fa" else "&rarr;"
    on = "&rarr;" if language() != "fa" else "&larr;"
    return back if way == "prev" else on


def footer_html(nav: Nav, extra_html: str = "") -> str:
    """The footer: the same way on, for a reader who reached the end of a page."""
    links = [f'<a href="{href(FRONT_PAGE)}">{esc(_say("nav.front"))}</a>']
    if nav.previous:
        links.append(f'<a rel="prev" href="{href(nav.previous.href)}">{_arrow("prev")} {esc(nav.previous.title)}</a>')
    if nav.next:
        links.append(f'<a rel="next" href="{href(nav.next.href)}">{esc(nav.next.title)} {_arrow("next")}</a>')
    links.append(f'<a href="{href(SOURCES_PAGE)}">{esc(_say("nav.sources"))}</a>')
    links.append(f'<a href="{href(GLOSSARY_PAGE)}">{esc(_say("nav.glossary"))}</a>')
    parts = [f"<p>{' &middot; '.join(links)}</p>"]
    if extra_html:
        parts.append(extra_html)
    return '<footer class="site-footer">\n' + "\n".join(parts) + "\n</footer>"


def _current(nav: Nav, page: str) -> str:
    return ' aria-current="page"' if nav.current == page else ""


def html_open() -> str:
    """``<html>`` with the language and direction of the language in force."""
    lang = language()
    return f'<html lang="{lang}" dir="rtl">' if lang == "fa" else f'<html lang="{lang}">'


def head_html(title: str) -> str:
    """``<head>``: character set, viewport, the title and the inlined style sheet (in Persian, with the
    embedded Persian font)."""
    font = ""
    if language() == "fa":
        from ..i18n import shaping

        font = shaping.font_face_css() + "\n"
    return (
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>\n{font}{css()}</style>\n"
        "</head>"
    )


def page_title(title: str) -> str:
    """A page's ``<title>``: its own title, then the report's name."""
    return f"{title} | {_say('report.name')}"


def page_html(title: str, body_html: str, nav: Nav, footer_extra_html: str = "") -> str:
    """A whole page: head, navigation, ``<main>`` holding ``body_html``, footer; ends in a newline."""
    return (
        "<!DOCTYPE html>\n" + html_open() + "\n"
        + head_html(page_title(title))
        + "\n<body>\n"
        + nav_html(nav)
        + '\n<main id="content">\n'
        + body_html.strip("\n")
        + "\n</main>\n"
        + footer_html(nav, footer_extra_html)
        + "\n</body>\n</html>\n"
    )
