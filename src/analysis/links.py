"""The one gate for addresses taken from the ledger: only absolute ``http(s)`` addresses become links.

In: an address as the ledger gives it (a source's ``url``). Out: :func:`web_address`, the address
itself when it is an absolute ``http://`` or ``https://`` address with a host and no whitespace,
control or invisible character, else ``None`` (the caller then links to the report's Sources page,
or links nothing). Every ``href`` built from ledger text goes through it: the citations in the
notebook pages' tables and source lines (:func:`analysis.present.tables.source_link`), the Sources page
(:mod:`analysis.report.sources`) and every attribute the report's pages write
(:func:`analysis.report.layout.href`). The loader's pattern for ``url`` says much the same, but a
link never relies on it: a ``javascript:`` or ``data:`` address that reached a page would run.
The caller escapes the address for HTML.
"""

from __future__ import annotations

import re
import unicodedata

_WEB = re.compile(r"https?://[^/?#\\@\s]+(?:[/?#][^\s]*)?", re.IGNORECASE)


def web_address(address: object) -> str | None:
    """``address`` when it may be a link's target (an absolute http or https address), else None.

    ``web_address('https://www.tehrantimes.com/news/1') == 'https://www.tehrantimes.com/news/1'``;
    ``web_address('javascript:alert(1)') is None``; so are relative paths, ``//host`` and addresses with
    a space, a control character or an invisible one anywhere (browsers drop some of those and read on).
    """
    if not isinstance(address, str) or not _WEB.fullmatch(address):
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in address):
        return None
    return address


__all__ = ["web_address"]
