"""The questions, each read from the evidence layer only.

- :mod:`.timeline`  what was revived, targeted and reported, and when
- :mod:`.jobs`      jobs per revived unit, per period, with bounds
- :mod:`.rates`     the yearly pace, its change, targets met or missed, the seed's own view
- :mod:`.stock`     the idle stock against the revivals
- :mod:`.audit`     which figures can be trusted: every check, graded
- :mod:`.memo`      answers worked out once per evidence

In: an :class:`~analysis.evidence.Evidence`. Out: tables of numbers (no sentences but the audit's
findings, no charts); :mod:`analysis.present` turns them into prose, tables and charts.
"""
