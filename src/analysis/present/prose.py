"""The answers in sentences, generated from the questions' numbers (never typed by hand).

In: an :class:`~analysis.evidence.Evidence` (and, for the audit, its checks). Out: sentences as data
(:class:`analysis.words.Msg`, a catalogue key and typed slots), written in any language by
:mod:`analysis.words`; the front page and each page call the same functions, so an answer reads the same
wherever it appears. The wording is the catalogue's (``words/en/answers.py``), following ``docs/style.md``:
who speaks (officials reported, we estimate), years with their Gregorian span, no sentence over 40 words,
no list inside a sentence.

A year known only from a count to a date within it (not ``complete``:
:func:`analysis.questions.timeline.completeness`) is never compared, ranked or described as a full
year: the answers speak of complete years, and the running year is shown as "so far".
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import fmt
from ..questions import audit, jobs, rates, stock, timeline
from ..questions.audit import seed as audit_seed
from ..words import All, Count, Day, Est, Label, Link, Month, Msg, Num, Share, Text, Window, Year


def _est(r: pd.Series, prefix: str = "", unit: str = "units"):
    """A count for a sentence: as stated where a report gave the whole year (the range its rounding
    allows stays in the tables), with its range where we estimated it or it is open ('at least 1,557')."""
    value, low, high = r[f"{prefix}value"], r[f"{prefix}low"], r[f"{prefix}high"]
    stated = prefix == "to_date_" or (not prefix and r.get("basis", "full_year") == "full_year")
    if stated and not pd.isna(value) and np.isfinite(low) and np.isfinite(high):
        return Num(value)
    return Est(value, low, high, unit)


def _link(value, href: str | None):
    return Link(value, href) if href else value


def _to_date(r: pd.Series):
    """The day a part-year's count runs to, or the window of an undated report."""
    early, late = r["to_date_earliest"], r["to_date_latest"]
    return Day(early) if early == late else Window(early, late)


# ---------------------------------------------------------------------------------------------
# The primary article, as readers know it
# ---------------------------------------------------------------------------------------------

def seed_month(ev) -> pd.Timestamp:
    """The day in the middle of the window other reports' counts place the primary article in."""
    early, late = audit_seed.date_window(ev)
    return early + (late - early) / 2


def seed_name(ev) -> Msg:
    """'the Tehran Times report of August 2020': its outlet and the month its date most likely falls in."""

    src = ev.ledger.primary_source()
    return Msg("seed.name", {"outlet": Label("outlet", fmt.short_publisher(src["publisher"])), "month": Month(seed_month(ev))})


def seed_label(ev) -> Msg:
    """The line that introduces the primary article's own answer."""

    src = ev.ledger.primary_source()
    return Msg("seed.label", {"outlet": Label("outlet", fmt.short_publisher(src["publisher"])), "month": Month(seed_month(ev))})


# ---------------------------------------------------------------------------------------------
# What the figures rest on
# ---------------------------------------------------------------------------------------------

def coverage(ev) -> Msg:
    """How many figures and reports the pages rest on, published when, how many in Persian."""
    o = timeline.overview(ev)
    persian = int((ev.ledger.sources["language"] == "fa").sum())
    slots = {"figures": Count(o["figures"], "figure"), "reports": Count(o["reports"], "report"),
             "first": Day(o["first_report"]), "last": Day(o["latest_report"])}
    if persian:
        return Msg("answer.coverage", {**slots, "persian": Num(persian)})
    return Msg("answer.coverage.no_persian", slots)


def current(ev) -> Msg:
    """How current the figures are: the date of the latest report."""
    return Msg("answer.current", {"day": Day(timeline.overview(ev)["latest_report"])})


# ---------------------------------------------------------------------------------------------
# 1. Timeline
# ---------------------------------------------------------------------------------------------

def _part_years(y: pd.DataFrame, pace: bool = False) -> list[Msg]:
    """The running year so far, and earlier years known only in part (left out of every comparison)."""
    if y.empty or y["complete"].all():
        return []
    out = []
    earlier = y.iloc[:-1][~y.iloc[:-1]["complete"]]
    last = y.iloc[-1]
    if not last["complete"]:
        count = _est(last, "to_date_")
        if pace:
            per_day = Est(last["pace_value"], last["pace_low"], last["pace_high"]) if not pd.isna(last["pace_low"]) else Num(np.nan)
            out.append(Msg("answer.rates.so_far", {"year": Year(last["jalali_year"]), "count": count, "day": _to_date(last), "pace": per_day}))
        else:
            out.append(Msg("answer.timeline.so_far", {"year": Year(last["jalali_year"]), "count": count, "day": _to_date(last)}))
    if len(earlier):
        key = "answer.timeline.in_part" if len(earlier) > 1 else "answer.timeline.in_part_one"
        out.append(Msg(key, {"years": All(tuple(Year(v) for v in earlier["jalali_year"]))}))
    return out


