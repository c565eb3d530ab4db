# Two commands a newcomer needs: `make run` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development relaxes the production-safe defaults of cgt_event/settings.py.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: install messages run test lint fmt check-migrations clean bench bench-registration bench-checkin

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml package.json package-lock.json | $(BIN)/python
	$(BIN)/pip install --quiet --editable '.[dev]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

# The translations: .po catalogues are committed, their compiled .mo files are built here.
messages: install
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

run: messages
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py seed
	$(DEV_ENV) $(BIN)/python manage.py ensure_superuser
	$(DEV_ENV) $(BIN)/honcho start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: install
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

test: lint check-migrations messages
	$(DEV_ENV) $(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles
	find locale -name '*.mo' -delete

# Benchmarks, not tests: the public pages against a static file at 1x and 50x data, page cache
# off and on (after messages, so Korean pages carry the Korean interface), then the
# registrations below. BENCH_SKIP_REGISTRATION=1 runs the pages alone.
bench: messages
	$(BIN)/python bench/pages.py
	if [ "$(BENCH_SKIP_REGISTRATION)" != 1 ]; then $(BIN)/python bench/registration.py; fi

# A benchmark, not a test: concurrent registrations against gunicorn on SQLite and PostgreSQL.
bench-registration: install
	$(BIN)/python bench/registration.py

# A benchmark, not a test: the check-in desk's search at 5,000 registrations.
bench-checkin: install
	$(BIN)/python bench/checkin_search.py
