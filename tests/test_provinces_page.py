"""The provinces page (``notebooks/05-provinces.ipynb``): its numbers, its checks, its map and its words.

Expected values are worked out here from the rows each test writes (or from ``data/*.tsv`` read as
plain text), not through the code under test: a province's count by the bounds rule by hand (a
number without trailing zeros is exact; its most generous reading one unit either way), a share as
one count over another, a day count inclusive of both ends. Made-up ledgers keep the seed's source, as
every ledger must (``evidence_fixtures``), and go through :func:`analysis.ledger.load_ledger`.
"""

from __future__ import annotations

import ast
import csv
import json
import math
import re

import matplotlib.colors as mc
import pandas as pd
import pytest
from matplotlib.patches import Rectangle
from matplotlib.text import Text as MplText

from analysis import evidence, paths
from analysis.ledger import load_ledger
from analysis.present import provinces_tables as tables
from analysis.present import style
from analysis.present.blocks import Context
from analysis.present.charts import layout
from analysis.present.charts import provinces as chart
from analysis.questions import provinces
from analysis.words import slots_of, speaking
from evidence_fixtures import figure, source, write_ledger

Y1399 = ("2020-03-20", "2021-03-20")
Y1400 = ("2021-03-21", "2022-03-20")
Y1401 = ("2022-03-21", "2023-03-20")
SOURCE = "Source: a test"


def at(province: str, fig: dict) -> dict:
    """A made-up figure about one province."""
    return {**fig, "province": province}


def places(tmp_path, sources, figures):
    data, seeds = write_ledger(tmp_path / "ledger", sources, figures)
    ev = evidence.build(load_ledger(data, seeds))
    return provinces.places(ev)


def tsv(name: str) -> list[dict]:
    with open(paths.ROOT / "data" / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(autouse=True)
def _output(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / "out"))


@pytest.fixture(scope="module")
def shipped() -> provinces.Places:
    """The shipped ledger's national evidence and every province's."""
    return provinces.places(evidence.build(load_ledger()))


# ---------------------------------------------------------------------------------------------
# A province's figures never enter a national number
# ---------------------------------------------------------------------------------------------

def test_no_provincial_figure_reaches_the_national_evidence(shipped):
    """In the shipped ledger: no figure with a province is in a national figure, claim, estimate or pair."""
    provincial = {r["figure_id"] for r in tsv("figures.tsv") if r["province"]}
    assert len(provincial) > 50  # the 24 new reports' provincial figures
    ev = shipped.national
    assert not provincial & set(ev.figures["figure_id"])
    for frame, column in ((ev.claims, "all_figure_ids"), (ev.estimates, "figure_ids"), (ev.pairs, "figure_ids")):
        named = {x.strip() for cell in frame[column] for x in re.split(r"[;,]", str(cell)) if x.strip()}
        assert not provincial & named, (column, provincial & named)
    pl = shipped
    assert set(pl.provinces) == {r["province"] for r in tsv("figures.tsv") if r["province"]}
    for name, e in pl.provinces.items():
        assert set(e.figures["figure_id"]) <= provincial
        assert (e.figures["province"] == name).all()


def test_a_provincial_count_leaves_the_national_estimate_as_it_was(tmp_path):
    national = figure("N", "S1", "units_revived", 1462, *Y1399)
    pl = places(tmp_path, [source("S1", "2021-04-10"), source("S2", "2021-05-01")],
                [national, at("Tehran", figure("T", "S2", "units_revived", 1700, *Y1399))])
    est = pl.national.estimates
    row = est[(est["metric"] == "units_revived") & (est["scope"] == "national") & (est["jalali_year"] == 1399)].iloc[0]
    assert (row["value"], row["low"], row["high"]) == (1462, 1462, 1462)  # a province above the country changes nothing
    assert row["figure_ids"] == "N"


# ---------------------------------------------------------------------------------------------
# Years, shares, jobs per unit
# ---------------------------------------------------------------------------------------------

