"""The answers in sentences, generated from the questions' numbers (never typed by hand).

In: an :class:`~analysis.evidence.Evidence` and the questions' tables. Out: plain-text sentences
(no Markdown, no figure ids: ids stay in tables). The front page and each notebook call the same
functions, so an answer reads the same wherever it appears. Numbers go through :mod:`analysis.fmt`,
so a derived value carries no more precision than its bounds support.

A year known only from a count to a date within it (not ``complete``:
:func:`analysis.questions.timeline.completeness`) is never compared, ranked or described as a full
year: the ranges, peaks and changes are those of complete years, the answers speak of the latest
complete year, and the running year is shown as "so far" (an earlier part-year as known only in part).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import fmt
from ..questions import audit, jobs, rates, stock, timeline
from ..questions.audit import seed as audit_seed


def _years_span(year: int) -> str:
    """'1399 (2020-21)': an Iranian year with the Gregorian years it spans."""
    start = 621 + int(year)
    return f"{int(year)} ({start}-{str(start + 1)[-2:]})"


def _scope_note(scope: str) -> str:
    return "" if scope == "national" else f", {fmt.label('scope', scope)}"


def _count(row: pd.Series, unit: str = "units") -> str:
    return fmt.estimate(row["value"], row["low"], row["high"], unit)


REPORT_DATE = "the report's date"


def _period_words(r: pd.Series) -> str:
    """A period as a sentence says it: 'in 1398', 'in the first quarter of 1399', 'in 1399 to its date'."""
    year = int(r["first_year"])
    kind = r["period_kind"]
    if kind == "full_year":
        return f"in {year}"
    if kind == "quarter":
        n = {1: "first", 2: "second", 3: "third", 4: "fourth"}[(int(r["month_first"]) - 1) // 3 + 1]
        return f"in the {n} quarter of {year}"
    if kind == "half":
        return f"in the {'first' if int(r['month_first']) == 1 else 'second'} half of {year}"
    if kind in ("months", "year_to_date") and not pd.isna(r["end"]):
        return f"in {year} to {pd.Timestamp(r['end']):%Y-%m-%d}"
    return f"in {year} to {REPORT_DATE}"


def _to_date(r: pd.Series) -> str:
    """The day a part-year's count runs to: '2025-08-01', or 'a day from 2025-07-01 to 2025-08-10' (an undated report)."""
    early, late = pd.Timestamp(r["to_date_earliest"]), pd.Timestamp(r["to_date_latest"])
    return f"{early:%Y-%m-%d}" if early == late else f"a day from {early:%Y-%m-%d} to {late:%Y-%m-%d}"


def _part_years(y: pd.DataFrame, pace: bool = False) -> str:
    """Sentences for the years known only in part: the last, if it is one, 'so far'; earlier ones left out of the range.

    ``pace``: give the running year's pace to date (the frame of :func:`analysis.questions.rates.yearly`).
    """
    if y.empty or y["complete"].all():
        return ""
    out = []
    last = y.iloc[-1]
    earlier = y.iloc[:-1][~y.iloc[:-1]["complete"]]
    if len(earlier):
        said = _join([f"{int(r['jalali_year'])} ({fmt.number(r['to_date_value'])} by {_to_date(r)})" for _, r in earlier.iterrows()])
        out.append(f" Known only in part, and left out of the comparison: {said}.")
    if not last["complete"]:
        per_day = ""
        if pace:
            rate = (fmt.number(last["pace_value"], 1) if not pd.isna(last["pace_value"])
                    else f"{fmt.number(last['pace_low'], 1)} to {fmt.number(last['pace_high'], 1)}")
            per_day = f" ({rate} a day to then)"
        out.append(f" So far in {_years_span(last['jalali_year'])}: {fmt.number(last['to_date_value'])} units by {_to_date(last)}"
                   f"{per_day}, with no full-year figure yet.")
    return "".join(out)


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------------------------
# 1. Timeline
# ---------------------------------------------------------------------------------------------

def ledger_line(ev) -> str:
    """What the ledger holds, as of its latest report."""
    o = timeline.overview(ev)
    restated = "none" if o["restated"] == 0 else fmt.number(o["restated"])
    if o["first_year"] is None:
        years = "and no count of revived units"
    elif o["first_year"] == o["last_year"]:
        years = f"covering Iranian year {o['first_year']}"
    else:
        years = f"covering Iranian years {o['first_year']} to {o['last_year']}"
    return (f"The ledger holds {fmt.count(o['figures'], 'figure')} from {fmt.count(o['reports'], 'report')} published between "
            f"{o['first_report']:%Y-%m-%d} and {o['latest_report']:%Y-%m-%d}: {fmt.count(o['claims'], 'distinct claim')}, "
            f"{restated} of them repeated by more than one report, {years}.")


