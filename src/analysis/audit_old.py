"""The consistency audit: which figures can be trusted?

:func:`audit` runs every rule over the ledger and returns one table, one row per finding:

========== =====================================================================================
column     meaning
========== =====================================================================================
rule       the rule's id (see :data:`RULES`)
severity   ``contradiction`` (the figures as stated cannot all hold), ``question`` (they can, but
           only in a way worth a look) or ``inference`` (what the figures imply)
subject    metric, scope and period the finding is about
figure_ids the figures involved (``;`` separates the sides compared)
source_ids their sources, in the same order
values     the values as stated, with their figure ids
arithmetic the computation that shows the problem, built from the numbers
finding    one sentence of what the figures say (never a guess at why)
========== =====================================================================================

Each rule is also a public function returning *every* check it made (flagged or not, with the
numbers behind it), so a reader can see what was found consistent too.

**Tolerance rule (stated once).** Every figure is read as an interval (``low`` .. ``high``, from
its wording; :mod:`analysis.bounds`). Two figures disagree only when their intervals do not
overlap; a derived quantity (a ratio, a sum, a percentage, a growth rate, an implied exchange
rate) is computed by interval arithmetic on those bounds, and a stated figure disagrees with it
only when the two intervals do not overlap. So rounding alone never triggers a finding.

**Groups, not all pairs.** Rules compare figures only within groups of the same metric, scope and
period (or start, for cumulative counts), by ``groupby`` and ``merge`` on those keys; nothing
loops over ledger rows, so a ledger many times larger still runs quickly (``make bench``).

**Statements.** Figures repeating the same metric, scope, period and wording (restatements, and
reprints across outlets) are first collapsed into one *statement* listing all their ids, so one
problem gives one finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from . import calendar, text, vocab
from .bounds import rounding_step_column

#: Columns of the findings table, in order.
FINDING_COLUMNS = ["rule", "severity", "subject", "figure_ids", "source_ids", "values", "arithmetic", "finding"]

#: Cumulative counts: flows counted in units or jobs (a year-to-date count only rises).
COUNT_METRICS: tuple[str, ...] = tuple(m.name for m in vocab.METRICS.values() if m.kind == "flow" and m.unit in ("units", "jobs"))

#: Scopes that are parts of ``national``: inside and outside industrial parks.
PART_SCOPES: tuple[str, str] = ("industrial_parks", "outside_parks")

#: Scopes whose yearly unit counts are revivals of idle units (the other scopes count other things).
REVIVAL_SCOPES: tuple[str, ...] = ("national", "smes", "industrial_parks", "outside_parks")

#: A stated percentage's numerator and denominator metrics.
PERCENT_PARTS: dict[str, tuple[str, str]] = {
    "target_progress_pct": ("units_revived", "units_target"),
    "jobs_target_progress_pct": ("jobs_created", "jobs_target"),
    "idle_share_pct": ("idle_units", "total_units"),
}

#: A stated growth rate and the metric it is the growth of.
GROWTH_PARTS: dict[str, str] = {"units_growth_pct_stated": "units_revived", "jobs_growth_pct_stated": "jobs_created"}

#: The marginal jobs per unit is implausible outside [lowest full-year ratio / factor, highest * factor].
BAND_FACTOR = 2.0

_QUALIFIER_WORDS = {"exact": "", "about": "about ", "over": "over ", "at_least": "at least ", "up_to": "up to "}
_NO_DATE = pd.Timestamp("1800-01-01")  # merge key standing in for a missing start date


# ---------------------------------------------------------------------------------------------
# Preparation and formatting helpers (whole columns)
# ---------------------------------------------------------------------------------------------

def prepare(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with the columns every rule uses, derived where missing.

    Needs at least ``figure_id, source_id, metric, value, qualifier, low, high, scope, start, end,
    end_earliest, end_latest, jalali_year, published_earliest, published_latest``; adds ``kind``,
    ``unit``, ``percentage`` (from the vocabulary), ``primary`` (False), and the Iranian-calendar
    columns ``first_year``/``last_year`` (Int64, from ``start``/``end``) and ``whole_years``
    (the period runs from the first day of an Iranian year to the last day of one).
    """
    f = figures.copy()
    spec = f["metric"].map(vocab.METRICS)
    for col, attr in (("kind", "kind"), ("unit", "unit"), ("percentage", "percentage")):
        if col not in f:
            f[col] = spec.map(lambda m, a=attr: getattr(m, a), na_action="ignore")
    if "primary" not in f:
        f["primary"] = False
    f["jalali_year"] = f["jalali_year"].astype("Int64")
    for col in ("start", "end", "end_earliest", "end_latest", "published_earliest", "published_latest"):
        f[col] = pd.to_datetime(f[col])
    start_j = calendar.gregorian_column_to_jalali(f["start"])
    end_j = calendar.gregorian_column_to_jalali(f["end"])
    after_end_j = calendar.gregorian_column_to_jalali(f["end"] + pd.Timedelta(days=1))
    f["first_year"] = pd.to_numeric(start_j.str[:4], errors="coerce").astype("Int64")
    f["last_year"] = pd.to_numeric(end_j.str[:4], errors="coerce").astype("Int64")
    f["whole_years"] = start_j.str.endswith("/01/01") & after_end_j.str.endswith("/01/01")
    return f


def _num(x: float) -> str:
    """A number as a reader writes it: thousands separators, decimals only where there are any."""
    if pd.isna(x):
        return "n/a"
    if np.isinf(x):
        return "no upper bound" if x > 0 else "no lower bound"
    if float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".") if abs(x) < 100 else f"{x:,.1f}"


def _nums(s: pd.Series) -> pd.Series:
    return s.map(_num).astype("str")


def _stated(frame: pd.DataFrame, prefix: str = "") -> pd.Series:
    """'over 39,000': each value with its wording."""
    words = frame[f"{prefix}qualifier"].map(_QUALIFIER_WORDS).fillna("")
    pct = frame[f"{prefix}metric"].map(lambda m: "%" if vocab.METRICS[m].percentage else "")
    return (words + _nums(frame[f"{prefix}value"]) + pct).astype("str")


def _interval(low: pd.Series, high: pd.Series) -> pd.Series:
    """'1,999 to 2,118', or one number when both ends are equal."""
    lo, hi = _nums(low), _nums(high)
    return lo.where(lo == hi, lo + " to " + hi)


def _date(s: pd.Series) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d").fillna("").astype("str")


def _period(frame: pd.DataFrame, prefix: str = "") -> pd.Series:
    """The period a figure covers, in words ('Iranian year 1399', '2020-03-20 to 2020-10-21', ...)."""
    p = prefix
    start, end = frame[f"{p}start"], frame[f"{p}end"]
    ee, el = frame[f"{p}end_earliest"], frame[f"{p}end_latest"]
    fy, ly = frame[f"{p}first_year"].astype("str"), frame[f"{p}last_year"].astype("str")
    whole = frame[f"{p}whole_years"].astype(bool)
    pub = _date(ee).where(ee == el, _date(ee) + " to " + _date(el))
    out = pd.Series("undated (published " + pub + ")", index=frame.index, dtype="str")
    out = out.where(~(start.isna() & end.notna()), "as of " + _date(end))
    out = out.where(~(start.notna() & end.isna()), _date(start) + " to publication (" + pub + ")")
    out = out.where(~(start.notna() & end.notna()), _date(start) + " to " + _date(end))
    out = out.where(~(whole & (fy == ly)), "Iranian year " + fy)
    out = out.where(~(whole & (fy != ly)), "Iranian years " + fy + " to " + ly)
    return out


def _subject(frame: pd.DataFrame, prefix: str = "") -> pd.Series:
    return (frame[f"{prefix}metric"] + ", " + frame[f"{prefix}scope"] + ", " + _period(frame, prefix)).astype("str")


def _join(s: pd.Series) -> str:
    return ", ".join(dict.fromkeys(str(x) for x in s if str(x) != ""))


def _join_sides(s: pd.Series) -> str:
    """Join '; '-separated sides of several rows, each distinct side once, in order."""
    return "; ".join(dict.fromkeys(side for text in s for side in str(text).split("; ")))


def _key(s: pd.Series) -> pd.Series:
    """A datetime column usable as a merge/group key (missing dates become one sentinel)."""
    return s.fillna(_NO_DATE)


def statements(figures: pd.DataFrame, extra_keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """Collapse figures repeating the same statement (metric, scope, period, value and wording).

    Returns one row per statement with ``figure_ids`` and ``source_ids`` (comma-joined, in
    figure-id order), the earliest ``published_earliest`` and latest ``published_latest`` of the
    sources stating it, and whether the primary source states it.
    """
    f = prepare(figures) if "whole_years" not in figures else figures
    keys = ["metric", "scope", "start", "end", "end_earliest", "end_latest", "value", "qualifier", "low", "high",
            "jalali_year", "first_year", "last_year", "whole_years", *extra_keys]
    f = f.sort_values("figure_id", kind="stable")
    out = (
        f.groupby(keys, dropna=False, sort=True)
        .agg(figure_ids=("figure_id", _join), source_ids=("source_id", _join),
             published_earliest=("published_earliest", "min"), published_latest=("published_latest", "max"),
             primary=("primary", "any"))
        .reset_index()
    )
    out["label"] = _stated(out) + " (" + out["figure_ids"] + ")"
    return out


def _empty_checks(extra: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="str") for c in FINDING_COLUMNS} | {"flagged": pd.Series(dtype=bool)}
                        | {c: pd.Series(dtype=float) for c in (extra or [])})


