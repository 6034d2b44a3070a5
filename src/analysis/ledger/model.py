"""The validated ledger as the analysis sees it.

In: the two tables :func:`analysis.ledger.load_ledger` assembled. Out: :class:`Ledger`, with
look-ups by figure id, the seed's figures and the primary source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths


@dataclass
class Ledger:
    """The validated ledger.

    ``sources``: one row per source, with parsed dates.
    ``figures``: one row per figure, with parsed dates, the metric's kind and unit, and the bounds
    ``low``/``high`` its wording implies (see :mod:`analysis.bounds`). ``end_earliest``/``end_latest``
    bound the period's end: equal to ``end`` when stated, else the source's publication bounds.
    """

    sources: pd.DataFrame
    figures: pd.DataFrame
    data_dir: Path = field(default_factory=paths.data_dir)

    def figure(self, figure_id: str) -> pd.Series:
        """One figure's row, by id."""
        rows = self.figures[self.figures["figure_id"] == figure_id]
        if rows.empty:
            raise KeyError(f"no figure {figure_id!r} in the ledger")
        return rows.iloc[0]

    def seed_figures(self) -> pd.DataFrame:
        """The figures of the primary source (the seed article)."""
        return self.figures[self.figures["primary"]].reset_index(drop=True)

    def primary_source(self) -> pd.Series:
        """The primary source's row."""
        return self.sources[self.sources["primary"]].iloc[0]
