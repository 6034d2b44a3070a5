"""Kernels forked from a warm process: each notebook's kernel starts with the notebooks' imports done.

In: the kernels' environment and folder, and the notebooks (:func:`kernels` reads the modules their cells
import, :func:`modules_of`). Out: a :class:`Warm` process, whose :meth:`Warm.manager` is the kernel manager
class :mod:`analysis.execute` hands nbclient; each kernel it starts is a new ``ipykernel`` process forked from
the warm one (:class:`ForkedKernel` stands for it as ``subprocess.Popen`` stands for a started one).

**Why.** A kernel started from nothing spends about 4 s of processor time before a notebook's first line does
any work: Python and IPython start, then pandas, matplotlib and the project are imported. Every kernel of a
build did this for the same modules; the warm process does it once and each kernel is forked from it in
milliseconds (on a two-core machine, about a sixth of the report's build).

**What a forked kernel is.** A new process, in a session of its own as jupyter_client starts kernels, with
nothing of any notebook in it: the warm process has imported modules and run none of a notebook's code. The
child then becomes the kernel exactly as ``python -m ipykernel_launcher -f FILE`` would (same interpreter,
``sys.argv``, ``sys.path``, folder, standard streams, and the environment of the request, ``MPLBACKEND``
set as ipykernel sets it), so a notebook's outputs are the same as in a fresh kernel
(``tests/test_warm.py`` compares them; ``make notebooks`` runs warm and nbval checks its outputs with fresh
kernels). What differs is only what was imported before the first cell.

**When a kernel is started the usual way instead.** When the request is not the warm process's own (another
interpreter or command, another folder, an environment differing in anything but the project's own
``ISIPO_`` variables, which the project reads when called, never on import), or when the warm process failed
or is gone. A module that fails to import in the warm process is left for the kernel to import (and
report) itself. The warm process stops when its parent does; its kernels stop when it does (ipykernel's
parent poller).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import json
import os
import pathlib
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from typing import Iterator

#: Modules every kernel imports before a notebook's first line, whatever the notebooks import.
KERNEL_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "matplotlib_inline.backend_inline")

#: Environment variables a request may set differently from the warm process's (read when called, never on import).
OWN_PREFIX = "ISIPO_"

#: What ipykernel sets ``MPLBACKEND`` to when it is unset (``IPKernelApp.init_gui_pylab``), before any import.
INLINE = "module://matplotlib_inline.backend_inline"

#: Seconds a kernel request waits for the warm process (which may still be importing) before starting cold.
WAIT = 120


def modules_of(notebooks: list[pathlib.Path]) -> list[str]:
    """The modules the code cells of ``notebooks`` import (``import a.b`` and ``from a.b import c``), in first-seen order."""
    found: dict[str, None] = {}
    for path in notebooks:
        try:
            cells = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # the notebook's own execution reports what is wrong with it
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", ""))
            code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(code)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update((alias.name, None) for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found[node.module] = None
    return list(found)


def kernel_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a notebook's kernel gets: this process's, without ``MPLBACKEND`` (a forced backend hides
    figures), with ``env`` added."""
    return {**{key: value for key, value in os.environ.items() if key != "MPLBACKEND"}, **(env or {})}


def _own(env: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in env.items() if not key.startswith(OWN_PREFIX)}