def test_each_provinces_year_and_its_share_of_the_national_count(tmp_path):
    pl = places(tmp_path, [source("S1", "2021-04-10"), source("S2", "2021-05-01")], [
        figure("N", "S1", "units_revived", 1462, *Y1399),
        figure("P", "S1", "units_revived", 1301, *Y1399, scope="industrial_parks"),
        at("Tehran", figure("T", "S2", "units_revived", 171, *Y1399)),
        at("Fars", figure("F", "S2", "units_revived", 93, *Y1399)),
        at("Kordestan", figure("K", "S2", "units_revived", 47, *Y1399, scope="industrial_parks")),
        at("Qom", figure("Q", "S2", "units_revived", 29, *Y1399, scope="outside_parks")),
    ])
    y = provinces.years(pl).set_index(["province", "scope"])
    assert y.loc[("Tehran", "national"), ["value", "low", "high"]].tolist() == [171, 171, 171]
    assert y.loc[("Fars", "national"), "source_ids"] == "S2"
    s = provinces.shares(pl).set_index("province")
    # Same scope: the whole province against the whole country; the parks against the country's parks.
    assert s.loc["Tehran", "share_value"] == pytest.approx(171 / 1462 * 100)
    assert s.loc["Tehran", ["national_scope", "cross_scope"]].tolist() == ["national", False]
    assert s.loc["Kordestan", "share_value"] == pytest.approx(47 / 1301 * 100)
    assert not s.loc["Kordestan", "cross_scope"]
    # No national count outside the parks: the whole country's, marked as a different scope.
    assert s.loc["Qom", ["national_scope", "cross_scope"]].tolist() == ["national", True]
    assert s.loc["Qom", "share_value"] == pytest.approx(29 / 1462 * 100)


def test_a_share_of_an_open_ended_national_count_is_a_ceiling(tmp_path):
    pl = places(tmp_path, [source("S1", "2021-04-10"), source("S2", "2021-05-01")], [
        figure("N", "S1", "units_revived", 1557, *Y1399, qualifier="over"),
        at("Tehran", figure("T", "S2", "units_revived", 171, *Y1399)),
    ])
    s = provinces.shares(pl).iloc[0]
    assert s["share_low"] == 0 and s["share_high"] == pytest.approx(171 / 1557 * 100)
    cell = tables.percent(s["share_value"], s["share_low"], s["share_high"])
    assert _render(cell) == f"at most {math.ceil(171 / 1557 * 100)}%"  # 10.98%: a ceiling, rounded up, whole from 10 up


def test_jobs_per_unit_beside_the_national_ratio_of_the_same_year(tmp_path):
    pl = places(tmp_path, [source("S1", "2021-04-10"), source("S2", "2021-05-01")], [
        figure("N", "S1", "units_revived", 1462, *Y1399), figure("J", "S1", "jobs_created", 24407, *Y1399),
        at("Qom", figure("QU", "S2", "units_revived", 143, *Y1399)), at("Qom", figure("QJ", "S2", "jobs_created", 4162, *Y1399)),
        at("Fars", figure("FU", "S2", "units_revived", 93, *Y1399)),  # no jobs: no pair
        at("Tehran", figure("TJ", "S2", "jobs_created", 1100, *Y1399)),  # no units: no pair; never paired with Qom's
    ])
    j = provinces.jobs(pl)
    assert j["province"].tolist() == ["Qom"]
    r = j.iloc[0]
    assert r["jpu_value"] == pytest.approx(4162 / 143)
    assert r["nat_value"] == pytest.approx(24407 / 1462)
    assert (r["national_scope"], bool(r["cross_scope"])) == ("national", False)


# ---------------------------------------------------------------------------------------------
# The checks: the provinces' sum, and rankings both ways (graded by the audit's standard)
# ---------------------------------------------------------------------------------------------

