# The two commands a newcomer needs: `make run` and `make test`. Everything else is a prerequisite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
APT_OK := $(shell [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && echo yes)

.PHONY: run test build assets system-packages lint bench clean

run: $(STAMPS)/requirements assets data/events.sqlite
	$(BIN)/streamlit run app.py

test: $(STAMPS)/requirements-dev assets system-packages
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

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

# Debian's packages the tests use: Chromium (browser tests), PostgreSQL (store tests; the tests start
# a throwaway server) and poppler-utils (reading the PDF brief). Never a browser download.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$(APT_OK)" = yes ]; then echo "installing Debian packages:$$missing"; \
		(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "WARNING: missing$$missing and cannot install them here: the tests that need them will skip"; fi

# The dashboard benchmarks (SYNTHETIC data); the others are in bench/README.md.
bench: $(STAMPS)/requirements-dev assets system-packages
	$(BIN)/python -m bench

lint: $(STAMPS)/requirements-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(STAMPS) node_modules static/vendor data/events.sqlite* data/events.csv
