"""Every page of the built report, opened from disk in headless Chromium at 1280 and 400 px.

Asserts for each page and width: no console error, no broken image, nothing wider than the window
(``document.documentElement.scrollWidth <= window.innerWidth``), and nothing loaded but the page
itself and its ``data:`` images. The browser runs offline: every request off the machine goes to a
proxy that does not exist, so a page that tried to load a script or font would log an error.

The report is the one the report tests build (``report_builds``, built once per session). The
browser is Debian's Chromium driven through its ChromeDriver (``make test`` installs both where it
can); ``ISIPO_CHROMIUM`` and ``ISIPO_CHROMEDRIVER`` name others. Without them the tests fail and
say what to install: they never skip.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from report_builds import check_built

WIDTHS = (1280, 400)
HEIGHT = 900
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    "--proxy-server=http://127.0.0.1:9",  # nothing reaches the network (loopback is still reached)
)
INSTALL_HINT = (
    "install Debian's chromium and chromium-driver (as root: apt-get install chromium chromium-driver; "
    "`make test` does this itself where it runs as root on Debian), or set ISIPO_CHROMIUM and "
    "ISIPO_CHROMEDRIVER to a Chromium and the ChromeDriver of the same version"
)

PAGE_STATE = """
const images = [...document.images];
return {
  innerWidth: window.innerWidth,
  scrollWidth: document.documentElement.scrollWidth,
  broken: images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.alt || i.src).slice(0, 80)),
  images: images.length + [...document.querySelectorAll('svg.chart-drawing')]
          .filter(s => s.getBoundingClientRect().width > 100 && s.getBoundingClientRect().height > 100).length,
  loaded: performance.getEntriesByType('resource').map(r => r.name)
          .filter(n => !n.startsWith('data:') && !n.startsWith('file:')),
  wide: [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                       && !e.closest('table, .jp-RenderedHTML, .jp-RenderedText, .jp-RenderedMarkdown, pre'))
          .slice(0, 5).map(e => e.tagName + '.' + e.className),
};
"""


def _program(variable: str, debian_path: str, name: str) -> str | None:
    chosen = os.environ.get(variable)
    if chosen:
        return chosen if Path(chosen).is_file() else None
    if Path(debian_path).is_file():
        return debian_path
    return shutil.which(name)


@pytest.fixture(scope="module")
def browser():
    chromium = _program("ISIPO_CHROMIUM", "/usr/bin/chromium", "chromium")
    driver_path = _program("ISIPO_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver")
    missing = [n for n, p in (("Chromium", chromium), ("ChromeDriver", driver_path)) if not p]
    if missing:
        pytest.fail(f"the browser tests need Chromium and ChromeDriver; not found: {' and '.join(missing)}. To fix: {INSTALL_HINT}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="isipo-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size=1280,{HEIGHT}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    except Exception as exc:  # noqa: BLE001 - say what to do, whatever went wrong
        pytest.fail(f"Chromium would not start under ChromeDriver ({type(exc).__name__}: {str(exc).strip()[:300]}); {INSTALL_HINT}")
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report_dir(report_builds) -> Path:
    return check_built(report_builds, "A")


def _pages(folder: Path) -> list[Path]:
    """Every page of both editions: the English ones, then their Persian twins in ``fa/``."""
    english = [folder / "index.html", folder / "sources.html", folder / "glossary.html", *sorted(folder.glob("[0-9][0-9]-*.html"))]
    return [*english, *(folder / "fa" / p.name for p in english)]


@pytest.mark.slow
def test_every_page_opens_cleanly_at_1280_and_400_px(browser, report_dir):
    pages = _pages(report_dir)
    assert len(pages) >= 3 and all(p.is_file() for p in pages), [p.name for p in pages]
    problems, checked_images = [], 0
    for width in WIDTHS:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        for page in pages:
            browser.get_log("browser")  # drop what an earlier page logged
            browser.get(page.as_uri())
            state = browser.execute_script(PAGE_STATE)
            where = f"{page.name} at {width} px"
            assert state["innerWidth"] == width, f"{where}: the window is {state['innerWidth']} px wide"
            errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
            problems += [f"{where}: console error: {m[:200]}" for m in errors]
            problems += [f"{where}: broken image: {b}" for b in state["broken"]]
            problems += [f"{where}: loaded from elsewhere: {n[:120]}" for n in state["loaded"]]
            if state["scrollWidth"] > state["innerWidth"]:
                problems.append(f"{where}: {state['scrollWidth']} px wide, wider than the window; "
                                f"too wide: {state['wide']}")
            checked_images += state["images"]
    assert problems == []
    assert checked_images > 0, "no page showed an image or a chart drawing, so broken images went unchecked"


FIRST_SCREEN = """
const top = sel => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().top : null; };
return {answer: top('.answer'), chart: top('.evidence figure svg'), contradiction: top('.findings-box li')};
"""


@pytest.mark.slow
def test_the_front_page_answers_on_the_first_screen(browser, report_dir):
    """At 1280 x 900 px, before any scrolling: an answer, the headline chart and the first contradiction."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1280, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    browser.get((report_dir / "index.html").as_uri())
    tops = browser.execute_script(FIRST_SCREEN)
    assert all(t is not None for t in tops.values()), tops
    assert all(0 <= t < HEIGHT - 40 for t in tops.values()), tops


