"""Adding a report is data entry only: append its source and figures, and every question takes it in.

A made-up report of Iranian year 1404 (2025-03-21 .. 2026-03-20, a common year of 365 days) is
appended to a temporary copy of the ledger; no existing row is edited. Expected values are worked out
by hand below.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import evidence, paths
from analysis.ledger import FIGURES_COLUMNS, SOURCES_COLUMNS, load_ledger
from analysis.questions import audit, jobs, rates, timeline

NEW_SOURCE = {
    "source_id": "SNEW", "publisher": "Example Daily", "language": "en", "url": "https://example.org/news/1404-revivals",
    "published": "2026-04-05", "published_earliest": "2026-04-05", "published_latest": "2026-04-05", "date_basis": "shown",
    "citation": "Example Daily, 2026-04-05, example.org/news/1404-revivals", "licence": "", "seed_file": "", "primary": "no",
    "note": "Made-up report for a test.",
}


def _figure(fid, metric, value, start, end, year, jalali=("", ""), qualifier="exact"):
    return {"figure_id": fid, "source_id": "SNEW", "metric": metric, "value": value, "qualifier": qualifier, "scope": "national",
            "period_start": start, "period_end": end, "period_start_jalali": jalali[0], "period_end_jalali": jalali[1],
            "jalali_year": year, "speaker": "a made-up official", "note": "test row"}


# The 1403 national total is 1,344 (C212); this report says 1,420 for the same year: a contradiction.
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
    return evidence.build(load_ledger(data_dir=data))


def test_the_new_rows_are_validated_and_loaded(extended):
    new = extended.figures[extended.figures["source_id"] == "SNEW"].set_index("figure_id")
    assert sorted(new.index) == [f["figure_id"] for f in NEW_FIGURES]
    # Given in the Iranian calendar only: converted (1404/01/01 is 2025-03-21, 1404/12/29 is 2026-03-20).
    assert (new.loc["N001", "start"], new.loc["N001", "end"]) == (pd.Timestamp("2025-03-21"), pd.Timestamp("2026-03-20"))
    assert new.loc["N001", "period_kind"] == "full_year"
    assert new.loc["N004", "period_kind"] == "half"


def test_it_reaches_the_timeline(extended):
    assert "SNEW" in set(timeline.reports(extended)["source_id"])
    years = timeline.years(extended).set_index("jalali_year")
    # "1500" ends in zeros: read as rounded to the hundred, 1,450 .. 1,550.
    assert (years.loc[1404, "value"], years.loc[1404, "low"], years.loc[1404, "high"]) == (1500, 1450, 1550)
    assert years.loc[1404, "target_value"] == 2000
    assert "N004" in set(extended.series["figure_ids"])


def test_it_reaches_jobs_per_unit(extended):
    y = jobs.headline(extended).set_index("jalali_year")
    # 27,000 (26,500 .. 27,500) jobs over 1,500 (1,450 .. 1,550) units.
    assert y.loc[1404, "jpu_value"] == pytest.approx(27000 / 1500)
    assert y.loc[1404, "jpu_low"] == pytest.approx(26500 / 1550)
    assert y.loc[1404, "jpu_high"] == pytest.approx(27500 / 1450)
    half = jobs.pairs(extended)
    half = half[(half["first_year"] == 1404) & (half["period_kind"] == "half")]
    # 9,550 .. 9,650 jobs over 550 .. 650 units.
    assert half["jpu_low"].tolist() == [pytest.approx(9550 / 650)]
    assert half["jpu_high"].tolist() == [pytest.approx(9650 / 550)]


def test_it_reaches_the_year_on_year_tables(extended):
    y = rates.yearly(extended).set_index("jalali_year")
    # 1404 is a common year: 365 days.
    assert y.loc[1404, "pace_value"] == pytest.approx(1500 / 365)
    a = rates.attainment(extended)
    row = a[(a["jalali_year"] == 1404) & (a["metric"] == "units_target")].iloc[0]
    # Stated 2026-04-05, after 1404 ended (2026-03-20): shown, not scored.
    assert not row["scored"]


def test_the_audit_flags_the_contradiction(extended):
    checks = audit.checks(extended)
    hits = checks[checks["claim_ids"].str.contains("N006") & (checks["rule"] == "different_values")]
    # 1,420 and 1,344, both exact: the values cannot both hold.
    assert hits["grade"].tolist() == ["contradiction"]
    assert "C212" in hits.iloc[0]["claim_ids"]
    assert "SNEW" in hits.iloc[0]["source_ids"]


def test_the_real_ledger_does_not_hold_the_made_up_report():
    assert "SNEW" not in set(load_ledger().sources["source_id"])
