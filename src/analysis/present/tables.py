"""Tables readers can read: plain labels, formatted numbers, linked sources, the full data as CSV.

In: a frame of the data and the columns to show (:class:`Col`: a catalogue key for the header and a
function that turns a row into a typed cell of :mod:`analysis.words`). Out: a :class:`Table` block
(HTML in any language, :mod:`analysis.present.blocks`) and, with a ``name``, the full data as
``<name>.csv`` in :func:`analysis.paths.output_dir`. Only the rows a page shows are turned into cells
(the first :data:`FOLDED_ROWS`); a long table shows its first rows and folds the rest (``<details>``).

Sources are cited by id in the data and written as links (outlet and date) with the address each
report has; the block carries what it cites (:class:`SourceRef`), so it can be written again without
the ledger.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from .. import calendar, csvfile, fmt, paths
from ..links import web_address
from ..words import Msg, Text, speaking
from ..words.codec import register
from ..words.forms import short_date, write, write_html
from .blocks import Block, Context, say

#: Rows a table shows before folding the rest.
SHOWN_ROWS = 12

#: At most this many rows are folded under "Show all"; a longer table is shown in part, the whole in its CSV.
FOLDED_ROWS = 100

#: At most this many sources are named in a one-line source line; the rest are counted.
NAMED_SOURCES = 3

#: A table cell names at most this many sources; the rest are counted and linked to the Sources page.
CELL_SOURCES = 3

#: The file, in a page's folder, that lists its downloads with their plain titles (read by the report).
MANIFEST = "files.tsv"

#: Where the report's Sources page lives, relative to a page of the report.
SOURCES_PAGE = "sources.html"

_NUM = ' class="num"'


def write_csv(data: pd.DataFrame, name: str, title: str = "", kind: str = "table") -> None:
    """Write ``data`` as ``<name>.csv`` (formula-like text neutralised: :mod:`analysis.csvfile`) and list it,
    with its plain ``title``, in the folder's :data:`MANIFEST`, which the report's downloads read."""
    out = paths.output_dir()
    out.mkdir(parents=True, exist_ok=True)
    csvfile.write_csv(data, out / f"{name}.csv")
    entry = "\t".join([f"{name}.csv", (title or name).replace("\t", " "), kind, str(len(data))])
    with open(out / MANIFEST, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(entry + "\n")


def reset_manifest() -> None:
    """Start the folder's list of downloads afresh (each execution of a notebook writes it anew)."""
    path = paths.output_dir() / MANIFEST
    if path.exists():
        path.unlink()


#: The folder, beside the report's page, that holds a notebook's files (set by each notebook).
PAGE = {"folder": ""}


def page_file(file: str) -> str:
    """A notebook's output file as linked from its page: ``<page folder>/<file>``."""
    return f"{PAGE['folder']}/{file}" if PAGE["folder"] else file


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class SourceRef:
    """What a link to a report needs: its id, outlet, web address and publication date (or window)."""

    source_id: str
    publisher: str
    url: str
    earliest: Any
    latest: Any

    @classmethod
    def of(cls, row: pd.Series) -> "SourceRef":
        return cls(str(row["source_id"]), str(row["publisher"]), web_address(row.get("url", "")) or "",
                   row["published_earliest"], row["published_latest"])


def split_ids(cell: Any) -> list[str]:
    """The source ids of a cell ('S1, S4; S9'), each once, in order ('+N' counts kept as they are)."""
    return list(dict.fromkeys(x.strip() for x in str(cell if cell is not None else "").replace(";", ",").split(",") if x.strip()))


def cited(ids, sources: pd.DataFrame | None) -> dict[str, SourceRef]:
    """The :class:`SourceRef` of every id in ``ids`` (cells of ids) found in ``sources``."""
    if sources is None:
        return {}
    want = {x for cell in ids for x in split_ids(cell) if not x.startswith("+")}
    rows = sources[sources["source_id"].isin(want)]
    return {str(r["source_id"]): SourceRef.of(r) for _, r in rows.iterrows()}


def outlet(name: str) -> str:
    """An outlet's name in the language in force where the catalogue names it (``outlet.<name>``)."""
    from ..words import label

    return label("outlet", fmt.short_publisher(name))


#: Between the two Gregorian years of an undated report's window: a hyphen in English ('2022-23'), an en dash
#: in Persian, which right-to-left text keeps in place between Persian digits.
_DASH = {"en": "-", "fa": "–"}


