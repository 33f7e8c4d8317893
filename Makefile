# Every target creates .venv and installs the pinned packages it needs, so a fresh clone needs
# nothing but Python 3.11 and make.

VENV      := .venv
BIN       := $(VENV)/bin
PYTHON    ?= python3
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench bench-instructions bench-scaling offline clean

serve: $(VENV)/.runtime  ## Serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.runtime  ## Build the static site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

check: $(VENV)/.dev  ## The fast loop while editing notes or hooks: lint, unit tests, one strict build and the checks that read it
	$(BIN)/ruff check hooks tests tools
	$(BIN)/python -m pytest -q -m "not browser and not own_builds and not measures"

# Two pytest-xdist workers, one per core of these machines; each builds the site once. A test file
# goes whole to one worker (its module fixtures are made once), the longest files first.
test: $(VENV)/.dev chromium  ## Run the whole test suite: lint, then every test (the browser ones in Chromium)
	$(BIN)/ruff check hooks tests tools
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

offline: $(VENV)/.runtime  ## Build the site for file:// (search included) into build/offline-site.zip
	rm -rf build/offline-site
	$(BIN)/python tools/offline.py build/offline-site build/offline-site.zip

bench: $(VENV)/.runtime  ## Print what the knowledge layer costs: build time with / without it
	$(BIN)/python tools/benchmark.py

bench-instructions: $(VENV)/.runtime  ## The same, plus instruction counts (valgrind; steady, ~4 min)
	$(BIN)/python tools/benchmark.py --instructions

bench-scaling: $(VENV)/.runtime  ## What each KB of notes costs as pages multiply and lines grow
	$(BIN)/python tools/bench_scaling.py

clean:
	rm -rf site build .pytest_cache

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Browser tests drive Debian's Chromium (a Playwright browser download does not work here).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests will fail)"; \
	  fi; \
	fi
.PHONY: chromium
