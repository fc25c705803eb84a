# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test install install-demo install-dev serve lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[demo]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-demo

# axe-core and the Nu HTML Checker for the accessibility and HTML tests;
# without npm those tests skip with a reason (CI installs npm's packages).
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: accessibility and HTML-validity tests will skip"; fi

install: $(VENV)/.installed
install-demo: $(VENV)/.installed-demo
install-dev: $(VENV)/.installed-dev node_modules/.package-lock.json

## demo: install, migrate, load the demo newsroom and serve it on SQLite
demo: install-demo
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_demo_newsroom
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: /admin/, users journalist / editor / desk, password demo)"
	@# The background worker runs beside the site and stops with it (Ctrl-C).
	@# A background job ignores SIGINT in a script, hence the trap.
	DEBUG=true $(BIN)/python manage.py run_huey & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: install what the tests need and run the whole suite
test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: refresh the az and ru catalogues from the code, then compile them
# Needs GNU gettext (xgettext, msgmerge, msgfmt). Translate every new entry
# before committing: the tests fail on an empty reader-page string.
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l az -l ru $(MESSAGES_IGNORE)
	DEBUG=true $(BIN)/python manage.py compilemessages -l az -l ru $(MESSAGES_IGNORE)

clean:
	rm -rf $(VENV) var staticfiles
