"""Building the real report for the tests: once per test session, three builds at once.

Used by the ``report_builds`` fixture (``conftest.py``), which the report tests (``test_report.py``)
and the browser tests (``test_browser.py``) share; under ``pytest -n`` one worker builds and the
others read what it built (:func:`shared_builds`), so the notebooks are executed for these builds once:

- ``A`` and ``B`` from the project's data (A replaces an older report; B is a fresh folder);
- ``E`` from a copy of the data whose publishers, speakers and notes carry ``<script>`` tags: only the
  first notebook (the timeline, which names every report), with the front page and the Sources page,
  since what is tested there is that source text is escaped wherever it reaches, not every page again.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from analysis import paths

PAYLOAD = "<script>alert(1)</script>"


def digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with the SHA-256 of its bytes."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in tree(folder).items()}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_report(*args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    """Start ``python -m analysis.report`` with ``args`` in the project root (not waiting for it)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("MPLBACKEND", None)
    return subprocess.Popen(
        [sys.executable, "-m", "analysis.report", *args],
        cwd=paths.ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen,
    )


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=1800)
    return proc.returncode, out, err


def poison(data: Path) -> None:
    """Append the payload to every source's publisher and note, and every figure's speaker and note."""
    for name, fields in (("sources.tsv", ("publisher", "note")), ("figures.tsv", ("speaker", "note"))):
        path = data / name
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        header = lines[0].split("\t")
        columns = [header.index(f) for f in fields]
        rows = [line.split("\t") for line in lines[1:]]
        for row in rows:
            for c in columns:
                row[c] = f"{row[c]} {PAYLOAD}".strip()
        path.write_text("\n".join(["\t".join(header)] + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")


def build_three(base: Path) -> dict:
    """Build A, B and E under ``base`` concurrently; returns their folders and ``(code, stdout, stderr)``."""
    base.mkdir(parents=True, exist_ok=True)
    a, b, e = base / "A", base / "B", base / "E"
    # A already holds an old report: the build must replace it completely.
    a.mkdir()
    (a / "stale.txt").write_text("from an earlier build\n", encoding="utf-8")
    data = base / "poisoned-data"
    shutil.copytree(paths.ROOT / "data", data)
    poison(data)
    first = base / "first-notebook"
    first.mkdir()
    shutil.copy(sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))[0], first)
    notebooks_before = digests(paths.NOTEBOOKS_DIR)
    procs = {
        "A": run_report("--out", str(a)),
        "B": run_report("--out", str(b)),
        "E": run_report("--notebooks", str(first), "--out", str(e), env={"ISIPO_DATA_DIR": str(data)}),
    }
    results = {name: finish(proc) for name, proc in procs.items()}
    return {"base": base, "A": a, "B": b, "E": e, "results": results, "notebooks_before": notebooks_before}


def shared_builds(tmp_path_factory) -> dict:
    """:func:`build_three` once per test run, whichever xdist worker asks first; the others wait for it."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        return build_three(tmp_path_factory.mktemp("reports"))
    shared = tmp_path_factory.getbasetemp().parent / f"report-builds-{run}"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "builds.json"
        if done.exists():
            saved = json.loads(done.read_text(encoding="utf-8"))
            return {**{k: Path(v) for k, v in saved["paths"].items()},
                    "results": {k: tuple(v) for k, v in saved["results"].items()},
                    "notebooks_before": saved["notebooks_before"]}
        builds = build_three(shared / "reports")
        done.write_text(json.dumps({
            "paths": {k: str(builds[k]) for k in ("base", "A", "B", "E")},
            "results": builds["results"], "notebooks_before": builds["notebooks_before"],
        }), encoding="utf-8")
        return builds


def check_built(builds: dict, name: str) -> Path:
    """The folder of build ``name``, after asserting that it succeeded."""
    code, out, err = builds["results"][name]
    assert code == 0, f"report {name} failed:\n{out}\n{err}"
    return builds[name]


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, in order."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict]:
        return [attrs for t, attrs in self.tags if t == tag]


def off_site(page: str) -> list[str]:
    """Every address the page would load or link that leaves it, except plain ``<a href="http(s)://">`` links."""
    found = []
    for tag, attrs in Tags(page).tags:
        for name in ("src", "href", "srcset", "poster", "data", "action"):
            value = attrs.get(name)
            if value is None or value.startswith(("#", "data:")) and tag == "img" or value.startswith("#"):
                continue
            if tag == "a" and name == "href" and re.match(r"https?://", value):
                continue
            if re.match(r"[a-z][a-z0-9+.-]*:|//", value, re.I):
                found.append(f"<{tag} {name}={value[:60]}>")
    found += [f"<{t}>" for t, _ in Tags(page).tags if t in ("script", "link", "iframe", "object", "embed")]
    found += re.findall(r"@import[^;]*|url\((?!['\"]?(?:data:|#))[^)]*\)", page)  # url(#id): a reference inside the page
    return found