def _finish(out: pd.DataFrame, rule: str) -> pd.DataFrame:
    """Put the standard columns first, in order, with ``flagged`` after them."""
    out = out.assign(rule=rule)
    if len(out):
        out["severity"] = out["severity"].where(out["flagged"].astype(bool), "consistent")
    front = [*FINDING_COLUMNS, "flagged"]
    rest = [c for c in out.columns if c not in front]
    return out[front + rest].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Rule 1: a year-to-date (cumulative) count that goes down in a later report
# ---------------------------------------------------------------------------------------------

def ytd_decreases(figures: pd.DataFrame) -> pd.DataFrame:
    """Cumulative counts from the same start (same metric and scope) that go down over time.

    Within each group of the same metric, scope and start date (so the same Iranian year for
    year-to-date counts), statement B is *later* than A when B's period certainly ends after A's
    (``A.end_latest < B.end_earliest``); it is flagged when B's upper bound is below A's lower
    bound. Returns the flagged pairs only.
    """
    f = prepare(figures)
    s = statements(f[f["metric"].isin(COUNT_METRICS) & f["start"].notna()])
    pairs = s.merge(s, on=["metric", "scope", "start"], suffixes=("_a", "_b"))
    pairs = pairs[(pairs["end_latest_a"] < pairs["end_earliest_b"]) & (pairs["high_b"] < pairs["low_a"])]
    if pairs.empty:
        return _empty_checks(["drop_low", "drop_high"])
    pairs = pairs.sort_values(["metric", "scope", "start", "end_earliest_a", "end_earliest_b", "figure_ids_a", "figure_ids_b"], kind="stable")
    a = pairs.filter(like="_a").rename(columns=lambda c: c[:-2]).assign(metric=pairs["metric"], scope=pairs["scope"], start=pairs["start"])
    b = pairs.filter(like="_b").rename(columns=lambda c: c[:-2]).assign(metric=pairs["metric"], scope=pairs["scope"], start=pairs["start"])
    drop_low, drop_high = a["high"] - b["low"], a["low"] - b["high"]
    out = pd.DataFrame({
        "severity": "contradiction",
        "subject": pairs["metric"] + ", " + pairs["scope"] + ", cumulative from " + _date(pairs["start"]),
        "figure_ids": a["figure_ids"] + "; " + b["figure_ids"],
        "source_ids": a["source_ids"] + "; " + b["source_ids"],
        "values": a["label"] + " for " + _period(a) + "; then " + b["label"] + " for " + _period(b),
        "arithmetic": _stated(b) + " - " + _stated(a) + " = a fall of " + _interval(drop_high, drop_low),
        "finding": ("A later report (" + b["source_ids"] + ") gives a smaller cumulative " + pairs["metric"]
                    + " count for " + pairs["scope"] + " than an earlier one (" + a["source_ids"] + "): "
                    + _stated(b) + " against " + _stated(a) + "."),
        "flagged": True,
        "drop_low": drop_high.to_numpy(), "drop_high": drop_low.to_numpy(),
    }, index=pairs.index)
    return _finish(out, "ytd_decrease")


# ---------------------------------------------------------------------------------------------
# Rule 2: implausible marginal jobs per unit between consecutive cumulative reports
# ---------------------------------------------------------------------------------------------

def unit_job_pairs(figures: pd.DataFrame) -> pd.DataFrame:
    """Units and jobs counts stated together: same source, scope, start and end (bounds).

    One row per distinct pair of statements, with ``u_*``/``j_*`` value, low, high and the
    ratio bounds ``ratio_low``/``ratio_high`` (jobs per unit).
    """
    f = prepare(figures)
    f = f[f["start"].notna()]
    keys = ["source_id", "scope", "start", "end_earliest", "end_latest"]
    cols = [*keys, "figure_id", "value", "qualifier", "low", "high", "end", "first_year", "last_year", "whole_years", "jalali_year"]
    u = f.loc[f["metric"] == "units_revived", cols]
    j = f.loc[f["metric"] == "jobs_created", [*keys, "figure_id", "value", "qualifier", "low", "high"]]
    m = u.merge(j, on=keys, suffixes=("", "_j"))
    m = m[m["low"] > 0].sort_values(["figure_id", "figure_id_j"], kind="stable")
    # Reprints of the same pair (same values, same stated period) are one pair, whatever their publication bounds.
    group = ["scope", "start", "end", "value", "qualifier", "low", "high",
             "value_j", "qualifier_j", "low_j", "high_j", "first_year", "last_year", "whole_years", "jalali_year"]
    out = (m.groupby(group, dropna=False, sort=True)
           .agg(u_ids=("figure_id", _join), j_ids=("figure_id_j", _join), source_ids=("source_id", _join),
                end_earliest=("end_earliest", "min"), end_latest=("end_latest", "max"))
           .reset_index()
           .rename(columns={"value": "u_value", "qualifier": "u_qualifier", "low": "u_low", "high": "u_high",
                            "value_j": "j_value", "qualifier_j": "j_qualifier", "low_j": "j_low", "high_j": "j_high"}))
    out["ratio_value"] = out["j_value"] / out["u_value"]
    out["ratio_low"] = out["j_low"] / out["u_high"]
    out["ratio_high"] = out["j_high"] / out["u_low"]
    return out


def plausible_band(figures: pd.DataFrame, factor: float = BAND_FACTOR) -> tuple[float, float]:
    """Jobs per unit judged plausible: [lowest full-year ratio's low / factor, highest's high * factor].

    Full-year ratios are jobs / units stated together for one whole Iranian year (any scope).
    Returns ``(nan, nan)`` when the ledger has none.
    """
    p = unit_job_pairs(figures)
    full = p[p["whole_years"] & (p["first_year"] == p["last_year"])]
    if full.empty:
        return float("nan"), float("nan")
    return float(full["ratio_low"].min() / factor), float(full["ratio_high"].max() * factor)


def marginal_jobs_per_unit(figures: pd.DataFrame, band: tuple[float, float] | None = None) -> pd.DataFrame:
    """Marginal jobs per unit between consecutive cumulative reports of the same scope and start.

    Consecutive means adjacent in the units count (a cumulative count only rises, so count order
    is time order wherever the counts are consistent; :func:`ytd_decreases` flags where they are
    not); the first report is compared with zero at the period's start, so its own ratio is its
    marginal. Marginal = (jobs - earlier jobs) / (units - earlier units), by interval arithmetic;
    undefined where the units difference can be zero or less. Flagged when its whole interval lies
    outside ``band`` (default :func:`plausible_band`: half the lowest to twice the highest
    full-year ratio in the ledger).
    """
    band = plausible_band(figures) if band is None else band
    p = unit_job_pairs(figures)
    if p.empty:
        return _empty_checks(["marginal_low", "marginal_high", "band_low", "band_high"])
    p = p.assign(start_key=_key(p["start"]))
    p["rank"] = p.groupby(["scope", "start_key"])["u_value"].rank(method="dense").astype(int)
    prev = p[["scope", "start_key", "rank", "u_ids", "j_ids", "source_ids", "u_value", "u_qualifier", "u_low", "u_high",
              "j_value", "j_qualifier", "j_low", "j_high", "end", "end_earliest", "end_latest"]].assign(rank=lambda d: d["rank"] + 1)
    m = p.merge(prev, on=["scope", "start_key", "rank"], how="left", suffixes=("", "_p"))
    first = m["u_ids_p"].isna()
    for col in ("u_value", "u_low", "u_high", "j_value", "j_low", "j_high"):
        m[f"{col}_p"] = m[f"{col}_p"].where(~first, 0.0)
    du_low, du_high = m["u_low"] - m["u_high_p"], m["u_high"] - m["u_low_p"]
    dj_low, dj_high = m["j_low"] - m["j_high_p"], m["j_high"] - m["j_low_p"]
    defined = du_low > 0
    q = pd.concat([dj_low / du_low, dj_low / du_high, dj_high / du_low, dj_high / du_high], axis=1)
    m["marginal_low"] = q.min(axis=1).where(defined)
    m["marginal_high"] = q.max(axis=1).where(defined)
    m["marginal_value"] = ((m["j_value"] - m["j_value_p"]) / (m["u_value"] - m["u_value_p"])).where(defined)
    m = m[defined].sort_values(["scope", "start_key", "rank", "u_ids", "j_ids", "u_ids_p", "j_ids_p"], kind="stable")
    lo, hi = band
    flagged = (m["marginal_high"] < lo) | (m["marginal_low"] > hi)
    u_now = _stated(m.assign(metric="units_revived", value=m["u_value"], qualifier=m["u_qualifier"]))
    j_now = _stated(m.assign(metric="jobs_created", value=m["j_value"], qualifier=m["j_qualifier"]))
    u_prev = _stated(m.assign(metric="units_revived", value=m["u_value_p"], qualifier=m["u_qualifier_p"].fillna("exact")))
    j_prev = _stated(m.assign(metric="jobs_created", value=m["j_value_p"], qualifier=m["j_qualifier_p"].fillna("exact")))
    is_first = m["u_ids_p"].isna()
    earlier = ("the earlier report: " + u_prev + " units (" + m["u_ids_p"].fillna("") + "), " + j_prev
               + " jobs (" + m["j_ids_p"].fillna("") + ")").where(~is_first, "zero at the start")
    now = u_now + " units (" + m["u_ids"] + "), " + j_now + " jobs (" + m["j_ids"] + ") for " + _period(m)
    band_text = _interval(pd.Series(lo, index=m.index), pd.Series(hi, index=m.index))
    out = pd.DataFrame({
        "severity": "question",
        "subject": "jobs per unit, " + m["scope"] + ", cumulative from " + _date(m["start"]),
        "figure_ids": (m["u_ids_p"].fillna("") + ", " + m["j_ids_p"].fillna("") + "; ").where(~is_first, "") + m["u_ids"] + ", " + m["j_ids"],
        "source_ids": (m["source_ids_p"].fillna("") + "; ").where(~is_first, "") + m["source_ids"],
        "values": now + "; " + earlier,
        "arithmetic": ("(" + j_now + " - " + j_prev + ") / (" + u_now + " - " + u_prev + ") = "
                       + _interval(m["marginal_low"].round(1), m["marginal_high"].round(1))
                       + " jobs per unit; plausible band " + band_text.str.replace(r"(\.\d)\d+", r"\1", regex=True)),
        "finding": np.where(
            flagged,
            "The jobs added per unit added (" + m["scope"] + ", " + _period(m) + ") come to "
            + _interval(m["marginal_low"].round(1), m["marginal_high"].round(1))
            + ", outside the band the ledger's full-year ratios allow.",
            "Within the plausible band."),
        "flagged": flagged,
        "marginal_value": m["marginal_value"], "marginal_low": m["marginal_low"], "marginal_high": m["marginal_high"],
        "band_low": lo, "band_high": hi, "first_report": is_first,
    }, index=m.index)
    return _finish(out, "marginal_jobs_per_unit")


