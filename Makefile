# The README's commands. `make help` lists them.
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
NODE    := node_modules/.installed-stamp
CSS     := veileder/static/vendor/designsystemet.css
# What the CSS build reads for the classes the pages use (see purgecss.config.cjs).
CSS_USE := purgecss.config.cjs $(shell find veileder/templates -name '*.html') $(wildcard veileder/static/*.js) \
           $(shell find veileder -name '*.py' -not -path '*/__pycache__/*')
POS     := $(wildcard translations/*/LC_MESSAGES/messages.po)
MOS     := $(POS:.po=.mo)

.DEFAULT_GOAL := help
.PHONY: help setup css db run serve test check lint translations chromium postgresql nginx redis wrk bench soak faults

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Designsystemet's CSS and PurgeCSS come from npm (package-lock.json pins them).
$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# One style sheet in static/vendor/: Designsystemet's tokens, whole, and only the component rules that a
# template, a script or the Markdown renderer uses (`npm run build`, set up in package.json). Rebuilt
# when any of them changes; the copy that was there before is removed (it was two files).
$(CSS): $(NODE) $(CSS_USE)
	npm run --silent build
	rm -f $(dir $(CSS))index.css

css: $(CSS) ## Build the trimmed Designsystemet style sheet (after adding a class to a template)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

setup: $(STAMP) $(CSS) $(MOS) ## Install everything the app and the tests need

db: setup ## Create or upgrade the database (SQLite in instance/ unless VEILEDER_DATABASE_URL says otherwise)
	$(BIN)/flask --app veileder db upgrade

run: setup db ## Set up and run the app on http://127.0.0.1:5000 (reloads on changes)
	$(BIN)/flask --app veileder run --debug --host 127.0.0.1 --port 5000

serve: setup db ## Run the app as in production, with gunicorn, on http://127.0.0.1:5000
	VEILEDER_BIND=127.0.0.1:5000 $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

check: setup ## Check the content strictly (every problem and warning as file:line: message)
	$(BIN)/flask --app veileder content check --strict

lint: setup ## Lint the Python code and check its types (mypy --strict, set up in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/mypy

translations: setup ## Extract interface text to translations/messages.pot and update the catalogs
	$(BIN)/pybabel extract -F babel.cfg -k _l -o translations/messages.pot --no-location --sort-output \
		--project=Veileder --copyright-holder=Veileder .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap --ignore-obsolete

# The browser tests drive Debian's Chromium; Playwright never downloads a browser.
chromium: ## Install Debian's Chromium for the browser tests, if it is missing
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium package for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The store's tests also run on PostgreSQL: a throwaway server the tests start in a temporary folder.
postgresql: ## Install Debian's PostgreSQL for the store's tests, if it is missing (no service is started)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing Debian's postgresql package for the store's tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

# The topology tests put Debian's nginx and redis-server in front of and beside the app, the same way.
nginx: ## Install Debian's nginx for the topology tests, if it is missing (no service is started)
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
		echo "Installing Debian's nginx package for the topology tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

redis: ## Install Debian's redis-server for the topology tests, if it is missing (no service is started)
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "Installing Debian's redis-server package for the topology tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

test: setup chromium postgresql nginx redis ## Set up and run every test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/flask --app veileder content check --strict
	$(BIN)/pytest

wrk: ## Install Debian's wrk for the benchmarks, if it is missing
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

bench: setup wrk ## The app against bare Flask, then start-up time and memory (prints the targets)
	$(BIN)/python bench/compare.py
	$(BIN)/python bench/startup.py

soak: setup wrk ## A minute of load over realistic URLs: zero errors, memory flat
	$(BIN)/python bench/soak.py

faults: setup postgresql nginx redis ## Load through nginx on two instances; one killed, PostgreSQL restarted
	$(BIN)/python bench/faults.py
