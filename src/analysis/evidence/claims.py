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


#: Columns grouping reads from every figure.
_USED = ["figure_id", "restates", "start", "end", "kind", "metric", "scope", "value", "low", "high", "qualifier",
         "end_earliest", "end_latest", "published_latest", "primary", "target_kind", "source_id",
         "gen_low", "gen_high", "keeper", "gen_end_earliest", "alt_scope"]


class LinkError(ValueError):
    """The restatement links cannot be resolved (a cycle the loader should have refused)."""


def roots(figure_ids: pd.Series, restates: pd.Series, max_rounds: int = 64) -> pd.Series:
    """The root of each figure's restatement tree (the figure reached by following ``restates``).

    Aligned with ``figure_ids``; a link to a figure not in ``figure_ids`` ends the chain at the linking
    figure. Raises :class:`LinkError` on a cycle.
    """
    ids = figure_ids.to_numpy()
    return pd.Series(ids[_root_positions(ids, restates.to_numpy(), max_rounds)], index=figure_ids.index)


def _root_positions(ids: np.ndarray, restates: np.ndarray, max_rounds: int = 64) -> np.ndarray:
    """For each row, the row position of its restatement root.

    Pointer doubling on integer positions: each round replaces every pointer by its pointer's pointer,
    so a chain of length n resolves in about log2(n) rounds, each one array lookup.
    """
    n = len(ids)
    parent = pd.Index(ids).get_indexer(pd.Series(restates).fillna("").to_numpy())
    parent = np.where(parent < 0, np.arange(n), parent)  # no link, or a dangling one: the chain ends here
    first = parent
    for _ in range(max_rounds):
        grand = parent[parent]
        if np.array_equal(grand, parent):
            break
        parent = grand
    # A chain ends at a figure that restates nothing; a root that still points elsewhere lies on a cycle.
    if not np.array_equal(parent[parent], parent) or (first[parent] != parent).any():
        raise LinkError("restatement links form a cycle; every chain of 'restates' must end at a figure that restates nothing")
    return parent


