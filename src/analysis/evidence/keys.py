"""Group keys for whole columns: one integer per distinct combination of key columns.

In: a frame and the columns that make a key. Out: an integer id per row (missing values form their
own group). Used wherever rows are grouped or joined on several columns at once, so no step builds
key strings row by row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def group_ids(frame: pd.DataFrame, columns: list[str], *others: pd.DataFrame) -> list[pd.Series]:
    """The same integer id for the same combination of ``columns`` across ``frame`` and ``others``.

    Returns one Series per frame, aligned with its index.
    """
    frames = [frame, *others]
    stacked = pd.concat([f[columns] for f in frames], ignore_index=True)
    ids = stacked.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    cuts = np.cumsum([0, *(len(f) for f in frames)])  # each frame's slice of the stacked rows (empty frames too)
    return [pd.Series(ids[a:b], index=f.index) for a, b, f in zip(cuts, cuts[1:], frames)]


def join_groups(groups: pd.Series, values: pd.Series, sep: str = ", ", distinct: bool = False) -> pd.Series:
    """Per group, its values joined with ``sep`` in the order given (each once with ``distinct``).

    One stable sort of the group codes, then one ``str.join`` per group over its slice: linear in
    the number of values however large a group is. Returns a Series indexed by group, in order of
    first appearance.
    """
    g = groups.to_numpy()
    v = values.astype("str").to_numpy(dtype=object)
    if distinct:
        keep = ~pd.DataFrame({"g": g, "v": v}).duplicated().to_numpy()
        g, v = g[keep], v[keep]
    if len(v) == 0:
        return pd.Series([], dtype="str")
    codes, uniques = pd.factorize(g, sort=False)
    order = np.argsort(codes, kind="stable")
    codes = codes[order]
    vals = v[order].tolist()
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    joined = [sep.join(vals[a:b]) for a, b in zip(starts.tolist(), ends.tolist())]
    return pd.Series(joined, index=uniques[codes[starts]], dtype="str")


#: An id list carried from table to table names at most this many ids; the rest are counted, as ``+N``.
LISTED = 12


def capped(ids: list[str], most: int = LISTED, sep: str = ", ") -> str:
    """Ids joined, each once, in order, at most ``most`` of them; the others counted in a last ``+N`` item.

    ``+N`` items already in ``ids`` (lists capped earlier) add to the count. A list carried through several
    tables thus stays short however many reports repeat a figure, and says how many it leaves out.
    """
    extra, kept = 0, {}
    for x in ids:
        if x.startswith("+") and x[1:].isdigit():
            extra += int(x[1:])
        elif x and x not in kept:
            kept[x] = None
    names = list(kept)
    extra += max(0, len(names) - most)
    return sep.join(names[:most] + ([f"+{extra}"] if extra else []))


def join_lists(*columns: pd.Series, sep: str = ", ", most: int = LISTED) -> pd.Series:
    """Row by row, the ``sep``-separated ids of several columns joined by :func:`capped`.

    ``join_lists(pd.Series(["C1, C2"]), pd.Series(["C2, C3"]))`` gives ``"C1, C2, C3"``. One plain pass
    over the rows, each as short as its capped lists: linear in the number of rows.
    """
    cells = [c.fillna("").astype("str").tolist() for c in columns]
    joined = []
    for row in zip(*cells):
        filled = [cell for cell in row if cell]
        if len(filled) == 1 and "+" not in filled[0] and filled[0].count(sep) < most:
            joined.append(filled[0])
            continue
        whole = sep.join(filled)
        if "+" not in whole:  # no count to carry: capped's result is the ids each once, if few enough
            ids = dict.fromkeys(whole.split(sep))
            ids.pop("", None)
            if len(ids) <= most:
                joined.append(sep.join(ids))
                continue
        joined.append(capped(whole.split(sep), most, sep) if filled else "")
    return pd.Series(joined, index=columns[0].index, dtype="str")


def capped_groups(groups: pd.Series, values: pd.Series, most: int = LISTED, sep: str = ", ",
                  distinct: bool = True) -> pd.Series:
    """Per group, its values in order (each once unless ``distinct=False`` says they already are), at
    most ``most``, and ``+N`` for the rest (whole columns). Indexed by group, in order of first appearance."""
    frame = pd.DataFrame({"g": groups.to_numpy(), "v": values.astype("str").to_numpy()})
    if distinct:
        frame = frame.drop_duplicates()
    rank = frame.groupby("g", sort=False).cumcount().to_numpy()
    counts = frame.groupby("g", sort=False).size()
    head = frame[rank < most]
    listed = join_groups(head["g"], head["v"], sep=sep)
    more = (counts - most).clip(lower=0).reindex(listed.index)
    return listed.where(more == 0, listed + sep + "+" + more.astype("str"))


def typed(frame: pd.DataFrame, dtypes: dict[str, str], place: list[str] = ()) -> pd.DataFrame:
    """``frame`` with exactly the columns of ``dtypes`` (after the ``place`` columns, text), in that order and of
    those dtypes, whether or not it has rows.

    Where a step makes a frame, it makes it through here: an empty frame (or one whose rows left a column all
    missing) then has the columns and dtypes a full one has, so nothing downstream depends on a place having
    rows, and one step run over several places at once (keyed by ``place``) gives each the frame it gets alone.
    Columns missing from ``frame`` are added (all missing) only where it has no rows.
    """
    columns = {**{c: "str" for c in place}, **dtypes}
    absent = [c for c in columns if c not in frame]
    if absent and len(frame):
        raise KeyError(f"columns {absent} missing from a frame with rows")
    out = frame if list(frame.columns) == list(columns) else frame.reindex(columns=list(columns))
    cast = {c: d for c, d in columns.items() if str(out[c].dtype) != d}  # only the columns not typed so already
    return out.astype(cast) if cast else out