def timeline_answer(ev, href: str | None = None) -> list[Msg]:
    """Question 1: the latest full year against the peak (in the headline scope), the years counted only in a
    narrower scope, the running year so far. ``href``: where the yearly table is (its numbers link there)."""
    y = timeline.years(ev)
    if y.empty:
        return [Msg("answer.timeline.none")]
    full = y[y["complete"]]
    if full.empty:
        return [Msg("answer.timeline.none"), *_part_years(y)]
    last = full.iloc[-1]
    same = full[full["scope"] == last["scope"]]
    peak, low = same.loc[same["value"].idxmax()], same.loc[same["value"].idxmin()]
    count = _link(_est(last), href)
    slots = {"count": count, "year": Year(last["jalali_year"])}
    reported = last["basis"] == "full_year"
    if last["scope"] != "national":
        out = [Msg("answer.timeline.scoped", {**slots, "scope": Label("scope_in", last["scope"])})]
    elif len(same) == 1:
        out = [Msg("answer.timeline.only" if reported else "answer.timeline.estimated_only", slots)]
    else:
        # The national series: its span, any year it misses, its most and its fewest.
        first_y, last_y = int(same["jalali_year"].min()), int(same["jalali_year"].max())
        missing = sorted(set(range(first_y, last_y + 1)) - {int(v) for v in same["jalali_year"]})
        span = {"first": Year(first_y), "last": Year(last_y), "peak": _link(_est(peak), href), "peak_year": Year(peak["jalali_year"], span=False),
                "low": _link(_est(low), href), "low_year": Year(low["jalali_year"], span=False)}
        if missing:
            out = [Msg("answer.timeline.span_gaps", {**span, "missing": All(tuple(Year(v, span=False) for v in missing))})]
        else:
            out = [Msg("answer.timeline.span", span)]
    # Years between the first and the last counted only in a narrower scope than the headline's.
    narrower = full[(full["scope"] != last["scope"])]
    for scope, rows in narrower.groupby("scope", sort=False):
        counts = All(tuple(_est(r) for _, r in rows.iterrows()))
        key = "answer.timeline.other_scope" if last["scope"] == "national" else "answer.timeline.other_scope_neutral"
        out.append(Msg(key, {"years": All(tuple(Year(v) for v in rows["jalali_year"])), "count": counts, "scope": Label("scope_in", scope)}))
    return out + _part_years(y)


# ---------------------------------------------------------------------------------------------
# 2. Jobs per unit
# ---------------------------------------------------------------------------------------------

def _bounded_full(h: pd.DataFrame) -> pd.DataFrame:
    """Years whose ratio is bounded and rests on whole-year counts of both (a part-year's floor is no year's ratio)."""
    whole = timeline.WHOLE_YEAR_BASES
    return h[np.isfinite(h["jpu_high"]) & h["jpu_value"].notna() & h["u_basis"].isin(whole) & h["j_basis"].isin(whole)]


def jobs_answer(ev, href: str | None = None) -> list[Msg]:
    """Question 2: jobs per revived unit, the typical ratio and its range over the years."""
    h = jobs.headline(ev)
    ref = jobs.reference_range(ev)
    if h.empty or math.isnan(ref.value):
        return [Msg("answer.jobs.none")]
    full = _bounded_full(h)
    out = [Msg("answer.jobs.typical", {"ratio": _link(Num(ref.value, 0), href)})]
    if len(full) >= 2:
        lo, hi = full.loc[full["jpu_value"].idxmin()], full.loc[full["jpu_value"].idxmax()]
        out.append(Msg("answer.jobs.range", {"low": Num(lo["jpu_value"], 1), "low_year": Year(lo["jalali_year"]),
                                             "high": Num(hi["jpu_value"], 1), "high_year": Year(hi["jalali_year"])}))
    elif len(full) == 1:
        one = full.iloc[0]
        out = [Msg("answer.jobs.one_year", {"year": Year(one["jalali_year"]), "ratio": _link(Num(one["jpu_value"], 1), href)})]
    else:
        out.append(Msg("answer.jobs.unbounded"))
    return out


