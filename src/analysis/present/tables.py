"""Tables readers can read: plain labels, formatted numbers, linked sources, the full data as CSV.

In: a frame of display text (built with :mod:`analysis.fmt`) and the data behind it. Out: HTML for a
notebook cell and a CSV file in :func:`analysis.paths.output_dir`. A long table shows its first rows
and folds the rest (``<details>``); every cell is escaped except the source links this module builds.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from .. import csvfile, fmt, paths

#: Rows a table shows before folding the rest.
SHOWN_ROWS = 12

#: At most this many rows are folded under "Show all"; a longer table is shown in part, the whole in its CSV.
FOLDED_ROWS = 100

#: At most this many sources are named in a one-line source line; the rest are counted.
NAMED_SOURCES = 3

_NUM = ' class="num"'


#: The file, in a page's folder, that lists its downloads with their plain titles (read by the report).
MANIFEST = "files.tsv"


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


#: A table cell names at most this many sources; the rest are counted and linked to the Sources page.
CELL_SOURCES = 3


def source_links(ids: str, sources: pd.DataFrame, most: int | None = CELL_SOURCES) -> str:
    """HTML links for a cell's source ids ('S14, S16'): each its short citation, linked to its address;
    beyond ``most``, a count linked to the Sources page."""
    table = sources.set_index("source_id", drop=False)
    items = [x.strip() for x in str(ids).replace(";", ",").split(",") if x.strip()]
    counted = sum(int(x[1:]) for x in items if x.startswith("+") and x[1:].isdigit())  # "+N": reports not listed
    ids_list = list(dict.fromkeys(x for x in items if not (x.startswith("+") and x[1:].isdigit())))
    shown = ids_list if most is None else ids_list[:most]
    parts = [fmt.source_link(table.loc[sid]) if sid in table.index else html.escape(sid) for sid in shown]
    more = len(ids_list) - len(shown) + counted
    if more:
        parts.append(f'<a href="{fmt.SOURCES_PAGE}">{more} more</a>')
    return "; ".join(parts)


def source_line(ids, sources: pd.DataFrame) -> str:
    """One linked line naming the sources of a chart or table: the first few, then how many more,
    with a link to the Sources page ('Source: Tehran Times, 2020-08-09; ... and 12 more reports')."""
    ids = list(dict.fromkeys(x.strip() for cell in ids for x in str(cell).replace(";", ",").split(",") if x.strip()))
    named = ids[:NAMED_SOURCES]
    text = source_links(", ".join(named), sources, most=None)
    more = len(ids) - len(named)
    tail = f' and <a href="{fmt.SOURCES_PAGE}">{more} more report{"s" if more != 1 else ""}</a>' if more > 0 else ""
    label = "Source" if len(ids) == 1 else "Sources"
    return f'<span class="source-line">{label}: {text}{tail} (<a href="{fmt.SOURCES_PAGE}">all sources</a>)</span>'


#: An estimate's range in brackets at the end of a number cell: '1,700 (1,650 to 1,750)'.
_RANGE = re.compile(r"^(.*\S) (\([^()]*\))$")


def _number_cell(text: str) -> str:
    """A number cell's HTML: the value, and its bracketed range (if any) on a line of its own below it,
    so a column of estimates stays narrow and the values line up."""
    m = _RANGE.match(text)
    if not m:
        return html.escape(text)
    return f'{html.escape(m.group(1))} <span class="range">{html.escape(m.group(2))}</span>'


def _html_rows(frame: pd.DataFrame, raw: set[str], numeric: tuple[str, ...]) -> str:
    rows = []
    for _, r in frame.iterrows():  # a displayed table: tens of rows at most
        cells = "".join(f"<td{_NUM if c in numeric else ''}>"
                        f"{r[c] if c in raw else _number_cell(str(r[c])) if c in numeric else html.escape(str(r[c]))}</td>"
                        for c in frame.columns)
        rows.append(f"<tr>{cells}</tr>")
    return "".join(rows)


def table_html(display: pd.DataFrame, *, name: str | None = None, data: pd.DataFrame | None = None, title: str = "",
               caption: str = "", sources: pd.DataFrame | None = None, source_column: str | None = None,
               shown: int = SHOWN_ROWS, numeric: tuple[str, ...] = ()) -> str:
    """A formatted table as HTML.

    ``display`` holds text (its column names are the headers). ``source_column`` names a column of
    source ids, shown as linked citations. ``numeric`` columns are right-aligned. With ``name``, the
    full ``data`` (or ``display``) is written as ``<name>.csv`` and linked, and listed under ``title``
    among the report's downloads. Rows beyond ``shown`` are folded under a "Show all" summary.
    """
    total = len(display)
    d = display.head(max(shown, FOLDED_ROWS)).copy().fillna("")  # only what the page shows is rendered
    raw: set[str] = set()
    if source_column and sources is not None and source_column in d:
        d[source_column] = d[source_column].map(lambda ids: source_links(ids, sources))
        raw.add(source_column)
    head = "".join(f"<th{_NUM if c in numeric else ''}>{html.escape(str(c))}</th>" for c in d.columns)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""

    def table(rows: pd.DataFrame) -> str:
        return (f'<div class="table-wrap"><table class="data">{cap}<thead><tr>{head}</tr></thead>'
                f"<tbody>{_html_rows(rows, raw, numeric)}</tbody></table></div>")

    notes = []
    if total > FOLDED_ROWS:
        out = (table(d.head(shown)) + f'<details><summary>Show the first {len(d)} of {total:,} rows</summary>{table(d)}</details>')
        notes.append(f"The whole table, {total:,} rows, is in the download.")
    elif total > shown:
        out = table(d.head(shown)) + f'<details><summary>Show all {total} rows</summary>{table(d)}</details>'
    else:
        out = table(d)
    if name:
        write_csv(data if data is not None else display, name, title or caption)
        notes.append(f'<a class="download" href="{html.escape(page_file(name + ".csv"), quote=True)}">Download the data (CSV)</a>')
    if notes:
        out += f'<p class="table-note">{" ".join(notes)}</p>'
    return out


#: The folder, beside the report's page, that holds a notebook's files (set by each notebook).
PAGE = {"folder": ""}


def page_file(file: str) -> str:
    """A notebook's output file as linked from its page: ``<page folder>/<file>``."""
    return f"{PAGE['folder']}/{file}" if PAGE["folder"] else file
