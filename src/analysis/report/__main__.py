"""``python -m analysis.report``: build the report (what ``make report`` runs)."""

import sys

from .build import main

sys.exit(main())
