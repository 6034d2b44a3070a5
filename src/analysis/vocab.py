"""The ledger's controlled vocabulary: metrics, scopes and their meanings.

A metric's *kind* decides how its period is read and checked:

- ``flow``: counted over a period (start and end; an empty end on a year-to-date figure means
  "to the report's publication", whose date bounds it then inherits);
- ``stock``: a level at one moment (no start; the end is the as-of date, or empty when not stated);
- ``target``: a goal for a period (start and end, or neither when the source gives no period).

Percentages marked ``capped`` cannot exceed 100 (a share of a whole); progress and growth
percentages can.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """One entry of the metrics vocabulary."""

    name: str
    kind: str  # flow | stock | target
    unit: str  # units | jobs | percent | rials | US dollars | jobs per unit
    description: str
    percentage: bool = False
    capped: bool = False  # a percentage that cannot exceed 100
    signed: bool = False  # may be negative (growth rates)


_METRICS = [
    Metric("units_revived", "flow", "units", "idle units brought back into production over the period"),
    Metric("jobs_created", "flow", "jobs", "jobs attributed to the revived units over the period"),
    Metric("units_target", "target", "units", "units the period's plan aims to revive"),
    Metric("jobs_target", "target", "jobs", "jobs the period's plan aims to create"),
    Metric("idle_units", "stock", "units", "units idle (or semi-active) at the as-of date"),
    Metric("total_units", "stock", "units", "all units of the scope at the as-of date"),
    Metric("idle_share_pct", "stock", "percent", "share of units idle at the as-of date", True, True),
    Metric("revived_share_pct", "stock", "percent", "share of the idle stock revived so far, as stated", True, True),
    Metric("target_progress_pct", "flow", "percent", "stated share of the units target reached to date", True),
    Metric("jobs_target_progress_pct", "flow", "percent", "stated share of the jobs target reached to date", True),
    Metric("jobs_per_unit_stated", "flow", "jobs per unit", "an official's stated average jobs per revived unit"),
    Metric("financing_rials", "flow", "rials", "money allocated or paid, in rials (tomans x 10)"),
    Metric("financing_usd_stated", "flow", "US dollars", "a rial sum as the outlet converted it to dollars"),
    Metric("capacity_raised_units", "flow", "units", "units helped above half capacity (not revivals)"),
    Metric("capacity_raised_jobs", "flow", "jobs", "jobs from raising capacity (not revivals)"),
    Metric("units_growth_pct_stated", "flow", "percent", "stated growth in units over the preceding period of the same length", True, False, True),
    Metric("jobs_growth_pct_stated", "flow", "percent", "stated growth in jobs over the preceding period of the same length", True, False, True),
    Metric("bank_facility_share_pct", "stock", "percent", "production and industrial units' share of bank facilities", True, True),
    Metric("bank_facility_share_target_pct", "target", "percent", "the share of bank facilities officials seek for production units", True, True),
]

#: Every metric the ledger accepts, by name.
METRICS: dict[str, Metric] = {m.name: m for m in _METRICS}

#: Every scope the ledger accepts, and what it covers.
SCOPES: dict[str, str] = {
    "national": "the whole country, as the source frames it",
    "industrial_parks": "units in industrial parks and zones (ISIPO's estates)",
    "outside_parks": "units outside industrial parks",
    "smes": "ISIPO's programme for small and medium industries (its 1397-1399 yearly counts)",
    "economic_units": "the government's revival movement, which counts non-industrial units too",
    "renovation_programme": "rebuilt or modernised small units: a separate programme, not idle revivals",
    "capacity_programme": "units helped above half capacity: not revivals",
}

#: How a source's publication date is known.
DATE_BASES: dict[str, str] = {
    "shown": "the date is shown on the page",
    "url_date": "the date is part of the address",
    "id_interpolation": "placed between dated neighbours by the outlet's rising article numbers",
    "text_clues": "bounded by what the text refers to",
}

#: What kind of goal a target is (the ledger's ``target_kind``; empty = read from its period).
TARGET_KINDS: dict[str, str] = {
    "revival": "units (or jobs) to revive in one Iranian year",
    "mandate": "a broader mandate (units whose fate is to be decided, or launched), not only revivals",
    "multi_year": "a goal over several years",
    "term": "a goal for a government's term, or what remains of it",
}
