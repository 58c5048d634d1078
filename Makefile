# The two commands a newcomer needs: `make run` and `make test`. Everything else is a prerequisite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
APT_OK := $(shell [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && echo yes)

.PHONY: run test build assets chromium postgresql lint bench clean

run: $(STAMPS)/requirements assets data/events.sqlite
	$(BIN)/streamlit run app.py

test: $(STAMPS)/requirements-dev assets chromium postgresql
	$(BIN)/python -m pytest -q

build: $(STAMPS)/requirements
	$(BIN)/python -m core build

data/events.sqlite: | $(STAMPS)/requirements
	$(BIN)/python -m core build

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMPS)/requirements: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/requirements-dev: requirements-dev.txt $(STAMPS)/requirements
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@

# Leaflet and its plugins, served by Streamlit from static/vendor so maps work offline.
assets: $(STAMPS)/requirements
	@$(BIN)/python -m core assets

# Debian's Chromium for the browser tests (never a browser download).
chromium:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$(APT_OK)" = yes ]; then (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "WARNING: chromium is missing and cannot be installed here: browser tests will skip"; fi

# Debian's PostgreSQL server binaries for the store tests; the tests start a throwaway server.
postgresql:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$(APT_OK)" = yes ]; then (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "WARNING: PostgreSQL is missing and cannot be installed here: PostgreSQL store tests will skip"; fi

lint: $(STAMPS)/requirements-dev
	$(BIN)/ruff check .

bench: $(STAMPS)/requirements-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(STAMPS) node_modules static/vendor data/events.sqlite* data/events.csv
