"""``python -m analysis.check``: see :mod:`analysis.check`."""

import sys

from . import main

sys.exit(main())
