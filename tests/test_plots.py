"""Chart and table files: written where the output folder says, identical run to run."""

import matplotlib.pyplot as plt
import pandas as pd

from analysis import plots


def _chart():
    plots.setup()  # fixes the SVG hash salt, without which SVG ids change run to run
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2])
    plots.finish(fig, ax, title="t", xlabel="x (units)", ylabel="y (units)", source="Source: test")
    return fig


def test_publish_writes_png_svg_csv_identically_twice(tmp_path, monkeypatch):
    data = pd.DataFrame({"a": [1, 2], "b": ["x", "<y>"]})
    outputs = []
    for run in ("one", "two"):
        monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path / run))
        assert plots.publish(_chart(), "chart", data) is None
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / run).iterdir()})
    assert set(outputs[0]) == {"chart.png", "chart.svg", "chart.csv"}
    assert outputs[0] == outputs[1]
    assert outputs[0]["chart.csv"] == b"a,b\n1,x\n2,<y>\n"


def test_table_writes_csv_and_returns_the_frame(tmp_path, monkeypatch):
    monkeypatch.setenv("ISIPO_OUTPUT_DIR", str(tmp_path))
    frame = pd.DataFrame({"year": [1398, 1399], "units": [1185, 468]})
    assert plots.table(frame, "t") is frame
    assert (tmp_path / "t.csv").read_text() == "year,units\n1398,1185\n1399,468\n"


def test_source_ids_collects_every_column():
    a = pd.DataFrame({"source_id": ["S02", "S01"], "source_ids": ["S03, S01", ""]})
    b = pd.DataFrame({"first_source": ["S09"], "latest_source": ["S04"]})
    assert plots.source_ids(a, b) == ["S01", "S02", "S03", "S04", "S09"]


def test_source_ids_splits_every_separator():
    t = pd.DataFrame({"source_ids": ["S10 → S12", "S11; S13,S14"], "final_source_ids": ["S20", None]})
    assert plots.source_ids(t) == ["S10", "S11", "S12", "S13", "S14", "S20"]
    assert plots.source_ids(t, columns=("source_ids",)) == ["S10", "S11", "S12", "S13", "S14"]


def test_a_long_source_line_gets_room_below_the_axes():
    plots.setup()
    fig, ax = plt.subplots(figsize=(8, 4))
    height = fig.get_figheight()
    plots.finish(fig, ax, title="t", xlabel="x", ylabel="y", source="Source: " + "; ".join(f"Outlet {i} (S{i:02d})" for i in range(60)))
    renderer = fig.canvas.get_renderer()
    note_top = fig.texts[-1].get_window_extent(renderer).y1
    axes_bottom = ax.get_tightbbox(renderer).y0
    assert fig.get_figheight() > height
    assert note_top < axes_bottom
    plt.close(fig)


def test_escape_neutralises_html_and_markdown_and_keeps_text_readable():
    from analysis.text import escape, escape_column

    raw = "<script>alert(1)</script> *x* [a](b) & \"q\" it's #1"
    expected = "&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[a\\](b) &amp; \"q\" it's \\#1"
    assert escape(raw) == expected
    assert escape_column(pd.Series([raw, "plain"])).tolist() == [expected, "plain"]
