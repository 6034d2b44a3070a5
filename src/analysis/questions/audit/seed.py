"""What the seed's figures imply: its date, and the period its "21 percent of 9,800" can cover.

In: an :class:`~analysis.evidence.Evidence`. Out: tables behind two inferences (not checks: they say
what the figures imply, and are graded ``inference``), and the article's name as readers know it:

- :func:`date_brackets` / :func:`date_window`: the seed is undated; each of its year-to-date counts
  lies above counts of the same series that ended before it and below counts that ended after, so
  its date lies after the first's end and before the second's;
- :func:`likely_month` / :func:`primary_name`: the month its date most likely falls in (the middle of
  that window), and the article named by it ("the Tehran Times report of August 2020");
- :func:`share_runs`: the revived share of the idle stock is a count; the runs of years ending at
  the seed's year to date whose revivals it could equal.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...bounds import Estimate
from ...evidence.grading import grade
from ...words import All, Approx, Date, Day, Est, Label, Month, Msg, Num, Share, Year
from . import checks as ck


def _seed_series(ev) -> pd.DataFrame:
    return ev.series[ev.series["primary"] & (ev.series["period_kind"] != "full_year") & ev.series["end_from_publication"]]


def date_brackets(ev) -> pd.DataFrame:
    """Per seed year-to-date count: the latest-ending smaller count and the earliest-ending larger one of its series.

    Columns: the seed claim's ``claim_id``, ``metric``, ``value``; ``lower_claim``/``after`` (a count
    certainly smaller, whose earliest end the seed must follow) and ``upper_claim``/``before`` (a count
    certainly larger, whose latest end the seed must precede); ``source_ids``, the reports of both.
    """
    seed = _seed_series(ev)
    rows = []
    for _, s in seed.iterrows():  # the seed states one or two year-to-date counts
        same = ev.series[(ev.series["metric"] == s["metric"]) & (ev.series["scope"] == s["scope"])
                         & (ev.series["jalali_year"] == s["jalali_year"]) & (ev.series["claim_id"] != s["claim_id"])]
        smaller = same[same["high"] < s["low"]].sort_values("end_earliest", ascending=False, kind="stable")
        larger = same[same["low"] > s["high"]].sort_values("end_latest", kind="stable")
        lo = smaller.iloc[0] if len(smaller) else None
        hi = larger.iloc[0] if len(larger) else None
        rows.append({"claim_id": s["claim_id"], "metric": s["metric"], "scope": s["scope"], "value": s["value"], "low": s["low"],
                     "high": s["high"], "qualifier": s["qualifier"], "figure_ids": s["figure_ids"],
                     "lower_claim": lo["claim_id"] if lo is not None else "", "lower_value": lo["value"] if lo is not None else np.nan,
                     "after": lo["end_earliest"] if lo is not None else pd.NaT,
                     "lower_sources": lo["source_ids"] if lo is not None else "",
                     "upper_claim": hi["claim_id"] if hi is not None else "", "upper_value": hi["value"] if hi is not None else np.nan,
                     "before": hi["end_latest"] if hi is not None else pd.NaT,
                     "upper_sources": hi["source_ids"] if hi is not None else ""})
    out = pd.DataFrame(rows, columns=_BRACKET_COLUMNS)
    out["source_ids"] = ck.joined(out["lower_sources"], out["upper_sources"])
    return out


_BRACKET_COLUMNS = ["claim_id", "metric", "scope", "value", "low", "high", "qualifier", "figure_ids", "lower_claim", "lower_value",
                    "after", "lower_sources", "upper_claim", "upper_value", "before", "upper_sources"]


def date_window(ev) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The seed's publication window: its text's bounds narrowed by every bracket of :func:`date_brackets`."""
    src = ev.ledger.primary_source()
    early, late = pd.Timestamp(src["published_earliest"]), pd.Timestamp(src["published_latest"])
    b = date_brackets(ev)
    if len(b) and "after" in b:
        if b["after"].notna().any():
            early = max(early, b["after"].max())
        if b["before"].notna().any():
            late = min(late, b["before"].min())
    return early, late


