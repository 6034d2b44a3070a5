"""Building blocks for the report's other editions (issue 17: a Persian edition).

- :mod:`analysis.i18n.fa`: numbers, percentages, signed changes, ranges, dates in both calendars,
  ordinals and counted nouns written as Persian newspapers write them (plain strings in, text out).
- :mod:`analysis.i18n.shaping`: Persian text in matplotlib charts and the embedded font that carries
  it into the pages (imports matplotlib and registers the font, so it is imported on its own).

Neither builds pages or holds sentences: a catalogue of message templates calls them with numbers.
"""

from . import fa

__all__ = ["fa"]
