"""The stated stock of idle units over time, per scope, with the units revived between statements.

In: :func:`stock_chart` / :func:`stock_alt` take the frames of :func:`analysis.questions.stock.stocks`
and :func:`analysis.questions.stock.between`.

- ``stocks`` columns used: ``scope``, ``value``, ``low``, ``high`` (infinite for "over ..."),
  ``end_earliest``/``end_latest`` (the as-of date, or the window it lies in).
- ``between`` columns used: ``scope``, ``from_latest``, ``to_earliest``, ``revived_value``,
  ``revived_low``, ``revived_high`` (units revived between two consecutive stocks: at least zero, no
  upper bound where a year has no count). It may be empty.

Out: a matplotlib Figure, one panel per scope (titled with the scope in its colour) with a shared date
axis (Iranian years with their Gregorian spans), and its alt text, in the language in force. A span is
annotated where its revivals are bounded: a lower bound above zero or a finite upper bound. With
``link``, each stated stock links to its reports (``source_ids``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ... import calendar, fmt
from ...words import Label, say
from .. import style
from . import kit, layout

SCOPE_ORDER = list(style.SCOPE_COLOURS)




def _bounded(between: pd.DataFrame) -> pd.DataFrame:
    """Spans whose revivals are bounded: at least something above zero, or at most a finite number."""
    if between is None or between.empty:
        return pd.DataFrame(columns=["scope", "from_latest", "to_earliest", "revived_value", "revived_low", "revived_high"])
    b = between
    return b[(b["revived_low"] > 0) | np.isfinite(b["revived_high"])].reset_index(drop=True)


def revived_text(v, lo, hi) -> str:
    """Units revived in a span, in words: '2,067 to 3,818', 'at least 2,741', 'up to 1,557'."""
    if kit.finite(lo) and float(lo) <= 0 and kit.finite(hi):
        return say("chart.stock.up_to", n=fmt.number(math.floor(float(hi))))
    return fmt.estimate(v, lo, hi, "units")


def _nice_step(raw: float) -> float:
    p = 10 ** math.floor(math.log10(max(raw, 1e-9)))
    for m in (1, 2, 5, 10):
        if m * p >= raw:
            return float(m * p)
    return float(10 * p)


def stock_chart(stocks: pd.DataFrame, between: pd.DataFrame, *, source: str, title: str | None = None,
                link=None) -> "style.Figure":
    """The idle stock per scope over time: a dot at a known as-of date, a bar across an as-of window,
    an upward arrow for "over"; a bracket between two consecutive stocks says how many were revived in between."""
    order = {s: i for i, s in enumerate(SCOPE_ORDER)}
    scopes = sorted(stocks["scope"].unique(), key=lambda s: order.get(s, len(order)))
    spans = _bounded(between)
    n = max(len(scopes), 1)
    start = pd.Timestamp(stocks["end_earliest"].min()) - pd.Timedelta(days=75)
    last = pd.Timestamp(stocks["end_latest"].max()) + pd.Timedelta(days=30)
    end = pd.Timestamp(calendar.year_bounds(calendar.jalali_year_of(last))[1]) + pd.Timedelta(days=1)
    drawn: set[str] = set()
    with style.context():
        fig = style.figure(1.6 + 2.35 * n)
        gs = fig.add_gridspec(n, 1)
        axes = [fig.add_subplot(gs[i, 0]) for i in range(n)]
        for i, (ax, scope) in enumerate(zip(axes, scopes)):
            kit.clean_axes(ax, left=False, grid="y")
            col = style.colour(scope)
            d = stocks[stocks["scope"] == scope]
            top = 0.0
            for _, r in d.iterrows():
                x0, x1 = kit.date_num(r["end_earliest"]), kit.date_num(r["end_latest"])
                v = float(r["value"])
                top = max(top, float(r["high"]) if kit.finite(r["high"]) else v * 1.1)
                if x1 > x0:
                    mark, = ax.plot([x0, x1], [v, v], color=col, linewidth=6, solid_capstyle="butt", zorder=3, alpha=0.85)
                    drawn.add("window")
                else:
                    mark, = ax.plot([x0], [v], marker="o", markersize=10, color=col, markeredgecolor=style.PAPER, markeredgewidth=1.2,
                                    linestyle="none", zorder=4)
                    drawn.add("dot")
                kit.link(mark, r.get("source_ids", ""), link)
                if kit.finite(r["low"]) and kit.finite(r["high"]) and r["high"] > r["low"]:
                    xm = (x0 + x1) / 2
                    ax.plot([xm, xm], [r["low"], r["high"]], color=style.INK, linewidth=1.4, zorder=5)
                if not kit.finite(r["high"]):
                    kit.up_arrow(ax, (x0 + x1) / 2, v, length_pt=22, colour=col)
                    drawn.add("arrow")
            ax.set_ylim(0, top * 1.15)
            ax.tick_params(axis="y", length=0, pad=4, labelsize=style.TEXT_PT)
            ax.set_title(fmt.label("scope", scope), loc="right" if style.rtl() else "left", fontsize=style.TEXT_PT,
                         fontweight="bold", color=col, pad=4)
        if not scopes:
            axes[0].text(0.5, 0.5, say("chart.stock.none"), transform=axes[0].transAxes, ha="center", va="center")
        axes[-1].set_xlabel(say("chart.stock.xlabel"), fontsize=style.TEXT_PT, color=style.INK, labelpad=4)
        mid = axes[len(axes) // 2]
        mid.set_ylabel(say("chart.stock.ylabel"), fontsize=style.TEXT_PT, color=style.INK, labelpad=6)

        def place():
            out = []
            for i, ax in enumerate(axes):
                out += kit.date_axis(ax, start, end, labels=(i == len(axes) - 1))
            for ax, scope in zip(axes, scopes):
                d = stocks[stocks["scope"] == scope]
                top = max(float(h) if kit.finite(h) else float(v) for v, h in zip(d["value"], d["high"]))
                arrows = (~np.isfinite(d["high"])).any()
                sp = spans[spans["scope"] == scope].sort_values("from_latest", kind="stable").reset_index(drop=True)
                left_edge, right_edge = ax.get_xlim()
                ppx = kit.points_per_unit(ax, "x")
                texts = [say("chart.stock.revived", n=revived_text(b["revived_value"], b["revived_low"], b["revived_high"]))
                         for _, b in sp.iterrows()]
                boxes = []
                for (_, b), text in zip(sp.iterrows(), texts):
                    x0, x1 = kit.date_num(b["from_latest"]), kit.date_num(b["to_earliest"])
                    w = (style.text_width(fig, text) + 8) / ppx
                    tx0 = min(max((x0 + x1) / 2 - w / 2, left_edge), right_edge - w)
                    boxes.append((x0, x1, tx0, w))
                lanes = layout.dodge([(min(x0, tx0), max(x1, tx0 + w)) for x0, x1, tx0, w in boxes])
                # headroom in points above the highest stock: its arrow, then one text line per lane
                data_pt = 30 if arrows else 8
                need_pt = data_pt + (max(lanes) + 1) * (style.line_height() + 10) if lanes else data_pt
                height_pt = ax.get_window_extent().height * 72 / fig.dpi
                ymax = top / max(1 - need_pt / height_pt, 0.3)
                ax.set_ylim(0, ymax)
                ppu = kit.points_per_unit(ax)
                step = _nice_step(max(top / 2.5, 26 / ppu))  # tick labels at least 26 points apart
                ticks = np.arange(0, top * 1.0001 + step / 2, step)
                ticks = ticks[ticks <= top + 4 / ppu]
                ax.set_yticks(ticks, labels=kit.ticks(ticks))
                for (x0, x1, tx0, w), lane, text in zip(boxes, lanes, texts):
                    y = top + (data_pt + lane * (style.line_height() + 10) + 6) / ppu
                    out += ax.plot([x0, x0, x1, x1], [y - 5 / ppu, y, y, y - 5 / ppu], color=style.MUTED, linewidth=1.2,
                                   zorder=2, clip_on=False)
                    out.append(ax.text(tx0 + 4 / ppx, y + 3 / ppu, text, ha="left", va="bottom", fontsize=style.TEXT_PT,
                                       color=style.INK, zorder=6))
            return out

        title = title or say("chart.stock.title")
        marks = [say(f"chart.stock.{k}") for k in ("dot", "window", "arrow") if k in drawn]
        if len(spans):
            marks.append(say("chart.stock.brackets"))
        subtitle = say("form.semicolon").join(marks)
        layout.finish(fig, axes, title=title, subtitle=kit.first_upper(say("chart.sentence", text=subtitle)) if subtitle else None, source=source,
                      place=place, min_height=1.5)
    return fig


def stock_alt(stocks: pd.DataFrame, between: pd.DataFrame) -> str:
    """Alt text of :func:`stock_chart`: every scope's stated stocks in order, and the bounded revivals between them."""
    order = {s: i for i, s in enumerate(SCOPE_ORDER)}
    scopes = sorted(stocks["scope"].unique(), key=lambda s: order.get(s, len(order)))
    spans = _bounded(between)
    sentences = []
    for scope in scopes:
        d = stocks[stocks["scope"] == scope].sort_values(["end_earliest", "end_latest"], kind="stable")
        bits = [say("chart.stock.alt_stock", value=fmt.estimate(r["value"], r["low"], r["high"], "units"),
                    when=kit.ymd(r["end_earliest"]) if r["end_earliest"] == r["end_latest"]
                    else say("chart.stock.alt_window", first=kit.ymd(r["end_earliest"]), last=kit.ymd(r["end_latest"])))
                for _, r in d.iterrows()]
        sp = spans[spans["scope"] == scope]
        revived = say("form.and").join(say("chart.stock.alt_revived", n=revived_text(b["revived_value"], b["revived_low"], b["revived_high"]),
                                           first=kit.ymd(b["from_latest"]), last=kit.ymd(b["to_earliest"])) for _, b in sp.iterrows())
        stocks_text = say("form.comma").join(bits)
        sentences.append(say("chart.stock.alt_scope_revived", scope=Label("scope", scope), stocks=stocks_text, revived=revived) if len(sp)
                         else say("chart.stock.alt_scope", scope=Label("scope", scope), stocks=stocks_text))
    return say("chart.stock.alt", items=say("form.semicolon").join(sentences))
