# Every target does its own setup: a fresh machine needs only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Benchmark sizes for `make bench` (e.g. make bench SIZES="1000 10000 100000").
SIZES  ?= 1000 10000

.PHONY: all setup chromium run test test-min lab bench clean

all: run

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name tradenews --display-name "Python (tradenews)"
	touch $(STAMP)

## setup: the virtual environment in .venv with tradenews (editable), the test tools and the "tradenews" kernel.
setup: $(STAMP)

# The report's real-browser test needs Debian's Chromium (no browser download: the machine has no network).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }

## Main job: re-execute every notebook against the default corpus (refreshes figures/),
## then write the HTML report with every figure and table into report/.
run: $(STAMP)
	TRADENEWS_FIGURES=$(CURDIR)/figures $(BIN)/python -m tradenews notebooks --notebooks-dir notebooks
	$(BIN)/python -m tradenews report --out report

## Tests: unit tests, doctests and strict nbval over notebooks/.
test: $(STAMP) chromium
	$(BIN)/python -m pytest

## The unit tests once more with the declared minimum versions (constraints/minimum.txt), in .venv-min.
test-min:
	$(PYTHON) -m venv .venv-min
	.venv-min/bin/python -m pip install --quiet --upgrade pip
	.venv-min/bin/python -m pip install --quiet -c constraints/minimum.txt -e '.[test]'
	.venv-min/bin/python -m pytest tests -p no:nbval -o addopts="-p no:cacheprovider" -q \
	  --ignore=tests/test_notebooks_other_corpus.py --ignore=tests/test_wheel.py

## JupyterLab on notebooks/ with the project's kernel as default; figures saved there go to ./figures.
## Runs as root too (containers): --allow-root is added when the user is root.
lab: $(STAMP)
	TRADENEWS_FIGURES=$(CURDIR)/figures $(BIN)/jupyter lab notebooks/ \
	  --MappingKernelManager.default_kernel_name=tradenews \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

## Benchmarks of every analysis on real text (needs ../shared/eval or TRADENEWS_EVAL); results in benchmarks/results/.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_all.py --sizes $(SIZES)

clean:
	rm -rf $(VENV) .venv-min .pytest_cache