def _sum_case(tmp_path, national: dict) -> pd.Series:
    pl = places(tmp_path, [source("S1", "2021-04-10"), source("S2", "2021-05-01")], [
        national, at("Tehran", figure("T", "S2", "units_revived", 171, *Y1399)),
        at("Fars", figure("F", "S2", "units_revived", 163, *Y1399))])
    s = provinces.sums(pl)
    return s[(s["jalali_year"] == 1399) & (s["scope"] == "national")].iloc[0]


def test_a_sum_of_provinces_above_the_national_count_is_a_contradiction(tmp_path):
    # 171 + 163 = 334 against exactly 321; most generously 170 + 162 = 332 against at most 322.
    row = _sum_case(tmp_path, figure("N", "S1", "units_revived", 321, *Y1399))
    assert (row["sum_value"], row["sum_low"], row["sum_high"]) == (334, 334, 334)
    assert (row["sum_gen_low"], row["nat_gen_high"]) == (332, 322)
    assert row["grade"] == "contradiction"


def test_a_sum_above_the_stated_count_but_within_its_rounding_is_a_question(tmp_path):
    # "330" reads 325 .. 335 (rounded at the tens); 334 is above 330 as stated, not above 335.
    row = _sum_case(tmp_path, figure("N", "S1", "units_revived", 330, *Y1399))
    assert (row["nat_low"], row["nat_high"]) == (325, 335)
    assert row["grade"] == "question"


def test_a_sum_below_the_national_count_is_consistent_and_an_open_count_unchecked(tmp_path):
    assert _sum_case(tmp_path / "a", figure("N", "S1", "units_revived", 1462, *Y1399))["grade"] == "consistent"
    open_ = _sum_case(tmp_path / "b", figure("N", "S1", "units_revived", 300, *Y1399, qualifier="over"))
    assert open_["grade"] == "unchecked"  # "over 300" has no ceiling: the check could not fail, so it is not passed


def _ranking(tmp_path, first: tuple[int, int], second: tuple[int, int]) -> pd.DataFrame:
    """Tehran and Fars in 1399 by two reports: (Tehran, Fars) in each."""
    sources = [source("S1", "2021-04-10"), source("S2", "2021-05-01")]
    figures = [at("Tehran", figure("T1", "S1", "units_revived", first[0], *Y1399)),
               at("Fars", figure("F1", "S1", "units_revived", first[1], *Y1399)),
               at("Tehran", figure("T2", "S2", "units_revived", second[0], *Y1399)),
               at("Fars", figure("F2", "S2", "units_revived", second[1], *Y1399))]
    return provinces.rankings(places(tmp_path, sources, figures))


def test_a_province_ranked_ahead_by_one_report_and_behind_by_another(tmp_path):
    # Tehran 171 ahead of Fars 93 in one report, 81 behind Fars' 153 in the other: even read
    # generously (170 .. 172 and 92 .. 94; 80 .. 82 and 152 .. 154) the orders are opposite.
    r = _ranking(tmp_path, (171, 93), (81, 153))
    assert len(r) == 1
    row = r.iloc[0]
    assert (row["province_a"], row["province_b"], row["grade"]) == ("Fars", "Tehran", "contradiction")
    # Fars (first in the vocabulary's order) behind by one report's pair of counts, ahead by the other's.
    assert (row["below_a_value"], row["below_b_value"]) == (93, 171)
    assert (row["above_a_value"], row["above_b_value"]) == (153, 81)
    assert row["comparisons"] == 4  # every Fars count against every Tehran count of the year


def test_rankings_that_differ_only_as_stated_are_a_question_and_agreeing_ones_consistent(tmp_path):
    # 160 reads 155 .. 165, which reaches Fars' 163: behind as stated, not as read; 171 is ahead of 163.
    assert _ranking(tmp_path / "q", (171, 163), (160, 163)).iloc[0]["grade"] == "question"
    assert _ranking(tmp_path / "c", (171, 93), (175, 97)).iloc[0]["grade"] == "consistent"


