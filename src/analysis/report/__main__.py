"""``python -m analysis.report``: build the report (what ``make report`` runs).

The kernels' warm process (:mod:`analysis.warm`) is started first, before this command's own imports (about
3 s), so that it imports what the notebooks import on the other core meanwhile.
"""

import argparse
import sys
from pathlib import Path

from .. import paths, warm

# nbformat validates notebooks with jsonschema, which imports rfc3987_syntax (when installed) for the "iri"
# string formats, and that import builds a grammar: about a second of the command's start, before the first
# kernel can start. No notebook schema uses those formats, so this command goes without them.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

_early = argparse.ArgumentParser(add_help=False)
_early.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS_DIR)
_folder = _early.parse_known_args()[0].notebooks.absolute()

with warm.kernels(sorted(_folder.glob("[0-9][0-9]-*.ipynb")), warm.kernel_environment(), _folder) as _kernels:
    from .build import main  # after the lines above, on purpose

    sys.exit(main(kernels_from=_kernels))
