"""The provinces page's blocks: its answer, its sections' words and its tables.

In: the places of :func:`analysis.questions.provinces.places` (the national evidence and each
province's) and the frames :mod:`analysis.questions.provinces` computes from them. Out: blocks of
:mod:`analysis.present.blocks` and :mod:`analysis.present.tables` (every word a catalogue message of
``analysis.words.<language>.provinces``, every number a typed slot), with each table's full data
written as CSV beside the page. The notebook ``05-provinces`` displays them in order.

A province's scope ``national`` is its whole territory: cells say "whole province", never "national".
"""

from __future__ import annotations

import math

import pandas as pd

from .. import fmt
from ..questions import provinces as q
from ..words import All, Count, Day, Est, Label, Msg, Num, Period, Share, Text, Year, has, say, speaking
from .blocks import Answer, Group, Prose, prose
from .tables import Col, table

UNITS = "units"


# ---------------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------------

def province(r: pd.Series, column: str = "province") -> Label:
    return Label("province", r[column])


def scope(code: str) -> Msg | Label:
    """A province's scope in words: 'whole province', 'its industrial parks', or the scope's own label."""
    key = f"provinces.scope.{code}"
    return Msg(key) if has(key) else Label("scope", code)


def basis(code: str) -> Msg | Label:
    """How a province's yearly count is known, in a few words (the long form is the timeline page's)."""
    key = f"provinces.basis.{code}"
    return Msg(key) if has(key) else Label("basis", code)


def _finite(x) -> bool:
    return x is not None and not pd.isna(x) and math.isfinite(float(x))


def count(value, low, high) -> Est:
    """A count with its bounds ('215 (211 to 222)', 'at least 98')."""
    return Est(value, low, high, UNITS)


def percent(value, low, high):
    """A share in percent with its bounds: 'at most 11%' where the national count is open-ended, 'at least
    4.9%' where the province's is, 'no bound' where both are; '' where there is nothing to divide by."""
    if pd.isna(low) or pd.isna(high):
        return ""
    low, high = float(low), float(high)
    open_top = not math.isfinite(high)
    if open_top and low <= 0:
        return Msg("provinces.share.unbounded")
    digits = 1 if (low if open_top else high) < 10 else 0
    if low <= 0:
        return Est(None, -math.inf, high, "%", digits)
    if open_top:
        return Est(None, low, math.inf, "%", digits)
    return Est(value, low, high, "%", digits)


def ratio(value, low, high):
    """Jobs per unit with its bounds ('29.1', '12.0 (12.0 to 12.1)', 'at least 22.4')."""
    if pd.isna(low) or pd.isna(high):
        return ""
    return Est(value, low, high, "", 1)


def against(r: pd.Series, value, missing: str = "provinces.compared.none"):
    """The national number a province's row is set against: the number alone where the scope is the
    same, the number and what it covers where the scope differs, or why there is none."""
    if not r["national_scope"]:
        return Msg(missing)
    if not r["cross_scope"]:
        return value
    where = (Msg("provinces.compared.whole") if r["national_scope"] == q.WHOLE
             else Msg("provinces.compared.other", {"scope": Label("scope", r["national_scope"])}))
    return Msg("provinces.compared.cross", {"value": value, "where": where})


def period(r: pd.Series) -> Period:
    """A row's period as a label; a count to a report dated to the day ends on that day."""
    p = Period.of(r)
    if pd.isna(p.end) and not pd.isna(p.end_earliest) and p.end_earliest == p.end_latest:
        from dataclasses import replace

        p = replace(p, end=p.end_earliest)
    return p


def ids(column: str = "source_ids"):
    return lambda r: Text(str(r[column]))


def _english(key: str) -> str:
    """A download's plain title (the report lists downloads in English)."""
    with speaking("en"):
        return say(key)


def _rounded(x) -> Num:
    return Num(int(math.floor(float(x) + 0.5)))


# ---------------------------------------------------------------------------------------------
# The answer and the page's words
# ---------------------------------------------------------------------------------------------

