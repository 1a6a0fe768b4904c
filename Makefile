# Two commands set up and use this project on a fresh Debian machine with Python 3.11:
#   make run    installs what the dashboard needs, then serves it on http://localhost:8501
#   make test   installs what the tests need, then runs ruff and the whole test suite
# In production, `make serve WORKERS=N` runs N dashboard workers behind HAProxy (see the README).
# Everything is installed by these targets: the virtual environment, the pinned pip packages,
# the Debian packages (Chromium for browser tests and chart export, Noto fonts for Arabic and Chinese,
# poppler-utils, PostgreSQL for the edition store's tests, HAProxy for the multi-worker mode), and, for the
# tests, axe-core from npm.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEBIAN_PACKAGES := chromium fonts-noto-core fonts-noto-cjk poppler-utils postgresql haproxy
# Workers of `make serve`: one per core unless told otherwise.
WORKERS ?= $(shell nproc)
AXE := node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test lint system-deps data benchmark

# axe-core for the accessibility tests, from the npm registry at the version locked in package-lock.json.
$(AXE): package.json package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

run: $(STAMP) system-deps
	$(PY) -m ui.server

serve: $(STAMP) system-deps
	$(PY) -m ui.workers --workers $(WORKERS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(STAMP) system-deps $(AXE) lint
	$(PY) -m pytest -n 2

data: $(STAMP)
	$(PY) -m wsis_data.build --sources ../shared/data

benchmark: $(STAMP) system-deps
	$(PY) benchmarks/analytics_benchmark.py