def _window_years(e: pd.Timestamp, l: pd.Timestamp) -> str:
    """The years an undated report's window spans, in the calendar the language reads first: '2022-23' in
    English, Iranian years in Persian (beside Iranian dates in the same column)."""
    from ..words import LANGUAGE
    from ..words.forms import digits

    if LANGUAGE.get() == "fa":
        first, last = calendar.to_jalali(e)[0], calendar.to_jalali(l)[0]
        return digits(str(first) if first == last else f"{first}{_DASH['fa']}{last}")
    return f"{e:%Y}" if e.year == l.year else f"{e:%Y}{_DASH['en']}{l:%y}"


def source_label(ref: SourceRef) -> str:
    """A short citation: 'Tehran Times, 2020-08-09', 'IRNA, undated, 2021' (in the language in force)."""
    from ..words import say as say_text

    e, l = pd.Timestamp(ref.earliest), pd.Timestamp(ref.latest)
    if e == l:
        return say_text("source.dated", outlet=Text(outlet(ref.publisher)), date=short_date(e))
    return say_text("source.undated", outlet=Text(outlet(ref.publisher)), year=_window_years(e, l))


def source_link(ref: SourceRef, sources_page: str = SOURCES_PAGE) -> str:
    """HTML: the short citation linked to the report's address, or to its entry on the Sources page."""
    href = ref.url or f"{sources_page}#{ref.source_id}"
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(source_label(ref))}</a>'


def source_links(ids: Any, refs: dict[str, SourceRef], most: int | None = CELL_SOURCES, sources_page: str = SOURCES_PAGE) -> str:
    """HTML links for a cell's source ids: each its short citation; beyond ``most``, a count linked to the Sources page."""
    from ..words import say as say_text

    items = split_ids(ids)
    counted = sum(int(x[1:]) for x in items if x.startswith("+") and x[1:].isdigit())  # "+N": reports not listed
    ids_list = [x for x in items if not (x.startswith("+") and x[1:].isdigit())]
    shown = ids_list if most is None else ids_list[:most]
    parts = [source_link(refs[sid], sources_page) if sid in refs else html.escape(sid) for sid in shown]
    more = len(ids_list) - len(shown) + counted
    if more:
        parts.append(f'<a href="{sources_page}">{html.escape(say_text("source.more", n=more))}</a>')
    return html.escape(say_text("form.semicolon")).join(parts)


def source_line(ids, refs: dict[str, SourceRef], sources_page: str = SOURCES_PAGE) -> str:
    """One linked line naming the sources of a chart or table: the first few, then how many more,
    with a link to the Sources page ('Sources: Tehran Times, 2020-08-09; ... and 12 more reports')."""
    from ..words import Count, say as say_text

    ids = list(dict.fromkeys(x for cell in ids for x in split_ids(cell) if not x.startswith("+")))
    named = ids[:NAMED_SOURCES]
    text = source_links(", ".join(named), refs, most=None, sources_page=sources_page)
    more = len(ids) - len(named)
    tail = (html.escape(say_text("form.and")) + f'<a href="{sources_page}">{html.escape(write(Count(more, "report")))}</a>'
            if more > 0 else "")
    label = html.escape(say_text("source.one" if len(ids) == 1 else "source.many"))
    everything = html.escape(say_text("source.all"))
    return f'<span class="source-line">{label} {text}{tail} (<a href="{sources_page}">{everything}</a>)</span>'


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """A column to show: its header (a catalogue key, or a message), a function from a row (a Series) to
    a typed cell, whether it holds numbers (right-aligned), and whether it holds source ids (linked)."""

    header: str | Msg
    cell: Callable[[pd.Series], Any]
    numeric: bool = False
    sources: bool = False


#: An estimate's range in brackets at the end of a number cell: '1,700 (1,650 to 1,750)'.
_RANGE = re.compile(r"^(.*\S) (\([^()]*\))$")


def _number_cell(text: str) -> str:
    """A number cell's HTML: the value, and its bracketed range (if any) on a line of its own below it,
    so a column of estimates stays narrow and the values line up."""
    m = _RANGE.match(text)
    if not m:
        return html.escape(text)
    return f'{html.escape(m.group(1))} <span class="range">{html.escape(m.group(2))}</span>'


