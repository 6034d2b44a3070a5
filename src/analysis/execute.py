"""Execute notebooks top to bottom in a fresh kernel, deterministically; write them as Jupyter would.

In: a notebook file. Out: the executed notebook (:func:`execute_notebook`), written by
:func:`write_notebook`. ``python -m analysis.execute [NOTEBOOK ...]`` re-executes notebooks in
place (all of ``notebooks/`` by default); this is how the committed outputs are regenerated
(``make notebooks``). Cell timings are not recorded, so two executions give identical files.

**All or nothing.** :func:`main` reads the ledger first (an invalid ledger is listed, and nothing
runs), then executes every notebook, each in a fresh kernel (forked from one warm process where it can be:
:mod:`analysis.warm`), against one build day
(:mod:`analysis.buildday`) and one making of the country's evidence (:mod:`analysis.present.shared`), and
writes them only when all succeeded: a failing notebook ends the command with one line naming it and its
cell (``notebooks not written: notebooks/02-x.ipynb failed in cell 4 (the cell starting ...): ValueError:
...``) and every notebook is left as it was.

**Opening a committed notebook in JupyterLab changes nothing.** When Lab opens a notebook and its
kernel starts, it replaces the notebook's ``metadata.kernelspec`` with ``{name, display_name,
language}`` of the kernel spec it started, and ``metadata.language_info`` with the kernel's
``kernel_info_reply``; if either differs (a JSON deep comparison) the notebook is marked modified.
Measured with JupyterLab 4.6 in headless Chromium: a notebook saying ``"display_name": "Python 3"``
is dirtied by the spec ``"Python 3 (ipykernel)"``, and one without ``language_info.version`` by
ipykernel's reply, which carries the interpreter's patch release (``"3.11.7"``). So:

- :func:`execute_notebook` writes ``kernelspec`` exactly as the ``python3`` spec Lab finds in this
  environment, ``nbformat_minor`` 5 with a cell id on every cell (Lab upgrades older files), and
  ``language_info`` without ``version`` (:data:`UNRECORDED_LANGUAGE_INFO`), so a notebook executed
  on another Python 3.11.x is byte-identical;
- the project's kernels report that same ``language_info``: ``make setup`` installs
  :data:`KERNEL_CONFIG` as ``<venv>/etc/ipython/ipython_kernel_config.py``
  (:func:`install_kernel_config`), which every ipykernel of the environment reads (``make lab``,
  ``uv run jupyter lab``, nbclient, nbval). A JupyterLab running another environment's kernel still
  marks the notebook modified the moment the kernel reports its patch version: that cannot be
  avoided from the file without pinning the notebooks to one patch release.

**Interrupted.** SIGINT or SIGTERM during an execution shuts the kernel down (nbclient's own
handler) and :func:`execute_notebook` raises :class:`ExecutionInterrupted`, never a cell error.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from . import paths
from .warm import kernel_environment  # the kernels' environment is made there (imported first by the report command)

#: Seconds one cell may run before the execution is abandoned.
CELL_TIMEOUT = 600

#: The kernel every notebook runs in.
KERNEL_NAME = "python3"

#: ``language_info`` keys that committed notebooks leave out: they name the interpreter's patch release.
UNRECORDED_LANGUAGE_INFO = ("version",)

#: The nbformat minor version written (the one whose cells carry ids, which JupyterLab adds on open).
NBFORMAT_MINOR = 5

#: The IPython kernel configuration ``make setup`` installs into the environment (see the module text).
KERNEL_CONFIG = f'''\
# Installed by `make setup` (python -m analysis.execute --install-kernel-config) for isipo-revival.
# The environment's kernels leave {UNRECORDED_LANGUAGE_INFO!r} out of the language_info they
# report, as the committed notebooks do, so JupyterLab does not mark a notebook modified on opening it.
from ipykernel.ipkernel import IPythonKernel as _IPythonKernel


class _NotebookKernel(_IPythonKernel):
    language_info = {{
        key: value for key, value in _IPythonKernel.language_info.items()
        if key not in {UNRECORDED_LANGUAGE_INFO!r}
    }}


c.IPKernelApp.kernel_class = _NotebookKernel
'''


class ExecutionInterrupted(KeyboardInterrupt):
    """The execution was stopped by SIGINT or SIGTERM; the kernel has been shut down."""


def kernelspec_metadata(name: str = KERNEL_NAME) -> dict[str, str]:
    """``{name, display_name, language}`` of kernel spec ``name``, as JupyterLab writes it into a notebook."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(name)
    return {"display_name": spec.display_name, "language": spec.language, "name": name}


def _cell_id(position: int, source: str) -> str:
    """A deterministic id for a cell that has none (nbformat's own would be random)."""
    return hashlib.sha1(f"{position}\n{source}".encode("utf-8")).hexdigest()[:8]


