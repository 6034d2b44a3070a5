"""Every province's evidence, with the steps that cost each place the same run once for all of them.

In: a validated :class:`~analysis.ledger.Ledger` whose figures have a ``province`` column. Out:
:func:`provinces`, ``{province: Evidence}`` in the vocabulary's order, each equal, frame for frame, to
:func:`analysis.evidence.build` of that province alone.

The periods, readings and claims (:func:`analysis.evidence._first_steps`) are built once over every
provincial figure: each of those steps keys by ``province`` where it groups or joins (a report's scopes
for :func:`~analysis.evidence.readings.add`'s ``alt_scope``, the identical-statement key of
:func:`~analysis.evidence.claims.group`), and restatement links never cross provinces (refused on
loading; checked again here). Each place then takes its own rows of the three tables (one ``groupby``
each) and the rest of its evidence is built from them as :func:`~analysis.evidence.build` does.
:func:`classified` stops after the first steps: every province's figures and expectations at once, as
the places' evidence holds them (what the report-wide ledger file needs, without the estimates).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import periods as _periods
from . import readings as _readings


def provinces(ledger) -> dict:
    """The evidence of every province the ledger gives figures for, by name (see the module docstring)."""
    from ..ledger.vocabulary import vocabulary
    from . import _assemble, build

    f = ledger.figures
    named = set(f["province"]) - {""}
    order = [p for p in vocabulary("provinces")["province"] if p in named]
    by_place = dict(tuple(f.groupby("province", sort=False)))
    restating = _readings.restating_sources(f)  # once for every place (it reads the whole ledger)
    first = classified(ledger, restating)
    if first is None:
        return {}
    expectations, figures, claims = first.expectations, first.figures, first.claims
    place_of_claim = claims["first_figure"].map(figures.set_index("figure_id")["province"])
    if (figures["claim_id"].map(pd.Series(place_of_claim.to_numpy(), index=claims["claim_id"])) != figures["province"]).any():
        # A claim across provinces (the loader refuses the links that would make one): each place on its own.
        return {p: build(ledger, p, figures_of_place=by_place[p], restating=restating) for p in order}
    rows = {name: frame.groupby(key, sort=False).indices
            for name, frame, key in (("figures", figures, "province"), ("claims", claims, place_of_claim),
                                     ("expectations", expectations, "province"))}
    none_expected = None
    out = {}
    for p in order:
        if p not in rows["figures"] or p not in rows["claims"]:
            out[p] = build(ledger, p, figures_of_place=by_place[p], restating=restating)
            continue
        if p in rows["expectations"]:
            mine_expected = expectations.iloc[rows["expectations"][p]]
        else:  # as build classifies a place's empty selection (its columns typed as classify types them then)
            if none_expected is None:
                none_expected = _periods.classify(f.iloc[0:0])
            mine_expected = none_expected.copy()
        out[p] = _assemble(ledger, p, mine_expected, figures.iloc[rows["figures"][p]],
                           claims.iloc[rows["claims"][p]].reset_index(drop=True))
    return out


@dataclass(frozen=True)
class Classified:
    """The first steps over every province at once: the figures (periods classified, readings added, each with
    its ``claim_id``), their claims and officials' expectations, in one frame each (the rows the places'
    :class:`~analysis.evidence.Evidence` hold)."""

    figures: pd.DataFrame
    claims: pd.DataFrame
    expectations: pd.DataFrame


def classified(ledger, restating: set[str] | None = None) -> Classified | None:
    """The first steps of :func:`provinces` alone (see the module docstring); ``None`` when no figure has a
    province. ``restating``: the ledger's restating reports, when the caller has them already."""
    from . import _first_steps

    f = ledger.figures
    mine = f[f["province"] != ""] if "province" in f else f.iloc[0:0]
    if mine.empty:
        return None
    expectations, figures, claims = _first_steps(ledger, mine, _readings.restating_sources(f) if restating is None else restating)
    return Classified(figures, claims, expectations)