def test_counts_to_date_rank_only_forwards(tmp_path):
    """A count to a day within the year is a floor of the year: it shows a province ahead, never behind."""
    sources = [source("S1", "2020-09-10"), source("S2", "2021-05-01")]
    figures = [at("Tehran", figure("T1", "S1", "units_revived", 50, "2020-03-20", "2020-09-01")),
               at("Fars", figure("F1", "S1", "units_revived", 93, "2020-03-20", "2020-09-01")),
               at("Tehran", figure("T2", "S2", "units_revived", 171, *Y1399)),
               at("Fars", figure("F2", "S2", "units_revived", 63, *Y1399))]
    r = provinces.rankings(places(tmp_path, sources, figures))
    # Fars' 93 to 1 September is ahead of Tehran's 50 to the same day: a part of the year, compared once.
    # For the year, a count to a day is a floor: "Fars at least 93" is ahead of nothing of Tehran's and
    # behind nothing; only the two full years rank them (Fars 63 behind Tehran 171). One order: consistent.
    # Read as year counts, 93 against 50 would have put Fars ahead too, a false conflict.
    assert len(r) == 1
    assert (r.iloc[0]["jalali_year"], r.iloc[0]["grade"], r.iloc[0]["comparisons"]) == (1399, "consistent", 4)
    assert (r.iloc[0]["below_a_value"], r.iloc[0]["below_b_value"]) == (63, 171)
    assert r.iloc[0]["above_a"] == ""


# ---------------------------------------------------------------------------------------------
# The latest year, to date
# ---------------------------------------------------------------------------------------------

def test_the_latest_years_counts_to_date_with_the_year_gone_and_the_target(tmp_path):
    pl = places(tmp_path, [source("S1", "2022-01-10"), source("S2", "2021-04-01")], [
        at("Lorestan", figure("L", "S1", "units_revived", 13, Y1400[0], "2021-12-31")),
        at("Lorestan", figure("LT", "S2", "units_target", 26, *Y1400)),
        at("Tehran", figure("T", "S2", "units_revived", 171, *Y1399)),
    ])
    assert provinces.latest_year(pl) == 1400
    t = provinces.in_year(pl)
    assert t["province"].tolist() == ["Lorestan"]
    row = t.iloc[0]
    days = (pd.Timestamp("2021-12-31") - pd.Timestamp(Y1400[0])).days + 1  # inclusive: 286 of 365
    assert row["elapsed_low"] == row["elapsed_high"] == pytest.approx(days / 365 * 100)
    assert row["progress_value"] == pytest.approx(13 / 26 * 100)
    assert provinces.national_in_year(pl, 1400).empty


# ---------------------------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------------------------

MAP_FIGURES = [
    at("Tehran", figure("T", "S2", "units_revived", 171, *Y1399)),
    at("Fars", figure("F", "S3", "units_revived", 93, *Y1400)),
    at("Kordestan", figure("K", "S2", "units_revived", 47, *Y1399, scope="industrial_parks")),  # a part only
    at("Qom", figure("Q", "S4", "units_revived", 30, Y1400[0], "2021-09-01")),  # part of a year only
]
MAP_SOURCES = [source("S2", "2021-05-01"), source("S3", "2022-05-01"), source("S4", "2021-09-10")]


@pytest.fixture
def small_map(tmp_path):
    return provinces.tiles(places(tmp_path, MAP_SOURCES, MAP_FIGURES))


def test_the_map_holds_every_province_at_its_square(small_map):
    squares = {r["province"]: (int(r["row"]), int(r["col"])) for r in tsv("provinces.tsv")}
    assert len(squares) == 31
    assert dict(zip(small_map["province"], zip(small_map["row"], small_map["col"]))) == squares
    status = dict(zip(small_map["province"], small_map["status"]))
    assert {p for p, s in status.items() if s == "count"} == {"Tehran", "Fars"}
    assert {p for p, s in status.items() if s == "other"} == {"Kordestan", "Qom"}
    assert sum(s == "none" for s in status.values()) == 27
    t = small_map.set_index("province")
    assert (t.loc["Tehran", "value"], t.loc["Tehran", "jalali_year"]) == (171, 1399)
    assert (t.loc["Fars", "value"], t.loc["Fars", "jalali_year"]) == (93, 1400)


