# The two commands a new user needs: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint types bench system-deps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "journeymap needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@# The app itself explains a missing display or xcb library; 134 is Qt aborting on a plugin it could not load.
	@$(BIN)/journeymap $(FILE) || { status=$$?; \
	  if [ $$status -eq 134 ]; then \
	    echo "The window could not open. On Linux, Qt needs the xcb libraries:"; \
	    echo "  sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0"; \
	  fi; exit $$status; }

system-deps:
	@bash scripts/system-deps

lint: $(STAMP)
	$(BIN)/ruff format --check journeymap tests bench
	$(BIN)/ruff check journeymap tests bench
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) system-deps lint types
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Everything but the tests: format check, lint, layer contracts, types.
check: lint types

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest bench -q --benchmark-only --benchmark-columns=min,median,mean,max,rounds

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .benchmarks