# ---------------------------------------------------------------------------------------------
# Rule 3: different values for the same metric, period and scope
# ---------------------------------------------------------------------------------------------

def restated_differently(figures: pd.DataFrame) -> pd.DataFrame:
    """Groups of the same metric, scope and period where no single value fits every statement.

    The period key is ``start``, ``end_earliest`` and ``end_latest`` (so an open year-to-date
    count is compared only with figures running to the same publication bounds). Dollar sums
    are left to :func:`dollar_conversions`. Flagged when the largest lower bound exceeds the
    smallest upper bound. Targets differing is a ``question`` (a target may be revised); other
    metrics a ``contradiction``. Returns one row per group with more than one statement.
    """
    f = prepare(figures)
    s = statements(f[f["metric"] != "financing_usd_stated"])
    s = s.assign(start_key=_key(s["start"])).sort_values(["published_earliest", "figure_ids"], kind="stable")
    keys = ["metric", "scope", "start_key", "end_earliest", "end_latest"]
    g = s.groupby(keys, sort=True)
    agg = g.agg(n=("label", "size"), max_low=("low", "max"), min_high=("high", "min"),
                labels=("label", "; ".join), figure_ids=("figure_ids", "; ".join), source_ids=("source_ids", "; ".join))
    first = g.head(1).set_index(keys)[["start", "end", "first_year", "last_year", "whole_years"]]
    agg = agg[agg["n"] > 1].join(first)
    if agg.empty:
        return _empty_checks(["max_low", "min_high"])
    agg = agg.reset_index()
    agg["kind"] = agg["metric"].map(lambda m: vocab.METRICS[m].kind)
    flagged = agg["max_low"] > agg["min_high"]
    target = agg["kind"] == "target"
    subject = _subject(agg)
    out = pd.DataFrame({
        "severity": np.where(target, "question", "contradiction"),
        "subject": subject,
        "figure_ids": agg["figure_ids"], "source_ids": agg["source_ids"], "values": agg["labels"],
        "arithmetic": np.where(flagged, "largest lower bound " + _nums(agg["max_low"]) + " > smallest upper bound " + _nums(agg["min_high"]),
                               "largest lower bound " + _nums(agg["max_low"]) + " <= smallest upper bound " + _nums(agg["min_high"])),
        "finding": np.where(
            flagged,
            np.where(target,
                     "The reports give " + agg["n"].astype(str) + " different values for this target (" + subject + "); listed earliest report first.",
                     "The reports give " + agg["n"].astype(str) + " values for the same figure (" + subject + ") that no single number fits."),
            "The values agree within their rounding."),
        "flagged": flagged, "max_low": agg["max_low"], "min_high": agg["min_high"],
    })
    return _finish(out, "restated_differently")


# ---------------------------------------------------------------------------------------------
# Rule 4: one rial sum converted to different dollar sums
# ---------------------------------------------------------------------------------------------

def dollar_conversions(figures: pd.DataFrame) -> pd.DataFrame:
    """Implied rials per dollar of every dollar sum, against the rial sum of the same scope and period.

    Each ``financing_usd_stated`` statement is paired with the ``financing_rials`` statements of
    the same scope and period; rate = rials / dollars (interval). Per scope and period, flagged when
    the rates' intervals have no common value. Returns one row per conversion with
    ``rate_low``/``rate_high`` and the group's verdict.
    """
    f = prepare(figures)
    keys = ["scope", "start", "end_earliest", "end_latest"]
    usd = statements(f[f["metric"] == "financing_usd_stated"])
    rials = statements(f[f["metric"] == "financing_rials"])
    m = usd.merge(rials, on=keys, suffixes=("", "_r"))
    if m.empty:
        return _empty_checks(["rate_low", "rate_high"])
    m = m.sort_values([*keys, "published_earliest", "figure_ids", "figure_ids_r"], kind="stable")
    m["rate_value"] = m["value_r"] / m["value"]
    m["rate_low"] = m["low_r"] / m["high"]
    m["rate_high"] = m["high_r"] / m["low"]
    g = m.groupby(keys, sort=False)
    flagged = g["rate_low"].transform("max") > g["rate_high"].transform("min")
    n = g["figure_ids"].transform("nunique")
    rate = _interval(m["rate_low"].round(0), m["rate_high"].round(0))
    out = pd.DataFrame({
        "severity": "contradiction",
        "subject": "financing, " + _subject(m).str.removeprefix("financing_usd_stated, "),
        "figure_ids": m["figure_ids_r"] + "; " + m["figure_ids"],
        "source_ids": m["source_ids_r"] + "; " + m["source_ids"],
        "values": (_stated(m.assign(value=m["value_r"], qualifier=m["qualifier_r"], metric="financing_rials"))
                   + " rials (" + m["figure_ids_r"] + ") as " + _stated(m) + " US dollars (" + m["figure_ids"] + ")"),
        "arithmetic": _nums(m["value_r"]) + " / " + _nums(m["value"]) + " = " + rate + " rials per dollar",
        "finding": np.where(flagged, "The same rial sum is converted to " + n.astype(str)
                            + " dollar sums whose implied rates (rials per dollar) do not overlap.",
                            "The dollar conversions imply the same rate within rounding."),
        "flagged": flagged, "rate_value": m["rate_value"], "rate_low": m["rate_low"], "rate_high": m["rate_high"],
        "group": m["scope"] + "|" + _date(m["start"]) + "|" + _date(m["end_earliest"]) + "|" + _date(m["end_latest"]),
    })
    return _finish(out, "dollar_conversion")


def _collapse_groups(checks: pd.DataFrame) -> pd.DataFrame:
    """One finding per ``group`` (for rules whose checks are per member of a group)."""
    flagged = checks[checks["flagged"]]
    if flagged.empty:
        return flagged
    g = flagged.groupby("group", sort=True)
    out = g.agg(rule=("rule", "first"), severity=("severity", "first"), subject=("subject", "first"),
                figure_ids=("figure_ids", _join_sides), source_ids=("source_ids", _join_sides),
                values=("values", "; ".join), arithmetic=("arithmetic", "; ".join), finding=("finding", "first"))
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Rule 5: stated percentages recomputed from their numerator and denominator
# ---------------------------------------------------------------------------------------------