def answer(pl: q.Places, ov: q.Overview) -> Answer:
    """The page's answer: which provinces report, how much of the national count they make, where the
    largest counts are, and what the checks find (each sentence generated from the numbers)."""
    if ov.named == 0:
        return Answer((Msg("provinces.answer.none"),))
    lines = []
    slots = {"named": Num(ov.named), "total": Num(ov.total), "counted": Num(ov.counted)}
    if ov.counted == 0:
        lines.append(Msg("provinces.answer.coverage_no_counts", slots))
    elif ov.first_year == ov.last_year:
        lines.append(Msg("provinces.answer.coverage_one_year", {**slots, "first": Year(ov.first_year)}))
    else:
        lines.append(Msg("provinces.answer.coverage", {**slots, "first": Year(ov.first_year), "last": Year(ov.last_year)}))
    b = ov.best
    if b is not None:
        share = {"year": Year(int(b["jalali_year"])), "share": Share(b["share_value"]), "national": _rounded(b["nat_value"])}
        if int(b["n_provinces"]) == 1:
            lines.append(Msg("provinces.answer.share_one", {**share, "province": Label("province", b["provinces"])}))
        else:
            lines.append(Msg("provinces.answer.share_many", {**share, "n": Count(int(b["n_provinces"]), "province")}))
    elif ov.counted:
        lines.append(Msg("provinces.answer.share_none"))
    if ov.largest is not None:
        top = {"province": province(ov.largest), "value": _rounded(ov.largest["value"]), "year": Year(int(ov.largest["jalali_year"]))}
        r = ov.runner_up
        if r is not None and int(r["jalali_year"]) == int(ov.largest["jalali_year"]):
            lines.append(Msg("provinces.answer.largest_same_year", {**top, "second": province(r), "second_value": _rounded(r["value"])}))
        elif r is not None:
            lines.append(Msg("provinces.answer.largest", {**top, "second": province(r), "second_value": _rounded(r["value"]),
                                                          "second_year": Year(int(r["jalali_year"]))}))
        else:
            lines.append(Msg("provinces.answer.largest_alone", top))
    lines.append(Msg("provinces.answer.findings", {"contradictions": Count(ov.findings["contradiction"], "contradiction"),
                                                   "questions": Count(ov.findings["question"], "question")}))
    return Answer(tuple(lines))


def intro() -> Prose:
    """The page's question, where its figures come from, and what a province's figure is."""
    return prose(("p", "page.05-provinces.question"), ("p", "page.sources"), ("p", "provinces.intro"), ("p", "provinces.intro.scope"))


def heading(section: str, **slots) -> Prose:
    """A section's heading and paragraph (``provinces.<section>.title`` and ``.body``)."""
    return prose(("h2", f"provinces.{section}.title"), ("p", f"provinces.{section}.body"), **slots)


def limits() -> Prose:
    return prose(("h2", "page.cannot"), ("li", "provinces.limits.coverage"), ("li", "provinces.limits.definitions"),
                 ("li", "provinces.limits.sums"), ("li", "provinces.limits.dates"))


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------

PROVINCE = Col("provinces.col.province", province)
YEAR = Col("provinces.col.year", lambda r: Year(int(r["jalali_year"])))
SCOPE = Col("provinces.col.scope", lambda r: scope(r["scope"]))
SOURCES = Col("provinces.col.sources", ids(), sources=True)


def years(pl: q.Places, name: str):
    """Each province's best estimate of units revived per year and scope, with how it is known."""
    y = q.years(pl)
    cols = [PROVINCE, YEAR, SCOPE, Col("provinces.col.estimate", lambda r: count(r["value"], r["low"], r["high"]), numeric=True),
            Col("provinces.col.basis", lambda r: basis(r["basis"])), SOURCES]
    data = y[["province", "jalali_year", "scope", "value", "low", "high", "basis", "rule", "chosen_claim", "figure_ids", "source_ids"]]
    return table(y, cols, name=name, data=data, sources=pl.sources, empty=Msg("provinces.years.empty"),
                 title=_english("provinces.years.file"))


