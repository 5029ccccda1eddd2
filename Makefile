# The two Quick start commands (see README):
#   make demo   set up .venv, build the embedded A/RES/71/209 into ./kg-store, show what was built
#   make test   set up .venv and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test setup clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/kg

demo: setup
	$(BIN)/kg build
	$(BIN)/kg stats
	$(BIN)/kg query citing-resolutions --param cited=A/RES/70/174 --format table

test: setup
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) kg-store
