"""The provinces: where revivals are reported, what share of the national count they make, and whether
the provincial figures fit the national ones.

In: the :class:`~analysis.evidence.Evidence` of the whole country (its ledger holds the provinces'
figures). :func:`places` assembles each province's evidence once (:func:`analysis.evidence.provinces`,
the same estimate rule as nationally, within one province) beside the national evidence. Out, each a
frame read from those (one question, one number: a province's count is its best estimate everywhere):

- :func:`years`: each province's best estimate of units revived per Iranian year and scope;
- :func:`shares`: each of those against the national estimate of the same year and scope, or, where
  the country has none of that scope, against the national count of the whole country, labelled
  (``cross_scope``); a share is only computed against a national count of the same year;
- :func:`jobs`: each province's unit-job pairs (jobs per revived unit) beside the national ratio of
  the same year and scope (or the whole country's, labelled);
- :func:`sums`: per year and scope, the provinces' estimates added up against the national estimate,
  graded by :mod:`analysis.evidence.grading` (a sum above the national count cannot hold);
- :func:`rankings`: pairs of provinces one report places below the other and another above it,
  graded by the same standard;
- :func:`in_year`: the counts to date of the latest year any province reports (1404 when written),
  with the share of the year elapsed and the province's target of the year;
- :func:`tiles`: the 31 provinces at their tile-grid squares, each with its latest whole-year count
  for the whole province (or why it has none), for the map;
- :func:`audit`: the audit's checks run within each province (:func:`analysis.questions.audit.checks` of each,
  most rules run once over every province: :mod:`analysis.questions.audit.together`);
- :func:`overview`: the few numbers the page's answer states.

A province's figures never enter a national number here: the national side of every comparison is
the national evidence (figures with no province), and a sum of provinces is set beside it, never in it.

The package: :mod:`.places` (the places and the helpers the others share), :mod:`.counts` (years, shares,
jobs, the latest year to date, the map's squares) and :mod:`.checks` (sums, rankings, the audit); every
name above is importable from here, and :func:`overview` is defined here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...evidence.estimates import WHOLE_YEAR_BASES
from .checks import RANK_COLUMNS, SUM_COLUMNS, audit, rankings, sums
from .counts import (IN_YEAR_COLUMNS, JOBS_COLUMNS, SHARE_COLUMNS, TILE_COLUMNS, TILE_STATUSES, YEAR_COLUMNS, in_year, jobs,
                     latest_year, national_in_year, shares, tiles, years)
from .places import JOBS, RANK_RULE, SUM_RULE, UNITS, WHOLE, Places, _order, names, places

__all__ = ["Places", "places", "names", "years", "shares", "jobs", "sums", "rankings", "latest_year", "in_year",
           "national_in_year", "tiles", "audit", "Overview", "overview", "UNITS", "JOBS", "WHOLE", "SUM_RULE", "RANK_RULE",
           "YEAR_COLUMNS", "SHARE_COLUMNS", "JOBS_COLUMNS", "SUM_COLUMNS", "RANK_COLUMNS", "IN_YEAR_COLUMNS", "TILE_COLUMNS",
           "TILE_STATUSES", "_order"]


# ---------------------------------------------------------------------------------------------
# The answer's numbers
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Overview:
    """What the page's answer states, computed from the frames above.

    ``named``: provinces with any figure; ``counted``: provinces with a yearly estimate of units
    revived; ``first_year``/``last_year``: the years those estimates span; ``best``: the row of
    :func:`sums` (whole-province scope) with the most provinces (the latest on a tie), or ``None``;
    ``largest``/``runner_up``: the two largest whole-year counts for a whole province (rows of
    :func:`years`); ``findings``: contradictions and questions among the page's own checks and the
    audit's within the provinces, by grade.
    """

    named: int
    counted: int
    total: int
    first_year: int | None
    last_year: int | None
    best: pd.Series | None
    largest: pd.Series | None
    runner_up: pd.Series | None
    findings: dict


def overview(pl: Places, sums_: pd.DataFrame | None = None, rankings_: pd.DataFrame | None = None,
             audit_: pd.DataFrame | None = None) -> Overview:
    """The numbers the answer states (frames computed already may be passed in)."""
    y = years(pl)
    sums_ = sums(pl) if sums_ is None else sums_
    rankings_ = rankings(pl) if rankings_ is None else rankings_
    audit_ = audit(pl) if audit_ is None else audit_
    named = int(pl.figures["province"].nunique()) if not pl.figures.empty else 0
    s = sums_[(sums_["scope"] == WHOLE) & ~sums_["cross_scope"] & sums_["nat_value"].notna()]
    best = s.sort_values(["n_provinces", "jalali_year"], kind="stable").iloc[-1] if not s.empty else None
    whole = y[(y["scope"] == WHOLE) & y["basis"].isin(WHOLE_YEAR_BASES)].sort_values(["value", "jalali_year"], ascending=[False, False],
                                                                                      kind="stable")
    largest = whole.iloc[0] if len(whole) else None
    rest = whole[whole["province"] != largest["province"]] if largest is not None else whole
    runner = rest.iloc[0] if len(rest) else None
    grades = pd.concat([sums_["grade"], rankings_["grade"], audit_["grade"]], ignore_index=True)
    findings = {g: int((grades == g).sum()) for g in ("contradiction", "question")}
    return Overview(named, int(y["province"].nunique()), len(names()), int(y["jalali_year"].min()) if len(y) else None,
                    int(y["jalali_year"].max()) if len(y) else None, best, largest, runner, findings)