def percentage_checks(figures: pd.DataFrame) -> pd.DataFrame:
    """Stated percentages against their parts (see :data:`PERCENT_PARTS`).

    - Progress percentages: the numerator is the count the same report states for the same scope,
      start and end; candidate denominators are the targets of the same scope and Iranian year
      stated in the same report or in one published no later (``published_latest`` no later than
      this report's ``published_earliest``). Each candidate's recomputed percentage is compared
      with the stated one.
    - ``idle_share_pct``: idle / total units stated in the same report for the same scope and date.

    Per stated percentage: ``mismatch`` (a contradiction) when no candidate matches; ``old_target``
    (a question) when it matches only targets first stated before another exact target that the
    report could know and that does not match (it keeps dividing by the earlier target).
    One row per stated percentage that has a numerator.
    """
    f = prepare(figures)
    pct = f[f["metric"].isin(list(PERCENT_PARTS))].assign(
        num_metric=lambda d: d["metric"].map(lambda m: PERCENT_PARTS[m][0]),
        den_metric=lambda d: d["metric"].map(lambda m: PERCENT_PARTS[m][1]),
        start_key=lambda d: _key(d["start"]))
    base = f.assign(start_key=_key(f["start"]))
    num_cols = ["source_id", "metric", "scope", "start_key", "end_earliest", "end_latest", "figure_id", "value", "qualifier", "low", "high"]
    num = base[num_cols].rename(columns={"metric": "num_metric"})
    p = pct.merge(num, on=["source_id", "num_metric", "scope", "start_key", "end_earliest", "end_latest"], suffixes=("", "_n"))
    if p.empty:
        return _empty_checks(["pct_low", "pct_high"])
    den_cols = ["source_id", "metric", "scope", "jalali_year", "end_earliest", "end_latest", "figure_id", "value", "qualifier",
                "low", "high", "published_earliest", "published_latest"]
    den = base[den_cols].rename(columns={"metric": "den_metric"})
    share = p["metric"] == "idle_share_pct"
    d_share = p[share].merge(den, on=["source_id", "den_metric", "scope", "end_earliest", "end_latest"], suffixes=("", "_d"))
    d_share = d_share.assign(source_id_d=d_share["source_id"])
    d_prog = p[~share].merge(den.drop(columns=["end_earliest", "end_latest"]), on=["den_metric", "scope", "jalali_year"], suffixes=("", "_d"))
    d_prog = d_prog[(d_prog["source_id_d"] == d_prog["source_id"]) | (d_prog["published_latest_d"] <= d_prog["published_earliest"])]
    d = pd.concat([d_share, d_prog], ignore_index=True)
    if d.empty:
        return _empty_checks(["pct_low", "pct_high"])
    # First statement of each target value: the earliest publication of any figure stating it.
    first_stated = (base[base["kind"] == "target"].groupby(["metric", "scope", "jalali_year", "value", "qualifier"])["published_earliest"]
                    .min().rename("first_stated").reset_index()
                    .rename(columns={"metric": "den_metric", "value": "value_d", "qualifier": "qualifier_d"}))
    d = d.merge(first_stated, on=["den_metric", "scope", "jalali_year", "value_d", "qualifier_d"], how="left")
    d["first_stated"] = d["first_stated"].fillna(d["published_earliest_d"])
    d = (d.sort_values(["figure_id", "first_stated", "figure_id_d"], kind="stable")
          .drop_duplicates(["figure_id", "value_d", "qualifier_d"], keep="first"))
    d["re_low"] = d["low_n"] / d["high_d"] * 100
    d["re_high"] = d["high_n"] / d["low_d"] * 100
    d["re_value"] = d["value_n"] / d["value_d"] * 100
    d["match"] = (d["re_low"] <= d["high"]) & (d["low"] <= d["re_high"])
    exact_target = (d["qualifier_d"] == "exact") & (d["metric"] != "idle_share_pct")
    latest = d["first_stated"].where(exact_target).groupby(d["figure_id"]).transform("max")
    d["latest"] = exact_target & (d["first_stated"] == latest)
    d["label"] = (_nums(d["value_n"]) + " / " + _stated(d.assign(value=d["value_d"], qualifier=d["qualifier_d"], metric=d["den_metric"]))
                  + " (" + d["figure_id_d"] + ") = " + _interval(d["re_low"].round(1), d["re_high"].round(1)) + "%")
    g = d.groupby("figure_id", sort=True)
    r = g.agg(any_match=("match", "any"), latest_match=("match", lambda s: bool((s & d.loc[s.index, "latest"]).any())),
              has_latest=("latest", "any"), labels=("label", "; ".join), den_ids=("figure_id_d", _join),
              den_sources=("source_id_d", _join), matching=("value_d", lambda s: _join(_nums(s[d.loc[s.index, "match"]]))),
              later=("label", lambda s: "; ".join(s[d.loc[s.index, "latest"] & ~d.loc[s.index, "match"]])))
    first = g.head(1).set_index("figure_id")
    r = r.join(first)
    mismatch = ~r["any_match"]
    old = r["any_match"] & r["has_latest"] & ~r["latest_match"]
    pct_text = _stated(r)
    out = pd.DataFrame({
        "severity": np.where(mismatch, "contradiction", "question"),
        "subject": _subject(r),
        "figure_ids": r.index.to_series() + ", " + r["figure_id_n"] + "; " + r["den_ids"],
        "source_ids": r["source_id"] + "; " + r["den_sources"],
        "values": pct_text + " (" + r.index.to_series() + "); " + r["num_metric"] + " " + _stated(r.assign(value=r["value_n"], qualifier=r["qualifier_n"], metric=r["num_metric"])) + " (" + r["figure_id_n"] + ")",
        "arithmetic": r["labels"],
        "finding": np.where(
            mismatch, "The stated " + pct_text + " does not match " + r["num_metric"] + " divided by any " + r["den_metric"] + " the report could use.",
            np.where(old, "The stated " + pct_text + " matches " + r["num_metric"] + " divided by the earlier " + r["den_metric"]
                     + " (" + r["matching"] + "), not by the target first stated later that the report could use: " + r["later"] + ".",
                     "The stated percentage matches its parts within rounding.")),
        "flagged": (mismatch | old).to_numpy(),
        "pct_low": r["low"], "pct_high": r["high"], "check": np.where(mismatch, "mismatch", np.where(old, "old_target", "ok")),
    })
    return _finish(out.reset_index(drop=True), "percentage")


# ---------------------------------------------------------------------------------------------
# Yearly totals and sums over runs of years (used by growth, multi-year and share rules)
# ---------------------------------------------------------------------------------------------

def yearly_totals(figures: pd.DataFrame, *, with_ytd_floor: bool = False) -> pd.DataFrame:
    """Full-Iranian-year counts per metric, scope and year, as the hull of every statement.

    ``low``/``high`` are the smallest lower and largest upper bound of the full-year figures
    (the most lenient reading when reports disagree; :func:`restated_differently` flags that).
    With ``with_ytd_floor``, a year with no full-year figure gets the largest lower bound of its
    year-to-date counts as a floor and no upper bound (``high = inf``); ``basis`` says which.
    """
    f = prepare(figures)
    f = f[f["metric"].isin(COUNT_METRICS) & f["start"].notna()].sort_values("figure_id", kind="stable")
    full = f[f["whole_years"] & (f["first_year"] == f["last_year"])]
    keys = ["metric", "scope", "jalali_year"]
    out = (full.groupby(keys, sort=True)
           .agg(low=("low", "min"), high=("high", "max"), figure_ids=("figure_id", _join), source_ids=("source_id", _join))
           .reset_index().assign(basis="full year"))
    if with_ytd_floor:
        year_start = calendar.gregorian_column_to_jalali(f["start"]).str.endswith("/01/01")
        ytd = f[year_start & ~f["whole_years"] & f["jalali_year"].notna()]
        ytd = ytd.sort_values([*keys, "low", "figure_id"], ascending=[True, True, True, False, True], kind="stable").drop_duplicates(keys)
        floor = ytd[keys + ["low", "figure_id", "source_id"]].rename(columns={"figure_id": "figure_ids", "source_id": "source_ids"})
        floor = floor.assign(high=np.inf, basis="year to date (floor)")
        floor = floor.merge(out[keys], on=keys, how="left", indicator=True)
        floor = floor[floor["_merge"] == "left_only"].drop(columns="_merge")
        out = pd.concat([out, floor], ignore_index=True).sort_values(keys, kind="stable").reset_index(drop=True)
    out["jalali_year"] = out["jalali_year"].astype("Int64")
    return out


def span_sums(spans: pd.DataFrame, yearly: pd.DataFrame) -> pd.DataFrame:
    """Sum yearly totals over runs of years.

    ``spans`` has ``span_id, metric, scope, first_year, n_years``; returns per ``span_id`` the summed
    ``sum_low``/``sum_high``, the ids used, the bases, and ``complete`` (every year present).
    """
    n = spans["n_years"].astype(int).to_numpy()
    rep = spans.loc[spans.index.repeat(n), ["span_id", "metric", "scope", "first_year"]].reset_index(drop=True)
    rep["jalali_year"] = (rep["first_year"].astype(int) + rep.groupby("span_id").cumcount()).astype("Int64")
    m = rep.merge(yearly, on=["metric", "scope", "jalali_year"], how="left")
    m["part"] = m["jalali_year"].astype(str) + ": " + _interval(m["low"], m["high"]).where(m["low"].notna(), "missing")
    out = m.groupby("span_id", sort=False).agg(
        sum_low=("low", "sum"), sum_high=("high", "sum"), found=("low", "count"), parts=("part", "; ".join),
        ids=("figure_ids", lambda s: _join(s.dropna())), sources=("source_ids", lambda s: _join(s.dropna())),
        bases=("basis", lambda s: _join(s.dropna())))
    out = out.join(spans.set_index("span_id")["n_years"])
    out["complete"] = out["found"] == out["n_years"]
    return out.drop(columns=["n_years"]).reset_index()


# ---------------------------------------------------------------------------------------------
# Rule 6: stated growth rates recomputed from their parts
# ---------------------------------------------------------------------------------------------

