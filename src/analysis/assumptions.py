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

#: The fastest plausible pace, as a multiple of a count's own average daily pace to its date (the count
#: divided by the days from its year's first day to its end; a count's own pace, not the year's, so that
#: a year derived from its counts is never bounded by its own derivation). Used where a check or an
#: estimate needs what a gap no figure covers can add (a ceiling after an earlier count) or can have
#: added (a floor before a later one), and only over gaps of at most :data:`MAX_PACE_GAP_DAYS`.
MAX_PACE_FACTOR: float = 3.0

#: The longest gap the fastest-pace rule bridges. Over longer gaps paces vary too much to bound: a year's
#: first months run slow (the Nowruz holidays) and its last ones fast, so a ceiling from an early count
#: would be wrong (1403: 116 units by June, 1,344 by the year's end).
MAX_PACE_GAP_DAYS: int = 31

#: An undated count in a report that repeats earlier figures (a provincial piece restating national
#: numbers) may be this many days older than the report's earliest possible date: such reports pass on
#: what an earlier one said. Applied only there, and only in the audit's most generous reading.
RESTATED_COUNT_ALLOWANCE_DAYS: int = 31

#: Who keeps the count: a speaker matching this pattern (the ``speaker`` column) speaks for ISIPO, the
#: organisation that compiles the revival counts. Its exact counts outrank round figures others restate.
COUNT_KEEPER_PATTERN: str = r"\bISIPO\b"

#: A ratio of jobs to units is implausible when its whole interval lies beyond the full-year ratios'
#: range divided or multiplied by this factor.
PLAUSIBLE_JOBS_PER_UNIT_FACTOR: float = 2.0

#: Which claim is the best estimate for a metric, scope and year when the claims conflict, in order:
#: the first rule that singles out one claim decides (consistent claims are narrowed instead).
PREFERENCE_ORDER: tuple[tuple[str, str], ...] = (
    ("after_period_end", "a count certainly first published after its period ended, over one that may date from while it ran"),
    ("bounded", "a claim with both bounds, over an open-ended one ('over 39,000')"),
    ("keeper_exact", "an exact count from ISIPO, which keeps the count (by the speaker), over a round figure others give"),
    ("not_target", "a result that differs from every target stated for its year, over one equal to a target (a plan reported as an outcome)"),
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
REVIVAL_SCOPES: tuple[str, ...] = ("national", "industrial_parks", "outside_parks", "smes", "large_units", "economic_units")

#: A stock without an as-of date stands at its report's date; a year stated on it may name the year
#: before its report (last year's closing level), no earlier: an older level needs its as-of date.
UNDATED_STOCK_YEARS_BEFORE: int = 1

#: The parts that add up to ``national`` (inside and outside parks: together, the whole). Which scope is
#: part of which (a part bounds its whole from below) is declared in ``data/scopes.tsv`` (``part_of``).
PART_SCOPES: tuple[str, ...] = ("industrial_parks", "outside_parks")

#: A ratio of money to units (rials per revived unit, for a sum and a count one report gives for the same
#: scope and period) is implausible when it lies beyond the median of such ratios divided or multiplied by
#: this factor: sums cover more than revivals and lose value to inflation, so only gross slips show.
PLAUSIBLE_MONEY_PER_UNIT_FACTOR: float = 10.0

#: The same number stated for different things is flagged only when a coincidence is unlikely: at least
#: this many significant digits for the same quantity (a count and its target, units or jobs) in the same
#: Iranian year, and at least :data:`REUSED_DIGITS_ANY` for anything else. Numbers with one or two
#: significant digits (1,500, 9,800, 27,000) recur across unrelated metrics by chance.
REUSED_DIGITS_SAME_YEAR: int = 2
REUSED_DIGITS_ANY: int = 3


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
    Assumption("fastest plausible pace", f"{MAX_PACE_FACTOR:g} times a count's own average pace, over at most {MAX_PACE_GAP_DAYS} days",
               "the most units a gap between two dates could add (after an earlier count) or have added (before a later one), where no figure covers it"),
    Assumption("restated counts", f"up to {RESTATED_COUNT_ALLOWANCE_DAYS} days older than the report",
               "an undated count in a report that repeats earlier figures may predate the report by this much (a provincial piece passing on national numbers)"),
    Assumption("count keeper", "ISIPO",
               "the organisation that compiles the revival counts: its exact counts outrank round figures others restate"),
    Assumption("scope nesting", "industrial parks, outside parks and the SME plan are part of national",
               "a part's count bounds its whole's from below (data/scopes.tsv); provinces are compared with the nation, never folded in"),
    Assumption("reused numbers", f"{REUSED_DIGITS_SAME_YEAR}+ significant digits within a year and quantity, {REUSED_DIGITS_ANY}+ otherwise",
               "how unlikely a coincidence must be before one number stated for different things is flagged"),
    Assumption("plausible jobs per unit", f"within a factor of {PLAUSIBLE_JOBS_PER_UNIT_FACTOR:g} of the full-year range",
               "a jobs-per-unit ratio beyond this is flagged as implausible, and its figures are never used as a floor"),
    Assumption("plausible money per unit", f"within a factor of {PLAUSIBLE_MONEY_PER_UNIT_FACTOR:g} of the median",
               "a sum per revived unit beyond this is flagged as implausible"),
    Assumption("undated stock year", f"at most {UNDATED_STOCK_YEARS_BEFORE} year before its report's",
               "a stock stated without an as-of date stands at its report's date; the Iranian year stated on it may be "
               "the report's own or the one before, no earlier (the loader refuses an older one)"),
    Assumption("seed evaluation dates", "each end of each window in the seed's provenance record",
               "the undated seed's date-dependent results are shown at these dates and as ranges across them"),
)}
