"""Kernels forked from a warm process (analysis.warm): the same outputs as a fresh kernel, the usual start where
forking would not be the same, and no process left behind."""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from analysis import execute, paths, warm

#: Cells whose outputs depend on what a kernel's start and imports leave behind: where the kernel runs and what
#: it was started with, pandas' display defaults (chosen on import by asking whether it runs in a kernel),
#: matplotlib's backend (read from the environment on import) and an inline figure, the main module.
PROBE = [
    "%matplotlib inline",
    "import os, sys\nimport pandas as pd\nimport matplotlib\nimport matplotlib.pyplot as plt",
    "print(os.path.basename(sys.argv[0]), sys.argv[1:2], os.path.basename(os.getcwd()))\n"
    "print(['CWD' if entry == os.getcwd() else entry for entry in sys.path])",
    "print(os.environ['ISIPO_PROBE'], os.environ.get('MPLBACKEND'), __name__, type(sys.modules['__main__']).__name__)",
    "print(pd.get_option('display.max_columns'), pd.get_option('display.width'), matplotlib.get_backend())",
    "pd.DataFrame({f'column_{i}': [i * 1000.5] for i in range(30)})",
    "fig, ax = plt.subplots(figsize=(2, 1))\nax.bar([1, 2], [3, 4])\nax.set_title('x')",
]


def _probe(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "01-probe.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in PROBE])
    source.write_text(nbformat.writes(nb), encoding="utf-8")
    return source


def _outputs(nb) -> list:
    return [cell.outputs for cell in nb.cells]


@pytest.mark.slow
def test_a_forked_kernel_gives_a_fresh_kernels_outputs(tmp_path):
    source = _probe(tmp_path / "notebooks")
    fresh = execute.execute_notebook(source, env={"ISIPO_PROBE": "mine"})
    with warm.kernels([source], execute.kernel_environment({"ISIPO_PROBE": "the warm process's"}), source.parent) as w:
        forked = execute.execute_notebook(source, env={"ISIPO_PROBE": "mine"}, warm=w)
        assert w.forked == 1  # forked, not started the usual way
    assert _outputs(forked) == _outputs(fresh)
    assert fresh.cells[2].outputs[0]["text"].startswith("ipykernel_launcher.py ['-f'] notebooks\n")
    # the request's own ISIPO_ variables, not the warm process's; the backend as ipykernel sets it
    assert fresh.cells[3].outputs[0]["text"] == (
        "mine module://matplotlib_inline.backend_inline __main__ module\n")
    assert fresh.cells[4].outputs[0]["text"].startswith("20 80 ")  # a kernel's pandas: 20 columns at most
    assert "image/png" in fresh.cells[6].outputs[-1]["data"]


@pytest.mark.slow
def test_a_request_unlike_the_warm_process_starts_the_usual_way(tmp_path):
    source = _probe(tmp_path / "notebooks")
    elsewhere = _probe(tmp_path / "elsewhere")
    env = execute.kernel_environment({"ISIPO_PROBE": "x"})
    with warm.kernels([source], env, source.parent) as w:
        # a variable Python reads when it starts: a fork of the warm process would not honour it
        execute.execute_notebook(source, env={"ISIPO_PROBE": "x", "PYTHONWARNINGS": "ignore"}, warm=w)
        assert w.forked == 0
        execute.execute_notebook(elsewhere, env={"ISIPO_PROBE": "x"}, warm=w)  # another folder
        assert w.forked == 0
        execute.execute_notebook(source, env={"ISIPO_PROBE": "x"}, warm=w)
        assert w.forked == 1
        w.process.kill()  # gone: the next kernel starts the usual way, and the notebook still runs
        w.process.wait()
        nb = execute.execute_notebook(source, env={"ISIPO_PROBE": "x"}, warm=w)
        assert w.forked == 1 and nb.cells[3].outputs[0]["text"].startswith("x ")


@pytest.mark.slow
def test_a_forked_kernel_stopped_mid_cell_is_gone(tmp_path):
    source = tmp_path / "notebooks" / "01-sleep.ipynb"
    source.parent.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import os\nopen('pid', 'w').write(str(os.getpid()))\nimport time\ntime.sleep(600)")])
    source.write_text(nbformat.writes(nb), encoding="utf-8")
    failures = []
    with warm.kernels([source], execute.kernel_environment(), source.parent) as w:
        def run():
            try:
                execute.execute_notebook(source, warm=w)
            except BaseException as exc:  # noqa: BLE001 - what the test looks at
                failures.append(exc)

        thread = threading.Thread(target=run)
        thread.start()
        pid_file = source.parent / "pid"
        deadline = time.monotonic() + 120
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline and thread.is_alive()
            time.sleep(0.1)
        kernel = int(pid_file.read_text())
        assert _parent_of(kernel) == w.process.pid  # forked from the warm process
        assert execute.stop_running_kernels() == 1
        thread.join(60)
    assert not thread.is_alive() and isinstance(failures[0], execute.ExecutionInterrupted)
    assert not _alive(kernel)


def _parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def _alive(pid: int, wait: float = 10) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return False  # exited, not yet reaped by whoever inherited it
        except FileNotFoundError:
            return False
        time.sleep(0.1)
    return True


DIES_WITH_ITS_WARM_PROCESS = """
import asyncio, json, sys
from pathlib import Path
from analysis import execute, warm
folder = Path(sys.argv[1])
with warm.kernels([], execute.kernel_environment(), folder) as w:
    km = w.manager()(kernel_name="python3", connection_file=str(folder / "kernel.json"))
    asyncio.run(km.start_kernel(cwd=str(folder), env=execute.kernel_environment()))
    print(json.dumps({"warm": w.process.pid, "kernel": km.provisioner.pid, "forked": w.forked, "socket": w.path}),
          flush=True)
    sys.stdin.read()  # until killed
"""


@pytest.mark.slow
def test_the_warm_process_and_its_kernels_go_when_the_builder_does(tmp_path):
    builder = subprocess.Popen([sys.executable, "-c", DIES_WITH_ITS_WARM_PROCESS, str(tmp_path)], cwd=paths.ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        started = json.loads(builder.stdout.readline())
        assert started["forked"] == 1 and _parent_of(started["kernel"]) == started["warm"]
        os.kill(builder.pid, signal.SIGKILL)  # no clean-up of its own: the warm process notices, then the kernel
        builder.wait()
        assert not _alive(started["warm"]) and not _alive(started["kernel"])
        assert not Path(started["socket"]).parent.exists()  # its folder, which the builder would have removed
    finally:
        if builder.poll() is None:
            builder.kill()


def test_the_modules_the_notebooks_import_are_read_from_their_code(tmp_path):
    source = tmp_path / "01-x.ipynb"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("%matplotlib inline\nimport os, pandas as pd\nfrom analysis.present import charts"),
        nbformat.v4.new_markdown_cell("import not_this"),
        nbformat.v4.new_code_cell("from . import relative\nimport os\ndef f():\n    import inside_a_function"),
        nbformat.v4.new_code_cell("this is not python"),
    ])
    source.write_text(nbformat.writes(nb), encoding="utf-8")
    (tmp_path / "02-broken.ipynb").write_text("not json", encoding="utf-8")
    assert warm.modules_of([source, tmp_path / "02-broken.ipynb"]) == [
        "os", "pandas", "analysis.present", "inside_a_function"]