def growth_checks(figures: pd.DataFrame) -> pd.DataFrame:
    """Stated growth over the preceding period of the same length, recomputed where the ledger has the parts.

    Only periods of whole Iranian years are recomputed: the current total is a figure of the same
    metric, scope and period (or the sum of its years' totals), the preceding one the sum of the
    same number of years before (:func:`yearly_totals`, same scope only). Growth =
    (current / preceding - 1) * 100, by interval arithmetic. One row per stated growth rate.
    """
    f = prepare(figures)
    g = f[f["metric"].isin(list(GROWTH_PARTS)) & f["whole_years"]].copy()
    if g.empty:
        return _empty_checks(["growth_low", "growth_high"])
    g["base_metric"] = g["metric"].map(GROWTH_PARTS)
    g["n_years"] = (g["last_year"] - g["first_year"] + 1).astype(int)
    yearly = yearly_totals(f)
    cur_spans = pd.DataFrame({"span_id": g["figure_id"], "metric": g["base_metric"], "scope": g["scope"],
                              "first_year": g["first_year"], "n_years": g["n_years"]})
    prev_spans = cur_spans.assign(first_year=cur_spans["first_year"] - cur_spans["n_years"])
    cur = span_sums(cur_spans, yearly).set_index("span_id")
    prev = span_sums(prev_spans, yearly).set_index("span_id")
    # A figure covering exactly the growth's period replaces the sum of its years.
    exact = f[f["metric"].isin(COUNT_METRICS)].merge(g[["figure_id", "base_metric", "scope", "start", "end"]].rename(
        columns={"figure_id": "gid", "base_metric": "metric"}), on=["metric", "scope", "start", "end"])
    exact = exact.sort_values("figure_id", kind="stable").groupby("gid").agg(
        low=("low", "min"), high=("high", "max"), ids=("figure_id", _join), sources=("source_id", _join))
    g = g.set_index("figure_id", drop=False)
    c_low = exact["low"].reindex(g.index).fillna(cur["sum_low"].where(cur["complete"]).reindex(g.index))
    c_high = exact["high"].reindex(g.index).fillna(cur["sum_high"].where(cur["complete"]).reindex(g.index))
    c_ids = exact["ids"].reindex(g.index).fillna(cur["ids"].reindex(g.index))
    c_src = exact["sources"].reindex(g.index).fillna(cur["sources"].reindex(g.index))
    p_ok = prev["complete"].reindex(g.index).fillna(False).astype(bool)
    p_low, p_high = prev["sum_low"].reindex(g.index), prev["sum_high"].reindex(g.index)
    checkable = c_low.notna() & p_ok
    gr_low = (c_low / p_high - 1) * 100
    gr_high = (c_high / p_low - 1) * 100
    flagged = checkable & ((gr_high < g["low"]) | (gr_low > g["high"]))
    stated = _stated(g)
    out = pd.DataFrame({
        "severity": "contradiction",
        "subject": _subject(g),
        "figure_ids": (g["figure_id"] + "; " + c_ids.fillna("") + "; " + prev["ids"].reindex(g.index).fillna("")).str.rstrip("; "),
        "source_ids": (g["source_id"] + "; " + c_src.fillna("") + "; " + prev["sources"].reindex(g.index).fillna("")).str.rstrip("; "),
        "values": ("stated " + stated + " (" + g["figure_id"] + "); this period " + _interval(c_low, c_high)
                   + "; preceding period " + prev["parts"].reindex(g.index).fillna("")),
        "arithmetic": np.where(checkable, "(" + _interval(c_low, c_high) + ") / (" + _interval(p_low, p_high) + ") - 1 = "
                               + _interval(gr_low.round(1), gr_high.round(1)) + "%", "parts missing in this scope"),
        "finding": np.where(flagged, "The stated growth of " + stated + " does not match the counts the ledger gives for the two periods ("
                            + _interval(gr_low.round(1), gr_high.round(1)) + "%).",
                            np.where(checkable, "The stated growth matches its parts within rounding.",
                                     "The ledger lacks the parts in the same scope; not recomputed.")),
        "flagged": flagged, "growth_low": gr_low, "growth_high": gr_high, "checkable": checkable,
    })
    return _finish(out.reset_index(drop=True), "growth")


# ---------------------------------------------------------------------------------------------
# Rule 7: a stated average against the figures it summarises
# ---------------------------------------------------------------------------------------------

def average_checks(figures: pd.DataFrame) -> pd.DataFrame:
    """Stated jobs per unit against jobs / units stated for the same scope and start.

    The figures it summarises are the units-and-jobs pairs (:func:`unit_job_pairs`) of the same
    scope and start whose end window overlaps the average's end window. Flagged when there are
    such pairs and none of their ratio intervals overlaps the stated average's interval.
    One row per stated average.
    """
    f = prepare(figures)
    a = f[f["metric"] == "jobs_per_unit_stated"]
    if a.empty:
        return _empty_checks(["ratio_low", "ratio_high"])
    pairs = unit_job_pairs(f).assign(start_key=lambda d: _key(d["start"]))
    a = a.assign(start_key=_key(a["start"]))
    m = a.merge(pairs.drop(columns=["start", "end", "first_year", "last_year", "whole_years", "jalali_year"]),
                on=["scope", "start_key"], how="left", suffixes=("", "_p"))
    m["overlap"] = (m["end_earliest_p"] <= m["end_latest"]) & (m["end_latest_p"] >= m["end_earliest"])
    m = m[m["overlap"] | m["u_ids"].isna()]
    m = m.assign(match=(m["ratio_low"] <= m["high"]) & (m["low"] <= m["ratio_high"]))
    m = m.sort_values(["figure_id", "u_value", "u_ids"], kind="stable")
    m["pair"] = (_nums(m["j_value"]) + " / " + _nums(m["u_value"]) + " (" + m["j_ids"].fillna("") + ", " + m["u_ids"].fillna("")
                 + ") = " + _interval(m["ratio_low"].round(1), m["ratio_high"].round(1)))
    m["pair"] = m["pair"].where(m["u_ids"].notna(), "")
    g = m.groupby("figure_id", sort=True)
    r = g.agg(n=("u_ids", "count"), any_match=("match", "any"), pairs=("pair", lambda s: "; ".join(x for x in s if x)),
              ids=("u_ids", lambda s: _join(s.dropna())), jids=("j_ids", lambda s: _join(s.dropna())),
              sources=("source_ids", lambda s: _join(s.dropna())))
    r = r.join(g.head(1).set_index("figure_id"))
    flagged = (r["n"] > 0) & ~r["any_match"]
    stated = _stated(r)
    out = pd.DataFrame({
        "severity": "contradiction",
        "subject": _subject(r),
        "figure_ids": r.index.to_series() + "; " + r["ids"] + ", " + r["jids"],
        "source_ids": r["source_id"] + "; " + r["sources"],
        "values": "stated " + stated + " jobs per unit (" + r.index.to_series() + ")",
        "arithmetic": r["pairs"].where(r["n"] > 0, "no units and jobs of this scope and date to compare"),
        "finding": np.where(flagged, "The stated average of " + stated + " jobs per unit does not match jobs / units the reports give for the same scope and time.",
                            np.where(r["n"] > 0, "The stated average matches jobs / units within rounding.", "Nothing in the ledger to compare it with.")),
        "flagged": flagged.to_numpy(),
    })
    return _finish(out.reset_index(drop=True), "average")


# ---------------------------------------------------------------------------------------------
# Rule 8: the same value reused for different metrics, scopes or periods
# ---------------------------------------------------------------------------------------------

def reused_values(figures: pd.DataFrame) -> pd.DataFrame:
    """The same number stated for different metrics, scopes or periods within one Iranian year.

    Considers counts and money (not percentages or averages, where small numbers recur by
    chance) with at least two significant digits (9,800 and 211 yes; 2,000 no), grouped by value
    and Iranian year (undated figures with no year form their own group). A *context* is a metric,
    scope, start and end; flagged when a value appears in two or more contexts. One row per value.
    """
    f = prepare(figures)
    f = f[f["unit"].isin(["units", "jobs", "rials", "US dollars"])]
    f = f[(f["value"] / rounding_step_column(f["value"])) >= 10]
    s = statements(f)
    # A context ignores publication bounds: an open-ended count reprinted later is the same statement.
    when = (_date(s["start"]).replace("", "undated") + " to " + _date(s["end"]).replace("", "publication")).where(
        s["start"].notna() | s["end"].notna(), "undated")
    when = when.where(~(s["whole_years"] & (s["first_year"] == s["last_year"])), "Iranian year " + s["first_year"].astype("str"))
    s = s.assign(context=s["metric"] + " | " + s["scope"] + " | " + when, when=when)
    s = s.sort_values(["value", "jalali_year", "context", "figure_ids"], kind="stable")
    ctx = (s.groupby(["value", "jalali_year", "context"], dropna=False, sort=True)
           .agg(figure_ids=("figure_ids", ", ".join), source_ids=("source_ids", _join), metric=("metric", "first"),
                scope=("scope", "first"), when=("when", "first"))
           .reset_index())
    ctx["label"] = ctx["metric"] + " (" + ctx["scope"] + ", " + ctx["when"] + "): " + ctx["figure_ids"]
    g = ctx.groupby(["value", "jalali_year"], dropna=False, sort=True)
    r = g.agg(n=("context", "size"), labels=("label", "; ".join), figure_ids=("figure_ids", "; ".join),
              source_ids=("source_ids", "; ".join), metrics=("metric", "nunique")).reset_index()
    r = r[r["n"] > 1]
    if r.empty:
        return _empty_checks()
    year = r["jalali_year"].astype("str").where(r["jalali_year"].notna(), "undated")
    out = pd.DataFrame({
        "severity": "question",
        "subject": "the number " + _nums(r["value"]) + ", " + np.where(r["jalali_year"].notna(), "Iranian year ", "") + year,
        "figure_ids": r["figure_ids"], "source_ids": r["source_ids"], "values": r["labels"],
        "arithmetic": _nums(r["value"]) + " appears in " + r["n"].astype(str) + " contexts",
        "finding": "The same number, " + _nums(r["value"]) + ", is stated for " + r["n"].astype(str)
                   + " different metrics, scopes or periods in the same year.",
        "flagged": True,
    })
    return _finish(out, "reused_value")


# ---------------------------------------------------------------------------------------------
# Rule 9: parts (inside and outside parks) against their stated national total
# ---------------------------------------------------------------------------------------------

