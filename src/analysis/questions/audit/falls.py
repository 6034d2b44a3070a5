"""Audit rules on running counts: a count that must only rise, lower in a later report.

In: an :class:`~analysis.evidence.Evidence`. Out: one checks frame per rule
(:mod:`analysis.questions.audit.checks`):

- :func:`ytd_decreases`: each year's counts from its first day (first quarter, months, year to date, the
  full year);
- :func:`running_totals`: counts from any other fixed day ("since the government took office"), one
  series per metric, scope and first day.

Every later count is set against the highest count of its series certainly ended before it. The
grade follows :func:`analysis.evidence.grading.judge`: a **contradiction** when it is lower even in the
most generous reading (every wording within a rounding step; an undated count in a report that
repeats earlier figures dated up to :data:`~analysis.assumptions.RESTATED_COUNT_ALLOWANCE_DAYS`
earlier; a count whose report codes the same quantity in another scope read in that scope); a
**question** naming the reading that reconciles it otherwise; **unchecked** when an open wording
means the count could not have fallen ("over 39,000 after over 12,478"), unless it fell as stated.
Found by sorted as-of joins on running maxima, never by comparing all pairs. A series is one place's
(``province`` is one of its keys where the evidence is every province's: :mod:`.together`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...assumptions import RESTATED_COUNT_ALLOWANCE_DAYS
from ...evidence.grading import judge
from ...evidence.keys import group_ids
from ...words import Day, Label, Msg, Num
from . import checks as ck
from .together import place

#: The readings tried, one at a time, to name what reconciles a count that falls as read (catalogue keys).
READINGS: dict[str, str] = {
    "wording": "audit.reading.rounding",
    "date": "audit.reading.older",
    "scope": "audit.reading.moved_scope",
}


def _earlier(s: pd.DataFrame, keys: list[str], low: str, end: str, skip: pd.Series | None = None) -> pd.DataFrame:
    """For each count, the highest ``low`` among counts of its series certainly ended before its ``end``
    (latest ends strictly before it), with that count's claim and the highest value as stated."""
    s = s.copy()
    s["group"] = group_ids(s, keys)[0]
    ref = s if skip is None else s[~skip.reindex(s.index).fillna(False).astype(bool)]
    run = ref.sort_values(["group", "end_latest"], kind="stable").copy()
    g = run.groupby("group")
    run["max_low"] = g[low].cummax()
    run["max_value"] = g["value"].cummax()
    run["low_claim"] = run["claim_id"].where(run[low] == run["max_low"])
    run["low_claim"] = run.groupby("group")["low_claim"].ffill()
    run["value_claim"] = run["claim_id"].where(run["value"] == run["max_value"])
    run["value_claim"] = run.groupby("group")["value_claim"].ffill()
    run = run.drop_duplicates(["group", "end_latest"], keep="last")
    probe = s.assign(probe=s[end] - pd.Timedelta(days=1), _row=s.index).sort_values("probe", kind="stable")
    m = pd.merge_asof(probe[["_row", "group", "probe"]], run[["group", "end_latest", "max_low", "max_value", "low_claim", "value_claim"]]
                      .sort_values("end_latest", kind="stable"), left_on="probe", right_on="end_latest", by="group", direction="backward")
    return m.set_index("_row").reindex(s.index)


