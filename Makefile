# Entry points for a fresh clone: `make demo`, `make test` and `make bench`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo sandbox test lint format bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,multi,bench]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/python manage.py demo --host $(HOST) --port $(PORT)

# The History API sandbox alone, for testing any VoIPstudio client against it.
sandbox: $(VENV)/.installed
	$(BIN)/python manage.py sandbox_serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed
	bash scripts/ensure-chromium
	bash scripts/ensure-axe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every speed figure beside its target, in one run of under ten minutes; written to
# bench/results/latest.json. `make bench BENCH_ARGS="--latency 0.1"` changes the injected latency.
bench: $(VENV)/.installed
	$(BIN)/python bench/suite.py $(BENCH_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
