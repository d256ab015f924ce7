# Dev tasks. `make serve` and `make test` set everything up on a fresh machine first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHAINLP_DATA := $(CURDIR)/.cache/pythainlp

.PHONY: setup serve build check test lint format bench clean

setup: $(VENV)/.installed node_modules/axe-core/axe.min.js

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[mt,test]'
	touch $@

# axe-core (pinned in package-lock.json) for the accessibility tests in Chromium.
node_modules/axe-core/axe.min.js: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility tests need it (sudo apt-get install npm)" >&2; fi

serve: setup  ## build the site and serve it on http://127.0.0.1:8000
	$(BIN)/handbook build --serve

build: setup  ## build the site into site/
	$(BIN)/handbook build

check: setup  ## structure, links, anchors and translation QA (handbook check)
	$(BIN)/handbook check

test: setup  ## run the whole test suite
	$(BIN)/pytest -q

lint: setup  ## ruff lint and format check
	$(BIN)/ruff check scripts tests bench
	$(BIN)/ruff format --check scripts tests bench

format: setup
	$(BIN)/ruff format scripts tests bench
	$(BIN)/ruff check --fix scripts tests bench

bench: setup  ## run every benchmark in bench/ (results go to bench/RESULTS.md by hand)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf site .site-build-* .pytest_cache .ruff_cache
