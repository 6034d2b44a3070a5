"""Pages written in a worker process while the kernels are still running.

In: one executed notebook, its place among the pages in each language (:class:`~.pages.PageInfo`) and the
build's staging folder. Out: its English page (``<stem>.html``) and its Persian twin (``fa/<stem>.html``,
charts drawn again into ``fa/<stem>/``) written there; :func:`write_pages` returns what the build should
say about them (images without alt text, a page with no Persian twin). And, first, the report-wide pages
that read the ledger alone (:func:`write_ledger_pages`: Sources and glossary, in both languages).

Why a process: a page takes a second or two to write (the Persian twin redraws its charts), all of it in
Python, so a thread would queue behind the builder's own work; a process writes the first notebooks' pages
while the last ones still run. The processes are forked (:data:`START`) when the build starts, before it has
started any thread or kernel (a child forked later could inherit a lock another thread holds), so they start
in milliseconds with the builder's modules imported and never import the caller's main module again; each
makes the Persian font and the page templates before its first page (:func:`_ready`), while the kernels start.
Pages do not depend on the order in which they are written, so the report is byte-identical.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

from .. import buildday
from . import edition, pages

#: How worker processes start: forked from the builder, before its threads (see the module docstring).
START = "fork"

#: Worker processes: one (the two cores are the kernels'; a second would only queue behind them).
WORKERS = 1


@dataclass(frozen=True)
class Written:
    """What writing one notebook's pages has to say: images without alt text on the English page, and a
    note when the page has no Persian twin (one a user added, whose words the catalogue lacks)."""

    missing_alt: int
    note: str | None


def pool(day) -> multiprocessing.pool.Pool:
    """A pool of :data:`WORKERS` processes taking ``day`` as their build day; the caller closes or terminates it.
    Call it before starting any thread.

    Forked workers start with SIGINT and SIGTERM held. They would otherwise start with the builder's handlers
    (which raise), and a SIGTERM from ``terminate`` before a worker had set its own (a build that fails at
    once) raised in it, where a library's bare ``except`` could swallow it: the worker then waited for tasks on
    a queue whose lock the terminating pool holds, and the build waited for the worker, forever. Held, the
    signal waits until :func:`_ready` has put SIGTERM's default back, and then ends the worker. (The pool's own
    threads, started meanwhile, keep both held, so a worker one of them starts again starts with them held too.)
    """
    # A caller that already runs threads (a test runner, a notebook) gets workers from a fork server instead.
    start = START if threading.active_count() == 1 else "forkserver"
    held = {signal.SIGINT, signal.SIGTERM} if start == "fork" else set()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        return multiprocessing.get_context(start).Pool(WORKERS, initializer=_ready, initargs=(buildday.environment(day),))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _ready(env: dict[str, str]) -> None:
    """Set up a worker: the build day; Ctrl-C ignored and SIGTERM the default (the builder's handlers, inherited,
    would raise in the middle of a page: the builder stops its workers itself); the font and templates made."""
    os.environ.update(env)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Forked with both held (pool), so that none reached the builder's handlers: a SIGTERM sent meanwhile ends
    # the worker now.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    from ..i18n import shaping
    from ..words import speaking

    pages._exporter()
    with speaking("fa"):
        shaping.font_face_css()


def write_ledger_pages(ledger, staging: str) -> None:
    """Write the report-wide pages that read the ledger alone, in both languages, into ``staging``: the Sources
    page and the glossary (``sources.html``, ``glossary.html`` and their twins in ``fa/``). They need no notebook,
    so a worker writes them while the first kernels start, not after the last notebook."""
    from ..words import speaking
    from . import glossary, layout, sources

    root, twin, back = Path(staging), f"{edition.FOLDER}/", "../"
    (root / layout.SOURCES_PAGE).write_text(sources.sources_page(ledger, twin=twin + layout.SOURCES_PAGE), encoding="utf-8")
    (root / layout.GLOSSARY_PAGE).write_text(glossary.glossary_page(twin=twin + layout.GLOSSARY_PAGE), encoding="utf-8")
    fa = root / edition.FOLDER
    with speaking("fa"):
        (fa / layout.SOURCES_PAGE).write_text(sources.sources_page(ledger, twin=back + layout.SOURCES_PAGE), encoding="utf-8")
        (fa / layout.GLOSSARY_PAGE).write_text(glossary.glossary_page(twin=back + layout.GLOSSARY_PAGE), encoding="utf-8")


def write_pages(nb, english: pages.PageInfo, persian: pages.PageInfo, staging: str) -> Written:
    """Write ``nb``'s English page and its Persian twin into ``staging`` (see the module docstring)."""
    from ..words import speaking

    root = Path(staging)
    twin = f"{edition.FOLDER}/"
    (root / english.href).write_text(pages.render_page(nb, english, twin=twin + english.href), encoding="utf-8")
    missing = pages.images_without_alt(nb)
    fa, back, note = root / edition.FOLDER, "../", None
    with speaking("fa"):
        try:
            twin_nb = edition.persian_notebook(nb, english.stem, fa)
        except edition.EditionError as exc:  # a page the catalogue cannot write (one a user added): linked, not lost
            note = f"note: {english.href} has no Persian twin ({exc}); fa/{english.href} links to it"
            twin_nb = edition.english_only(nb, english.stem, back + english.href)
        page = pages.render_page(twin_nb, persian, twin=back + english.href, notebook_href=back + english.notebook_href)
    (fa / persian.href).write_text(page, encoding="utf-8")
    return Written(missing, note)
