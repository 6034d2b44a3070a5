"""Every sentence, label and unit a reader sees, from one catalogue of templates keyed by meaning.

In: a message key (``"answer.pace.fell"``) and its slots, numbers and codes passed as typed values
(:class:`Num`, :class:`Est`, :class:`Share`, :class:`Year`, :class:`Label`, :class:`Count`, ...), never as
text formatted by the caller. Out: the sentence in the language in force (:func:`speaking`; English by
default), each slot written the way that language writes it (:mod:`analysis.words.forms`).

Wording is reviewed in one place, ``analysis.words.en`` (the English catalogue); a second language is a
second catalogue with the same keys and slots (a test keeps them in step), not a second set of code.
:class:`Msg` keeps a sentence as data (its key and slots), so a page can be rendered again in another
language from what its notebook computed.

The house style the English templates follow is ``docs/style.md``.
"""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

#: The language sentences are written in: ``en`` (the default) or ``fa``.
LANGUAGE: ContextVar[str] = ContextVar("language", default="en")


@contextmanager
def speaking(language: str):
    """Write every sentence in ``language`` inside the block: ``with speaking("fa"): ...``."""
    token = LANGUAGE.set(language)
    try:
        yield
    finally:
        LANGUAGE.reset(token)


# ---------------------------------------------------------------------------------------------
# Typed slots: what a template says, not how it is written
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Num:
    """A number; ``digits`` decimals (default: whole numbers, or what the value has); ``unit`` as in ``fmt``."""

    value: Any
    digits: int | None = None
    unit: str = ""


@dataclass(frozen=True)
class Est:
    """An estimate with its bounds (``fmt.estimate``: '1,589 (1,563 to 1,641)', 'at least 1,557');
    a missing ``value`` gives the bounds alone ('1,563 to 1,641')."""

    value: Any
    low: Any
    high: Any
    unit: str = ""
    digits: int | None = None


@dataclass(frozen=True)
class Stated:
    """A figure as the report worded it: 'over 1,500', 'about 31%', '35 trillion rials' (``fmt.stated``)."""

    value: Any
    qualifier: str = "exact"
    unit: str = ""


@dataclass(frozen=True)
class Signed:
    """A change with its sign: '+38%' (``unit='%'``), '+1,200'."""

    value: Any
    digits: int = 0
    unit: str = "%"


@dataclass(frozen=True)
class Approx:
    """A derived number for a sentence, to a few significant figures ('about 42,000')."""

    value: Any
    figures: int = 2


@dataclass(frozen=True)
class Share:
    """A percentage for a sentence: whole numbers from 10 up, one decimal below ('26%', '6.3%')."""

    value: Any


@dataclass(frozen=True)
class Points:
    """Percentage points ('7.2 points')."""

    value: Any


@dataclass(frozen=True)
class Year:
    """An Iranian year with the Gregorian years it spans: '1399 (2020–21)'; ``span=False``: '1399'."""

    value: int
    span: bool = True


@dataclass(frozen=True)
class Day:
    """A day as a sentence writes it: '9 August 2020' (Persian: the Iranian date, then the Gregorian)."""

    value: Any


@dataclass(frozen=True)
class Month:
    """The month a day falls in, as a sentence names it: 'August 2020' (Persian: the Iranian month)."""

    value: Any


@dataclass(frozen=True)
class Date:
    """A day in a table, in both calendars: '2020-08-09 (1399/05/19)'."""

    value: Any


@dataclass(frozen=True)
class Window:
    """The days a report's date lies between, as a sentence writes them: '25 August to 8 September 2020'."""

    first: Any
    last: Any
    between: bool = False  # 'between 25 August and 8 September 2020'


#: The columns a :class:`Period` is made of (those of :mod:`analysis.evidence.periods`).
PERIOD_FIELDS: tuple[str, ...] = ("period_kind", "first_year", "last_year", "start", "end", "end_earliest", "end_latest",
                                  "month_first", "month_last")


@dataclass(frozen=True)
class Period:
    """A claim's period as a label: '1399 (2020–21)', '1399, first quarter (20 Mar–20 Jun 2020)', 'as of 2020-09-08'."""

    kind: str
    first_year: Any = None
    last_year: Any = None
    start: Any = None
    end: Any = None
    end_earliest: Any = None
    end_latest: Any = None
    month_first: Any = None
    month_last: Any = None

    @classmethod
    def of(cls, row) -> "Period":
        """The period of a claim or figure row (a Series or mapping with :data:`PERIOD_FIELDS`)."""
        return cls(*(row[f] for f in PERIOD_FIELDS))


