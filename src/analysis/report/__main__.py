"""``python -m analysis.report``: build the report (what ``make report`` runs)."""

import sys

# nbformat validates notebooks with jsonschema, which imports rfc3987_syntax (when installed) for the "iri"
# string formats, and that import builds a grammar: about a second of the command's start, before the first
# kernel can start. No notebook schema uses those formats, so this command goes without them.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from .build import main  # noqa: E402 - after the line above, on purpose

sys.exit(main())
