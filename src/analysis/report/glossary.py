"""The glossary page (``glossary.html``): the few words the pages use in a particular sense.

In: the catalogue (``glossary.*``). Out: the page's HTML in the language in force; each term is an
``<dt id="...">`` so pages can link ``glossary.html#claim``.
"""

from __future__ import annotations

from .. import calendar
from ..words import Day, Year, catalogue, say
from . import layout

#: The Iranian year the glossary shows the calendar with (the year the project's first article counts).
EXAMPLE_YEAR = 1399

#: The terms, in the order the page lists them (each has ``glossary.<term>.term`` and ``.text``).
TERMS: tuple[str, ...] = ("best_estimate", "claim", "scope", "year_to_date", "iranian_year", "target", "contradiction", "question",
                          "revived_unit")


def anchor(term: str) -> str:
    """A term's address on the page: ``best_estimate`` -> ``best-estimate``."""
    return term.replace("_", "-")


def glossary_page(twin: str | None = None) -> str:
    """The whole glossary page, ending in a newline."""
    title = say("glossary.title")
    first, last = calendar.year_bounds(EXAMPLE_YEAR)
    slots = {"year": Year(EXAMPLE_YEAR, span=False), "first": Day(first), "last": Day(last)}  # the calendar's own example
    items = [f'<dt id="{anchor(t)}">{layout.esc(say(f"glossary.{t}.term"))}</dt>'
             f'<dd>{layout.esc(say(f"glossary.{t}.text", **{k: v for k, v in slots.items() if "{" + k + "}" in catalogue()[f"glossary.{t}.text"]}))}</dd>'
             for t in TERMS]
    body = [f"<h1>{layout.esc(title)}</h1>", f'<p class="lede">{layout.esc(say("glossary.lede"))}</p>',
            '<dl class="glossary">', *items, "</dl>"]
    return layout.page_html(title, "\n".join(body), layout.Nav(layout.GLOSSARY_PAGE, twin=twin))