def timeline_answer(ev, detail: bool = True) -> str:
    """Question 1 in sentences: the range of the complete years' counts, the peak and the latest complete
    year, the running year so far, then (with ``detail``) every year's count."""
    y = timeline.years(ev)
    if y.empty:
        return "The ledger has no yearly counts of revived units."
    parts = []
    for _, r in y.iterrows():  # one per Iranian year
        if not r["complete"]:
            when = "so far" if r.name == y.index[-1] else "in part only"
            count = fmt.estimate(r["to_date_value"], r["to_date_low"], r["to_date_high"], "units")
            parts.append(f"{int(r['jalali_year'])}: {count}{_scope_note(r['scope'])} {when} (to {_to_date(r)})")
            continue
        derived = " (derived)" if r["basis"] != "full_year" else ""
        parts.append(f"{int(r['jalali_year'])}: {_count(r)}{_scope_note(r['scope'])}{derived}")
    listed = " Year by year: " + "; ".join(parts) + "." if detail else ""
    full = y[y["complete"]]
    if full.empty:
        return "No year in the ledger has a full-year count of revived units." + _part_years(y) + listed
    peak, low = full.loc[full["value"].idxmax()], full.loc[full["value"].idxmin()]
    last = full.iloc[-1]
    whole = "" if len(full) == len(y) else "full "  # a word only where part-years stand beside them

    def end(r: pd.Series) -> str:  # an end of the range that is not a national count says whose it is
        return fmt.number(r["value"]) + ("" if r["scope"] == "national" else f" ({int(r['jalali_year'])}, {fmt.label('scope', r['scope'])} only)")

    latest = "the latest full year" if last["basis"] == "full_year" else "the latest complete year (derived)"
    if len(full) == 1:
        return (f"Officials reported {end(last)} idle units revived in {_years_span(last['jalali_year'])}, the one {whole}year the ledger "
                f"counts{' (derived)' if last['basis'] != 'full_year' else ''}." + _part_years(y) + (listed if whole else ""))
    return (f"Officials reported between {end(low)} and {end(peak)} idle units revived a year "
            f"{'in the full years ' if whole else ''}from {int(full['jalali_year'].min())} to {int(full['jalali_year'].max())}, peaking at {fmt.number(peak['value'])} in "
            f"{_years_span(peak['jalali_year'])}; {latest}, {_years_span(last['jalali_year'])}, counted "
            f"{fmt.number(last['value'])}." + _part_years(y) + listed)


def seed_timeline_answer(ev, short: bool = False) -> str:
    """The seed article's own answer to question 1: what it reports, for which periods, and when it appeared
    (``short``: its year to date against its target, and its date)."""
    s = timeline.seed(ev)
    src = ev.ledger.primary_source()
    early, late = audit_seed.date_window(ev)
    units = s[s["metric"] == "units_revived"].sort_values(["start", "end_latest"])
    target = s[s["metric"] == "units_target"]
    bits = [f"{fmt.number(r['value'])} {_period_words(r)}" for _, r in units.iterrows()]  # the seed states three counts
    t = f" against a target of {fmt.number(target.iloc[0]['value'])} for {int(target.iloc[0]['first_year'])}" if len(target) else ""
    if short and len(units):
        last = units.iloc[-1]
        return (f"{fmt.number(last['value'])} units {_period_words(last).replace(REPORT_DATE, 'its date')}{t}; undated, it appeared "
                f"between {early:%Y-%m-%d} and {late:%Y-%m-%d} by other reports' counts.")
    states = (f"reports units revived: {_join(bits).replace(REPORT_DATE, 'its date')}{t}" if bits
              else "states no count of revived units" + (f", only a target of {fmt.number(target.iloc[0]['value'])} for "
                                                          f"{int(target.iloc[0]['first_year'])}" if len(target) else ""))
    text_early, text_late = pd.Timestamp(src["published_earliest"]), pd.Timestamp(src["published_latest"])
    narrowed = (f"other reports' counts narrow that to {early:%Y-%m-%d} to {late:%Y-%m-%d}" if (early, late) != (text_early, text_late)
                else "no other report's counts narrow that")
    return (f"The seed article ({fmt.short_publisher(src['publisher'])}, undated) {states}. "
            f"Its text dates it between {text_early:%Y-%m-%d} and {text_late:%Y-%m-%d}; {narrowed}.")