@register
@dataclass(frozen=True)
class Table(Block):
    """A table as data: headers (messages), the shown rows' cells (typed values), which columns hold
    numbers or sources, how many rows the whole table has, how many show unfolded, its download and
    caption, and the sources it cites."""

    headers: tuple
    rows: tuple
    numeric: tuple
    links: tuple
    total: int
    shown: int = SHOWN_ROWS
    download: str = ""
    caption: Any = None
    refs: Any = None
    empty: Any = None
    anchor: str = ""

    def html(self, ctx: Context) -> str:
        with speaking(ctx.language):
            return self._html(ctx)

    def _html(self, ctx: Context) -> str:
        from ..words import say as say_text

        sources_page = SOURCES_PAGE  # each edition has its own Sources page beside its pages
        if self.total == 0 and self.empty is not None:
            return f'<p class="no-table">{say(self.empty)}</p>'
        refs = self.refs or {}
        head = "".join(f"<th{_NUM if n else ''}>{say(h)}</th>" for h, n in zip(self.headers, self.numeric))
        cap = f"<caption>{say(self.caption)}</caption>" if self.caption is not None else ""

        def cell(v, numeric: bool, link: bool) -> str:
            if link:
                return source_links(v.value if isinstance(v, Text) else v, refs, sources_page=sources_page)
            if isinstance(v, Msg):
                return say(v)
            if isinstance(v, Text) and v.lang:
                return write_html(v)
            text = write(v) if v is not None else ""
            return _number_cell(text) if numeric else html.escape(text)

        anchored = [False]

        def table(rows) -> str:
            body = "".join("<tr>" + "".join(f"<td{_NUM if n else ''}>{cell(v, n, k)}</td>" for v, n, k in zip(r, self.numeric, self.links))
                           + "</tr>" for r in rows)
            anchor = f' id="{html.escape(self.anchor, quote=True)}"' if self.anchor and not anchored[0] else ""
            anchored[0] = True  # the id goes on the table shown first, never on its folded copy
            return f'<div class="table-wrap"{anchor}><table class="data">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'

        rows = list(self.rows)
        notes = []
        if self.total > len(rows) and len(rows) > self.shown:
            out = table(rows[: self.shown]) + (f"<details><summary>{html.escape(say_text('table.show_first', n=len(rows), total=self.total))}"
                                               f"</summary>{table(rows)}</details>")
        elif self.total > len(rows):
            out = table(rows)
        elif len(rows) > self.shown:
            out = table(rows[: self.shown]) + f"<details><summary>{html.escape(say_text('table.show_all', n=len(rows)))}</summary>{table(rows)}</details>"
        else:
            out = table(rows)
        if self.total > len(rows):
            notes.append(html.escape(say_text("table.whole_in_download", n=self.total)))
        if self.download:
            notes.append(f'<a class="download" href="{html.escape(ctx.data_file(self.download), quote=True)}">'
                         f"{html.escape(say_text('table.download'))}</a>")
        if notes:
            out += f'<p class="table-note">{" ".join(notes)}</p>'
        return out


def table(frame: pd.DataFrame, cols: list[Col], *, name: str | None = None, data: pd.DataFrame | None = None,
          title: str = "", caption: Msg | None = None, sources: pd.DataFrame | None = None, shown: int = SHOWN_ROWS,
          empty: Msg | None = None) -> Table:
    """A :class:`Table` of ``frame``'s rows in ``cols``; with ``name``, ``data`` (or the table in English
    words) is written as ``<name>.csv`` and listed under ``title`` among the report's downloads.

    ``empty``: what the page says instead when ``frame`` has no rows (then no file is written).
    """
    total = len(frame)
    if total == 0 and empty is not None:
        return Table((), (), (), (), 0, shown, "", caption, {}, empty)
    head = frame.head(max(shown, FOLDED_ROWS))
    rows = tuple(tuple(c.cell(r) for c in cols) for _, r in head.iterrows())  # a shown table: 100 rows at most
    headers = tuple(c.header if isinstance(c.header, Msg) else Msg(c.header) for c in cols)
    link_cols = [i for i, c in enumerate(cols) if c.sources]
    refs = cited([r[i].value if isinstance(r[i], Text) else r[i] for r in rows for i in link_cols], sources)
    download = ""
    if name:
        out = data if data is not None else words_frame(frame, cols)
        write_csv(out, name, title)
        download = name + ".csv"  # relative to the page's folder: the context adds it
    return Table(headers, rows, tuple(c.numeric for c in cols), tuple(c.sources for c in cols), total, shown, download, caption, refs,
                 empty, anchor=name or "")


def words_frame(frame: pd.DataFrame, cols: list[Col]) -> pd.DataFrame:
    """The whole table in English words (a download for a table that has no data frame of its own)."""
    with speaking("en"):
        out = {}
        for c in cols:
            header = write(c.header if isinstance(c.header, Msg) else Msg(c.header))
            out[header] = [(v.value if isinstance(v, Text) else str(v) if isinstance(v, Msg) else write(v)) for v in
                           (c.cell(r) for _, r in frame.iterrows())]
        return pd.DataFrame(out)