@dataclass(frozen=True)
class Link:
    """Text linked to an address (in HTML; plain text otherwise): a number linked to the table it comes from."""

    text: Any
    href: str


@dataclass(frozen=True)
class Label:
    """A code of a vocabulary in plain words: ``Label("scope", "smes")`` is 'the SME plan' (key ``scope.smes``)."""

    kind: str
    code: str


@dataclass(frozen=True)
class Count:
    """A count of things: '1 report', '51 reports', 'no reports' (the noun's forms are in the catalogue)."""

    n: int
    noun: str


@dataclass(frozen=True)
class Text:
    """Text that is not ours to translate: a publisher's name, a speaker, a figure as the ledger words it.
    ``lang``: the language of a report's own words quoted as they stand (its title, a sentence of it), so a
    page in another language marks them as such (``<span lang="en" dir="ltr">``)."""

    value: str
    lang: str = ""


@dataclass(frozen=True)
class Msg:
    """A sentence (or phrase) as data: its catalogue key and slots. ``str()`` writes it in the language in force."""

    key: str
    slots: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return say(self.key, **self.slots)

    def render(self, language: str | None = None) -> str:
        """The sentence in ``language`` (default: the one in force)."""
        if language is None:
            return str(self)
        with speaking(language):
            return str(self)

    def html(self) -> str:
        """The sentence as HTML: the template's text and every slot escaped, links as links."""
        return say_html(self.key, **self.slots)


@dataclass(frozen=True)
class All:
    """Items joined as a sentence lists them: 'a, b and c' (each rendered in turn)."""

    items: tuple
    word: str = "and"  # the catalogue's form.<word> before the last item
    sep: str = "comma"  # the catalogue's form.<sep> between the others


# ---------------------------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------------------------

_SLOT = re.compile(r"{(\w+)}")


def catalogue(language: str | None = None) -> dict[str, str]:
    """The templates of ``language`` (default: the one in force), by key."""
    language = language or LANGUAGE.get()
    if language == "fa":
        from . import fa

        return fa.MESSAGES
    from . import en

    return en.MESSAGES


def slots_of(template: str) -> set[str]:
    """The slot names a template uses: ``slots_of("{count} in {year}") == {"count", "year"}``."""
    return set(_SLOT.findall(template))


def say(key: str, **slots) -> str:
    """The sentence ``key`` of the catalogue in force, its slots written in that language.

    A missing key or slot is an error (a page must never show a template's braces).
    """
    template = _template(key, slots)
    from .forms import write

    return _SLOT.sub(lambda m: write(slots[m.group(1)]), template)


def say_html(key: str, **slots) -> str:
    """:func:`say` as HTML: the template's own text escaped, each slot written by
    :func:`analysis.words.forms.write_html` (so a :class:`Link` becomes a link)."""
    template = _template(key, slots)
    from .forms import write_html

    out, at = [], 0
    for m in _SLOT.finditer(template):
        out.append(html.escape(template[at:m.start()], quote=False))
        out.append(write_html(slots[m.group(1)]))
        at = m.end()
    out.append(html.escape(template[at:], quote=False))
    return "".join(out)


def _template(key: str, slots: dict) -> str:
    table = catalogue()
    try:
        template = table[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the {LANGUAGE.get()} catalogue") from None
    missing = slots_of(template) - set(slots)
    if missing:
        raise KeyError(f"message {key!r} needs {', '.join(sorted(missing))}")
    return template


def label(kind: str, code: Any) -> str:
    """A vocabulary code in plain words (``label("scope", "smes")``), or its code with spaces if unknown."""
    table = catalogue()
    key = f"{kind}.{code}"
    return table[key] if key in table else str(code).replace("_", " ")


def has(key: str) -> bool:
    """Whether the catalogue in force has ``key``."""
    return key in catalogue()


__all__ = ["All", "Approx", "Count", "Date", "Day", "Est", "LANGUAGE", "Label", "Link", "Month", "Msg", "Num", "PERIOD_FIELDS", "Period",
           "Points", "Share", "Signed", "Stated", "Text", "Window", "Year", "catalogue", "has", "label", "say", "say_html", "slots_of",
           "speaking"]
