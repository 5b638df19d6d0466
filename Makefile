# Two commands on a fresh machine: `make demo` runs the main job on a bundled example
# (validate it, then simulate a week of it and print the KPI table),
# `make test` runs the whole suite (ruff, mypy --strict, pytest). Both create .venv and
# install from the lock file, constraints.txt (pip constraints; see requirements/README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := constraints.txt
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-build-isolation
DEMO   ?= examples/growing/department.yaml
DEMO_WORKLOAD ?= $(dir $(DEMO))workload.yaml

.PHONY: demo test lint typecheck pytest test-min bench schema docs lock clean graphviz chromium lsp mermaid

# The installers first (pinned too), then the package with the lock as constraints: every
# version comes from the lock, and the editable build uses the pinned setuptools.
$(VENV)/.base: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) pip setuptools
	$(PIP) -c $(LOCK) -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PIP) -c $(LOCK) -e '.[dev]'
	touch $@

graphviz:
	@sh scripts/ensure-graphviz.sh

# the report's browser tests drive a Chromium (tests/browser.py)
chromium:
	@sh scripts/ensure-chromium.sh

demo: $(VENV)/.base graphviz
	$(BIN)/cskh-org validate $(DEMO)
	$(BIN)/cskh-org simulate $(DEMO) --workload $(DEMO_WORKLOAD) --lang en

lint: $(VENV)/.dev
	$(BIN)/ruff check cskh_org tests benchmarks examples docs fuzz scripts
	$(BIN)/ruff format --check cskh_org tests benchmarks examples docs fuzz scripts
	$(BIN)/lint-imports

typecheck: $(VENV)/.dev
	$(BIN)/mypy

# the real yaml-language-server for tests/lsp, installed from its lock
LSP_DIR := tests/lsp
$(LSP_DIR)/node_modules/.installed: $(LSP_DIR)/package-lock.json
	npm ci --prefix $(LSP_DIR) --no-audit --no-fund --loglevel=error
	touch $@

lsp: $(LSP_DIR)/node_modules/.installed

# the real Mermaid parser (mermaid + jsdom) for tests/mermaid, installed from its lock
MERMAID_DIR := tests/mermaid
$(MERMAID_DIR)/node_modules/.installed: $(MERMAID_DIR)/package-lock.json
	npm ci --prefix $(MERMAID_DIR) --no-audit --no-fund --loglevel=error
	touch $@

mermaid: $(MERMAID_DIR)/node_modules/.installed

# pytest runs on every core (pytest-xdist, `-n auto` in pyproject.toml; `-n0` for one process).
# HYPOTHESIS_PROFILE=thorough for a long property run; CI=1 selects the derandomised `ci` one.
pytest: $(VENV)/.dev graphviz chromium lsp mermaid
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

# The suite on the lowest supported runtime dependencies (requirements/minimum.txt), the
# test tools from the lock.
MIN_VENV := .venv-min
$(MIN_VENV)/.done: pyproject.toml $(LOCK) requirements/minimum.txt
	rm -rf $(MIN_VENV)
	$(PYTHON) -m venv $(MIN_VENV)
	$(PYTHON) scripts/minimum_constraints.py write $(LOCK) requirements/minimum.txt \
	  $(MIN_VENV)/constraints.txt
	$(MIN_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	  -c $(MIN_VENV)/constraints.txt pip setuptools
	$(MIN_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	  --no-build-isolation -c $(MIN_VENV)/constraints.txt -e '.[dev]'
	touch $@

test-min: $(MIN_VENV)/.done graphviz lsp mermaid
	$(MIN_VENV)/bin/python scripts/minimum_constraints.py check requirements/minimum.txt
	$(MIN_VENV)/bin/python -m pytest -q

bench: $(VENV)/.dev
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

# Generated files: the format and findings reference and the JSON Schemas, from the models.
docs schema: $(VENV)/.base
	$(BIN)/python -m cskh_org.reference

lock:
	uv pip compile --quiet --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	  --extra dev --annotation-style line \
	  -o $(LOCK) pyproject.toml requirements/tools.in

clean:
	rm -rf $(VENV) $(MIN_VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis $(LSP_DIR)/node_modules
