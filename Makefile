# Two commands on a fresh machine: `make run` (pipeline over the bundled samples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAKE ?= data/lake

.PHONY: run test install bench bench-full soak eval dashboard clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/dateline run data/samples --lake $(LAKE)

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/dateline eval timeml ../shared/eval/timeml/timebank ../shared/eval/timeml/aquaint
	$(BIN)/dateline eval events --seed ../shared/seed --news ../shared/eval/news --meantime ../shared/eval/meantime --timeml ../shared/eval/timeml --own tests/fixtures/events

bench: $(STAMP)
	$(BIN)/python -m bench quick

bench-full: $(STAMP)
	$(BIN)/python -m bench full --out bench/results-full.json

soak: $(STAMP)
	$(BIN)/python -m bench.soak

dashboard: $(STAMP)
	$(BIN)/dateline dashboard --lake $(LAKE)

clean:
	rm -rf $(LAKE) .pytest_cache
