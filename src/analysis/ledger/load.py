"""The one way into the ledger: read both files, check everything, assemble the tables the analysis uses.

In: a data folder holding ``sources.tsv`` and ``figures.tsv`` (default :func:`analysis.paths.data_dir`,
which follows ``$ISIPO_DATA_DIR``), a seeds folder and the build day (default
:func:`analysis.buildday.build_day`, which follows ``$ISIPO_BUILD_DAY``). Out: a :class:`~.model.Ledger`, or
:class:`~.errors.LedgerError` listing every problem in both files. Nothing is ever written.

The figures table keeps every input column (text as ``str``, ``value`` as float, ``jalali_year`` as
Int64, filled in when the period lies in one Iranian year) and adds ``_line``, ``start``, ``end``,
``start_jalali``, ``end_jalali``, ``end_earliest``, ``end_latest`` (the end, or the source's
publication bounds when the end is open), ``end_from_publication``, ``kind``, ``unit``,
``percentage``, ``primary``, ``published_earliest``, ``published_latest``, and ``low``/``high``, the
bounds :func:`analysis.bounds.bounds_columns` reads from the wording (computed once per distinct
combination of value, qualifier, rounding and metric properties).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import buildday, paths
from ..bounds import bounds_columns
from .dates import jalali_text
from .errors import LedgerError, Problem
from .figures import Checked, check_figures
from .model import Ledger
from .read import read_table
from .schema import table
from .sources import check_sources


def load_ledger(data_dir: Path | None = None, seeds_dir: Path | None = None, build_day=None) -> Ledger:
    """Read and validate ``sources.tsv`` and ``figures.tsv``; the one way into the ledger.

    Parameters
    ----------
    data_dir: folder holding the two files (default: :func:`analysis.paths.data_dir`).
    seeds_dir: folder holding seed texts and their provenance records (default ``seeds/``).
    build_day: the day the ledger is read on (a date or ``YYYY-MM-DD``; default
        :func:`analysis.buildday.build_day`): no report is dated after it, no count or stock covers
        days after it.

    Raises
    ------
    LedgerError: listing every problem found in both files, each naming file, line, id and field.
    analysis.buildday.BuildDayError: ``$ISIPO_BUILD_DAY`` is not a day (only when ``build_day`` is not given).
    """
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else paths.SEEDS_DIR
    day = buildday.build_day() if build_day is None else pd.Timestamp(build_day).normalize()
    problems: list[Problem] = []
    tables = {}
    schemas = (table("sources"), table("figures"))
    for schema in schemas:
        try:
            tables[schema.name] = read_table(data_dir / schema.path, schema.columns)
        except LedgerError as exc:
            problems += exc.problems
    if problems:
        raise LedgerError(problems)
    where = {s.name: paths.relative_to_root(data_dir / s.path) for s in schemas}
    sources, source_problems = check_sources(tables["sources"], where["sources"], seeds_dir, day)
    checked, figure_problems = check_figures(tables["figures"], sources, where["figures"], day)
    if source_problems or figure_problems:
        raise LedgerError(source_problems + figure_problems)
    sources, figures = sources.drop(columns=["seed_text"]), _assemble(tables["figures"], checked)
    sources.attrs, figures.attrs = {}, {}  # the readers' notes to the checks are not part of the ledger
    return Ledger(sources, figures, data_dir)


def _assemble(frame: pd.DataFrame, k: Checked) -> pd.DataFrame:
    """The figures table the analysis reads (see the module docstring for its columns)."""
    out = frame.drop(columns=["value", "jalali_year"])
    out.insert(out.columns.get_loc("qualifier"), "value", k.cells.values["value"].astype(float))
    out.insert(out.columns.get_loc("restates"), "jalali_year", k.jalali_year)
    out["start"] = k.start
    out["end"] = k.end
    out["start_jalali"] = jalali_text(k.start)
    out["end_jalali"] = jalali_text(k.end)
    open_end = k.end.isna()
    out["end_earliest"] = k.end.where(~open_end, k.earliest)
    out["end_latest"] = k.end.where(~open_end, k.latest)
    out["end_from_publication"] = open_end
    out["kind"] = k.props["kind"].astype("str")
    out["unit"] = k.props["unit"].astype("str")
    out["percentage"] = k.props["percentage"].astype(bool)
    out["primary"] = k.primary
    out["published_earliest"] = k.earliest
    out["published_latest"] = k.latest
    out["low"], out["high"] = _bounds(out, k.props)
    return out


def _bounds(out: pd.DataFrame, props: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """``bounds_columns`` over the distinct combinations of its inputs only, spread back to every row.

    The inputs are the value, the qualifier, the rounding cell and the metric (whose properties give
    percentage, target, capped and signed), so a row's combination is one integer made of their codes.
    """
    codes = np.zeros(len(out), dtype=np.int64)
    for column in ("value", "qualifier", "rounding", "metric"):
        more, uniques = pd.factorize(out[column], sort=False)
        codes, _ = pd.factorize(codes * (len(uniques) + 1) + more + 1, sort=False)  # stays below rows x uniques
    _, first = np.unique(codes, return_index=True)
    u = out.iloc[first]
    p = props.iloc[first]
    # A percentage or a stated ratio (jobs per unit) is rounded at its last written digit.
    last_digit = p["percentage"].astype(bool) | (p["unit"] == "jobs per unit")
    low, high = bounds_columns(u["value"].reset_index(drop=True), u["qualifier"].reset_index(drop=True),
                               last_digit.reset_index(drop=True),
                               (p["kind"] == "target").reset_index(drop=True),
                               rounding=u["rounding"].reset_index(drop=True), capped=p["capped"].astype(bool).reset_index(drop=True),
                               signed=p["signed"].astype(bool).reset_index(drop=True))
    return (pd.Series(low.to_numpy()[codes], index=out.index, dtype=float),
            pd.Series(high.to_numpy()[codes], index=out.index, dtype=float))