def parts_checks(figures: pd.DataFrame) -> pd.DataFrame:
    """Inside-park and outside-park figures against the national figure of the same metric and period.

    When both parts are stated, their sum must overlap the national figure; when one is, it must
    not exceed the national figure (its lower bound above the national upper bound is flagged).
    Percentages are not parts of anything and are skipped. One row per (national, parts) combination.
    """
    f = prepare(figures)
    f = f[~f["percentage"].astype(bool)]
    s = statements(f).assign(start_key=lambda d: _key(d["start"]))
    keys = ["metric", "start_key", "end_earliest", "end_latest"]
    cols = [*keys, "figure_ids", "source_ids", "value", "qualifier", "low", "high", "label"]
    nat = s[s["scope"] == "national"]
    inside = s.loc[s["scope"] == PART_SCOPES[0], cols]
    outside = s.loc[s["scope"] == PART_SCOPES[1], cols]
    m = nat.merge(inside, on=keys, how="left", suffixes=("", "_in")).merge(outside, on=keys, how="left", suffixes=("", "_out"))
    m = m[m["figure_ids_in"].notna() | m["figure_ids_out"].notna()]
    if m.empty:
        return _empty_checks(["parts_low", "parts_high"])
    both = m["figure_ids_in"].notna() & m["figure_ids_out"].notna()
    parts_low = m["low_in"].fillna(0) + m["low_out"].fillna(0)
    parts_high = m["high_in"].fillna(0) + m["high_out"].fillna(0)
    flagged = np.where(both, (parts_low > m["high"]) | (parts_high < m["low"]), parts_low > m["high"])
    part_labels = (m["label_in"].fillna("").radd("inside parks ").where(m["figure_ids_in"].notna(), "")
                   + np.where(both, " + ", "")
                   + m["label_out"].fillna("").radd("outside parks ").where(m["figure_ids_out"].notna(), ""))
    ids = m["figure_ids"] + "; " + (m["figure_ids_in"].fillna("") + np.where(both, ", ", "") + m["figure_ids_out"].fillna(""))
    srcs = m["source_ids"] + "; " + (m["source_ids_in"].fillna("") + np.where(both, ", ", "") + m["source_ids_out"].fillna(""))
    out = pd.DataFrame({
        "severity": "contradiction",
        "subject": _subject(m).str.replace(", national,", ", national and its parts,", regex=False),
        "figure_ids": ids, "source_ids": srcs,
        "values": "national " + m["label"] + "; " + part_labels,
        "arithmetic": np.where(both, "parts sum to " + _interval(parts_low, parts_high) + " against national " + _interval(m["low"], m["high"]),
                               "part " + _interval(parts_low, parts_high) + " against national " + _interval(m["low"], m["high"])),
        "finding": np.where(flagged, np.where(both, "The inside- and outside-park figures do not add up to the national figure.",
                                              "A part (one side of the parks line) is larger than the national figure."),
                            "The parts fit the national figure within rounding."),
        "flagged": flagged, "parts_low": parts_low, "parts_high": parts_high,
    }).sort_values(["subject", "figure_ids"], kind="stable")
    return _finish(out, "parts_total")


# ---------------------------------------------------------------------------------------------
# Rule 10: a multi-year total against the sum of its years
# ---------------------------------------------------------------------------------------------

def multi_year_checks(figures: pd.DataFrame) -> pd.DataFrame:
    """Totals over two or more whole Iranian years against the sum of the same scope's yearly counts.

    Each year counts as its full-year figures' hull; a year with none counts as at least its
    largest year-to-date count (:func:`yearly_totals` with ``with_ytd_floor``). Flagged when the
    total's interval does not overlap the sum's. One row per multi-year total with all its years present.
    """
    f = prepare(figures)
    t = f[f["metric"].isin(COUNT_METRICS) & f["whole_years"] & (f["last_year"] > f["first_year"])]
    s = statements(t)
    if s.empty:
        return _empty_checks(["sum_low", "sum_high"])
    s = s.assign(span_id=s["figure_ids"], n_years=(s["last_year"] - s["first_year"] + 1).astype(int))
    sums = span_sums(s[["span_id", "metric", "scope", "first_year", "n_years"]], yearly_totals(f, with_ytd_floor=True))
    m = s.merge(sums, on="span_id")
    m = m[m["complete"]]
    if m.empty:
        return _empty_checks(["sum_low", "sum_high"])
    flagged = (m["high"] < m["sum_low"]) | (m["low"] > m["sum_high"])
    out = pd.DataFrame({
        "severity": "contradiction",
        "subject": _subject(m),
        "figure_ids": m["figure_ids"] + "; " + m["ids"], "source_ids": m["source_ids"] + "; " + m["sources"],
        "values": "total " + m["label"] + "; years " + m["parts"],
        "arithmetic": "sum of the years " + _interval(m["sum_low"], m["sum_high"]) + " (" + m["bases"] + ") against the total " + _interval(m["low"], m["high"]),
        "finding": np.where(flagged, "The multi-year total does not match the sum of its years' figures.",
                            "The multi-year total fits the sum of its years within rounding."),
        "flagged": flagged, "sum_low": m["sum_low"], "sum_high": m["sum_high"],
    })
    return _finish(out, "multi_year_total")


# ---------------------------------------------------------------------------------------------
# Rule 11 (seed): what period can "21 percent of 9,800" cover?
# ---------------------------------------------------------------------------------------------

def share_coverage(figures: pd.DataFrame, *, seed_only: bool = False) -> pd.DataFrame:
    """Runs of consecutive Iranian years whose revivals could make up the seed's stated share of its idle stock.

    The implied count is ``revived_share_pct / 100 * idle_units`` (the seed's figures, with bounds).
    Each year before the seed's year counts as the hull of its full-year ``units_revived`` figures
    over :data:`REVIVAL_SCOPES` (scopes listed, since they differ by year); the seed's own year
    counts only up to the seed's date, as its year-to-date figure. With ``seed_only``, only the
    seed's own figures are used. One row per run ending in the seed's year or earlier, with ``matches``.
    """
    f = prepare(figures)
    seed = f[f["primary"].astype(bool)]
    share, idle = seed[seed["metric"] == "revived_share_pct"], seed[seed["metric"] == "idle_units"]
    ytd = seed[(seed["metric"] == "units_revived") & seed["end"].isna()]
    if share.empty or idle.empty or ytd.empty:
        return pd.DataFrame(columns=["first_year", "last_year", "sum_low", "sum_high", "implied_low", "implied_high", "matches"])
    imp_low = float(share["low"].iloc[0] * idle["low"].iloc[0] / 100)
    imp_high = float(share["high"].iloc[0] * idle["high"].iloc[0] / 100)
    seed_year = int(ytd["jalali_year"].iloc[0])
    pool = seed if seed_only else f
    full = pool[(pool["metric"] == "units_revived") & pool["scope"].isin(REVIVAL_SCOPES) & pool["whole_years"]
                & (pool["first_year"] == pool["last_year"]) & (pool["jalali_year"] < seed_year)]
    full = full.sort_values("figure_id", kind="stable")
    years = full.groupby("jalali_year").agg(low=("low", "min"), high=("high", "max"), ids=("figure_id", _join),
                                            scopes=("scope", lambda s: _join(sorted(set(s))))).reset_index()
    this = pd.DataFrame({"jalali_year": [seed_year], "low": [float(ytd["low"].min())], "high": [float(ytd["high"].max())],
                         "ids": [_join(ytd["figure_id"])], "scopes": [_join(sorted(set(ytd["scope"])))]})
    years = pd.concat([years, this], ignore_index=True).sort_values("jalali_year").reset_index(drop=True)
    years["jalali_year"] = years["jalali_year"].astype(int)
    years["label"] = years["jalali_year"].astype(str) + np.where(years["jalali_year"] == seed_year, " to date", "") + ": " + _interval(years["low"], years["high"]) + " (" + years["scopes"] + "; " + years["ids"] + ")"
    pairs = years[["jalali_year"]].merge(years[["jalali_year"]], how="cross", suffixes=("_1", "_2"))
    pairs = pairs[pairs["jalali_year_1"] <= pairs["jalali_year_2"]].rename(columns={"jalali_year_1": "first_year", "jalali_year_2": "last_year"})
    rep = pairs.loc[pairs.index.repeat((pairs["last_year"] - pairs["first_year"] + 1).to_numpy())].reset_index(names="span")
    rep["jalali_year"] = rep["first_year"] + rep.groupby("span").cumcount()
    m = rep.merge(years, on="jalali_year", how="left")
    out = m.groupby(["span", "first_year", "last_year"], sort=False).agg(
        sum_low=("low", "sum"), sum_high=("high", "sum"), found=("low", "count"),
        parts=("label", lambda s: "; ".join(s.dropna())), ids=("ids", lambda s: _join(s.dropna()))).reset_index()
    out = out[out["found"] == out["last_year"] - out["first_year"] + 1].drop(columns=["span", "found"])
    out = out.assign(implied_low=imp_low, implied_high=imp_high,
                     matches=(out["sum_low"] <= imp_high) & (out["sum_high"] >= imp_low),
                     distance=np.maximum(out["sum_low"] - imp_high, imp_low - out["sum_high"]).clip(lower=0),
                     to_seed_date=out["last_year"] == seed_year,
                     share_ids=share["figure_id"].iloc[0] + ", " + idle["figure_id"].iloc[0])
    return out.sort_values(["last_year", "first_year"], ascending=[False, False], kind="stable").reset_index(drop=True)