def shares(pl: q.Places, name: str):
    """Each province's count against the national count of the same year, labelled where scopes differ."""
    s = q.shares(pl)
    cols = [PROVINCE, YEAR, SCOPE, Col("provinces.col.count", lambda r: count(r["value"], r["low"], r["high"]), numeric=True),
            Col("provinces.col.national", lambda r: against(r, count(r["nat_value"], r["nat_low"], r["nat_high"]))),
            Col("provinces.col.share", lambda r: percent(r["share_value"], r["share_low"], r["share_high"]), numeric=True),
            SOURCES]
    data = s[["province", "jalali_year", "scope", "value", "low", "high", "national_scope", "cross_scope", "nat_value", "nat_low",
              "nat_high", "share_value", "share_low", "share_high", "figure_ids", "all_source_ids"]]
    return table(s, cols, name=name, data=data, sources=pl.sources, empty=Msg("provinces.shares.empty"),
                 title=_english("provinces.shares.file"))


def jobs(pl: q.Places, name: str):
    """Each province's jobs per revived unit beside the national ratio of the same year."""
    j = q.jobs(pl)

    def national(r):
        if pd.isna(r["jalali_year"]):
            return Msg("provinces.compared.no_year")
        return against(r, ratio(r["nat_value"], r["nat_low"], r["nat_high"]), "provinces.compared.no_ratio")

    cols = [PROVINCE, Col("provinces.col.period", period), SCOPE,
            Col("provinces.col.units", lambda r: count(r["u_value"], r["u_low"], r["u_high"]), numeric=True),
            Col("provinces.col.jobs", lambda r: Est(r["j_value"], r["j_low"], r["j_high"], "jobs"), numeric=True),
            Col("provinces.col.jobs_per_unit", lambda r: ratio(r["jpu_value"], r["jpu_low"], r["jpu_high"]), numeric=True),
            Col("provinces.col.national_ratio", national), SOURCES]
    data = j[["province", "scope", "jalali_year", "period_kind", "start", "end", "end_earliest", "end_latest", "u_value", "u_low", "u_high",
              "j_value", "j_low", "j_high", "jpu_value", "jpu_low", "jpu_high", "national_scope", "cross_scope", "nat_value", "nat_low",
              "nat_high", "units_claim", "jobs_claim", "figure_ids", "all_source_ids"]]
    return table(j, cols, name=name, data=data, sources=pl.sources, empty=Msg("provinces.jobs.empty"),
                 title=_english("provinces.jobs.file"))


def sums(pl: q.Places, s: pd.DataFrame, name: str) -> Group:
    """What the sums show, in a sentence, then every year and scope: the provinces' sum, the national
    count, the provinces' share of it and the check's grade."""
    has_national = s["nat_value"].notna()
    found = s[s["grade"].isin(["contradiction", "question"])]
    if not has_national.any():
        result = Msg("provinces.sums.none")
    elif len(found):
        years_ = sorted(set(int(y) for y in found["jalali_year"]))
        short = (found["side"] == "below").all()
        if len(years_) == 1:
            result = Msg("provinces.sums.short_one" if short else "provinces.sums.over_one", {"year": Year(years_[0])})
        else:
            result = Msg("provinces.sums.over_many", {"n": Count(len(years_), "year")})
    else:
        result = Msg("provinces.sums.fit")

    def grade(r):
        return Label("grade", r["grade"]) if _finite(r["nat_value"]) else Msg("provinces.cell.not_checked")

    cols = [YEAR, SCOPE, Col("provinces.col.names", lambda r: All(tuple(Label("province", p) for p in r["provinces"].split(", ")), "comma")),
            Col("provinces.col.sum", lambda r: count(r["sum_value"], r["sum_low"], r["sum_high"]), numeric=True),
            Col("provinces.col.national", lambda r: against(r, count(r["nat_value"], r["nat_low"], r["nat_high"]))),
            Col("provinces.col.sum_share", lambda r: percent(r["share_value"], r["share_low"], r["share_high"]), numeric=True),
            Col("provinces.col.grade", grade), Col("provinces.col.sources", ids("province_source_ids"), sources=True)]
    data = s.drop(columns=["figure_ids"])
    return Group((Prose((("p", result),)),
                  table(s, cols, name=name, data=data, sources=pl.sources, empty=Msg("provinces.sums.none"),
                        title=_english("provinces.sums.file"))))


