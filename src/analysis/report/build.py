"""Build the report: every notebook executed afresh, its pages written, published only when complete.

In: the notebooks (``notebooks/NN-name.ipynb``) and the ledger. Out: the report folder
(``build/report/`` by default), see :mod:`analysis.report`. ``python -m analysis.report`` runs
:func:`main`.

How a build fails well:

- **Never half-written, the last good report always stays.** The report is built in a temporary
  folder beside the destination (``.report-new-<token>``, same filesystem) and swapped in only when
  everything succeeded, in one atomic exchange of the two folders (``renameat2(RENAME_EXCHANGE)``;
  where the system lacks it, rename aside ``.report-old-<token>`` and rename in). Signals are held
  back during the swap.
- **A killed build's leftovers go.** Each build holds an exclusive lock on ``.report-<token>.lock``
  while it runs; the system releases it when the process dies, however it dies. The next build
  removes every temporary folder whose lock is free (putting back a report that a build killed
  mid-swap had moved aside) and leaves those of builds still running.
- **Interrupted** (Ctrl-C, SIGINT, SIGTERM): the kernel is shut down, the temporary folder removed,
  and the command says ``report not built: interrupted`` (exit status 130).
- **A disk that refuses** (read-only, full, no permission), whether the builder or a notebook hit
  it, ends in one line naming the folder: ``report not built: cannot write to build: No space left
  on device``; so does a plain file where the report's folder should be (``cannot write to build:
  it is a file, not a folder; ...``).
- A failing notebook raises :class:`~analysis.report.notebooks.NotebookFailure` naming the
  notebook and cell; an invalid ledger its :class:`~analysis.ledger.LedgerError`.

Reproducible: two builds from the same inputs give byte-identical files (no timings, dates, paths).
The build day (:mod:`analysis.buildday`, against which the loader refuses dates still to come) is
taken once, when the build starts, and handed to every kernel, so every page reads the ledger as
of the same day. Each notebook runs in a fresh kernel of its own, forked from one process that has done the
notebooks' imports while the builder loads the ledger (:mod:`analysis.warm`): the same outputs, without five
kernels each importing pandas and matplotlib.
"""

from __future__ import annotations

import argparse
import contextlib
from concurrent.futures import ThreadPoolExecutor, as_completed
import ctypes
import errno
import fcntl
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import nbformat

from .. import buildday, execute, paths, warm
from ..ledger import LedgerError, load_ledger
from ..present import shared
from ..present.blocks import Context
from . import content, edition, layout, pages, workers
from .front import render_front_page
from .notebooks import (
    NotebookFailure,
    WriteFailure,
    disk_errno,
    display_name,
    notebook_title,
    notebooks_in,
    run_notebook,
)

INTERRUPTED_STATUS = 130
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class BuildInterrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM reached the builder outside a notebook's execution."""


def _raise_interrupted(signum, frame):  # noqa: ARG001 - signal handler signature
    raise BuildInterrupted(signal.Signals(signum).name)


def _arm_signals() -> None:
    """SIGINT and SIGTERM raise :class:`BuildInterrupted` (nbclient's handlers, removed after each
    execution, put the defaults back, and SIGTERM's default would skip all clean-up)."""
    if threading.current_thread() is threading.main_thread():
        for sig in _SIGNALS:
            signal.signal(sig, _raise_interrupted)


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in _SIGNALS}
    _arm_signals()
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (then they are delivered)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# --- temporary folders and their locks ------------------------------------------------------------

def _lock_path(out: Path, token: str) -> Path:
    return out.parent / f".{out.name}-{token}.lock"


def _temp_path(out: Path, kind: str, token: str) -> Path:
    return out.parent / f".{out.name}-{kind}-{token}"


