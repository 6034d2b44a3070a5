"""Every province's evidence, with the steps that cost each place the same run once for all of them.

In: a validated :class:`~analysis.ledger.Ledger` whose figures have a ``province`` column. Out:
:func:`provinces`, ``{province: Evidence}`` in the vocabulary's order, each equal, frame for frame, to
:func:`analysis.evidence.build` of that province alone.

The periods, readings and claims (:func:`analysis.evidence._first_steps`) are built once over every
provincial figure: each of those steps keys by ``province`` where it groups or joins (a report's scopes
for :func:`~analysis.evidence.readings.add`'s ``alt_scope``, the identical-statement key of
:func:`~analysis.evidence.claims.group`), and restatement links never cross provinces (refused on
loading; checked again here). Each place then takes its own rows of the three tables (one ``groupby``
each). Its pairs, series and target paths are built per place; the **yearly estimates** (the largest step:
:func:`~analysis.evidence.estimates.yearly` with what it calls) run once over every place, keyed by
``province`` (:func:`_yearly`), and are split back with one ``groupby``; the headline, terms and money are
built per place. That is sound because every frame those steps make is typed the same with rows or without
(:func:`~analysis.evidence.keys.typed`: no step's output depends on a place having rows), and every group,
join, sort and dedupe in them keys by ``province`` or by claim and figure ids (the ledger's, never shared).
:func:`classified` stops after the first steps: every province's figures and expectations at once, as
the places' evidence holds them (what the report-wide ledger file needs, without the estimates).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import estimates as _estimates
from . import periods as _periods
from . import readings as _readings


def provinces(ledger) -> dict:
    """The evidence of every province the ledger gives figures for, by name (see the module docstring)."""
    from ..ledger.vocabulary import vocabulary
    from . import build

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
    out, first_steps = {}, {}
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
        first_steps[p] = (mine_expected, figures.iloc[rows["figures"][p]], claims.iloc[rows["claims"][p]].reset_index(drop=True))
    out.update(_rest(ledger, first_steps))
    return {p: out[p] for p in order}


def _rest(ledger, first_steps: dict) -> dict:
    """Every place's evidence from its first steps (``{place: (expectations, figures, claims)}``, each as
    :func:`~analysis.evidence.build` has them for that place): the steps of
    :func:`~analysis.evidence._assemble`, with the yearly estimates run once over every place (:func:`_yearly`)."""
    from . import _after_yearly, _before_yearly

    before = {p: _before_yearly(figures, claims) for p, (_, figures, claims) in first_steps.items()}
    yearly = _yearly({p: (first_steps[p][2], before[p][1], before[p][2], first_steps[p][1]) for p in first_steps})
    return {p: _after_yearly(ledger, p, expectations, figures, claims, *before[p], yearly[p])
            for p, (expectations, figures, claims) in first_steps.items()}


def _stack(frames: dict) -> pd.DataFrame:
    """One place's frames after another (``{place: frame}``, each with a ``province`` column added), numbered 0, 1, ..."""
    return pd.concat([f.assign(province=p) for p, f in frames.items()], ignore_index=True)


def _yearly(inputs: dict) -> dict:
    """:func:`~analysis.evidence.estimates.yearly` of every place at once (``{place: (claims, series, targets,
    figures)}``, each place's as :func:`~analysis.evidence.build` has them), keyed by ``province``, split
    back into each place's ``(estimates, year_claims, weighed)``.

    Each place's rows come out as that place alone gives them: every group, join, sort and dedupe of the
    step keys by ``province`` (or by claim and figure ids, which are the ledger's and never shared), and
    every frame the step makes has the same columns and dtypes whether or not a place has rows. Splitting
    gives each place its own numbering back: its claims' row labels (year_claims keeps them), its choice
    groups from 0 (``group``: numbered in order of first row, so one place's groups follow each other),
    and a fresh range index elsewhere.
    """
    if not inputs:
        return {}
    places = list(inputs)
    claims = _stack({p: inputs[p][0] for p in places})
    series = _stack({p: inputs[p][1] for p in places})
    targets = _stack({p: inputs[p][2] for p in places})
    figures = pd.concat([inputs[p][3] for p in places])  # figures carry their province
    start = dict(zip(places, np.cumsum([0, *(len(inputs[p][0]) for p in places[:-1])]).tolist()))
    est, year_claims, weighed = _estimates.yearly(claims, series, targets, figures, place=["province"])
    rows = [t.groupby("province", sort=False).indices for t in (est, year_claims, weighed)]
    none = np.array([], dtype=np.intp)
    out = {}
    for p in places:
        e, yc, w = (t.iloc[r.get(p, none)].drop(columns="province") for t, r in zip((est, year_claims, weighed), rows))
        yc = yc.set_axis(yc.index - start[p])
        yc["group"] = yc["group"] - (yc["group"].min() if len(yc) else 0)
        out[p] = (e.reset_index(drop=True), yc, w.reset_index(drop=True))
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
