"""The Persian catalogue: the same keys as the English one (:mod:`analysis.words.en`), one module per area.

In: the ``MESSAGES`` of each module listed in :data:`analysis.words.en.PARTS` that exists here. Out:
``MESSAGES``. A key defined twice is an error; a test keeps the keys and each template's slots equal
to the English catalogue's. Persian typography (digits, separators, the percent sign, the zero-width
non-joiner) is :mod:`analysis.i18n.fa`'s; templates write words only.
"""

from __future__ import annotations

from ..en import PARTS, gather

MESSAGES: dict[str, str] = gather(__name__, PARTS)
