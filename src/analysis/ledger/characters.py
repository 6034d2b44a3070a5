"""Characters a spreadsheet user cannot see, or did not mean: invisible characters and other scripts' digits.

In: cell text. Out: a regular expression that finds the characters the ledger refuses
(:data:`INVISIBLE`), their names with code points (:func:`name_invisible`), the text with each one
made visible (:func:`visible`), the ASCII spelling of digits written in another script
(:func:`foreign_digits`, :func:`ascii_digits`), and letters of another script where Latin ones are
expected, named with their script and code point (:func:`name_lookalikes`: the Cyrillic С of "С133"
looks like a Latin C but is another letter). Nothing here decides whether a cell is wrong; the cell
checks use it to say *why*.

Refused everywhere (they change what a cell means without showing): control characters, format
characters (Unicode category Cf: zero-width space U+200B, byte-order mark U+FEFF, left-to-right and
right-to-left marks U+200E/U+200F, soft hyphen U+00AD, bidirectional controls, ...), and every space
other than the plain space (Zs: no-break space U+00A0, thin spaces, ideographic space; Zl, Zp). One
exception: the zero-width non-joiner U+200C between two Arabic-script letters, where Persian spelling
needs it. Plain spaces around a cell are ignored.

Digits of other scripts (Persian ۰-۹, Arabic-Indic ٠-٩, full-width, Devanagari, ...) are refused
wherever a number, year, date or code is expected, by name: "'۱۵۰۰' is written in Persian digits;
write 1500". They are not read as the number meant: a ledger cell should read the same to every tool,
and many tools (pandas included) would take them as text or as NaN.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Zs", "Zl", "Zp")
_ALLOWED = {" ", "\t", "\n", "\u200c"}  # tab and newline never reach a cell; ZWNJ is handled below
_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"


def _ranges(codes: list[int]) -> str:
    """A regex character class body for sorted code points, as ranges."""
    out, start, prev = [], None, None
    for code in codes + [None]:
        if start is None:
            start = prev = code
        elif code is not None and code == prev + 1:
            prev = code
        else:
            out.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = prev = code
    return "".join(out)


def _invisible_codes() -> list[int]:
    # The Basic Multilingual Plane is scanned once at import (a few milliseconds); the few format
    # characters beyond it are tags, musical and shorthand controls.
    bmp = [c for c in range(0x10000) if unicodedata.category(chr(c)) in _INVISIBLE_CATEGORIES and chr(c) not in _ALLOWED]
    astral = [c for lo, hi in ((0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
                                (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F))
              for c in range(lo, hi + 1) if unicodedata.category(chr(c)) == "Cf"]
    return [c for c in bmp if not 0xD800 <= c <= 0xDFFF] + astral


#: One refused character (a ZWNJ counts only when it is not between two Arabic-script letters).
_CODES = _invisible_codes()

INVISIBLE = re.compile(f"[{_ranges(_CODES)}]|(?<![{_ARABIC_LETTER}])\u200c|\u200c(?![{_ARABIC_LETTER}])")

_REFUSED_CODES = frozenset(_CODES) | {0x200C}


def may_hold_invisible(raw: bytes, tabs_and_newlines: int | None = None) -> bool:
    """Whether UTF-8 ``raw`` holds any character :data:`INVISIBLE` might refuse (a ZWNJ counts: its context decides).

    Works on the bytes with numpy: ASCII control bytes are counted (``tabs_and_newlines``, when the
    caller knows it, saves counting the two allowed ones again), and the code point of every multi-byte
    character is computed from its bytes, so a clean 16 MB file is scanned in milliseconds (a regular
    expression over the text takes half a second).
    """
    a = np.frombuffer(raw, dtype=np.uint8)
    if tabs_and_newlines is None:
        tabs_and_newlines = int(np.count_nonzero((a == 9) | (a == 10)))
    if np.count_nonzero(a < 0x20) > tabs_and_newlines or raw.find(b"\x7f") >= 0:
        return True
    lead = np.flatnonzero(a >= 0xC0)
    if lead.size == 0:
        return False
    padded = np.concatenate([a, np.zeros(3, dtype=np.uint8)])
    b0 = padded[lead].astype(np.uint32)
    b1, b2, b3 = ((padded[lead + k].astype(np.uint32) & 0x3F) for k in (1, 2, 3))
    codes = np.where(b0 < 0xE0, ((b0 & 0x1F) << 6) | b1,
                     np.where(b0 < 0xF0, ((b0 & 0x0F) << 12) | (b1 << 6) | b2,
                              ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3))
    return any(int(code) in _REFUSED_CODES for code in np.unique(codes))


#: A decimal digit that is not ASCII 0-9.
FOREIGN_DIGIT = re.compile(r"(?![0-9])\d")

_SHORT_NAMES = {
    "\x00": "NULL", "\x0b": "LINE TABULATION (vertical tab)", "\x0c": "FORM FEED", "\x0d": "CARRIAGE RETURN",
    "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE", "\ufeff": "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
}
# Arabic-script number punctuation, spelled in ASCII for the suggestion.
_SEPARATORS = {"\u066b": ".", "\u066c": ",", "\u060c": ","}


def code_point(char: str) -> str:
    """'U+200B'."""
    return f"U+{ord(char):04X}"


def char_name(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE' (control characters, which have no Unicode name, get a descriptive one)."""
    name = _SHORT_NAMES.get(char) or unicodedata.name(char, "") or f"CONTROL CHARACTER {ord(char):#04x}"
    return f"{code_point(char)} {name}"