def _try_lock(path: Path) -> int | None:
    """An fd holding an exclusive lock on ``path`` (created if need be), or ``None`` if another process holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def remove_leftovers(out: Path, log: Callable[[str], None] = print) -> list[str]:
    """Remove the temporary folders of dead builds of ``out``; returns their names.

    A folder moved aside by a build killed mid-swap is put back first when ``out`` is missing.
    Folders of builds still running (their lock is held) are left alone.
    """
    removed = []
    prefix = f".{out.name}-"
    for kind in ("old", "new"):  # put a moved-aside report back before anything else
        for folder in sorted(out.parent.glob(f"{prefix}{kind}-*")):
            token = folder.name[len(f"{prefix}{kind}-"):]
            fd = _try_lock(_lock_path(out, token))
            if fd is None:
                continue
            try:
                if kind == "old" and not out.exists() and folder.is_dir():
                    os.rename(folder, out)
                    log(f"put back the last good report that an interrupted build had moved to {folder.name}")
                else:
                    shutil.rmtree(folder) if folder.is_dir() else folder.unlink()
                    removed.append(folder.name)
            finally:
                os.close(fd)
    for lock in sorted(out.parent.glob(f"{prefix}*.lock")):
        token = lock.name[len(prefix):-len(".lock")]
        if any(_temp_path(out, kind, token).exists() for kind in ("new", "old")):
            continue
        fd = _try_lock(lock)
        if fd is not None:
            lock.unlink()
            os.close(fd)
    if removed:
        log(f"removed what earlier builds that were stopped left behind: {', '.join(removed)}")
    return removed


@contextlib.contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A fresh temporary folder beside ``out``, locked while the build runs, removed afterwards."""
    while True:
        fd, lock_name = tempfile.mkstemp(prefix=f".{out.name}-", suffix=".lock", dir=out.parent)
        fcntl.flock(fd, fcntl.LOCK_EX)  # the lock exists before the folder does, so no cleaner takes it for dead
        with contextlib.suppress(FileNotFoundError):
            if os.stat(lock_name).st_ino == os.fstat(fd).st_ino:
                break  # (a cleaner may have taken the fresh, not yet locked file for a dead build's)
        os.close(fd)
    token = Path(lock_name).name[len(f".{out.name}-"):-len(".lock")]
    staging = _temp_path(out, "new", token)
    try:
        staging.mkdir()
        yield staging
    finally:
        with _signals_held():
            for kind in ("new", "old"):
                shutil.rmtree(_temp_path(out, kind, token), ignore_errors=True)
            with contextlib.suppress(OSError):
                os.unlink(lock_name)
            os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); ``False`` where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish(staging: Path, out: Path) -> None:
    """Put the finished report ``staging`` at ``out``; the previous report ends up in ``staging``'s place."""
    done = False
    try:
        with _signals_held():
            if not out.exists():
                os.rename(staging, out)
            elif not _exchange(staging, out):
                aside = staging.parent / staging.name.replace("-new-", "-old-", 1)
                os.rename(out, aside)
                try:
                    os.rename(staging, out)
                except BaseException:
                    os.rename(aside, out)  # put the previous report back
                    raise
            done = True
    except KeyboardInterrupt:
        if not done:
            raise
        # a signal held back during the swap: the new report is complete and in place already


# --- the build ------------------------------------------------------------------------------------

def page_title(stem: str, nb) -> str:
    """A page's title in the language in force: the catalogue's ``page.<stem>.title``, or the notebook's H1."""
    from ..words import has, say

    key = f"page.{stem}.title"
    return say(key) if has(key) else notebook_title(nb, stem)


def _page_infos(titled: list[tuple[str, str]]) -> list[pages.PageInfo]:
    links = [layout.Link(title, f"{stem}.html") for stem, title in titled]
    return [
        pages.PageInfo(stem, title, links[i - 1] if i > 0 else None, links[i + 1] if i + 1 < len(links) else None)
        for i, (stem, title) in enumerate(titled)
    ]


def _readable(source: Path) -> nbformat.NotebookNode:
    """The notebook at ``source``, or an empty one when it cannot be read: its title is then its file name,
    and running it reports what is wrong, naming it (:func:`~analysis.report.notebooks.run_notebook`)."""
    try:
        return nbformat.read(source, as_version=4)
    except Exception:  # noqa: BLE001 - reported by its execution, with the notebook's name
        return nbformat.v4.new_notebook()


