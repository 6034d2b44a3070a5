"""The Persian edition: every page written again in Persian from what its notebook's one execution computed.

In: an executed notebook whose outputs carry their blocks (:mod:`analysis.present.blocks`: sentences,
tables and charts as data in ``metadata["isipo"]["block"]``). Out: a copy of the notebook whose every
output is the block written in Persian (:func:`persian_notebook`), which :mod:`analysis.report.pages`
turns into ``fa/<page>.html`` like the English page. The notebook is never run twice: tables and
sentences are written again from their data; charts are drawn again from their frames, in Persian, into
the Persian page's own folder. CSV files exist once, beside the English pages, and are linked from there.

A page must be made of blocks: its only Markdown cell is its title (written from the catalogue's
``page.<stem>.title``), and an output that carries no block (a stray print, a plain image) is an error
naming the page and cell, so no English can slip into the Persian edition unseen.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from ..present.blocks import Context, carried
from ..words import has, say, speaking

#: The folder, inside the report, that holds the Persian edition.
FOLDER = "fa"


class EditionError(RuntimeError):
    """A page cannot be written in Persian: an output carries no block, or Markdown is not the title."""


def context(stem: str, out: Path) -> Context:
    """Where a Persian page's blocks write: its files in ``fa/<stem>/``, its downloads the English edition's."""
    return Context(language="fa", files=stem, data_files=f"../{stem}", out=out / stem)


def english_only(nb: nbformat.NotebookNode, stem: str, english_href: str) -> nbformat.NotebookNode:
    """The Persian twin of a page that cannot be written in Persian (a notebook a user added, whose words are
    not in the catalogue): its title as it stands and one Persian line linking to the English page."""
    from ..words import Link, Msg, Text

    title = next((c.source.strip() for c in nb.cells if c.cell_type == "markdown" and c.source.lstrip().startswith("# ")), f"# {stem}")
    with speaking("fa"):
        line = Msg("edition.english_only", {"page": Link(Text(title.lstrip("# ").strip(), "en"), english_href)}).html()
    out = nbformat.v4.new_notebook(metadata=copy.deepcopy(nb.metadata))
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": f'<p class="english-only">{line}</p>'}, metadata={})]
    out.cells = [nbformat.v4.new_markdown_cell(title), cell]
    return out


def persian_notebook(nb: nbformat.NotebookNode, stem: str, out: Path) -> nbformat.NotebookNode:
    """``nb`` with every output written in Persian (charts drawn into ``out/<stem>/``)."""
    ctx = context(stem, out)
    fa = copy.deepcopy(nb)
    with speaking("fa"):
        for i, cell in enumerate(fa.cells, 1):
            if cell.cell_type == "markdown":
                if not cell.source.lstrip().startswith("# ") or "\n#" in cell.source.strip() or not has(f"page.{stem}.title"):
                    raise EditionError(f"{stem}, cell {i}: a page's only Markdown is its title (# ...), with page.{stem}.title in the catalogue")
                cell.source = f"# {say(f'page.{stem}.title')}"
                continue
            if cell.cell_type != "code":
                continue
            outputs = []
            for output in cell.get("outputs", []):
                block = carried(output)
                if block is None:
                    if output.get("output_type") == "stream" and output.get("name") == "stderr":
                        continue  # warnings: not part of a page (the English page shows them too; nbval keeps them out)
                    raise EditionError(f"{stem}, cell {i}: an output carries no block, so it cannot be written in Persian")
                if output.get("output_type") == "execute_result":
                    raise EditionError(f"{stem}, cell {i}: a page shows blocks with display(), not as a cell's value")
                ctx.out.mkdir(parents=True, exist_ok=True) if ctx.out is not None else None
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": block.html(ctx)}, metadata={}))
            cell.outputs = outputs
    return fa