# ---------------------------------------------------------------------------------------------
# 3. Year on year
# ---------------------------------------------------------------------------------------------

def _change(last: pd.Series, prev: pd.Series, href: str | None) -> Msg:
    """The latest full year against the one before: which way, and by how much where the bounds say."""
    slots = {"year": Year(last["jalali_year"]), "count": _link(_est(last), href), "prev": _est(prev), "prev_year": Year(prev["jalali_year"])}
    if last["cross_scope"]:
        return Msg("answer.rates.cross_scope", {**slots, "prev_scope": Label("scope_in", prev["scope"])})
    if int(last["jalali_year"]) - int(prev["jalali_year"]) != 1:
        return Msg("answer.rates.gap", slots)
    lo, hi, mid = last["pct_low"], last["pct_high"], last["pct_value"]
    if lo == hi == 0 or (last["value"] == prev["value"] and last["low"] == prev["low"] and last["high"] == prev["high"]):
        return Msg("answer.rates.held", slots)
    if lo > 0 or hi < 0:
        word = "rose" if lo > 0 else "fell"
        if np.isfinite(lo) and np.isfinite(hi) and not pd.isna(mid):
            return Msg(f"answer.rates.{word}", {**slots, "share": Share(abs(mid))})
        if word == "fell":  # an upper bound of 'fewer' is the closer end to zero
            return Msg("answer.rates.fell_at_least", {**slots, "share": Share(abs(hi))})
        return Msg("answer.rates.rose_at_most", {**slots, "share": Share(abs(hi) if np.isfinite(hi) else lo)})
    return Msg("answer.rates.unclear", slots)


def _targets(ev) -> list[Msg]:
    """The yearly revival targets set in advance, in the scope each year is counted in: met, missed, uncertain."""
    a = rates.attainment(ev)
    heads = timeline.years(ev)
    if heads.empty:
        return [Msg("answer.rates.targets_none")]
    heads = heads[heads["complete"]][["jalali_year", "scope"]]
    a = a[a["scored"] & (a["metric"] == "units_target")]
    a = a.merge(heads, on=["jalali_year", "scope"])  # the target of the count the pages headline
    current_ = a.sort_values(["jalali_year", "first_published_earliest"], kind="stable").drop_duplicates(["jalali_year", "scope"], keep="last")
    met = current_[current_["verdict"] == "met"]["jalali_year"]
    missed = current_[current_["verdict"] == "missed"]["jalali_year"]
    unsure = current_[current_["verdict"] == "uncertain"]["jalali_year"]
    years = lambda s: All(tuple(Year(v, span=False) for v in s))  # noqa: E731 - a one-line helper
    if len(met) and len(missed):
        out = [Msg("answer.rates.targets_mixed", {"met": years(met), "missed": years(missed)})]
    elif len(met):
        out = [Msg("answer.rates.targets_all_met", {"met": years(met)})]
    elif len(missed):
        out = [Msg("answer.rates.targets_all_missed", {"missed": years(missed)})]
    elif not len(unsure):
        return [Msg("answer.rates.targets_none")]
    else:
        out = []
    if len(unsure):
        out.append(Msg("answer.rates.targets_uncertain", {"years": years(unsure)}))
    return out


def rates_answer(ev, href: str | None = None) -> list[Msg]:
    """Question 3: the direction of the latest full year against the one before, then the targets met and missed."""
    y = rates.yearly(ev)
    full = y[y["complete"]] if len(y) else y
    if full.empty:
        return [Msg("answer.rates.none"), *_part_years(y, pace=True), *_targets(ev)]
    last = full.iloc[-1]
    if len(full) == 1:
        head = Msg("answer.rates.one", {"year": Year(last["jalali_year"]), "count": _link(_est(last), href)})
    else:
        head = _change(last, full.iloc[-2], href)
    return [head, *_targets(ev), *_part_years(y, pace=True)]


# ---------------------------------------------------------------------------------------------
# The front page's lede
# ---------------------------------------------------------------------------------------------

#: Where each number of the lede links: the table it comes from.
LEDE_LINKS = {"years": "01-timeline.html#01-years", "jobs": "02-jobs-per-unit.html#02-jobs-per-unit-by-year-table",
              "pace": "03-year-on-year.html#03-pace-by-year", "audit": "04-source-audit.html#04-findings"}