def test_no_module_of_the_project_reads_the_environment_on_import():
    """Kernels differ from their warm process in the project's own variables only (ISIPO_...); that is safe while
    the project reads them when called, never while being imported (at a module's or a class's top level)."""
    found = []
    for path in sorted((paths.ROOT / "src" / "analysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(node, in_function=False):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                in_function = True
            if not in_function and isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
                found.append(f"{path.relative_to(paths.ROOT)}:{node.lineno}")
            for child in ast.iter_child_nodes(node):
                visit(child, in_function)

        visit(tree)
    assert found == []


#: A cell telling whether pandas was imported before it: only in a kernel forked from a warm process (the notebook
#: imports pandas further down, so the warm process has).
WAS_PANDAS_IMPORTED = ("import os, pathlib, sys\nfolder = pathlib.Path(os.environ['ISIPO_OUTPUT_DIR'])\n"
                       "folder.mkdir(parents=True, exist_ok=True)\n"
                       "(folder / 'warm.txt').write_text(str('pandas' in sys.modules))")


@pytest.mark.slow
def test_the_report_commands_kernels_are_forked_from_its_warm_process(tmp_path):
    from report_builds import finish, run_report

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A"),
                                         nbformat.v4.new_code_cell(WAS_PANDAS_IMPORTED),
                                         nbformat.v4.new_code_cell("import pandas")])
    (notebooks / "01-a.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    out = tmp_path / "site" / "report"
    code, _, stderr = finish(run_report("--notebooks", str(notebooks), "--out", str(out)))
    assert code == 0, stderr
    assert (out / "01-a" / "warm.txt").read_text(encoding="utf-8") == "True"
    # and a kernel started the usual way has not (what makes the line above mean something)
    execute.execute_notebook(notebooks / "01-a.ipynb", env={"ISIPO_OUTPUT_DIR": str(tmp_path / "cold")})
    assert (tmp_path / "cold" / "warm.txt").read_text(encoding="utf-8") == "False"
