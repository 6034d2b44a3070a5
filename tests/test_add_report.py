"""Adding a report is data entry only: append rows to the two data files, and every analysis takes them in.

A made-up report (S-NEW, dated 2025-06-01) with figures for Iranian year 1404 and a contradicting
restatement of the 1403 national total is appended to a temporary copy of the ledger.
"""

import shutil

import pandas as pd
import pytest

from analysis import audit, jobs, paths, rates, timeline
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS, load_ledger

NEW_SOURCE = {
    "source_id": "SNEW", "publisher": "Example Daily", "language": "en", "url": "https://example.org/isipo-1404",
    "published": "2026-04-15", "published_earliest": "2026-04-15", "published_latest": "2026-04-15",
    "date_basis": "shown", "citation": "Example Daily, 2026-04-15, example.org/isipo-1404", "licence": "",
    "seed_file": "", "primary": "no", "note": "Made-up report used by the add-a-report test.",
}


def _figure(fid, metric, value, start, end, year, scope="national", qualifier="exact", jalali=("", "")):
    return {"figure_id": fid, "source_id": "SNEW", "metric": metric, "value": value, "qualifier": qualifier,
            "scope": scope, "period_start": start, "period_end": end, "period_start_jalali": jalali[0],
            "period_end_jalali": jalali[1], "jalali_year": year, "restates": "", "speaker": "A. Spokesperson",
            "agency": "", "quote": "", "note": "made up"}


# 1404 ran 2025-03-21 .. 2026-03-20. The 1403 national total was 1,344 (C212); this report says 1,420.
NEW_FIGURES = [
    _figure("N001", "units_revived", "1500", "", "", "1404", jalali=("1404/01/01", "1404/12/29")),
    _figure("N002", "jobs_created", "27000", "2025-03-21", "2026-03-20", "1404"),
    _figure("N003", "units_target", "2000", "2025-03-21", "2026-03-20", "1404"),
    _figure("N004", "units_revived", "600", "2025-03-21", "2025-09-22", "1404"),
    _figure("N005", "jobs_created", "9600", "2025-03-21", "2025-09-22", "1404"),
    _figure("N006", "units_revived", "1420", "2024-03-20", "2025-03-20", "1403"),
]


def _append(path, columns, rows):
    with path.open("a", encoding="utf-8", newline="") as fh:
        for row in rows:
            fh.write("\t".join(row.get(c, "") for c in columns) + "\n")


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    for name in ("sources.tsv", "figures.tsv"):
        shutil.copy(paths.ROOT / "data" / name, data / name)
    _append(data / "sources.tsv", list(SOURCES_COLUMNS), [NEW_SOURCE])
    _append(data / "figures.tsv", list(FIGURES_COLUMNS), NEW_FIGURES)
    return load_ledger(data_dir=data)


def test_the_new_rows_are_validated_and_loaded(extended):
    new = extended.figures[extended.figures["source_id"] == "SNEW"]
    assert sorted(new["figure_id"]) == [f["figure_id"] for f in NEW_FIGURES]
    n1 = new.set_index("figure_id").loc["N001"]
    # Given in the Iranian calendar only: converted.
    assert (n1["start"], n1["end"]) == (pd.Timestamp("2025-03-21"), pd.Timestamp("2026-03-20"))


def test_it_reaches_the_timeline(extended):
    ev = timeline.events(extended)
    assert {"N001", "N004", "N006"} <= set(ev["figure_id"])
    assert "SNEW" in set(timeline.reports(extended)["source_id"])
    yearly = timeline.yearly_results(ev)
    row = yearly[(yearly["jalali_year"] == 1404) & (yearly["scope"] == "national")]
    assert row["value"].tolist() == [1500]
    ytd = timeline.year_to_date(ev)
    assert "N004" in set(ytd["figure_id"])


def test_it_reaches_jobs_per_unit(extended):
    pairs = jobs.pair_units_jobs(extended.figures)
    full = pairs[(pairs["jalali_year"] == 1404) & pairs["full_year"]]
    assert full["jpu_value"].tolist() == [pytest.approx(27000 / 1500)]
    half = pairs[(pairs["jalali_year"] == 1404) & ~pairs["full_year"]]
    # Both are round: 9,550 .. 9,650 jobs over 550 .. 650 units.
    assert half["jpu_low"].tolist() == [pytest.approx(9550 / 650)]
    assert half["jpu_high"].tolist() == [pytest.approx(9650 / 550)]


def test_it_reaches_the_year_on_year_tables(extended):
    counts = rates.full_year_counts(extended.figures)
    national = counts[(counts["scope"] == "national") & (counts["jalali_year"] == 1404)]
    assert national["value"].tolist() == [1500]
    # 1404 is a common year: 365 days.
    assert national["pace_value"].tolist() == [pytest.approx(1500 / 365)]
    yoy = rates.year_on_year(counts)
    assert ((yoy["year"] == 1404) & (yoy["previous_year"] == 1403) & yoy["same_scope"]).any()
    attained = rates.target_attainment(rates.target_revisions(extended.figures), counts)
    assert 1404 in set(attained["jalali_year"])


def test_the_audit_flags_the_contradiction(extended):
    findings = audit.audit(extended)
    hits = audit.involving(findings, ["N006"])
    assert not hits.empty
    assert hits["figure_ids"].str.contains("C212").any()
    assert "SNEW" in ", ".join(hits["source_ids"])


def test_the_real_ledger_does_not_hold_the_made_up_report():
    assert "SNEW" not in set(load_ledger().sources["source_id"])
