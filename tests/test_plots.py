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