def rankings(pl: q.Places, r: pd.DataFrame, name: str) -> Group:
    """What the rankings show, in a sentence, then every pair of provinces that could have been ranked both ways."""
    conflicts = int(r["grade"].isin(["contradiction", "question"]).sum())
    agree = int((r["grade"] == "consistent").sum())
    open_ = int((r["grade"] == "unchecked").sum())
    parts = []
    if conflicts:
        parts.append(("p", Msg("provinces.rankings.conflict", {"n": Count(conflicts, "province_pair")})))
    elif agree:
        parts.append(("p", Msg("provinces.rankings.agree", {"n": Count(agree, "province_pair")})))
    else:
        parts.append(("p", Msg("provinces.rankings.nothing")))
    if open_:
        parts.append(("p", Msg("provinces.rankings.open", {"n": Count(open_, "province_pair")})))
    shown = r[r["grade"] != "unchecked"]

    def order(direction: str):
        def cell(x):
            if not x[f"{direction}_a"]:
                return ""
            return Msg("provinces.rankings.order", {
                "a": Label("province", x["province_a"]),
                "a_count": count(x[f"{direction}_a_value"], x[f"{direction}_a_low"], x[f"{direction}_a_high"]),
                "b": Label("province", x["province_b"]),
                "b_count": count(x[f"{direction}_b_value"], x[f"{direction}_b_low"], x[f"{direction}_b_high"])})
        return cell

    cols = [YEAR, SCOPE,
            Col("provinces.col.pair", lambda x: Msg("provinces.rankings.pair", {"a": Label("province", x["province_a"]),
                                                                               "b": Label("province", x["province_b"])})),
            Col("provinces.col.behind", order("below")), Col("provinces.col.ahead", order("above")),
            Col("provinces.col.grade", lambda x: Label("grade", x["grade"])), SOURCES]
    if shown.empty:  # the sentence says so
        return Group((Prose(tuple(parts)),))
    return Group((Prose(tuple(parts)),
                  table(shown, cols, name=name, data=shown, sources=pl.sources, empty=Msg("provinces.rankings.empty"),
                        title=_english("provinces.rankings.file"))))


def in_year(pl: q.Places, name: str) -> Group:
    """The latest year's counts to date, per province: heading, what the country has for the year, table."""
    year = q.latest_year(pl)
    t = q.in_year(pl, year)
    if year is None:
        head = prose(("h2", "provinces.in_year.title_none"), ("p", "provinces.in_year.body"))
        return Group((head, Prose((("p", Msg("provinces.in_year.empty")),))))
    head = prose(("h2", "provinces.in_year.title"), ("p", "provinces.in_year.body"), year=Year(year))
    n = q.national_in_year(pl, year)
    if n.empty:
        national = Msg("provinces.in_year.national_none", {"year": Year(year)})
    else:
        last = n.iloc[-1]
        c = count(last["value"], last["low"], last["high"])
        if last["end_earliest"] == last["end_latest"]:
            national = Msg("provinces.in_year.national", {"year": Year(year), "count": c, "day": Day(last["end_latest"])})
        else:
            national = Msg("provinces.in_year.national_window", {"year": Year(year), "count": c, "first": Day(last["end_earliest"]),
                                                                 "last": Day(last["end_latest"])})

    def elapsed(r):
        return Est(None, r["elapsed_low"], r["elapsed_high"], "%", 0)

    def target(r):
        return Num(r["target_value"], unit=UNITS) if _finite(r["target_value"]) else Msg("provinces.cell.none")

    cols = [PROVINCE, SCOPE, Col("provinces.col.to_date", lambda r: count(r["value"], r["low"], r["high"]), numeric=True),
            Col("provinces.col.period", period), Col("provinces.col.elapsed", elapsed, numeric=True),
            Col("provinces.col.target", target, numeric=True),
            Col("provinces.col.progress", lambda r: percent(r["progress_value"], r["progress_low"], r["progress_high"]), numeric=True),
            SOURCES]
    data = t[["province", "scope", "jalali_year", "claim_id", "value", "low", "high", "start", "end", "end_earliest", "end_latest",
              "elapsed_low", "elapsed_high", "target_value", "target_claim", "progress_value", "progress_low", "progress_high",
              "figure_ids", "source_ids"]]
    return Group((head, Prose((("p", national),)),
                  table(t, cols, name=name, data=data, sources=pl.sources, empty=Msg("provinces.in_year.empty"),
                        title=_english("provinces.in_year.file"))))


