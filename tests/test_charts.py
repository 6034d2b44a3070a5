"""The report's charts (:mod:`analysis.present.charts`): each builds from the real evidence and from a
tiny made-up frame, has a title, axis labels and its source line, keeps every text inside the figure
and clear of every other text, uses type readable on a phone, and has alt text naming its numbers.

The numbers an alt text must name are computed here from the frame, without :mod:`analysis.fmt`.
"""

from __future__ import annotations

import ast
import io
import re
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis import evidence, fmt
from analysis import seed as seed_record
from analysis.ledger import load_ledger
from analysis.present import style
from analysis.present.charts import kit, layout
from analysis.present.charts import jobs as jobs_charts
from analysis.present.charts import programme, reports, seed, stock, targets
from analysis.questions import jobs, rates, stock as stock_q, timeline
from analysis.questions.audit import seed as audit_seed

SOURCE = "Source: isipo-revival ledger, 23 reports"
CHARTS_DIR = Path(programme.__file__).parent
ALLOWED = {"matplotlib", "numpy", "pandas", "__future__", "math", "typing", "datetime"}  # plus the standard library for types and dates
ALLOWED_ANALYSIS = {"analysis.present.style", "analysis.fmt", "analysis.calendar", "analysis.words"}

T = pd.Timestamp
INF = math.inf


def n(x: float) -> str:
    """A whole number with thousands separators (independent of analysis.fmt)."""
    return f"{int(round(x)):,}"


# ---------------------------------------------------------------------------------------------
# The real evidence
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ev():
    return evidence.build(load_ledger())


@pytest.fixture(scope="module")
def seed_inputs(ev):
    prov = seed_record.read_provenance(ev.ledger.primary_source()["seed_file"])
    return seed.evidence_frame(prov.evidence), audit_seed.date_brackets(ev), audit_seed.date_window(ev)


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
    return programme.years_chart(y, source=SOURCE), programme.years_alt(y), names


def ytd_case(d):
    years = sorted(int(yr) for yr, c in d[d["period_kind"] != "full_year"].groupby("jalali_year").size().items() if c >= 2)
    inyear = d[d["jalali_year"].isin(years) & (d["period_kind"] != "full_year")]
    return (programme.year_to_date_chart(d, source=SOURCE), programme.year_to_date_alt(d),
            [str(y) for y in years] + [n(v) for v in inyear["value"]])


def per_unit_case(y, ref):
    names = [f"{v:.1f}" for v, lo, hi in zip(y["jpu_value"], y["jpu_low"], y["jpu_high"]) if math.isfinite(hi) and lo > 0]
    names += [f"at least {lo:.1f}" for lo, hi in zip(y["jpu_low"], y["jpu_high"]) if math.isinf(hi) and lo > 0]
    names += [f"{ref[1]:.1f}", f"{ref[2]:.1f}"]
    return jobs_charts.per_unit_chart(y, reference=ref, source=SOURCE), jobs_charts.per_unit_alt(y, ref), names


def jobs_case(h):
    names = [("at least " + n(lo)) if math.isinf(hi) else n(v) for v, lo, hi in zip(h["j_value"], h["j_low"], h["j_high"])]
    return jobs_charts.jobs_chart(h, source=SOURCE), jobs_charts.jobs_alt(h), names


def pairs_case(p, band):
    names = [str(len(p))] + [f"{v:.1f}" for v in p.loc[p["implausible"].astype(bool), "jpu_value"]]
    names += [f"{band[0]:.1f}", f"{band[1]:.1f}"]
    return jobs_charts.pairs_chart(p, band=band, source=SOURCE), jobs_charts.pairs_alt(p, band), names


