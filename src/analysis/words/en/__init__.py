"""The English catalogue: every template a reader sees, by key, gathered from one module per area.

In: the dictionaries ``MESSAGES`` of :mod:`.core` (number, date and list forms), :mod:`.labels` (codes in
plain words, table headers), and the modules of each part of the report. Out: ``MESSAGES``, one
dictionary. A key defined twice is an error, so two areas never fight over a word.

Templates follow ``docs/style.md``. Slots are ``{name}``; a template never holds a number of its own.
"""

from __future__ import annotations

from importlib import import_module

#: The modules whose ``MESSAGES`` make the catalogue, in order.
PARTS: tuple[str, ...] = ("core", "labels", "answers", "pages", "front", "glossary", "audit", "charts", "tables", "sources", "provinces")


def gather(package: str, parts: tuple[str, ...]) -> dict[str, str]:
    """The ``MESSAGES`` of every module ``<package>.<part>`` that exists, in one dictionary (a key twice is an error)."""
    out: dict[str, str] = {}
    for name in parts:
        try:
            part = import_module(f"{package}.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"{package}.{name}":
                continue  # an area not written yet
            raise
        twice = set(out) & set(part.MESSAGES)
        if twice:
            raise ValueError(f"catalogue keys defined twice ({name}): {', '.join(sorted(twice))}")
        out.update(part.MESSAGES)
    return out


MESSAGES: dict[str, str] = gather(__name__, PARTS)
