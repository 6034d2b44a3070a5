"""isipo-revival: a sourced ledger of figures on Iran's idle-factory revival programme.

The data flow one way, and the packages follow it:

- :mod:`analysis.ledger`     the ledger's files -> validated sources and figures (the schema: ``data/datapackage.json``)
- :mod:`analysis.evidence`   figures -> periods, claims, year-to-date series, best estimates, target paths, pairs, terms
- :mod:`analysis.questions`  evidence -> the timeline, jobs per unit, rates, the idle stock, the audit's graded checks
- :mod:`analysis.present`    questions -> sentences, formatted tables and charts for the notebooks
- :mod:`analysis.report`     executed notebooks -> the HTML report in ``build/report/``

Beside the flow, used by every step: :mod:`analysis.paths` (where files live), :mod:`analysis.calendar`
(Iranian dates), :mod:`analysis.bounds` (the bounds rule and interval arithmetic),
:mod:`analysis.assumptions` (every judgement, once), :mod:`analysis.fmt` (numbers, dates and plain
labels), :mod:`analysis.vocab` (the vocabularies, read from the data package), :mod:`analysis.seed`
(the seed article's checksum and provenance), :mod:`analysis.csvfile` (CSV files a spreadsheet cannot
run as formulas), :mod:`analysis.buildday` (the one "today" of a build), :mod:`analysis.links` (the one
gate for addresses taken from the ledger), :mod:`analysis.execute` (running notebooks deterministically) and
:mod:`analysis.warm` (their kernels forked from a process that has done the notebooks' imports).
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
