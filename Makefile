# Two commands take a fresh clone to rendered reports and a green test suite:
#   make reports   build every report into reports/ from the bundled data snapshot
#   make test      run the whole test suite (helpers, notebooks, report pipeline)
#   make pdf       the reports plus a PDF of each (reports/<name>.pdf)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := taiwan-trade-pivot

.PHONY: reports pdf test axe-core lab data refresh bench clean-reports

# The environment is rebuilt only when the dependency list changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (taiwan-trade-pivot)" >/dev/null
	touch $(STAMP)

reports: $(STAMP)
	$(BIN)/trade-pivot-reports $(ARGS)

# The reports and a print-ready PDF of each (needs Debian's chromium: apt-get install chromium).
pdf: $(STAMP)
	$(BIN)/trade-pivot-reports --pdf $(ARGS)

test: $(STAMP) axe-core
	$(BIN)/python -m pytest $(ARGS)

# axe-core (npm) for the accessibility test of the built pages, kept in a project-local folder; without npm or
# the registry the test is skipped, and says why.
AXE := .cache/node/node_modules/axe-core/axe.min.js
axe-core: $(AXE)
$(AXE):
	-npm install --silent --no-audit --no-fund --prefix .cache/node axe-core@4

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(ARGS)

data: $(STAMP)
	$(BIN)/trade-pivot-data $(ARGS)

refresh: $(STAMP)
	$(BIN)/python -m helpers.update.refresh $(ARGS)

bench: $(STAMP)
	$(BIN)/python bench/bench_reports.py

clean-reports:
	rm -rf reports/*.html reports/*.pdf reports/executed reports/manifest.json
