"""Small made-up ledgers for the evidence-layer tests.

A made-up ledger keeps the project's seed source (S00, the one primary source, whose text and
provenance live in ``seeds/``) and replaces every other row with the few sources and figures a
test needs, so the expected values can be worked out by hand from those rows alone. Everything
goes through :func:`analysis.ledger.load_ledger`, so the rows are validated exactly as a user's
would be (and where a test gives a date in both calendars, the loader checks they agree).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis import evidence, paths
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS, load_ledger


def source(sid: str, published: str = "", earliest: str = "", latest: str = "") -> dict:
    """A made-up report: a shown date, or bounds on an undated one."""
    if published:
        earliest = latest = published
    return {"source_id": sid, "publisher": "Example Daily", "language": "en", "url": f"https://example.org/{sid}",
            "published": published, "published_earliest": earliest, "published_latest": latest,
            "date_basis": "shown" if published else "text_clues", "citation": f"Example Daily {sid}", "licence": "",
            "seed_file": "", "primary": "no", "note": "made up for a test"}


def figure(fid: str, sid: str, metric: str, value, start: str = "", end: str = "", *, qualifier: str = "exact",
           scope: str = "national", restates: str = "", rounding: str = "", target_kind: str = "",
           start_j: str = "", end_j: str = "", speaker: str = "A. Spokesperson", expectation: str = "") -> dict:
    """A made-up figure (dates Gregorian ``start``/``end``, optionally also Iranian ``start_j``/``end_j``)."""
    return {"figure_id": fid, "source_id": sid, "metric": metric, "value": str(value), "qualifier": qualifier,
            "rounding": rounding, "scope": scope, "target_kind": target_kind, "expectation": expectation,
            "period_start": start, "period_end": end,
            "period_start_jalali": start_j, "period_end_jalali": end_j, "jalali_year": "", "restates": restates,
            "speaker": speaker, "agency": "", "quote": "", "note": "made up"}


def _line(row: dict, columns) -> str:
    return "\t".join(row.get(c, "") for c in columns)


def write_ledger(folder: Path, sources: list[dict], figures: list[dict]) -> tuple[Path, Path]:
    """Write a ledger of the seed source plus ``sources`` and ``figures``; returns (data_dir, seeds_dir)."""
    data, seeds = folder / "data", folder / "seeds"
    data.mkdir(parents=True, exist_ok=True)
    if not seeds.exists():
        shutil.copytree(paths.SEEDS_DIR, seeds)
    shipped = (paths.ROOT / "data" / "sources.tsv").read_text(encoding="utf-8").split("\n")
    seed_line = next(line for line in shipped if line.startswith("S00\t"))
    (data / "sources.tsv").write_text("\n".join([shipped[0], seed_line, *(_line(s, SOURCES_COLUMNS) for s in sources)]) + "\n",
                                      encoding="utf-8")
    (data / "figures.tsv").write_text("\n".join(["\t".join(FIGURES_COLUMNS), *(_line(f, FIGURES_COLUMNS) for f in figures)]) + "\n",
                                      encoding="utf-8")
    return data, seeds


#: A report and target far from every test's rows (1396, renovation programme), so that a made-up
#: ledger holds a target as every real one does (a ledger without any is built too: see
#: test_evidence_targets); :func:`build` adds it unless told not to, and tests read only their own
#: metrics, scopes and years.
FILLER_SOURCE = source("SF", "2017-06-01")
FILLER_TARGET = figure("TF", "SF", "units_target", 999, "2017-03-21", "2018-03-20", scope="renovation_programme")


def build(folder: Path, sources: list[dict], figures: list[dict], *, filler: bool = True) -> evidence.Evidence:
    """The evidence of a made-up ledger (with the filler target unless ``filler=False``)."""
    if filler:
        sources, figures = [*sources, FILLER_SOURCE], [*figures, FILLER_TARGET]
    data, seeds = write_ledger(folder, sources, figures)
    return evidence.build(load_ledger(data, seeds))


def seed_figures(*figure_ids: str) -> list[dict]:
    """The seed's own figures (S00) as the shipped ledger holds them, quotes included, links dropped.

    A made-up ledger has none of the figures the seed's figures restate, so ``restates`` is emptied.
    With ``figure_ids``, only those figures (in the order given); otherwise all of them.
    """
    lines = (paths.ROOT / "data" / "figures.tsv").read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    rows = {r["figure_id"]: {**r, "restates": ""} for r in (dict(zip(header, line.split("\t"))) for line in lines[1:] if line)
            if r["source_id"] == "S00"}
    return [rows[i] for i in figure_ids] if figure_ids else list(rows.values())


def rendered(frame):
    """``frame`` with every sentence cell (:class:`analysis.words.Msg`) written as English text and every
    empty one as '': what a reader (or a download) sees, for tests that compare words."""
    from analysis.words import Msg, speaking

    out = frame.copy()
    with speaking("en"):
        for col in out.columns:
            if out[col].dtype == object and any(isinstance(v, Msg) or v is None for v in out[col].tolist()):
                out[col] = [str(v) if isinstance(v, Msg) else "" if v is None else v for v in out[col].tolist()]
    return out


def same_frame(a, b, what: str = "") -> None:
    """Assert ``a`` and ``b`` are the same frame exactly: columns, dtypes, index and cells. Sentence cells may
    hold NaN slots (nan != nan), so object columns are compared by their ``repr``."""
    assert list(a.columns) == list(b.columns), what
    assert list(a.dtypes.astype(str)) == list(b.dtypes.astype(str)), what
    objects = [c for c in a.columns if a[c].dtype == object]
    pd.testing.assert_frame_equal(a.assign(**{c: a[c].map(repr) for c in objects}),
                                  b.assign(**{c: b[c].map(repr) for c in objects}), check_exact=True, obj=what or "frame")