def audit(pl: q.Places, checks: pd.DataFrame, name: str) -> Group:
    """The audit within each province: how many checks and findings, then the findings (and notes)."""
    if checks.empty:
        return Group((Prose((("p", Msg("provinces.audit.nothing")),)),))
    result = Msg("provinces.audit.result", {
        "checks": Count(len(checks), "check"), "provinces": Count(int(checks["province"].nunique()), "province"),
        "contradictions": Count(int((checks["grade"] == "contradiction").sum()), "contradiction"),
        "questions": Count(int((checks["grade"] == "question").sum()), "question")})
    order = {"contradiction": 0, "question": 1, "note": 2, "inference": 3}
    f = checks[checks["grade"].isin(list(order))].copy()
    f = f.assign(_g=f["grade"].map(order)).sort_values(["_g", "province"], kind="stable").drop(columns="_g").reset_index(drop=True)
    claims = {p: e.claims.set_index("claim_id") for p, e in pl.provinces.items()}

    def about(r):
        c = claims.get(r["province"])
        if c is None or r["claim_id"] not in c.index:
            return ""
        row = c.loc[r["claim_id"]]
        return Msg("provinces.audit.about", {"metric": Label("metric", row["metric"]), "scope": scope(row["scope"]),
                                             "period": period(row)})

    cols = [PROVINCE, Col("provinces.col.grade", lambda r: Label("grade", r["grade"])),
            Col("provinces.col.rule", lambda r: Label("rule", r["rule"])), Col("provinces.col.about", about), SOURCES]
    data = f[["province", "rule", "grade", "subject", "claim_ids", "figure_ids", "source_ids", "stated", "arithmetic", "finding",
              "reading", "size_text"]]
    return Group((Prose((("p", result),)),
                  table(f, cols, name=name, data=data, sources=pl.sources, empty=Msg("provinces.audit.empty"),
                        title=_english("provinces.audit.file"))))


def figures(pl: q.Places, name: str):
    """Every figure a report gives for one province: what, as worded, its scope and period, its report."""
    parts = [pd.concat([e.figures, e.expectations], ignore_index=True) for e in pl.provinces.values()]
    parts = [p for p in parts if not p.empty]
    f = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["province", "figure_id", "source_id", "metric"])
    if len(f):
        f = q._order(f, "metric", "figure_id")

    def stated(r):
        return Msg(f"qualifier.{r['qualifier'] or 'exact'}", {"n": Num(r["value"], unit=fmt.unit_of(r["metric"]))})

    cols = [PROVINCE, Col("provinces.col.metric", lambda r: Label("metric", r["metric"])),
            Col("provinces.col.figure", stated, numeric=True), SCOPE, Col("provinces.col.period", period),
            Col("provinces.col.sources", ids("source_id"), sources=True)]
    data = f[[c for c in ("province", "figure_id", "source_id", "metric", "value", "qualifier", "scope", "expectation", "period_start",
                          "period_end", "jalali_year", "restates", "speaker", "note") if c in f]]
    return table(f, cols, name=name, data=data, sources=pl.sources, empty=Msg("provinces.figures.empty"),
                 title=_english("provinces.figures.file"))


# ---------------------------------------------------------------------------------------------
# The map's download
# ---------------------------------------------------------------------------------------------

def map_title() -> str:
    """The plain title of the map's download."""
    return _english("provinces.map.file")
