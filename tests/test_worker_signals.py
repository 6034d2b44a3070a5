"""A build that fails while its page worker is still starting stops that worker, and does not hang.

The worker is forked from the builder, whose SIGTERM handler raises. A SIGTERM from the pool's ``terminate``
that reached the worker before it had set its own handlers raised there, where a library's bare ``except``
could swallow it: the worker then waited for tasks on a queue whose lock the terminating pool holds, and the
build waited for the worker forever (seen once in CI, in ``test_a_folder_that_cannot_be_created_in_gives_one_plain_line``).
The script below widens that window on purpose: its worker sleeps before setting up, swallowing whatever a
signal handler raises meanwhile, as such a library would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys, time
    from analysis import buildday
    from analysis.report import build, workers

    ready = workers._ready

    def slow_ready(env):
        try:
            time.sleep(1.5)  # the window between the fork and the worker's own handlers, widened
        except BaseException:
            print("raised in the worker", file=sys.stderr, flush=True)  # a bare except, as in some libraries
        ready(env)

    workers._ready = slow_ready
    build._arm_signals()  # the builder's handlers, as during a build
    try:
        with build._writers(buildday.build_day()) as pool:
            time.sleep(0.3)  # the worker is forked and asleep
            raise RuntimeError("the build failed")
    except RuntimeError:
        print("stopped", flush=True)
""")


def test_a_build_failing_while_its_worker_starts_stops_the_worker_at_once():
    run = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)  # its own process group: a hung worker is killed with it
    try:
        out, err = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        raise AssertionError("the build hung waiting for its page worker") from None
    assert run.returncode == 0, err
    assert out.strip() == "stopped"
    assert "raised in the worker" not in err  # the signal waited for the worker's own default handler
