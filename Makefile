# Two commands take a fresh clone to rendered reports and a green test suite:
#   make reports   build every report into reports/ from the bundled data snapshot
#   make test      run the whole test suite (helpers, notebooks, report pipeline)
#   make pdf       the reports plus a PDF of each (reports/<name>.pdf)
# Each installs, the first time, exactly the locked environment it needs (uv.lock; README "Environment").
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
STAMP  := $(VENV)/.installed
KERNEL := taiwan-trade-pivot
# Use the Python that made the venv, never one uv would download.
export UV_PYTHON_DOWNLOADS := never
# The project itself is reinstalled on every sync: uv keeps an editable install of an unchanged version,
# entry points included, so a moved `[project.scripts]` target would otherwise stay stale in an old venv.
SYNC   := $(UV) sync --frozen --group build --reinstall-package taiwan-trade-pivot

.PHONY: reports pdf test axe-core lab data refresh bench clean-reports lock check-environment

# uv itself is locked (group "build"): pip installs it once, checking its hashes, and uv keeps it at the
# locked version from then on. The venv gets no pip of its own (seeding one takes longer than all the
# rest); where the system pip is older than 22.3 (no --python), the venv's own pip installs uv instead.
PIP_BOOTSTRAP := install --quiet --require-hashes --no-deps -r requirements/bootstrap.txt
$(UV):
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python $(PIP_BOOTSTRAP) \
		|| { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip $(PIP_BOOTSTRAP); }

# The runtime: exactly the lock's packages for `make reports` (plus uv and setuptools); anything else
# installed is removed. The environment is synced again only when the lock or pyproject.toml changes.
$(STAMP): uv.lock pyproject.toml | $(UV)
	$(SYNC)
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (taiwan-trade-pivot)" >/dev/null
	touch $(STAMP)

# A dependency group (test, lab) added to the runtime; --inexact keeps the other group if it is installed.
$(VENV)/.installed-%: $(STAMP)
	$(SYNC) --inexact --group $*
	touch $@

reports: $(STAMP)
	$(BIN)/trade-pivot-reports $(ARGS)

# The reports and a print-ready PDF of each (needs Debian's chromium: apt-get install chromium).
pdf: $(STAMP)
	$(BIN)/trade-pivot-reports --pdf $(ARGS)

# One worker per core (pytest-xdist); ARGS="-n 0" runs the tests in one process.
test: $(VENV)/.installed-test axe-core
	$(BIN)/python -m pytest -n auto $(ARGS)

# axe-core (npm) for the accessibility test of the built pages, kept in a project-local folder; without npm or
# the registry the test is skipped, and says why.
AXE := .cache/node/node_modules/axe-core/axe.min.js
axe-core: $(AXE)
$(AXE):
	-npm install --silent --no-audit --no-fund --prefix .cache/node axe-core@4

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(ARGS)

data: $(STAMP)
	$(BIN)/trade-pivot-data $(ARGS)

refresh: $(STAMP)
	$(BIN)/python -m helpers.update.refresh $(ARGS)

bench: $(STAMP)
	$(BIN)/python bench/bench_reports.py

# After a change of the dependencies in pyproject.toml: resolve again, then write the files made from the lock.
lock: | $(UV)
	$(UV) lock
	$(UV) export --frozen --only-group build --no-emit-project --no-emit-package setuptools --no-header --no-annotate \
		--output-file requirements/bootstrap.txt >/dev/null
	$(UV) export --frozen --all-groups --no-group build --no-emit-project --no-hashes --no-header --no-annotate \
		| $(BIN)/python scripts/environment_yml.py > environment.yml

# What CI checks besides the tests: the lock matches pyproject.toml, the installed packages are consistent.
check-environment: $(VENV)/.installed-test
	$(UV) lock --check
	$(UV) pip check --python $(BIN)/python

clean-reports:
	rm -rf reports/*.html reports/*.pdf reports/executed reports/manifest.json
