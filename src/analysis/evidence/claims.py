"""Claims: the figures that state the same number, grouped once.

In: the ledger's figures with their period columns (:func:`analysis.evidence.periods.classify`).
Out: :func:`group` returns the figures with a ``claim_id`` column, and one row per **claim**.

A claim is one number as the reports carry it: a figure and every figure that repeats it.

- **Restatement links** (``restates``) may point at an earlier or a later figure, and chains are fine:
  groups are the connected parts of the link graph, found by pointer doubling over whole columns
  (the loader has already refused cycles and links between different numbers).
- **Identical statements** of a closed period (same metric, scope, value, first and last day; or a
  target with no period) are one claim even without a link: two outlets printing ISIPO's 1399 count
  print one claim. A count "to date" with no stated end is a claim of its own unless linked, since
  two such counts from different reports cover different periods.
- A claim's **first report** is computed (earliest possible publication, then latest, then figure
  id), and its id is its first figure's id, so no row ever has to say which figure came first.
- **Wordings narrow each other**: the claim's bounds are the common part of its figures' bounds
  ("1,500" and "over 1,500" give 1,500 .. 1,550). Wordings that cannot both hold keep the hull and
  are marked (``wording_conflict``; the audit lists them).
- A count to an undated publication ends no later than the earliest report of it: the claim's end
  window is the earliest figure's lower bound to the smallest upper bound.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import periods
from .keys import capped_groups, group_ids, join_groups

#: Columns a claim takes from its first figure.
_FIRST = ["metric", "scope", "kind", "unit", "percentage", "value", "qualifier", "start", "end",
          "end_from_publication", "figure_id", "source_id", "published_earliest", "published_latest",
          "speaker", "agency", "note"]


class LinkError(ValueError):
    """The restatement links cannot be resolved (a cycle the loader should have refused)."""


def roots(figure_ids: pd.Series, restates: pd.Series, max_rounds: int = 64) -> pd.Series:
    """The root of each figure's restatement tree (the figure reached by following ``restates``).

    Pointer doubling: each round replaces every pointer by its pointer's pointer, so a chain of
    length n resolves in about log2(n) rounds over whole columns. Aligned with ``figure_ids``.
    """
    ids = figure_ids.to_numpy()
    target = restates.where(restates.fillna("") != "", figure_ids).to_numpy()
    parent = pd.Series(target, index=ids)
    parent = parent.where(parent.isin(parent.index), parent.index.to_series())  # dangling links end at self
    first = parent.copy()
    for _ in range(max_rounds):
        grand = parent.map(parent)
        if (grand == parent).all():
            break
        parent = grand
    # A chain ends at a figure that restates nothing; a root that still points elsewhere lies on a cycle.
    on_cycle = first.reindex(parent.to_numpy()).to_numpy() != parent.to_numpy()
    if (grand != parent).any() or on_cycle.any():
        raise LinkError("restatement links form a cycle; every chain of 'restates' must end at a figure that restates nothing")
    return pd.Series(parent.reindex(ids).to_numpy(), index=figure_ids.index)


def _joined(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """Per ``key``, the distinct values of ``column`` in frame order, joined with ', '."""
    return join_groups(frame[key], frame[column], distinct=True)


def group(figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group figures into claims; returns ``(figures with claim_id, claims)``.

    The claims frame has one row per claim, ordered by metric, scope, start and claim id, with: the
    first figure's metric, scope, value, wording and period; ``central`` (the value, where some figure
    states it plainly; NaN for a number only ever worded as a bound); ``low``/``high`` narrowed over every
    figure; ``wording_conflict``; ``qualifiers`` (every wording used); ``all_figure_ids`` and
    ``all_source_ids`` (every one, first report first) and ``figure_ids`` / ``source_ids`` (the first
    :data:`~analysis.evidence.keys.LISTED`, then ``+N`` for the rest: what derived tables carry);
    ``n_figures``, ``n_sources``; ``first_figure``,
    ``first_source``, ``first_published_earliest``/``_latest`` (the first report's date bounds) and
    ``last_published_latest``; ``end_earliest``/``end_latest`` (the claim's end window);
    ``primary`` (the seed states it) and ``seed_figures``; ``target_kind`` as entered; and the
    period columns of :mod:`analysis.evidence.periods`, recomputed for the claim.
    """
    f = figures.sort_values(["published_earliest", "published_latest", "figure_id"], kind="stable")
    root = roots(f["figure_id"], f["restates"])
    closed = f["end"].notna() | ((f["kind"] == "target") & f["start"].isna())
    # Integer keys, no strings: identical closed statements share one; a link tree keys on its root.
    same = group_ids(f, ["metric", "scope", "value", "start", "end"])[0].to_numpy()
    tree = pd.factorize(root)[0] + (same.max() + 1 if len(same) else 0)
    key = pd.Series(np.where(closed, same, tree), index=f.index)
    # Every member of a link tree takes its root's key, so linked and identical statements merge.
    key = root.map(pd.Series(key.to_numpy(), index=f["figure_id"].to_numpy()))
    f = f.assign(_key=key.to_numpy())
    if f["_key"].isna().any():  # every figure must land in a claim; a missing key is a bug, not data
        raise ValueError("a figure could not be given a claim key")
    first_id = f.groupby("_key", sort=False)["figure_id"].transform("first")
    f = f.assign(claim_id=first_id)

    # The claim's first figure is its first row in report order (f is sorted so): take, do not aggregate.
    claims = f.drop_duplicates("claim_id").set_index("claim_id")[[*_FIRST, *periods.COLUMNS]]
    claims = claims.rename(columns={"figure_id": "first_figure", "source_id": "first_source",
                                    "published_earliest": "first_published_earliest",
                                    "published_latest": "first_published_latest"})
    g = f.groupby("claim_id", sort=False)
    r = g.agg(low_max=("low", "max"), low_min=("low", "min"), high_min=("high", "min"), high_max=("high", "max"),
              end_earliest=("end_earliest", "min"), end_latest=("end_latest", "min"), last_published_latest=("published_latest", "max"),
              n_figures=("figure_id", "size"), primary=("primary", "any")).reindex(claims.index)
    # "Over 1,500" excludes 1,500 itself: with a figure exact as printed at 1,500 the wordings cannot both hold.
    strict = (f["qualifier"] == "over").groupby(f["claim_id"], sort=False).any().reindex(claims.index)
    low, high = r["low_max"], r["high_min"]
    conflict = (low > high) | (strict & (low == high) & (high == claims["value"]))
    claims["low"] = low.where(~conflict, r["low_min"])
    claims["high"] = high.where(~conflict, r["high_max"])
    claims["wording_conflict"] = conflict
    for col in ("end_earliest", "end_latest", "last_published_latest", "n_figures", "primary"):
        claims[col] = r[col]
    kinds = f[f["target_kind"] != ""].drop_duplicates("claim_id").set_index("claim_id")["target_kind"]
    claims["target_kind"] = kinds.reindex(claims.index).fillna("")
    # Every figure and report, and the short lists (the first few, then "+N") that derived tables carry.
    claims["all_figure_ids"] = join_groups(f["claim_id"], f["figure_id"]).reindex(claims.index)
    reports = f.drop_duplicates(["claim_id", "source_id"])
    claims["all_source_ids"] = join_groups(reports["claim_id"], reports["source_id"]).reindex(claims.index)
    claims["figure_ids"] = capped_groups(f["claim_id"], f["figure_id"]).reindex(claims.index)
    claims["source_ids"] = capped_groups(reports["claim_id"], reports["source_id"]).reindex(claims.index)
    claims["n_sources"] = reports.groupby("claim_id", sort=False).size().reindex(claims.index)
    claims["qualifiers"] = _joined(f, "claim_id", "qualifier")
    # A number worded only as a bound ("over 35,000") has no central value.
    plain = f["qualifier"].isin(["exact", "about"]).groupby(f["claim_id"], sort=False).any()
    claims["central"] = claims["value"].where(plain.reindex(claims.index).fillna(False).astype(bool))
    seed = f[f["primary"]]
    claims["seed_figures"] = join_groups(seed["claim_id"], seed["figure_id"]).reindex(claims.index).fillna("")
    claims = claims.reset_index()
    # Periods: the first figure's, except where restatements narrowed an open end's window.
    moved = claims["end_from_publication"] & (claims["end_latest"] != claims["claim_id"].map(f.set_index("figure_id")["end_latest"]))
    if moved.any():
        claims.loc[moved, periods.COLUMNS] = periods.classify(claims[moved].drop(columns=periods.COLUMNS))[periods.COLUMNS]
    claims = claims.sort_values(["metric", "scope", "start", "claim_id"], kind="stable", na_position="last").reset_index(drop=True)
    out = f.drop(columns="_key").sort_index()
    return out, claims


def members(figures: pd.DataFrame, claim_ids) -> pd.DataFrame:
    """The figures of the given claims, first report first."""
    rows = figures[figures["claim_id"].isin(list(claim_ids))]
    return rows.sort_values(["claim_id", "published_earliest", "figure_id"], kind="stable")