def likely_month(ev) -> pd.Timestamp:
    """The first day of the month the primary report's date most likely falls in: the month of the middle
    of :func:`date_window` (the window other reports' counts leave, within what its text allows)."""
    early, late = date_window(ev)
    middle = early + (late - early) / 2
    return pd.Timestamp(year=middle.year, month=middle.month, day=1)


def primary_name(ev) -> Msg:
    """The primary report as readers know it: its outlet and the month its date most likely falls in
    ("the Tehran Times report of August 2020"), a message of the catalogue (``audit.primary``)."""
    src = ev.ledger.primary_source()
    return Msg("audit.primary", {"outlet": Label("outlet", fmt.short_publisher(src["publisher"])), "month": Month(likely_month(ev))})


def date_inference(ev) -> pd.DataFrame:
    """The seed's date window as one audit row (grade ``inference``)."""
    b = date_brackets(ev)
    if b.empty:
        return ck.empty()
    b = b[(b["lower_claim"] != "") | (b["upper_claim"] != "")]
    if b.empty:
        return ck.empty()
    early, late = date_window(ev)
    src = ev.ledger.primary_source()
    name = primary_name(ev)
    own = ck.said(b)
    lower, upper = ck.nums(b["lower_value"]), ck.nums(b["upper_value"])
    which = np.where((b["lower_claim"] != "") & (b["upper_claim"] != ""), "both", np.where(b["lower_claim"] != "", "above", "below"))
    parts = ck.msgs(["audit.arithmetic.seed_date." + w for w in which], own=own, lower=lower, upper=upper,
                    after=[Date(d) for d in b["after"]], before=[Date(d) for d in b["before"]])
    row = pd.DataFrame([{"x": 0}])
    text_early, text_late = pd.Timestamp(src["published_earliest"]), pd.Timestamp(src["published_latest"])
    return ck.rows(
        "seed_date", row, grade="inference", subject=Msg("audit.subject.seed_date", {"primary": name}), claim_id=b["claim_id"].iloc[0],
        claim_ids=ck.concat(pd.Series([", ".join(b["claim_id"])]), pd.Series([", ".join(x for x in b["lower_claim"].tolist() + b["upper_claim"].tolist() if x)])).iloc[0],
        figure_ids=", ".join(b["figure_ids"]), source_ids=ck.joined(pd.Series([src["source_id"]]), pd.Series([", ".join(b["lower_sources"].tolist() + b["upper_sources"].tolist())])).iloc[0],
        stated=Msg("audit.undated"), arithmetic=ck.semicolons(parts),
        finding=Msg("audit.finding.seed_date", {"primary": name, "first": Day(early), "last": Day(late),
                                                "window": Msg("form.window", {"first": Day(text_early), "last": Day(text_late)})}),
        headline=Msg("audit.headline.seed_date", {"primary": name, "first": Day(early), "last": Day(late)}),
        derived_low=np.nan, derived_high=np.nan)


def share_runs(ev) -> pd.DataFrame:
    """Runs of years ending with the seed's year to date, against the count its share of its idle stock implies.

    The implied count is share x stock (``revived_share_pct`` x ``idle_units`` of the seed, by
    interval arithmetic). Run 0 is the seed's year to date alone (its own count); run k adds the k
    whole years before, each at the seed's own full-year count where it gives one, else the headline
    estimate. Columns: ``first_year`` (the run's first Iranian year), ``years`` (a message: 'from 1397
    (2018–19) up to the report's publication'), ``sum_value/low/high``, ``grade`` (the implied count against
    the run's sum), ``claim_ids``.
    """
    seed = ev.claims[ev.claims["primary"]]
    share = seed[seed["metric"] == "revived_share_pct"]
    stock = seed[seed["metric"] == "idle_units"]
    ytd = _seed_series(ev)
    ytd = ytd[ytd["metric"] == "units_revived"]
    if share.empty or stock.empty or ytd.empty:
        return pd.DataFrame()
    sh, st, y = share.iloc[0], stock.iloc[0], ytd.iloc[0]
    implied = Estimate(sh["value"], sh["low"], sh["high"]) / 100 * Estimate(st["value"], st["low"], st["high"])
    own_years = seed[(seed["metric"] == "units_revived") & (seed["period_kind"] == "full_year")].set_index("first_year")
    head = ev.headline.set_index("jalali_year")
    total = Estimate(y["value"], y["low"], y["high"])
    rows = [{"run": 0, "first_year": int(y["jalali_year"]), "sum_value": total.value, "sum_low": total.low,
             "sum_high": total.high, "claim_ids": y["claim_id"]}]
    ids = [y["claim_id"]]
    year = int(y["jalali_year"]) - 1
    while year in own_years.index or year in head.index:  # back through the years the ledger covers
        r = own_years.loc[year] if year in own_years.index else head.loc[year]
        total = total + Estimate(r["value"], r["low"], r["high"])
        ids.append(r["claim_id"] if "claim_id" in r else r["chosen_claim"])
        rows.append({"run": len(rows), "first_year": year, "sum_value": total.value, "sum_low": total.low,
                     "sum_high": total.high, "claim_ids": ", ".join(ids)})
        year -= 1
    out = pd.DataFrame(rows)
    out.insert(1, "years", [Msg("audit.run.years", {"year": Year(int(v))}) for v in out["first_year"]])
    out["grade"] = grade(implied.low, implied.high, out["sum_low"], out["sum_high"], out["sum_value"], index=out.index)
    out["implied_value"], out["implied_low"], out["implied_high"] = implied.value, implied.low, implied.high
    out["share_claim"], out["stock_claim"] = sh["claim_id"], st["claim_id"]
    return out


