"""Group keys for whole columns: one integer per distinct combination of key columns.

In: a frame and the columns that make a key. Out: an integer id per row (missing values form their
own group). Used wherever rows are grouped or joined on several columns at once, so no step builds
key strings row by row.
"""

from __future__ import annotations

import pandas as pd


def group_ids(frame: pd.DataFrame, columns: list[str], *others: pd.DataFrame) -> list[pd.Series]:
    """The same integer id for the same combination of ``columns`` across ``frame`` and ``others``.

    Returns one Series per frame, aligned with its index.
    """
    frames = [frame, *others]
    stacked = pd.concat([f[columns] for f in frames], keys=range(len(frames)))
    ids = stacked.groupby(columns, dropna=False, sort=False).ngroup()
    return [pd.Series(ids.xs(i).to_numpy(), index=f.index) for i, f in enumerate(frames)]
