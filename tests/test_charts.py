"""The report's charts (:mod:`analysis.present.charts`), in both drawings (wide and narrow): each builds
from the real evidence and from a tiny made-up frame, has a title, axis labels and its source line,
keeps every text inside the figure and clear of every other text, uses type no larger than the page's
body text where it is shown and readable on a phone, has alt text naming its numbers, and a key (or
coloured names) that matches what it draws, colour for colour and mark for mark. The headline chart's
subtitle is checked against the data it draws.

The cases (:mod:`chart_cases`) compute the numbers an alt text must name from the frame, without
:mod:`analysis.fmt`; the checks here read the drawn artists, not what a chart says it drew.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import matplotlib.colors as mc
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle

from analysis import evidence, fmt
from analysis.evidence import estimates
from analysis.ledger import load_ledger
from analysis.present import style
from analysis.present.charts import jobs as jobs_charts
from analysis.present.charts import kit, layout, programme, reports, seed, stock, targets
from analysis.questions import jobs, timeline

from chart_cases import CASES, INF, REAL, TINY, T, build, seed_inputs, source, texts, tiny_attainment, tiny_jobs_headline, \
    tiny_jobs_yearly, tiny_pairs, tiny_reports, tiny_seed, tiny_stocks, tiny_years, tiny_ytd

CHARTS_DIR = Path(programme.__file__).parent
ALLOWED = {"matplotlib", "numpy", "pandas", "__future__", "math", "typing", "datetime"}  # plus the standard library for types and dates
#: What a chart module may import of the analysis: its style, numbers, calendar and the catalogue of words.
ALLOWED_ANALYSIS = {"analysis.present.style", "analysis.fmt", "analysis.calendar", "analysis.words", "analysis.words.forms"}

VARIANTS = list(style.VARIANTS)
#: The page's body text at 1280 px (report.css: 1.0625rem).
BODY_PX = 17


@pytest.fixture(scope="module")
def ev():
    return evidence.build(load_ledger())


@pytest.fixture(scope="module")
def built(ev):
    """Every chart built once per input and drawing (building draws each figure several times)."""
    sd = seed_inputs(ev)
    out = {}
    for variant in VARIANTS:
        with style.drawing(variant):
            for kind, name in CASES:
                out[(kind, name, variant)] = build(ev, sd, kind, name)
    return out


ALL = [(kind, name, variant) for variant in VARIANTS for kind, name in CASES]


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_title_axis_labels_and_source(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    assert isinstance(fig, Figure)
    by_gid = {t.get_gid(): t.get_text() for t in fig.texts}
    assert by_gid.get("title", "").strip(), "no title"
    assert by_gid.get("source", "").replace("\n", " ") == source()
    xlabels = [ax.get_xlabel() for ax in fig.axes if ax.get_xlabel()]
    ylabels = [ax.get_ylabel() for ax in fig.axes if ax.get_ylabel()]
    assert xlabels, "no x-axis label"
    if name not in ("pairs", "targets", "seed_date", "reports"):  # rows of named items have no y axis to label
        assert ylabels, "no y-axis label"


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_no_text_cut_at_the_edge(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    W, H = fig.bbox.width, fig.bbox.height
    for t in texts(fig):
        b = t.get_window_extent(renderer)
        assert b.x0 >= -0.5 and b.y0 >= -0.5 and b.x1 <= W + 0.5 and b.y1 <= H + 0.5, f"{t.get_text()!r} runs off the figure: {b}"


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_no_two_texts_overlap(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts(fig)]
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for (b, bb) in boxes[i + 1:] if layout.boxes_overlap(ba, bb)]
    assert not clashes, f"texts overlap: {clashes[:5]}"


def shown_px(fig: Figure, points: float, css_px: float) -> float:
    """How many CSS pixels ``points`` of type are when the whole drawing is shown ``css_px`` wide."""
    return points * css_px / (fig.get_figwidth() * 72)


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_type_no_larger_than_the_page_and_readable_on_a_phone(built, kind, name, variant):
    """The wide drawing is shown at most 736 px wide (46rem at 1280): every text, titles included, at most
    the body's 17 px. The narrow one is shown 360 px wide on a 400 px phone (at least 11 px) and at most
    440 px (at most 17 px)."""
    fig, _, _ = built[(kind, name, variant)]
    sizes = [t.get_fontsize() for t in texts(fig)]
    assert min(sizes) >= style.MIN_PT
    if variant == "wide":
        assert fig.get_figwidth() * 72 == pytest.approx(style.WIDE_PX)
        assert shown_px(fig, max(sizes), style.WIDE_PX) <= BODY_PX
        assert shown_px(fig, min(sizes), style.WIDE_PX) >= 13
    else:
        assert shown_px(fig, min(sizes), style.PHONE_CHART_PX) >= 11
        assert shown_px(fig, max(sizes), style.NARROW_MAX_PX) <= BODY_PX


@pytest.mark.parametrize("kind,name", CASES)
def test_alt_text_names_the_numbers(built, kind, name):
    _, alt, names = built[(kind, name, "wide")]
    assert isinstance(alt, str) and 40 < len(alt)
    missing = [x for x in names if x not in alt]
    assert not missing, f"alt text lacks {missing}: {alt}"
    assert not re.search(r"\b(nan|inf|None|NaT)\b", alt), alt
    assert "seed" not in alt.lower() and "ledger" not in alt.lower()  # docs/style.md: words of the build


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_renders_at_its_size(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    assert fig.get_figwidth() == pytest.approx(style.VARIANTS[variant].width)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=144)
    png = buf.getvalue()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert abs(int.from_bytes(png[16:20], "big") - round(style.VARIANTS[variant].width * 144)) <= 1


# ---------------------------------------------------------------------------------------------
# The key matches what is drawn: colour for colour, mark for mark
# ---------------------------------------------------------------------------------------------

SCOPE_OF = {mc.to_hex(c): s for s, c in style.SCOPE_COLOURS.items()}


def _hex(c) -> str | None:
    try:
        return mc.to_hex(c)
    except (ValueError, TypeError):
        return None


def drawn(fig: Figure) -> dict:
    """What the axes draw, read from the artists: the scope colours of bars, lines, markers and arrows
    (``colours``), and the marks (``dashed``, ``markers``, ``hatched``)."""
    colours, dashed, markers, hatched = set(), False, set(), False
    for ax in fig.axes:
        for p in ax.patches:
            if isinstance(p, Rectangle) and p.get_width() > 0 and p.get_height() > 0 and p.get_visible():
                c = _hex(p.get_facecolor())
                if c in SCOPE_OF:
                    colours.add(c)
                hatched |= bool(p.get_hatch())
        for line in ax.lines:
            if not line.get_visible() or len(line.get_xdata()) == 0:
                continue
            c = _hex(line.get_color())
            if c in SCOPE_OF:
                colours.add(c)
                if line.get_linestyle() not in ("-", "None", "", " ", "solid"):
                    dashed = True
                if line.get_marker() not in (None, "None", "", " "):
                    markers.add(line.get_marker())
        for child in ax.get_children():
            arrow = getattr(child, "arrow_patch", None)
            if isinstance(arrow, FancyArrowPatch):
                c = _hex(arrow.get_edgecolor())
                if c in SCOPE_OF:
                    colours.add(c)
    return {"colours": colours, "dashed": dashed, "markers": markers, "hatched": hatched}


def named(fig: Figure) -> tuple[dict, list]:
    """What the chart names: ``{colour: [labels]}`` from its key's handles and from texts set in a scope
    colour, and the key's mark entries (handles in no scope colour) as ``(handle, label)``."""
    names: dict[str, list[str]] = {}
    marks = []
    for leg in fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]:
        for handle, text in zip(leg.legend_handles, leg.get_texts()):
            label = text.get_text()
            if not label:
                continue  # a blank entry that squares a right-to-left key's columns (layout._columns_from_the_right)
            c = _hex(handle.get_facecolor()) if isinstance(handle, Patch) else _hex(handle.get_color())
            if isinstance(handle, Patch) and handle.get_hatch():
                marks.append((handle, label))
            elif c in SCOPE_OF:
                names.setdefault(c, []).append(label)
            else:
                marks.append((handle, label))
    for t in texts(fig):
        c = _hex(t.get_color())
        if c in SCOPE_OF:
            names.setdefault(c, []).append(" ".join(t.get_text().replace("\u200f", "").split()))
    return names, marks