def test_the_map_draws_31_squares_in_their_colours_with_a_key(small_map):
    fig = chart.map_chart(small_map, source=SOURCE)
    ax = next(a for a in fig.axes if a.get_gid() == "map")
    tiles = {p.get_gid().split(":", 1)[1]: p for p in ax.patches if isinstance(p, Rectangle) and str(p.get_gid()).startswith("tile:")}
    assert len(tiles) == 31
    squares = {r["province"]: (int(r["row"]), int(r["col"])) for r in tsv("provinces.tsv")}
    for name, rect in tiles.items():
        row, col = squares[name]
        cx, cy = rect.get_x() + rect.get_width() / 2, rect.get_y() + rect.get_height() / 2
        assert (round(cx, 6), round(cy, 6)) == (col, -row), name
    # Classes: the largest count 171 over at most five classes -> a step of 50 (the round number at
    # or above 171 / 5): 0-49, 50-99, 100-149, 150-199; Tehran in the darkest, Fars in the second.
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["0 to 49", "50 to 99", "100 to 149", "150 to 199", "figures, no yearly count", "no figure"]
    handles = fig.legends[0].legend_handles
    classes = [mc.to_hex(h.get_facecolor()) for h in handles[:4]]
    assert mc.to_hex(tiles["Tehran"].get_facecolor()) == classes[3]
    assert mc.to_hex(tiles["Fars"].get_facecolor()) == classes[1]
    lum = [_luminance(c) for c in classes]
    assert lum == sorted(lum, reverse=True), "the scale runs from light to dark"
    grey = mc.to_hex(handles[4].get_facecolor())
    assert mc.to_hex(tiles["Kordestan"].get_facecolor()) == mc.to_hex(tiles["Qom"].get_facecolor()) == grey
    assert grey not in classes
    assert tiles["Zanjan"].get_hatch() and handles[5].get_hatch() and not tiles["Tehran"].get_hatch()
    _assert_clean(fig)


def test_the_maps_alt_text_names_every_count_and_the_rest(small_map):
    alt = chart.map_alt(small_map)
    assert "Tehran 171 in 1399" in alt and "Fars 93 in 1400" in alt
    assert alt.index("Tehran") < alt.index("Fars")  # largest first
    assert "Kordestan and Qom" in alt and "27 provinces" in alt
    assert not re.search(r"\b(nan|inf|None|NaT)\b", alt)


def test_the_shipped_map_is_clean_and_names_its_counts(shipped):
    tiles = provinces.tiles(shipped)
    named = {r["province"] for r in tsv("figures.tsv") if r["province"]}
    assert set(tiles.loc[tiles["status"] == "none", "province"]) == {r["province"] for r in tsv("provinces.tsv")} - named
    fig = chart.map_chart(tiles, source=SOURCE)
    _assert_clean(fig)
    alt = chart.map_alt(tiles)
    for _, r in tiles[tiles["status"] == "count"].iterrows():
        assert f"{int(math.floor(r['value'] + 0.5))} in {int(r['jalali_year'])}" in alt
    assert abs(fig.get_size_inches()[0] - style.VARIANTS["wide"].width) < 1e-9


