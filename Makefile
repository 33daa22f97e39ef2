# ppta — two commands set everything up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
AXE := $(VENV)/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
# Debian packages the tests drive: headless Chromium for browser/a11y tests, poppler for PDF checks.
SYSTEM_COMMANDS := chromium:chromium chromedriver:chromium-driver pdftotext:poppler-utils pdffonts:poppler-utils npm:npm

.PHONY: help demo demo-setup test test-fast test-platform lint bench wheel translations system-deps clean
help:
	@echo "make demo   - install into .venv, load sample data, serve http://127.0.0.1:$(PORT) (PORT=... overrides)"
	@echo "make test   - install into .venv, run ruff, the whole pytest suite and the platform tier"
	@echo "make test-platform - only the platform tier (ppta inside the real Open edX; PLATFORM_TESTS=... narrows it)"
	@echo "make bench  - run every benchmark in bench/ and print one table"
	@echo "              (library search on MariaDB/MySQL with PPTA_BENCH_DATABASE_URL=mysql://...; .ci/run sets it)"
	@echo "make wheel  - build the ppta-openedx wheel into dist/"
	@echo "make translations - compile every .po catalogue into its .mo"

# Reinstall only when packaging files change (the install is editable).
$(VENV)/.installed: setup.cfg pyproject.toml requirements/constraints.txt
	@python=$$(sh deployment/find-python312) || exit 1; \
	  if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $$python"; $$python -m venv $(VENV); fi
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements/constraints.txt -e '.[dev]'
	@touch $@

demo-setup: $(VENV)/.installed
	$(BIN)/ppta demo setup

demo: demo-setup
	$(BIN)/ppta demo serve --port $(PORT)

system-deps:
	@missing=""; for pair in $(SYSTEM_COMMANDS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Browser and PDF tests need:$$missing (Debian: sudo apt-get install$$missing). They are skipped without them."; \
	  fi; \
	fi

$(AXE):
	@if command -v npm >/dev/null; then npm install --silent --no-audit --no-fund --prefix $(VENV) axe-core@$(AXE_VERSION); \
	else echo "npm not found: accessibility checks are skipped"; fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# The fast suite, then the platform tier (skipped without ../shared/platform's tarball, unless
# PPTA_REQUIRE_SERVICES=1). Both run even when the first fails; either failing fails `make test`.
test: $(VENV)/.installed system-deps
	@status=0; $(MAKE) --no-print-directory test-fast || status=$$?; \
	  $(MAKE) --no-print-directory test-platform || status=$$?; exit $$status

test-fast: $(VENV)/.installed system-deps
	@$(MAKE) --no-print-directory $(AXE)
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

# ppta inside the real Open edX (Teak): see tests/platform/run.sh. The platform venv is cached in
# $$PPTA_PLATFORM_DIR (default ~/.cache/ppta/platform) and rebuilt only when the tarball changes.
test-platform: $(VENV)/.installed
	bash tests/platform/run.sh $(PLATFORM_TESTS)

bench: $(VENV)/.installed system-deps
	$(BIN)/python bench/run.py

wheel: $(VENV)/.installed
	rm -rf dist && $(BIN)/python -m pip wheel -q --no-deps -w dist .

translations: $(VENV)/.installed
	@for po in $$(git ls-files '*.po'); do $(BIN)/pybabel compile -i $$po -o $${po%.po}.mo || exit 1; done

clean:
	rm -rf $(VENV) var dist build *.egg-info
