"""Question 1, the timeline: what was revived, targeted and reported, and when.

In: an :class:`~analysis.evidence.Evidence`. Out: tables of numbers and dates (both calendars are
added by :mod:`analysis.fmt` where shown):

- :func:`overview`: what the ledger holds (reports, figures, claims, years, first and latest report);
- :func:`years`: the programme year by year: the headline estimate of units revived, its scope and
  basis, whether the year is complete, and the year's revival target as first stated and as in force
  at the year's end;
- :func:`completeness`: for any frame of yearly estimates, whether each year has a full-year figure
  and, where it has not, the count to date its estimate rests on (the one rule for part-years);
- :func:`reports`: every report at its date (or date window) with how the date is known;
- :func:`claims`: every claim in the order it was first reported;
- :func:`year_to_date`: each year's cumulative counts against the share of the year elapsed;
- :func:`seed`: the seed article's own figures, periods and quotes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import calendar
from ..evidence.estimates import WHOLE_YEAR_BASES
from ..assumptions import HEADLINE_SCOPES, REVIVAL_SCOPES

UNITS = "units_revived"

#: The estimate bases of a whole year (:data:`analysis.evidence.estimates.WHOLE_YEAR_BASES`: stated for it,
#: derived from a multi-year total, or from a count near the year's end). Any other basis (``floor``: at
#: least a count to a date within the year; ``part_floor``: at least a part's count) is a part-year; a basis
#: the list does not name is a part-year too, so a new one is never compared unawares.


def completeness(ev, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (yearly estimates: ``basis`` and ``chosen_claim``) with what a reader must know of each year.

    ``complete``: the year has a full-year figure, stated or derived from a multi-year total (a basis
    of :data:`WHOLE_YEAR_BASES`). A year that is not complete is known only from a count to a date
    within it: it is never compared, ranked or described as a full year. For those years, ``to_date_value``,
    ``to_date_low``, ``to_date_high`` (the count itself, with the bounds of its wording),
    ``to_date_earliest``/``to_date_latest`` (the day it runs to, or the window of its undated report)
    and ``days_low``/``days_high`` (the days of the year it covers, both ends counted); NaN elsewhere.
    """
    out = frame.copy()
    out["complete"] = pd.Series(out["basis"].isin(WHOLE_YEAR_BASES), index=out.index, dtype=bool)
    c = ev.claims.set_index("claim_id")
    part = ~out["complete"]
    # The count to a date the year is known from: its highest count to date where it has one (a year
    # floored by a part's count has the part's claim as its chosen one, which is not a count of its own).
    own = out["floor_claim"].where(out["floor_claim"].fillna("") != "") if "floor_claim" in out else None
    claim = (own.fillna(out["chosen_claim"]) if own is not None else out["chosen_claim"]).where(part)
    for col, src in (("to_date_value", "value"), ("to_date_low", "low"), ("to_date_high", "high"),
                     ("to_date_earliest", "end_earliest"), ("to_date_latest", "end_latest")):
        out[col] = pd.Series(claim.map(c[src]), index=out.index, dtype=c[src].dtype)
    start = calendar.year_bounds_columns(out["jalali_year"])["year_start"]
    for col, end in (("days_low", "to_date_earliest"), ("days_high", "to_date_latest")):
        out[col] = pd.Series(calendar.days_inclusive(start, out[end]), index=out.index, dtype=float).where(part)
    return out


def overview(ev) -> dict:
    """Counts and dates describing the ledger: ``reports`` and ``figures`` (the whole ledger's, every place and
    expectation included: what the pages rest on), ``claims``, ``restated``
    (claims stated by more than one report), ``first_year``/``last_year`` (Iranian years the unit
    counts cover; ``None`` without any), ``first_report``/``latest_report`` (earliest and latest possible publication dates)."""
    s, c = ev.sources, ev.claims
    counts = c[(c["metric"] == UNITS) & c["first_year"].notna()]
    return {
        "reports": int(len(s)), "figures": int(len(ev.ledger.figures)), "claims": int(len(c)),
        "restated": int((c["n_figures"] > 1).sum()),
        # None when the ledger counts no revived units in any known year
        "first_year": int(counts["first_year"].min()) if len(counts) else None,
        "last_year": int(counts["last_year"].max()) if len(counts) else None,
        "first_report": pd.Timestamp(s["published_earliest"].min()), "latest_report": pd.Timestamp(s["published_latest"].max()),
    }


