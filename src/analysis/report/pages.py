"""The reader pages: each executed notebook as a web page with its code removed.

In: an executed notebook, its title and where it sits among the pages (:class:`PageInfo`).
Out: one self-contained HTML page (:func:`render_page`), rendered by nbconvert with the ``isipo``
template in ``templates/`` (it extends nbconvert's ``lab`` template):

- code cells' inputs and all ``In [n]``/``Out [n]`` prompts are removed; outputs and Markdown stay;
- the ``<title>`` is the notebook's first H1 heading; a header links the front page, the previous and
  the next page and the Sources page; the executed ``.ipynb`` ("the notebook with its code") is
  linked under it;
- nothing is loaded from the network: the lab template's require.js, MathJax, mermaid, widget
  scripts and theme CSS are replaced by the report's own inlined style sheet (``report.css``);
- deterministic: the page depends on the notebook and its neighbours' titles only;
- outputs are focusable (``tabindex="0"``, so a keyboard scrolls a wide table), as nbconvert makes them,
  without its second pass over the finished page (:class:`_Exporter`).

**Tags a notebook cell may carry**: ``remove-cell`` (left out of the page), ``remove-output`` (its
outputs left out), ``fold-output`` (its outputs folded under a summary line, set by the cell
metadata ``{"isipo": {"fold_summary": "Show all 222 figures"}}``).

**Alt text for a chart.** nbconvert's lab template writes no alt text; the ``isipo`` template
writes the output's ``metadata["image/png"]["alt"]`` (``image/jpeg``, ``image/svg+xml`` alike), or
a top-level ``metadata["alt"]``. A notebook cell therefore gets alt text on its chart by displaying
the figure with that metadata instead of leaving it to ``plt.show()``::

    from IPython.display import display
    display(fig, metadata={"image/png": {"alt": "Units revived per Iranian year, 1396-1403: ..."}})
    plt.close(fig)

or, for an image it already has as bytes, ``display(IPython.display.Image(png_bytes, alt="..."))``
(IPython writes the same metadata). An image output without it gets :data:`MISSING_ALT` and the
build says how many there are (:func:`images_without_alt`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import functools
import re

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets.config import Config

from . import layout

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAME = "isipo"

#: Image outputs whose alt text is looked up (the ones the template renders as ``<img>``).
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")

#: The alt text of an image whose output carries none.
MISSING_ALT = "Chart (its notebook gives no text description)"

#: The link under each page's header to the executed notebook.
NOTEBOOK_LINK_TEXT = "The notebook with its code"


@dataclass(frozen=True)
class PageInfo:
    """A reader page: its file stem (``01-timeline``), title, and the pages around it."""

    stem: str
    title: str
    previous: layout.Link | None = None
    next: layout.Link | None = None

    @property
    def href(self) -> str:
        return f"{self.stem}.html"

    @property
    def notebook_href(self) -> str:
        return f"{self.stem}.ipynb"


#: An output's wrapper as the lab template opens it (its class list names ``jp-OutputArea-output``).
_OUTPUT_DIV = re.compile(r'<div class="([^"<>]*\bjp-OutputArea-output\b[^"<>]*)"')


class _Exporter(HTMLExporter):
    """nbconvert's HTML exporter without its BeautifulSoup pass.

    ``HTMLExporter.from_notebook_node`` parses every finished page again to give images without alt text a
    default one (the ``isipo`` template writes alt text on every image itself) and to make inputs and outputs
    focusable. That pass cost about a second a page, most of the time a page took to render; here the outputs
    are made focusable by one substitution, and nothing else changes.
    """

    def from_notebook_node(self, nb, resources=None, **kw):  # same steps as HTMLExporter's, then the substitution
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code", self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        body, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _OUTPUT_DIV.sub(r'<div class="\1" tabindex="0"', body), resources


@functools.lru_cache(maxsize=1)
def _exporter() -> HTMLExporter:
    """One exporter per process (its templates are loaded once); it keeps no state between pages."""
    config = Config()
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    config.CSSHTMLHeaderPreprocessor.enabled = False  # code highlighting CSS: no code is shown
    return _Exporter(config=config, template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES)])


def images_without_alt(nb: nbformat.NotebookNode) -> int:
    """How many image outputs of ``nb`` carry no alt text (they get :data:`MISSING_ALT`)."""
    missing = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data, meta = output.get("data", {}), output.get("metadata", {})
            shown = next((m for m in IMAGE_TYPES if m in data), None)
            if shown and not ((meta.get(shown) or {}).get("alt") or meta.get("alt")):
                missing += 1
    return missing


def render_page(nb: nbformat.NotebookNode, page: PageInfo, twin: str | None = None, notebook_href: str | None = None) -> str:
    """The executed notebook ``nb`` as the reader page ``page``, in the language in force, ending in a
    newline; ``twin`` links the page in the other language, ``notebook_href`` the executed notebook
    (default: beside the page)."""
    from ..words import say

    nav = layout.Nav(page.href, page.previous, page.next, twin)
    notebook_link = (f'<a href="{layout.href(notebook_href or page.notebook_href)}" download>'
                     f'{layout.esc(say("page.notebook_link"))}</a>')
    resources = {
        "metadata": {"name": page.stem},
        "isipo": {
            "html_open": layout.html_open(),
            "head_html": layout.head_html(layout.page_title(page.title)),
            "nav_html": layout.nav_html(nav),
            "tools_html": f'<p class="page-tools">{notebook_link} {layout.esc(say("page.notebook_kind"))}</p>',
            "footer_html": layout.footer_html(nav, f"<p>{notebook_link}</p>"),
            "missing_alt": say("page.missing_alt"),
        },
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body if body.endswith("\n") else body + "\n"
