# The two commands a new user runs: `make map` and `make test`.
# Everything else (virtual environment, packages, gazetteer) is built on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GAZ    := gazetteer/geonames.sqlite
GEO    := $(BIN)/geo

.PHONY: map test gazetteer lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Rebuilt when the code that decides its contents changes (names are stored normalised).
$(GAZ): geo/gazetteer_build.py geo/gazetteer_db.py geo/normalize.py | $(STAMP)
	$(GEO) gazetteer build --gazetteer $(GAZ)

gazetteer: $(GAZ)

map: $(GAZ)
	@if $(GEO) map --help >/dev/null 2>&1; then \
		$(GEO) map seeds -o maps/seeds.html --geojson maps/seeds.geojson; \
	else \
		echo "make map: the gazetteer is ready at $(GAZ); maps/seeds.html was NOT produced:"; \
		echo "          the map command does not exist yet (open issues: geoparser, incidents, map)."; \
		echo "          Try the geocoder meanwhile:  $(GEO) geocode Izium"; \
	fi

test: $(GAZ)
	$(BIN)/ruff check geo tests
	$(BIN)/python -m pytest

bench: $(GAZ)
	$(BIN)/python tests/bench/bench_gazetteer.py
	$(BIN)/python tests/bench/bench_import.py --rows 2000000

clean:
	rm -rf $(VENV) $(GAZ) maps/*.html maps/*.geojson