@pytest.mark.slow
def test_the_checks_catch_a_broken_page(browser, tmp_path):
    """The same checks on a page built to fail them: a console error, a broken image, a wide block."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><meta name="viewport" content="width=device-width">'
        '<img src="missing.png" alt="x"><div style="width:900px">wide</div>'
        '<script>console.error("boom")</script>', encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 400, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    browser.get_log("browser")
    browser.get(bad.as_uri())
    state = browser.execute_script(PAGE_STATE)
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert any("boom" in m for m in errors)
    assert state["broken"] == ["x"]
    assert state["scrollWidth"] > state["innerWidth"] == 400


# --- JupyterLab: opening a committed notebook leaves it unmodified --------------------------------

LAB_STATE = """
const tab = [...document.querySelectorAll('.lm-TabBar-tab')].find(t => t.innerText.includes(arguments[0]));
const status = document.querySelector('.jp-mod-current .jp-Notebook-ExecutionIndicator, .jp-Notebook-ExecutionIndicator');
return {tab: tab ? tab.className : null, kernel: status ? status.getAttribute('data-status') : null};
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_dirty(browser, port: int, token: str, name: str) -> bool:
    """Open ``name`` in JupyterLab, wait until its kernel is idle and Lab has taken its info in; dirty?"""
    import time

    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.get(f"http://127.0.0.1:{port}/lab/tree/{name}?token={token}")
    deadline = time.monotonic() + 90
    state = {}
    while time.monotonic() < deadline:
        state = browser.execute_script(LAB_STATE, name)
        if state["tab"] is not None and state["kernel"] == "idle":
            break
        time.sleep(0.5)
    else:
        raise AssertionError(f"JupyterLab did not open {name} with an idle kernel: {state}")
    time.sleep(3)  # Lab writes the kernel's spec and language_info into the model once it has them
    return "jp-mod-dirty" in browser.execute_script(LAB_STATE, name)["tab"]


@pytest.mark.slow
def test_jupyterlab_does_not_mark_a_committed_notebook_modified(browser, tmp_path):
    import json
    import subprocess
    import sys
    import time
    import urllib.request

    from analysis import execute

    committed = execute.notebook_paths()[-1]
    shutil.copy(committed, tmp_path / committed.name)
    control = json.loads(committed.read_text(encoding="utf-8"))
    control["metadata"]["kernelspec"]["display_name"] = "Python 3"  # as the notebooks were before
    (tmp_path / "control.ipynb").write_text(json.dumps(control), encoding="utf-8")
    port, token = _free_port(), "isipo-test"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / ".config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / ".runtime")}
    lab = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--ServerApp.token={token}",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={tmp_path}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert lab.poll() is None and time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.3)
        assert not _lab_dirty(browser, port, token, committed.name), f"JupyterLab marks {committed.name} modified on opening it"
        assert _lab_dirty(browser, port, token, "control.ipynb"), "the check cannot see a notebook Lab changes"
    finally:
        lab.terminate()
        lab.wait(timeout=30)
    assert (tmp_path / committed.name).read_bytes() == committed.read_bytes()
