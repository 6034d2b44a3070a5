"""isipo-revival: a sourced ledger of figures on Iran's idle-factory revival programme.

Modules, one concept each:

- :mod:`analysis.paths`     where the project's inputs and outputs live (anchored on the project root)
- :mod:`analysis.calendar`  Iranian (Solar Hijri) dates, periods and inclusive day counts
- :mod:`analysis.bounds`    reading a stated figure as an interval, and interval arithmetic
- :mod:`analysis.vocab`     the metrics, qualifiers and scopes the ledger may use
- :mod:`analysis.ledger`    loading and validating the sources and figures (one function: ``load_ledger``)
- :mod:`analysis.seed`      the seed article: checksum, provenance and verbatim quotes
- :mod:`analysis.metrics`   jobs per unit, pace per day, year-on-year change, targets, projections
- :mod:`analysis.timeline`  the timeline's event table
- :mod:`analysis.plots`     charts with titles, labelled axes and source lines
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
