# Dev tasks. `make serve` and `make test` set everything up on a fresh machine first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHAINLP_DATA := $(CURDIR)/.cache/pythainlp

.PHONY: setup setup-site serve build check test lint format bench mutate clean

setup: $(VENV)/.installed node_modules/axe-core/axe.min.js

# Serving needs only the site's dependencies; the test and machine-translation extras (hundreds of
# MB) come with `make test`. pip shows its progress: a first install takes a few minutes.
$(VENV)/.installed-site: pyproject.toml scripts/quiet-mkdocs.pth
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install -e .
	@# Plain `mkdocs serve` in this venv without the two end-of-life banners (see the file).
	cp scripts/quiet-mkdocs.pth "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/"
	touch $@

$(VENV)/.installed: $(VENV)/.installed-site
	$(BIN)/pip install -e '.[mt,test]'
	touch $@

# axe-core (pinned in package-lock.json) for the accessibility tests in Chromium.
node_modules/axe-core/axe.min.js: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility tests need it (sudo apt-get install npm)" >&2; fi

setup-site: $(VENV)/.installed-site

serve: setup-site  ## build the site and serve it on http://127.0.0.1:8000
	$(BIN)/handbook build --serve

build: setup-site  ## build the site into site/
	$(BIN)/handbook build

check: setup-site  ## structure, links, anchors and translation QA (handbook check)
	$(BIN)/handbook check

test: setup  ## run the whole test suite
	$(BIN)/pytest -q

lint: setup  ## ruff lint and format check
	$(BIN)/ruff check scripts tests bench
	$(BIN)/ruff format --check scripts tests bench

format: setup
	$(BIN)/ruff format scripts tests bench
	$(BIN)/ruff check --fix scripts tests bench

# Every benchmark runs. The speed ones (ingest, sync, site, mt) and search relevance (builds the
# site, Chromium; adds a run labelled "make bench" beside the earlier ones) each write their own
# section of bench/RESULTS.md (figures and verdicts of that run only). Ingest quality only PRINTS
# the tuning set's figures: its section is written by hand (issue 12's dated runs, held-out sets
# measured once each), and `bench/ingest_quality.py --record` would replace it.
# `make bench BENCH_ARGS=--no-record` prints every section and leaves bench/RESULTS.md alone.
BENCH_ARGS ?=
RECORDING := $(if $(filter --no-record,$(BENCH_ARGS)),,yes)
bench: setup  ## run every benchmark in bench/ (speed, ingest quality, search relevance); all but ingest quality record their section of bench/RESULTS.md
	@for script in bench/ingest.py bench/sync.py bench/site.py bench/mt.py; do \
		echo "== $$script"; $(BIN)/python $$script $(BENCH_ARGS) || exit 1; done
	@echo "== bench/ingest_quality.py"
	$(BIN)/python bench/ingest_quality.py --set tuning
	@echo "== bench/search_relevance.py"
	$(BIN)/python bench/search_relevance.py $(if $(RECORDING),--record "make bench")

# Mutation testing of the invariant-carrying modules (bench/mutate.py; not CI): one module per core
# at a time, each in its own copy of the checkout. `make mutate MUTATE="render merge"` for some;
# results to record by hand in bench/MUTATION.md.
MUTATE ?=
mutate: setup  ## cosmic-ray over the sync merge, escaping, memory, search, links, ingest rules, Argos
	$(BIN)/python bench/mutate.py --jobs 2 $(MUTATE)

clean:
	rm -rf site .site-build-* .pytest_cache .ruff_cache
