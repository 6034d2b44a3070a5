"""The country's evidence and audit a report build makes once and its kernels read (:mod:`analysis.present.shared`).

A kernel under a build reads the builder's file only when it was made from the very ledger the kernel loaded, and
what it reads equals what it would have built (every frame, messages compared by their ``repr``); with any other
ledger, no file, or the builder's failure marker, it builds its own.
"""

from __future__ import annotations

import pytest

from analysis import evidence
from analysis.evidence import FRAMES
from analysis.ledger import load_ledger
from analysis.present import page, shared
from analysis.questions import audit
from evidence_fixtures import same_frame




@pytest.fixture(scope="module")
def built():
    """The shipped ledger, and its evidence and checks as a kernel would build them on its own (made once here)."""
    ledger = load_ledger()
    ev = evidence.build(ledger)
    return ledger, ev, audit.checks(ev)


@pytest.fixture
def under_a_build(tmp_path, monkeypatch):
    """A build's file of the shipped ledger's evidence, named to this process as a build names it to its kernels."""
    path = tmp_path / "country.pickle"
    shared.write(load_ledger(), path)
    monkeypatch.setenv(shared.ENV, str(path))
    return path


def _no_building(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("built the evidence again although the build's file holds it")

    monkeypatch.setattr(evidence, "build", refuse)
    monkeypatch.setattr(audit, "checks", refuse)


def test_a_kernel_under_a_build_reads_the_builders_evidence_and_checks(under_a_build, built, monkeypatch):
    ledger, own, own_checks = built  # what the kernel would build on its own, made before building is refused
    _no_building(monkeypatch)
    ev = shared.evidence(ledger)
    for name in FRAMES:
        same_frame(getattr(ev, name), getattr(own, name))
    same_frame(page.checks(ev), own_checks)
    assert page.checks(ev) is not page.checks(ev)  # a copy each time: a page that edits its checks edits only its own


def test_a_kernel_whose_ledger_changed_since_builds_its_own(tmp_path, monkeypatch, ledger_copy):
    path = tmp_path / "country.pickle"
    before = load_ledger(ledger_copy.data, ledger_copy.seeds)
    shared.write(before, path)
    monkeypatch.setenv(shared.ENV, str(path))
    figure_id = ledger_copy.rows(ledger_copy.figures)[1][0]
    ledger_copy.set_cell(ledger_copy.figures, figure_id, "note", "A note edited after the build's file was made.")
    after = load_ledger(ledger_copy.data, ledger_copy.seeds)  # the same folder, one figure's note edited
    ev = shared.evidence(after)
    own = evidence.build(after)
    assert not ev.figures.equals(evidence.build(before).figures)
    for name in FRAMES:
        same_frame(getattr(ev, name), getattr(own, name))
    same_frame(page.checks(ev), audit.checks(own))


def test_the_builders_failure_marker_ends_the_wait(tmp_path, monkeypatch, built):
    path = tmp_path / "country.pickle"
    shared.failed(path)
    monkeypatch.setenv(shared.ENV, str(path))
    monkeypatch.setattr(shared.time, "sleep", lambda s: pytest.fail("waited for a file the builder said would not come"))
    ledger, own, _ = built
    same_frame(shared.evidence(ledger).estimates, own.estimates)


def test_a_file_that_never_comes_is_waited_for_only_so_long(tmp_path, monkeypatch, built):
    monkeypatch.setenv(shared.ENV, str(tmp_path / "never.pickle"))
    monkeypatch.setattr(shared, "WAIT", 0.05)
    ledger, own, _ = built
    same_frame(shared.evidence(ledger).estimates, own.estimates)


def test_a_file_that_cannot_be_read_is_not_trusted(tmp_path, monkeypatch, built):
    path = tmp_path / "country.pickle"
    path.write_bytes(b"not a pickle")
    monkeypatch.setenv(shared.ENV, str(path))
    ledger, own, _ = built
    same_frame(shared.evidence(ledger).claims, own.claims)


def test_outside_a_build_nothing_is_read(tmp_path, monkeypatch, built):
    monkeypatch.delenv(shared.ENV, raising=False)
    ledger, own, own_checks = built
    ev = shared.evidence(ledger)
    same_frame(ev.estimates, own.estimates)
    same_frame(page.checks(ev), own_checks)


def test_a_builder_that_fails_marks_it_and_raises(tmp_path, monkeypatch):
    def broken(ev):
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(audit, "checks", broken)
    path = tmp_path / "country.pickle"
    with pytest.raises(RuntimeError, match="a rule failed"):
        shared.write(load_ledger(), path)
    assert not path.exists() and (tmp_path / "country.pickle.failed").exists()


def test_frames_names_every_table_of_the_evidence(built):
    # the tests here (and the one-pass tests) compare every table FRAMES names: it must name them all
    _, ev, _ = built
    assert set(FRAMES) == {name for name, value in vars(ev).items() if isinstance(value, type(ev.claims))} != set()