def assert_key_matches(fig: Figure) -> None:
    d = drawn(fig)
    names, marks = named(fig)
    for c in d["colours"]:  # every colour drawn is named as its scope ...
        assert fmt.label("scope", SCOPE_OF[c]) in names.get(c, []), \
            f"{SCOPE_OF[c]} ({c}) is drawn but not named in its colour: {names.get(c)}"
    for c, labels in names.items():  # ... and every colour named is drawn, as the scope of that colour
        assert c in d["colours"], f"the key names {labels} in {c}, which nothing is drawn in"
        assert set(labels) == {fmt.label("scope", SCOPE_OF[c])}, f"{c} is {SCOPE_OF[c]}, named {labels}"
    for handle, label in marks:  # every mark in the key is drawn
        if isinstance(handle, Patch):
            assert handle.get_hatch() and d["hatched"], f"key {label!r}: no hatched mark is drawn"
        elif handle.get_linestyle() not in ("-", "None", "", " ", "solid"):
            assert d["dashed"], f"key {label!r}: no dashed mark is drawn"
        elif handle.get_marker() not in (None, "None", "", " "):
            assert handle.get_marker() in d["markers"], f"key {label!r}: no {handle.get_marker()!r} mark is drawn"
        else:
            assert d["colours"], f"key {label!r}: no line is drawn"