def share_inference(ev) -> pd.DataFrame:
    """What the seed's share of its idle stock can cover, as one audit row (grade ``inference``)."""
    runs = share_runs(ev)
    if runs.empty:
        return ck.empty()
    imp = runs.iloc[0]
    name = primary_name(ev)
    implied = Est(imp["implied_value"], imp["implied_low"], imp["implied_high"], "units")
    fits = runs[runs["grade"] != "contradiction"]
    below = runs[runs["sum_high"] < runs["implied_low"]]
    above = runs[runs["sum_low"] > runs["implied_high"]]
    slots = {"primary": name, "implied": implied}
    if len(fits):
        years = All(tuple(Year(int(v), span=False) for v in fits["first_year"]), "or")
        finding = Msg("audit.finding.seed_share.fits", {**slots, "years": years})
        headline = Msg("audit.headline.seed_share.fits", {"primary": name, "years": years})
    elif len(below) and len(above):
        lo, hi = below.iloc[-1], above.iloc[0]
        share_of_year = (imp["implied_value"] - lo["sum_value"]) / (hi["sum_value"] - lo["sum_value"]) * 100
        finding = Msg("audit.finding.seed_share.between", {**slots, "low_sum": Num(lo["sum_value"], 0), "low_year": Year(int(lo["first_year"]), span=False),
                                                           "high_sum": Num(hi["sum_value"], 0), "high_year": Year(int(hi["first_year"]), span=False),
                                                           "share": Share(share_of_year)})
        headline = Msg("audit.headline.seed_share.between", {"primary": name, "implied": Approx(imp["implied_value"])})
    else:
        finding = Msg("audit.finding.seed_share.none", slots)
        headline = Msg("audit.headline.seed_share.none", {"primary": name, "implied": Approx(imp["implied_value"])})
    run_text = ck.msgs("audit.run", year=[Year(int(v), span=False) for v in runs["first_year"]],
                       sum=ck.ests(runs["sum_value"], runs["sum_low"], runs["sum_high"], "units"))
    row = pd.DataFrame([{"x": 0}])
    return ck.rows(
        "seed_share", row, grade="inference", subject=Msg("audit.subject.seed_share", {"primary": name}),
        claim_id=imp["share_claim"], claim_ids=ck.concat(pd.Series([imp["share_claim"] + ", " + imp["stock_claim"]]), pd.Series([runs["claim_ids"].iloc[-1]])).iloc[0],
        figure_ids=imp["share_claim"] + ", " + imp["stock_claim"], source_ids=ev.ledger.primary_source()["source_id"],
        stated=Msg("audit.wordings.bare", {"words": implied}), arithmetic=Msg("audit.arithmetic.seed_share", {"implied": implied, "runs": ck.semicolons(run_text)}),
        finding=finding, headline=headline, derived_value=imp["implied_value"], derived_low=imp["implied_low"], derived_high=imp["implied_high"])
