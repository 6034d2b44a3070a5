"""The evidence layer: the ledger's figures assembled once, for every question to read.

In: a validated :class:`~analysis.ledger.Ledger`. Out: :func:`build` returns an :class:`Evidence`
holding these tables (each module's docstring gives its columns):

==============  ======================================================================================
``figures``     every figure with its period classified (:mod:`.periods`) and its ``claim_id``
``claims``      one row per claim: a number and every figure and report that states it (:mod:`.claims`)
``series``      each year's year-to-date counts in order (:mod:`.series`)
``year_claims`` every full-year claim, marked chosen / agrees / conflicts (:mod:`.estimates`)
``estimates``   one best estimate per metric, scope and Iranian year, derived where needed
``headline``    the units revived per year as the headline series shows them (:func:`.estimates.headline`)
``targets``     every target with its kind, timing and role in its path (:mod:`.targets`)
``pairs``       units and jobs of the same scope and period, with jobs per unit (:mod:`.pairs`)
``terms``       term and multi-year totals against the yearly counts of their span (:mod:`.terms`)
``weighed``     every claim each yearly estimate weighed, with its role (:func:`.estimates.weighed`)
``money``       units and a sum one report gives together, with the rials per unit (:func:`.pairs.money`)
``expectations`` officials' expectations for a period still running or ahead (``expectation = expected``),
                with their periods classified: never claims or results, compared with the result by the audit
==============  ======================================================================================

Claims carry the readings of :mod:`.readings` (the audit's most generous reading, who spoke) and
``outlier`` (a claim of a unit-job pair whose jobs per unit is implausible: never used as a floor).

Nothing downstream groups restatements, classifies periods, picks a year's number, orders a
year-to-date series, reads a target's path or pairs units with jobs again: the timeline, jobs, rates
and audit modules only read these tables, so one question gets one number everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from .. import fmt
from . import claims as _claims
from . import estimates as _estimates
from . import pairs as _pairs
from . import periods as _periods
from . import readings as _readings
from . import series as _series
from . import targets as _targets
from . import terms as _terms


@dataclass(frozen=True)
class Evidence:
    """The assembled evidence (see the module docstring); ``ledger`` is kept for sources and seed facts."""

    ledger: object
    figures: pd.DataFrame
    claims: pd.DataFrame
    series: pd.DataFrame
    year_claims: pd.DataFrame
    estimates: pd.DataFrame
    headline: pd.DataFrame
    targets: pd.DataFrame
    pairs: pd.DataFrame
    terms: pd.DataFrame
    weighed: pd.DataFrame
    money: pd.DataFrame
    expectations: pd.DataFrame
    province: str = ""

    @property
    def sources(self) -> pd.DataFrame:
        """The ledger's sources."""
        return self.ledger.sources

    def claim(self, claim_id: str) -> pd.Series:
        """One claim's row."""
        rows = self.claims[self.claims["claim_id"] == claim_id]
        if rows.empty:
            raise KeyError(f"no claim {claim_id!r}")
        return rows.iloc[0]

    def claim_of(self, figure_id: str) -> str:
        """The claim a figure belongs to."""
        rows = self.figures[self.figures["figure_id"] == figure_id]
        if rows.empty:
            raise KeyError(f"no figure {figure_id!r}")
        return rows.iloc[0]["claim_id"]

    def estimate(self, metric: str, scope: str, year: int) -> pd.Series:
        """The best estimate of one metric, scope and Iranian year (KeyError when there is none)."""
        e = self.estimates
        rows = e[(e["metric"] == metric) & (e["scope"] == scope) & (e["jalali_year"] == year)]
        if rows.empty:
            raise KeyError(f"no estimate of {metric} for {scope} in {year}")
        return rows.iloc[0]


#: The names of the evidence's tables (every :class:`Evidence` field that is a frame), in their order.
FRAMES: tuple[str, ...] = tuple(f.name for f in fields(Evidence) if f.type in (pd.DataFrame, "pd.DataFrame"))


def build(ledger, province: str = "", *, figures_of_place: pd.DataFrame | None = None,
          restating: set[str] | None = None) -> Evidence:
    """Assemble the evidence from a validated ledger (each step once, whole columns at a time).

    The evidence of one **place**: the whole country (``province=""``, the default: figures with no
    province) or one province (its figures alone). Every step keys by place because it sees one place
    only: a provincial figure never enters a national claim, series, pair or estimate, and one report's
    counts for two provinces are never paired (restatements across provinces are refused on loading).

    ``figures_of_place`` and ``restating`` let a caller split the ledger and find its restating reports
    once for every place, instead of once per place (both are read from the whole ledger).
    """
    f = ledger.figures
    if figures_of_place is not None:
        mine = figures_of_place
    else:
        mine = f[f["province"] == province] if "province" in f else f
    expectations, figures, claims = _first_steps(ledger, mine, _readings.restating_sources(f) if restating is None else restating)
    return _assemble(ledger, province, expectations, figures, claims)


def _first_steps(ledger, mine: pd.DataFrame, restating: set[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Periods, readings and claims of ``mine`` (one place's figures, or every province's at once: each of
    these steps keys by ``province`` where it groups): ``(expectations, figures with claim_id, claims)``."""
    # An official's expectation is not a result: it never enters a claim, an estimate or a check of results;
    # the audit compares it with the period's result once that is known.
    expected = (mine["expectation"] == "expected") if "expectation" in mine else pd.Series(False, index=mine.index)
    expectations = _periods.classify(mine[expected])
    figures = _readings.add(_periods.classify(mine[~expected]), ledger.sources, restating=restating)
    figures, claims = _claims.group(figures)
    claims["period_label"] = fmt.period_labels(claims)  # made once; every table and sentence reads it
    return expectations, figures, claims


def _assemble(ledger, province: str, expectations: pd.DataFrame, figures: pd.DataFrame, claims: pd.DataFrame) -> Evidence:
    """The rest of one place's evidence, from its expectations, figures and claims (:func:`_first_steps`)."""
    pairs, series, targets = _before_yearly(figures, claims)
    yearly = _estimates.yearly(claims, series, targets, figures)
    return _after_yearly(ledger, province, expectations, figures, claims, pairs, series, targets, yearly)


def _before_yearly(figures: pd.DataFrame, claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A place's pairs, series and target paths, what its yearly estimates are made from (marks its outlier claims)."""
    pairs = _pairs.build(figures, claims)
    claims["outlier"] = claims["claim_id"].isin(_pairs.outliers(pairs))  # never a floor, always audited
    return pairs, _series.build(claims), _targets.paths(figures, claims)


def _after_yearly(ledger, province: str, expectations, figures, claims, pairs, series, targets, yearly) -> Evidence:
    """A place's evidence once its yearly estimates (``(estimates, year_claims, weighed)``) are made."""
    estimates, year_claims, weighed = yearly
    headline = _estimates.headline(estimates)
    terms = _terms.reconcile(claims, estimates, series)
    money = _pairs.money(figures, claims)
    return Evidence(ledger, figures, claims, series, year_claims, estimates, headline, targets, pairs, terms, weighed, money,
                    expectations, province)


def provinces(ledger) -> dict[str, Evidence]:
    """The evidence of every province the ledger gives figures for, by name (in the vocabulary's order).

    Each province's evidence is what :func:`build` gives for it alone. The first steps (periods, readings,
    claims: the part that costs each place the same however few figures it has) run once over every
    provincial figure, keyed by province; each place then gets its own rows of those tables and the rest
    of its evidence is built from them (:mod:`.places`).
    """
    if "province" not in ledger.figures:
        return {}
    from . import places

    return places.provinces(ledger)
