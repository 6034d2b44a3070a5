"""The seed article: its file, checksum, provenance record and verbatim quotes.

The seed lives in ``seeds/`` byte-identical to the published text, with a provenance record
beside it (``<stem>.toml``: publisher, address, licence, sha256, and the evidence that bounds its
undated publication). Every seed figure in the ledger carries a quote that must occur in the
seed exactly, curly quotes included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import paths


class SeedError(ValueError):
    """The seed file or its provenance record is missing, altered or unreadable."""


@dataclass(frozen=True)
class DateEvidence:
    """One line of reasoning that bounds the seed's publication date."""

    basis: str
    earliest: dt.date
    latest: dt.date
    reasoning: str


@dataclass(frozen=True)
class Provenance:
    """What is known about a seed file (read from its ``.toml`` record)."""

    file: str
    sha256: str
    publisher: str
    url: str
    licence: str
    earliest: dt.date
    latest: dt.date
    date_basis: str
    evidence: tuple[DateEvidence, ...]


def provenance_path(seed_file: str, seeds_dir: Path | None = None) -> Path:
    """The provenance record that sits beside ``seed_file``."""
    return (seeds_dir or paths.SEEDS_DIR) / (Path(seed_file).stem + ".toml")


def read_provenance(seed_file: str, seeds_dir: Path | None = None) -> Provenance:
    """Read and check the provenance record of ``seed_file``."""
    path = provenance_path(seed_file, seeds_dir)
    where = paths.relative_to_root(path)
    if not path.is_file():
        raise SeedError(f"{where}: the provenance record of seed {seed_file} is missing")
    try:
        record = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SeedError(f"{where}: cannot be read as TOML ({exc})") from None
    try:
        date = record["date"]
        evidence = tuple(
            DateEvidence(e["basis"], e["earliest"], e["latest"], e["reasoning"]) for e in date.get("evidence", [])
        )
        prov = Provenance(
            file=record["file"],
            sha256=record["sha256"],
            publisher=record["publisher"],
            url=record["url"],
            licence=record["licence"],
            earliest=date["earliest"],
            latest=date["latest"],
            date_basis=date["basis"],
            evidence=evidence,
        )
    except KeyError as exc:
        raise SeedError(f"{where}: field {exc.args[0]!r} is missing") from None
    if prov.file != seed_file:
        raise SeedError(f"{where}: field 'file' names {prov.file!r}, expected {seed_file!r}")
    if prov.earliest > prov.latest:
        raise SeedError(f"{where}: field 'date': earliest {prov.earliest} is after latest {prov.latest}")
    return prov


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_seed(seed_file: str, seeds_dir: Path | None = None) -> str:
    """The seed's text, after checking its bytes against the checksum in its provenance record.

    Raises :class:`SeedError` naming the file when it is missing, altered or not UTF-8.
    """
    seeds_dir = seeds_dir or paths.SEEDS_DIR
    path = seeds_dir / seed_file
    where = paths.relative_to_root(path)
    if not path.is_file():
        raise SeedError(f"{where}: the seed file is missing; restore it from the published source")
    prov = read_provenance(seed_file, seeds_dir)
    actual = sha256_of(path)
    if actual != prov.sha256:
        raise SeedError(
            f"{where}: the seed file has been altered (sha256 {actual[:12]}..., "
            f"expected {prov.sha256[:12]}... per {paths.relative_to_root(provenance_path(seed_file, seeds_dir))}); "
            "seeds are never edited: restore the original bytes"
        )
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:  # pragma: no cover - a matching checksum rules this out
        raise SeedError(f"{where}: not UTF-8 ({exc})") from None