class Warm:
    """The warm process of one build (see the module docstring); made by :func:`kernels`."""

    def __init__(self, process: subprocess.Popen, path: str, env: dict[str, str], cwd: str):
        self.process, self.path, self.env, self.cwd = process, path, _own(env), cwd
        self.forked = 0  # kernels forked so far (what tests and the benchmark read)

    def manager(self) -> type:
        """A kernel manager class whose kernels are forked from this process (nbclient's ``kernel_manager_class``)."""
        return type("WarmKernelManager", (_classes()[1],), {"warm": self})

    def fork(self, cmd: list[str], kwargs: dict) -> "ForkedKernel | None":
        """The kernel ``cmd`` would start with Popen ``kwargs``, forked from this process; ``None`` where it cannot be."""
        cwd = os.path.abspath(kwargs.get("cwd") or os.getcwd())
        env = kwargs.get("env") if kwargs.get("env") is not None else dict(os.environ)
        if (cmd[:3] != [sys.executable, "-m", "ipykernel_launcher"] or cwd != self.cwd or _own(env) != self.env
                or self.process.poll() is not None):
            return None
        with contextlib.ExitStack() as opened:
            # jupyter_client gives a kernel a stdin it closes at once (reading it ends at once): an empty one here
            streams = [kwargs.get("stdin") or opened.enter_context(open(os.devnull, "rb")),
                       1 if kwargs.get("stdout") is None else kwargs["stdout"],
                       2 if kwargs.get("stderr") is None else kwargs["stderr"]]
            streams = [stream.fileno() if hasattr(stream, "fileno") else stream for stream in streams]
            if any(not isinstance(fd, int) or fd < 0 for fd in streams):
                return None  # PIPE, DEVNULL and the like: only a real launch makes those
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            try:
                conn.settimeout(WAIT)
                _connect(conn, self.path, self.process)
                socket.send_fds(conn, [json.dumps({"cwd": cwd, "env": env, "args": cmd[3:]}).encode()], streams)
                reply = conn.recv(4096)  # blocks while the warm process is still importing
            except OSError:
                conn.close()
                return None
            if not reply:
                conn.close()
                return None
        self.forked += 1
        return ForkedKernel(json.loads(reply)["pid"], conn)


def _connect(conn: socket.socket, path: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while True:
        try:
            return conn.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.01)  # the warm process is starting; it listens before it imports


class ForkedKernel:
    """A forked kernel, answering as the ``subprocess.Popen`` of a started one does (what jupyter_client uses)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, conn: socket.socket):
        self.pid, self.returncode, self._conn = pid, None, conn

    def _read(self, timeout: float | None) -> None:
        self._conn.settimeout(timeout)
        try:
            data = self._conn.recv(4096)
        except (BlockingIOError, socket.timeout):
            return
        except OSError:
            data = b""
        # The warm process sends the exit status when it has reaped the kernel; without it (gone), the kernel is too.
        self.returncode = json.loads(data)["exit"] if data else -signal.SIGKILL
        self._conn.close()

    def poll(self) -> int | None:
        if self.returncode is None:
            self._read(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self._read(timeout)
            if self.returncode is None:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


@functools.cache
def _classes() -> tuple[type, type]:
    """jupyter_client's provisioner and kernel manager, forking where they can (made on first use: this module is
    imported first thing by ``python -m analysis.report``, to start the warm process before anything else)."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    class WarmProvisioner(LocalProvisioner):
        warm: Warm | None = None

        async def launch_kernel(self, cmd, **kwargs):
            process = self.warm.fork(cmd, kwargs) if self.warm is not None else None
            if process is None:
                return await super().launch_kernel(cmd, **kwargs)
            self.process, self.pid, self.pgid = process, process.pid, process.pid  # the kernel leads its own session
            self.cwd = kwargs.get("cwd", pathlib.Path.cwd())
            return self.connection_info

    class WarmKernelManager(AsyncKernelManager):
        warm: Warm | None = None

        async def _async_pre_start_kernel(self, **kw):
            if self.provisioner is None:  # as jupyter_client makes its LocalProvisioner, forking where it can
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
                self.provisioner = WarmProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
                self.provisioner.warm = self.warm
            return await super()._async_pre_start_kernel(**kw)

    return WarmProvisioner, WarmKernelManager


@contextlib.contextmanager
def kernels(notebooks: list[pathlib.Path], env: dict[str, str], cwd: pathlib.Path) -> Iterator[Warm | None]:
    """A warm process for kernels started with ``env`` in ``cwd`` that import what ``notebooks`` import; stopped on
    exit. ``None`` where it cannot be started (every kernel then starts the usual way)."""
    with tempfile.TemporaryDirectory(prefix="isipo-warm-") as folder:
        path = os.path.join(folder, "kernels")
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "analysis.warm", path, *KERNEL_MODULES, *modules_of(notebooks)],
                cwd=cwd, env=env, start_new_session=True,  # Ctrl-C reaches the builder, which stops it
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:  # no such folder, no more processes: nothing is lost but the head start
            yield None
            return
        try:
            yield Warm(process, path, env, os.path.abspath(cwd))
        finally:
            process.terminate()
            process.wait()