def _pace_sentence(ev) -> Msg | None:
    """The latest full national year, its change on the year before and the peak; ``None`` when the
    latest full year is not national or cannot be compared with the year before."""
    y = rates.yearly(ev)
    full = y[y["complete"]] if len(y) else y
    if len(full) < 2:
        return None
    last, prev = full.iloc[-1], full.iloc[-2]
    if last["scope"] != "national" or last["cross_scope"] or int(last["jalali_year"]) - int(prev["jalali_year"]) != 1:
        return None
    lo, hi, mid = last["pct_low"], last["pct_high"], last["pct_value"]
    if not (np.isfinite(lo) and np.isfinite(hi)) or pd.isna(mid) or not (lo > 0 or hi < 0):
        return None
    change = Msg("lede.more" if lo > 0 else "lede.fewer", {"share": Share(abs(mid))})
    same = full[full["scope"] == "national"]
    peak = same.loc[same["value"].idxmax()]
    slots = {"count": Link(_est(last), LEDE_LINKS["years"]), "year": Year(last["jalali_year"]),
             "change": Link(change, LEDE_LINKS["pace"])}
    if peak.name == last.name:
        return Msg("lede.pace_peak", slots)
    return Msg("lede.pace", {**slots, "peak": Link(_est(peak), LEDE_LINKS["years"]), "peak_year": Year(peak["jalali_year"])})


def lede(ev, checks: pd.DataFrame) -> list[Msg]:
    """What a reader should take away, in three sentences: the pace in the best-supported scope, jobs per
    unit, what the audit found; every number linked to the table it comes from."""
    pace = _pace_sentence(ev) or timeline_answer(ev, LEDE_LINKS["years"])[0]
    jobs_ = jobs_answer(ev, LEDE_LINKS["jobs"])[0]
    found = audit_answer(ev, checks, LEDE_LINKS["audit"], largest=False)[0]
    return [pace, jobs_, found]


# ---------------------------------------------------------------------------------------------
# 4. Audit
# ---------------------------------------------------------------------------------------------

def _headline(row: pd.Series):
    """A finding's one-line headline (the audit's ``headline`` where it has one, else its finding)."""
    value = row["headline"] if "headline" in row and row["headline"] is not None and str(row["headline"]) else row["finding"]
    return value if isinstance(value, Msg) else Text(str(value))


def audit_answer(ev, checks: pd.DataFrame, href: str | None = None, largest: bool = True) -> list[Msg]:  # noqa: ARG001
    """The audit in sentences: how many checks, contradictions and questions; the largest contradiction."""
    f = audit.findings(checks)
    n_c = int((f["grade"] == "contradiction").sum())
    n_q = int((f["grade"] == "question").sum())
    n_n = int((f["grade"] == "note").sum())
    made = int((checks["grade"] != "inference").sum())
    slots = {"checks": Count(made, "check"), "contradictions": _link(Count(n_c, "contradiction"), href),
             "questions": _link(Count(n_q, "question"), href)}
    key = ("answer.audit.both" if n_c and n_q else "answer.audit.contradictions" if n_c else "answer.audit.questions" if n_q
           else "answer.audit.clean")
    out = [Msg(key, slots)]
    if n_c or n_q:
        out.append(Msg("answer.audit.meaning"))
    if largest and n_c:
        out.append(Msg("answer.audit.largest", {"headline": _headline(f[f["grade"] == "contradiction"].iloc[0])}))
    if n_n:
        out.append(Msg("answer.audit.notes", {"notes": Count(n_n, "thing")}))
    return out


# ---------------------------------------------------------------------------------------------
# The idle stock
# ---------------------------------------------------------------------------------------------

def stock_answer(ev) -> list[Msg]:
    """Whether the idle stock shrank: first and latest stock per scope, and the revivals between them."""
    b = stock.first_and_last(ev)
    b = b[b["scope"].isin(["industrial_parks", "national"])] if len(b) else b
    if b.empty:
        return [Msg("answer.stock.none")]
    out = []
    for _, r in b.iterrows():  # one per scope
        where = Msg("answer.stock.where.national") if r["scope"] == "national" else Msg("answer.stock.where.scope",
                                                                                          {"scope": Label("scope", r["scope"])})
        out.append(Msg("answer.stock.rose" if r["to_value"] > r["from_value"] else "answer.stock.fell", {
            "where": where, "first": Num(r["from_value"]), "first_month": Month(r["from_earliest"]), "last": Num(r["to_value"]),
            "last_month": Month(r["to_latest"]), "revived": _est(r, "revived_"),
            "inflow": Est(np.nan, r["inflow_low"], r["inflow_high"], "units")}))
    return out


