# Two commands on a fresh machine: `make demo` runs the main job on a bundled example
# (validate it, then simulate a week of it and print the KPI table),
# `make test` runs the whole suite (ruff, mypy --strict, pytest). Both create .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   ?= examples/growing/department.yaml
DEMO_WORKLOAD ?= $(dir $(DEMO))workload.yaml

.PHONY: demo test lint typecheck pytest bench schema docs clean graphviz

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

graphviz:
	@sh scripts/ensure-graphviz.sh

demo: $(VENV)/.base graphviz
	$(BIN)/cskh-org validate $(DEMO)
	$(BIN)/cskh-org simulate $(DEMO) --workload $(DEMO_WORKLOAD) --lang en

lint: $(VENV)/.dev
	$(BIN)/ruff check cskh_org tests benchmarks examples docs
	$(BIN)/ruff format --check cskh_org tests benchmarks examples docs

typecheck: $(VENV)/.dev
	$(BIN)/mypy

# pytest runs on every core (pytest-xdist, `-n auto` in pyproject.toml; `-n0` for one process).
# HYPOTHESIS_PROFILE=thorough for a long property run; CI=1 selects the derandomised `ci` one.
pytest: $(VENV)/.dev graphviz
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

bench: $(VENV)/.dev
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
