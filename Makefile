# Two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

# Embedded defaults for a machine with Python alone; override by environment.
export DEBUG ?= true
export WEB_BIND ?= 127.0.0.1:8000

.PHONY: run test test-sqlite test-postgres test-faults bench lint security install demo clean messages

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP) $@

install: $(STAMP)

demo: $(STAMP)
	$(PY) manage.py compile_catalogues --verbosity 0
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py load_demo
	$(PY) manage.py create_demo_accounts

run: demo
	@echo "Newsroom at http://$(WEB_BIND)/  (admin: http://$(WEB_BIND)/admin/); Ctrl-C stops all."
	exec $(VENV)/bin/honcho --procfile Procfile start

# The whole suite, twice: on SQLite with local memory (the embedded defaults)
# and on PostgreSQL + Redis (the production configuration); then the faults, once.
test: $(TEST_STAMP)
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-faults

TEST_ENV := DEBUG=false SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=false \
	SECURE_COOKIES=false NEWSROOM_VAR_DIR=$(CURDIR)/var/test

test-sqlite: $(TEST_STAMP)
	env $(TEST_ENV) DATABASE_URL=sqlite:///var/test/sqlite.db CACHE_URL=locmem:// \
		$(PY) -m pytest -m "not faults" $(PYTEST_ARGS)

test-postgres: $(TEST_STAMP)
	env $(TEST_ENV) DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom} \
		REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/1} \
		CELERY_BROKER_URL=$${TEST_BROKER_URL:-redis://127.0.0.1:6379/2} \
		$(PY) -m pytest -m "not faults" $(PYTEST_ARGS)

# Faults, once: PostgreSQL clusters and Redis servers of their own (tests/faults/conftest.py
# picks free ports and rewrites these placeholder addresses), restarted and killed at will.
test-faults: $(TEST_STAMP)
	env $(TEST_ENV) DATABASE_URL=postgres://postgres@127.0.0.1:5442/newsroom_faults CACHE_URL=locmem:// \
		CELERY_BROKER_URL=redis://127.0.0.1:6411/0 \
		$(PY) -m pytest -m faults tests/faults $(FAULTS_ARGS)

# `make bench BENCH_ARTICLES=100000`: every public page and the admin lists at 10,000
# and 100,000 articles side by side (bench/bench_public.py; needs wrk and nginx).
bench: $(TEST_STAMP)
	$(PY) bench/run.py

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .

# Developers: refresh locale/ar and locale/ckb from the code (needs GNU gettext's
# xgettext/msgmerge), compile them in pure Python, then list what is left to translate.
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=static/vendor --ignore=demo
messages: $(STAMP)
	DEBUG=true $(PY) manage.py makemessages -l ar -l ckb --no-location --no-obsolete $(MESSAGES_IGNORE)
	DEBUG=true $(PY) manage.py compile_catalogues
	DEBUG=true $(PY) manage.py check_catalogues

# Bandit: no medium or high finding; each accepted low one is marked `# nosec` with its reason.
security: $(TEST_STAMP)
	$(VENV)/bin/bandit -q -r newsroom config --severity-level medium

clean:
	rm -rf $(VENV) var