def share_coverage_finding(figures: pd.DataFrame) -> pd.DataFrame:
    """The seed's share-of-idle-stock figure as one audit row (rule ``seed_share``)."""
    f = prepare(figures)
    cov = share_coverage(f)
    if cov.empty:
        return _empty_checks()
    seed = f[f["primary"].astype(bool)]
    share, idle = seed[seed["metric"] == "revived_share_pct"].iloc[0], seed[seed["metric"] == "idle_units"].iloc[0]
    imp = _interval(cov["implied_low"].head(1), cov["implied_high"].head(1)).iloc[0]
    hits = cov[cov["matches"]]
    near = cov.sort_values(["distance", "last_year", "first_year"], ascending=[True, False, False], kind="stable").head(2)
    runs = lambda d: "; ".join(  # noqa: E731 - a local formatter
        (d["first_year"].astype(str) + np.where(d["first_year"] == d["last_year"], "", " to " + d["last_year"].astype(str))
         + np.where(d["to_seed_date"], " (to the seed's date)", "") + ": " + _interval(d["sum_low"], d["sum_high"])).tolist())
    if hits.empty:
        finding = (f"{_num(share['value'])}% of {_num(idle['value'])} is {imp} units; no run of consecutive Iranian years in the ledger, "
                   f"up to the seed's date, adds up to that. Closest: {runs(near)}.")
    else:
        finding = f"{_num(share['value'])}% of {_num(idle['value'])} is {imp} units; only these runs of years fit: {runs(hits)}."
    out = pd.DataFrame([{
        "severity": "inference", "subject": "revived_share_pct, national, the seed's idle stock",
        "figure_ids": f"{share['figure_id']}, {idle['figure_id']}; {_join(pd.Series(', '.join(cov['ids']).split(', ')))}",
        "source_ids": _join(pd.Series([share["source_id"]])),
        "values": f"{_stated(seed[seed['metric'] == 'revived_share_pct']).iloc[0]} of {_stated(seed[seed['metric'] == 'idle_units']).iloc[0]}",
        "arithmetic": f"{_interval(pd.Series([share['low']]), pd.Series([share['high']])).iloc[0]}% x {_interval(pd.Series([idle['low']]), pd.Series([idle['high']])).iloc[0]} / 100 = {imp}",
        "finding": finding, "flagged": True,
    }])
    return _finish(out, "seed_share")


# ---------------------------------------------------------------------------------------------
# Rule 12 (seed): the seed's date from the year-to-date counts that bracket its own
# ---------------------------------------------------------------------------------------------

def seed_date_brackets(figures: pd.DataFrame) -> pd.DataFrame:
    """For each open-ended cumulative count of the seed, the other reports' counts that bracket it.

    Same metric, scope and start. A count certainly below the seed's (its upper bound under the
    seed's lower bound) ended no later than the seed's date, so the seed's date is no earlier than
    that count's earliest end; a count certainly above it bounds the seed's date from above by its
    latest end (both inclusive). The tightest bracket on each side is kept. One row per seed count,
    with the window intersected with the seed's own publication bounds.
    """
    f = prepare(figures)
    seed = f[f["primary"].astype(bool) & f["metric"].isin(COUNT_METRICS) & f["end"].isna() & f["start"].notna()]
    other = f[~f["primary"].astype(bool) & f["metric"].isin(COUNT_METRICS)]
    cols = ["metric", "scope", "start", "figure_id", "source_id", "value", "qualifier", "low", "high", "end_earliest", "end_latest"]
    m = seed[cols + ["published_earliest", "published_latest"]].merge(other[cols], on=["metric", "scope", "start"], suffixes=("", "_o"))
    lower = m[m["high_o"] < m["low"]].assign(bound=lambda d: d["end_earliest_o"])
    upper = m[m["low_o"] > m["high"]].assign(bound=lambda d: d["end_latest_o"])
    lower = lower[lower["bound"] == lower.groupby("figure_id")["bound"].transform("max")]
    upper = upper[upper["bound"] == upper.groupby("figure_id")["bound"].transform("min")]

    def side(d: pd.DataFrame, name: str) -> pd.DataFrame:
        d = d.sort_values(["figure_id", "figure_id_o"], kind="stable")
        d = d.assign(lab=_stated(d.assign(value=d["value_o"], qualifier=d["qualifier_o"]))
                     + " (" + d["figure_id_o"] + ", " + d["source_id_o"] + ", to "
                     + _date(d["end_earliest_o"]).where(d["end_earliest_o"] == d["end_latest_o"], _date(d["end_earliest_o"]) + " .. " + _date(d["end_latest_o"])) + ")")
        return d.groupby("figure_id").agg(**{f"{name}_date": ("bound", "first"), f"{name}_ids": ("figure_id_o", _join),
                                             f"{name}_sources": ("source_id_o", _join), f"{name}_figures": ("lab", "; ".join)})

    out = seed[["figure_id", "source_id", "metric", "scope", "start", "value", "qualifier", "low", "high", "published_earliest", "published_latest"]]
    out = out.set_index("figure_id").join(side(lower, "lower")).join(side(upper, "upper")).reset_index()
    out["window_earliest"] = out[["published_earliest", "lower_date"]].max(axis=1)
    out["window_latest"] = out[["published_latest", "upper_date"]].min(axis=1)
    return out.sort_values("figure_id", kind="stable").reset_index(drop=True)


