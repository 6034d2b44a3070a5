"""A synthetic ledger of the provincial shape, for ``make bench``: 31 provinces x monthly counts x several metrics.

In: the shipped ledger, ``data/provinces.tsv``, a size and a build day. Out: ``sources.tsv`` and
``figures.tsv`` in a folder, valid for :func:`analysis.ledger.load_ledger` as of that day.

The programme as provinces report it: every month, each province's outlet states its count to date
of the year (from the year's first day to the end of the Iranian month just ended) of units revived and
of jobs, and repeats the year's targets of units and jobs, for the whole province (``national``), its
industrial parks and the units outside them. One such report states 12 figures; the first of each year
states the targets, later months' reports restate them (``restates`` the first, as a provincial piece
repeats its quota). Months run from 1391 to the last month that ended ten days before the build day, in
date order, the 31 provinces within each month, so even the smallest ledger covers every province.

When every province-month has a report and the ledger must grow further, each further **round** adds
another outlet's report of every province-month (same dates): each of its figures either restates
the first outlet's (:data:`RESTATE_SHARE`) or states a different value next to it, as
:mod:`benchmarks.synthetic` does, so claims, series, conflicts and pairs grow with the ledger rather
than collapsing into the claims they repeat. The shipped ledger comes first, unchanged, so the
country's evidence is the real one.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from analysis import calendar, paths

#: Share of a later round's figures that restate the first outlet's figure (the rest state a new value).
RESTATE_SHARE = 0.3
#: The scopes a provincial report counts in (the whole province, its parks, the units outside them).
SCOPES = ("national", "industrial_parks", "outside_parks")
#: Days between a month's end and its report.
DELAY = 10
FIRST_YEAR = 1391
#: Each metric's code in figure ids.
CODES = {"units_revived": "u", "jobs_created": "j", "units_target": "ut", "jobs_target": "jt"}


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    return lines[0].split("\t"), [line.split("\t") for line in lines[1:]]


def _months(build_day: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    """(year, month, the year's first day, the month's last day) of every month reported by ``build_day``."""
    out = []
    year = FIRST_YEAR
    while True:
        first = calendar.year_bounds(year)[0]
        for month in range(1, 13):
            end = calendar.month_bounds(year, month)[1]
            if end + dt.timedelta(days=DELAY) > build_day:
                return out
            out.append((year, month, first, end))
        year += 1


def _near(value: int, rng: random.Random) -> int:
    """A different whole value near ``value``, never below 1."""
    step = max(1, round(value * 0.02))
    new = value + rng.choice([-1, 1]) * rng.randint(1, 5) * step
    return new if new >= 1 and new != value else value + step


def make_provincial_ledger(dest: Path, n_figures: int, build_day: str, seed: int = 0, provinces: int = 31) -> Path:
    """Write a ledger of ``n_figures`` figures (the shipped ones, then provincial ones) to ``dest``; returns ``dest``.

    ``provinces``: how many of the 31 provinces (in the vocabulary's order) the figures are spread over; with
    fewer, the same number of figures comes in more rounds per province-month (a measure of what the
    evidence of all places would cost built in one pass, without a build per place).
    """
    rng = random.Random(seed)
    data = paths.ROOT / "data"
    s_head, sources = _rows(data / "sources.tsv")
    f_head, figures = _rows(data / "figures.tsv")
    _, provinces_table = _rows(data / "provinces.tsv")
    names = [p[0] for p in provinces_table][:provinces]
    months = _months(dt.date.fromisoformat(build_day))
    # Each province's own pace: units per month in each scope, jobs per unit, and how far the target lies above.
    pace = {p: {s: rng.randint(2, 40) for s in SCOPES} for p in names}
    jobs_per_unit = {p: rng.randint(8, 35) for p in names}

    def blank(header):
        return dict.fromkeys(header, "")

    out_sources, out_figures = [], []
    n_new = max(0, n_figures - len(figures))
    first_ids: dict[tuple, str] = {}  # (province, year, month, scope, metric) -> the first outlet's figure id
    first_values: dict[tuple, int] = {}
    round_ = 0
    while len(out_figures) < n_new:
        for year, month, start, end in months:
            for p_index, province in enumerate(names):
                if len(out_figures) >= n_new:
                    break
                day = end + dt.timedelta(days=DELAY)
                sid = f"Q{round_}.{p_index}.{year}.{month}"
                src = blank(s_head)
                src.update(source_id=sid, publisher=f"Provincial outlet {round_}", language="fa",
                           url=f"https://example.org/q/{round_}/{p_index}/{year}/{month}", published=f"{day}",
                           published_earliest=f"{day}", published_latest=f"{day}", date_basis="shown",
                           citation=f"Provincial outlet {round_}, {day}", primary="no")
                out_sources.append(src)
                year_end = calendar.year_bounds(year)[1]
                for scope in SCOPES:
                    units = pace[province][scope] * month
                    target = pace[province][scope] * 12 + 12  # a goal above the year's pace
                    stated = {"units_revived": (units, start, end), "jobs_created": (units * jobs_per_unit[province], start, end),
                              "units_target": (target, start, year_end),
                              "jobs_target": (target * jobs_per_unit[province], start, year_end)}
                    for metric, (value, first_day, last_day) in stated.items():
                        if len(out_figures) >= n_new:
                            break
                        fid = f"{sid}.{scope[:3]}.{CODES[metric]}"
                        row = blank(f_head)
                        row.update(figure_id=fid, source_id=sid, metric=metric, qualifier="exact", scope=scope, province=province,
                                   period_start=f"{first_day}", period_end=f"{last_day}", speaker="provincial official")
                        target_key = (province, year, 0, scope, metric)  # a target: one per year, first stated in month 1
                        key = target_key if metric.endswith("target") else (province, year, month, scope, metric)
                        if round_ == 0:
                            row["value"] = str(first_values.setdefault(key, value))
                            if key in first_ids:
                                row["restates"] = first_ids[key]  # a later month repeats the year's target
                            else:
                                first_ids[key] = fid
                        elif rng.random() < RESTATE_SHARE:
                            row["value"], row["restates"] = str(first_values[key]), first_ids[key]
                        else:
                            row["value"] = str(_near(first_values[key], rng))
                        out_figures.append(row)
        round_ += 1
    dest.mkdir(parents=True, exist_ok=True)
    s_lines = ["\t".join(s_head), *("\t".join(r) for r in sources), *("\t".join(r[c] for c in s_head) for r in out_sources)]
    f_lines = ["\t".join(f_head), *("\t".join(r) for r in figures), *("\t".join(r[c] for c in f_head) for r in out_figures)]
    (dest / "sources.tsv").write_text("\n".join(s_lines) + "\n", encoding="utf-8")
    (dest / "figures.tsv").write_text("\n".join(f_lines) + "\n", encoding="utf-8")
    return dest
