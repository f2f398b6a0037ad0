# planner: `make run` serves the demo on the embedded SQLite; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
CATALOGS := $(patsubst %.po,%.mo,$(wildcard planner/translations/*/LC_MESSAGES/messages.po))

.PHONY: run sso-demo test bench lint format translations extract-messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

planner/translations/%/LC_MESSAGES/messages.mo: planner/translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d planner/translations -l $* -i $< -o $@ >/dev/null

translations: $(CATALOGS)

## The app on http://127.0.0.1:5000 with the demo (loaded the first time).
run: $(VENV)/.installed translations
	$(BIN)/flask --app planner db upgrade
	$(BIN)/flask --app planner demo
	$(BIN)/flask --app planner reminders send
	@echo "planner kör på http://$(HOST):$(PORT)/  (avsluta med Ctrl+C)"
	$(BIN)/flask --app planner run --host $(HOST) --port $(PORT)

## Single sign-on tried locally: a test OpenID provider (oidc-provider-mock) on
## http://127.0.0.1:9400 and the app with the demo set up to log in through it.
sso-demo: $(VENV)/.installed-test translations
	$(BIN)/flask --app planner db upgrade
	$(BIN)/flask --app planner demo
	$(BIN)/flask --app planner oidc-demo --host $(HOST) --port $(PORT)

## The whole suite, twice: on the embedded SQLite and on a throwaway PostgreSQL 15 cluster,
## each spread over the machine's cores by pytest-xdist (TEST_WORKERS=0: all in one process).
## Installs what the tests need from Debian (Chromium, PostgreSQL 15, poppler) when missing.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --dist worksteal
test: $(VENV)/.installed-test translations
	bash .ci/system-deps.sh
	$(BIN)/ruff check planner tests bench
	@echo "== Hela sviten på SQLite =="
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)
	@echo "== Hela sviten på PostgreSQL 15 =="
	.ci/with-postgres.sh $(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

## Timings over HTTP (gunicorn on loopback) on the national data set, SQLite then PostgreSQL 15,
## and 50 concurrent clients for 60 s on PostgreSQL. BENCH_SCALE=0.1 for a quick run.
BENCH_SCALE ?= 1
BENCH_ARGS ?=
bench: $(VENV)/.installed-bench translations
	bash .ci/system-deps.sh
	@echo "== SQLite =="
	$(BIN)/python -m bench.run --backend sqlite --scale $(BENCH_SCALE) $(BENCH_ARGS)
	@echo "== PostgreSQL 15 =="
	.ci/with-postgres.sh $(BIN)/python -m bench.run --backend postgresql --scale $(BENCH_SCALE) --explain --load $(BENCH_ARGS)
	@echo "== Påminnelser (en körning av flask reminders send) =="
	$(BIN)/python -m bench.reminders --scale $(BENCH_SCALE)
	.ci/with-postgres.sh $(BIN)/python -m bench.reminders --backend postgresql --scale $(BENCH_SCALE)
	@echo "== Mätvärden som ska registreras (Mitt arbete och påminnelser) =="
	$(BIN)/python -m bench.measure_values

lint: $(VENV)/.installed-test
	$(BIN)/ruff check planner tests bench
	$(BIN)/ruff format --check planner tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format planner tests bench
	$(BIN)/ruff check --fix planner tests bench

## Refresh the message catalogues after changing user-visible text.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o planner/translations/messages.pot . >/dev/null
	$(BIN)/pybabel update -i planner/translations/messages.pot -d planner/translations -l en --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance/planner.db .pytest_cache
