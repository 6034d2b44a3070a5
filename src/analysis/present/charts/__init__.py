"""The report's charts, by subject. Each function takes frames (and plain values) and returns a Figure.

The notebook computes the frames (:mod:`analysis.questions`) and passes them in; these modules import
only matplotlib, numpy, pandas, :mod:`analysis.present.style`, :mod:`analysis.fmt` and
:mod:`analysis.calendar`, so a chart can be drawn from any frame with the right columns (the tests
draw each one from the real evidence and from a tiny made-up frame). Beside every chart function is
one that writes its alt text from the same frame's numbers.

- :mod:`.programme`  the programme year by year (the headline chart) and each year's counts to date
- :mod:`.jobs`       jobs per revived unit by year, jobs per year, and every unit-job pair
- :mod:`.targets`    the yearly targets against the counts
- :mod:`.stock`      the stated stock of idle units against the revivals between statements
- :mod:`.seed`       the lines of evidence that date the undated seed article
- :mod:`.reports`    every report at its date, by how the date is known
- :mod:`.provinces`  Iran's 31 provinces on a tile grid, coloured by each one's latest yearly count

A chart function's ``source`` is the one-line source text shown at its bottom left (for example
``"Source: isipo-revival ledger, 23 reports"``); its title and subtitle say what it shows.
"""

from . import jobs, programme, provinces, reports, seed, stock, targets

__all__ = ["jobs", "programme", "provinces", "reports", "seed", "stock", "targets"]
