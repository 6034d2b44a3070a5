"""Charts and tables for the notebooks: titles, labelled axes with units, a source line, files.

Every chart goes through :func:`finish` (title, axis labels, source line) and :func:`publish`
(saved as PNG and SVG with its data as CSV in :func:`analysis.paths.output_dir`, then shown).
Output files are byte-identical run to run: no timestamps, a fixed SVG hash salt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from . import calendar, csvfile, paths

#: Columns in which tables name the sources they draw on.
SOURCE_ID_COLUMNS: tuple[str, ...] = ("source_id", "source_ids", "first_source", "latest_source", "final_source_ids")

#: Metadata written into saved figures: none that changes between runs.
SAVE_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def setup() -> None:
    """Settings every notebook applies once: readable fonts, deterministic output, pandas display."""
    matplotlib.rcParams.update({
        "figure.figsize": (9.5, 4.8),
        "figure.dpi": 100,
        "savefig.dpi": 120,
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.labelsize": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.fontsize": 10,
        "svg.hashsalt": "isipo-revival",
        "svg.fonttype": "none",
    })
    pd.set_option("display.max_rows", 300)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 120)


def source_line(ledger, source_ids: Iterable[str]) -> str:
    """'Source: ...' text naming each source by publisher, id and date (or date bounds)."""
    src = ledger.sources.set_index("source_id")
    parts = []
    for sid in dict.fromkeys(source_ids):
        row = src.loc[sid]
        parts.append(f"{row['publisher']} ({sid}, {date_text(row)})")
    return "Source: " + "; ".join(parts)


def date_text(source_row: pd.Series) -> str:
    """A source's date, or its bounds when it is undated ('undated, 2020-06-21 to 2021-03-20')."""
    early, late = source_row["published_earliest"], source_row["published_latest"]
    if early == late:
        return f"{early:%Y-%m-%d}"
    return f"undated, {early:%Y-%m-%d} to {late:%Y-%m-%d}"


def both_calendars(date: dt.date | pd.Timestamp) -> str:
    """'2020-03-20 (1399/01/01)': a date in both calendars."""
    return f"{pd.Timestamp(date):%Y-%m-%d} ({calendar.format_jalali(date)})"


def label_dates_both_calendars(ax, dates: Iterable[dt.date | pd.Timestamp], axis: str = "x") -> None:
    """Put ticks at ``dates`` labelled in both calendars (Gregorian over Iranian)."""
    dates = [pd.Timestamp(d) for d in dates]
    labels = [f"{d:%Y-%m-%d}\n{calendar.format_jalali(d)}" for d in dates]
    if axis == "x":
        ax.set_xticks(dates, labels)
    else:
        ax.set_yticks(dates, labels)


def finish(fig, ax, *, title: str, xlabel: str, ylabel: str, source: str, top: float = 1.0) -> None:
    """Title, axis labels (say the units in them) and a source line under the chart.

    The source line is wrapped and measured once drawn; the figure grows by its height and the
    chart is laid out above it, so a line naming dozens of reports never overlaps the axes.
    ``top`` (0..1) keeps room above the axes, e.g. for a figure-wide title.
    """
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, axis="both", alpha=0.25)
    note = fig.text(0.01, 0.012, _wrap(source, 150), fontsize=8.5, color="#444444", va="bottom", ha="left")
    text_inches = note.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi
    width, height = fig.get_size_inches()
    new_height = height + text_inches
    fig.set_size_inches(width, new_height)
    fig.tight_layout(rect=(0, (text_inches + 0.25) / new_height, 1, top))


def source_ids(*tables: pd.DataFrame, columns: Iterable[str] = SOURCE_ID_COLUMNS) -> list[str]:
    """Every source id the given tables name, sorted, each once (for :func:`source_line`).

    Reads whichever of ``columns`` a table has; cells may list several ids separated by ``,``,
    ``;`` or ``→``.
    """
    found: set[str] = set()
    for table in tables:  # a few tables, not ledger rows
        for col in columns:
            if col in table and len(table):
                ids = table[col].dropna().astype("str").str.split(r"\s*(?:[,;]|→)\s*", regex=True).explode().str.strip()
                found |= set(ids)
    return sorted(found - {""})


def publish(fig, name: str, data: pd.DataFrame | None = None) -> None:
    """Save ``fig`` as ``<name>.png`` and ``<name>.svg`` (and ``data`` as ``<name>.csv``), then show it.

    Files go to :func:`analysis.paths.output_dir`. Returns nothing, so a cell ending in this call
    shows the chart and no machine path.
    """
    out = paths.output_dir()
    out.mkdir(parents=True, exist_ok=True)
    fig.savefig(out / f"{name}.png", metadata=SAVE_METADATA["png"])
    fig.savefig(out / f"{name}.svg", metadata=SAVE_METADATA["svg"])
    if data is not None:
        write_csv(data, name)
    plt.show()
    plt.close(fig)


def table(data: pd.DataFrame, name: str) -> pd.DataFrame:
    """Write a displayed table's data as ``<name>.csv`` in the output folder and return it unchanged.

    Use as ``display(plots.table(frame, "03-year-on-year-changes"))`` so every table in the report
    has its data beside it as CSV, as every chart does.
    """
    write_csv(data, name)
    return data


def write_csv(data: pd.DataFrame, name: str) -> Path:
    """Write a table's data as ``<name>.csv`` in the output folder (UTF-8, Unix line endings)."""
    out = paths.output_dir()
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.csv"
    csvfile.write_csv(data, path)
    return path


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))
