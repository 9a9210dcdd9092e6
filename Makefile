# Every target does its own setup: a fresh machine needs only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all setup chromium run report test lab bench eval clean

all: run

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name tradenews --display-name "Python (tradenews)"
	touch $(STAMP)

setup: $(STAMP)

# The report's real-browser test needs Debian's Chromium (no browser download: the machine has no network).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }

## Main job: re-execute every notebook against the default corpus (refreshes figures/),
## then write the HTML report with every figure and table into report/.
run: $(STAMP)
	$(BIN)/python -m tradenews notebooks
	$(BIN)/python -m tradenews report --out report

## Tests: unit tests, doctests and strict nbval over notebooks/.
test: $(STAMP) chromium
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_load.py

clean:
	rm -rf $(VENV) .pytest_cache
