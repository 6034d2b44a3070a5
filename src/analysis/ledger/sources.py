"""The rules for ``sources.tsv``: every cell as declared, then what must hold across a row and across rows.

In: the text cells of ``sources.tsv`` (from :func:`~.read.read_table`), the file's name for messages,
the seeds folder and the build day. Out: the sources table with ``published``, ``published_earliest`` and
``published_latest`` as datetimes and ``primary`` as bool, plus ``seed_text`` (the verbatim text of a
source kept in ``seeds/``, for the quote checks), and the problems found.

Rules (beyond the descriptor's types and constraints): a source without an address has a citation
that names it; a shown date makes both bounds equal to it; the earliest bound is not after the latest;
no date is after the build day (a report in hand was published by then); exactly one source is
primary, and it is one whose text is kept in ``seeds/`` (``seed_file``); a seed file exists in
``seeds/`` with its provenance record, matches the record's checksum, and the record's date bounds
equal the row's. Every seed-file problem is
written the same way: ``seed file '<name>' in <folder>/: <what is wrong>; <what to do>``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..seed import SeedError, provenance_path, read_provenance, read_seed
from .cells import parse_cells
from .dates import gregorian_explainer
from .errors import Collector, Problem
from .schema import table

DATE_FIELDS = ("published", "published_earliest", "published_latest")


def check_sources(frame: pd.DataFrame, where: str, seeds_dir: Path, day: pd.Timestamp) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate the sources (as of build ``day``); return the typed table (with ``seed_text``) and every problem found."""
    c = Collector(where, frame, "source_id")
    cells = parse_cells(frame, table("sources"), c, {name: gregorian_explainer(None) for name in DATE_FIELDS})
    v = cells.values
    c.add(~cells.filled("url") & ~cells.filled("citation"), "citation",
          "a source without an address needs a citation that names it")
    earliest, latest, published = v["published_earliest"], v["published_latest"], v["published"]
    c.add(earliest > latest, "published_latest",
          "the latest possible date is before the earliest; swap or correct them")
    # A bound left empty is already named as missing (cells.REQUIRED_HINTS): only a bound given and different is wrong here.
    c.add(published.notna() & ((earliest.notna() & (earliest != published)) | (latest.notna() & (latest != published))),
          "published_earliest", "when 'published' is given, both bounds must equal it")
    _check_build_day(v, day, c)
    primary = v["primary"].astype(bool)
    n_primary = int(primary.sum())
    if n_primary == 0 and cells.ok("primary").all():
        c.whole("primary", "no source is marked primary; write yes in the primary column of the seed article's row")
    elif n_primary > 1:
        first = int(np.flatnonzero(primary.to_numpy())[0])
        c.add(primary & (np.arange(len(frame)) > first), "primary",
              f"only one source can be primary, and {frame['source_id'].iloc[first]} (line {frame['_line'].iloc[first]}) "
              "already is; write no here")
    c.add(primary & ~cells.filled("seed_file"), "primary",
          "only the seed article, whose text is kept in seeds/ (named in seed_file), can be primary; write no here "
          "(and yes on the seed's row), or name this report's text in seed_file")

    out = frame.copy()
    for name in DATE_FIELDS:
        out[name] = v[name]
    out["primary"] = primary
    out["seed_text"] = ""
    out.attrs["refused_ids"] = bool(cells.refused["source_id"].any())  # figures then say their source may be one
    has_seed = cells.filled("seed_file") & cells.ok("seed_file")
    for i in np.flatnonzero(has_seed):  # one iteration per seed file, not per row
        text = _check_seed(frame.iloc[i], earliest.iloc[i], latest.iloc[i], seeds_dir, c)
        if text is not None:
            out.iloc[i, out.columns.get_loc("seed_text")] = text
    return out, c.problems


def _check_build_day(v: dict, day: pd.Timestamp, c: Collector) -> None:
    """No date after the build day: a report in hand was published by then (a shown date is named once)."""
    shown_late = v["published"] > day
    for name in DATE_FIELDS:
        late = (v[name] > day) & (~shown_late if name != "published" else True)
        c.add(late, name, lambda rows, name=name: [
            f"{_day(d)} is after today, {_day(day)} (the build day): a report in hand was published by today at the "
            "latest; correct the date" for d in v[name].to_numpy()[rows]])


def _check_seed(row: pd.Series, earliest, latest, seeds_dir: Path, c: Collector) -> str | None:
    """The seed's text, or None after recording why it cannot be used (same wording for every case)."""
    name = row["seed_file"]
    folder = paths.relative_to_root(seeds_dir)
    record = provenance_path(name, seeds_dir)
    line, rid = int(row["_line"]), row["source_id"] or None

    def refuse(what: str, field: str = "seed_file") -> None:
        c.whole(field, f"seed file '{name}' in {folder}/: {what}", line, rid)

    if not (seeds_dir / name).is_file():
        refuse("the file is missing; restore it from the published source, or correct the name")
        return None
    if not record.is_file():
        refuse(f"its provenance record {record.name} is missing; restore it beside the seed file")
        return None
    try:
        text = read_seed(name, seeds_dir)
        prov = read_provenance(name, seeds_dir)
    except SeedError as exc:
        detail = str(exc).split(": ", 1)[-1]
        refuse(detail.replace("the seed file has", "the file has"))
        return None
    except OSError as exc:
        refuse(f"the file cannot be read ({exc.strerror or exc}); check that you may read it")
        return None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a record whose fields have the wrong shape
        refuse(f"its provenance record {record.name} cannot be read ({type(exc).__name__}: {exc}); restore it from git")
        return None
    if (pd.Timestamp(prov.earliest), pd.Timestamp(prov.latest)) != (earliest, latest):
        refuse(f"its provenance record gives the date bounds {prov.earliest} .. {prov.latest}, but this row gives "
               f"{_day(earliest)} .. {_day(latest)}; make them equal", "published_earliest")
    return text


def _day(value) -> str:
    return "(none)" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"
