# Two commands on a fresh machine:
#   make serve   start the service on http://127.0.0.1:8000 (in-process cache, no Redis needed)
#   make test    lint, type-check and run every test (a Redis test server is started by the tests)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint eval install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/quotes serve

lint: $(STAMP)
	$(BIN)/ruff check service tests bench
	$(BIN)/ruff format --check service tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Accuracy on the PolNeAR dev set (needs ../shared/eval beside the checkout).
eval: $(STAMP)
	../shared/eval/run-dev.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
