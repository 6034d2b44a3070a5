"""Everything the pages compute, without a notebook: for the benchmark and for the safety tests.

In: an :class:`~analysis.evidence.Evidence`. Out: nothing but files in the output folder; each
function runs what the notebooks run (every table, sentence and chart of every page) and raises
whatever they would raise. :func:`pages` is "each notebook's tables without plotting" in ``make
bench``; :func:`charts` draws every chart (and closes it).
"""

from __future__ import annotations

import matplotlib.pyplot as plt

from ..questions import audit, jobs, rates, stock, timeline
from ..questions.audit import seed
from . import audit_tables, charts as chart_modules, jobs_tables, page, prose, rates_tables, timeline_tables


def page_timeline(ev) -> None:
    """Notebook 01's sentences and tables."""
    prose.coverage(ev), prose.timeline_answer(ev), prose.seed_timeline_answer(ev)
    for fn, name in ((timeline_tables.years, "01-years"), (timeline_tables.reports, "01-reports-table"),
                     (timeline_tables.targets, "01-targets"), (timeline_tables.seed_figures, "01-seed-figures"),
                     (timeline_tables.claims, "01-claims")):
        fn(ev, name)


def page_jobs(ev, checks) -> None:
    """Notebook 02's sentences and tables."""
    prose.jobs_answer(ev), prose.seed_jobs_answer(ev)
    jobs_tables.yearly(ev, "02-jobs-per-unit-by-year-table")
    jobs_tables.pairs(ev, "02-pairs-table")
    jobs_tables.checks(checks, "marginal_jobs", ev, "02-marginal-jobs-per-unit")
    jobs_tables.checks(checks, "average", ev, "02-stated-averages")


def page_rates(ev) -> None:
    """Notebook 03's sentences and tables."""
    prose.rates_answer(ev), prose.stock_answer(ev), prose.seed_rates_answer(ev)
    prose.lede(ev, audit.checks(ev))
    for fn, name in ((rates_tables.yearly, "03-pace-by-year"), (rates_tables.by_scope, "03-change-within-scope"),
                     (rates_tables.attainment, "03-targets-met-table"), (rates_tables.in_year, "03-in-year"),
                     (rates_tables.same_period, "03-same-period"), (rates_tables.stocks, "03-idle-stock-table"),
                     (rates_tables.between, "03-stock-and-revivals"), (rates_tables.seed_progress, "03-seed-progress")):
        fn(ev, name)


def page_audit(ev, checks) -> None:
    """Notebook 04's sentences and tables."""
    prose.audit_answer(ev, checks), prose.seed_audit_answer(ev, checks)
    audit_tables.grades()
    audit_tables.findings(ev, checks, "04-findings")
    audit_tables.counts(checks, "04-checks-by-rule")
    audit_tables.all_checks(ev, checks, "04-all-checks")
    audit_tables.seed_date(ev, "04-seed-date-table")
    audit_tables.seed_share(ev, "04-seed-share")


def pages(ev) -> None:
    """Every page's sentences and tables (the audit's checks computed once, as the pages share them)."""
    checks = audit.checks(ev)
    page_timeline(ev)
    page_jobs(ev, checks)
    page_rates(ev)
    page_audit(ev, checks)


def charts(ev) -> None:
    """Draw (and close) every chart the pages show, from the same frames; like the pages, skip a chart
    with nothing to draw (:func:`analysis.present.page.drawable`)."""
    c = chart_modules
    reference = jobs.reference_range(ev)
    specs = [
        (c.programme.years_chart, (timeline.years(ev),), {}),
        (c.programme.year_to_date_chart, (timeline.year_to_date(ev),), {}),
        (c.reports.reports_chart, (timeline.reports(ev),), {}),
        (c.jobs.per_unit_chart, (jobs.yearly(ev),), {"reference": (reference.value, reference.low, reference.high)}),
        (c.jobs.jobs_chart, (jobs.headline(ev),), {}),
        (c.jobs.pairs_chart, (jobs.pairs(ev),), {"band": jobs.plausible_band(ev)}),
        (c.targets.attainment_chart, (rates.attainment(ev),), {}),
        (c.stock.stock_chart, (stock.stocks(ev), stock.between(ev)), {}),
        (c.seed.seed_date_chart, (rates.seed_windows(ev), seed.date_brackets(ev), seed.date_window(ev)), {}),
    ]
    for draw, frames, options in specs:
        if page.drawable(*frames):
            fig = draw(*frames, source="Source: test", **options)
            fig.canvas.draw()
            plt.close(fig)