def seed_date_window(figures: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The seed's publication window implied by every bracketing count, within its text bounds."""
    b = seed_date_brackets(figures)
    if b.empty:
        f = prepare(figures)
        seed = f[f["primary"].astype(bool)]
        return seed["published_earliest"].min(), seed["published_latest"].max()
    return b["window_earliest"].max(), b["window_latest"].min()


def seed_date_finding(figures: pd.DataFrame) -> pd.DataFrame:
    """The seed-date window as one audit row (rule ``seed_date``)."""
    b = seed_date_brackets(figures)
    b = b[b["lower_ids"].notna() | b["upper_ids"].notna()]
    if b.empty:
        return _empty_checks()
    early, late = seed_date_window(figures)
    text_early, text_late = b["published_earliest"].iloc[0], b["published_latest"].iloc[0]
    seed_lab = _stated(b.assign(metric=b["metric"])) + " " + b["metric"] + " (" + b["figure_id"] + ")"
    values = "; ".join((seed_lab + ": above " + b["lower_figures"].fillna("nothing") + "; below " + b["upper_figures"].fillna("nothing")).tolist())
    days_text, days_win = (text_late - text_early).days + 1, (late - early).days + 1
    out = pd.DataFrame([{
        "severity": "inference", "subject": "the seed's publication date",
        "figure_ids": _join(b["figure_id"]) + "; " + _join(pd.Series(", ".join(b[["lower_ids", "upper_ids"]].stack().dropna().tolist()).split(", "))),
        "source_ids": _join(b["source_id"]) + "; " + _join(pd.Series(", ".join(b[["lower_sources", "upper_sources"]].stack().dropna().tolist()).split(", "))),
        "values": values,
        "arithmetic": (f"latest lower-bracket end {early:%Y-%m-%d}, earliest upper-bracket end {late:%Y-%m-%d}; "
                       f"{days_win} days against the text's {days_text} ({text_early:%Y-%m-%d} to {text_late:%Y-%m-%d})"),
        "finding": (f"The year-to-date counts of other reports that bracket the seed's own put its date between "
                    f"{early:%Y-%m-%d} and {late:%Y-%m-%d}, inside the text's bounds of {text_early:%Y-%m-%d} to {text_late:%Y-%m-%d}."),
        "flagged": True,
    }])
    return _finish(out, "seed_date")


# ---------------------------------------------------------------------------------------------
# The audit
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One audit rule: its id, what it detects, and the function returning its findings."""

    id: str
    title: str
    findings: Callable[[pd.DataFrame], pd.DataFrame]


def _flagged(fn: Callable[[pd.DataFrame], pd.DataFrame], collapse: bool = False) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def run(figures: pd.DataFrame) -> pd.DataFrame:
        checks = fn(figures)
        return _collapse_groups(checks) if collapse else checks[checks["flagged"]]
    return run


#: Every rule, in the order the findings table lists them.
RULES: tuple[Rule, ...] = (
    Rule("ytd_decrease", "a cumulative (year-to-date) count that goes down in a later report", _flagged(ytd_decreases)),
    Rule("marginal_jobs_per_unit", "an implausible marginal jobs per unit between consecutive cumulative reports", _flagged(marginal_jobs_per_unit)),
    Rule("restated_differently", "different values for the same metric, period and scope", _flagged(restated_differently)),
    Rule("dollar_conversion", "one rial sum converted to dollar sums implying different rates", _flagged(dollar_conversions, collapse=True)),
    Rule("percentage", "a stated percentage that does not match its parts, or divides by an earlier target", _flagged(percentage_checks)),
    Rule("growth", "a stated growth rate that does not match its parts", _flagged(growth_checks)),
    Rule("average", "a stated average that does not match the figures it summarises", _flagged(average_checks)),
    Rule("reused_value", "the same number stated for different metrics, scopes or periods", _flagged(reused_values)),
    Rule("parts_total", "parts (inside and outside parks) that do not add up to the national figure", _flagged(parts_checks)),
    Rule("multi_year_total", "a multi-year total that does not match the sum of its years", _flagged(multi_year_checks)),
    Rule("seed_share", "what period the seed's share of its idle stock can cover", share_coverage_finding),
    Rule("seed_date", "the seed's date from the year-to-date counts bracketing its own", seed_date_finding),
)


def audit(ledger) -> pd.DataFrame:
    """Every finding of every rule, one row each, in :data:`RULES` order (columns: :data:`FINDING_COLUMNS`).

    ``ledger`` is a :class:`~analysis.ledger.Ledger` or a figures frame shaped like ``Ledger.figures``.
    """
    figures = ledger.figures if hasattr(ledger, "figures") else ledger
    f = prepare(figures)
    parts = [r.findings(f)[FINDING_COLUMNS] for r in RULES]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in FINDING_COLUMNS})
    return pd.concat(parts, ignore_index=True).astype("str")


def counts_by_rule(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings per rule and severity, every rule listed (zero where none), in :data:`RULES` order."""
    rules = pd.DataFrame({"rule": [r.id for r in RULES], "detects": [r.title for r in RULES]})
    counts = findings.groupby(["rule", "severity"]).size().unstack(fill_value=0) if not findings.empty else pd.DataFrame()
    out = rules.merge(counts, left_on="rule", right_index=True, how="left").fillna(0)
    for col in ("contradiction", "question", "inference"):
        out[col] = out[col].astype(int) if col in out else 0
    out["findings"] = out[["contradiction", "question", "inference"]].sum(axis=1)
    return out[["rule", "detects", "findings", "contradiction", "question", "inference"]]


def name_sources(findings: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The findings with a ``sources`` column naming each source ('Tehran Times (S16)'), in id order."""
    ids = findings["source_ids"].str.split(r"[;,]\s*", regex=True).explode().str.strip()
    ids = ids[ids != ""]
    publisher = ids.map(sources.set_index("source_id")["publisher"]).fillna("unknown source")
    named = (publisher + " (" + ids + ")").groupby(level=0).agg(lambda s: "; ".join(dict.fromkeys(s)))
    return findings.assign(sources=named.reindex(findings.index).fillna(""))


def summary(findings: pd.DataFrame, ledger) -> str:
    """The answer in sentences, built from the findings' counts (Markdown)."""
    counts = counts_by_rule(findings)
    by_sev = counts[["contradiction", "question", "inference"]].sum()
    figures = ledger.figures if hasattr(ledger, "figures") else ledger
    involved = findings["figure_ids"].str.split(r"[;,]\s*", regex=True).explode().str.strip()
    involved = involved[involved != ""].nunique()
    hits = counts[counts["findings"] > 0]
    lines = "; ".join((hits["detects"] + " (" + hits["findings"].astype(str) + ")").tolist())
    none = counts[counts["findings"] == 0]["detects"].tolist()
    answer = (f"The audit checks {len(figures)} figures from {figures['source_id'].nunique()} sources with {len(RULES)} rules "
            f"and lists {len(findings)} findings involving {involved} figures: "
            f"{by_sev['contradiction']} contradictions (the figures as stated cannot all hold, even allowing for rounding), "
            f"{by_sev['question']} questions (they can, but only in a way worth a look) and "
            f"{by_sev['inference']} inferences about the seed. By rule: {lines}.")
    if none:
        answer += " No findings for: " + "; ".join(none) + "."
    return answer


# ---------------------------------------------------------------------------------------------
# For the notebook: sentences, the figures behind a table, the seed-date chart
# ---------------------------------------------------------------------------------------------

def _ids(column: pd.Series) -> pd.Series:
    ids = column.str.split(r"[;,]\s*", regex=True).explode().str.strip()
    return ids[ids != ""]


def involving(findings: pd.DataFrame, figure_ids) -> pd.DataFrame:
    """The findings (or checks) that involve any of ``figure_ids``."""
    ids = _ids(findings["figure_ids"])
    hit = ids.isin(list(figure_ids)).groupby(level=0).any()
    return findings[hit.reindex(findings.index, fill_value=False)]


def sentences(checks: pd.DataFrame) -> str:
    """The flagged checks' findings as a Markdown list (each with its rule's figures), or a sentence saying there are none."""
    flagged = checks[checks["flagged"].astype(bool)] if "flagged" in checks else checks
    if flagged.empty:
        return "No findings: every check of this rule holds within the figures' bounds."
    return "\n".join(("- " + text.escape_column(flagged["finding"]) + " (" + text.escape_column(flagged["figure_ids"]) + ")").tolist())


def figures_behind(checks: pd.DataFrame, ledger, flagged_only: bool = True) -> pd.DataFrame:
    """The ledger rows of the figures a table of checks names, in figure-id order, with their sources' publishers."""
    rows = checks[checks["flagged"].astype(bool)] if flagged_only and "flagged" in checks else checks
    ids = _ids(rows["figure_ids"]).unique() if not rows.empty else []
    f = ledger.figures
    f = f[f["figure_id"].isin(list(ids))].sort_values("figure_id", kind="stable")
    publisher = f["source_id"].map(ledger.sources.set_index("source_id")["publisher"])
    out = f.assign(publisher=publisher, period=_period(prepare(f)))
    return out[["figure_id", "source_id", "publisher", "metric", "value", "qualifier", "low", "high", "scope", "period",
                "start_jalali", "end_jalali"]].reset_index(drop=True)


def seed_date_evidence(ledger) -> pd.DataFrame:
    """Every line of evidence on the seed's publication date, as intervals, in both calendars.

    Rows: the text's own bounds (the source's publication bounds); each estimate in the seed's
    provenance record other than the cross-report one (which this module computes instead); each
    bracketing count's end (the latest lower and earliest upper bracket); and the window the
    brackets imply (:func:`seed_date_window`). ``days`` counts both ends.
    """
    from .seed import read_provenance

    src = ledger.primary_source()
    rows = [{"evidence": "the seed's text (its own date clues)", "label": f"the seed's text ({src['source_id']})", "basis": "text_clues",
             "earliest": src["published_earliest"], "latest": src["published_latest"], "figure_ids": "", "source_ids": src["source_id"]}]
    if src.get("seed_file", ""):
        prov = read_provenance(src["seed_file"])
        rows += [{"evidence": "Tehran Times article number (provenance record; an estimate)",
                  "label": "article-number estimate (provenance record)", "basis": e.basis,
                  "earliest": pd.Timestamp(e.earliest), "latest": pd.Timestamp(e.latest), "figure_ids": "", "source_ids": src["source_id"]}
                 for e in prov.evidence if e.basis not in ("text_clues", "cross_report")]
    b = seed_date_brackets(ledger.figures)
    ends = ledger.figures.set_index("figure_id")[["end_earliest", "end_latest"]]
    sides = []
    for side, word in (("lower", "a smaller count ends (the seed is later)"), ("upper", "a larger count ends (the seed is earlier)")):
        d = b[b[f"{side}_ids"].notna()]
        first_id = d[f"{side}_ids"].str.split(", ").str[0]
        sides.append(pd.DataFrame({
            "evidence": d["figure_id"] + " " + d["metric"] + " " + _nums(d["value"]) + ": " + word + ": " + d[f"{side}_figures"],
            "label": np.where(side == "lower", "smaller ", "larger ") + d["metric"].str.replace("_", " ") + " count: "
                     + d[f"{side}_figures"].str.split(", to ").str[0] + ")",
            "basis": "cross_report", "earliest": first_id.map(ends["end_earliest"]), "latest": first_id.map(ends["end_latest"]),
            "figure_ids": d[f"{side}_ids"], "source_ids": d[f"{side}_sources"]}))
    early, late = seed_date_window(ledger.figures)
    brackets = pd.concat(sides, ignore_index=True)
    computed = pd.DataFrame([{"evidence": "window the bracketing counts imply (within the text's bounds)",
                              "label": "window implied by the bracketing counts", "basis": "computed",
                              "earliest": early, "latest": late, "figure_ids": _join(_ids(brackets["figure_ids"])),
                              "source_ids": _join(_ids(brackets["source_ids"]))}])
    rows = [*rows, *brackets.to_dict("records"), *computed.to_dict("records")]
    out = pd.DataFrame(rows)
    out = out.assign(earliest_jalali=calendar.gregorian_column_to_jalali(out["earliest"]),
                     latest_jalali=calendar.gregorian_column_to_jalali(out["latest"]),
                     days=calendar.days_inclusive(out["earliest"], out["latest"]))
    return out[["evidence", "label", "basis", "earliest", "latest", "earliest_jalali", "latest_jalali", "days", "figure_ids", "source_ids"]]


def plot_seed_date(evidence: pd.DataFrame):
    """Horizontal bars, one per line of evidence (:func:`seed_date_evidence`); returns ``(fig, ax)``.

    Ticks fall on the first day of each Gregorian month within the text's bounds, labelled in both calendars.
    """
    import matplotlib.pyplot as plt

    from .plots import label_dates_both_calendars

    ev = evidence.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, 0.8 * len(ev) + 2.2))
    colours = {"text_clues": "#9e9e9e", "id_interpolation": "#7fa7c9", "cross_report": "#d9a05b", "computed": "#2b6a99"}
    width = (ev["latest"] - ev["earliest"] + pd.Timedelta(days=1))
    ax.barh(ev.index, width.dt.days, left=ev["earliest"], height=0.4,
            color=ev["basis"].map(colours).fillna("#999999"), edgecolor="#333333", linewidth=0.6)
    dates = (_date(ev["earliest"]) + " (" + ev["earliest_jalali"] + ")").where(
        ev["earliest"] == ev["latest"],
        _date(ev["earliest"]) + " to " + _date(ev["latest"]) + "  (" + ev["earliest_jalali"] + " to " + ev["latest_jalali"] + ")")
    for i, (e, text) in enumerate(zip(ev["earliest"], dates)):  # one label per bar
        ax.text(e, i + 0.26, text, va="bottom", ha="left", fontsize=8.5)
    ax.set_yticks(ev.index, [_wrap_label(t, 34) for t in ev["label"]], fontsize=9)
    ax.set_ylim(-0.6, len(ev) - 0.2)
    lo, hi = evidence["earliest"].min(), evidence["latest"].max()
    label_dates_both_calendars(ax, pd.date_range(lo + pd.offsets.MonthBegin(0), hi, freq="2MS"))
    ax.tick_params(axis="x", labelsize=9)
    ax.set_xlim(lo - pd.Timedelta(days=5), hi + pd.Timedelta(days=5))
    return fig, ax


def _wrap_label(text: str, width: int = 46) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def source_ids(frame: pd.DataFrame) -> list[str]:
    """The distinct source ids a table names in its ``source_ids`` column, in order of appearance."""
    return list(dict.fromkeys(_ids(frame["source_ids"].fillna("")).tolist()))
