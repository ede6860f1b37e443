# Two commands on a fresh machine: `make run` (pipeline over the bundled samples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAKE ?= data/lake
EVENT_SETS := --own tests/fixtures/events --seed ../shared/seed --news ../shared/eval/news --news2 ../shared/eval/news2 \
	--meantime ../shared/eval/meantime --timeml ../shared/eval/timeml

.PHONY: run test chromium install bench bench-full soak eval eval-pin dashboard clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/dateline run data/samples --lake $(LAKE)

CHROMIUM ?= /usr/bin/chromium
APT_GET ?= apt-get

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

# The dashboard's browser tests drive Debian's Chromium: install it when we can (root and apt),
# else stop at once with the command to run.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v $(APT_GET) >/dev/null 2>&1; then \
	  echo "make: installing Debian's chromium for the dashboard's browser tests ($(APT_GET) install chromium)"; \
	  DEBIAN_FRONTEND=noninteractive $(APT_GET) update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium >/dev/null; \
	else \
	  echo "make: the dashboard's browser tests need Debian's chromium at $(CHROMIUM); install it first:" >&2; \
	  echo "  sudo apt-get install -y chromium" >&2; \
	  exit 1; \
	fi

eval: $(STAMP)
	$(BIN)/dateline eval timeml ../shared/eval/timeml/timebank ../shared/eval/timeml/aquaint
	$(BIN)/dateline eval events $(EVENT_SETS)

# Re-pin the figures the gate holds (evaluation/baselines/events.json) after a deliberate change to the extractor.
eval-pin: $(STAMP)
	$(BIN)/dateline eval events $(EVENT_SETS) --pin

# Results go to ~/.cache/dateline/bench/ unless OUT names a file (OUT=bench/results.json updates the published figures).
OUT ?=

bench: $(STAMP)
	$(BIN)/python -m bench quick $(if $(OUT),--out $(OUT))

bench-full: $(STAMP)
	$(BIN)/python -m bench full $(if $(OUT),--out $(OUT))

soak: $(STAMP)
	$(BIN)/python -m bench.soak

dashboard: $(STAMP)
	$(BIN)/dateline dashboard --lake $(LAKE)

clean:
	rm -rf $(LAKE) .pytest_cache
