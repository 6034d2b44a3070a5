"""``make check`` (``python -m analysis.check``): what a new report changes against the last commit.

Each test copies the shipped ledger into a git repository of its own in ``tmp_path`` (init, commit),
appends rows there as a user would, and runs the check on that copy: the project's ``data/`` is never
touched. Expected values are worked out by hand from the rows appended and the shipped ledger, in the
comments beside them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


from analysis import check, paths
from analysis.check import committed
from analysis.check.compare import ClaimChange, EstimateChange, RowChange, compare
from analysis.ledger import load_ledger

#: Every row appended below is dated before this day (the shipped ledger's latest report is of 2025-12-25).
DAY = "2026-01-15"

#: A made-up report of 2026-01-10.
REPORT = dict(source_id="S99", publisher="Example Gazette", language="en", url="https://example.org/isipo",
              published="2026-01-10", published_earliest="2026-01-10", published_latest="2026-01-10", date_basis="shown",
              citation="Example Gazette, 2026-01-10, example.org/isipo", primary="no", note="A made-up report.")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], check=True, capture_output=True, text=True).stdout


def _repository(tmp_path: Path) -> Path:
    """A git repository holding a copy of the shipped data package, committed; returns its data folder."""
    data = tmp_path / "repo" / "data"
    shutil.copytree(paths.ROOT / "data", data)
    _git(data.parent, "init", "-q")
    _git(data.parent, "add", "-A")
    _git(data.parent, "commit", "-q", "-m", "the shipped ledger")
    return data


def _append(file: Path, rows: list[dict]) -> None:
    """Append rows (column -> cell; missing columns empty) to a TSV file, in its header's order."""
    header = file.read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    with file.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write("\t".join(row.get(column, "") for column in header) + "\n")


def _row(file: Path, record_id: str) -> dict:
    lines = [line.split("\t") for line in file.read_text(encoding="utf-8").splitlines()]
    return dict(zip(lines[0], next(line for line in lines if line[0] == record_id)))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(data: Path) -> subprocess.CompletedProcess:
    """``python -m analysis.check --data <data>`` as ``make check`` runs it, as of :data:`DAY`."""
    return subprocess.run([sys.executable, "-m", "analysis.check", "--data", str(data)], cwd=paths.ROOT, capture_output=True,
                          text=True, env={**os.environ, "ISIPO_BUILD_DAY": DAY}, check=False)


def _made_up_report(data: Path) -> None:
    """S99 states three figures:

    - C901: about 2,000 units revived in the whole country in 1398 (2019-03-21 .. 2020-03-19), the first
      full-year national count of that year. 2,000 is rounded at its thousands, but never more than 10 %
      either way: 1,800 to 2,200. It equals the revised 1398 national target of 2,000 units (C014), which
      the audit's ``target_echo`` rule asks about.
    - C902: 250 units revived in Tehran in 1403 (2024-03-20 .. 2025-03-20), a province's first figure of
      that year: rounded at its tens, 245 to 255.
    - C903: the 1,811 units of 1402 that claim H140 states, restated (a new report of a known claim).
    """
    _append(data / "sources.tsv", [REPORT])
    h140 = _row(data / "figures.tsv", "H140")
    _append(data / "figures.tsv", [
        dict(figure_id="C901", source_id="S99", metric="units_revived", value="2000", qualifier="about", scope="national",
             period_start="2019-03-21", period_end="2020-03-19", speaker="unattributed"),
        dict(figure_id="C902", source_id="S99", metric="units_revived", value="250", qualifier="exact", scope="national",
             province="Tehran", period_start="2024-03-20", period_end="2025-03-20", speaker="unattributed"),
        dict(h140, figure_id="C903", source_id="S99", restates="H140", speaker="unattributed", note=""),
    ])


def test_a_made_up_report_shows_its_claims_the_estimate_it_moves_its_finding_and_pages(tmp_path):
    data = _repository(tmp_path)
    _made_up_report(data)
    before = _files(data.parent)
    result = check.check(data, build_day=DAY)
    assert _files(data.parent) == before  # nothing written into the repository (or its data folder)
    assert result.loads and result.against.startswith("HEAD (")
    ch = result.changes
    assert ch.reports == (RowChange("added", "S99"),)
    assert ch.figures == (RowChange("added", "C901"), RowChange("added", "C902"), RowChange("added", "C903"))
    assert ch.claims == (
        ClaimChange("", "added", "C901", "units_revived", "units revived, national, 1398", "about 2,000", (), ("reported by S99",)),
        ClaimChange("", "changed", "H140", "units_revived", "units revived, national, 1402", "1,811", ("reports",), ("reports: +S99",)),
        ClaimChange("Tehran", "added", "C902", "units_revived", "units revived, national, 1403", "250", (), ("reported by S99",)),
    )
    # 1398 had no national full-year count: its estimate was at least the SME plan's exact 1,185 (C043, a
    # part of the national count), with no upper bound. The new count stands alone: 2,000, 1,800 to 2,200.
    inf = float("inf")
    assert ch.estimates == (
        EstimateChange("", "moved", "units_revived", "national", 1398, (1185.0, 1185.0, inf), (2000.0, 1800.0, 2200.0),
                       "at least 1,185", "2,000 (1,800 to 2,200)", "floor", "full_year"),
        EstimateChange("Tehran", "new", "units_revived", "national", 1403, None, (250.0, 245.0, 255.0),
                       "", "250 (245 to 255)", "", "full_year"),
    )
    assert [(f.place, f.change, f.rule, f.claim_id, f.claim_ids, f.old_grade, f.new_grade) for f in ch.findings] == [
        ("", "appeared", "target_echo", "C901", "C901, C014", "", "question")]
    assert list(result.pages) == ["01", "03", "04", "05", "front page", "sources page", "downloads"]
    assert result.pages["05"] == ("Tehran: claims", "Tehran: estimates")
    assert result.pages["04"] == ("audit findings",)

    text = check.render(result).splitlines()
    assert text[0] == ("1 report added, 3 figures added, 2 claims added, 1 claim changed, 1 estimate moved, 1 new estimate, "
                       "1 finding appeared; pages to re-run: 01, 03, 04, 05, front page, sources page, downloads")
    assert "    added    C901  units revived, national, 1398: about 2,000 (reported by S99)" in text
    assert "    changed  H140  units revived, national, 1402: 1,811 (reports: +S99)" in text
    assert "    moved     units revived, national, 1398: at least 1,185 -> 2,000 (1,800 to 2,200)" in text
    assert "    new       units revived, national, 1403: 250 (245 to 255) (stated for the whole year)" in text
    finding = next(line for line in text if "target_echo" in line)
    assert finding.startswith("    appeared      question: target_echo C901 (units revived, national, 1398 (2019–20)): The count equals")
    assert text.index("  Tehran") > text.index("  the whole country")  # the country first, then the provinces
    assert "  05 provinces: Tehran: claims; Tehran: estimates" in text


