"""Whether the provincial figures fit the national ones and one another: the provinces' sum against the
national count, pairs of provinces ranked both ways by different reports, and the audit within each province.

In: :class:`~.places.Places`. Out: :func:`sums` and :func:`rankings` (graded by
:mod:`analysis.evidence.grading`, as the audit grades), and :func:`audit` (the audit's rules within each
province, most of them once over every province: :mod:`analysis.questions.audit.together`).
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from ...assumptions import REVIVAL_SCOPES
from ...bounds import Estimate
from ...evidence.grading import judge
from ...evidence.keys import join_lists

from .counts import years
from .places import UNITS, Places, _against_national, _empty, _national, names


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
# The audit within each province
# ---------------------------------------------------------------------------------------------

def audit(pl: Places) -> pd.DataFrame:
    """Every check of every audit rule, run within each province as nationally (a ``province`` column first):
    :func:`analysis.questions.audit.checks` of each province, place after place, with the rules that can
    run once over every province run so (:mod:`analysis.questions.audit.together`)."""
    from ..audit import together

    return together.checks(pl.provinces)