def normalise_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give ``nb`` the metadata JupyterLab would leave unchanged on opening it (see the module text)."""
    nb.metadata["kernelspec"] = kernelspec_metadata()
    for key in UNRECORDED_LANGUAGE_INFO:
        nb.metadata.get("language_info", {}).pop(key, None)
    if nb.nbformat == 4 and nb.nbformat_minor < NBFORMAT_MINOR:
        nb.nbformat_minor = NBFORMAT_MINOR
    taken = {cell.get("id") for cell in nb.cells}
    for position, cell in enumerate(nb.cells):
        if not cell.get("id"):
            new = _cell_id(position, cell.source)
            while new in taken:
                new = _cell_id(position, new)
            cell["id"] = new
            taken.add(new)
    return nb


def execute_notebook(source: Path, env: dict[str, str] | None = None, warm=None) -> nbformat.NotebookNode:
    """Run ``source`` in a fresh ``python3`` kernel from the notebooks folder; return the executed notebook.

    ``env`` adds environment variables for the kernel (for example ``ISIPO_OUTPUT_DIR``). ``warm``: an
    :class:`analysis.warm.Warm` process to fork the kernel from (where it can; see :mod:`analysis.warm`).
    Raises ``nbclient.exceptions.CellExecutionError`` naming the failing cell, or
    :class:`ExecutionInterrupted` when SIGINT or SIGTERM stopped the execution.
    """
    nb = nbformat.read(source, as_version=4)
    with tempfile.TemporaryDirectory(prefix="isipo-kernel-") as sockets:
        return _execute(nb, source, env, sockets, warm)


def _kernel_config(sockets: str):
    """Kernel transport: on POSIX, Unix sockets in the private folder ``sockets``.

    Over TCP, jupyter_client picks free ports by binding and releasing them; two kernels starting
    at once (notebooks side by side, parallel builds, another program) can then be handed the same
    port and one dies with "Address already in use". Socket files in a folder of this execution's
    own cannot collide, and nothing listens on the network.
    """
    from traitlets.config import Config

    config = Config()
    if os.name == "posix":
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = os.path.join(sockets, "kernel")
    return config


def _execute(nb: nbformat.NotebookNode, source: Path, env: dict[str, str] | None, sockets: str,
             warm=None) -> nbformat.NotebookNode:
    manager = {} if warm is None else {"kernel_manager_class": warm.manager()}
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL_NAME,
        config=_kernel_config(sockets),
        resources={"metadata": {"path": str(Path(source).parent)}},
        record_timing=False,
        # A print can reach the client as several stream messages (the kernel flushes stdout on a
        # timer, and print writes its text and its newline separately); merge them so the recorded
        # outputs do not depend on machine load.
        coalesce_streams=True,
        **manager,
    )
    # The kernel process's own output (start-up warnings, tracebacks of a kernel being shut down
    # mid-cell) is kept aside and shown only when the kernel itself failed; cells' outputs are
    # unaffected (they travel as messages).
    # The kernel gets its own environment (no change to this process's), so notebooks can run side by side.
    kernel_env = kernel_environment(env)
    _KERNEL_SECONDS.pop(str(source), None)
    client.on_cell_executed = lambda **_: _note_kernel_seconds(client, source)
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as kernel_log:
        _RUNNING.add(client)
        try:
            client.execute(stdout=kernel_log, stderr=kernel_log, env=kernel_env)
        except BaseException as exc:
            # nbclient's SIGINT/SIGTERM handler shuts the kernel down and leaves this future behind;
            # the cell then fails with whatever the dead kernel caused (often an AssertionError).
            stopped = client in _STOPPED  # stopped on purpose by stop_running_kernels: an interruption, not a failure
            if stopped or isinstance(exc, KeyboardInterrupt) or getattr(client, "_async_cleanup_kernel_future", None) is not None:
                raise ExecutionInterrupted(f"executing {Path(source).name} was interrupted") from exc
            if not isinstance(exc, CellExecutionError):
                kernel_log.seek(0)
                sys.stderr.write(kernel_log.read())
            raise
        finally:
            _RUNNING.discard(client)
            _STOPPED.discard(client)
            # nbclient registers an atexit clean-up for the kernel and removes it after its own clean-up;
            # when that clean-up fails (a full disk), the callback stays and fails again at exit, printing
            # a traceback after the command's own message. The kernel is gone either way: remove it.
            atexit.unregister(client._cleanup_kernel)
    return normalise_metadata(nb)


#: The processor seconds each notebook's kernel had used after its last cell (by source path), where the system
#: tells (Linux's ``/proc``): what the report's builder orders the next build by (:func:`kernel_seconds`).
_KERNEL_SECONDS: dict[str, float] = {}


def _note_kernel_seconds(client, source: Path) -> None:
    process = getattr(getattr(client.km, "provisioner", None), "process", None)
    try:
        with open(f"/proc/{process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
        _KERNEL_SECONDS[str(source)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    except (AttributeError, OSError, ValueError, IndexError):
        pass  # not Linux, or the kernel already gone: the caller falls back on the wall clock


def kernel_seconds(source: Path) -> float | None:
    """The processor seconds the kernel that last executed ``source`` in this process used (``None`` where the
    system does not tell): unlike the wall clock, the same whether other notebooks ran beside it or not."""
    return _KERNEL_SECONDS.pop(str(source), None)


#: The clients whose kernels are running now (one per notebook being executed, in any thread), and
#: those among them that :func:`stop_running_kernels` stopped.
_RUNNING: set = set()
_STOPPED: set = set()


def stop_running_kernels() -> int:
    """Kill the kernel of every notebook being executed (from any thread); returns how many.

    Used when a build is interrupted while notebooks run side by side: their executions then fail at
    once instead of finishing (and writing files) after the build has cleaned up.
    """
    stopped = 0
    for client in list(_RUNNING):
        process = getattr(getattr(getattr(client, "km", None), "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            _STOPPED.add(client)
            process.kill()
            stopped += 1
    return stopped


def write_notebook(nb: nbformat.NotebookNode, dest: Path) -> None:
    """Write a notebook with a trailing newline, as Jupyter does."""
    dest.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def notebook_paths() -> list[Path]:
    """The notebooks, in run order (their file names start with a number)."""
    return sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def kernel_config_path(prefix: str | Path = sys.prefix) -> Path:
    """Where the environment's ipykernel reads :data:`KERNEL_CONFIG` from."""
    return Path(prefix) / "etc" / "ipython" / "ipython_kernel_config.py"


