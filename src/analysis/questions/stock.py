"""The idle stock against the revivals: is the stock of idle units shrinking?

In: an :class:`~analysis.evidence.Evidence`. Out:

- :func:`stocks`: every stated stock of idle units (``idle_units``) or of idle and semi-active units
  (``idle_semi_active_units``, a wider definition), by scope, in order of its as-of date (an undated
  statement stands at its report's date window), with its **base**: the count of all units its report
  gives for the same scope, where it gives one;
- :func:`between`: for consecutive stocks of one scope, the change in the stock, the units revived in
  between (what the yearly counts imply, :func:`analysis.evidence.terms.span_counts`, at least over the
  days certainly between the two as-of dates and at most from the earliest possible date of the first
  to the latest possible date of the second), and what the two imply had to fall idle (or be newly
  counted) meanwhile: change + revivals. Only stocks of one definition and one base are
  ``comparable``; a change of definition or base is shown as such (``why``), never as a rise or fall
  (worked out once per evidence, :mod:`.memo`: the page's answer, chart and table all read it);
- :func:`first_and_last`: per scope, the first and last stock of the longest run of comparable ones;
- :func:`revived_share`: each year's revivals as a share of the idle stock stated nearest before the
  year's end, same scope.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import fmt
from ..bounds import Estimate
from ..evidence.estimates import WHOLE_YEAR_BASES
from ..evidence.keys import join_lists
from ..evidence.terms import span_counts
from .memo import per_evidence

IDLE = "idle_units"
#: The stocks of idle units, by definition: the narrow one first.
DEFINITIONS: tuple[str, ...] = ("idle_units", "idle_semi_active_units")


def stocks(ev) -> pd.DataFrame:
    """Idle-stock claims by scope and as-of window (``end_earliest``/``end_latest``), earliest first, with
    ``base_claim``/``base_value``/``base_low``/``base_high`` (all units of the same scope, from one of the
    stock's reports, with every wording of it to within a rounding step: two bases are one when these
    meet; NaN where no report gives one)."""
    s = ev.claims[ev.claims["metric"].isin(DEFINITIONS)]
    f = ev.figures
    reports = f[f["claim_id"].isin(s["claim_id"])][["claim_id", "source_id", "scope"]]
    totals = f[f["metric"] == "total_units"][["source_id", "scope", "claim_id"]].rename(columns={"claim_id": "base_claim"})
    base = reports.merge(totals, on=["source_id", "scope"]).drop_duplicates("claim_id").set_index("claim_id")["base_claim"]
    base = base.to_dict()
    s = s.assign(base_claim=pd.Series([base.get(c, "") for c in s["claim_id"]], index=s.index, dtype="str"))
    b = ev.claims.set_index("claim_id").reindex(s["base_claim"])
    s = s.assign(base_value=b["value"].to_numpy(), base_low=b["gen_low"].to_numpy(), base_high=b["gen_high"].to_numpy())
    return s.sort_values(["scope", "end_earliest", "end_latest", "claim_id"], kind="stable").reset_index(drop=True)


def _comparable(prev: pd.DataFrame, m: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Whether two stocks share a definition and a base, and in words why not."""
    same_def = prev["metric"].to_numpy() == m["metric"].to_numpy()
    known_prev, known = prev["base_value"].notna().to_numpy(), m["base_value"].notna().to_numpy()
    overlap = (prev["base_low"].to_numpy() <= m["base_high"].to_numpy()) & (m["base_low"].to_numpy() <= prev["base_high"].to_numpy())
    same_base = (~known_prev & ~known) | (known_prev & known & overlap)
    bases = (fmt.each(fmt.number, prev["base_value"]).to_numpy() + " and " + fmt.each(fmt.number, m["base_value"]).to_numpy())
    why = np.where(~same_def, "a change of definition: " + fmt.labels("metric", prev["metric"]).to_numpy() + " then "
                   + fmt.labels("metric", m["metric"]).to_numpy(),
                   np.where(known_prev != known, "a change of base: only one report says how many units the stock is part of",
                            np.where(~same_base, "a change of base: out of " + bases + " units", "")))
    return pd.Series(same_def & same_base, index=m.index), pd.Series(why, index=m.index, dtype="str")


