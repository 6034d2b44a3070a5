"""Charts, tables and prose: what readers see.

In: the questions' tables (:mod:`analysis.questions`) and the ledger's sources. Out: HTML and
Markdown for notebook cells, chart images with their data, and sentences generated from numbers.

- :mod:`.style`    colours (one per scope, colour-blind safe), fonts and matplotlib settings
- :mod:`.figures`  saving a chart (PNG, SVG, its data as CSV) and showing it with alt text and a source line
- :mod:`.tables`   short formatted tables with plain labels, linked sources and the full data as CSV
- :mod:`.prose`    the answers in sentences, generated from the questions' numbers
- :mod:`.charts`   the charts themselves: each takes frames and imports no analysis module
"""