def attainment_case(a):
    s = a[a["scored"].astype(bool) & (a["metric"] == "units_target")]
    names = [n(v) for v in s["value"]] + [str(int(y)) for y in s["jalali_year"]]
    names += [n(v) for v, hi in zip(s["done_value"], s["done_high"]) if math.isfinite(hi)]
    names += [f"at least {math.ceil(lo):,}" if lo != int(lo) else f"at least {n(lo)}" for lo, hi in zip(s["done_low"], s["done_high"])
              if math.isinf(hi)]
    return targets.attainment_chart(a, source=SOURCE), targets.attainment_alt(a), names


def stock_case(s, b):
    names = [n(v) for v, hi in zip(s["value"], s["high"]) if math.isfinite(hi)]
    names += [f"{T(d):%Y-%m-%d}" for d in s["end_earliest"]]
    bounded = b[(b["revived_low"] > 0) | np.isfinite(b["revived_high"])] if len(b) else b
    names += [f"at least {math.ceil(lo):,}" for lo, hi in zip(bounded["revived_low"], bounded["revived_high"]) if math.isinf(hi)]
    return stock.stock_chart(s, b, source=SOURCE), stock.stock_alt(s, b), names


def seed_case(e, b, w):
    names = [f"{T(w[0]):%Y-%m-%d}", f"{T(w[1]):%Y-%m-%d}"] + [f"{T(d):%Y-%m-%d}" for d in e["earliest"]]
    names += [n(v) for v in b["lower_value"].dropna()] + [n(v) for v in b["upper_value"].dropna()]
    from persiantools.jdatetime import JalaliDate
    names += [JalaliDate(T(w[0]).date()).strftime("%Y/%m/%d"), JalaliDate(T(w[1]).date()).strftime("%Y/%m/%d")]
    return seed.seed_date_chart(e, b, w, source=SOURCE), seed.seed_date_alt(e, b, w), names


def reports_case(r):
    names = [str(len(r))] + [str(int((r["date_basis"] == b).sum())) for b in r["date_basis"].unique()]
    s = r[r["primary"]].iloc[0]
    names += [f"{T(s['published_earliest']):%Y-%m-%d}", f"{T(s['published_latest']):%Y-%m-%d}"]
    return reports.reports_chart(r, source=SOURCE), reports.reports_alt(r), names


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


@pytest.fixture(scope="module")
def built(ev, seed_inputs):
    """Every chart built once per input (building draws each figure several times)."""
    out = {}
    for name, make in REAL.items():
        out[("real", name)] = make(ev, seed_inputs)
    for name, make in TINY.items():
        out[("tiny", name)] = make()
    return out


CASES = [(kind, name) for kind in ("real", "tiny") for name in REAL]


def texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("kind,name", CASES)
def test_title_axis_labels_and_source(built, kind, name):
    fig, _, _ = built[(kind, name)]
    assert isinstance(fig, Figure)
    by_gid = {t.get_gid(): t.get_text() for t in fig.texts}
    assert by_gid.get("title", "").strip(), "no title"
    assert by_gid.get("source") == SOURCE
    xlabels = [ax.get_xlabel() for ax in fig.axes if ax.get_xlabel()]
    ylabels = [ax.get_ylabel() for ax in fig.axes if ax.get_ylabel()]
    assert xlabels, "no x-axis label"
    if name not in ("pairs", "targets", "seed_date", "reports"):  # rows of named items have no y axis to label
        assert ylabels, "no y-axis label"


@pytest.mark.parametrize("kind,name", CASES)
def test_no_text_cut_at_the_edge(built, kind, name):
    fig, _, _ = built[(kind, name)]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    W, H = fig.bbox.width, fig.bbox.height
    for t in texts(fig):
        b = t.get_window_extent(renderer)
        assert b.x0 >= -0.5 and b.y0 >= -0.5 and b.x1 <= W + 0.5 and b.y1 <= H + 0.5, f"{t.get_text()!r} runs off the figure: {b}"


