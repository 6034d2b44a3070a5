"""The last committed ledger, taken out of git into a temporary folder for ``make check`` to compare with.

In: the working copy's data folder (inside a git repository, or not) and an empty folder to write into
(a temporary one: nothing is ever written into ``data/`` or ``build/``). Out: :func:`take` returns a
:class:`Committed`: the folder holding every file of the data package as ``HEAD`` has it (``git show
HEAD:./<file>``, run in the data folder, so it works for the project and for any copy in a repository of
its own), what it was taken from ("HEAD (33e8737)"), and, when there is nothing to compare with, why, in
plain words (git is not installed, the folder is not in a repository, the repository has no commit yet,
the ledger is not in the last commit). Never raises for any of those: the check then only validates.

The loader always reads the project's own schema and vocabularies (:mod:`analysis.ledger.schema`), so
both versions are read with the working copy's; :attr:`Committed.differing` names the schema and
vocabulary files that differ from the commit, so the report can say so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import paths

#: The two ledger files: without them at ``HEAD`` there is nothing to compare with.
LEDGER_FILES: tuple[str, ...] = ("sources.tsv", "figures.tsv")
DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Committed:
    """The committed data package in ``folder`` (None when there is nothing to compare with: see ``note``)."""

    folder: Path | None
    label: str = ""
    note: str = ""
    differing: tuple[str, ...] = ()


def _git(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, check=False)


def _package_files(*descriptors: bytes | None) -> list[str]:
    """The descriptor and every resource path it declares (in any of the given versions), in order."""
    names = [DESCRIPTOR, *LEDGER_FILES]
    for text in descriptors:
        try:
            resources = json.loads(text or b"{}").get("resources", [])
        except (ValueError, AttributeError):
            continue  # a broken descriptor lists nothing; the loader names the problem in the working copy
        for resource in resources if isinstance(resources, list) else []:
            path = resource.get("path") if isinstance(resource, dict) else None
            if isinstance(path, str) and "/" not in path and path not in names:
                names.append(path)
    return names


def take(data_dir: Path, dest: Path) -> Committed:
    """Write ``HEAD``'s version of every data package file of ``data_dir`` into ``dest`` (see the module docstring)."""
    data_dir = Path(data_dir)
    where = paths.relative_to_root(data_dir)
    if shutil.which("git") is None:
        return Committed(None, note="git is not installed, so there is no committed ledger to compare with")
    if not data_dir.is_dir():
        return Committed(None, note=f"{where} is not a folder")
    head = _git(data_dir, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head.returncode != 0:
        inside = _git(data_dir, "rev-parse", "--git-dir")
        if inside.returncode != 0:
            said = inside.stderr.decode("utf-8", "replace").strip().splitlines()
            why = said[0].removeprefix("fatal: ") if said else "git refused to read it"
            if why.startswith("not a git repository"):
                return Committed(None, note=f"{where} is not in a git repository, so there is no committed ledger to compare with")
            return Committed(None, note=f"git cannot read the repository {where} is in ({why}), so there is no committed "
                                        "ledger to compare with")
        return Committed(None, note="the repository has no commit yet, so there is no committed ledger to compare with")
    short = _git(data_dir, "rev-parse", "--short", "HEAD").stdout.decode().strip()
    label = f"HEAD ({short})"
    working = data_dir / DESCRIPTOR
    committed_descriptor = _show(data_dir, DESCRIPTOR)
    names = _package_files(working.read_bytes() if working.is_file() else None, committed_descriptor)
    dest.mkdir(parents=True, exist_ok=True)
    differing = []
    for name in names:
        content = committed_descriptor if name == DESCRIPTOR else _show(data_dir, name)
        mine = data_dir / name
        if content is None:
            if name in LEDGER_FILES:
                return Committed(None, label, note=f"{where}/{name} is not in the last commit, {label}, so there is no "
                                                   "committed ledger to compare with")
            differing.append(name)  # new since the commit
            continue
        (dest / name).write_bytes(content)
        if name not in LEDGER_FILES and (not mine.is_file() or mine.read_bytes() != content):
            differing.append(name)
    return Committed(dest, label, differing=tuple(f"{where}/{n}" for n in sorted(differing)))


def _show(data_dir: Path, name: str) -> bytes | None:
    """``name`` (a file of ``data_dir``) as the last commit has it, or None when the commit lacks it."""
    out = _git(data_dir, "show", f"HEAD:./{name}")
    return out.stdout if out.returncode == 0 else None