# ---------------------------------------------------------------------------------------------
# 2. Jobs per unit
# ---------------------------------------------------------------------------------------------

def jobs_answer(ev, detail: bool = True) -> str:
    """Question 2 in sentences: jobs per revived unit and its range over the years, then (with
    ``detail``) every year's ratio."""
    h = jobs.headline(ev)
    ref = jobs.reference_range(ev)
    if h.empty or math.isnan(ref.value):
        return "The ledger has no year with both a units and a jobs count of the same scope."
    # Years are ranked only on full-year counts of both (a part-year's floor is no year's ratio).
    whole = timeline.WHOLE_YEAR_BASES
    full = h[np.isfinite(h["jpu_high"]) & h["jpu_value"].notna() & h["u_basis"].isin(whole) & h["j_basis"].isin(whole)]
    parts = [f"{int(r['jalali_year'])}: {fmt.estimate(r['jpu_value'], r['jpu_low'], r['jpu_high'])}{_scope_note(r['scope'])}"
             for _, r in h.iterrows()]
    if len(full) >= 2:
        lo, hi = full.loc[full["jpu_value"].idxmin()], full.loc[full["jpu_value"].idxmax()]
        years = (f"year by year the ratio of jobs to units runs from {fmt.number(lo['jpu_value'], 1)} ({int(lo['jalali_year'])}) "
                 f"to {fmt.number(hi['jpu_value'], 1)} ({int(hi['jalali_year'])})")
    elif len(full) == 1:
        one = full.iloc[0]
        years = f"the one year with a bounded ratio, {int(one['jalali_year'])}, gives {fmt.number(one['jpu_value'], 1)}"
    else:
        years = "no year's ratio has an upper bound"
    return (f"Each revived unit came with about {fmt.number(ref.value)} jobs: {years}, "
            f"and the full-year figures of every report span {fmt.number(ref.low, 1)} to {fmt.number(ref.high, 1)}."
            + (" Year by year: " + "; ".join(parts) + "." if detail and len(parts) > 1 else ""))


def seed_jobs_answer(ev, short: bool = False) -> str:
    """The seed's own answer to question 2: its two ratios and whether they can be told apart."""
    p = jobs.seed_pairs(ev).sort_values("end_earliest")
    if len(p) < 2:
        return "The seed does not give units and jobs for two periods."
    a, b = p.iloc[0], p.iloc[-1]
    apart = (b["jpu_high"] < a["jpu_low"]) or (b["jpu_low"] > a["jpu_high"])
    direction = "lower" if b["jpu_value"] < a["jpu_value"] else "higher"
    gap = min(abs(b["jpu_high"] - a["jpu_low"]), abs(b["jpu_low"] - a["jpu_high"]))
    just = ", though only just: at the edge of what the rounding of its figures allows" if apart and gap < 0.05 * a["jpu_value"] else ""
    verdict = (f"the later ratio is {direction} even within its bounds{just}" if apart else
               f"the two cannot be told apart: the rounding of the later figures alone allows {fmt.interval(b['jpu_low'], b['jpu_high'])}")
    if short:
        return (f"{fmt.estimate(a['jpu_value'], a['jpu_low'], a['jpu_high'])} jobs per unit {_period_words(a)}, "
                f"{fmt.estimate(b['jpu_value'], b['jpu_low'], b['jpu_high'])} {_period_words(b).replace(REPORT_DATE, 'its date')}: "
                + ("lower even within its bounds." if apart else "the two cannot be told apart."))
    return (f"The seed gives {fmt.estimate(a['jpu_value'], a['jpu_low'], a['jpu_high'])} jobs per unit for "
            f"{_period_words(a).removeprefix('in ')} ({fmt.number(a['j_value'])} jobs for {fmt.number(a['u_value'])} units) and "
            f"{fmt.estimate(b['jpu_value'], b['jpu_low'], b['jpu_high'])} for {_period_words(b).removeprefix('in ').replace(REPORT_DATE, 'its date')} "
            f"({fmt.number(b['j_value'])} for {fmt.number(b['u_value'])}); {verdict}.")


