"""Which pages of the report show a changed number, and why: the map from a change to the pages it reaches.

In: :class:`~.compare.Changes`. Out: :func:`pages` returns ``{page: reasons}``, pages in report order
(:data:`PAGES`), each with the sorted, distinct reasons in a few words. The map follows what each page
shows (the notebooks' cells and :mod:`analysis.report`):

- a report added or removed: the ledger line of page 01 and of the front page (reports and their dates),
  the sources page; a report edited: the sources page;
- a claim of the whole country added, removed or changed: page 01's claims table (and its ledger line
  when added or removed), plus the pages that show its metric (:data:`CLAIM_PAGES`: jobs on 02, counts
  to date, targets and stocks on 03);
- a best estimate of the whole country: units revived on 01 (the years), 03 (the pace) and the front
  page (the headline chart and answer); jobs on 02 (jobs per unit), 03 (targets met) and the front page;
  any estimate in the estimates download;
- an audit finding of the whole country: page 04 and the front page's findings (the stated averages and
  jobs added per unit on 02 as well);
- anything about a province: the provinces page, 05;
- a figure row added, removed or edited: the tidy ledger download.
"""

from __future__ import annotations

from .. import fmt
from .compare import Changes

#: Pages in report order, with the short name the summary line uses.
PAGES: dict[str, str] = {"01": "01 timeline", "02": "02 jobs per unit", "03": "03 year on year", "04": "04 source audit",
                         "05": "05 provinces", "front page": "front page", "sources page": "sources page",
                         "downloads": "downloads"}

#: Pages besides 01 that show a national claim of each metric.
CLAIM_PAGES: dict[str, tuple[str, ...]] = {
    "units_revived": ("03",), "jobs_created": ("02",), "jobs_per_unit_stated": ("02",),
    "units_target": ("03",), "jobs_target": ("03",),
    "idle_units": ("03",), "idle_semi_active_units": ("03",), "total_units": ("03",), "idle_share_pct": ("03",),
    "revived_share_pct": ("03",),
}

#: Pages that show a national best estimate of each metric (others: the estimates download only).
ESTIMATE_PAGES: dict[str, tuple[str, ...]] = {"units_revived": ("01", "03", "front page"),
                                              "jobs_created": ("02", "03", "front page")}

#: Audit rules whose checks page 02 shows as well as page 04.
JOBS_RULES: tuple[str, ...] = ("average", "marginal_jobs")


def pages(changes: Changes) -> dict[str, tuple[str, ...]]:
    """``{page: reasons}`` for every page a change reaches, in report order (see the module docstring)."""
    why: dict[str, set[str]] = {}

    def add(where, reason: str) -> None:
        for page in where:
            why.setdefault(page, set()).add(reason)

    for r in changes.reports:
        add(("sources page",), f"report {r.id} {r.change}")
        if r.change != "edited":
            add(("01", "front page"), "the ledger line")
    if changes.figures:
        add(("downloads",), "the tidy ledger")
    for c in changes.claims:
        if c.place:
            add(("05",), f"{c.place}: claims")
            continue
        add(("01",), "the claims table")
        if c.change != "changed":
            add(("01", "front page"), "the ledger line")
        add(CLAIM_PAGES.get(c.metric, ()), f"{c.subject.split(',')[0]} claims")
    for e in changes.estimates:
        if e.place:
            add(("05",), f"{e.place}: estimates")
            continue
        add(ESTIMATE_PAGES.get(e.metric, ()), f"{fmt.label('metric', e.metric)} estimates")
        add(("downloads",), "the estimates")
    for f in changes.findings:
        if f.place:
            add(("05",), f"{f.place}: findings")
            continue
        add(("04", "front page"), "audit findings")
        if f.rule in JOBS_RULES:
            add(("02",), f"audit: {f.rule}")
    return {page: tuple(sorted(why[page])) for page in PAGES if page in why}