@per_evidence
def between(ev) -> pd.DataFrame:
    """Consecutive stocks of a scope whose as-of windows do not overlap, with the revivals between them.

    Columns: ``scope``, ``from_claim``/``to_claim`` with their ``from_*``/``to_*`` value and bounds and
    as-of windows, ``comparable`` and ``why`` (a change of definition or base), ``change_*`` (the stock's
    change), ``revived_*`` (units revived in between, same scope: at least those certainly between the
    two dates, at most those from the first's earliest possible date to the second's latest; no upper
    bound where a year has no count), ``inflow_*`` (change + revived: units that fell idle or were newly
    counted), ``parts`` and ``part_claims`` (how the revivals were added up).
    """
    s = stocks(ev)
    if len(s) < 2:
        return pd.DataFrame()
    cols = ["claim_id", "metric", "value", "low", "high", "end_earliest", "end_latest", "source_ids", "figure_ids", "base_value",
            "base_low", "base_high"]
    prev = s.groupby("scope")[cols].shift()
    m = s[prev["claim_id"].notna()].copy()
    prev = prev.loc[m.index]
    ordered = prev["end_latest"] < m["end_earliest"]
    m, prev = m[ordered].copy(), prev[ordered]
    if m.empty:
        return pd.DataFrame()
    comparable, why = _comparable(prev, m)

    def revivals(start: pd.Series, end_earliest: pd.Series, end_latest: pd.Series) -> pd.DataFrame:
        spans = pd.DataFrame({"metric": "units_revived", "scope": m["scope"], "start": start, "end_earliest": end_earliest,
                              "end_latest": end_latest}, index=m.index)
        return span_counts(spans, ev.estimates, ev.series)

    inner = revivals(prev["end_latest"] + pd.Timedelta(days=1), m["end_earliest"], m["end_earliest"])
    outer = revivals(prev["end_earliest"] + pd.Timedelta(days=1), m["end_latest"], m["end_latest"])
    change = Estimate(m["value"], m["low"], m["high"]) - Estimate(prev["value"], prev["low"], prev["high"])
    revived = Estimate(inner["implied_value"].where(prev["end_earliest"] == prev["end_latest"]), inner["implied_low"], outer["implied_high"])
    inflow = change + revived
    out = pd.DataFrame({
        "scope": m["scope"], "from_claim": prev["claim_id"], "from_metric": prev["metric"], "from_value": prev["value"],
        "from_low": prev["low"], "from_high": prev["high"], "from_earliest": prev["end_earliest"], "from_latest": prev["end_latest"],
        "to_claim": m["claim_id"], "to_metric": m["metric"], "to_value": m["value"], "to_low": m["low"], "to_high": m["high"],
        "to_earliest": m["end_earliest"], "to_latest": m["end_latest"], "comparable": comparable, "why": why,
        "change_value": change.value, "change_low": change.low, "change_high": change.high,
        "revived_value": revived.value, "revived_low": revived.low, "revived_high": revived.high,
        "inflow_value": inflow.value, "inflow_low": inflow.low, "inflow_high": inflow.high,
        "parts": outer["parts"], "part_claims": outer["part_claims"],
        "source_ids": join_lists(prev["source_ids"], m["source_ids"]),
        "figure_ids": prev["figure_ids"] + "; " + m["figure_ids"],
    })
    return out.reset_index(drop=True)


def first_and_last(ev) -> pd.DataFrame:
    """Per scope, the first and last stock of its longest run of comparable consecutive stocks (the latest
    run on a tie), with the revivals between them (as :func:`between`); none for a scope whose stocks
    change definition or base at every step."""
    b = between(ev)
    if b.empty:
        return b
    b = b.copy()
    b["run"] = (~b["comparable"]).groupby(b["scope"]).cumsum()
    runs = b[b["comparable"]].groupby(["scope", "run"]).agg(n=("to_claim", "size"), first=("from_claim", "first"), last=("to_claim", "last"))
    if runs.empty:
        return b.iloc[0:0]
    best = runs.reset_index().sort_values(["scope", "n", "run"], kind="stable").drop_duplicates("scope", keep="last")
    keep = set(best["first"]) | set(best["last"])
    s = stocks(ev)
    ends = s[s["claim_id"].isin(keep)]
    sub = ev.__class__(**{**ev.__dict__, "claims": pd.concat([ev.claims[~ev.claims["metric"].isin(DEFINITIONS)],
                                                               ev.claims[ev.claims["claim_id"].isin(ends["claim_id"])]], ignore_index=True)})
    return between(sub)


def revived_share(ev) -> pd.DataFrame:
    """Each year's revivals (best estimate) as a percent of the idle stock (narrow definition) of the same
    scope stated nearest before the year's end (a sorted as-of join on the stock's latest as-of date)."""
    e = ev.estimates[(ev.estimates["metric"] == "units_revived") & ev.estimates["basis"].isin(WHOLE_YEAR_BASES)].copy()
    s = stocks(ev)
    s = s[s["metric"] == IDLE]
    if e.empty or s.empty:
        return pd.DataFrame()
    years = ev.claims[["first_year", "year_end"]].dropna().drop_duplicates("first_year").rename(columns={"first_year": "jalali_year"})
    e = e.merge(years, on="jalali_year", how="left")
    m = pd.merge_asof(e.sort_values("year_end", kind="stable"), s[["scope", "end_latest", "claim_id", "value", "low", "high"]]
                      .rename(columns={"claim_id": "stock_claim"}).sort_values("end_latest", kind="stable"),
                      left_on="year_end", right_on="end_latest", by="scope", direction="backward", suffixes=("", "_stock"))
    m = m[m["stock_claim"].notna()].copy()
    share = Estimate(m["value"], m["low"], m["high"]) / Estimate(m["value_stock"], m["low_stock"], m["high_stock"]) * 100
    m["share_value"], m["share_low"], m["share_high"] = share.value, share.low, share.high
    return m.sort_values(["scope", "jalali_year"], kind="stable").reset_index(drop=True)