def _both_infos(notebooks: list[Path]) -> tuple[list[pages.PageInfo], list[pages.PageInfo]]:
    """Every page's place among the pages, in English and in Persian, known before any notebook runs (a
    title is the catalogue's, or the notebook's H1, which running it does not change)."""
    from ..words import has, speaking

    read = {source.stem: (None if has(f"page.{source.stem}.title") else _readable(source)) for source in notebooks}
    english = _page_infos([(stem, page_title(stem, nb)) for stem, nb in read.items()])
    with speaking("fa"):
        persian = _page_infos([(stem, page_title(stem, nb)) for stem, nb in read.items()])
    return english, persian


def _persian_front_page(staging: Path, built_pages: list, persian: list, ledger, ready) -> None:
    """The Persian twin of the front page, in ``fa/``; the notebooks' pages, the Sources page and the glossary
    are written by :mod:`analysis.report.workers`."""
    from ..words import speaking

    fa = staging / edition.FOLDER
    back = "../"
    with speaking("fa"):
        fa_pages = [content.BuiltPage(i, p.nb, p.folder) for i, p in zip(persian, built_pages)]
        front = content.front_page(fa_pages, staging, ledger, ready, twin=back + layout.FRONT_PAGE, prefix=back)
        ctx = Context(language="fa", files="", data_files="..", out=fa)  # the headline chart is drawn again, in Persian
        (fa / layout.FRONT_PAGE).write_text(render_front_page(front, ctx), encoding="utf-8")


@contextlib.contextmanager
def _writers(day) -> Iterator:
    """The page-writing processes (:mod:`analysis.report.workers`), forked here, before any thread of the
    build starts; waited for on the way out (:func:`_stopped_on_failure` has closed or stopped them)."""
    pool = workers.pool(day)
    try:
        yield pool
    finally:
        pool.terminate()  # a no-op for workers that have finished; stops them if something failed earlier
        pool.join()


@contextlib.contextmanager
def _stopped_on_failure(pool) -> Iterator[None]:
    """Close ``pool`` when the build went well; stop its workers at once when it failed or was interrupted,
    before the staging folder is removed, so none goes on writing into it."""
    try:
        yield
    except BaseException:
        pool.terminate()
        raise
    pool.close()


def _no_file_in_the_way(out: Path) -> None:
    """Raise :class:`WriteFailure` naming a plain file that stands where the report's folder (or a folder
    above it) should be: ``build`` made by mistake as a file."""
    for folder in [out, *out.parents]:
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise WriteFailure(display_name(folder), "it is a file, not a folder; move or delete that file, then run again")
            return


#: Notebooks executed side by side (each in its own kernel): one more than the cores, at most three. A kernel
#: waits on its sockets and its files part of the time, and with one per core the last notebook started
#: alone after the others (the provinces page, the longest: 35 s for the report on two cores, 31 s with three).
WORKERS = max(2, min(3, (os.cpu_count() or 1) + 1))


def _timings_path(out: Path) -> Path:
    """Where the seconds each notebook took in the last build are kept: beside the report, never in it."""
    return out.parent / f".{out.name}-seconds.json"


