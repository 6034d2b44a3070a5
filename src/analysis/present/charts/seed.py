"""The seed article's date: every line of evidence as a bar on one date axis, in both calendars.

In:

- ``evidence``: the seed's dated evidence windows, a frame with ``basis``, ``earliest``, ``latest``
  (one row per line of the provenance record; :func:`evidence_frame` builds it from
  ``analysis.seed.read_provenance(...).evidence``);
- ``brackets``: the frame of :func:`analysis.questions.audit.seed.date_brackets`. Columns used:
  ``metric``, ``value``, ``lower_claim``, ``lower_value``, ``after`` (the end of a smaller count: the
  seed came later) and ``upper_claim``, ``upper_value``, ``before`` (the latest end of a larger
  count: the seed came earlier);
- ``window``: :func:`analysis.questions.audit.seed.date_window`, ``(earliest, latest)``.

Out: :func:`seed_date_chart` (a Figure: one row per line of evidence, each labelled with its dates in
both calendars, the implied window shaded across all rows) and :func:`seed_date_alt`, in the language in
force. With ``link``, each row links to the reports it rests on (``source_ids`` of the evidence,
``lower_sources``/``upper_sources`` of the brackets). Readers meet the article as an undated report,
never as "the seed" (``docs/style.md``).
"""

from __future__ import annotations


import pandas as pd

from ... import fmt
from ...words import Date, has, say
from .. import style
from . import kit, layout

#: Units of the bracketing counts, in the order they are listed.
UNITS = {"units_revived": "units", "jobs_created": "jobs"}


def evidence_frame(evidence) -> pd.DataFrame:
    """The provenance record's evidence (objects with ``basis``, ``earliest``, ``latest``) as a frame."""
    rows = [{"basis": str(getattr(e, "basis")), "earliest": pd.Timestamp(getattr(e, "earliest")),
             "latest": pd.Timestamp(getattr(e, "latest"))} for e in evidence]
    return pd.DataFrame(rows, columns=["basis", "earliest", "latest"])


def _basis_words(basis: str) -> str:
    key = f"chart.seed.basis.{basis}"
    return say(key) if has(key) else kit.first_upper(fmt.label("date_basis", basis))


def _both(d0, d1=None) -> tuple[str, str]:
    """A date or window as two lines: the calendar the language reads first, then the other."""
    d0 = pd.Timestamp(d0)
    if d1 is None or pd.Timestamp(d1) == d0:
        return kit.both_days(d0)
    a, b = kit.both_days(d0), kit.both_days(d1)
    return (say("chart.seed.window", first=a[0], last=b[0]), say("chart.seed.window", first=a[1], last=b[1]))


def _join_ids(*cells) -> str:
    ids = [x.strip() for c in cells for x in str(c if c is not None and not pd.isna(c) else "").replace(";", ",").split(",")]
    return ", ".join(dict.fromkeys(x for x in ids if x))


def rows(evidence: pd.DataFrame, brackets: pd.DataFrame, window: tuple) -> list[dict]:
    """The chart's rows, top to bottom: the record's lines (a cross-report line equal to the window is
    left to the last row), each bracketing count's end (counts ending on the same day and pointing the
    same way share a row), and the window they imply."""
    w0, w1 = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    out = []
    crossing = ""
    for _, e in evidence.iterrows():
        e0, e1 = pd.Timestamp(e["earliest"]), pd.Timestamp(e["latest"])
        if str(e["basis"]) == "cross_report" and (e0, e1) == (w0, w1):
            crossing = _join_ids(e.get("source_ids", ""))
            continue
        out.append({"kind": "evidence", "label": _basis_words(str(e["basis"])), "start": e0, "end": e1,
                    "ids": _join_ids(e.get("source_ids", ""))})
    ends: dict[tuple, dict] = {}
    units = list(UNITS)
    for _, b in brackets.iterrows():
        metric = str(b["metric"])
        if str(b.get("lower_claim", "") or "") and not pd.isna(b.get("after")):
            key = ("after", pd.Timestamp(b["after"]))
            r = ends.setdefault(key, {"kind": "after", "start": key[1], "end": key[1], "counts": [], "ids": []})
            r["counts"].append((metric, float(b["lower_value"])))
            r["ids"].append(b.get("lower_sources", ""))
        if str(b.get("upper_claim", "") or "") and not pd.isna(b.get("before")):
            key = ("before", pd.Timestamp(b["before"]))
            r = ends.setdefault(key, {"kind": "before", "start": key[1], "end": key[1], "counts": [], "ids": []})
            r["counts"].append((metric, float(b["upper_value"])))
            r["ids"].append(b.get("upper_sources", ""))
    every = []
    for key in sorted(ends, key=lambda k: (k[1], k[0])):
        r = ends[key]
        counts = sorted(dict.fromkeys(r["counts"]), key=lambda c: (units.index(c[0]) if c[0] in units else len(units), c[1]))
        words = say("form.comma").join(say("form.count", n=fmt.number(v), noun=fmt.unit_words(UNITS.get(m, ""))) if m in UNITS
                                       else fmt.number(v) for m, v in counts)
        r["label"] = say("chart.seed.after" if r["kind"] == "after" else "chart.seed.before", counts=words)
        r["ids"] = _join_ids(*r["ids"])
        every.append(r["ids"])
        out.append(r)
    out.append({"kind": "window", "label": say("chart.seed.implied"), "start": w0, "end": w1, "ids": crossing or _join_ids(*every)})
    return out


