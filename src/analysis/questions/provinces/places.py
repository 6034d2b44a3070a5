"""The provinces' common ground: each province's evidence beside the national evidence, and the helpers
the provinces' questions share.

In: the :class:`~analysis.evidence.Evidence` of the whole country (its ledger holds the provinces' figures).
Out: :class:`Places` (:func:`places`: the national evidence, each province's, built once by
:func:`analysis.evidence.provinces`, and every provincial figure), :func:`names` (the vocabulary's
provinces), and for :mod:`.counts` and :mod:`.checks`: rows in the vocabulary's order, typed empty frames,
the national estimates and the national row a province's row is set against.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ... import evidence
from ...assumptions import REVIVAL_SCOPES
from ...evidence.readings import part_of

UNITS, JOBS = "units_revived", "jobs_created"

#: The scope a province's count covers when it covers the whole province (every kind of location).
WHOLE = "national"

#: Rule ids of the two checks this page adds to the audit's (in words: the catalogue's ``rule.<id>``).
SUM_RULE, RANK_RULE = "province_sum", "province_rank"


@dataclass(frozen=True)
class Places:
    """The national evidence, each province's (by name, in the vocabulary's order) and every provincial figure."""

    national: object
    provinces: dict = field(default_factory=dict)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def sources(self) -> pd.DataFrame:
        return self.national.sources


def places(ev) -> Places:
    """The evidence of every province the ledger gives figures for, beside the national evidence ``ev``."""
    f = ev.ledger.figures
    provincial = f[f["province"] != ""] if "province" in f else f.iloc[0:0]
    return Places(ev, evidence.provinces(ev.ledger), provincial.reset_index(drop=True))


def names() -> list[str]:
    """Iran's provinces by English name, in the vocabulary's order."""
    from ... import vocab

    return list(vocab.PROVINCES)


def _order(frame: pd.DataFrame, *by: str) -> pd.DataFrame:
    """Rows in the vocabulary's order of provinces, then ``by`` (scopes in :data:`REVIVAL_SCOPES` order)."""
    rank = {p: i for i, p in enumerate(names())}
    scopes = {s: i for i, s in enumerate(REVIVAL_SCOPES)}
    keys = {"province": lambda s: s.map(rank), "scope": lambda s: s.map(scopes).fillna(len(scopes))}
    cols = ["province", *by]
    return frame.sort_values(cols, key=lambda s: keys[s.name](s) if s.name in keys else s, kind="stable").reset_index(drop=True)



def _empty(columns: list[str], floats=(), ints=(), bools=()) -> pd.DataFrame:
    out = {c: pd.Series(dtype="str") for c in columns}
    out.update({c: pd.Series(dtype=float) for c in floats})
    out.update({c: pd.Series(dtype=int) for c in ints})
    out.update({c: pd.Series(dtype=bool) for c in bools})
    return pd.DataFrame(out)[columns]


def _national(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    e = pl.national.estimates
    e = e[e["metric"] == metric][["jalali_year", "scope", "value", "low", "high", "gen_low", "gen_high", "figure_ids", "source_ids"]]
    return e.assign(jalali_year=e["jalali_year"].astype(int))


def _against_national(rows: pd.DataFrame, national: pd.DataFrame, year: str = "jalali_year", any_scope: bool = False) -> pd.DataFrame:
    """``rows`` (with ``scope`` and a year column) with the national row of the same year and scope
    (``nat_*`` columns); where there is none, the whole country's when the scope is part of it, and
    with ``any_scope`` (ratios, not counts), for a row of one of those scopes, the first the country
    has that year in :data:`~analysis.assumptions.HEADLINE_SCOPES` order. ``national_scope`` names the scope compared
    with ('' for none) and ``cross_scope`` marks a scope other than the row's own."""
    from ...assumptions import HEADLINE_SCOPES

    nat = national.rename(columns={c: f"nat_{c}" for c in national.columns if c not in ("jalali_year", "scope")})
    nat = nat.rename(columns={"jalali_year": year, "scope": "national_scope"})
    fields = [c for c in nat.columns if c.startswith("nat_")]

    def lookup(scopes: pd.Series) -> pd.DataFrame:
        out = pd.DataFrame({year: rows[year].to_numpy(), "national_scope": scopes.to_numpy()}).merge(nat, on=[year, "national_scope"],
                                                                                                      how="left")
        out.index = rows.index
        return out

    out = rows.copy()
    found = lookup(rows["scope"])
    candidates = [rows["scope"].map(part_of())]
    if any_scope:  # only between the scopes of ISIPO's own count (not the wider revival movement's)
        own = rows["scope"].isin(HEADLINE_SCOPES)
        candidates += [pd.Series(s, index=rows.index).where(own) for s in HEADLINE_SCOPES]
    for scopes in candidates:
        other = lookup(scopes)
        use = found["nat_value"].isna() & other["nat_value"].notna()
        found = found.where(~use, other)
    for col in fields:
        out[col] = found[col]
    out["national_scope"] = found["national_scope"].where(found["nat_value"].notna(), "").fillna("").astype(str)
    out["cross_scope"] = (out["national_scope"] != "") & (out["national_scope"] != out["scope"])
    return out