def _longest_first(notebooks: list[Path], out: Path) -> list[int]:
    """The order to start ``notebooks`` in (their indices): those the last build did not time first, in run order,
    then the others, longest first by the seconds :func:`_keep_timings` kept. Packing the longest notebooks
    first keeps both cores busy to the end (the provinces page, the longest, no longer runs alone after the
    others); the pages do not depend on this order, so the report is byte-identical whatever it is."""
    try:
        kept = json.loads(_timings_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or unreadable: a hint, not data
        kept = {}
    seconds = {i: kept.get(source.name) if isinstance(kept, dict) else None for i, source in enumerate(notebooks)}
    timed = {i: s for i, s in seconds.items() if isinstance(s, (int, float)) and not isinstance(s, bool)}
    return [i for i in range(len(notebooks)) if i not in timed] + sorted(timed, key=lambda i: -timed[i])


def _keep_timings(out: Path, seconds: dict[str, float]) -> None:
    """Keep each notebook's seconds (:func:`_timed`, for :func:`_longest_first`) for the next build; a folder
    that refuses the file only costs the next build its order."""
    path = _timings_path(out)
    part = path.with_name(path.name + ".part")
    try:
        kept = {name: round(s, 2) for name, s in sorted(seconds.items())}
        part.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
        part.replace(path)
    except OSError:
        part.unlink(missing_ok=True)


def _timed(seconds: dict[str, float], source: Path, *args, **kwargs):
    """Run the notebook and note its cost: its kernel's processor seconds (the wall clock would say more for the
    notebooks that ran beside others), or the wall clock where the system does not tell."""
    start = time.monotonic()
    result = run_notebook(source, *args, **kwargs)
    used = execute.kernel_seconds(source)
    seconds[source.name] = used if used is not None else time.monotonic() - start
    return result


def _run_all(notebooks: list[Path], staging: Path, where: str, log: Callable[[str], None],
             env: dict[str, str] | None = None, order: list[int] | None = None,
             seconds: dict[str, float] | None = None, kernels_from=None) -> Iterator[tuple[int, Path, object]]:
    """Execute the notebooks :data:`WORKERS` at a time, started in ``order`` (indices; run order by default);
    yield ``(index, source, executed notebook)`` as each finishes, so its pages can be written at once, logging
    ``[n/N] notebook`` as each starts (``n``: its place in ``order``; so a failing one is named before its
    error). ``seconds`` receives each notebook's cost by file name (:func:`_timed`). ``kernels_from``: the
    :class:`analysis.warm.Warm` process the kernels are forked from.

    The first failure (or an interruption) stops every kernel still running before it is raised, so no
    notebook goes on writing into a build that is being cleaned up.
    """
    order = list(range(len(notebooks))) if order is None else order
    seconds = {} if seconds is None else seconds
    said = threading.Lock()  # lines logged from several threads at once would run into one another (print writes
    # its text and its newline separately)

    def run(number: int, i: int):
        with said:
            log(f"[{number}/{len(notebooks)}] {display_name(notebooks[i])}")
        return _timed(seconds, notebooks[i], staging / notebooks[i].stem, folder_shown=where, env=env,
                      warm=kernels_from)

    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="notebook")
    futures = {pool.submit(run, number, i): i for number, i in enumerate(order, start=1)}
    try:
        for future in as_completed(futures):
            i = futures[future]
            yield i, notebooks[i], future.result()
    except BaseException:
        for future in futures:
            future.cancel()
        execute.stop_running_kernels()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _arm_signals()
        pool.shutdown(wait=True)