@pytest.mark.parametrize("kind,name", CASES)
def test_no_two_texts_overlap(built, kind, name):
    fig, _, _ = built[(kind, name)]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts(fig)]
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for (b, bb) in boxes[i + 1:] if layout.boxes_overlap(ba, bb)]
    assert not clashes, f"texts overlap: {clashes[:5]}"


@pytest.mark.parametrize("kind,name", CASES)
def test_type_readable_on_a_phone(built, kind, name):
    fig, _, _ = built[(kind, name)]
    smallest = min(t.get_fontsize() for t in texts(fig))
    assert smallest >= style.MIN_PT
    # at 400 px wide, 1 pt of type at 100 dpi is 100/72 * 400/760 px: every text at least 10 px high
    assert smallest * fig.dpi / 72 * style.PHONE_PX / (style.WIDTH * fig.dpi) >= 10


@pytest.mark.parametrize("kind,name", CASES)
def test_alt_text_names_the_numbers(built, kind, name):
    _, alt, names = built[(kind, name)]
    assert isinstance(alt, str) and 40 < len(alt)
    missing = [x for x in names if x not in alt]
    assert not missing, f"alt text lacks {missing}: {alt}"
    assert not re.search(r"\b(nan|inf|None|NaT)\b", alt), alt


@pytest.mark.parametrize("kind,name", CASES)
def test_renders_at_report_and_phone_size(built, kind, name):
    fig, _, _ = built[(kind, name)]
    assert abs(fig.get_size_inches()[0] - style.WIDTH) < 1e-9
    for dpi, width in ((100, 760), (144, 1094), (100 * 400 / 760, 400)):  # the report's layout size, its saved PNG, a phone
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
        png = buf.getvalue()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert abs(int.from_bytes(png[16:20], "big") - width) <= 1


def test_scope_colours_are_the_palette(built, ev):
    fig, _, _ = built[("real", "years")]
    y = timeline.years(ev)
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    import matplotlib.colors as mc
    got = [mc.to_hex(p.get_facecolor()) for p in bars]
    want = [style.SCOPE_COLOURS[s].lower() for s in y.sort_values("jalali_year")["scope"]]
    assert got == want


def test_headline_marks_floor_derived_and_other_scope(built):
    fig, alt, _ = built[("tiny", "years")]
    words = [t.get_text() for t in texts(fig)]
    assert "at least" in words
    assert any("derived" in w for w in words)
    assert any("SME" in w for w in words)  # the other scope named on its bar
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    assert [bool(p.get_hatch()) for p in bars] == [False, True, True]  # the floor and the total-less-years are derived
    assert "1,600" in alt and "2,200 revised to 2,000" in alt


def test_pairs_labels_are_short_and_whole(built, ev):
    fig, _, _ = built[("real", "pairs")]
    p = jobs.pairs(ev)
    labels = [t.get_text() for t in texts(fig)]
    for _, r in p.iterrows():
        assert jobs_charts.period_text(r) in " ".join(labels)
    assert max(len(x) for x in labels if not x.startswith(("Source", "Each row", "Jobs per revived"))) <= 40


def test_period_text():
    row = dict(period_kind="year_to_date", first_year=1399, start=T("2020-03-20"), end_earliest=T("2020-08-25"), end_latest=T("2020-09-08"))
    assert jobs_charts.period_text(row) == "1399 to 25 Aug-8 Sep"
    row.update(end_earliest=T("2020-07-29"), end_latest=T("2020-07-29"))
    assert jobs_charts.period_text(row) == "1399 to 29 Jul"
    row = dict(period_kind="since_date", first_year=1400, start=T("2021-08-25"), end_earliest=T("2022-03-21"), end_latest=T("2023-03-20"))
    assert jobs_charts.period_text(row) == "Aug 2021 to 1401"
    assert jobs_charts.period_text(dict(period_kind="full_year", first_year=1396)) == "1396"


