"""Every report at its date, in lanes by how the date is known, the seed highlighted.

In: :func:`reports_chart` / :func:`reports_alt` take the frame of
:func:`analysis.questions.timeline.reports`. Columns used: ``source_id``, ``published_earliest``,
``published_latest`` (equal where the date is known to the day), ``date_basis`` (a code of
:data:`analysis.fmt.DATE_BASES`), ``primary`` (the seed).

Out: a matplotlib Figure (a dot per report dated to the day, a bar across the window of one whose
date is estimated; reports that would touch are stacked within their lane) and its alt text.
"""

from __future__ import annotations

import pandas as pd

from ... import calendar, fmt
from .. import style
from . import kit, layout

#: Lanes from the most to the least precise way of knowing a date.
LANES = ["shown", "url_date", "id_interpolation", "text_clues"]

REPORT = "#8a8a8a"


def _lanes(reports: pd.DataFrame) -> list[str]:
    present = list(dict.fromkeys(reports["date_basis"].astype(str)))
    return [b for b in LANES if b in present] + [b for b in present if b not in LANES]


def reports_chart(reports: pd.DataFrame, *, source: str, title: str | None = None) -> "style.Figure":
    """Reports over time: one lane per way the date is known (named in words with its count), the seed in ink and named."""
    r = reports.sort_values(["published_earliest", "published_latest"], kind="stable").reset_index(drop=True)
    lanes = _lanes(r)
    first = pd.Timestamp(r["published_earliest"].min())
    start = pd.Timestamp(calendar.year_bounds(calendar.jalali_year_of(first - pd.Timedelta(days=30)))[0])  # a whole first year
    end = pd.Timestamp(r["published_latest"].max()) + pd.Timedelta(days=60)
    # stack within a lane: reports closer than about a marker's width go on the next row (width of the
    # axes is about 7 inches, so a day is about 7 * 72 / days points)
    per_day = 7.0 * 72 / max((end - start).days, 1)
    pad_days = 5.5 / per_day
    rows_of: dict[int, int] = {}
    lane_rows: dict[str, int] = {}
    for basis in lanes:
        idx = r.index[r["date_basis"].astype(str) == basis]
        seed = [i for i in idx if bool(r.loc[i, "primary"])]
        rest = [i for i in idx if i not in seed]
        spans = [(kit.date_num(r.loc[i, "published_earliest"]) - pad_days, kit.date_num(r.loc[i, "published_latest"]) + pad_days)
                 for i in rest]
        stack = [k + (1 if seed else 0) for k in layout.dodge(spans)]
        for i in seed:  # the seed has a row of its own, with room for its name
            rows_of[i] = 0
        for i, k in zip(rest, stack):
            rows_of[i] = k
        lane_rows[basis] = max([rows_of[i] for i in idx], default=0) + 1
    # y positions (points-like units, top down): a lane label line, then its rows
    row_h, label_h = 1.15, 2.0
    y = 0.0
    lane_top: dict[str, float] = {}
    ypos: dict[int, float] = {}
    for basis in lanes:
        lane_top[basis] = y
        y += label_h
        for i in r.index[r["date_basis"].astype(str) == basis]:
            ypos[i] = y + rows_of[i] * row_h
        y += lane_rows[basis] * row_h + 0.6
    total = y - 0.3
    with style.context():
        fig = style.figure(2.4 + 0.2 * total)
        gs = fig.add_gridspec(1, 1)
        ax = fig.add_subplot(gs[0, 0])
        kit.clean_axes(ax, left=False)
        ax.set_ylim(total, -0.4)
        ax.set_yticks([])
        seed_i = [i for i in r.index if bool(r.loc[i, "primary"])]
        for i in r.index:
            x0 = kit.date_num(r.loc[i, "published_earliest"])
            x1 = kit.date_num(r.loc[i, "published_latest"])
            seed = i in seed_i
            col = style.INK if seed else REPORT
            if x1 > x0:
                short = max(0.0, 4.0 / per_day - (x1 + 1 - x0)) / 2  # a window of a few days stays visible
                ax.plot([x0 - short, x1 + 1 + short], [ypos[i], ypos[i]], color=col, linewidth=8 if seed else 6,
                        solid_capstyle="butt", zorder=4 if seed else 3)
            else:
                ax.plot([x0], [ypos[i]], marker="o", markersize=10 if seed else 9, color=col, markeredgecolor=style.PAPER,
                        markeredgewidth=0.8, linestyle="none", zorder=4 if seed else 3)
        for basis in lanes:
            n = int((r["date_basis"].astype(str) == basis).sum())
            ax.annotate(f"{fmt.label('date_basis', basis).capitalize()} ({n})", xy=(0, lane_top[basis]),
                        xycoords=("axes fraction", "data"), xytext=(0, -2), textcoords="offset points", ha="left", va="top",
                        fontsize=style.TEXT_PT, color=style.INK, fontweight="bold", annotation_clip=False, zorder=5,
                        bbox=dict(boxstyle="square,pad=0.1", fc=style.PAPER, ec="none"))
        for i in seed_i:
            x1 = kit.date_num(r.loc[i, "published_latest"])
            ax.annotate("the seed article", xy=(x1, ypos[i]), xytext=(8, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=style.TEXT_PT, color=style.INK, fontweight="bold", annotation_clip=False,
                        bbox=dict(boxstyle="square,pad=0.1", fc=style.PAPER, ec="none"))
        ax.set_xlabel("Date published", fontsize=style.TEXT_PT, color=style.INK)

        def place():
            return kit.date_axis(ax, start, end)

        n = len(r)
        title = title or f"{n} reports, by date and how the date is known"
        subtitle = "Dots: dated to the day. Bars: the window an undated report's date lies in."
        layout.finish(fig, [ax], title=title, subtitle=subtitle, source=source, place=place)
    return fig


def reports_alt(reports: pd.DataFrame) -> str:
    """Alt text of :func:`reports_chart`: the span of dates, the count per lane, and the seed's window."""
    r = reports
    first, last = pd.Timestamp(r["published_earliest"].min()), pd.Timestamp(r["published_latest"].max())
    counts = "; ".join(f"{fmt.label('date_basis', b)}: {int((r['date_basis'].astype(str) == b).sum())}" for b in _lanes(r))
    seed = r[r["primary"].astype(bool)]
    text = (f"Timeline of {len(r)} reports from {first:%Y-%m-%d} to {last:%Y-%m-%d}, in lanes by how each date is known ({counts}).")
    if len(seed):
        s = seed.iloc[0]
        text += (f" The seed article is undated: {fmt.date_window(s['published_earliest'], s['published_latest'])}.")
    return text
