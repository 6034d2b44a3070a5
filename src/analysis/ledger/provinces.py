"""What to write instead of a province name the ledger does not know: the closest valid spelling.

In: the text of a refused ``province`` cell of ``figures.tsv``. Out: the message the loader gives for
it (:func:`explain_province`), naming the province ``data/provinces.tsv`` most likely means:

- the Persian name of a province (``خوزستان``, with Arabic or Persian letter forms, with or without
  ``استان``) -> its English name;
- its ISO 3166-2:IR code (``IR-06``, the codes of 2020) -> its English name;
- the English name in another case, spacing, punctuation or word order (``khuzestan``,
  ``Razavi Khorasan``, ``Kohgiluyeh & Boyer Ahmad``, ``Tehran province``) -> the file's spelling;
- words of one or more names (``Sistan``; ``Khorasan``: all three Khorasans) -> those names;
- otherwise the closest English name by :func:`difflib.get_close_matches` (``Kuzestan``,
  ``Kurdistan``), when one is close enough.

Only refused cells get here (once per distinct text), so a clean ledger never reads the vocabulary for
this.
"""

from __future__ import annotations

import difflib
import re

from .cells import either
from .characters import visible
from .vocabulary import provinces

#: Arabic letter forms that Persian writes otherwise, and characters that do not change a name.
_PERSIAN_FORMS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u200c": " ", "\u0640": None})
_WORDS = re.compile(r"[a-z0-9]+")
_DROP = {"province", "ostan", "and", "va", "the", "of"}


def _english_key(text: str) -> str:
    """'Kohgiluyeh & Boyer Ahmad province' -> 'boyer-ahmad kohgiluyeh' style key: sorted words, fillers dropped."""
    words = [w for w in _WORDS.findall(text.casefold()) if w not in _DROP]
    return " ".join(sorted(words))


def _persian_key(text: str) -> str:
    words = text.translate(_PERSIAN_FORMS).split()
    return " ".join(w for w in words if w not in ("استان", "و"))


def _closest(key: str, keys: list[str], cutoff: float) -> list[str]:
    """The keys closest to ``key`` (all of those tied for closest), or none above ``cutoff``."""
    scores = [(difflib.SequenceMatcher(None, key, k).ratio(), k) for k in keys]
    best = max((score for score, _ in scores), default=0.0)
    return [k for score, k in scores if score == best] if best >= cutoff else []


def closest_province(text: str) -> tuple[list[str], str] | None:
    """``(provinces, why)``: the province(s) ``text`` most likely means, and why; None when nothing is close.

    Several names come back only when they are equally close (``Azerbaijan``: East and West).
    """
    table = provinces()
    names = list(table.index)
    stripped = text.strip()
    by_code = {code.upper(): name for name, code in zip(names, table["iso_code"])}
    if stripped.upper() in by_code:
        name = by_code[stripped.upper()]
        return [name], f"{stripped.upper()} is {name}'s ISO 3166-2 code since 2020"
    by_persian = {_persian_key(fa): name for name, fa in zip(names, table["name_fa"])}
    if _persian_key(stripped) in by_persian:
        name = by_persian[_persian_key(stripped)]
        return [name], f"'{visible(stripped)}' is the Persian name of {name}"
    by_english = {_english_key(name): name for name in names}
    key = _english_key(stripped)
    if key in by_english:
        return [by_english[key]], ""
    words = set(key.split())
    part = [name for k, name in by_english.items() if words and words <= set(k.split())]
    if part:  # a part of the name: 'Sistan', 'Boyer-Ahmad', 'Khorasan'
        return part, ""
    near = _closest(key, list(by_english), 0.75) or _closest(stripped.casefold(), [_english_key(n) for n in names], 0.6)
    return ([by_english[k] for k in near], "") if near else None


def explain_province(text: str) -> str:
    """The loader's words for a province cell that names no province of ``data/provinces.tsv``."""
    shown = visible(text)
    found = closest_province(text)
    if found is None:
        hint = ""
    else:
        names, why = found
        meant = either([f"'{n}'" for n in names])
        hint = f" ({why}: write {names[0]})" if why else f" (did you mean {meant}?)"
    return (f"'{shown}' is not a province in data/provinces.tsv{hint}; write the province's English name as that "
            "file spells it, or leave the cell empty for a figure about the whole country")


__all__ = ["closest_province", "explain_province"]