def _luminance(c: str) -> float:
    r, g, b = mc.to_rgb(c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _assert_clean(fig) -> None:
    """Title and source line; every text inside the figure, clear of every other, at least the smallest size."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    by_gid = {t.get_gid(): t.get_text() for t in fig.texts}
    assert by_gid.get("title", "").strip() and by_gid.get("source") == SOURCE
    W, H = fig.bbox.width, fig.bbox.height
    texts = [t for t in fig.findobj(MplText) if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    for text, b in boxes:
        assert b.x0 >= -0.5 and b.y0 >= -0.5 and b.x1 <= W + 0.5 and b.y1 <= H + 0.5, f"{text!r} runs off the figure"
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for (b, bb) in boxes[i + 1:] if layout.boxes_overlap(ba, bb)]
    assert not clashes, clashes[:5]
    assert min(t.get_fontsize() for t in texts) >= style.MIN_PT
    # every name on a square stays inside its square
    ax = next(a for a in fig.axes if a.get_gid() == "map")
    squares = [p.get_window_extent(renderer) for p in ax.patches if str(p.get_gid()).startswith("tile:")]
    for t in ax.texts:
        b = t.get_window_extent(renderer)
        assert any(s.x0 - 0.5 <= b.x0 and b.x1 <= s.x1 + 0.5 and s.y0 - 0.5 <= b.y0 and b.y1 <= s.y1 + 0.5 for s in squares), t.get_text()


# ---------------------------------------------------------------------------------------------
# The page's words
# ---------------------------------------------------------------------------------------------

def _render(value) -> str:
    from analysis.words.forms import write

    return write(value)


def _page_blocks(pl) -> list:
    s, r, a = provinces.sums(pl), provinces.rankings(pl), provinces.audit(pl)
    return [tables.answer(pl, provinces.overview(pl, s, r, a)), tables.intro(),
            *(tables.heading(k) for k in ("map", "years", "shares", "jobs", "sums", "rankings", "audit", "figures")),
            tables.years(pl, "05-years"), tables.shares(pl, "05-shares"), tables.jobs(pl, "05-jobs"), tables.sums(pl, s, "05-sums"),
            tables.rankings(pl, r, "05-rankings"), tables.in_year(pl, "05-in-year"), tables.audit(pl, a, "05-audit"),
            tables.figures(pl, "05-figures"), tables.limits()]


def _text(html_text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text))


CODE_NAMES = re.compile(r"\b(units_revived|jobs_created|industrial_parks|outside_parks|economic_units|count_and_pace|full_year|"
                        r"part_floor|province_sum|province_rank|nan|NaN|NaT|inf)\b")


def _check_words(pl) -> str:
    ctx = Context()
    out = []
    blocks = _page_blocks(pl)
    for block in blocks:
        text = _text(block.html(ctx))
        assert "{" not in text and "}" not in text, text
        assert not CODE_NAMES.search(text), CODE_NAMES.search(text).group(0)
        assert not re.search(r"\b0 (contradictions|questions|provinces|checks)\b", text)
        out.append(text)
    for line in blocks[0].lines:
        sentence = str(line)
        assert len(sentence.split()) <= 40, sentence
        assert not re.search(r"\b(seed|ledger|claims?|scored)\b", sentence, flags=re.I), sentence
    return " ".join(out)


def test_the_shipped_page_reads_cleanly_and_states_the_coverage(shipped):
    text = _check_words(shipped)
    figures_ = tsv("figures.tsv")
    named = len({r["province"] for r in figures_ if r["province"]})
    assert f"Reports give figures for {named} of Iran's {len(tsv('provinces.tsv'))} provinces" in text
    # 1401 is the year with the most provinces counted for the whole province (the survey of 1401 and
    # Khorasan Razavi's own report): seven distinct provinces.
    in_1401 = {r["province"] for r in figures_ if r["province"] and r["metric"] == "units_revived" and r["scope"] == "national"
               and r["period_start"] == Y1401[0]}
    assert len(in_1401) == 7
    assert "In 1401 (2022–23), the year with the most provinces counted, 7 provinces account for about" in text


def test_a_ledger_without_provincial_figures_gives_a_page_that_says_so(tmp_path):
    pl = places(tmp_path, [source("S1", "2021-04-10")], [figure("A", "S1", "units_revived", 1500, *Y1399)])
    assert pl.provinces == {} and pl.figures.empty
    text = _check_words(pl)
    assert "None of the reports gives a figure for a single province yet" in text
    tiles = provinces.tiles(pl)
    assert len(tiles) == 31 and set(tiles["status"]) == {"none"}
    fig = chart.map_chart(tiles, source=SOURCE)
    _assert_clean(fig)
    assert "No report gives a figure for any of them." in chart.map_alt(tiles)


SMALL = {
    "one province, one year": ([source("S1", "2021-04-10")], [at("Tehran", figure("T", "S1", "units_revived", 171, *Y1399))]),
    "a province's stock alone": ([source("S1", "2021-04-10")], [at("Qazvin", figure("K", "S1", "total_units", 4000, "", "2021-03-01"))]),
    "a province's target alone": ([source("S1", "2021-01-10")], [at("Qom", figure("T", "S1", "units_target", 64, *Y1400))]),
    "a count with no period": ([source("S1", "2021-04-10")],
                               [at("Kermanshah", figure("K", "S1", "units_revived", 30, qualifier="over"))]),
    "units and jobs of a province, no national": (
        [source("S1", "2021-04-10")],
        [at("Qom", figure("U", "S1", "units_revived", 143, *Y1399)), at("Qom", figure("J", "S1", "jobs_created", 4162, *Y1399))]),
    "a province beside the country": (
        [source("S1", "2021-04-10"), source("S2", "2021-05-01")],
        [figure("N", "S1", "units_revived", 1462, *Y1399), at("Fars", figure("F", "S2", "units_revived", 93, *Y1399))]),
}


@pytest.mark.parametrize("case", SMALL)
def test_a_small_ledger_goes_through_the_page(tmp_path, case):
    pl = places(tmp_path, *SMALL[case])
    _check_words(pl)
    tiles = provinces.tiles(pl)
    _assert_clean(chart.map_chart(tiles, source=SOURCE))
    assert len(chart.map_alt(tiles)) > 40


def test_a_province_alone_is_said_to_account_for_its_share(tmp_path):
    pl = places(tmp_path, *SMALL["a province beside the country"])
    text = _text(_page_blocks(pl)[0].html(Context()))
    # 93 of 1,462: 6.4%
    assert "In 1399 (2020–21), Fars alone accounts for about 6.4% of the 1,462 idle units we estimate were revived nationwide." in text


# ---------------------------------------------------------------------------------------------
# The catalogue and the notebook
# ---------------------------------------------------------------------------------------------

def test_the_persian_twins_have_the_same_keys_and_slots():
    from analysis.words.en import provinces as en
    from analysis.words.fa import provinces as fa

    assert set(en.MESSAGES) == set(fa.MESSAGES)
    assert {k for k in en.MESSAGES if slots_of(en.MESSAGES[k]) != slots_of(fa.MESSAGES[k])} == set()
    for messages in (en.MESSAGES, fa.MESSAGES):
        assert not [k for k, v in messages.items() if re.search(r"[0-9\u06f0-\u06f9\u0660-\u0669]", v)], "a template holds a number"
    zwnj = "\u200c"
    letters = re.compile(r"[\u0600-\u06ff]")
    for key, text in fa.MESSAGES.items():
        for i, ch in enumerate(text):
            if ch == zwnj:
                assert 0 < i < len(text) - 1 and letters.match(text[i - 1]) and letters.match(text[i + 1]), key


def test_province_names_come_from_the_vocabulary():
    from analysis.words.en import provinces as en
    from analysis.words.fa import provinces as fa

    rows = tsv("provinces.tsv")
    assert en.NAMES == {f"province.{r['province']}": r["province"] for r in rows}
    assert fa.NAMES == {f"province.{r['province']}": r["name_fa"] for r in rows}
    assert set(en.SHORT) == set(fa.SHORT) == {f"province_short.{r['province']}" for r in rows}
    with speaking("fa"):
        from analysis.words import label

        assert label("province", "Tehran") == "\u062a\u0647\u0631\u0627\u0646"  # تهران


def test_every_short_name_fits_its_square():
    from analysis.words.en import provinces as en

    fig = style.figure(4)
    widest = max(style.text_width(fig, line) for name in en.SHORT.values() for line in name.split("\n"))
    square_pt = style.VARIANTS["wide"].width * 72 * (1 - chart.GAP) / 7
    assert widest <= square_pt - 4


def test_the_notebook_has_one_heading_cell_and_no_typed_numbers():
    nb = json.loads((paths.NOTEBOOKS_DIR / "05-provinces.ipynb").read_text(encoding="utf-8"))
    markdown = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert len(markdown) == 1 and "".join(markdown[0]["source"]).startswith("# ")
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "\n".join(line for line in "".join(cell["source"]).split("\n") if not line.startswith("%"))
        numbers = [n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
                   and not isinstance(n.value, bool)]
        assert numbers == [], numbers



# ---------------------------------------------------------------------------------------------
# The map as a chart block, in both languages
# ---------------------------------------------------------------------------------------------

def test_the_maps_key_names_only_fills_that_are_drawn(shipped):
    """The key's classes are the whole scale, in its colours, lightest first (a class may hold no province,
    as on any classed map); its other entries, the grey and the hatching, are fills some square has."""
    fig = chart.map_chart(provinces.tiles(shipped), source=SOURCE)
    ax = next(a for a in fig.axes if a.get_gid() == "map")
    squares = [p for p in ax.patches if str(p.get_gid()).startswith("tile:")]
    fills = {mc.to_hex(p.get_facecolor()) for p in squares}
    hatched = any(p.get_hatch() for p in squares)
    handles = fig.legends[0].legend_handles
    edges = chart.classes(provinces.tiles(shipped).query("status == 'count'")["value"])
    scale = chart.class_colours(len(edges) - 1)
    assert [mc.to_hex(h.get_facecolor()) for h in handles[:len(scale)]] == scale
    assert {c for c in fills if c in scale} and fills - set(scale) <= {chart.NO_COUNT, style.PAPER}
    for handle, text in zip(handles[len(scale):], fig.legends[0].get_texts()[len(scale):]):
        if handle.get_hatch():
            assert hatched, text.get_text()
        else:
            assert mc.to_hex(handle.get_facecolor()) in fills, text.get_text()


def test_the_persian_map_is_persian_with_persian_digits(shipped):
    tiles = provinces.tiles(shipped)
    with speaking("fa"):
        fig = chart.map_chart(tiles, source="منبع")
        alt = chart.map_alt(tiles)
    texts = [t.get_text() for t in fig.findobj(MplText) if t.get_visible() and t.get_text().strip()]
    assert texts and all(not re.search(r"[0-9A-Za-z]", t) for t in texts), [t for t in texts if re.search(r"[0-9A-Za-z]", t)][:5]
    assert sum(bool(re.search(r"[\u06f0-\u06f9]", t)) for t in texts) >= len(tiles[tiles["status"] == "count"])
    assert not re.search(r"[0-9]", alt) and re.search(r"[\u06f0-\u06f9]", alt)


def test_the_map_block_is_one_drawing_that_scrolls_on_a_phone(shipped, tmp_path):
    """The map cannot be laid out again for a phone: the block draws it once, wide, at its own size."""
    from analysis.present import figures
    from analysis.words.codec import decode, encode

    block = figures.chart("05-map", chart.map_chart, chart.map_alt, provinces.tiles(shipped), data="05-map.csv")
    carried = decode(json.loads(json.dumps(encode(block))))
    markup = block.html(Context(files="05-provinces", out=tmp_path))
    assert carried.html(Context(files="05-provinces", out=tmp_path / "again")) == markup
    assert markup.count("<svg") == 1 and "chart-only" in markup and "display:none" not in markup
    assert (tmp_path / "05-map.png").stat().st_size > 1000 and (tmp_path / "05-map.svg").is_file()
