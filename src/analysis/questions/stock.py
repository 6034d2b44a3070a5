"""The idle stock against the revivals: is the stock of idle units shrinking?

In: an :class:`~analysis.evidence.Evidence`. Out:

- :func:`stocks`: every stated count of idle units, by scope, in order of its as-of date (an undated
  statement stands at its report's date window);
- :func:`between`: for consecutive stocks of one scope, the change in the stock, the units revived in
  between (what the yearly counts imply for that span, :func:`analysis.evidence.terms.span_counts`),
  and what the two imply had to fall idle (or be newly counted) meanwhile: change + revivals;
- :func:`revived_share`: each year's revivals as a share of the idle stock stated nearest before the
  year's end, same scope.
"""

from __future__ import annotations

import pandas as pd

from ..bounds import Estimate
from ..evidence.keys import join_lists
from ..evidence.terms import span_counts

IDLE = "idle_units"


def stocks(ev) -> pd.DataFrame:
    """Idle-unit claims by scope and as-of window (``end_earliest``/``end_latest``), earliest first."""
    s = ev.claims[ev.claims["metric"] == IDLE]
    return s.sort_values(["scope", "end_earliest", "end_latest", "claim_id"], kind="stable").reset_index(drop=True)


def between(ev) -> pd.DataFrame:
    """Consecutive stocks of a scope whose as-of windows do not overlap, with the revivals between them.

    Columns: ``scope``, ``from_claim``/``to_claim`` with their ``from_*``/``to_*`` value and bounds and
    as-of windows, ``change_*`` (the stock's change), ``revived_*`` (units revived in between, same
    scope; at least zero, no upper bound where a year has no count), ``inflow_*`` (change + revived:
    units that fell idle or were newly counted), ``parts`` and ``part_claims`` (how the revivals were
    added up).
    """
    s = stocks(ev)
    if len(s) < 2:
        return pd.DataFrame()
    prev = s.groupby("scope")[["claim_id", "value", "low", "high", "end_earliest", "end_latest", "source_ids", "figure_ids"]].shift()
    m = s[prev["claim_id"].notna()].copy()
    prev = prev.loc[m.index]
    ordered = prev["end_latest"] < m["end_earliest"]
    m, prev = m[ordered].copy(), prev[ordered]
    if m.empty:
        return pd.DataFrame()
    spans = pd.DataFrame({"metric": "units_revived", "scope": m["scope"], "start": prev["end_latest"] + pd.Timedelta(days=1),
                          "end_earliest": m["end_earliest"], "end_latest": m["end_latest"]}, index=m.index)
    rev = span_counts(spans, ev.estimates, ev.series)
    change = Estimate(m["value"], m["low"], m["high"]) - Estimate(prev["value"], prev["low"], prev["high"])
    revived = Estimate(rev["implied_value"], rev["implied_low"], rev["implied_high"])
    inflow = change + revived
    out = pd.DataFrame({
        "scope": m["scope"], "from_claim": prev["claim_id"], "from_value": prev["value"], "from_low": prev["low"], "from_high": prev["high"],
        "from_earliest": prev["end_earliest"], "from_latest": prev["end_latest"], "to_claim": m["claim_id"], "to_value": m["value"],
        "to_low": m["low"], "to_high": m["high"], "to_earliest": m["end_earliest"], "to_latest": m["end_latest"],
        "change_value": change.value, "change_low": change.low, "change_high": change.high,
        "revived_value": revived.value, "revived_low": revived.low, "revived_high": revived.high,
        "inflow_value": inflow.value, "inflow_low": inflow.low, "inflow_high": inflow.high,
        "parts": rev["parts"], "part_claims": rev["part_claims"],
        "source_ids": join_lists(prev["source_ids"], m["source_ids"]),
        "figure_ids": prev["figure_ids"] + "; " + m["figure_ids"],
    })
    return out.reset_index(drop=True)


def first_and_last(ev) -> pd.DataFrame:
    """Per scope, the earliest and the latest stated stock, with the revivals between them (as :func:`between`)."""
    s = stocks(ev)
    ends = pd.concat([s.groupby("scope").head(1), s.groupby("scope").tail(1)]).drop_duplicates("claim_id")
    ends = ends.sort_values(["scope", "end_earliest"], kind="stable")
    if ends.groupby("scope").size().max() < 2:
        return pd.DataFrame()
    sub = ev.__class__(**{**ev.__dict__, "claims": pd.concat([ev.claims[ev.claims["metric"] != IDLE], ends], ignore_index=True)})
    return between(sub)


def revived_share(ev) -> pd.DataFrame:
    """Each year's revivals (best estimate) as a percent of the idle stock of the same scope stated
    nearest before the year's end (a sorted as-of join on the stock's latest as-of date)."""
    e = ev.estimates[(ev.estimates["metric"] == "units_revived") & ev.estimates["basis"].isin(["full_year", "total_less_years"])].copy()
    s = stocks(ev)
    if e.empty or s.empty:
        return pd.DataFrame()
    years = ev.claims[["first_year", "year_end"]].dropna().drop_duplicates("first_year").rename(columns={"first_year": "jalali_year"})
    e = e.merge(years, on="jalali_year", how="left")
    m = pd.merge_asof(e.sort_values("year_end"), s[["scope", "end_latest", "claim_id", "value", "low", "high"]]
                      .rename(columns={"claim_id": "stock_claim"}).sort_values("end_latest"),
                      left_on="year_end", right_on="end_latest", by="scope", direction="backward", suffixes=("", "_stock"))
    m = m[m["stock_claim"].notna()].copy()
    share = Estimate(m["value"], m["low"], m["high"]) / Estimate(m["value_stock"], m["low_stock"], m["high_stock"]) * 100
    m["share_value"], m["share_low"], m["share_high"] = share.value, share.low, share.high
    return m.sort_values(["scope", "jalali_year"]).reset_index(drop=True)


