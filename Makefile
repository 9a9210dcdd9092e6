# Every target does its own setup: a fresh machine needs only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all setup run report test lab bench eval clean

all: run

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name tradenews --display-name "Python (tradenews)"
	touch $(STAMP)

setup: $(STAMP)

## Main job: re-execute every notebook against the default corpus; refreshes figures/.
run: $(STAMP)
	$(BIN)/python -m tradenews notebooks

## Tests: unit tests, doctests and strict nbval over notebooks/.
test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_load.py

clean:
	rm -rf $(VENV) .pytest_cache