@pytest.mark.parametrize("kind,name,variant", ALL)
def test_every_chart_names_what_it_draws(built, kind, name, variant):
    fig, _, _ = built[(kind, name, variant)]
    assert_key_matches(fig)


def test_the_key_check_can_fail():
    """A scope drawn in one colour and keyed in another, and a dashed key with nothing dashed, are caught."""
    fig = programme.years_chart(tiny_years(), source=source())
    ax = fig.axes[0]
    ax.patches[0].set_facecolor(style.SCOPE_COLOURS["economic_units"])  # a national bar in the movement's colour
    with pytest.raises(AssertionError, match="economic_units"):
        assert_key_matches(fig)
    fig = programme.years_chart(tiny_years(), source=source())
    for line in fig.axes[0].lines:
        line.set_linestyle("-")
    with pytest.raises(AssertionError, match="dashed"):
        assert_key_matches(fig)


def target_lines(fig: Figure) -> list[tuple[float, float, str]]:
    """The headline's target marks as (x centre, y, colour): short horizontal lines cased in white."""
    out = []
    for line in fig.axes[0].lines:
        x, y = line.get_xdata(), line.get_ydata()
        if len(x) == 2 and y[0] == y[1] and line.get_path_effects():
            out.append(((x[0] + x[1]) / 2, float(y[0]), _hex(line.get_color())))
    return sorted(out)


def test_targets_take_their_scope_colour_on_the_real_evidence(built, ev):
    """1398's SME plan targets (1,200 first stated, 1,400 at the year's end) are drawn in the SME plan's
    colour, as the key says: never black."""
    fig, _, _ = built[("real", "years", "wide")]
    y = timeline.years(ev).sort_values("jalali_year").reset_index(drop=True)
    i = int(y.index[y["jalali_year"] == 1398][0])
    at = {(round(x), round(v)): c for x, v, c in target_lines(fig)}
    assert at[(i, 1200)] == at[(i, 1400)] == mc.to_hex(style.SCOPE_COLOURS["smes"])
    for x, v, c in target_lines(fig):
        row = y.iloc[round(x)]
        scopes = {str(row["target_scope"]), str(row["target_first_scope"])}
        assert SCOPE_OF[c] in scopes, f"target {v} of {row['jalali_year']} drawn in {SCOPE_OF[c]}, its scopes are {scopes}"


def test_targets_take_their_scope_colour_on_a_tiny_frame():
    y = tiny_years().assign(target_scope=["national", "smes", "economic_units"], target_first_scope=["national", "smes", "economic_units"])
    fig = programme.years_chart(y, source=source())
    colours = [c for _, _, c in target_lines(fig)]
    assert colours == [mc.to_hex(style.SCOPE_COLOURS[s]) for s in
                       ("national", "smes", "economic_units", "economic_units")]  # 1401's target was revised: two marks
    assert_key_matches(fig)


# ---------------------------------------------------------------------------------------------
# Subtitles true for every year drawn
# ---------------------------------------------------------------------------------------------

def subtitle(fig: Figure) -> str:
    return " ".join(next(t.get_text() for t in fig.texts if t.get_gid() == "subtitle").split())


def test_whole_year_bases_are_the_evidence_layers():
    assert set(programme.WHOLE_YEAR_BASES) == set(estimates.WHOLE_YEAR_BASES)


def test_the_headline_subtitle_is_true_for_1398(built, ev):
    """1398 shows the SME plan's count, the only one for the whole year: national and park counts exist
    for part of it, so it is not 'the only scope counted that year'."""
    text = subtitle(built[("real", "years", "wide")][0])
    assert "only scope counted that year" not in text
    assert ("1398: SME plan count, the only one for the whole year (national and industrial parks counts cover part of it)."
            in text), text


