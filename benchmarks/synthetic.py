"""A synthetic ledger of any size whose groups grow with it, for ``make bench``.

In: the shipped ledger and a target size. Out: ``sources.tsv`` and ``figures.tsv`` in a folder,
valid for :func:`analysis.ledger.load_ledger`.

Copying the ledger with new source ids would make each copy a claim of its own in groups of one;
copying it with the same sources would collapse the copies into the claims they repeat. Neither
grows a group. Here every added figure lands in an existing group: it is a copy of a real figure
(same metric, scope and period) stated by a copy of that figure's report (same dates), and either
**restates** the original (a longer restatement chain: claims gain figures and reports) or states a
**different value** (a new claim in the same metric, scope and period: the conflicts, series,
target paths and pairs the audit compares grow). So the work of every step grows with the ledger,
as it would if the programme were reported by province and by month.
"""

from __future__ import annotations

import random
from pathlib import Path

from analysis import paths

#: Share of added figures that restate the figure they copy (the rest state a new value).
RESTATE_SHARE = 0.3


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    return lines[0].split("\t"), [line.split("\t") for line in lines[1:]]


def _perturbed(value: str, metric_capped: bool, rng: random.Random) -> str:
    """A different value near ``value`` (same number of digits where possible), never negative."""
    v = float(value)
    step = max(1.0, abs(v) * 0.02)
    new = v + rng.choice([-1, 1]) * rng.randint(1, 5) * step
    if new < 0:
        new = v + step
    if metric_capped:
        new = min(new, 100.0)
    if "." in value:
        return f"{new:.{len(value.split('.')[1])}f}"
    return str(int(round(new)))


def make_ledger(dest: Path, n_figures: int, seed: int = 0, data: Path | None = None) -> Path:
    """Write a ledger of ``n_figures`` figures (at least the shipped ones) to ``dest``; returns ``dest``."""
    data = data or paths.ROOT / "data"
    rng = random.Random(seed)
    s_head, sources = _rows(data / "sources.tsv")
    f_head, figures = _rows(data / "figures.tsv")
    col = {name: i for i, name in enumerate(f_head)}
    scol = {name: i for i, name in enumerate(s_head)}
    capped = {"idle_share_pct", "revived_share_pct", "bank_facility_share_pct", "bank_facility_share_target_pct"}
    copyable = [r for r in figures if not r[col["figure_id"]].startswith("F")]  # not the seed's (they carry quotes)
    by_id = {r[scol["source_id"]]: r for r in sources}
    new_sources: dict[str, list[str]] = {}
    out = [list(r) for r in figures]
    k = 0
    while len(out) < n_figures:
        k += 1
        for row in copyable:
            if len(out) >= n_figures:
                break
            src = row[col["source_id"]]
            copy_src = f"{src}.k{k}"
            if copy_src not in new_sources:
                s = list(by_id[src])
                s[scol["source_id"]] = copy_src
                new_sources[copy_src] = s
            new = list(row)
            new[col["figure_id"]] = f"{row[col['figure_id']]}.k{k}"
            new[col["source_id"]] = copy_src
            if rng.random() < RESTATE_SHARE:
                new[col["restates"]] = row[col["figure_id"]]
            else:
                new[col["restates"]] = ""
                new[col["value"]] = _perturbed(row[col["value"]], row[col["metric"]] in capped, rng)
            out.append(new)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "sources.tsv").write_text("\n".join("\t".join(r) for r in [s_head, *sources, *new_sources.values()]) + "\n", encoding="utf-8")
    (dest / "figures.tsv").write_text("\n".join("\t".join(r) for r in [f_head, *out]) + "\n", encoding="utf-8")
    return dest