class _KernelShell:
    """What a module asking ``get_ipython()`` on import sees in a kernel: a shell with a ``kernel``."""

    kernel = None


@contextlib.contextmanager
def _as_in_a_kernel() -> Iterator[None]:
    """Imports made here see what they would see in a kernel: ``MPLBACKEND`` set as ipykernel sets it when unset
    (matplotlib reads it on import), and a ``get_ipython`` among the builtins answering as a kernel's shell
    (pandas asks it on import, and shows at most 20 columns of a table where the answer is a kernel's; 0, as wide as
    a terminal, otherwise). Both are left as a kernel would find them: the variable set, the stand-in removed."""
    import builtins

    os.environ.setdefault("MPLBACKEND", INLINE)
    builtins.get_ipython = _KernelShell
    try:
        yield
    finally:
        del builtins.get_ipython


def _serve(path: str, modules: list[str]) -> tuple[dict, list[int]] | None:
    """The warm process: listen, import ``modules``, then fork a kernel per request. Returns in a forked child only
    (its request and standard streams); ``None`` in the warm process once its parent is gone."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(path)
    listener.listen(64)  # requests queue while the imports run
    parent = os.getppid()
    with _as_in_a_kernel():
        for name in modules:
            try:
                __import__(name)
            except BaseException:  # noqa: BLE001 - the kernel imports it again and reports the error itself
                pass
    woken_r, woken_w = os.pipe()
    os.set_blocking(woken_w, False)
    signal.set_wakeup_fd(woken_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a kernel's exit wakes the loop (through the pipe)
    watch = selectors.DefaultSelector()
    watch.register(listener, selectors.EVENT_READ)
    watch.register(woken_r, selectors.EVENT_READ)
    kernels: dict[int, socket.socket] = {}
    while True:
        for key, _ in watch.select(timeout=1.0):
            if key.fileobj is listener:
                conn = listener.accept()[0]
                try:
                    message, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
                    request = json.loads(message)
                except (OSError, ValueError):
                    conn.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    watch.close()
                    for other in (listener, conn, *kernels.values()):
                        other.close()
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    os.close(woken_r)
                    os.close(woken_w)
                    return request, fds
                for fd in fds:
                    os.close(fd)
                conn.sendall(json.dumps({"pid": pid}).encode())
                kernels[pid] = conn
                watch.register(conn, selectors.EVENT_READ, pid)
            elif key.fileobj == woken_r:
                os.read(woken_r, 4096)
            else:  # the requester closed its end while the kernel runs: it is not wanted any more
                with contextlib.suppress(OSError):
                    os.killpg(key.data, signal.SIGKILL)
                watch.unregister(key.fileobj)
        while kernels:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if not pid:
                break
            conn = kernels.pop(pid, None)
            if conn is not None:
                with contextlib.suppress(OSError, KeyError, ValueError):
                    watch.unregister(conn)
                with contextlib.suppress(OSError):
                    conn.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode())
                conn.close()
        if os.getppid() != parent:  # the builder is gone without stopping this process: stop, and tidy up for it
            for pid in kernels:
                with contextlib.suppress(OSError):
                    os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.unlink(path)
                os.rmdir(os.path.dirname(path))
            return None


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In a forked child: become ``python -m ipykernel_launcher ARGS`` started in the request's folder and environment."""
    import runpy

    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in set(fds) - {0, 1, 2}:
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["JPY_PARENT_PID"] = str(os.getppid())  # ipykernel stops when the warm process does
    sys.path[0] = os.getcwd()  # what ``python -m`` puts first
    sys.argv = ["ipykernel_launcher", *request["args"]]
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    forked = _serve(sys.argv[1], sys.argv[2:])
    if forked is not None:
        _become_kernel(*forked)
