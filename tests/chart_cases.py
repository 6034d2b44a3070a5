"""The charts' cases, shared by the chart tests: every chart from the real evidence and from a tiny made-up
frame (every kind of mark once), each as ``(figure, alt text, numbers the alt text must name)``.

The numbers an alt text must name are computed here from the frame, without :mod:`analysis.fmt`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis import seed as seed_record
from analysis.present.charts import jobs as jobs_charts
from analysis.present.charts import programme, reports, seed, stock, targets
from analysis.questions import jobs, rates, stock as stock_q, timeline
from analysis.questions.audit import seed as audit_seed

def source() -> str:
    """The source line a chart draws, in the language in force (23 reports)."""
    from analysis.present.figures import source_text

    return source_text(range(23))

T = pd.Timestamp
INF = math.inf


def n(x: float) -> str:
    """A whole number with thousands separators (independent of analysis.fmt)."""
    return f"{int(round(x)):,}"


# ---------------------------------------------------------------------------------------------
# Tiny made-up frames: every kind of mark once (floors, windows, other scopes, derived, revisions)
# ---------------------------------------------------------------------------------------------

def tiny_years() -> pd.DataFrame:
    return pd.DataFrame({
        "jalali_year": pd.array([1399, 1400, 1401], dtype="Int64"),
        "scope": ["national", "smes", "national"],
        "value": [1500.0, 900.0, 1751.0], "low": [1450.0, 900.0, 1751.0], "high": [1550.0, INF, 1751.0],
        "basis": ["full_year", "floor", "total_less_years"],
        "target_first_scope": ["national", "national", "national"], "target_first_value": [1600.0, 1200.0, 2200.0],
        "target_scope": ["national", "national", "national"], "target_value": [1600.0, 1200.0, 2000.0],
    })


def tiny_ytd() -> pd.DataFrame:
    rows = [
        (1399, "smes", "quarter", 200.0, 200.0, 200.0, 25.4, 25.4),
        (1399, "smes", "year_to_date", 450.0, 450.0, 450.0, 30.0, 60.0),
        (1399, "smes", "full_year", 1200.0, 1200.0, 1200.0, 100.0, 100.0),
        (1400, "national", "months", 500.0, 500.0, 500.0, 42.5, 42.5),
        (1400, "industrial_parks", "year_to_date", 1900.0, 1900.0, INF, 96.7, 96.7),
        (1400, "national", "full_year", 2067.0, 2067.0, 2067.0, 100.0, 100.0),
        (1401, "national", "year_to_date", 100.0, 100.0, 100.0, 10.0, 10.0),
    ]
    return pd.DataFrame(rows, columns=["jalali_year", "scope", "period_kind", "value", "low", "high", "share_low", "share_high"])


def tiny_jobs_yearly() -> pd.DataFrame:
    return pd.DataFrame({
        "jalali_year": [1398, 1398, 1399, 1400], "scope": ["national", "smes", "industrial_parks", "national"],
        "jpu_value": [155.7, 18.2, 17.3, 17.9], "jpu_low": [0.0, 18.2, 17.0, 17.9], "jpu_high": [INF, 18.2, 17.7, INF],
    })


def tiny_jobs_headline() -> pd.DataFrame:
    return pd.DataFrame({
        "jalali_year": [1398, 1399, 1400], "scope": ["smes", "industrial_parks", "national"],
        "j_value": [21618.0, 27000.0, 31292.0], "j_low": [21618.0, 26500.0, 31292.0], "j_high": [21618.0, 27500.0, INF],
        "j_basis": ["full_year", "full_year", "floor"],
    })


def tiny_pairs() -> pd.DataFrame:
    base = dict(start=T("2020-03-20"), first_year=pd.NA, cannot_compute=False, implausible=False)
    rows = [
        dict(base, scope="national", period_kind="full_year", first_year=1399, end_earliest=T("2021-03-20"), end_latest=T("2021-03-20"),
             j_value=27000.0, jpu_value=17.3, jpu_low=17.0, jpu_high=17.7),
        dict(base, scope="national", period_kind="year_to_date", first_year=1398, start=T("2019-03-21"), end_earliest=T("2019-07-09"),
             end_latest=T("2019-07-09"), j_value=19000.0, jpu_value=155.7, jpu_low=151.0, jpu_high=160.5, implausible=True),
        dict(base, scope="smes", period_kind="year_to_date", first_year=1399, end_earliest=T("2020-08-25"), end_latest=T("2020-09-08"),
             j_value=9800.0, jpu_value=18.0, jpu_low=17.9, jpu_high=18.1),
        dict(base, scope="smes", period_kind="months", first_year=1399, end_earliest=T("2020-12-20"), end_latest=T("2020-12-20"),
             j_value=19446.0, jpu_value=25.0, jpu_low=25.0, jpu_high=INF),
        dict(base, scope="smes", period_kind="months", first_year=1399, end_earliest=T("2020-12-20"), end_latest=T("2020-12-20"),
             j_value=19400.0, jpu_value=16.6, jpu_low=16.5, jpu_high=16.7),
        dict(base, scope="economic_units", period_kind="since_date", start=T("2021-08-25"), end_earliest=T("2023-11-21"),
             end_latest=T("2023-11-21"), j_value=145000.0, jpu_value=22.1, jpu_low=22.0, jpu_high=22.2),
    ]
    return pd.DataFrame(rows)


def tiny_attainment() -> pd.DataFrame:
    rows = [
        dict(jalali_year=1398, scope="smes", metric="units_target", scored=True, role="first", current=False, value=1300.0,
             done_value=1185.0, done_low=1185.0, done_high=1185.0, verdict="missed"),
        dict(jalali_year=1398, scope="smes", metric="units_target", scored=True, role="revision", current=True, value=1400.0,
             done_value=1185.0, done_low=1185.0, done_high=1185.0, verdict="missed"),
        dict(jalali_year=1399, scope="national", metric="units_target", scored=True, role="first", current=True, value=2000.0,
             done_value=122.0, done_low=121.5, done_high=INF, verdict="uncertain"),
        dict(jalali_year=1400, scope="national", metric="units_target", scored=True, role="first", current=True, value=2000.0,
             done_value=2067.0, done_low=2067.0, done_high=2067.0, verdict="met"),
        dict(jalali_year=1400, scope="renovation_programme", metric="units_target", scored=False, role="first", current=True,
             value=300.0, done_value=33.0, done_low=33.0, done_high=INF, verdict="not scored"),
        dict(jalali_year=1399, scope="smes", metric="jobs_target", scored=True, role="first", current=True, value=27000.0,
             done_value=19446.0, done_low=19446.0, done_high=INF, verdict="uncertain"),
    ]
    return pd.DataFrame(rows)


def tiny_stocks() -> tuple[pd.DataFrame, pd.DataFrame]:
    s = pd.DataFrame({
        "scope": ["national", "national", "economic_units", "economic_units"],
        "value": [10380.0, 9800.0, 50000.0, 43500.0], "low": [10375.0, 9750.0, 50000.0, 43450.0],
        "high": [10385.0, 9850.0, INF, 43550.0],
        "end_earliest": [T("2018-03-20"), T("2020-06-21"), T("2021-08-25"), T("2023-11-21")],
        "end_latest": [T("2018-03-20"), T("2021-03-20"), T("2021-08-25"), T("2023-11-21")],
    })
    b = pd.DataFrame({
        "scope": ["national", "economic_units"], "from_latest": [T("2018-03-20"), T("2021-08-25")],
        "to_earliest": [T("2020-06-21"), T("2023-11-21")], "revived_value": [np.nan, np.nan],
        "revived_low": [1771.5, 0.0], "revived_high": [INF, INF],
    })
    return s, b


def tiny_seed() -> tuple[pd.DataFrame, pd.DataFrame, tuple]:
    e = pd.DataFrame({"basis": ["text_clues", "id_interpolation"], "earliest": [T("2020-06-21"), T("2020-08-13")],
                      "latest": [T("2021-03-20"), T("2020-08-27")]})
    b = pd.DataFrame([{"claim_id": "F04", "metric": "units_revived", "value": 468.0, "lower_claim": "C050", "lower_value": 432.0,
                       "after": T("2020-07-29"), "upper_claim": "C054", "upper_value": 545.0, "before": T("2020-09-08")}])
    return e, b, (T("2020-07-29"), T("2020-09-08"))


def tiny_reports() -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": ["S1", "S2", "S3", "S0", "S4"],
        "published_earliest": [T("2019-05-17"), T("2019-05-18"), T("2020-06-21"), T("2020-06-21"), T("2021-08-25")],
        "published_latest": [T("2019-05-17"), T("2019-05-18"), T("2020-06-29"), T("2021-03-20"), T("2023-08-31")],
        "date_basis": ["shown", "shown", "id_interpolation", "text_clues", "text_clues"],
        "primary": [False, False, False, True, False],
    })


# ---------------------------------------------------------------------------------------------
# Every chart, from the real evidence and from the tiny frames: (figure, alt text, numbers it must name)
# ---------------------------------------------------------------------------------------------

def years_case(y):
    names = []
    for _, r in y.iterrows():
        names.append(str(int(r["jalali_year"])))
        names.append(("at least " + n(r["low"])) if math.isinf(r["high"]) else n(r["value"]))
    return programme.years_chart(y, source=source()), programme.years_alt(y), names


def ytd_case(d):
    years = sorted(int(yr) for yr, c in d[d["period_kind"] != "full_year"].groupby("jalali_year").size().items() if c >= 2)
    inyear = d[d["jalali_year"].isin(years) & (d["period_kind"] != "full_year")]
    return (programme.year_to_date_chart(d, source=source()), programme.year_to_date_alt(d),
            [str(y) for y in years] + [n(v) for v in inyear["value"]])


def per_unit_case(y, ref):
    names = [f"{v:.1f}" for v, lo, hi in zip(y["jpu_value"], y["jpu_low"], y["jpu_high"]) if math.isfinite(hi) and lo > 0]
    names += [f"at least {lo:.1f}" for lo, hi in zip(y["jpu_low"], y["jpu_high"]) if math.isinf(hi) and lo > 0]
    names += [f"{ref[1]:.1f}", f"{ref[2]:.1f}"]
    return jobs_charts.per_unit_chart(y, reference=ref, source=source()), jobs_charts.per_unit_alt(y, ref), names


def jobs_case(h):
    names = [("at least " + n(lo)) if math.isinf(hi) else n(v) for v, lo, hi in zip(h["j_value"], h["j_low"], h["j_high"])]
    return jobs_charts.jobs_chart(h, source=source()), jobs_charts.jobs_alt(h), names


def pairs_case(p, band):
    names = [str(len(p))] + [f"{v:.1f}" for v in p.loc[p["implausible"].astype(bool), "jpu_value"]]
    names += [f"{band[0]:.1f}", f"{band[1]:.1f}"]
    return jobs_charts.pairs_chart(p, band=band, source=source()), jobs_charts.pairs_alt(p, band), names


def attainment_case(a):
    s = a[a["scored"].astype(bool) & (a["metric"] == "units_target")]
    names = [n(v) for v in s["value"]] + [str(int(y)) for y in s["jalali_year"]]
    names += [n(v) for v, hi in zip(s["done_value"], s["done_high"]) if math.isfinite(hi)]
    names += [f"at least {math.ceil(lo):,}" if lo != int(lo) else f"at least {n(lo)}" for lo, hi in zip(s["done_low"], s["done_high"])
              if math.isinf(hi)]
    return targets.attainment_chart(a, source=source()), targets.attainment_alt(a), names


def stock_case(s, b):
    names = [n(v) for v, hi in zip(s["value"], s["high"]) if math.isfinite(hi)]
    names += [f"{T(d):%Y-%m-%d}" for d in s["end_earliest"]]
    bounded = b[(b["revived_low"] > 0) | np.isfinite(b["revived_high"])] if len(b) else b
    names += [f"at least {math.ceil(lo):,}" for lo, hi in zip(bounded["revived_low"], bounded["revived_high"]) if math.isinf(hi)]
    return stock.stock_chart(s, b, source=source()), stock.stock_alt(s, b), names


def seed_case(e, b, w):
    names = [f"{T(w[0]):%Y-%m-%d}", f"{T(w[1]):%Y-%m-%d}"] + [f"{T(d):%Y-%m-%d}" for d in e["earliest"]]
    names += [n(v) for v in b["lower_value"].dropna()] + [n(v) for v in b["upper_value"].dropna()]
    from persiantools.jdatetime import JalaliDate
    names += [JalaliDate(T(w[0]).date()).strftime("%Y/%m/%d"), JalaliDate(T(w[1]).date()).strftime("%Y/%m/%d")]
    return seed.seed_date_chart(e, b, w, source=source()), seed.seed_date_alt(e, b, w), names


def reports_case(r):
    names = [str(len(r))] + [str(int((r["date_basis"] == b).sum())) for b in r["date_basis"].unique()]
    s = r[r["primary"]].iloc[0]
    names += [f"{T(s['published_earliest']):%Y-%m-%d}", f"{T(s['published_latest']):%Y-%m-%d}"]
    return reports.reports_chart(r, source=source()), reports.reports_alt(r), names


def _ref(e) -> tuple[float, float, float]:
    return float(e.value), float(e.low), float(e.high)


REAL = {
    "years": lambda ev, sd: years_case(timeline.years(ev)),
    "year_to_date": lambda ev, sd: ytd_case(timeline.year_to_date(ev)),
    "jobs_per_unit": lambda ev, sd: per_unit_case(jobs.yearly(ev), _ref(jobs.reference_range(ev))),
    "jobs_per_year": lambda ev, sd: jobs_case(jobs.headline(ev)),
    "pairs": lambda ev, sd: pairs_case(jobs.pairs(ev), jobs.plausible_band(ev)),
    "targets": lambda ev, sd: attainment_case(rates.attainment(ev)),
    "stock": lambda ev, sd: stock_case(stock_q.stocks(ev), stock_q.between(ev)),
    "seed_date": lambda ev, sd: seed_case(*sd),
    "reports": lambda ev, sd: reports_case(timeline.reports(ev)),
}

TINY = {
    "years": lambda: years_case(tiny_years()),
    "year_to_date": lambda: ytd_case(tiny_ytd()),
    "jobs_per_unit": lambda: per_unit_case(tiny_jobs_yearly(), (17.4, 15.7, 19.7)),
    "jobs_per_year": lambda: jobs_case(tiny_jobs_headline()),
    "pairs": lambda: pairs_case(tiny_pairs(), (7.9, 39.3)),
    "targets": lambda: attainment_case(tiny_attainment()),
    "stock": lambda: stock_case(*tiny_stocks()),
    "seed_date": lambda: seed_case(*tiny_seed()),
    "reports": lambda: reports_case(tiny_reports()),
}


CASES = [(kind, name) for kind in ("real", "tiny") for name in REAL]


def seed_inputs(ev):
    """The seed chart's frames from the real evidence."""
    prov = seed_record.read_provenance(ev.ledger.primary_source()["seed_file"])
    return seed.evidence_frame(prov.evidence), audit_seed.date_brackets(ev), audit_seed.date_window(ev)


def build(ev, sd, kind: str, name: str):
    """One case: ``(figure, alt text, numbers it must name)``."""
    return REAL[name](ev, sd) if kind == "real" else TINY[name]()


def texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text of a figure."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
