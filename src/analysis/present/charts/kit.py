"""Axes in both calendars and small marks every chart shares (arrows, clean spines, scale, links).

In: a matplotlib axes and dates or Iranian years, in the language in force. Out: ticks labelled in both
calendars (Iranian year ``1399`` with the Gregorian span ``2020–21`` under it; Iranian-year or
Iranian-month ticks with Gregorian dates, the calendar the language reads first on top), arrows for
open bounds, the axes cleaned as the desk draws them, and :func:`link` (a mark linked to its sources).
Every word comes from the catalogue (``chart.*`` in :mod:`analysis.words.en.charts`), every number
through :mod:`analysis.fmt`, so a chart drawn with Persian in force is Persian throughout.
"""

from __future__ import annotations

import math
from typing import Sequence

import matplotlib
import matplotlib.dates as mdates
import pandas as pd

from ... import calendar, fmt
from ...words import Year, say
from ...words.forms import digits
from ..style import GRID, INK, LINE_GAP, MUTED, TEXT_PT, line_height, rtl, text_width, wrap


# ---------------------------------------------------------------------------------------------
# Both calendars
# ---------------------------------------------------------------------------------------------

def year_span(year: int, short: bool = False) -> str:
    """The Gregorian span of an Iranian year: ``1399`` -> ``'2020–21'`` (it runs 2020-03-20 to 2021-03-20);
    ``short``: ``'20–21'``, where a column is too narrow for the whole first year."""
    start, end = calendar.year_bounds(int(year))
    last = f"{end.year % 100:02d}" if start.year // 100 == end.year // 100 else str(end.year)
    first = f"{start.year % 100:02d}" if short else str(start.year)
    return say("chart.year_span", first=digits(first), last=digits(last))


def year_number(year) -> str:
    """An Iranian year in the digits of the language in force: ``'1399'`` / ``'۱۳۹۹'``."""
    return digits(str(int(year)))


def year_text(year: int) -> str:
    """An Iranian year with its Gregorian span, for running text: ``'1399 (2020–21)'``."""
    from ...words.forms import write

    return write(Year(int(year)))


def ymd(d) -> str:
    """A Gregorian day in figures: ``'2020-07-22'`` (Persian digits when Persian is in force)."""
    return digits(f"{pd.Timestamp(d):%Y-%m-%d}")


def jalali(d) -> str:
    """An Iranian day in figures: ``'1399/05/01'`` (Persian digits when Persian is in force)."""
    return digits(calendar.format_jalali(pd.Timestamp(d)))


def both_days(d) -> tuple[str, str]:
    """A day in figures in both calendars, the one the language reads first first: (Gregorian, Iranian)
    in English, (Iranian, Gregorian) in Persian."""
    g, j = ymd(d), jalali(d)
    return (j, g) if rtl() else (g, j)


def link(artist, ids, link_to) -> None:
    """Link a drawn mark to its sources: ``link_to(ids)`` gives the address (``None``: no link), set as the
    artist's URL, which the SVG writes as ``<a>`` around the mark. ``link_to`` is ``None`` when the chart
    is drawn without links."""
    if link_to is None or artist is None:
        return
    url = link_to(ids)
    if url:
        artist.set_url(url)


def date_num(d) -> float:
    """A date as matplotlib's date number (days; the unit of every date axis here)."""
    return float(mdates.date2num(pd.Timestamp(d).to_pydatetime()))


#: The x-axis label under Iranian-year labels (readers may not know the calendar): a catalogue key.
YEAR_AXIS = "chart.year_axis"


