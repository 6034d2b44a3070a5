# isipo-revival: the two commands a reader needs are `make report` and `make test`.
# Both set everything up themselves on a machine with Python >= 3.11 and the package index.

SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
# The stamp names how the environment was made: a change here re-syncs an existing one.
STAMP := $(VENV)/.synced-$(UV_VERSION)-bytecode
# What the environment's kernels report, so JupyterLab leaves committed notebooks unmodified (analysis.execute).
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.py

export UV_PYTHON_DOWNLOADS := never
# Trust the platform's certificate store too (machines behind a TLS-inspecting proxy add their CA there).
export UV_SYSTEM_CERTS := 1
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
# Installed packages are compiled to bytecode once, when installed. Python would otherwise compile pandas,
# matplotlib and IPython from source in every process that imports them wherever it may not write bytecode
# itself (PYTHONDONTWRITEBYTECODE, a read-only environment): about 3 s a process, in every kernel and test.
export UV_COMPILE_BYTECODE := 1
# An inline backend is needed for notebook figures; a forced Agg backend would hide them.
unexport MPLBACKEND

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg

.PHONY: help setup browser report test unit nbval notebooks lab bench check clean

help:
	@echo "make check      validate the ledger and show what it changes against the last commit (seconds, no kernel)"
	@echo "make report     execute every notebook and write the HTML report to build/report/"
	@echo "make test       unit tests, ledger checks and nbval over every notebook"
	@echo "make lab        open the notebooks in JupyterLab (opening one does not mark it modified)"
	@echo "make notebooks  re-execute the notebooks in place (after changing the library or the ledger)"
	@echo "make bench      time each stage at 1e3..1e6 figures (national and provincial shapes), make check, and make report / make test against their floors"

setup: $(STAMP) $(KERNEL_CONFIG)

# Stops with a plain message when $(PYTHON) is missing or older than 3.11. Run before every set-up
# step (also when .tools/ exists from an earlier machine or Python), never on an up-to-date .venv.
CHECK_PYTHON = @command -v $(PYTHON) >/dev/null 2>&1 || { echo "isipo-revival needs Python 3.11 or newer, but '$(PYTHON)' was not found. Install Python 3.11+ and run: make PYTHON=python3.11 ..." >&2; exit 1; }; \
	$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0) if v >= (3, 11) else sys.exit("isipo-revival needs Python 3.11 or newer; %s is %d.%d. Install Python 3.11+ and run: make PYTHON=python3.11 ..." % (sys.executable, v[0], v[1]))'

$(UV):
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(CHECK_PYTHON)
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

$(KERNEL_CONFIG): $(STAMP) src/analysis/execute.py
	$(PY) -m analysis.execute --install-kernel-config

# The browser tests (tests/test_browser.py) drive Debian's Chromium through its ChromeDriver. Installed
# here where that is possible (root on Debian); elsewhere the tests fail and name what to install.
# Tools that download a browser build of their own cannot reach one from here.
CHROMIUM_PACKAGES := chromium chromium-driver
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(CHROMIUM_PACKAGES)

browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's $(CHROMIUM_PACKAGES) for the browser tests"; \
		$(APT_INSTALL) >/dev/null 2>&1 || { apt-get update -q >/dev/null && $(APT_INSTALL) >/dev/null; } \
			|| echo "could not install $(CHROMIUM_PACKAGES); the browser tests will fail" >&2; \
	else \
		echo "the browser tests need Chromium and ChromeDriver: install Debian's $(CHROMIUM_PACKAGES) (or your system's chromium and chromedriver)" >&2; \
	fi

report: setup
	$(PY) -m analysis.report

test: setup browser
	$(PY) -m pytest -n 2 --dist loadfile $(NBVAL) tests notebooks

unit: setup
	$(PY) -m pytest -m "not slow" tests

nbval: setup
	$(PY) -m pytest $(NBVAL) notebooks

notebooks: setup
	$(PY) -m analysis.execute

# After appending rows to the ledger: does it load, and what does it change against HEAD (claims,
# estimates, findings, pages)? Starts no kernel and writes nothing but a temporary folder.
check: $(STAMP)
	$(PY) -m analysis.check

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(UV) run --locked jupyter lab $(LAB_FLAGS) notebooks/

bench: $(STAMP)
	$(PY) -m benchmarks.run

clean:
	rm -rf build $(VENV) $(TOOLS) .pytest_cache .hypothesis