# ---------------------------------------------------------------------------------------------
# 3. Year on year
# ---------------------------------------------------------------------------------------------

def rates_answer(ev, detail: bool = True) -> str:
    """Question 3 in sentences: the direction of the pace and the targets met or missed (which ones,
    with ``detail``)."""
    y = rates.yearly(ev)
    if y.empty:
        return "The ledger has no yearly count to compare." + _targets_sentence(ev, detail)
    part = _part_years(y, pace=True)
    full = y[y["complete"]]
    if full.empty:
        return "The ledger has no full-year count to compare." + part + _targets_sentence(ev, detail)
    last = full.iloc[-1]
    if len(full) == 1:
        whole = "full " if part else ""
        return (f"The ledger counts one {whole}year, {_years_span(last['jalali_year'])}: {fmt.number(last['value'])} units "
                f"({fmt.number(last['pace_value'], 1)} a day), so the pace cannot be compared yet." + part + _targets_sentence(ev, detail))
    prev = full.iloc[-2]
    peak = full.loc[full["value"].idxmax()]
    cross = " (a change of scope, so of definition)" if last["cross_scope"] else ""
    direction = "fell" if last["value"] < prev["value"] else "rose" if last["value"] > prev["value"] else "held"
    if pd.isna(last["pct_value"]) or direction == "held":
        compared = f"against {fmt.number(prev['value'])} in {int(prev['jalali_year'])}"
    else:
        compared = (f"{fmt.number(abs(last['pct_value']), 1)}% {'fewer' if direction == 'fell' else 'more'} than the "
                    f"{fmt.number(prev['value'])} of {int(prev['jalali_year'])}")
    return (f"The pace {direction} in {_years_span(last['jalali_year'])}: {fmt.number(last['value'])} units "
            f"({fmt.number(last['pace_value'], 1)} a day), {compared}{cross}. It peaked in {_years_span(peak['jalali_year'])} at {fmt.number(peak['value'])} "
            f"({fmt.number(peak['pace_value'], 1)} a day)." + part + _targets_sentence(ev, detail))


def _targets_sentence(ev, detail: bool) -> str:
    """The yearly revival targets met and missed (each named with ``detail``), as first-or-revised values in force."""
    a = rates.attainment(ev)
    scored = a[a["scored"] & a["verdict"].isin(["met", "missed", "uncertain"])]
    current = scored.sort_values(["jalali_year", "metric", "scope", "first_published_earliest"]).drop_duplicates(["jalali_year", "metric", "scope"], keep="last")
    current = current[current["metric"] == "units_target"]
    met = current[current["verdict"] == "met"]
    missed = current[current["verdict"] == "missed"]

    def verdict(frame: pd.DataFrame, word: str) -> str:
        """'2 were met (1400 national, 103%; 1401 national, 88%)', 'none was met'; without detail, no list."""
        if frame.empty:
            return f"none {'was ' if word == 'met' else ''}{word}"
        head = f"{len(frame)} {('was' if len(frame) == 1 else 'were') + ' ' if word == 'met' else ''}{word}"
        if not detail:
            return head
        return head + " (" + "; ".join(f"{int(r['jalali_year'])} {fmt.label('scope', r['scope'])}, {fmt.number(r['attained_value'])}%"
                                       for _, r in frame.iterrows()) + ")"

    if current.empty:
        return " No yearly revival target in the ledger can be scored against its year's count."
    if detail:
        return (f" Of the yearly revival targets that can be scored (stated before their year ended), {verdict(met, 'met')} and "
                f"{verdict(missed, 'missed')}; the rest are uncertain, or are mandates and targets first reported after "
                "their year, shown but not scored.")
    return f" Of the yearly targets that can be scored, {verdict(met, 'met')} and {verdict(missed, 'missed')}."


