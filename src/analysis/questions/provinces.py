"""The provinces: where revivals are reported, what share of the national count they make, and whether
the provincial figures fit the national ones.

In: the :class:`~analysis.evidence.Evidence` of the whole country (its ledger holds the provinces'
figures). :func:`places` assembles each province's evidence once (:func:`analysis.evidence.provinces`,
the same estimate rule as nationally, within one province) beside the national evidence. Out, each a
frame read from those (one question, one number: a province's count is its best estimate everywhere):

- :func:`years`: each province's best estimate of units revived per Iranian year and scope;
- :func:`shares`: each of those against the national estimate of the same year and scope, or, where
  the country has none of that scope, against the national count of the whole country, labelled
  (``cross_scope``); a share is only computed against a national count of the same year;
- :func:`jobs`: each province's unit-job pairs (jobs per revived unit) beside the national ratio of
  the same year and scope (or the whole country's, labelled);
- :func:`sums`: per year and scope, the provinces' estimates added up against the national estimate,
  graded by :mod:`analysis.evidence.grading` (a sum above the national count cannot hold);
- :func:`rankings`: pairs of provinces one report places below the other and another above it,
  graded by the same standard;
- :func:`in_year`: the counts to date of the latest year any province reports (1404 when written),
  with the share of the year elapsed and the province's target of the year;
- :func:`tiles`: the 31 provinces at their tile-grid squares, each with its latest whole-year count
  for the whole province (or why it has none), for the map;
- :func:`audit`: the audit's checks run within each province (:func:`analysis.questions.audit.checks` of each,
  most rules run once over every province: :mod:`analysis.questions.audit.together`);
- :func:`overview`: the few numbers the page's answer states.

A province's figures never enter a national number here: the national side of every comparison is
the national evidence (figures with no province), and a sum of provinces is set beside it, never in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import evidence
from ..assumptions import REVIVAL_SCOPES
from ..bounds import Estimate
from ..evidence.estimates import WHOLE_YEAR_BASES
from ..evidence.grading import judge
from ..evidence.keys import join_lists
from ..evidence.readings import part_of

UNITS, JOBS = "units_revived", "jobs_created"

#: The scope a province's count covers when it covers the whole province (every kind of location).
WHOLE = "national"

#: Rule ids of the two checks this page adds to the audit's (in words: the catalogue's ``rule.<id>``).
SUM_RULE, RANK_RULE = "province_sum", "province_rank"


@dataclass(frozen=True)
class Places:
    """The national evidence, each province's (by name, in the vocabulary's order) and every provincial figure."""

    national: object
    provinces: dict = field(default_factory=dict)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def sources(self) -> pd.DataFrame:
        return self.national.sources


def places(ev) -> Places:
    """The evidence of every province the ledger gives figures for, beside the national evidence ``ev``."""
    f = ev.ledger.figures
    provincial = f[f["province"] != ""] if "province" in f else f.iloc[0:0]
    return Places(ev, evidence.provinces(ev.ledger), provincial.reset_index(drop=True))


def names() -> list[str]:
    """Iran's provinces by English name, in the vocabulary's order."""
    from .. import vocab

    return list(vocab.PROVINCES)


def _order(frame: pd.DataFrame, *by: str) -> pd.DataFrame:
    """Rows in the vocabulary's order of provinces, then ``by`` (scopes in :data:`REVIVAL_SCOPES` order)."""
    rank = {p: i for i, p in enumerate(names())}
    scopes = {s: i for i, s in enumerate(REVIVAL_SCOPES)}
    keys = {"province": lambda s: s.map(rank), "scope": lambda s: s.map(scopes).fillna(len(scopes))}
    cols = ["province", *by]
    return frame.sort_values(cols, key=lambda s: keys[s.name](s) if s.name in keys else s, kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Each province's year
# ---------------------------------------------------------------------------------------------

YEAR_COLUMNS = ["province", "jalali_year", "scope", "value", "low", "high", "gen_low", "gen_high", "basis", "rule", "chosen_claim",
                "claim_ids", "figure_ids", "source_ids"]


def years(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """Each province's best estimate of ``metric`` per Iranian year and scope (revival scopes only)."""
    parts = [e.estimates.assign(province=p) for p, e in pl.provinces.items()]
    parts = [p[(p["metric"] == metric) & p["scope"].isin(REVIVAL_SCOPES)] for p in parts]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _empty(YEAR_COLUMNS, floats=("value", "low", "high", "gen_low", "gen_high"), ints=("jalali_year",))
    out = pd.concat(parts, ignore_index=True)[YEAR_COLUMNS]
    out["jalali_year"] = out["jalali_year"].astype(int)
    return _order(out, "jalali_year", "scope")


def _empty(columns: list[str], floats=(), ints=(), bools=()) -> pd.DataFrame:
    out = {c: pd.Series(dtype="str") for c in columns}
    out.update({c: pd.Series(dtype=float) for c in floats})
    out.update({c: pd.Series(dtype=int) for c in ints})
    out.update({c: pd.Series(dtype=bool) for c in bools})
    return pd.DataFrame(out)[columns]


def _national(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    e = pl.national.estimates
    e = e[e["metric"] == metric][["jalali_year", "scope", "value", "low", "high", "gen_low", "gen_high", "figure_ids", "source_ids"]]
    return e.assign(jalali_year=e["jalali_year"].astype(int))


def _against_national(rows: pd.DataFrame, national: pd.DataFrame, year: str = "jalali_year", any_scope: bool = False) -> pd.DataFrame:
    """``rows`` (with ``scope`` and a year column) with the national row of the same year and scope
    (``nat_*`` columns); where there is none, the whole country's when the scope is part of it, and
    with ``any_scope`` (ratios, not counts), for a row of one of those scopes, the first the country
    has that year in :data:`~analysis.assumptions.HEADLINE_SCOPES` order. ``national_scope`` names the scope compared
    with ('' for none) and ``cross_scope`` marks a scope other than the row's own."""
    from ..assumptions import HEADLINE_SCOPES

    nat = national.rename(columns={c: f"nat_{c}" for c in national.columns if c not in ("jalali_year", "scope")})
    nat = nat.rename(columns={"jalali_year": year, "scope": "national_scope"})
    fields = [c for c in nat.columns if c.startswith("nat_")]

    def lookup(scopes: pd.Series) -> pd.DataFrame:
        out = pd.DataFrame({year: rows[year].to_numpy(), "national_scope": scopes.to_numpy()}).merge(nat, on=[year, "national_scope"],
                                                                                                      how="left")
        out.index = rows.index
        return out

    out = rows.copy()
    found = lookup(rows["scope"])
    candidates = [rows["scope"].map(part_of())]
    if any_scope:  # only between the scopes of ISIPO's own count (not the wider revival movement's)
        own = rows["scope"].isin(HEADLINE_SCOPES)
        candidates += [pd.Series(s, index=rows.index).where(own) for s in HEADLINE_SCOPES]
    for scopes in candidates:
        other = lookup(scopes)
        use = found["nat_value"].isna() & other["nat_value"].notna()
        found = found.where(~use, other)
    for col in fields:
        out[col] = found[col]
    out["national_scope"] = found["national_scope"].where(found["nat_value"].notna(), "").fillna("").astype(str)
    out["cross_scope"] = (out["national_scope"] != "") & (out["national_scope"] != out["scope"])
    return out


SHARE_COLUMNS = [*YEAR_COLUMNS, "national_scope", "cross_scope", "nat_value", "nat_low", "nat_high", "share_value", "share_low",
                 "share_high", "nat_source_ids", "all_source_ids"]


def shares(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """Each province's estimate (:func:`years`) as a percentage of the national estimate of the same year:
    of the same scope where the country has one, else of the whole country's (``cross_scope``, a part
    against its whole). No national estimate of either: the share columns are NaN."""
    y = years(pl, metric)
    if y.empty:
        return _empty(SHARE_COLUMNS, floats=("value", "low", "high", "gen_low", "gen_high", "nat_value", "nat_low", "nat_high",
                                             "share_value", "share_low", "share_high"), ints=("jalali_year",), bools=("cross_scope",))
    m = _against_national(y, _national(pl, metric))
    share = Estimate(m["value"], m["low"], m["high"]) / Estimate(m["nat_value"], m["nat_low"], m["nat_high"]) * 100.0
    m["share_value"], m["share_low"], m["share_high"] = share.value, share.low, share.high
    m["nat_source_ids"] = m["nat_source_ids"].fillna("").astype(str)
    m["all_source_ids"] = join_lists(m["source_ids"], m["nat_source_ids"])
    return m[SHARE_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Jobs per unit
# ---------------------------------------------------------------------------------------------

JOBS_COLUMNS = ["province", "scope", "jalali_year", "period_kind", "first_year", "last_year", "start", "end", "end_earliest",
                "end_latest", "month_first", "month_last", "u_value", "u_low", "u_high", "j_value", "j_low", "j_high", "jpu_value",
                "jpu_low", "jpu_high", "implausible", "national_scope", "cross_scope", "nat_value", "nat_low", "nat_high",
                "units_claim", "jobs_claim", "figure_ids", "source_ids", "nat_source_ids", "all_source_ids"]


def jobs(pl: Places) -> pd.DataFrame:
    """Every unit-job pair of each province (:mod:`analysis.evidence.pairs`: one report, or one stated
    period, gives both), with the national jobs per unit of the same Iranian year and scope
    (:func:`analysis.questions.jobs.yearly`), or the whole country's (``cross_scope``). A pair whose
    period lies in no single year (several years, none stated) has no national ratio to set it beside."""
    from . import jobs as national_jobs

    parts = [e.pairs.assign(province=p) for p, e in pl.provinces.items() if not e.pairs.empty]
    if not parts:
        return _empty(JOBS_COLUMNS, floats=("u_value", "u_low", "u_high", "j_value", "j_low", "j_high", "jpu_value", "jpu_low",
                                            "jpu_high", "nat_value", "nat_low", "nat_high"), bools=("cross_scope", "implausible"))
    p = pd.concat(parts, ignore_index=True)
    p = p[p["scope"].isin(REVIVAL_SCOPES)].copy()
    p["jalali_year"] = p["cumulative_year"].where(p["cumulative_year"].notna(),
                                                  p["first_year"].where(p["first_year"] == p.get("last_year", p["first_year"])))
    p["jalali_year"] = p["jalali_year"].astype("Int64")
    ratios = national_jobs.yearly(pl.national)
    nat = ratios.rename(columns={"jpu_value": "value", "jpu_low": "low", "jpu_high": "high"})[
        ["jalali_year", "scope", "value", "low", "high", "source_ids"]]
    nat = nat.assign(jalali_year=nat["jalali_year"].astype("Int64"))
    m = _against_national(p, nat, any_scope=True)
    m["nat_source_ids"] = m["nat_source_ids"].fillna("").astype(str)
    m["all_source_ids"] = join_lists(m["source_ids"], m["nat_source_ids"])
    for col in ("last_year", "month_first", "month_last"):
        if col not in m:
            m[col] = pd.NA
    return _order(m[JOBS_COLUMNS], "jalali_year", "scope")


# ---------------------------------------------------------------------------------------------
# Checks: the provinces' sum against the national count, and rankings that disagree
# ---------------------------------------------------------------------------------------------

SUM_COLUMNS = ["jalali_year", "scope", "national_scope", "cross_scope", "n_provinces", "complete", "provinces", "sum_value", "sum_low",
               "sum_high", "sum_gen_low", "sum_gen_high", "nat_value", "nat_low", "nat_high", "nat_gen_low", "nat_gen_high",
               "share_value", "share_low", "share_high", "grade", "side", "figure_ids", "source_ids", "province_source_ids"]


def sums(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """Per Iranian year and scope, the provinces' best estimates added up, against the national estimate.

    The provinces that report are some of the 31, so their sum bounds the national count from below:
    a sum whose floor is above the national count's ceiling cannot hold. Graded by
    :func:`analysis.evidence.grading.judge`: a **contradiction** when even the most generous reading of
    every figure (``gen_low``/``gen_high``) leaves the sum above; a **question** when the figures as
    read, or their central values, put it above; **consistent** when the check could have failed (the
    national count has a ceiling and the sum a floor above zero); else **unchecked**. When all 31
    provinces report, the sum is the national count, and a sum below it is tested too (``side``).
    Where the country has no estimate of the scope, a part's sum is set against the whole country's
    count, labelled (``cross_scope``; a contradiction between scopes is then a question).
    """
    y = years(pl, metric)
    if y.empty:
        return _empty(SUM_COLUMNS, floats=[c for c in SUM_COLUMNS if c.startswith(("sum_", "nat_", "share_"))],
                      ints=("jalali_year", "n_provinces"), bools=("cross_scope", "complete"))
    g = y.groupby(["jalali_year", "scope"], sort=True)
    s = g.agg(n_provinces=("province", "size"), provinces=("province", lambda x: ", ".join(x)), sum_value=("value", "sum"),
              sum_low=("low", "sum"), sum_high=("high", "sum"), sum_gen_low=("gen_low", "sum"), sum_gen_high=("gen_high", "sum"),
              figure_ids=("figure_ids", "; ".join), source_ids=("source_ids", lambda x: ", ".join(x))).reset_index()
    s["source_ids"] = join_lists(s["source_ids"])
    s["province_source_ids"] = s["source_ids"]
    s["complete"] = s["n_provinces"] >= len(names())
    m = _against_national(s, _national(pl, metric))
    has = m["nat_value"].notna()
    # A central value only counts where its side is bounded: "over 300" says nothing against a sum of 334.
    above = judge(m["sum_low"] > m["nat_high"], m["sum_gen_low"] > m["nat_gen_high"],
                  np.isfinite(m["nat_high"]) & (m["sum_value"] > m["nat_value"]),
                  has & np.isfinite(m["nat_high"]) & (m["sum_low"] > 0), index=m.index)
    below = judge(m["sum_high"] < m["nat_low"], m["sum_gen_high"] < m["nat_gen_low"],
                  m["complete"] & np.isfinite(m["sum_high"]) & (m["sum_value"] < m["nat_value"]),
                  has & m["complete"] & np.isfinite(m["sum_high"]) & (m["nat_low"] > 0), index=m.index)
    rank = {"contradiction": 0, "question": 1, "consistent": 2, "unchecked": 3}
    worse_below = m["complete"] & (below.map(rank) < above.map(rank))
    grade = above.where(~worse_below, below)
    # Between scopes the definitions may differ: a contradiction there is a question.
    m["grade"] = grade.where(~(m["cross_scope"] & (grade == "contradiction")), "question").where(has, "unchecked")
    m["side"] = np.where(worse_below, "below", "above")
    share = Estimate(m["sum_value"], m["sum_low"], m["sum_high"]) / Estimate(m["nat_value"], m["nat_low"], m["nat_high"]) * 100.0
    m["share_value"], m["share_low"], m["share_high"] = share.value, share.low, share.high
    m["source_ids"] = join_lists(m["source_ids"], m["nat_source_ids"].fillna(""))
    m["figure_ids"] = m["figure_ids"] + np.where(m["nat_figure_ids"].fillna("") != "", "; " + m["nat_figure_ids"].fillna(""), "")
    return m[SUM_COLUMNS].sort_values(["jalali_year", "scope"], key=lambda c: c.map({s: i for i, s in enumerate(REVIVAL_SCOPES)})
                                      if c.name == "scope" else c, kind="stable").reset_index(drop=True)


RANK_COLUMNS = ["jalali_year", "scope", "level", "start", "end_earliest", "end_latest", "period_label", "province_a", "province_b",
                "comparisons", "grade", "below_a", "below_b", "above_a", "above_b", "below_a_value", "below_a_low", "below_a_high",
                "below_b_value", "below_b_low", "below_b_high", "above_a_value", "above_a_low", "above_a_high", "above_b_value",
                "above_b_low", "above_b_high", "below_sources", "above_sources", "claim_ids", "source_ids"]


def _rank_claims(pl: Places, metric: str) -> pd.DataFrame:
    """Every provincial claim of ``metric`` as a comparison can use it: for a year (``level='year'``), a
    full-year count as read and a count from the year's first day as a floor of the year's count (the
    year's count is at least what was counted by then); for a part of a year (``level='period'``), the
    count as read, compared only with counts of the very same period."""
    cols = ["province", "claim_id", "scope", "value", "low", "high", "gen_low", "gen_high", "source_ids", "period_kind",
            "cumulative_year", "first_year", "start", "end_earliest", "end_latest", "period_label"]
    parts = [e.claims.assign(province=p) for p, e in pl.provinces.items()]
    parts = [c[(c["metric"] == metric) & c["scope"].isin(REVIVAL_SCOPES)][cols] for c in parts]
    parts = [c for c in parts if not c.empty]
    if not parts:
        return pd.DataFrame(columns=[*cols, "level", "jalali_year", "key"])
    c = pd.concat(parts, ignore_index=True)
    whole = c["period_kind"] == "full_year"
    yearly = c[c["cumulative_year"].notna()].copy()
    floor = yearly["period_kind"] != "full_year"
    yearly["high"] = yearly["high"].where(~floor, np.inf)
    yearly["gen_high"] = yearly["gen_high"].where(~floor, np.inf)
    yearly["value"] = yearly["value"].where(~floor, np.nan)  # a count to date states no value for the year
    yearly["level"], yearly["jalali_year"] = "year", yearly["cumulative_year"].astype(int)
    yearly["key"] = yearly["scope"] + "|" + yearly["jalali_year"].astype(str)
    part = c[~whole & c["end_earliest"].notna() & c["start"].notna()].copy()
    part["level"] = "period"
    part["jalali_year"] = part["first_year"].astype("Int64")
    part["key"] = (part["scope"] + "|" + part["start"].astype(str) + "|" + part["end_earliest"].astype(str) + "|"
                   + part["end_latest"].astype(str))
    return pd.concat([yearly, part], ignore_index=True)


def rankings(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """Pairs of provinces that reports rank both ways: one pair of counts puts province A below B, another
    above it, for the same scope and the same year (or the same part of a year).

    Every pair of provinces compared by at least two pairs of counts is a check. Graded by
    :func:`analysis.evidence.grading.judge`: a **contradiction** when the two orders hold even in the most
    generous reading of every count, a **question** when they hold as the counts are read or as their
    central values stand, **consistent** when the counts could have shown both orders and did not, else
    **unchecked** (open-ended counts that could only ever show one order). ``below_*`` and ``above_*``
    name the counts behind each order.
    """
    c = _rank_claims(pl, metric)
    if c.empty:
        return _empty(RANK_COLUMNS, floats=[x for x in RANK_COLUMNS if x.endswith(("_value", "_low", "_high"))],
                      ints=("comparisons",))
    a = c.add_suffix("_a").rename(columns={"key_a": "key"})
    b = c.add_suffix("_b").rename(columns={"key_b": "key"})
    order = {p: i for i, p in enumerate(names())}
    m = a.merge(b, on="key")
    m = m[m["province_a"].map(order) < m["province_b"].map(order)].reset_index(drop=True)
    if m.empty:
        return _empty(RANK_COLUMNS, floats=[x for x in RANK_COLUMNS if x.endswith(("_value", "_low", "_high"))],
                      ints=("comparisons",))
    fin_a, fin_b = np.isfinite(m["high_a"]), np.isfinite(m["high_b"])
    m["below"] = m["high_a"] < m["low_b"]
    m["above"] = m["low_a"] > m["high_b"]
    m["g_below"] = m["gen_high_a"] < m["gen_low_b"]
    m["g_above"] = m["gen_low_a"] > m["gen_high_b"]
    m["s_below"] = fin_a & (m["value_a"] < m["value_b"])
    m["s_above"] = fin_b & (m["value_a"] > m["value_b"])
    m["can_below"] = fin_a & (m["low_b"] > 0)
    m["can_above"] = fin_b & (m["low_a"] > 0)
    keys = ["key", "province_a", "province_b"]
    g = m.groupby(keys, sort=False)
    agg = g.agg(comparisons=("claim_id_a", "size"), below=("below", "any"), above=("above", "any"), g_below=("g_below", "any"),
                g_above=("g_above", "any"), s_below=("s_below", "any"), s_above=("s_above", "any"), can_below=("can_below", "any"),
                can_above=("can_above", "any")).reset_index()
    agg = agg[agg["comparisons"] >= 2].reset_index(drop=True)
    if agg.empty:
        return _empty(RANK_COLUMNS, floats=[x for x in RANK_COLUMNS if x.endswith(("_value", "_low", "_high"))],
                      ints=("comparisons",))
    agg["grade"] = judge(agg["below"] & agg["above"], agg["g_below"] & agg["g_above"], agg["s_below"] & agg["s_above"],
                         agg["can_below"] & agg["can_above"], index=agg.index)

    def pick(direction: str) -> pd.DataFrame:
        """For each pair, the comparison that shows the order most firmly (as read, else generously, else as
        stated), preferring two counts one report gives together."""
        one_report = pd.Series([bool(set(a.split(", ")) & set(b.split(", "))) for a, b in zip(m["source_ids_a"], m["source_ids_b"])],
                               index=m.index)
        firm = m[direction].astype(int) * 4 + m[f"g_{direction}"].astype(int) * 2 + m[f"s_{direction}"].astype(int)
        score = (firm * 2 + one_report.astype(int)).where(firm > 0, 0)  # then, the two counts of one report
        best = m.assign(_score=score).sort_values(["_score"], ascending=False, kind="stable").drop_duplicates(keys)
        best = best[best["_score"] > 0]
        cols = {"claim_id_a": f"{direction}_a", "claim_id_b": f"{direction}_b", "value_a": f"{direction}_a_value",
                "low_a": f"{direction}_a_low", "high_a": f"{direction}_a_high", "value_b": f"{direction}_b_value",
                "low_b": f"{direction}_b_low", "high_b": f"{direction}_b_high"}
        best = best.rename(columns=cols)
        best[f"{direction}_sources"] = join_lists(best["source_ids_a"], best["source_ids_b"])
        return best[[*keys, *cols.values(), f"{direction}_sources"]]

    out = agg.merge(pick("below"), on=keys, how="left").merge(pick("above"), on=keys, how="left")
    first = m.drop_duplicates(keys).set_index(keys)
    at = first.reindex(pd.MultiIndex.from_frame(out[keys]))
    out["scope"] = at["scope_a"].to_numpy()
    out["level"] = at["level_a"].to_numpy()
    out["jalali_year"] = at["jalali_year_a"].to_numpy()
    out["start"] = at["start_a"].to_numpy()
    out["end_earliest"] = at["end_earliest_a"].to_numpy()
    out["end_latest"] = at["end_latest_a"].to_numpy()
    out["period_label"] = at["period_label_a"].where(at["level_a"] == "period", "").to_numpy()
    ids = m.groupby(keys, sort=False).agg(claim_ids=("claim_id_a", lambda x: ", ".join(dict.fromkeys(x))),
                                          claim_ids_b=("claim_id_b", lambda x: ", ".join(dict.fromkeys(x))),
                                          source_ids=("source_ids_a", ", ".join), source_ids_b=("source_ids_b", ", ".join))
    ids = ids.reindex(pd.MultiIndex.from_frame(out[keys]))
    out["claim_ids"] = (ids["claim_ids"] + ", " + ids["claim_ids_b"]).to_numpy()
    out["source_ids"] = join_lists(pd.Series((ids["source_ids"] + ", " + ids["source_ids_b"]).to_numpy(), index=out.index))
    for col in RANK_COLUMNS:
        if col not in out:
            out[col] = np.nan if col.endswith(("_value", "_low", "_high")) else ""
    for col in ("below_sources", "above_sources", "below_a", "below_b", "above_a", "above_b"):
        out[col] = out[col].fillna("").astype(str)
    grades = {"contradiction": 0, "question": 1, "consistent": 2, "unchecked": 3}
    out = out.assign(_g=out["grade"].map(grades)).sort_values(["_g", "jalali_year"], kind="stable")
    return out[RANK_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The latest year, to date
# ---------------------------------------------------------------------------------------------

IN_YEAR_COLUMNS = ["province", "scope", "jalali_year", "claim_id", "value", "low", "high", "qualifier", "period_kind", "first_year",
                   "last_year", "start", "end", "end_earliest", "end_latest", "month_first", "month_last", "year_days",
                   "elapsed_low", "elapsed_high", "target_value", "target_low", "target_high", "target_claim", "progress_value",
                   "progress_low", "progress_high", "figure_ids", "source_ids"]


def latest_year(pl: Places, metric: str = UNITS) -> int | None:
    """The latest Iranian year any province counts ``metric`` for from the year's first day (``None``: none)."""
    years_ = [e.claims.loc[(e.claims["metric"] == metric) & e.claims["cumulative_year"].notna(), "cumulative_year"]
              for e in pl.provinces.values()]
    years_ = [int(y) for s in years_ for y in s]
    return max(years_) if years_ else None


def in_year(pl: Places, year: int | None = None, metric: str = UNITS) -> pd.DataFrame:
    """Each province's counts from the first day of ``year`` (default :func:`latest_year`) to a day within
    it, in order: the share of the year elapsed at the count's end (a range for an undated report) and,
    where the province has a target of the year in the same scope (as in force), the share reached."""
    year = latest_year(pl, metric) if year is None else year
    cols = IN_YEAR_COLUMNS
    if year is None:
        return _empty(cols, floats=[c for c in cols if c.endswith(("value", "low", "high"))] + ["elapsed_low", "elapsed_high"])
    rows = []
    for p, e in pl.provinces.items():
        c = e.claims
        c = c[(c["metric"] == metric) & (c["cumulative_year"] == year) & (c["period_kind"] != "full_year")
              & c["scope"].isin(REVIVAL_SCOPES)].copy()
        if c.empty:
            continue
        t = e.targets
        t = t[(t["metric"] == "units_target") & t["current"].astype(bool) & (t["period_kind"] == "full_year")
              & (t["first_year"] == year)][["scope", "value", "low", "high", "claim_id"]]
        t = t.drop_duplicates("scope").rename(columns={"value": "target_value", "low": "target_low", "high": "target_high",
                                                       "claim_id": "target_claim"})
        c = c.merge(t, on="scope", how="left")
        c["province"] = p
        rows.append(c)
    if not rows:
        return _empty(cols, floats=[c for c in cols if c.endswith(("value", "low", "high"))] + ["elapsed_low", "elapsed_high"])
    c = pd.concat(rows, ignore_index=True)
    c["jalali_year"] = year
    days = c["year_days"].astype(float)
    c["elapsed_low"] = ((c["end_earliest"] - c["year_start"]).dt.days + 1) / days * 100.0
    c["elapsed_high"] = ((c["end_latest"] - c["year_start"]).dt.days + 1) / days * 100.0
    progress = Estimate(c["value"], c["low"], c["high"]) / Estimate(c["target_value"], c["target_low"], c["target_high"]) * 100.0
    c["progress_value"], c["progress_low"], c["progress_high"] = progress.value, progress.low, progress.high
    for col in ("last_year", "month_first", "month_last"):
        if col not in c:
            c[col] = pd.NA
    c["target_claim"] = c["target_claim"].fillna("").astype(str)
    return _order(c[cols], "scope", "end_latest")


def national_in_year(pl: Places, year: int | None, metric: str = UNITS) -> pd.DataFrame:
    """The country's counts from the first day of ``year`` to a day within it (the national side of the
    provinces' trackers), latest last."""
    c = pl.national.claims
    if year is None:
        return c.iloc[0:0]
    c = c[(c["metric"] == metric) & (c["cumulative_year"] == year) & (c["period_kind"] != "full_year") & (c["scope"] == WHOLE)]
    return c.sort_values(["end_latest", "claim_id"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------------------------

TILE_COLUMNS = ["province", "iso_code", "row", "col", "status", "jalali_year", "value", "low", "high", "basis", "figures",
                "source_ids"]

#: What a tile shows: ``count`` (a whole-year count of units revived for the whole province: the latest
#: year's), ``other`` (figures, but no such count), ``none`` (no figure in any report).
TILE_STATUSES: tuple[str, ...] = ("count", "other", "none")


def tiles(pl: Places, metric: str = UNITS) -> pd.DataFrame:
    """The 31 provinces at their squares (``row`` 1 northernmost, ``col`` 1 westernmost), each with its
    latest year's count: the best estimate of ``metric`` for the whole province (scope ``national``) in
    the latest Iranian year it has one covering the whole year (:data:`WHOLE_YEAR_BASES`: stated for
    the year, or its count near the year's end carried to the year's end). A count of a part of the
    province (its industrial parks) or of a part of a year is not coloured: it would not compare with
    the others; the province is ``other``, with its figures counted. ``none``: no report names it."""
    from .. import vocab

    y = years(pl, metric)
    y = y[(y["scope"] == WHOLE) & y["basis"].isin(WHOLE_YEAR_BASES)]
    latest = y.sort_values(["province", "jalali_year"], kind="stable").drop_duplicates("province", keep="last").set_index("province")
    counted = pl.figures.groupby("province").size() if not pl.figures.empty else pd.Series(dtype=int)
    rows = []
    for name, p in vocab.PROVINCES.items():
        n = int(counted.get(name, 0))
        if name in latest.index:
            r = latest.loc[name]
            rows.append((name, p.iso_code, p.row, p.col, "count", int(r["jalali_year"]), float(r["value"]), float(r["low"]),
                         float(r["high"]), r["basis"], n, r["source_ids"]))
        else:
            ids = ", ".join(dict.fromkeys(pl.figures.loc[pl.figures["province"] == name, "source_id"])) if n else ""
            rows.append((name, p.iso_code, p.row, p.col, "other" if n else "none", pd.NA, np.nan, np.nan, np.nan, "", n, ids))
    out = pd.DataFrame(rows, columns=TILE_COLUMNS)
    out["jalali_year"] = out["jalali_year"].astype("Int64")
    return out


# ---------------------------------------------------------------------------------------------
# The audit within each province
# ---------------------------------------------------------------------------------------------

def audit(pl: Places) -> pd.DataFrame:
    """Every check of every audit rule, run within each province as nationally (a ``province`` column first):
    :func:`analysis.questions.audit.checks` of each province, place after place, with the rules that can
    run once over every province run so (:mod:`analysis.questions.audit.together`)."""
    from .audit import together

    return together.checks(pl.provinces)


# ---------------------------------------------------------------------------------------------
# The answer's numbers
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Overview:
    """What the page's answer states, computed from the frames above.

    ``named``: provinces with any figure; ``counted``: provinces with a yearly estimate of units
    revived; ``first_year``/``last_year``: the years those estimates span; ``best``: the row of
    :func:`sums` (whole-province scope) with the most provinces (the latest on a tie), or ``None``;
    ``largest``/``runner_up``: the two largest whole-year counts for a whole province (rows of
    :func:`years`); ``findings``: contradictions and questions among the page's own checks and the
    audit's within the provinces, by grade.
    """

    named: int
    counted: int
    total: int
    first_year: int | None
    last_year: int | None
    best: pd.Series | None
    largest: pd.Series | None
    runner_up: pd.Series | None
    findings: dict


def overview(pl: Places, sums_: pd.DataFrame | None = None, rankings_: pd.DataFrame | None = None,
             audit_: pd.DataFrame | None = None) -> Overview:
    """The numbers the answer states (frames computed already may be passed in)."""
    y = years(pl)
    sums_ = sums(pl) if sums_ is None else sums_
    rankings_ = rankings(pl) if rankings_ is None else rankings_
    audit_ = audit(pl) if audit_ is None else audit_
    named = int(pl.figures["province"].nunique()) if not pl.figures.empty else 0
    s = sums_[(sums_["scope"] == WHOLE) & ~sums_["cross_scope"] & sums_["nat_value"].notna()]
    best = s.sort_values(["n_provinces", "jalali_year"], kind="stable").iloc[-1] if not s.empty else None
    whole = y[(y["scope"] == WHOLE) & y["basis"].isin(WHOLE_YEAR_BASES)].sort_values(["value", "jalali_year"], ascending=[False, False],
                                                                                      kind="stable")
    largest = whole.iloc[0] if len(whole) else None
    rest = whole[whole["province"] != largest["province"]] if largest is not None else whole
    runner = rest.iloc[0] if len(rest) else None
    grades = pd.concat([sums_["grade"], rankings_["grade"], audit_["grade"]], ignore_index=True)
    findings = {g: int((grades == g).sum()) for g in ("contradiction", "question")}
    return Overview(named, int(y["province"].nunique()), len(names()), int(y["jalali_year"].min()) if len(y) else None,
                    int(y["jalali_year"].max()) if len(y) else None, best, largest, runner, findings)