def test_year_span_and_count_estimate():
    assert kit.year_span(1399) == "2020-21"
    assert kit.year_span(1403) == "2024-25"
    # Counts on charts are whole numbers (analysis.fmt, the one place numbers are written).
    assert fmt.estimate(122, 121.5, INF, "units") == "at least 122"
    assert fmt.estimate(1600, 1550, 1650, "units") == "1,600 (1,550 to 1,650)"


def test_chart_modules_import_no_analysis_module():
    for path in sorted(CHARTS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    assert a.name.split(".")[0] in ALLOWED, f"{path.name} imports {a.name}"
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0:
                    assert node.module.split(".")[0] in ALLOWED, f"{path.name} imports {node.module}"
                    continue
                package = ["analysis", "present", "charts"]
                mod = ".".join(package[: len(package) - (node.level - 1)] + ([node.module] if node.module else []))
                full = [f"{mod}.{a.name}" for a in node.names] if mod in ("analysis", "analysis.present", "analysis.present.charts") else [mod]
                for f in full:
                    # The package may gather its own chart modules; nothing else of the analysis.
                    own_module = f.startswith("analysis.present.charts.") and (CHARTS_DIR / f"{f.rsplit('.', 1)[1]}.py").exists()
                    assert f in ALLOWED_ANALYSIS or own_module, f"{path.name} imports {f}"


def test_every_chart_has_alt_text_function():
    import inspect
    for mod in (programme, jobs_charts, targets, stock, seed, reports):
        charts = [name for name, f in inspect.getmembers(mod, inspect.isfunction) if name.endswith("_chart") and f.__module__ == mod.__name__]
        assert charts
        for c in charts:
            assert hasattr(mod, c[: -len("_chart")] + "_alt"), f"{mod.__name__}.{c} has no alt-text function"
        assert mod.__doc__ and "In:" in mod.__doc__ and "Out:" in mod.__doc__


def assert_clean(fig: Figure) -> None:
    """Every text inside the figure and clear of every other."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    W, H = fig.bbox.width, fig.bbox.height
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts(fig)]
    for text, b in boxes:
        assert b.x0 >= -0.5 and b.y0 >= -0.5 and b.x1 <= W + 0.5 and b.y1 <= H + 0.5, f"{text!r} runs off the figure"
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for (b, bb) in boxes[i + 1:] if layout.boxes_overlap(ba, bb)]
    assert not clashes, f"texts overlap: {clashes[:5]}"


EDGES = {
    "one year": lambda: programme.years_chart(tiny_years().iloc[[1]], source=SOURCE),
    "no year with two counts to date": lambda: programme.year_to_date_chart(tiny_ytd().iloc[[0, 6]], source=SOURCE),
    "one ratio": lambda: jobs_charts.per_unit_chart(tiny_jobs_yearly().iloc[[1]], reference=(17.0, 15.7, 19.7), source=SOURCE),
    "one year of jobs, a floor": lambda: jobs_charts.jobs_chart(tiny_jobs_headline().iloc[[2]], source=SOURCE),
    "one pair": lambda: jobs_charts.pairs_chart(tiny_pairs().iloc[[3]], band=(7.9, 39.3), source=SOURCE),
    "no scored target": lambda: targets.attainment_chart(tiny_attainment().iloc[[4]], source=SOURCE),
    "no span between stocks": lambda: stock.stock_chart(tiny_stocks()[0].iloc[:2], pd.DataFrame(), source=SOURCE),
    "no bracketing count": lambda: seed.seed_date_chart(tiny_seed()[0], pd.DataFrame(), (T("2020-06-21"), T("2021-03-20")),
                                                        source=SOURCE),
    "one report": lambda: reports.reports_chart(tiny_reports().iloc[[3]], source=SOURCE),
}


@pytest.mark.parametrize("case", list(EDGES))
def test_edge_frames_draw_cleanly(case):
    fig = EDGES[case]()
    assert {t.get_gid() for t in fig.texts} >= {"title", "source"}
    assert_clean(fig)