def seed_rates_answer(ev, short: bool = False) -> str:
    """The seed's own answer to question 3: its target against the year before, and its first-quarter pace."""
    s = timeline.seed(ev)
    target = s[s["metric"] == "units_target"]
    units = s[s["metric"] == "units_revived"]
    full = units[units["period_kind"] == "full_year"]
    quarter = units[units["period_kind"] == "quarter"]
    if target.empty or full.empty:
        return "The seed gives no target and previous-year count to compare."
    t, f = target.iloc[0], full.iloc[0]
    rise = (t["value"] / f["value"] - 1) * 100
    text = (f"The seed's target of {fmt.number(t['value'])} units for {int(t['first_year'])} is {fmt.number(rise, 1)}% above the "
            f"{fmt.number(f['value'])} revived in {int(f['first_year'])}.")
    if short:
        return text
    if len(quarter):
        q = quarter.iloc[0]
        q_days = (q["end"] - q["start"]).days + 1
        f_days = (f["end"] - f["start"]).days + 1
        q_pace, f_pace = q["value"] / q_days, f["value"] / f_days
        text += (f" Its first quarter ({fmt.number(q['value'])} in {q_days} days, {fmt.number(q_pace, 1)} a day) ran at "
                 f"{fmt.number(q_pace / f_pace * 100)}% of {int(f['first_year'])}'s average pace ({fmt.number(f_pace, 1)} a day), "
                 "in a quarter that holds the Nowruz holidays and, in 2020, the first pandemic closures.")
    return text


# ---------------------------------------------------------------------------------------------
# 4. Audit
# ---------------------------------------------------------------------------------------------

def audit_answer(ev, checks: pd.DataFrame) -> str:
    """The audit in sentences: how many checks, contradictions and questions, and on what."""
    f = audit.findings(checks)
    n_c = int((f["grade"] == "contradiction").sum())
    n_q = int((f["grade"] == "question").sum())
    n_n = int((f["grade"] == "note").sum())
    made = checks[checks["grade"] != "inference"]
    top = f[f["grade"] == "contradiction"]["rule"].map({r.id: r.title for r in audit.RULES}).value_counts()
    kinds = _join([f"{n} on {title}" for title, n in top.items()])
    notes = f" It also notes {fmt.count(n_n, 'thing')} worth knowing that are not problems with the figures." if n_n else ""
    return (f"The audit made {fmt.number(len(made))} checks on the ledger's claims: {n_c} found a contradiction (figures that "
            f"cannot all hold in any reading the reports allow) and {n_q} a question (figures that differ as stated, though one "
            f"reading, which each names, reconciles them).{notes}"
            + (f" The contradictions: {kinds}." if n_c else ""))


def seed_audit_answer(ev, checks: pd.DataFrame) -> str:
    """The seed's own figures under the audit: their findings, and what its share implies."""
    seed_claims = set(ev.claims.loc[ev.claims["primary"], "claim_id"])
    f = audit.findings(checks)
    hits = f[f["claim_ids"].map(lambda ids: bool(seed_claims & set(ids.split(", ")))).astype(bool)]  # bool even when empty
    inference = f[f["rule"] == "seed_share"]
    own = hits[hits["grade"] != "inference"]
    n_c, n_q = int((own["grade"] == "contradiction").sum()), int((own["grade"] == "question").sum())
    text = (f"Figures the seed states take part in {fmt.count(n_c, 'contradiction')} and {fmt.count(n_q, 'question')}, "
            "through other reports of the same numbers." if len(own) else "No check finds a problem with the seed's own figures.")
    if len(inference):
        text += " " + str(inference.iloc[0]["finding"])
    return text


# ---------------------------------------------------------------------------------------------
# The idle stock
# ---------------------------------------------------------------------------------------------

def stock_answer(ev) -> str:
    """Whether the idle stock shrank: first and latest stock per scope, and the revivals between them."""
    b = stock.first_and_last(ev)
    b = b[b["scope"].isin(["industrial_parks", "national"])] if len(b) else b
    if b.empty:
        return "The ledger has too few idle-stock figures to follow the stock over time."
    parts = []
    for _, r in b.iterrows():  # one per scope
        grew = "rose" if r["to_value"] > r["from_value"] else "fell"
        revived = fmt.estimate(r["revived_value"], r["revived_low"], r["revived_high"], "units")
        inflow = fmt.interval(r["inflow_low"], r["inflow_high"], "units")
        where = "Nationally" if r["scope"] == "national" else f"In {fmt.label('scope', r['scope'])}"
        parts.append(f"{where}, the stated idle stock {grew} from {fmt.number(r['from_value'])} "
                     f"({r['from_earliest']:%Y}) to {fmt.number(r['to_value'])} ({r['to_latest']:%Y}) while {revived} units were "
                     f"revived, so {inflow} units fell idle or were newly counted in between")
    shrank = (b["to_value"] < b["from_value"] - b["revived_low"]).any()
    lead = "" if shrank else "The idle stock did not shrink as the revivals would suggest. "
    return lead + ". ".join(parts) + "."
