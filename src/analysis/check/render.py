"""``make check``'s report in plain text: a summary line, then each kind of change, then the pages to re-run.

In: a :class:`~analysis.check.Result`. Out: :func:`render` returns the text (sorted, as the comparison
is; every section lists at most ``limit`` lines per place and says how many more there are);
:func:`summary` the one line at its top. Nothing here computes: it only words what
:func:`analysis.check.check` found.
"""

from __future__ import annotations

import re

from .. import fmt
from .pages import PAGES

#: Lines each section lists per place before it says how many more there are.
LIMIT = 25

_COUNTED = (  # (what, change, noun): the order the summary line counts changes in
    ("reports", "added", "report"), ("reports", "edited", "report"), ("reports", "removed", "report"),
    ("figures", "added", "figure"), ("figures", "edited", "figure"), ("figures", "removed", "figure"),
    ("claims", "added", "claim"), ("claims", "changed", "claim"), ("claims", "removed", "claim"),
    ("estimates", "moved", "estimate"), ("estimates", "new", "new estimate"), ("estimates", "vanished", "estimate"),
    ("findings", "appeared", "finding"), ("findings", "changed grade", "finding"), ("findings", "went away", "finding"),
)


def _place(name: str) -> str:
    return name or "the whole country"


def _basis(code: str) -> str:
    """An estimate's basis in a few words ('at least a part's count'), from the evidence layer's wording."""
    text = fmt.label("basis", code)
    return re.sub(r"\s*\([^)]*\)$", "", text.removeprefix("derived: "))


def summary(result) -> str:
    """The line at the top: what changed, counted, and the pages to re-run; or why nothing was compared."""
    if not result.loads:
        return "the ledger does not load"
    if result.changes is None:
        return f"the ledger loads ({_size(result.figures, result.reports)}); nothing to compare with: {result.note}"
    if not result.changes:
        return f"nothing changed: the ledger is as committed in {result.against} and loads ({_size(result.figures, result.reports)})"
    parts = []
    for what, change, noun in _COUNTED:
        n = sum(1 for c in getattr(result.changes, what) if c.change == change)
        if n:
            parts.append(fmt.count(n, noun) if change == "new" else f"{fmt.count(n, noun)} {change}")
    pages = ", ".join(result.pages) or "none"
    return f"{', '.join(parts)}; pages to re-run: {pages}"


def _size(figures: int, reports: int) -> str:
    return f"{fmt.count(figures, 'figure')} from {fmt.count(reports, 'report')}"


def render(result, limit: int | None = LIMIT) -> str:
    """The whole report (see the module docstring); ``limit=None`` lists every change."""
    if not result.loads:
        return result.message
    lines = [summary(result)]
    if result.changes is None:
        return lines[0]  # it names why
    if not result.changes:
        return "\n".join([*lines, result.note] if result.note else lines)
    lines.append("")
    lines.append(f"The working copy's ledger loads: {_size(result.figures, result.reports)}; "
                 f"compared with {result.against}: {_size(result.old_figures, result.old_reports)}.")
    if result.note:
        lines.append(result.note)
    ch = result.changes
    if ch.reports or ch.figures:
        lines += ["", "Reports and figures"]
        for what, rows in (("report", ch.reports), ("figure", ch.figures)):
            for change in ("added", "edited", "removed"):
                picked = [r for r in rows if r.change == change]
                if picked:
                    lines.append(f"  {what}s {change}: " + _listed([_row(r) for r in picked], limit))
    sections = (
        ("Claims (a number and every report that states it)", ch.claims, _claim),
        ("Best estimates (one per metric, scope and Iranian year)", ch.estimates, _estimate),
        ("Audit findings (matched by rule and claims, not by text)", ch.findings, _finding),
    )
    for title, items, word in sections:
        if not items:
            continue
        lines += ["", title]
        for place in sorted({i.place for i in items}):
            mine = [i for i in items if i.place == place]
            lines.append(f"  {_place(place)}")
            shown = mine if limit is None else mine[:limit]
            for item in shown:
                lines += [f"    {text}" for text in word(item)]
            if len(mine) > len(shown):
                lines.append(f"    ... and {len(mine) - len(shown)} more (python -m analysis.check --all lists them)")
    lines += ["", "Pages to re-run (make notebooks, then make report)"]
    lines += [f"  {PAGES[page]}: {'; '.join(reasons)}" for page, reasons in result.pages.items()]
    return "\n".join(lines)


def _listed(texts: list[str], limit: int | None) -> str:
    if limit is None or len(texts) <= limit:
        return ", ".join(texts)
    return ", ".join(texts[:limit]) + f" and {len(texts) - limit} more"


def _row(r) -> str:
    return f"{r.id} ({', '.join(r.fields)})" if r.fields else r.id


def _claim(c) -> list[str]:
    return [f"{c.change:<8} {c.claim_id}  {c.subject}: {c.stated} ({'; '.join(c.details)})"]


def _estimate(e) -> list[str]:
    what = f"{fmt.label('metric', e.metric)}, {fmt.label('scope', e.scope)}, {e.year}"
    if e.change == "new":
        return [f"new       {what}: {e.new_text} ({_basis(e.new_basis)})"]
    if e.change == "vanished":
        return [f"vanished  {what}: was {e.old_text} ({_basis(e.old_basis)})"]
    out = [f"moved     {what}: {e.old_text} -> {e.new_text}"]
    if e.old_basis != e.new_basis:
        out.append(f"          basis: {_basis(e.old_basis)} -> {_basis(e.new_basis)}")
    return out


def _finding(f) -> list[str]:
    grade = f.new_grade if f.change == "appeared" else f"{f.old_grade} -> {f.new_grade or 'no check'}"
    text = re.split(r"(?<=\.)\s", f.finding, maxsplit=1)[0]  # its first sentence
    text = text if len(text) <= 160 else text[:157] + "..."
    return [f"{f.change:<13} {grade}: {f.rule} {f.claim_id} ({f.subject}): {text}"]
