"""Every judgement the analysis rests on, in one place.

In: nothing (constants, no imports from the package). Out: the constants below, and
:data:`ASSUMPTIONS`, one plain-words entry per judgement, which each notebook's first cells list
(via :func:`analysis.fmt.assumptions_table`) for the ones it uses. Change a value here and every
notebook, the audit and the report follow; nothing else holds a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A round figure is read as rounded at its last non-zero digit, but never by more than this share of
#: its value either way (10,000 means 9,000 .. 11,000, not 5,000 .. 15,000).
ROUNDING_CAP: float = 0.10

#: Two counts "cover the same part of the year" when their ends lie at most this many days apart
#: (year-to-date comparisons across years).
SAME_PERIOD_TOLERANCE_DAYS: int = 31

#: The fastest plausible pace over a few days, as a multiple of the year's average daily pace. Used
#: where a check needs the units revived in a gap between two dates no figure covers.
MAX_PACE_FACTOR: float = 3.0

#: A ratio of jobs to units is implausible when its whole interval lies beyond the full-year ratios'
#: range divided or multiplied by this factor.
PLAUSIBLE_JOBS_PER_UNIT_FACTOR: float = 2.0

#: Which claim is the best estimate for a metric, scope and year when the claims conflict, in order:
#: the first rule that singles out one claim decides (consistent claims are narrowed instead).
PREFERENCE_ORDER: tuple[tuple[str, str], ...] = (
    ("after_period_end", "a count certainly first published after its period ended, over one that may date from while it ran"),
    ("bounded", "a claim with both bounds, over an open-ended one ('over 39,000')"),
    ("most_sources", "the claim more reports state"),
    ("latest_report", "the claim whose first report is the latest (a later account may correct an earlier)"),
    ("narrowest", "the claim with the narrowest bounds"),
    ("first_listed", "the claim whose first figure id comes first (a last resort that keeps the choice stable)"),
)

#: The scope the headline series shows for a year, in order of preference: national where a national
#: estimate exists, otherwise the next scope that has one.
HEADLINE_SCOPES: tuple[str, ...] = ("national", "industrial_parks", "smes", "outside_parks")

#: Scopes whose unit counts are revivals of idle units (the revival movement counts non-industrial units
#: too; the renovation and capacity programmes count other things).
REVIVAL_SCOPES: tuple[str, ...] = ("national", "industrial_parks", "outside_parks", "smes", "economic_units")

#: A stock without an as-of date stands at its report's date; a year stated on it may name the year
#: before its report (last year's closing level), no earlier: an older level needs its as-of date.
UNDATED_STOCK_YEARS_BEFORE: int = 1

#: The parts that add up to ``national``.
PART_SCOPES: tuple[str, ...] = ("industrial_parks", "outside_parks")


@dataclass(frozen=True)
class Assumption:
    """One judgement: its name in the code, its value, and what it means in plain words."""

    name: str
    value: str
    meaning: str


#: Every assumption, by the short name notebooks use to list the ones they rely on.
ASSUMPTIONS: dict[str, Assumption] = {a.name: a for a in (
    Assumption("rounding cap", f"{ROUNDING_CAP:.0%}",
               "a round figure is read as rounded at its last non-zero digit, but by no more than this share of its value either way"),
    Assumption("preference order", "; ".join(f"{i}. {text}" for i, (_, text) in enumerate(PREFERENCE_ORDER, 1)),
               "how one claim is chosen as the best estimate when the claims for a year conflict; consistent claims narrow each other instead"),
    Assumption("headline scope", ", then ".join(s.replace("_", " ") for s in HEADLINE_SCOPES),
               "the scope shown for each year in the headline series: national where a national estimate exists"),
    Assumption("same-period tolerance", f"{SAME_PERIOD_TOLERANCE_DAYS} days",
               "two year-to-date counts of different years cover the same part of the year when their ends lie this close"),
    Assumption("fastest plausible pace", f"{MAX_PACE_FACTOR:g} times the year's average",
               "the most units a few days could add, used where no figure covers a gap between two dates"),
    Assumption("plausible jobs per unit", f"within a factor of {PLAUSIBLE_JOBS_PER_UNIT_FACTOR:g} of the full-year range",
               "a jobs-per-unit ratio beyond this is flagged as implausible"),
    Assumption("undated stock year", f"at most {UNDATED_STOCK_YEARS_BEFORE} year before its report's",
               "a stock stated without an as-of date stands at its report's date; the Iranian year stated on it may be "
               "the report's own or the one before, no earlier (the loader refuses an older one)"),
    Assumption("seed evaluation dates", "each end of each window in the seed's provenance record",
               "the undated seed's date-dependent results are shown at these dates and as ranges across them"),
)}