def year_labels(ax, positions: Sequence[float], years: Sequence[int], axis: str = "x",
                extra: Sequence[Sequence[tuple[str, str]]] | None = None, extra_width_pt: float | None = None,
                xlabel: str | None = YEAR_AXIS) -> list:
    """Label categories by Iranian year with the Gregorian span under it (``1399`` over ``2020-21``).

    ``axis='x'``: labels under the x axis, centred on ``positions``. ``axis='y'``: labels left of the
    y axis, on two lines. ``extra`` adds lines under a label, per position a list of ``(text, colour)``
    (for example a scope in words in its colour), each wrapped to ``extra_width_pt``; ``xlabel`` goes
    under them all (by default it says how to read the labels). The default tick
    labels are switched off; the labels are annotations, so the layout and the overlap tests see
    them like any other text. ``xlabel`` is a catalogue key.
    """
    out = []
    depth = 0.0
    if axis == "x":
        ax.set_xticks(list(positions), labels=[""] * len(positions))
        ax.tick_params(axis="x", length=0, pad=0)
        step = min((b - a for a, b in zip(positions, positions[1:])), default=1.0)
        slot = points_per_unit(ax, "x") * step - 6  # the room each label has, in points
        short = any(text_width(ax.figure, year_span(y)) > slot for y in years)
        for i, (p, y) in enumerate(zip(positions, years)):
            out.append(ax.annotate(year_number(y), xy=(p, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -5),
                                   textcoords="offset points", ha="center", va="top", fontsize=TEXT_PT, color=INK,
                                   fontweight="bold", annotation_clip=False))
            out.append(ax.annotate(year_span(y, short), xy=(p, 0), xycoords=ax.get_xaxis_transform(),
                                   xytext=(0, -5 - line_height()), textcoords="offset points", ha="center", va="top",
                                   fontsize=TEXT_PT, color=MUTED, annotation_clip=False))
            offset = -5 - 2 * line_height() - LINE_GAP
            for text, col in (extra[i] if extra is not None else []):
                if not text:
                    continue
                text = wrap(ax.figure, text, extra_width_pt) if extra_width_pt else text
                out.append(ax.annotate(text, xy=(p, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, offset),
                                       textcoords="offset points", ha="center", va="top", fontsize=TEXT_PT, color=col,
                                       linespacing=1.0, annotation_clip=False))
                offset -= line_height() * (text.count("\n") + 1) * 1.0 / 1.2 + LINE_GAP
            depth = max(depth, -offset) if extra is not None and any(t for t, _ in extra[i]) else max(depth, 5 + 2 * line_height())
        ax.xaxis.labelpad = depth + 4
        if xlabel:
            ax.set_xlabel(say(xlabel), fontsize=TEXT_PT, color=MUTED)
    else:
        ax.set_yticks(list(positions), labels=[""] * len(positions))
        ax.tick_params(axis="y", length=0, pad=0)
        for p, y in zip(positions, years):
            out.append(ax.annotate(year_number(y), xy=(0, p), xycoords=ax.get_yaxis_transform(), xytext=(-6, 1),
                                   textcoords="offset points", ha="right", va="bottom", fontsize=TEXT_PT, color=INK,
                                   fontweight="bold", annotation_clip=False))
            out.append(ax.annotate(year_span(y), xy=(0, p), xycoords=ax.get_yaxis_transform(), xytext=(-6, -1),
                                   textcoords="offset points", ha="right", va="top", fontsize=TEXT_PT, color=MUTED,
                                   annotation_clip=False))
    return out


def _month_starts(start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[int, int, pd.Timestamp]]:
    """(Iranian year, month, Gregorian first day) of every Iranian month that starts inside [start, end]."""
    y0, y1 = calendar.jalali_year_of(start), calendar.jalali_year_of(end)
    out = []
    for y in range(y0, y1 + 1):
        for m in range(1, 13):
            d = pd.Timestamp(calendar.to_gregorian(y, m, 1))
            if start <= d <= end:
                out.append((y, m, d))
    return out