def _falls(ev, s: pd.DataFrame, keys: list[str], rule: str) -> pd.DataFrame:
    """The checks of one kind of running series ``s`` (rows: claims with their generous readings)."""
    if s.empty:
        return ck.empty()
    s = s.reset_index(drop=True)
    plain = _earlier(s, keys, "low", "end_earliest")
    has = plain["max_low"].notna()
    # The most generous reading: generous bounds and dates; a count its report may code in another
    # scope is never the reference of its own series, and is checked in the other series too.
    moved = s["alt_scope"] != ""
    gen = _earlier(s, keys, "gen_low", "gen_end_earliest", skip=moved)
    alt = s[moved].assign(scope=s.loc[moved, "alt_scope"])
    if len(alt):  # only a count its report may code in another scope is checked there too
        both = pd.concat([s, alt])
        in_alt = _earlier(both.reset_index(drop=True), keys, "gen_low", "gen_end_earliest", skip=pd.Series(moved.tolist() + [True] * len(alt)))
        in_alt = in_alt.iloc[len(s):].set_axis(alt.index)
    else:
        in_alt = pd.DataFrame({"max_low": pd.Series(dtype=float)})
    gen_fall = (s["gen_high"] < gen["max_low"]).fillna(False)
    alt_fall = (s["gen_high"] < in_alt["max_low"].reindex(s.index)).fillna(False)
    gen_fall = gen_fall & (~moved | alt_fall)
    strict_fall = (s["high"] < plain["max_low"]).fillna(False)
    stated_fall = (s["value"] < plain["max_value"]).fillna(False)
    can_fail = has & np.isfinite(s["high"]) & (plain["max_low"] > 0)
    grades = judge(strict_fall, gen_fall, stated_fall, can_fail)

    # Which reading reconciles a question: each tried alone (the scope reading names the count it moves);
    # tried only where some count is a question (most series have none).
    which = pd.Series("", index=s.index, dtype="str")
    if (grades == "question").any():
        tried = {
            "wording": (s["gen_high"] < _earlier(s, keys, "gen_low", "end_earliest")["max_low"]),
            "date": (s["high"] < _earlier(s, keys, "low", "gen_end_earliest")["max_low"]),
            "scope": (s["high"] < _earlier(s, keys, "low", "end_earliest", skip=moved)["max_low"]) & ~moved,
        }
        for name, still in reversed(tried.items()):
            which = which.where(still.fillna(False) | ~strict_fall, name)
    which = which.where(grades == "question", "")
    which = which.where(~((grades == "question") & (which == "")), "wording")

    m = s[has].copy()
    p = plain[has]
    ref = ck.lookup(ev.claims, p["low_claim"].where(strict_fall[has], p["value_claim"]))
    grades, which = grades[has], which[has]
    own, prev = ck.said(m), ck.said(ref)
    bare_own, bare_prev = ck.said(m, bare=True), ck.said(ref, bare=True)
    mover_is_own = (m["alt_scope"] != "").tolist()
    mover = [o if moved_own else r for o, r, moved_own in zip(own, prev, mover_is_own)]
    mover_scope = m["alt_scope"].where(m["alt_scope"] != "", ref["alt_scope"]).fillna("")
    reading = [None if not w else Msg(READINGS[w], {"days": Num(RESTATED_COUNT_ALLOWANCE_DAYS)} if w == "date" else
                                      {"claim": c, "where": Label("audit.where", sc)} if w == "scope" else {})
               for w, c, sc in zip(which.tolist(), mover, mover_scope.tolist())]  # lists: iterating a Series is slow
    unit = ck.units(m["metric"])
    change = ck.ests(m["value"] - ref["value"], m["low"] - ref["high"], m["high"] - ref["low"], unit)
    size, severity = ck.measure(m["value"], ref["value"], ref["low"], np.inf, "count", unit, of="earlier")
    size = size.where(stated_fall[has], None)
    finding = ck.msgs(("audit.finding.fall." + grades).tolist(), own=own, prev=prev)
    head = [f"audit.headline.{rule}.{g}" if g in ("contradiction", "question") else None for g in grades.tolist()]
    if rule == "ytd_decrease":
        headline = ck.msgs(head, year=ck.years(m["jalali_year"]), metric=ck.labels("metric", m["metric"]), where=ck.wheres(m["scope"]),
                           own=bare_own, prev=bare_prev)
    else:
        headline = ck.msgs(head, day=[Day(d) for d in m["start"]], metric=ck.labels("metric", m["metric"]), where=ck.wheres(m["scope"]),
                           own=bare_own, prev=bare_prev)
    return ck.rows(
        rule, m, grade=grades, subject=ck.subject(m), claim_id=m["claim_id"], claim_ids=m["claim_id"] + ", " + ref["claim_id"],
        figure_ids=m["figure_ids"] + "; " + ref["figure_ids"], source_ids=ck.joined(m["source_ids"], ref["source_ids"]), stated=own,
        arithmetic=ck.msgs("audit.arithmetic.fall", own=own, prev=prev, period=ck.periods(ref), change=change),
        finding=finding, headline=headline, reading=reading, size_text=size, severity=severity.where(stated_fall[has]),
        stated_value=m["value"], stated_low=m["low"], stated_high=m["high"], derived_value=ref["value"], derived_low=ref["low"],
        derived_high=np.inf)


_SERIES = ["claim_id", "metric", "scope", "value", "low", "high", "gen_low", "gen_high", "end_earliest", "end_latest",
           "gen_end_earliest", "alt_scope", "qualifier", "figure_ids", "source_ids", "period_label", "period_kind", "first_year",
           "last_year", "start", "end", "month_first", "month_last"]


def ytd_decreases(ev) -> pd.DataFrame:
    """Each year's counts from its first day, against the highest certainly earlier (module docstring)."""
    at = place(ev.series)
    return _falls(ev, ev.series[[*_SERIES, "jalali_year", *at]], ["metric", "scope", "jalali_year", *at], "ytd_decrease")


def running_totals(ev) -> pd.DataFrame:
    """Counts from a fixed day other than a year's first ("since the government took office"): one series
    per metric, scope and first day, which must only rise (module docstring)."""
    c = ev.claims[(ev.claims["period_kind"] == "since_date") & (ev.claims["kind"] == "flow") & ev.claims["unit"].isin(["units", "jobs"])]
    if c.empty:
        return ck.empty()
    at = place(c)
    return _falls(ev, c[[*_SERIES, *at]], ["metric", "scope", "start", *at], "running_total")