def install_kernel_config(prefix: str | Path = sys.prefix) -> Path:
    """Write :data:`KERNEL_CONFIG` into the environment at ``prefix``; returns the file's path."""
    dest = kernel_config_path(prefix)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(KERNEL_CONFIG, encoding="utf-8")
    return dest


def main(argv: list[str]) -> int:
    """``make notebooks``: execute every notebook (or those named), then write them all, or none (see the module text)."""
    if argv == ["--install-kernel-config"]:
        print(f"kernel configuration written to {paths.relative_to_root(install_kernel_config())}")
        return 0
    from . import buildday
    from .ledger import LedgerError, load_ledger
    from .report import notebooks as run  # the report's runner: failures named by notebook and cell

    targets = [Path(a) for a in argv] or notebook_paths()
    kept = "every notebook was left as it was"
    from .present import shared

    try:
        day = buildday.build_day()  # once: every kernel reads the ledger as of this day
        ledger = load_ledger(build_day=day)
    except (LedgerError, buildday.BuildDayError) as exc:
        print(f"notebooks not executed: {exc}", file=sys.stderr)
        return 1
    executed = []
    from . import warm

    with warm.kernels(targets, kernel_environment(buildday.environment(day)), (targets or [paths.NOTEBOOKS_DIR / "_"])[0].parent) as kernels_from, \
            tempfile.TemporaryDirectory(prefix="isipo-shared-") as folder:
        # The country's evidence and audit, made once for every kernel (analysis.present.shared), as the report does.
        shared_file = Path(folder) / "country.pickle"
        try:
            shared.write(ledger, shared_file)
        except Exception:  # noqa: BLE001 - marked failed: each kernel builds its own and the notebook names the error
            pass
        env = {**buildday.environment(day), shared.ENV: str(shared_file)}
        for nb_path in targets:
            print(f"executing {paths.relative_to_root(nb_path)}", flush=True)
            try:
                executed.append((nb_path, run.run_notebook(nb_path, paths.output_dir(), env=env, warm=kernels_from)))
            except ExecutionInterrupted:
                print(f"interrupted while executing {paths.relative_to_root(nb_path)}: {kept}", file=sys.stderr)
                return 130
            except (run.NotebookFailure, run.WriteFailure) as exc:
                print(f"notebooks not written: {exc}; {kept}", file=sys.stderr)
                return 1
    return _write_all(executed)


def _write_all(executed: list[tuple[Path, nbformat.NotebookNode]]) -> int:
    """Write every executed notebook beside its original, then move them all into place (renames need no space)."""
    temporary = []
    try:
        for nb_path, nb in executed:
            temporary.append((nb_path.with_name(f".{nb_path.name}.new"), nb_path))
            write_notebook(nb, temporary[-1][0])
    except OSError as exc:
        for temp, _ in temporary:
            temp.unlink(missing_ok=True)
        print(f"notebooks not written: cannot write to {paths.relative_to_root(executed[0][0].parent)}: "
              f"{exc.strerror or exc}; every notebook was left as it was", file=sys.stderr)
        return 1
    for temp, nb_path in temporary:
        os.replace(temp, nb_path)
    print(f"{len(executed)} notebook(s) written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
