# The everyday commands. README's two: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The public address (settings SITE_URL) that e-mails, feeds and the sitemap link to: the port
# `make run` serves on, unless the caller set SITE_URL. migrate points the Wagtail Site at it.
# Only for these targets: the tests choose their own address.
run demo migrate: export SITE_URL ?= http://127.0.0.1:$(PORT)
# make test measures the apps' coverage (pytest-cov, settings in pyproject.toml) and fails below
# the floor. Only on SQLite (DATABASE_URL unset): CI runs the suite twice, and once is enough.
COVERAGE ?= $(if $(DATABASE_URL),,--cov --cov-report=term)
# Development settings unless the caller chose others; the tests always use their own.
export DJANGO_SETTINGS_MODULE ?= vakgenoten.settings.dev

.PHONY: run test test-browser test-fast install install-test chromium htmlcheck nginx migrate demo lint format messages clean security audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium htmlcheck nginx

## Debian's Chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@bash scripts/ensure-chromium.sh

## Java and the W3C Nu HTML checker (pinned vnu.jar in .venv/vnu/) for the HTML validity test.
htmlcheck:
	@bash scripts/ensure-java.sh
	@bash scripts/ensure-vnu.sh $(VENV)/vnu

## Debian's nginx for the deployment tests (tests/deploy: nginx -t on deploy/nginx).
nginx:
	@bash scripts/ensure-nginx.sh

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_accounts

## Set everything up, load demo content and serve the site on http://127.0.0.1:$(PORT)/
run: demo
	@echo "Vakgenoten draait op http://127.0.0.1:$(PORT)/  (stoppen: Ctrl+C)"
	@# The task worker sends e-mail (to the console here) and runs what the scheduler enqueues
	@# (scheduled publishing, reminders, clean-up) next to the web server.
	$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	$(BIN)/python manage.py scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	@# The layers (pyproject.toml [tool.importlinter]): no app imports one above it.
	$(BIN)/lint-imports --no-cache

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

## Static security scan (bandit) of the apps; findings are fixed or justified inline (# nosec).
security: install-test
	$(BIN)/bandit -c pyproject.toml -r site taxonomy members comments blog events contact questions home -q

## Audit the installed dependencies for known vulnerabilities (needs PyPI's vulnerability data).
audit: install-test
	$(BIN)/pip-audit --strict --skip-editable --timeout 15

## Lint, check for missing migrations and run the whole test suite, measuring coverage of the
## apps: below the floor ([tool.coverage.report] fail_under in pyproject.toml) the run fails.
test: install-test lint security
	@$(BIN)/python scripts/audit_if_reachable.py
	DJANGO_SETTINGS_MODULE=vakgenoten.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=vakgenoten.settings.test $(BIN)/pytest $(COVERAGE) --durations=25

## The browser tests alone, on SQLite, without lint (CI shares them out over its two lanes).
## BROWSER_COVERAGE: pytest-cov options, for CI's coverage measured in parts.
## BROWSER_TESTS: which of them (paths, or --ignore=path); all by default.
BROWSER_COVERAGE ?=
BROWSER_TESTS ?=
test-browser: install-test
	DJANGO_SETTINGS_MODULE=vakgenoten.settings.test $(BIN)/pytest -m browser $(BROWSER_COVERAGE) $(BROWSER_TESTS) --durations=10

## While working: lint and every test except the browser tests, without coverage.
test-fast: install-test lint
	DJANGO_SETTINGS_MODULE=vakgenoten.settings.test $(BIN)/pytest -m "not browser"

## The production shape on this machine, used only through nginx in Chromium and over HTTP:
## PostgreSQL, Redis, nginx, two gunicorn nodes, two workers, the scheduler, an SMTP sink.
.PHONY: stack-test
stack-test: install-test
	bash bench/stack/run

## Figures for the performance targets: gunicorn on a throw-away PostgreSQL database, wrk on
## loopback (installed from Debian when missing), every page type anonymous and signed in, warm
## and cold, at 10,000 and 100,000 articles (20,000 members, 5,000 events; bench/performance.py,
## about 40 minutes). bench-quick: the same at 100 and 10,000 articles, for everyday use.
.PHONY: bench bench-quick
bench: install
	$(BIN)/python bench/performance.py

bench-quick: install
	$(BIN)/python bench/performance.py --quick

## After make bench, on its database: a congress opening its registration to 2,000 members at
## once, and a digest clicked by 2,000 members (bench/peaks.py; figures for bench/SCALING.md).
.PHONY: bench-peaks
bench-peaks: install
	$(BIN)/python bench/peaks.py

## What a browser fetches and sees on a first visit of every public page type (bench/frontend.py):
## the production build (collectstatic, gunicorn, a throw-away SQLite database with the demo) in
## Debian's Chromium at 390 and 1280 px (requests, stylesheets, bytes on the wire, LCP, CLS), and
## Lighthouse 12.2.3 (npm, into bench/.node) on home, article, knowledge base and event page.
## Targets printed beside the figures: performance >= 98, accessibility, best practices and SEO
## 100, LCP <= 1.2 s, <= 10 requests and <= 100 KB, one stylesheet, CLS 0.00. Reports, never fails.
.PHONY: bench-frontend
bench-frontend: $(VENV)/.installed-test chromium
	$(BIN)/python bench/frontend.py

## One weekly digest run for 20,000 members on a throw-away PostgreSQL database (bench/digest.py):
## members considered, e-mails queued, seconds, queries; then the same run again (queues nothing).
.PHONY: bench-digest
bench-digest: install
	$(BIN)/python bench/digest.py

## Load, a PostgreSQL restart and a mail outage against a throw-away cluster (bench/resilience).
.PHONY: resilience
resilience: install
	bash bench/resilience/run

# From the project root, so the catalogue lands in locale/ (LOCALE_PATHS). The compiled .mo is
# committed as well: a fresh machine needs no gettext tools to show the English interface.
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'tests/*' \
		--ignore 'bench/*' --ignore '*/migrations/*' --ignore 'staticfiles/*' --ignore 'media/*' \
		--ignore 'var/*'
	@# locale/nl holds only hand-written Dutch for library strings (see its header): compiled, not extracted.
	$(BIN)/python manage.py compilemessages -l en -l nl --ignore '.venv'

clean:
	rm -rf $(VENV) staticfiles var