def build_report(
    notebooks: list[Path],
    out: Path = paths.REPORT_DIR,
    log: Callable[[str], None] = print,
    kernels_from: warm.Warm | None = None,
) -> Path:
    """Execute ``notebooks`` and publish the report at ``out``; returns ``out``.

    The previous contents of ``out`` are replaced only when every notebook ran and every page was
    written. ``log`` receives one progress line per notebook (``[2/4] notebooks/02-jobs-per-unit.ipynb``).
    ``kernels_from``: the warm process to fork the kernels from, when the caller started it already (as
    ``python -m analysis.report`` does, before its own imports); by default the build starts its own.
    Raises :class:`NotebookFailure`, :class:`WriteFailure`, :class:`LedgerError`,
    :class:`analysis.buildday.BuildDayError` or a ``KeyboardInterrupt`` (:class:`BuildInterrupted`,
    :class:`analysis.execute.ExecutionInterrupted`).
    """
    out = Path(out).absolute()
    if not notebooks:
        raise NotebookFailure("the notebooks folder", None, "", "no notebooks (NN-name.ipynb) found")
    day = buildday.build_day()  # once per build: this process and every kernel read the ledger as of this day
    where = display_name(out.parent)
    # The kernels' warm process starts first: it imports what the notebooks import while this process loads the
    # ledger and makes the shared evidence, and every kernel is then forked from it (analysis.warm).
    started = contextlib.nullcontext(kernels_from) if kernels_from is not None else warm.kernels(
        notebooks, execute.kernel_environment(buildday.environment(day)), notebooks[0].parent)
    with _interruptible(), started as kernels_from:
        try:
            _no_file_in_the_way(out)
            out.parent.mkdir(parents=True, exist_ok=True)
            remove_leftovers(out, log)
            ledger = load_ledger(build_day=day)
            english, persian = _both_infos(notebooks)
            with _writers(day) as writers, _staging(out) as staging, _stopped_on_failure(writers), \
                    tempfile.TemporaryDirectory(prefix="isipo-shared-") as shared_dir, \
                    ThreadPoolExecutor(max_workers=1, thread_name_prefix="front") as front_pool:
                # The country's evidence and audit are made once, first, for the kernels to read (they are starting
                # meanwhile); then the front page's own analysis runs in this process while the kernels execute the
                # notebooks, and each notebook's pages (both languages) are written by a worker as soon as it has run.
                shared_file = Path(shared_dir) / "country.pickle"
                made = front_pool.submit(shared.write, ledger, shared_file)
                prepared = front_pool.submit(lambda: content.prepare(ledger, staging, made.result()))
                (staging / edition.FOLDER).mkdir()
                ledger_pages = writers.apply_async(workers.write_ledger_pages, (ledger, str(staging)))  # needs no notebook
                built, written, seconds = {}, {}, {}
                env = {**buildday.environment(day), shared.ENV: str(shared_file)}
                for i, source, nb in _run_all(notebooks, staging, where, log, env=env, order=_longest_first(notebooks, out),
                                              seconds=seconds, kernels_from=kernels_from):
                    execute.write_notebook(nb, staging / f"{source.stem}.ipynb")
                    built[i] = nb
                    written[i] = writers.apply_async(workers.write_pages, (nb, english[i], persian[i], str(staging)))
                twin = f"{edition.FOLDER}/"
                built_pages = [content.BuiltPage(info, built[i], staging / info.stem) for i, info in enumerate(english)]
                ready = prepared.result()
                front = content.front_page(built_pages, staging, ledger, ready, twin=twin + layout.FRONT_PAGE)
                (staging / layout.FRONT_PAGE).write_text(render_front_page(front, Context(files="", out=staging)), encoding="utf-8")
                _persian_front_page(staging, built_pages, persian, ledger, ready)
                ledger_pages.get()
                results = [written[i].get() for i in range(len(notebooks))]
                for info, result in zip(english, results):
                    if result.missing_alt:
                        log(f"note: {result.missing_alt} image(s) on {info.href} carry no alt text (see analysis.report.pages)")
                for result in results:
                    if result.note:
                        log(result.note)
                staging.chmod(0o755)  # mkdtemp-style folders are private; a report is meant to be read
                publish(staging, out)
                _keep_timings(out, seconds)
        except OSError as exc:
            code = disk_errno(exc)
            if code is None:
                raise
            raise WriteFailure(where, os.strerror(code)) from exc
    return out


def main(argv: list[str] | None = None, kernels_from: warm.Warm | None = None) -> int:
    """Command line: build the report; on failure one plain message and exit status 1 (130 if interrupted).
    ``kernels_from``: see :func:`build_report`."""
    parser = argparse.ArgumentParser(prog="python -m analysis.report", description="Build the HTML report.")
    parser.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS_DIR, help="folder of NN-name.ipynb notebooks")
    parser.add_argument("--out", type=Path, default=paths.REPORT_DIR, help="where the report is published")
    args = parser.parse_args(argv)
    notebooks = notebooks_in(args.notebooks)
    kept = f"the previous report (if any) in {display_name(Path(args.out))} was left as it was"
    try:
        out = build_report(notebooks, args.out, log=lambda line: print(line, flush=True), kernels_from=kernels_from)
    except KeyboardInterrupt:
        print(f"report not built: interrupted; {kept}", file=sys.stderr)
        return INTERRUPTED_STATUS
    except WriteFailure as exc:
        print(f"report not built: {exc}; {kept}", file=sys.stderr)
        return 1
    except (NotebookFailure, LedgerError, buildday.BuildDayError) as exc:
        print(f"report not built: {exc}", file=sys.stderr)
        print(kept, file=sys.stderr)
        return 1
    print(f"report written to {display_name(out)}/index.html ({len(notebooks)} notebooks)")
    return 0
