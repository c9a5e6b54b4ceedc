# Two commands on a fresh machine:
#   make serve   start the service on http://127.0.0.1:8000 (in-process cache, no Redis needed)
#   make test    lint, type-check and run every test (a Redis test server is started by the tests)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

EXTRAS_STAMP := $(VENV)/.installed-extras

.PHONY: serve test lint eval install clean deploy-check bench bench-smoke prerequisites

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The extra tools for deploy-check and the benchmark (hadolint, kubernetes-validate, textacy).
$(EXTRAS_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,deploy-check,bench]"
	touch $(EXTRAS_STAMP)

serve: $(STAMP)
	$(BIN)/quotes serve

lint: $(STAMP)
	$(BIN)/ruff check service tests bench deploy fitting
	$(BIN)/ruff format --check service tests bench deploy fitting
	$(BIN)/mypy

# What the tests need beside Python, said in one line before anything runs.
prerequisites:
	@missing=""; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "make test needs$$missing: apt-get install -y$$missing (redis for the cache tests, Chromium for the page tests)" >&2; \
	  exit 1; \
	fi

test: prerequisites lint
	$(BIN)/pytest

# Static checks of the deployment files with the real tools (no Docker engine needed).
# docker-compose is Debian's package: apt-get install -y docker-compose
deploy-check: $(EXTRAS_STAMP)
	$(BIN)/hadolint deploy/Dockerfile
	docker-compose --file docker-compose.yml config --quiet
	$(BIN)/python deploy/validate_k8s.py deploy/k8s deploy/k8s/backfill

# Throughput, latency and memory against the spaCy floor and textacy, hostile inputs, overload
# and Redis failures (about 25 minutes).
bench: $(EXTRAS_STAMP)
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.worst_case --out bench/results/worst-case.json
	$(BIN)/python -m bench.overload --out bench/results/overload.json
	$(BIN)/python -m bench.backfill --count 20 --chars 40000
	$(BIN)/python -m bench.limits

# The same with a handful of documents: checks that every part of the benchmark works.
bench-smoke: $(EXTRAS_STAMP)
	$(BIN)/python -m bench.run --smoke
	$(BIN)/python -m bench.worst_case --smoke
	$(BIN)/python -m bench.worst_case --smoke --indirect
	$(BIN)/python -m bench.indirect --limit 6 --repeat 1
	$(BIN)/python -m bench.overload --smoke
	$(BIN)/python -m bench.backfill --count 3 --chars 5000
	$(BIN)/python -m bench.limits --smoke

# Accuracy on the PolNeAR dev set (needs ../shared/eval beside the checkout).
eval: $(STAMP)
	../shared/eval/run-dev.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
