# The two commands of the README: `make chat` (try Lotse) and `make test` (all checks).
# Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test lint types pytest clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[postgres,rasa,test]'
	# pip compiles the dependencies' bytecode; the editable project is compiled here, so that
	# a first start does not compile ~90 modules (0.1-0.7 s) when PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q bot
	touch $(STAMP)

chat: $(STAMP)
	$(BIN)/lotse chat

test: lint types pytest

lint: $(STAMP)
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/ruff format --check bot tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider -n 2

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