def date_axis(ax, start, end, *, grid: bool = True, labels: bool = True) -> list:
    """An x axis of dates from ``start`` to ``end`` with Iranian ticks and Gregorian dates.

    Spans of more than about two years: a tick at each Nowruz (Iranian new year) and, centred in each
    year's band, the Iranian year over its Gregorian span (``1399`` / ``2020-21``). Shorter spans: a
    tick at the first of every Iranian month (every second, third or sixth month when they would
    crowd), labelled with its Gregorian date over the Iranian one (``2020-07-22`` / ``1399/05/01``; in
    Persian the Iranian date on top), the order dates are written in everywhere (:func:`analysis.fmt.date`).
    Returns the artists it adds (labels and grid lines), so a chart can call it again after a refit;
    ``labels=False`` draws the ticks only (a panel that shares the axis of the one below).
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    x0, x1 = date_num(start), date_num(end)
    ax.set_xlim(x0, x1)
    ax.xaxis.set_major_locator(matplotlib.ticker.NullLocator())
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    fig = ax.figure
    width_pt = ax.get_window_extent().width * 72 / fig.dpi
    per_day = width_pt / max(x1 - x0, 1.0)
    out = []
    gap = 12.0
    if (end - start).days > 800:
        y0, y1 = calendar.jalali_year_of(start), calendar.jalali_year_of(end)
        ticks = []
        short = text_width(fig, year_span(y0)) + 6 > 365 * per_day  # '17–18' where '2017–18' does not fit a year
        for y in range(y0, y1 + 2):
            b0, b1 = calendar.year_bounds(y)
            n0 = date_num(b0)
            if x0 <= n0 <= x1:
                ticks.append(n0)
            lo, hi = max(n0, x0), min(date_num(b1) + 1, x1)
            if hi <= lo or not labels:
                continue
            room = (hi - lo) * per_day
            need = max(text_width(fig, year_span(y, short)), text_width(fig, year_number(y), weight="bold")) + 6
            if room < need:
                continue
            mid = (lo + hi) / 2
            out.append(ax.annotate(year_number(y), xy=(mid, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -6),
                                   textcoords="offset points", ha="center", va="top", fontsize=TEXT_PT, color=INK,
                                   fontweight="bold", annotation_clip=False))
            out.append(ax.annotate(year_span(y, short), xy=(mid, 0), xycoords=ax.get_xaxis_transform(),
                                   xytext=(0, -6 - line_height()), textcoords="offset points", ha="center", va="top",
                                   fontsize=TEXT_PT, color=MUTED, annotation_clip=False))
        ax.set_xticks(ticks, labels=[""] * len(ticks))
        ax.tick_params(axis="x", length=6, width=0.8, color=MUTED, pad=0)
        ax.xaxis.labelpad = (6 + 2 * line_height() + 4) if labels else 4
        if grid:
            out += [ax.axvline(t, color=GRID, linewidth=0.8, zorder=0) for t in ticks]
        return out
    months = _month_starts(start, end)
    label_w = max(text_width(fig, t) for t in both_days(start)) + gap
    step = next((k for k in (1, 2, 3, 6, 12) if k * 29.5 * per_day >= label_w), 12)
    chosen = [(y, m, d) for (y, m, d) in months if (m - 1) % step == 0]
    ticks = [date_num(d) for _, _, d in chosen]
    ax.set_xticks(ticks, labels=[""] * len(ticks))
    ax.tick_params(axis="x", length=6, width=0.8, color=MUTED, pad=0)
    ax.xaxis.labelpad = (8 + 2 * line_height() + 4) if labels else 4
    for (y, m, d), t in zip(chosen, ticks):
        if grid:
            out.append(ax.axvline(t, color=GRID, linewidth=0.8, zorder=0))
        if not labels:
            continue
        half = (label_w - gap) / 2 / per_day
        if t - half < x0 or t + half > x1:  # a label that cannot be centred on its tick is left out
            continue
        ha = "center"
        top, below = both_days(d)
        out.append(ax.annotate(top, xy=(t, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -8),
                               textcoords="offset points", ha=ha, va="top", fontsize=TEXT_PT, color=INK,
                               annotation_clip=False))
        out.append(ax.annotate(below, xy=(t, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -8 - line_height()),
                               textcoords="offset points", ha=ha, va="top", fontsize=TEXT_PT, color=MUTED,
                               annotation_clip=False))
    return out


# ---------------------------------------------------------------------------------------------
# Marks
# ---------------------------------------------------------------------------------------------

def up_arrow(ax, x: float, y: float, length_pt: float = 26, colour: str = INK, **kw):
    """An arrow pointing up from data point (x, y), ``length_pt`` points long: a value with no upper bound."""
    return ax.annotate("", xy=(x, y), xycoords="data", xytext=(0, length_pt), textcoords="offset points",
                       arrowprops=dict(arrowstyle="<|-", color=colour, lw=1.8, shrinkA=0, shrinkB=0, mutation_scale=14),
                       annotation_clip=False, **kw)


def side_arrow(ax, x: float, y: float, direction: int, length_pt: float = 26, colour: str = INK):
    """An arrow from data point (x, y) pointing right (``direction=1``) or left (-1)."""
    return ax.annotate("", xy=(x, y), xycoords="data", xytext=(-direction * length_pt, 0), textcoords="offset points",
                       arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.8, shrinkA=0, shrinkB=0, mutation_scale=14),
                       annotation_clip=False)


def points_per_unit(ax, axis: str = "y") -> float:
    """How many points one data unit spans on ``axis`` (after the axes are placed)."""
    box = ax.get_window_extent()
    lo, hi = ax.get_ylim() if axis == "y" else ax.get_xlim()
    size = box.height if axis == "y" else box.width
    return size * 72 / ax.figure.dpi / (hi - lo)


def clean_axes(ax, *, left: bool = False, bottom: bool = True, grid: str | None = None) -> None:
    """Spines and grid as the desk draws them: only the baseline (and the left spine if asked), light grid lines."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_visible(left)
    ax.spines["bottom"].set_visible(bottom)
    ax.spines["bottom"].set_color(MUTED)
    ax.set_axisbelow(True)
    if grid:
        ax.grid(True, axis=grid, color=GRID, linewidth=0.8)
    else:
        ax.grid(False)


# ---------------------------------------------------------------------------------------------
# Numbers on charts (shared by every chart module)
# ---------------------------------------------------------------------------------------------

def finite(x) -> bool:
    """Whether ``x`` is a finite number (not missing, not an open bound)."""
    return x is not None and not pd.isna(x) and math.isfinite(float(x))


def column_label(value, low, high) -> str:
    """The number written on a column: the best estimate, or a floor's lower bound (the chart adds "at
    least"), a whole number rounded up as :func:`analysis.fmt.estimate` rounds a floor of whole things."""
    if not finite(high):
        return fmt.number(fmt.outward(float(low), 0, "up"))
    return fmt.number(value if finite(value) else low)


def ticks(values) -> list[str]:
    """Tick labels for numbers, in the digits of the language in force."""
    return [fmt.number(v) for v in values]


def first_upper(text: str) -> str:
    """``text`` with its first letter capitalised (a label that opens a line); scripts without case unchanged."""
    return text[:1].upper() + text[1:]
