"""Readings of each figure besides the plain one: what the audit's most generous reading allows, and
who spoke. Computed once, per figure, before figures are grouped into claims.

In: the figures with their period columns (:func:`analysis.evidence.periods.classify`) and the
ledger's sources. Out: :func:`add` returns the figures with these columns added (grouping into
claims aggregates them; nothing else computes them):

``gen_low`` / ``gen_high``
    the figure's bounds widened by one rounding step of the number as written
    (:func:`analysis.bounds.generous_columns`): the audit calls figures contradictory only when even
    these cannot meet.
``keeper``
    the speaker speaks for the organisation that keeps the count
    (:data:`~analysis.assumptions.COUNT_KEEPER_PATTERN`, matched against ``speaker``).
``restating``
    the figure's report repeats figures an earlier report gave: one of its figures restates (``restates``)
    a figure whose report was certainly published before it (a provincial piece passing on national
    numbers).
``gen_end_earliest``
    the earliest day the figure's period may end in the most generous reading: for an undated count
    in a restating report, :data:`~analysis.assumptions.RESTATED_COUNT_ALLOWANCE_DAYS` before the
    report's earliest date (such a count may be older than the report); otherwise ``end_earliest``.
``alt_scope``
    the scope the figure may belong in instead: where one report codes a count (units or jobs) in one
    scope only and the target for the same quantity and Iranian year in one other scope only, and the
    two scopes nest (a part and its whole, :func:`part_of`), each figure may belong in the other's scope
    (a report that counts "parks" against a national goal). Empty otherwise.
"""

from __future__ import annotations

import pandas as pd

from ..assumptions import COUNT_KEEPER_PATTERN, RESTATED_COUNT_ALLOWANCE_DAYS
from ..bounds import generous_columns

#: The quantity a count or a target measures: a count and its target are the same quantity.
QUANTITY: dict[str, str] = {"units_revived": "units", "units_target": "units", "jobs_created": "jobs", "jobs_target": "jobs"}

#: Columns :func:`add` adds.
COLUMNS: list[str] = ["gen_low", "gen_high", "keeper", "restating", "gen_end_earliest", "alt_scope"]


def part_of() -> dict[str, str]:
    """Scope -> the scope it is part of (``data/scopes.tsv``, ``part_of``); scopes part of none are absent."""
    from ..ledger.vocabulary import vocabulary

    s = vocabulary("scopes")
    return {k: v for k, v in zip(s["scope"], s["part_of"].fillna("")) if v}


def nested(a: pd.Series, b: pd.Series) -> pd.Series:
    """Whether scope ``a`` is part of ``b`` or ``b`` of ``a`` (row by row)."""
    parts = part_of()
    return (a.map(parts) == b) | (b.map(parts) == a)


def add(figures: pd.DataFrame, sources: pd.DataFrame, restating: set[str] | None = None) -> pd.DataFrame:
    """The figures with :data:`COLUMNS` added (see the module docstring). ``restating``: the reports that
    repeat earlier figures, when known from more figures than these (a provincial piece restating national
    numbers); by default, from these figures."""
    from ..ledger.vocabulary import metrics

    f = figures.copy()
    props = metrics().reindex(f["metric"])
    last_digit = f["percentage"].astype(bool) | (f["unit"] == "jobs per unit")
    f["gen_low"], f["gen_high"] = generous_columns(
        f["value"], f["low"], f["high"], last_digit, f["kind"] == "target",
        capped=pd.Series(props["capped"].to_numpy(), index=f.index), signed=pd.Series(props["signed"].to_numpy(), index=f.index))
    f["keeper"] = f["speaker"].astype("str").str.contains(COUNT_KEEPER_PATTERN, regex=True)
    f["restating"] = f["source_id"].isin(restating_sources(f) if restating is None else restating)
    allowance = pd.Timedelta(days=RESTATED_COUNT_ALLOWANCE_DAYS)
    loose = f["restating"] & f["end_from_publication"] & (f["kind"] == "flow")
    f["gen_end_earliest"] = f["end_earliest"].where(~loose, f["end_earliest"] - allowance)
    f["alt_scope"] = _alt_scopes(f)
    return f


def restating_sources(figures: pd.DataFrame) -> set[str]:
    """Reports that repeat a figure another report certainly published before them."""
    linked = figures[figures["restates"].fillna("") != ""][["source_id", "restates", "published_earliest"]]
    if linked.empty:
        return set()
    first = figures.set_index("figure_id")["published_latest"]
    earlier = linked["restates"].map(first) < linked["published_earliest"]
    return set(linked.loc[earlier, "source_id"])


def _alt_scopes(f: pd.DataFrame) -> pd.Series:
    """Per figure, the one other scope its report codes the same quantity and year in (see the module docstring)."""
    out = pd.Series("", index=f.index, dtype="str")
    q = f[f["metric"].isin(list(QUANTITY)) & f["first_year"].notna()].assign(quantity=lambda d: d["metric"].map(QUANTITY))
    if q.empty:
        return out
    keys = ["source_id", "quantity", "first_year", *(["province"] if "province" in f else [])]  # one place's scopes
    q = q.assign(target=q["kind"] == "target")
    scopes = q[[*keys, "target", "scope"]].drop_duplicates()
    one = scopes[scopes.groupby([*keys, "target"])["scope"].transform("size") == 1]  # the count (or target) in one scope only
    pairs = one[~one["target"]].merge(one[one["target"]], on=keys, suffixes=("_count", "_target"))
    pairs = pairs[(pairs["scope_count"] != pairs["scope_target"])
                  & nested(pairs["scope_count"], pairs["scope_target"]).to_numpy()]
    # The count coded one way and its target the other: each may belong in the other's scope.
    alt = pd.concat([pairs.assign(target=False, scope=pairs["scope_count"], alt=pairs["scope_target"]),
                     pairs.assign(target=True, scope=pairs["scope_target"], alt=pairs["scope_count"])])[[*keys, "target", "scope", "alt"]]
    hit = q[[*keys, "target", "scope"]].reset_index().merge(alt, on=[*keys, "target", "scope"], how="inner").set_index("index")["alt"]
    out.loc[hit.index] = hit.to_numpy()
    return out


__all__ = ["COLUMNS", "QUANTITY", "add", "nested", "part_of", "restating_sources"]
