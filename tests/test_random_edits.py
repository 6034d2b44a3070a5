"""Random edits of a valid ledger: either the loader refuses them, naming file and line, or every analysis runs.

Hypothesis edits a temporary copy of ``data/`` the way a spreadsheet user might: a cell replaced by
random text (any characters, tabs and line breaks included), by a number in any script's digits, by a
date in either calendar's form (in range or not), or emptied; a row duplicated or dropped. After
each set of edits, loading must either raise :class:`LedgerError` whose problems name a data file and
(at least one) a line, or succeed; a ledger that loads must get through every analysis the notebooks
run, and the report's own files and Sources page, without an exception. Loading never writes a file.

The number of examples is bounded so the test takes seconds (``ISIPO_RANDOM_EDITS`` raises it, and
``ISIPO_RANDOM_EDITS_SEED`` picks another fixed sequence, for a longer hunt); the sequence is fixed
(derandomised) so a run fails or passes the same way every time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from analysis import csvfile, evidence, paths
from analysis.present import downloads, everything
from analysis.questions import audit
from analysis.ledger import LedgerError, load_ledger
from analysis.report import sources

DATA = paths.ROOT / "data"
FILES = ("sources.tsv", "figures.tsv")
ORIGINAL = {name: (DATA / name).read_text(encoding="utf-8").rstrip("\n").split("\n") for name in FILES}
WIDTH = {name: len(lines[0].split("\t")) for name, lines in ORIGINAL.items()}
ROWS = {name: len(lines) - 1 for name, lines in ORIGINAL.items()}

EXAMPLES = int(os.environ.get("ISIPO_RANDOM_EDITS", "25"))
SEED = int(os.environ.get("ISIPO_RANDOM_EDITS_SEED", "20261201"))


def _run_analyses(ledger, out: Path) -> None:
    """Everything the notebooks compute from the ledger: the evidence, every page's sentences and
    tables, and every chart (:mod:`analysis.present.everything`); and what the report builds beside
    them from the ledger alone: the whole ledger and the estimates as CSV files, and the Sources page."""
    ev = evidence.build(ledger)
    everything.pages(ev)
    everything.charts(ev)
    places = evidence.provinces(ledger)
    for place in places.values():  # every province's evidence and audit, as its page reads them
        audit.checks(place)
    out.mkdir(parents=True, exist_ok=True)
    csvfile.write_csv(downloads.ledger(ev, places), out / "ledger.csv")
    csvfile.write_csv(downloads.estimates(ev), out / "estimates.csv")
    sources.sources_page(ledger)


# Digits 0-9 in several scripts: ASCII, Persian, Arabic-Indic, full-width, Devanagari.
SCRIPTS = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "०१२३४५६७८९"]


@st.composite
def numbers(draw) -> str:
    value = draw(st.one_of(st.integers(-10**6, 10**18), st.floats(allow_nan=True, allow_infinity=True).map(repr)))
    text = str(value)
    if draw(st.booleans()):
        text = f"{int(value):,}" if isinstance(value, int) else text
    digits = draw(st.sampled_from(SCRIPTS))
    return text.translate(str.maketrans("0123456789", digits))


@st.composite
def dates(draw) -> str:
    year = draw(st.integers(1300, 2400))
    month, day = draw(st.integers(0, 13)), draw(st.integers(0, 32))
    separator = draw(st.sampled_from(["-", "/"]))
    text = f"{year:04d}{separator}{month:02d}{separator}{day:02d}"
    return text.translate(str.maketrans("0123456789", draw(st.sampled_from(SCRIPTS[:3]))))


CELL_TEXT = st.one_of(
    st.text(max_size=30),
    numbers(),
    dates(),
    st.sampled_from(["", " ", "\u200b", "\u00a0", "\ufeff", "yes", "no", "exact", "over", "national", "1399", "C001", "S01"]),
)


# What each column holds somewhere in the ledger: another row's cell is a plausible, often valid, edit.
COLUMN_VALUES = {name: [sorted({row.split("\t")[i] for row in lines[1:]}) for i in range(WIDTH[name])]
                 for name, lines in ORIGINAL.items()}


# Cells the shipped ledger leaves empty or never varies, with the rules they meet: a rounding step that
# may or may not divide the value, a target kind a restatement may not share, a primary flag moved, a
# province (a national figure moved to a province, or a misspelt one), an expectation (a result turned
# into one, or a target, or a period already over).
EXTRA_CHOICES = {
    "rounding": ["none", "1", "2", "5", "50", "100", "1000", "0.5"],
    "target_kind": ["revival", "mandate", "multi_year", "term"],
    "primary": ["yes", "no"],
    "province": ["", "Khuzestan", "Tehran", "Kurdistan", "خوزستان", "Fars"],
    "expectation": ["", "expected", "forecast"],
}


@st.composite
def edits(draw) -> list[tuple]:
    """One to three edits, half of them plausible (another row's cell, a small count), so that a fair
    share of edited ledgers load and the analyses run on them."""
    out = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FILES))
        row = draw(st.integers(1, ROWS[name]))
        kind = draw(st.sampled_from(["text", "plausible", "plausible", "plausible", "duplicate", "drop"]))
        column = draw(st.integers(0, WIDTH[name] - 1))
        if kind == "text":
            out.append(("cell", name, row, column, draw(CELL_TEXT)))
        elif kind == "plausible":
            header = ORIGINAL[name][0].split("\t")
            choices = st.sampled_from(COLUMN_VALUES[name][column])
            if header[column] == "value":
                choices = st.one_of(choices, st.integers(0, 5000).map(str), st.just("0"))
            elif header[column] in EXTRA_CHOICES:  # values the shipped column never holds, and the rules they meet
                choices = st.one_of(choices, st.sampled_from(EXTRA_CHOICES[header[column]]))
            out.append(("cell", name, row, column, draw(choices)))
        else:
            out.append((kind, name, row))
    return out


def _apply(changes: list[tuple], folder: Path) -> None:
    lines = {name: list(ORIGINAL[name]) for name in FILES}
    for change in changes:
        kind, name, row = change[:3]
        rows = lines[name]
        row = min(row, len(rows) - 1)
        if row < 1:
            continue
        if kind == "cell":
            cells = rows[row].split("\t")
            cells[change[3]] = change[4]
            rows[row] = "\t".join(cells)
        elif kind == "duplicate":
            rows.insert(row + 1, rows[row])
        elif len(rows) > 2:  # drop, keeping at least one data row
            del rows[row]
    for name in FILES:
        (folder / name).write_text("\n".join(lines[name]) + "\n", encoding="utf-8")


def _snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@seed(SEED)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=False, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(edits())
def test_random_edits_are_refused_by_name_or_analysed_without_error(changes):
    with tempfile.TemporaryDirectory() as tmp:
        data, seeds = Path(tmp) / "data", Path(tmp) / "seeds"
        data.mkdir()
        shutil.copytree(paths.SEEDS_DIR, seeds)
        _apply(changes, data)
        before = _snapshot(data, seeds)
        try:
            ledger = load_ledger(data, seeds)
        except LedgerError as exc:
            assert exc.problems, "a LedgerError must list its problems"
            assert all(p.file.endswith(FILES) for p in exc.problems), exc
            assert any(p.line is not None and p.line >= 1 for p in exc.problems), exc
            assert _snapshot(data, seeds) == before, "loading changed or added a file"
            return
        assert _snapshot(data, seeds) == before, "loading changed or added a file"
        os.environ["ISIPO_OUTPUT_DIR"] = str(Path(tmp) / "out")  # the pages' files go to the temporary folder
        try:
            _run_analyses(ledger, Path(tmp) / "report")
        finally:
            os.environ.pop("ISIPO_OUTPUT_DIR", None)