def _joined(codes: np.ndarray, values: pd.Series, distinct: bool = False) -> pd.Series:
    """Per claim code (0, 1, ...), the values in row order joined with ', ' (each once with ``distinct``)."""
    return join_groups(pd.Series(codes), values, distinct=distinct)


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
    ``primary`` (the seed states it) and ``seed_figures``; ``target_kind`` as entered; the period
    columns of :mod:`analysis.evidence.periods`, recomputed for the claim; and the readings of
    :mod:`analysis.evidence.readings` over its figures: ``gen_low``/``gen_high`` (every wording, each
    widened by a rounding step: the hull), ``keeper`` (some figure speaks for ISIPO), ``keeper_exact``
    (one of them exact), ``gen_end_earliest`` (the earliest its end may be in the most generous
    reading) and ``alt_scope``.
    """
    # Rows in report order; every step below works on integer row positions and claim codes, and
    # turns them into ids once at the end (hashing a million id strings per step is what costs).
    order = figures[["published_earliest", "published_latest", "figure_id"]].reset_index(drop=True).sort_values(
        ["published_earliest", "published_latest", "figure_id"], kind="stable").index.to_numpy()
    # Only the columns grouping reads, not the whole frame; ``province`` where figures of several places are
    # grouped at once (one statement in two provinces is two claims).
    place = ["province"] if "province" in figures else []
    f = figures[_USED + place].iloc[order]
    ids = f["figure_id"].to_numpy()
    root = _root_positions(ids, f["restates"].to_numpy())
    closed = (f["end"].notna() | ((f["kind"] == "target") & f["start"].isna())).to_numpy()
    # Identical closed statements share a key; a link tree keys on its root (offset past those keys).
    same = group_ids(f, ["metric", "scope", "value", "start", "end", *place])[0].to_numpy()
    key = np.where(closed, same, root + (same.max() + 1 if len(same) else 0))
    # Every member of a link tree takes its root's key, so linked and identical statements merge.
    code = pd.factorize(key[root])[0]  # claim codes 0, 1, ... in order of first row: the first report's
    first = np.unique(code, return_index=True)[1]  # each claim's first row
    claim_ids = ids[first]
    claim_of = np.empty(len(ids), dtype=object)
    claim_of[order] = claim_ids[code]  # back in the ledger's row order

    claims = figures.iloc[order[first]][[*_FIRST, *periods.COLUMNS]].set_axis(pd.Index(claim_ids, name="claim_id"))
    claims = claims.rename(columns={"figure_id": "first_figure", "source_id": "first_source",
                                    "published_earliest": "first_published_earliest",
                                    "published_latest": "first_published_latest"})
    f = f.assign(keeper_exact=f["keeper"] & (f["qualifier"] == "exact") & (f["low"] == f["high"]),
                 alt_scope=f["alt_scope"].replace("", np.nan))
    g = f.groupby(code, sort=True)
    r = g.agg(low_max=("low", "max"), low_min=("low", "min"), high_min=("high", "min"), high_max=("high", "max"),
              end_earliest=("end_earliest", "min"), end_latest=("end_latest", "min"), last_published_latest=("published_latest", "max"),
              n_figures=("figure_id", "size"), primary=("primary", "any"), gen_low=("gen_low", "min"), gen_high=("gen_high", "max"),
              keeper=("keeper", "any"), keeper_exact=("keeper_exact", "any"), gen_end_earliest=("gen_end_earliest", "min"),
              alt_scope=("alt_scope", "first")).set_axis(claims.index)
    qualifier = f["qualifier"].to_numpy()
    # "Over 1,500" excludes 1,500 itself: with a figure exact as printed at 1,500 the wordings cannot both hold.
    strict = np.bincount(code, weights=(qualifier == "over"), minlength=len(first)) > 0
    low, high = r["low_max"], r["high_min"]
    conflict = (low > high) | (strict & (low == high) & (high == claims["value"]))
    claims["low"] = low.where(~conflict, r["low_min"])
    claims["high"] = high.where(~conflict, r["high_max"])
    claims["wording_conflict"] = conflict
    for col in ("end_earliest", "end_latest", "last_published_latest", "n_figures", "primary", "gen_low", "gen_high", "keeper",
                "keeper_exact", "gen_end_earliest"):
        claims[col] = r[col]
    claims["alt_scope"] = r["alt_scope"].fillna("").astype("str")
    kind = f["target_kind"].to_numpy()
    stated = np.flatnonzero(kind != "")
    kinds = pd.Series(kind[stated]).groupby(code[stated], sort=True).first()
    # Text whether or not a kind or seed figure is stated (an empty numpy selection is of object dtype).
    claims["target_kind"] = pd.Series(kinds.to_numpy(), index=claim_ids[kinds.index]).reindex(claims.index).fillna("").astype("str")
    # Every figure and report, and the short lists (the first few, then "+N") that derived tables carry.
    sources = pd.factorize(f["source_id"])[0]
    reports = np.flatnonzero(~pd.DataFrame({"c": code, "s": sources}).duplicated().to_numpy())
    claims["all_figure_ids"] = _joined(code, f["figure_id"]).to_numpy()
    claims["all_source_ids"] = _joined(code[reports], f["source_id"].iloc[reports]).to_numpy()
    claims["figure_ids"] = capped_groups(pd.Series(code), f["figure_id"], distinct=False).to_numpy()
    claims["source_ids"] = capped_groups(pd.Series(code[reports]), f["source_id"].iloc[reports], distinct=False).to_numpy()
    claims["n_sources"] = np.bincount(code[reports], minlength=len(first))
    claims["qualifiers"] = _joined(code, f["qualifier"], distinct=True).to_numpy()
    # A number worded only as a bound ("over 35,000") has no central value.
    plain = np.bincount(code, weights=np.isin(qualifier, ["exact", "about"]), minlength=len(first)) > 0
    claims["central"] = claims["value"].where(plain)
    seed = np.flatnonzero(f["primary"].to_numpy())
    seeds = _joined(code[seed], f["figure_id"].iloc[seed])
    claims["seed_figures"] = pd.Series(seeds.to_numpy(), index=claim_ids[seeds.index.to_numpy(dtype=int)]).reindex(claims.index).fillna("").astype("str")
    # Periods: the first figure's, except where restatements narrowed an open end's window.
    moved = claims["end_from_publication"] & (claims["end_latest"] != f["end_latest"].iloc[first].to_numpy())
    claims = claims.reset_index()
    if moved.any():
        moved = moved.to_numpy()
        redone = periods.classify(claims[moved].drop(columns=periods.COLUMNS))[periods.COLUMNS]
        for col in periods.COLUMNS:  # column by column, by position: the classified rows carry their own index
            claims.loc[moved, col] = redone[col].to_numpy()
    claims = claims.sort_values(["metric", "scope", "start", "claim_id"], kind="stable", na_position="last").reset_index(drop=True)
    return figures.assign(claim_id=pd.array(claim_of, dtype="str")), claims


def members(figures: pd.DataFrame, claim_ids) -> pd.DataFrame:
    """The figures of the given claims, first report first."""
    rows = figures[figures["claim_id"].isin(list(claim_ids))]
    return rows.sort_values(["claim_id", "published_earliest", "figure_id"], kind="stable")