# ---------------------------------------------------------------------------------------------
# The primary article's own answers
# ---------------------------------------------------------------------------------------------

def seed_timeline_answer(ev) -> list[Msg]:
    """What the primary article itself reports for question 1, and what dates it."""
    s = timeline.seed(ev)
    units = s[s["metric"] == "units_revived"].sort_values(["start", "end_latest"], kind="stable")
    target = s[s["metric"] == "units_target"]
    early, late = audit_seed.date_window(ev)
    if units.empty:
        first = Msg("answer.seed.no_count")
    else:
        last = units.iloc[-1]
        slots = {"count": Num(last["value"]), "year": Year(last["first_year"])}
        first = (Msg("answer.seed.timeline", {**slots, "target": Num(target.iloc[0]["value"])}) if len(target)
                 else Msg("answer.seed.timeline_no_target", slots))
    return [first, Msg("answer.seed.date", {"window": Window(early, late, between=True)})]


def seed_jobs_answer(ev) -> list[Msg]:
    """The primary article's own answer to question 2: its two ratios and whether they can be told apart."""
    p = jobs.seed_pairs(ev).sort_values("end_earliest", kind="stable")
    if len(p) < 2:
        return [Msg("answer.seed.jobs_none")]
    a, b = p.iloc[0], p.iloc[-1]
    slots = {"a": Est(a["jpu_value"], a["jpu_low"], a["jpu_high"]), "a_year": Year(a["first_year"], span=False),
             "b": Num(b["jpu_value"], 1), "b_year": Year(b["first_year"], span=False)}
    apart = (b["jpu_high"] < a["jpu_low"]) or (b["jpu_low"] > a["jpu_high"])
    if not apart:
        return [Msg("answer.seed.jobs_same", slots)]
    gap = min(abs(b["jpu_high"] - a["jpu_low"]), abs(b["jpu_low"] - a["jpu_high"]))
    if gap < 0.05 * a["jpu_value"]:
        return [Msg("answer.seed.jobs_barely", slots)]
    direction = Msg("answer.seed.jobs_lower" if b["jpu_value"] < a["jpu_value"] else "answer.seed.jobs_higher")
    return [Msg("answer.seed.jobs_apart", {**slots, "direction": direction})]


def seed_rates_answer(ev) -> list[Msg]:
    """The primary article's own answer to question 3: its first quarter's pace against the year before."""
    s = timeline.seed(ev)
    target = s[s["metric"] == "units_target"]
    units = s[s["metric"] == "units_revived"]
    full = units[units["period_kind"] == "full_year"]
    quarter = units[units["period_kind"] == "quarter"]
    if len(quarter) and len(full):
        q, f = quarter.iloc[0], full.iloc[0]
        q_days = (q["end"] - q["start"]).days + 1
        f_days = (f["end"] - f["start"]).days + 1
        return [Msg("answer.seed.rates", {"count": Num(q["value"]), "year": Year(q["first_year"], span=False),
                                          "dates": Window(q["start"], q["end"]), "pace": Num(q["value"] / q_days, 1),
                                          "before": Num(f["value"] / f_days, 1), "prev_year": Year(f["first_year"], span=False)})]
    if len(target):
        t = target.iloc[0]
        return [Msg("answer.seed.rates_target", {"target": Num(t["value"]), "year": Year(t["first_year"])})]
    return [Msg("answer.seed.rates_none")]


def seed_audit_answer(ev, checks: pd.DataFrame) -> list[Msg]:
    """The primary article's own figures under the audit: the findings they take part in."""
    seed_claims = set(ev.claims.loc[ev.claims["primary"], "claim_id"])
    f = audit.findings(checks)
    hits = f[f["claim_ids"].map(lambda ids: bool(seed_claims & set(str(ids).split(", ")))).astype(bool)]
    own = hits[hits["grade"].isin(audit.FINDING_GRADES)]
    if own.empty:
        return [Msg("answer.seed.audit_clean")]
    n_c, n_q = int((own["grade"] == "contradiction").sum()), int((own["grade"] == "question").sum())
    return [Msg("answer.seed.audit", {"contradictions": Count(n_c, "contradiction"), "questions": Count(n_q, "question")})]
