"""The browsable HTML report: every notebook executed afresh, a page each, a front page and Sources.

``python -m analysis.report`` (what ``make report`` runs) executes each notebook of ``notebooks/``
in a fresh kernel (a few side by side, the longest first by the processor time each used in the last build,
kept beside the report in ``build/.report-seconds.json``; the country's evidence and audit made once for all of them,
:mod:`analysis.present.shared`) and writes into ``build/report/`` (:data:`analysis.paths.REPORT_DIR`)::

    index.html          the front page: the answers, the headline chart, the audit's findings,
                        the pages and the downloads (content.py fills it, front.py lays it out)
    sources.html        every report of the ledger, one entry each (sources.py)
    01-timeline.html    a notebook as a reader page: code removed, outputs kept (pages.py)
    01-timeline.ipynb   the executed notebook itself, with its code
    01-timeline/        the notebook's figures (PNG, SVG) and the data behind them (CSV)

Modules, what flows in and out of each:

- :mod:`.build`      notebooks + ledger -> the published report folder; failures said plainly
- :mod:`.notebooks`  one notebook -> its executed copy, or a failure naming notebook and cell
- :mod:`.pages`      executed notebook -> reader page (nbconvert, ``templates/isipo``)
- :mod:`.sources`    ledger -> ``sources.html``
- :mod:`.content`    built pages, files, ledger -> a :class:`~.front.FrontPage`
- :mod:`.front`      a :class:`~.front.FrontPage` -> ``index.html``
- :mod:`.layout`     titles, links -> the shared head, navigation, footer and style (``report.css``)

Every page loads nothing from the network, escapes every text it did not generate as HTML, and is
byte-identical build to build. Options (for tests): ``--notebooks DIR``, ``--out DIR``.
"""

from .build import BuildInterrupted, build_report, main, publish, remove_leftovers
from .front import Answer, Chart, Download, Finding, FrontPage, PageLink, render_front_page
from .notebooks import (
    OUTPUT_ENV,
    NotebookFailure,
    WriteFailure,
    error_summary,
    failing_cell,
    notebook_title,
    notebooks_in,
    run_notebook,
)

__all__ = [
    "OUTPUT_ENV", "Answer", "BuildInterrupted", "Chart", "Download", "Finding", "FrontPage",
    "NotebookFailure", "PageLink", "WriteFailure", "build_report", "error_summary", "failing_cell",
    "main", "notebook_title", "notebooks_in", "publish", "remove_leftovers", "render_front_page",
    "run_notebook",
]
