"""A cell of any length the loader accepts reaches every output without a crash.

Python's CSV reader stops at fields over 131,072 characters; the front page used to read its own
``ledger.csv`` back with it to count rows. Now the rows come from the frames written, and a file no
page listed is counted with a reader that takes any field.
"""

from __future__ import annotations

import shutil

import nbformat
import pandas as pd

from analysis import evidence, paths
from analysis.ledger import load_ledger
from analysis.present import everything, tables
from analysis.report import content, front, pages, sources

LONG = 200_000  # characters: over the standard CSV reader's limit of 131,072


def _lengthen(path, record: str, fields: tuple[str, ...], prefix: str = "") -> None:
    rows = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    header = rows[0].split("\t")
    for i, row in enumerate(rows):
        cells = row.split("\t")
        if cells[0] == record:
            for field in fields:
                cells[header.index(field)] = prefix + "x" * LONG
            rows[i] = "\t".join(cells)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_long_cells_reach_every_page_the_front_page_and_the_downloads(tmp_path, monkeypatch):
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    shutil.copytree(paths.ROOT / "data", data)
    shutil.copytree(paths.SEEDS_DIR, seeds)
    _lengthen(data / "sources.tsv", "S03", ("publisher", "citation", "note"))
    _lengthen(data / "sources.tsv", "S04", ("url",), prefix="https://example.org/")
    _lengthen(data / "figures.tsv", "C003", ("speaker", "agency", "note"))
    figures_written = len((data / "figures.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")) - 1
    sources_written = len((data / "sources.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")) - 1

    ledger = load_ledger(data, seeds)
    ev = evidence.build(ledger)
    root = tmp_path / "report"
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(root / "01-page"))
    tables.PAGE["folder"] = "01-page"
    tables.reset_manifest()
    everything.pages(ev)  # every page's tables and sentences, their CSV files listed with their rows
    everything.charts(ev)

    prepared = content.prepare(ledger, root)
    info = pages.PageInfo("01-page", "A page", None, None)
    page = content.front_page([content.BuiltPage(info, nbformat.v4.new_notebook(), root / "01-page")], root, ledger, prepared)
    html = front.render_front_page(page)
    rows = {d.href: d.rows for d in page.downloads}
    assert rows["ledger.csv"] == figures_written
    assert rows["01-page/01-reports-table.csv"] == sources_written
    # The files hold the long cells whole (read with pandas, which takes a field of any length).
    ledger_csv = pd.read_csv(root / "ledger.csv", dtype=str, keep_default_na=False)
    assert len(ledger_csv) == figures_written and ledger_csv.map(len).max().max() >= LONG
    assert "ledger.csv" in html and "A page" in html
    assert "x" * LONG in sources.sources_page(ledger)


def test_a_csv_no_page_listed_is_counted_whatever_its_fields(tmp_path):
    folder = tmp_path / "01-page"
    folder.mkdir()
    (folder / "extra.csv").write_text("a,b\n" + "\n".join(f"{i},{'y' * LONG}" for i in range(3)) + "\n", encoding="utf-8")
    (folder / "empty.csv").write_text("a,b\n", encoding="utf-8")
    info = pages.PageInfo("01-page", "A page", None, None)
    found = {d.href: d.rows for d in content.downloads([content.BuiltPage(info, nbformat.v4.new_notebook(), folder)], tmp_path)}
    assert found == {"01-page/extra.csv": 3, "01-page/empty.csv": 0}
