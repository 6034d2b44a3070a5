"""Every report at its date, in lanes by how the date is known, the seed highlighted.

In: :func:`reports_chart` / :func:`reports_alt` take the frame of
:func:`analysis.questions.timeline.reports`. Columns used: ``source_id``, ``published_earliest``,
``published_latest`` (equal where the date is known to the day), ``date_basis`` (a code of
:data:`analysis.fmt.DATE_BASES`), ``primary`` (the seed).

Out: a matplotlib Figure (a dot per report dated to the day, a bar across the window of one whose
date is estimated; reports that would touch are stacked within their lane) and its alt text, in the
language in force. The primary report is named by its outlet (``publisher``, when the frame has it),
never as "the seed" (``docs/style.md``). With ``link``, each report's mark links to it (``source_ids``,
or ``source_id``).
"""

from __future__ import annotations

import pandas as pd

from ... import calendar, fmt
from ...words import Count, Date, Text, say
from .. import style
from . import kit, layout

#: Lanes from the most to the least precise way of knowing a date.
LANES = ["shown", "url_date", "id_interpolation", "text_clues"]

REPORT = "#8a8a8a"


def _lanes(reports: pd.DataFrame) -> list[str]:
    present = list(dict.fromkeys(reports["date_basis"].astype(str)))
    return [b for b in LANES if b in present] + [b for b in present if b not in LANES]


def _outlet(row) -> str:
    """The primary report's outlet, short ('Tehran Times'), or '' when the frame does not name it."""
    name = row.get("publisher", "")
    return "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name).split(" (")[0]


def _primary_name(row) -> str:
    outlet = _outlet(row)
    return say("chart.reports.primary", outlet=Text(outlet)) if outlet else say("chart.reports.primary_unnamed")


def reports_chart(reports: pd.DataFrame, *, source: str, title: str | None = None, link=None) -> "style.Figure":
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
    # (a line of text in units of the chart's lines: Persian lines are taller, and so are its lanes' labels)
    scale = style.line_height() / (1.2 * style.TEXT_PT)
    row_h, label_h = 1.15 * scale, 2.0 * scale
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
    drawn: set[str] = set()
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
                mark, = ax.plot([x0 - short, x1 + 1 + short], [ypos[i], ypos[i]], color=col, linewidth=8 if seed else 6,
                                solid_capstyle="butt", zorder=4 if seed else 3)
                drawn.add("window")
            else:
                mark, = ax.plot([x0], [ypos[i]], marker="o", markersize=10 if seed else 9, color=col, markeredgecolor=style.PAPER,
                                markeredgewidth=0.8, linestyle="none", zorder=4 if seed else 3)
                drawn.add("dot")
            kit.link(mark, r.loc[i, "source_ids"] if "source_ids" in r else r.loc[i, "source_id"], link)
        for basis in lanes:
            n = int((r["date_basis"].astype(str) == basis).sum())
            ax.annotate(say("chart.reports.lane", basis=kit.first_upper(fmt.label("date_basis", basis)), n=fmt.number(n)),
                        xy=(0, lane_top[basis]),
                        xycoords=("axes fraction", "data"), xytext=(0, -2), textcoords="offset points", ha="left", va="top",
                        fontsize=style.TEXT_PT, color=style.INK, fontweight="bold", annotation_clip=False, zorder=5,
                        bbox=dict(boxstyle="square,pad=0.1", fc=style.PAPER, ec="none"))
        for i in seed_i:
            x1 = kit.date_num(r.loc[i, "published_latest"])
            ax.annotate(_primary_name(r.loc[i]), xy=(x1, ypos[i]), xytext=(8, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=style.TEXT_PT, color=style.INK, fontweight="bold", annotation_clip=False,
                        bbox=dict(boxstyle="square,pad=0.1", fc=style.PAPER, ec="none"))
        ax.set_xlabel(say("chart.reports.xlabel"), fontsize=style.TEXT_PT, color=style.INK)

        def place():
            return kit.date_axis(ax, start, end)

        title = title or kit.first_upper(say("chart.reports.title", reports=Count(len(r), "report")))
        subtitle = " ".join(say(f"chart.reports.{k}") for k in ("dot", "window") if k in drawn)
        layout.finish(fig, [ax], title=title, subtitle=subtitle or None, source=source, place=place, min_height=0.2 * total)
    return fig


def reports_alt(reports: pd.DataFrame) -> str:
    """Alt text of :func:`reports_chart`: the span of dates, the count per lane, and the primary report's window."""
    r = reports
    first, last = pd.Timestamp(r["published_earliest"].min()), pd.Timestamp(r["published_latest"].max())
    counts = say("form.semicolon").join(say("chart.reports.alt_lane", basis=fmt.label("date_basis", b),
                                            n=fmt.number(int((r["date_basis"].astype(str) == b).sum()))) for b in _lanes(r))
    text = say("chart.reports.alt", reports=Count(len(r), "report"), first=kit.ymd(first), last=kit.ymd(last), lanes=counts)
    seed = r[r["primary"].astype(bool)]
    if len(seed):
        s = seed.iloc[0]
        e, l = pd.Timestamp(s["published_earliest"]), pd.Timestamp(s["published_latest"])
        name = kit.first_upper(_primary_name(s))
        text += " " + (say("chart.reports.alt_primary_undated", name=name, first=Date(e), last=Date(l)) if e != l
                       else say("chart.reports.alt_primary_dated", name=name, date=Date(e)))
    return text
