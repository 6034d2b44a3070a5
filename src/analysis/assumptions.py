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
    """One judgement: its catalogue key (its name, setting and meaning are ``assumption.<key>.*`` in
    :mod:`analysis.words`) and the numbers its setting states, as typed slots (built on use)."""

    key: str
    slots: dict


def _assumptions() -> dict[str, Assumption]:
    from .words import All, Count, Label, Num, Share

    return {name: Assumption(key, slots) for name, key, slots in (
        ("rounding cap", "rounding_cap", {"share": Share(ROUNDING_CAP * 100)}),
        ("preference order", "preference_order", {"rules": All(tuple(Label("choice", k) for k, _ in PREFERENCE_ORDER), word="then", sep="semicolon")}),
        ("headline scope", "headline_scope", {"scopes": All(tuple(Label("scope", s) for s in HEADLINE_SCOPES), word="then")}),
        ("same-period tolerance", "same_period", {"days": Count(SAME_PERIOD_TOLERANCE_DAYS, "day")}),
        ("fastest plausible pace", "fastest_pace", {"factor": Num(MAX_PACE_FACTOR), "days": Count(MAX_PACE_GAP_DAYS, "day")}),
        ("restated counts", "restated", {"days": Count(RESTATED_COUNT_ALLOWANCE_DAYS, "day")}),
        ("count keeper", "keeper", {}),
        ("scope nesting", "nesting", {}),
        ("reused numbers", "reused", {"same": Num(REUSED_DIGITS_SAME_YEAR), "any": Num(REUSED_DIGITS_ANY)}),
        ("plausible jobs per unit", "plausible_jobs", {"factor": Num(PLAUSIBLE_JOBS_PER_UNIT_FACTOR)}),
        ("plausible money per unit", "plausible_money", {"factor": Num(PLAUSIBLE_MONEY_PER_UNIT_FACTOR)}),
        ("undated stock year", "undated_stock", {"years": Count(UNDATED_STOCK_YEARS_BEFORE, "year")}),
        ("seed evaluation dates", "seed_dates", {}),
    )}


def __getattr__(name: str):
    """``ASSUMPTIONS``: every assumption, by the short name notebooks use to list the ones they rely on."""
    if name == "ASSUMPTIONS":
        return _assumptions()
    raise AttributeError(name)
