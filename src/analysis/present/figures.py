"""Showing a chart in a notebook: saved as files, displayed with alt text and a linked source line.

In: a matplotlib figure, its name, its alt text, the sources it draws on and its data. Out: files
in :func:`analysis.paths.output_dir` (``<name>.png``, ``<name>.svg``, ``<name>.csv``) and one
``text/html`` output: a ``<figure>`` with the PNG inline (so the page needs no other file and nbval
compares the image), its ``alt`` text, and a caption with the source line linked to the Sources page.
Files are byte-identical run to run (no dates in the metadata, a fixed SVG hash salt).
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
import pandas as pd

from .. import paths
from . import tables

#: Metadata that would change between runs, removed from every saved figure.
SAVE_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def png_bytes(fig) -> bytes:
    """The chart as PNG bytes (no metadata that changes between runs)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata=SAVE_METADATA["png"])
    return buffer.getvalue()


def figure_html(fig, alt: str, caption_html: str, png: bytes | None = None) -> str:
    """The chart as an HTML ``<figure>``: inline PNG with ``alt`` text and a caption (already HTML)."""
    data = base64.b64encode(png if png is not None else png_bytes(fig)).decode("ascii")
    return (f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            f'style="max-width:100%;height:auto"><figcaption>{caption_html}</figcaption></figure>')


def publish(fig, name: str, *, alt: str, source_ids, sources: pd.DataFrame, data: pd.DataFrame | None = None, title: str = ""):
    """Save ``fig`` as PNG and SVG (and ``data`` as CSV), close it, and return its HTML for display.

    Use as ``display(HTML(figures.publish(...)))``; returning the HTML object keeps the cell's only
    output the figure (no machine path, no matplotlib repr).
    """
    from IPython.display import HTML

    out = paths.output_dir()
    out.mkdir(parents=True, exist_ok=True)
    png = png_bytes(fig)  # drawn once: the file and the page show the same bytes
    (out / f"{name}.png").write_bytes(png)
    fig.savefig(out / f"{name}.svg", metadata=SAVE_METADATA["svg"])
    links = [f'<a href="{tables.page_file(name + ".png")}">image</a>', f'<a href="{tables.page_file(name + ".svg")}">SVG</a>']
    if data is not None and len(data):
        tables.write_csv(data, name, title or name, kind="chart")
        links.append(f'<a href="{tables.page_file(name + ".csv")}">data (CSV)</a>')
    caption = tables.source_line(source_ids, tables.cited(source_ids, sources)) + ' <span class="downloads">Download: ' + " · ".join(links) + "</span>"
    markup = figure_html(fig, alt, caption, png)
    plt.close(fig)
    return HTML(markup)
