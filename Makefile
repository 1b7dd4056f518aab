# The two commands a new user runs: `make map` and `make test`.
# Everything else (virtual environment, packages, gazetteer) is built on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BYTECODE := $(VENV)/.bytecode
SOURCES := $(shell find geo -name '*.py')
GAZ    := gazetteer/geonames.sqlite
GEO    := $(BIN)/geo

CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: map test gazetteer browser screenshot bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Bytecode for the package's own modules: an editable install compiles none, and where
# PYTHONDONTWRITEBYTECODE is set every `geo` run (and worker) would compile them all
# again (about 0.12 CPU-s a process).  Made whenever a module is newer than the last
# compile, not only when the virtual environment is installed: a clone with an existing
# .venv, or a module edited since, would otherwise go without.
$(BYTECODE): $(SOURCES) | $(STAMP)
	$(BIN)/python -m compileall -q geo
	@touch $(BYTECODE)

# Rebuilt when the code that decides its contents changes (names are stored normalised).
$(GAZ): geo/gazetteer/build.py geo/gazetteer/db.py geo/gazetteer/normalize.py geo/data/aliases.tsv | $(STAMP) $(BYTECODE)
	$(GEO) gazetteer build --gazetteer $(GAZ)

gazetteer: $(GAZ)

map: $(GAZ) $(BYTECODE)
	$(GEO) map seeds -o maps/seeds.html --geojson maps/seeds.geojson --title "Sample reports"

# Browser tests drive Debian's Chromium (no browser download); installed when missing.
browser: $(CHROMIUM) /usr/bin/chromedriver

$(CHROMIUM) /usr/bin/chromedriver:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver

test: $(GAZ) $(BYTECODE) browser
	$(BIN)/ruff check geo tests
	$(BIN)/python -m pytest

# The picture the README shows (committed on purpose).
screenshot: map browser
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$$(mktemp -d)" --hide-scrollbars --window-size=1400,900 \
		--virtual-time-budget=5000 --screenshot=maps/seeds.png "file://$(CURDIR)/maps/seeds.html"

bench: $(GAZ) $(BYTECODE) browser
	$(BIN)/python tests/bench/bench_gazetteer.py
	$(BIN)/python tests/bench/bench_parse.py
	$(BIN)/python tests/bench/bench_map.py
	$(BIN)/python tests/bench/bench_import.py --rows 2000000

clean:
	rm -rf $(VENV) $(GAZ) maps/*.html maps/*.geojson