def _year_target(ev, years: pd.Series, scopes: pd.Series) -> pd.DataFrame:
    """The units target of each year for the scope shown (else for another revival scope, labelled)."""
    t = ev.targets[(ev.targets["metric"] == "units_target") & (ev.targets["target_kind"] == "revival")
                   & ev.targets["role"].isin(["first", "revision"]) & ev.targets["jalali_year"].notna()]
    t = t[t["scope"].isin(REVIVAL_SCOPES)]
    first = t[t["role"] == "first"]
    current = t[t["current"]]
    want = pd.DataFrame({"jalali_year": years.astype("Int64").to_numpy(), "scope": scopes.to_numpy()})
    rank = {s: i for i, s in enumerate(HEADLINE_SCOPES)}

    def pick(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
        f = frame.assign(_rank=frame["scope"].map(rank))
        m = want.merge(f, on="jalali_year", how="left", suffixes=("_want", ""))
        m["_same"] = (m["scope"] == m["scope_want"]).astype(int)
        m = m.sort_values(["jalali_year", "_same", "_rank"], ascending=[True, False, True], kind="stable").drop_duplicates("jalali_year")
        out = m[["jalali_year", "scope", "value", "claim_id", "timing", "scored", "source_ids", "figure_ids"]]
        return out.rename(columns={c: f"{prefix}{c}" for c in out.columns if c != "jalali_year"})

    return pick(first, "target_first_").merge(pick(current, "target_").drop(columns=[]), on="jalali_year")


def years(ev) -> pd.DataFrame:
    """The programme year by year (one row per Iranian year the headline series covers).

    Columns: ``jalali_year``, ``year_start``, ``year_end``, ``year_days``; the headline estimate
    ``scope``, ``value``, ``low``, ``high``, ``basis``, ``rule``, ``chosen_claim``, ``figure_ids``,
    ``source_ids``, ``conflicting_claims``; ``complete`` and, for a year known only in part, its count
    to date (:func:`completeness`); the year's target as first stated (``target_first_*``) and
    as in force at the year's end (``target_*``: ``scope``, ``value``, ``claim_id``, ``timing``,
    ``scored``); ``other_scopes``, the estimates of other revival scopes that year (code: value pairs).
    """
    h = ev.headline
    if h.empty:
        return h
    out = h[["jalali_year", "scope", "value", "low", "high", "basis", "rule", "chosen_claim", "figure_ids", "source_ids",
             "conflicting_claims"]].copy()
    bounds = calendar.year_table(out["jalali_year"]).rename(columns={"year_length": "year_days"})
    out = out.merge(bounds, on="jalali_year", how="left")
    out = out.merge(_year_target(ev, out["jalali_year"], out["scope"]), on="jalali_year", how="left")
    e = ev.estimates[(ev.estimates["metric"] == UNITS) & ev.estimates["scope"].isin(REVIVAL_SCOPES)]
    others = e.merge(out[["jalali_year", "scope"]], on="jalali_year", suffixes=("", "_shown"))
    others = others[others["scope"] != others["scope_shown"]]
    # A dict, not groupby.apply: with no other scope in any year, apply returns an empty frame, not a Series.
    listed = {year: list(zip(g["scope"], g["value"], g["low"], g["high"], g["basis"])) for year, g in others.groupby("jalali_year")}
    out["other_scopes"] = [listed.get(year, []) for year in out["jalali_year"]]
    out["target_scored"] = out["target_scored"].fillna(False).astype(bool)
    return completeness(ev, out)


def reports(ev) -> pd.DataFrame:
    """Every report at its date: ``source_id``, ``publisher``, ``language``, ``url``, ``published_earliest``,
    ``published_latest``, ``date_basis``, ``primary``, ``figures`` (how many it states) and ``new_claims``
    (how many of its claims it was the first to report), ordered by earliest possible date."""
    s = ev.sources.copy()
    n = ev.figures.groupby("source_id").size()
    firsts = ev.claims.groupby("first_source").size()
    s["figures"] = s["source_id"].map(n).fillna(0).astype(int)
    s["new_claims"] = s["source_id"].map(firsts).fillna(0).astype(int)
    cols = ["source_id", "publisher", "language", "url", "citation", "published_earliest", "published_latest", "date_basis",
            "primary", "figures", "new_claims", "note"]
    return s.sort_values(["published_earliest", "published_latest", "source_id"], kind="stable")[cols].reset_index(drop=True)


def claims(ev) -> pd.DataFrame:
    """Every claim in the order it was first reported (its first report's earliest possible date)."""
    c = ev.claims.sort_values(["first_published_earliest", "first_published_latest", "claim_id"], kind="stable")
    return c.reset_index(drop=True)


def year_to_date(ev, metric: str = UNITS) -> pd.DataFrame:
    """Each year's cumulative counts (revival scopes) with the share of the year elapsed at their end.

    Adds ``share_low``/``share_high`` (percent of the year elapsed at the earliest and latest possible
    end, both ends counted) and ``day_low``/``day_high`` (day of the Iranian year).
    """
    s = ev.series[(ev.series["metric"] == metric) & ev.series["scope"].isin(REVIVAL_SCOPES)].copy()
    if s.empty:
        return s
    s["day_low"] = calendar.days_inclusive(s["year_start"], s["end_earliest"]).astype(float)
    s["day_high"] = calendar.days_inclusive(s["year_start"], s["end_latest"]).astype(float)
    s["share_low"] = s["day_low"] / s["year_days"].astype(float) * 100
    s["share_high"] = s["day_high"] / s["year_days"].astype(float) * 100
    return s.reset_index(drop=True)


def seed(ev) -> pd.DataFrame:
    """The seed article's claims with the figures, quotes and periods it states, in its own order."""
    f = ev.figures[ev.figures["primary"]].sort_values("figure_id", kind="stable")
    c = ev.claims.set_index("claim_id")
    out = f[["figure_id", "claim_id", "metric", "value", "qualifier", "low", "high", "scope", "quote", "speaker", "agency"]].copy()
    for col in ("period_kind", "start", "end", "end_earliest", "end_latest", "first_year", "last_year", "month_first", "month_last",
                "n_sources", "first_source", "source_ids"):
        out[col] = out["claim_id"].map(c[col])
    out["earlier_report"] = np.where(out["first_source"] != ev.ledger.primary_source()["source_id"], out["first_source"], "")
    return out.reset_index(drop=True)
