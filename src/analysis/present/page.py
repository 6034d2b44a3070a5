"""What every notebook does first, and the blocks every page shares.

In: a page name (``01-timeline``) and the names of the assumptions a page uses. Out: :func:`start`
loads the ledger, builds the evidence once (or reads the one a report build made, :mod:`.shared`), applies
the chart style and points the page's files at its folder; :func:`checks` gives the audit of that evidence;
:func:`answer`, :func:`assumptions` and :func:`text` return the blocks (:mod:`analysis.present.blocks`)
every page is made of, its words from the catalogue.
"""

from __future__ import annotations

import pandas as pd

from ..ledger import load_ledger
from . import shared, style, tables


def start(page: str):
    """Load and assemble the evidence for notebook ``page``; returns the :class:`~analysis.evidence.Evidence`.

    Charts and CSV files the page writes are linked as ``<page>/<file>``, the folder the report puts
    beside the page.
    """
    style.setup()
    pd.set_option("display.max_rows", 60)
    tables.PAGE["folder"] = page
    tables.reset_manifest()
    return shared.evidence(load_ledger())


def checks(ev) -> pd.DataFrame:
    """The audit's checks of the page's evidence (``audit.checks(ev)``; under a report build, the ones the builder
    made once for every page, :mod:`analysis.present.shared`)."""
    return shared.checks(ev)


def answer(lines: list, seed: list | None = None, seed_label=None):
    """The page's answer (an :class:`~analysis.present.blocks.Answer`): its sentences (messages of
    :mod:`analysis.present.prose`), then the primary article's own answer after ``seed_label``."""
    from .blocks import Answer

    return Answer(tuple(lines), tuple(seed or ()), seed_label)


def assumptions(names: list[str]):
    """The assumptions a page relies on, folded: name, setting and meaning (:mod:`analysis.assumptions`)."""
    from ..assumptions import ASSUMPTIONS
    from ..words import Msg
    from .blocks import Details
    from .tables import Col, table

    rows = pd.DataFrame({"key": [ASSUMPTIONS[n].key for n in names], "slots": [ASSUMPTIONS[n].slots for n in names]})
    cols = [Col("assumption.column.name", lambda r: Msg(f"assumption.{r['key']}.name")),
            Col("assumption.column.setting", lambda r: Msg(f"assumption.{r['key']}.value", r["slots"])),
            Col("assumption.column.meaning", lambda r: Msg(f"assumption.{r['key']}.meaning"))]
    return Details(Msg("page.assumptions", {"n": len(names)}), table(rows, cols), css="assumptions")


def text(*parts, css: str = "", **slots):
    """Headings, paragraphs and list items from the catalogue: ``text(("h2", "timeline.years.h"), ("p", "timeline.years.p"))``
    (``slots`` fill every part's template)."""
    from .blocks import prose

    return prose(*parts, css=css, **slots)


def drawable(*frames) -> bool:
    """Whether a chart has anything to draw: the first of its frames (the one it plots) has rows."""
    first = next((f for f in frames if isinstance(f, pd.DataFrame)), None)
    return first is not None and not first.empty


def chart(ev, name: str, draw, describe, *frames, data: pd.DataFrame | None = None, title: str = "", **options):
    """A chart of ``frames`` as a block (:class:`analysis.present.figures.Chart`), its data saved beside it.

    ``draw(*frames, source=..., link=..., **options)`` returns the figure (a function of
    :mod:`analysis.present.charts`); ``describe(*frames, **options)`` its alt text. The block carries both
    by name with the frames, so the report draws it again in another language; it cites the reports the
    frames name. The data saved beside the chart (once, here) is ``data`` or the first frame. A chart
    with nothing to draw (:func:`drawable`) is a sentence saying so, and no file.
    """
    from ..words import Msg
    from . import blocks, figures

    if not drawable(*frames):
        return blocks.Prose((("p", Msg("figure.no_chart")),), css="no-chart")
    first = data if data is not None else next(f for f in frames if isinstance(f, pd.DataFrame))
    file = ""
    if len(first):
        tables.write_csv(first, name, title or name, kind="chart")
        file = name + ".csv"
    return figures.chart(name, draw, describe, *frames, sources=ev.sources, data=file, title=title, **options)
