# Civic: the two commands of the README are `make run` and `make test`.
# The other targets are steps they share.

# The first Python 3.11+ found on the PATH (override: make run PYTHON=/path/to/python3).
ifeq ($(origin PYTHON), undefined)
PYTHON := $(or $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; \
	done),python3)
endif
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST := 127.0.0.1:8000
# `make test` runs pytest in this many processes (pytest-xdist), each with its own test
# database (`test_civic_gw0`, ...), browser and media folder: 2 matches CI's two cores.
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2

# Dummy values that make the production settings load for `check --deploy` (never used to serve).
DEPLOY_CHECK_ENV := \
	DJANGO_SECRET_KEY=deploy-check-only-5f0c2b8e9a7d4c1b8e6f3a2d9c7b5e1f0a4d8c2b6e9f3a7d \
	DJANGO_ALLOWED_HOSTS=civic.example.org \
	WAGTAILADMIN_BASE_URL=https://civic.example.org

.PHONY: run test bench python-version

# The .mo files are committed; recompile them when gettext's msgfmt is available.
COMPILE_MESSAGES = @if [ -z "$$(find . -path ./$(VENV) -prune -o -name '*.po' -print -quit)" ]; then \
		true; \
	elif command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --ignore=$(VENV) --ignore=node_modules --ignore=staticfiles --verbosity 0; \
	else \
		echo "msgfmt not found (Debian package gettext): using the committed .mo files."; \
	fi

## make run: install, migrate the SQLite database, load the Ingeville demo, serve it
## (DEBUG off: the site's own 404/500 pages, as in production; see civic/settings/dev.py).
run: $(VENV)/.installed
	$(COMPILE_MESSAGES)
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@echo "Civic tourne sur http://$(HOST)/ (administration : http://$(HOST)/admin/). Ctrl+C pour arrêter."
	CIVIC_DEBUG=0 $(MANAGE) runserver $(HOST)

## make test: lint, Django checks, then the whole pytest suite (PostgreSQL if DATABASE_URL is set).
test: $(VENV)/.installed-dev
	$(COMPILE_MESSAGES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING --settings=civic.settings.production
	$(BIN)/pytest -n $(TEST_WORKERS)

## make bench (not part of make test): the tally, page and ballot benchmarks, then one table of
## their results against the targets. Pages and ballots need PostgreSQL and Redis on 127.0.0.1
## (BENCH_PG, BENCH_REDIS), analytics PostgreSQL; their databases are seeded on the first run
## (pages about 5 min, ballots 20, analytics under a minute: SQL generate_series),
## then kept. Each benchmark stops by itself: a few minutes in all once seeded.
BENCH_SUMMARY := $(or $(TMPDIR),/tmp)/civic-bench-summary.jsonl
BENCH_FAILED := $(BIN)/python tests/benchmarks/_summary.py $(BENCH_SUMMARY) --failed
bench: $(VENV)/.installed-dev
	@rm -f $(BENCH_SUMMARY)
	CIVIC_BENCH_SUMMARY=$(BENCH_SUMMARY) $(BIN)/python tests/benchmarks/bench_pb_tally.py \
		--files Poland_Warszawa_2026.pb --repeat 1 || $(BENCH_FAILED) tally
	CIVIC_BENCH_SUMMARY=$(BENCH_SUMMARY) $(BIN)/python tests/benchmarks/bench_pages.py \
		|| $(BENCH_FAILED) pages
	CIVIC_BENCH_SUMMARY=$(BENCH_SUMMARY) $(BIN)/python tests/benchmarks/bench_ballots.py \
		|| $(BENCH_FAILED) ballots
	CIVIC_BENCH_SUMMARY=$(BENCH_SUMMARY) $(BIN)/python tests/benchmarks/bench_analytics.py \
		|| $(BENCH_FAILED) analytics
	$(BIN)/python tests/benchmarks/_summary.py $(BENCH_SUMMARY)

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
		echo "Civic needs Python 3.11 or newer, and '$(PYTHON)' is: $$(command -v $(PYTHON) >/dev/null && $(PYTHON) --version 2>&1 || echo 'not found')." >&2; \
		echo "Install Python 3.11+ and run, for example: make run PYTHON=python3.12" >&2; \
		exit 1; }

$(BIN)/python:
	@$(MAKE) --no-print-directory python-version PYTHON=$(PYTHON)
	$(PYTHON) -m venv $(VENV) || { \
		echo "Could not create $(VENV): on Debian/Ubuntu install the python3-venv package." >&2; \
		rm -rf $(VENV); exit 1; }

# Re-install only when pyproject.toml changed (the stamp files are older than it).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@ $(VENV)/.installed

