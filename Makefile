# MicroShort: `make run` starts the app with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
TOOLS_BIN := $(CURDIR)/.tools/node_modules/.bin
AXE_VERSION := 4.11.1
AXE := $(CURDIR)/.tools/node_modules/axe-core/axe.min.js
export PATH := $(TOOLS_BIN):$(CURDIR)/$(VENV)/bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export NPM_CONFIG_REGISTRY ?= $(shell npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)

.PHONY: setup run test lint format test-fast demo migrate stop-db clean system-deps

setup: $(VENV)/.installed $(TOOLS_BIN)/bun $(AXE)

# The Python environment, rebuilt when the lock changes.
$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock \
		2> >(grep -v "is ignored: it is neither" >&2)
	touch $@

# bun from the npm registry (Reflex's own bun download does not work offline).
$(TOOLS_BIN)/bun:
	@command -v npm >/dev/null || { echo "npm is required to install bun"; exit 1; }
	npm install --silent --no-fund --no-audit --prefix .tools bun
	@test -x $@

# axe-core for the accessibility e2e test (tests/e2e/test_accessibility_e2e.py).
$(AXE):
	npm install --silent --no-fund --no-audit --prefix .tools axe-core@$(AXE_VERSION)
	@test -f $@

# Chromium and ffmpeg for the tests (Debian packages; needs root or sudo).
system-deps:
	@./scripts/system-deps

run: setup
	@./scripts/system-deps ffmpeg
	$(PY) -m microshort run

demo: setup
	$(PY) -m microshort.demo

migrate: setup
	$(PY) -m microshort migrate

stop-db: setup
	$(PY) -m microshort stop-db

lint: setup
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: setup system-deps lint
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not e2e"

clean:
	rm -rf .web .states .pytest_cache .mypy_cache .ruff_cache