def visible(text: str, limit: int = 80) -> str:
    """The text as a message may show it: refused characters written as ⟨U+200B⟩, long text shortened."""
    shown = INVISIBLE.sub(lambda m: f"⟨{code_point(m.group())}⟩", text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def name_invisible(text: str) -> str | None:
    """Plain words naming every refused character in ``text`` and where it is, or None when there is none.

    ``name_invisible('15\\u200b00') == "an invisible character, U+200B ZERO WIDTH SPACE, after '15'"``.
    """
    found = list(INVISIBLE.finditer(text))
    if not found:
        return None
    parts = []
    for m in found[:5]:
        before = visible(text[: m.start()], 1000)[-12:]
        where = f"after '{before}'" if before else "at the start"
        if m.end() == len(text) and before:
            where = "at the end"
        parts.append(f"{char_name(m.group())}, {where}")
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    if len(found) == 1:
        return f"an invisible character, {parts[0]}"
    return "invisible characters: " + "; ".join(parts) + more


@lru_cache(maxsize=64)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("EXTENDED ARABIC-INDIC"):
        return "Persian"
    if name.startswith("ARABIC-INDIC"):
        return "Arabic-Indic"
    if name.startswith("FULLWIDTH"):
        return "full-width"
    return name.split(" DIGIT")[0].title() if " DIGIT" in name else "non-ASCII"


def foreign_digits(text: str) -> str | None:
    """The script(s) of the non-ASCII digits in ``text`` ('Persian', 'Persian and Arabic-Indic'), or None."""
    scripts = sorted({_script(m.group()) for m in FOREIGN_DIGIT.finditer(text)})
    if not scripts:
        return None
    return " and ".join(scripts)


# Letters of other scripts that look like Latin ones, and the Latin letter each looks like.
_LOOKS_LIKE = dict(zip(
    "АВЕЅІЈКМНОРСТХУаеіјорсхуѕԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοναϲ",
    "ABESIJKMHOPCTXYaeijopcxysdhqwABEZHIKMNOPTYXovac"))


def name_lookalikes(text: str) -> str | None:
    """Words naming the letters of ``text`` that are not Latin (ASCII), with script and code point, or None.

    ``name_lookalikes('С133') == "a Cyrillic letter, U+0421 CYRILLIC CAPITAL LETTER ES (it looks like a Latin 'C')"``.
    Only letters are named (digits of other scripts have :func:`foreign_digits`); at most three.
    """
    found = list(dict.fromkeys(ch for ch in text if ord(ch) > 127 and ch.isalpha()))
    if not found:
        return None
    parts = []
    for ch in found[:3]:
        like = f" (it looks like a Latin '{_LOOKS_LIKE[ch]}')" if ch in _LOOKS_LIKE else ""
        parts.append(f"{char_name(ch)}{like}")
    scripts = sorted({_letter_script(ch) for ch in found})
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    noun = f"a{'n' if scripts[0][0] in 'AEIOUaeiou' else ''} {scripts[0]} letter" if len(found) == 1 else f"{' and '.join(scripts)} letters"
    return f"{noun}, " + "; ".join(parts) + more


def latin_lookalikes(text: str) -> str:
    """``text`` with every letter that looks like a Latin one written as that Latin letter ('С133' -> 'C133')."""
    return "".join(_LOOKS_LIKE.get(ch, ch) for ch in text)


def _letter_script(char: str) -> str:
    """'Cyrillic', 'Greek', 'Arabic', 'full-width Latin', ... from the character's Unicode name."""
    name = unicodedata.name(char, "")
    if name.startswith("FULLWIDTH") or name.startswith("HALFWIDTH"):
        return "full-width"
    if name.startswith("LATIN"):
        return "accented Latin"
    return name.split(" ")[0].title() if name else "non-Latin"


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written 0-9 (and Arabic-script decimal and thousands marks as '.' and ',')."""
    out = []
    for char in text:
        if char in _SEPARATORS:
            out.append(_SEPARATORS[char])
        elif not ("0" <= char <= "9") and unicodedata.decimal(char, None) is not None:
            out.append(str(unicodedata.decimal(char)))
        else:
            out.append(char)
    return "".join(out)

