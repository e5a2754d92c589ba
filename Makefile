# The two commands a new user runs: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean browser screenshots

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# An editable install leaves detente's own modules uncompiled (pip byte-compiles only what it
# copies), and with PYTHONDONTWRITEBYTECODE set every `detente` command would compile them
# again: about 0.15-0.3 s of each start. Python reads these files whatever that setting says,
# and ignores one whose source has changed since.
install: $(STAMP)
	@$(BIN)/python -m compileall -q src

demo: install
	$(BIN)/detente ingest samples/ --db demo.duckdb
	$(BIN)/detente events --db demo.duckdb
	$(BIN)/detente relations --db demo.duckdb --top 10
	$(BIN)/detente blocs --db demo.duckdb
	$(BIN)/detente graph --db demo.duckdb --out demo-graph.html --force
	$(BIN)/detente plot --db demo.duckdb --dyad RUS-IRN --out demo-rus-irn.png --force
	@echo
	@echo "Open the dashboard:  $(BIN)/detente serve --db demo.duckdb   then http://127.0.0.1:8000"

# The browser tests drive Debian's Chromium (never a downloaded one); as root we install it.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "no /usr/bin/chromium: the browser tests will be skipped"; fi; \
	fi

test: install browser
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

# The README's dashboard images: the browser tests, writing their screenshots into docs/ (a plain
# `make test` writes them to build/screenshots/, which git ignores).
screenshots: $(STAMP) browser
	DETENTE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/test_web_browser.py

bench: install
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache demo.duckdb demo-graph.html demo-rus-irn.png