def claims_of(text: str) -> dict[int, tuple[str, str]]:
    """Each year the subtitle explains: (what it claims, the scopes it names in brackets)."""
    out = {}
    for m in re.finditer(r"(\d{4}): [^.]*?count(?: to date)?(?:, the only one (that year|for the whole year)|"
                         r" \(([^)]*) also counted the whole year\)|; (no scope was counted for the whole year))"
                         r"(?: \(([^)]*) counts cover part of it\))?\.", text):
        kind = m.group(2) or ("also" if m.group(3) else "none whole")
        out[int(m.group(1))] = (kind, m.group(3) or m.group(5) or "")
    return out


@pytest.mark.parametrize("case", ["real", "only", "whole", "also", "part"])
def test_the_headline_subtitle_claims_hold_for_the_data(built, ev, case):
    """Every year the subtitle explains is one that shows another scope than national, and what it
    claims holds for the other scopes' estimates of that year (worked out here from the frame)."""
    if case == "real":
        y = timeline.years(ev)
    else:
        y = tiny_years().assign(basis=["full_year", "floor" if case == "part" else "full_year", "total_less_years"],
                                scope=["national", "industrial_parks", "national"])
        others = {"only": [], "whole": [("national", 400.0, 400.0, INF, "floor")],
                  "also": [("smes", 500.0, 500.0, 500.0, "full_year")], "part": [("national", 400.0, 400.0, INF, "floor")]}[case]
        y["other_scopes"] = [[], others, others]
    fig = programme.years_chart(y, source=source())
    claims = claims_of(subtitle(fig))
    shown = {int(r["jalali_year"]): r for _, r in y.iterrows()}
    assert set(claims) == {yr for yr, r in shown.items() if r["scope"] != "national"}, subtitle(fig)
    for yr, (kind, names) in claims.items():
        others = [tuple(o) for o in shown[yr]["other_scopes"]]
        whole = [o for o in others if o[4] in ("full_year", "total_less_years", "count_and_pace")]
        named_scopes = {fmt.label("scope", o[0]) for o in others}
        if kind == "that year":
            assert not others, f"{yr}: 'the only one that year', but {others} were counted"
        elif kind == "for the whole year":
            assert others and not whole and set(re.split(r", | and ", names)) == named_scopes, (yr, others, names)
        elif kind == "also":
            assert whole and set(re.split(r", | and ", names)) == {fmt.label("scope", o[0]) for o in whole}
        else:
            assert not whole and shown[yr]["basis"] not in ("full_year", "total_less_years", "count_and_pace")
    if case != "real":
        expected = {"only": "that year", "whole": "for the whole year", "also": "also", "part": "none whole"}[case]
        assert claims[1400][0] == expected


def test_subtitles_name_only_the_marks_drawn():
    """Counts to date with no full-year result and no window: no diamonds, no bars in the subtitle."""
    d = tiny_ytd()
    d = d[(d["period_kind"] != "full_year") & (d["share_low"] == d["share_high"])]
    fig = programme.year_to_date_chart(d, source=source())
    text = subtitle(fig)
    assert "Dots" in text and "Diamonds" not in text and "Bars" not in text
    fig = reports.reports_chart(tiny_reports().iloc[[0, 1]], source=source())
    assert subtitle(fig) == "Dots: dated to the day."


def test_the_undated_article_is_never_the_seed(built):
    for variant in VARIANTS:
        for name in ("seed_date", "reports"):
            words = " ".join(t.get_text() for t in texts(built[("real", name, variant)][0])).lower()
            assert "seed" not in words and "ledger" not in words
    assert "the Tehran Times report" in " ".join(t.get_text() for t in texts(built[("real", "reports", "wide")][0]))


# ---------------------------------------------------------------------------------------------
# What the charts draw
# ---------------------------------------------------------------------------------------------

def test_scope_colours_are_the_palette(built, ev):
    fig, _, _ = built[("real", "years", "wide")]
    y = timeline.years(ev)
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    got = [mc.to_hex(p.get_facecolor()) for p in bars]
    want = [style.SCOPE_COLOURS[s].lower() for s in y.sort_values("jalali_year")["scope"]]
    assert got == want