def test_an_earlier_report_of_a_known_claim_renames_it_without_a_finding_coming_or_going(tmp_path):
    # S98, of 2022-04-01, repeats C145 (over 39,000 jobs in 1400, first reported by S32 on 2023-01-18), so the
    # claim is now first reported by S98's C904 and takes that id; its finding (different_values) stays.
    data = _repository(tmp_path)
    _append(data / "sources.tsv", [dict(REPORT, source_id="S98", published="2022-04-01", published_earliest="2022-04-01",
                                        published_latest="2022-04-01")])
    _append(data / "figures.tsv", [dict(_row(data / "figures.tsv", "C145"), figure_id="C904", source_id="S98",
                                        restates="C145", note="")])
    result = check.check(data, build_day=DAY)
    assert result.changes.claims == (
        ClaimChange("", "changed", "C904", "jobs_created", "jobs, national, 1400", "over 39,000", ("first reported", "reports"),
                    ("first reported as C904 (was C145)", "reports: +S98")),)
    assert result.changes.findings == () and result.changes.estimates == ()
    assert list(result.pages) == ["01", "02", "front page", "sources page", "downloads"]


def test_a_broken_row_gives_the_loaders_message_and_exit_1(tmp_path):
    data = _repository(tmp_path)
    line = len((data / "figures.tsv").read_text(encoding="utf-8").splitlines()) + 1
    _append(data / "sources.tsv", [REPORT])
    _append(data / "figures.tsv", [dict(figure_id="C901", source_id="S99", metric="units_revived", value="1,700",
                                        qualifier="about", scope="national", period_start="2019-03-21",
                                        period_end="2020-03-19", speaker="unattributed")])
    run = _run(data)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "1 problem(s) in the ledger; fix these and run again:",
        f"  - figures.tsv, line {line} (C901), field 'value': '1,700' has a thousands separator; write digits only "
        "(1700, not 1,700)",
    ]


def test_an_unchanged_ledger_prints_nothing_changed(tmp_path):
    data = _repository(tmp_path)
    run = _run(data)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("nothing changed: the ledger is as committed in HEAD (")
    assert len(run.stdout.splitlines()) == 1


def test_without_a_commit_to_compare_with_the_check_says_so_and_only_validates(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", data)
    result = check.check(data, build_day=DAY)  # tmp_path lies in no git repository
    assert result.loads and result.changes is None
    assert result.note == "data is not in a git repository, so there is no committed ledger to compare with"
    assert check.render(result) == ("the ledger loads (321 figures from 75 reports); nothing to compare with: "
                                    + result.note)
    _git(tmp_path, "init", "-q")
    assert check.check(data, build_day=DAY).note == ("the repository has no commit yet, so there is no committed ledger "
                                                     "to compare with")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert check.check(data, build_day=DAY).note == "git is not installed, so there is no committed ledger to compare with"


def test_a_vocabulary_changed_since_the_commit_is_named(tmp_path):
    data = _repository(tmp_path)
    with (data / "scopes.tsv").open("a", encoding="utf-8") as out:
        out.write("\n")  # any change of the file's bytes
    result = check.check(data, build_day=DAY)
    assert result.note == (f"data/scopes.tsv differs from {result.against}: both ledgers are read with the working copy's "
                           "schema and vocabularies.")


def test_places_whose_inputs_did_not_change_are_skipped_without_losing_a_change(tmp_path):
    # The shortcut (a place whose figures, reports and restating reports are unchanged is not rebuilt) must
    # find what building every place of both ledgers finds.
    data = _repository(tmp_path)
    _made_up_report(data)
    new = load_ledger(data, build_day=DAY)
    old = load_ledger(committed.take(data, tmp_path / "head").folder, build_day=DAY)
    assert compare(old, new) == compare(old, new, full=True)


def test_make_check_is_a_target_the_help_and_the_readme_name():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert "\ncheck: $(STAMP)\n\t$(PY) -m analysis.check\n" in makefile
    assert '@echo "make check ' in makefile
    assert "`make check` -> `make notebooks` -> `make test` -> `make report`" in readme
    assert "Other commands: `make check`" in readme