def seed_date_chart(evidence: pd.DataFrame, brackets: pd.DataFrame, window: tuple, *, source: str,
                    title: str | None = None, link=None) -> "style.Figure":
    """One horizontal bar per line of evidence on the undated article's date (a dot with an arrow for a
    bracketing count's end: the side the article lies on), the window they imply highlighted and shaded
    across all rows."""
    rs = rows(evidence, brackets, window)
    n = len(rs)
    w0, w1 = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    lo = min(r["start"] for r in rs)
    hi = max(r["end"] for r in rs)
    span = max((hi - lo).days, 30)
    start, end = lo - pd.Timedelta(days=max(8, span * 0.03)), hi + pd.Timedelta(days=max(8, span * 0.03))
    with style.context():
        fig = style.figure(2.3 + 0.95 * n)
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False)
        ax.set_ylim(n - 0.45, -0.85)
        ax.set_yticks([])
        ax.axvspan(kit.date_num(w0), kit.date_num(w1) + 1, color=style.BAND, zorder=0, linewidth=0)
        ax.set_xlabel(say("chart.seed.xlabel"), fontsize=style.TEXT_PT, color=style.INK)
        for i, r in enumerate(rs):
            x0, x1 = kit.date_num(r["start"]), kit.date_num(r["end"]) + 1
            if r["kind"] in ("evidence", "window"):
                col = style.INK if r["kind"] == "window" else style.MUTED
                mark, = ax.plot([x0, x1], [i, i], color=col, linewidth=9 if r["kind"] == "window" else 7, solid_capstyle="butt",
                                zorder=3)
            else:
                mark, = ax.plot([x0], [i], marker="o", markersize=10, color=style.INK, linestyle="none", zorder=4)
                ax.annotate("", xy=(x0, i), xytext=(34 if r["kind"] == "after" else -34, 0), textcoords="offset points",
                            arrowprops=dict(arrowstyle="<|-", color=style.INK, lw=1.8, shrinkA=0, shrinkB=6, mutation_scale=14),
                            annotation_clip=False)
            kit.link(mark, r["ids"], link)
            ax.annotate(r["label"], xy=(1 if style.rtl() else 0, i), xycoords=("axes fraction", "data"), xytext=(0, 22),
                        textcoords="offset points", ha="right" if style.rtl() else "left", va="bottom", fontsize=style.TEXT_PT,
                        color=style.INK, fontweight="bold" if r["kind"] == "window" else "normal", annotation_clip=False)

        def place():
            out = kit.date_axis(ax, start, end)
            ppx = kit.points_per_unit(ax, "x")
            left, right = ax.get_xlim()
            for i, r in enumerate(rs):
                x0, x1 = kit.date_num(r["start"]), kit.date_num(r["end"]) + 1
                g, j = _both(r["start"], None if r["start"] == r["end"] else r["end"])
                wpt = max(style.text_width(fig, g), style.text_width(fig, j)) + 6
                # (side, gap in points): a dot's dates go on the side its arrow does not, else past the arrow
                if r["kind"] == "after":
                    choices = [("left", x0, 12), ("right", x0, 42)]
                elif r["kind"] == "before":
                    choices = [("right", x0, 12), ("left", x0, 42)]
                else:
                    choices = [("right", x1, 8), ("left", x0, 8)]
                for side, anchor, gap in choices:
                    room = (anchor - left) if side == "left" else (right - anchor)
                    if room * ppx >= wpt + gap:
                        break
                else:
                    side, anchor, gap = "inside", (x0 + x1) / 2, 0
                common = dict(fontsize=style.TEXT_PT, linespacing=1.0, annotation_clip=False, va="center")
                half = style.line_height() / 2
                if side == "inside":  # a bar wider than the room beside it: the dates go on it, on a light box
                    for line, dy, col in ((g, half, style.INK), (j, -half, style.MUTED)):
                        out.append(ax.annotate(line, xy=(anchor, i), xytext=(0, dy), textcoords="offset points", ha="center",
                                               zorder=6, color=col, bbox=dict(boxstyle="square,pad=0.1", fc=style.PAPER, ec="none"),
                                               **common))
                else:
                    dx = gap if side == "right" else -gap
                    for line, dy, col in ((g, half, style.INK), (j, -half, style.MUTED)):
                        out.append(ax.annotate(line, xy=(anchor, i), xytext=(dx, dy), textcoords="offset points",
                                               ha="left" if side == "right" else "right", color=col, **common))
            return out

        title = title or say("chart.seed.title")
        subtitle = say("chart.seed.subtitle", first=Date(w0), last=Date(w1))
        layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source, place=place, min_height=0.95 * n)
    return fig


def seed_date_alt(evidence: pd.DataFrame, brackets: pd.DataFrame, window: tuple) -> str:
    """Alt text of :func:`seed_date_chart`: every row's dates in both calendars, and the window."""
    rs = rows(evidence, brackets, window)
    parts = []
    for r in rs[:-1]:
        g, j = _both(r["start"], None if r["start"] == r["end"] else r["end"])
        label = r["label"][:1].lower() + r["label"][1:]
        parts.append(say("chart.seed.alt_row", label=label, first=g, second=j))
    g, j = _both(window[0], window[1])
    return say("chart.seed.alt", rows=say("form.semicolon").join(parts), first=g, second=j)