def test_headline_marks_floor_derived_and_other_scope(built):
    fig, alt, _ = built[("tiny", "years", "wide")]
    words = [t.get_text() for t in texts(fig)]
    assert "at least" in words
    assert any("derived" in w for w in words)
    assert any("SME" in w for w in words)  # the other scope named on its bar
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    assert [bool(p.get_hatch()) for p in bars] == [False, True, True]  # the floor and the total-less-years are derived
    assert "1,600" in alt and "2,200 revised to 2,000" in alt


def test_a_target_far_above_the_bars_is_drawn_at_the_top_with_its_value():
    y = tiny_years().assign(target_value=[1600.0, 1200.0, 9000.0], target_scope=["national", "national", "economic_units"])
    fig = programme.years_chart(y, source=source())
    words = [t.get_text() for t in texts(fig)]
    assert "9,000, off the scale" in words
    assert fig.axes[0].get_ylim()[1] < 9000


def test_pairs_labels_are_short_and_whole(built, ev):
    fig, _, _ = built[("real", "pairs", "wide")]
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
    assert kit.year_span(1399) == "2020\u201321"
    assert kit.year_span(1403) == "2024\u201325"
    assert kit.year_span(1399, short=True) == "20\u201321"
    # Counts on charts are whole numbers (analysis.fmt, the one place numbers are written).
    assert fmt.estimate(122, 121.5, INF, "units") == "at least 122"
    assert kit.column_label(122, 121.5, INF) == "122"
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


def test_chart_modules_write_no_words_of_their_own():
    """Every word drawn comes from the catalogue: the only string literals of a chart module with words in
    them are docstrings, catalogue keys, codes, dotted names, matplotlib's settings and the verdict codes
    of :func:`analysis.questions.rates.attainment` (which the module turns into catalogue keys)."""
    settings = {"offset points", "axes fraction", "upper right", "upper left", "Blues"}  # matplotlib names, never drawn
    codes = set(targets.VERDICTS)
    for path in sorted(CHARTS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docstrings:
                continue
            text = node.value
            if (re.fullmatch(r"[a-z_.{}0-9%:-]*", text) or re.fullmatch(r"[A-Za-z_]+(\.[A-Za-z_]+)+", text)
                    or text in settings | codes or text.startswith("square,pad=")):
                continue
            assert not re.search(r"[A-Za-z]{3,}", text), f"{path.name}: {text!r} is reader text outside the catalogue"


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
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    W, H = fig.bbox.width, fig.bbox.height
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts(fig)]
    for text, b in boxes:
        assert b.x0 >= -0.5 and b.y0 >= -0.5 and b.x1 <= W + 0.5 and b.y1 <= H + 0.5, f"{text!r} runs off the figure"
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for (b, bb) in boxes[i + 1:] if layout.boxes_overlap(ba, bb)]
    assert not clashes, f"texts overlap: {clashes[:5]}"


EDGES = {
    "one year": lambda: programme.years_chart(tiny_years().iloc[[1]], source=source()),
    "no year with two counts to date": lambda: programme.year_to_date_chart(tiny_ytd().iloc[[0, 6]], source=source()),
    "one ratio": lambda: jobs_charts.per_unit_chart(tiny_jobs_yearly().iloc[[1]], reference=(17.0, 15.7, 19.7), source=source()),
    "one year of jobs, a floor": lambda: jobs_charts.jobs_chart(tiny_jobs_headline().iloc[[2]], source=source()),
    "one pair": lambda: jobs_charts.pairs_chart(tiny_pairs().iloc[[3]], band=(7.9, 39.3), source=source()),
    "no scored target": lambda: targets.attainment_chart(tiny_attainment().iloc[[4]], source=source()),
    "no span between stocks": lambda: stock.stock_chart(tiny_stocks()[0].iloc[:2], pd.DataFrame(), source=source()),
    "no bracketing count": lambda: seed.seed_date_chart(tiny_seed()[0], pd.DataFrame(), (T("2020-06-21"), T("2021-03-20")),
                                                        source=source()),
    "one report": lambda: reports.reports_chart(tiny_reports().iloc[[3]], source=source()),
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", list(EDGES))
def test_edge_frames_draw_cleanly(case, variant):
    with style.drawing(variant):
        fig = EDGES[case]()
    assert {t.get_gid() for t in fig.texts} >= {"title", "source"}
    assert_clean(fig)
    assert_key_matches(fig)


def test_cases_cover_every_chart():
    assert set(REAL) == set(TINY)
    assert np.all([callable(f) for f in REAL.values()])
