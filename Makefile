# The README's commands. `make help` lists them.
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help setup run test check lint

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) ## Install everything the app and the tests need
	
run: setup ## Set up and run the app on http://127.0.0.1:5000 (reloads on changes)
	$(BIN)/flask --app veileder run --debug --host 127.0.0.1 --port 5000

check: setup ## Check the content
	$(BIN)/flask --app veileder content check

lint: setup ## Lint the Python code
	$(BIN)/ruff check .

test: setup ## Set up and run every test
	$(BIN)/ruff check .
	$(BIN)/flask --app veileder content check
	$(BIN)/pytest
