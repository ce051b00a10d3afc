# graphkit's front door. `make demo` and `make test` work on a bare machine with
# Python 3.11+, Java 17 and Maven: everything else is installed from here.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := .graphkit/demo
DEMO_VIEW := .graphkit/demo-view.html  # beside the database: nothing is written inside it
CHROMIUM     := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: help install demo test lint neo4j bench fuzz mutate score schema browser notebooks clean

help:
	@echo "make demo    load the sample reports into the embedded store and show the graph"
	@echo "make test    lint and run the whole suite (starts a real Neo4j)"
	@echo "make neo4j   run a throwaway Neo4j 5 on 127.0.0.1 in the foreground"
	@echo "make bench   run the benchmarks"
	@echo "make fuzz    fuzz the extractor and the facts parser (FUZZ_SECONDS=120 each)"
	@echo "make mutate  mutation-test the pure modules (MODULES='numbers analytics/disrupt' for some)"
	@echo "make score   score the extractor on ../shared/eval/dev"
	@echo "make notebooks  run the notebooks and store them with their outputs"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_DB)
	$(BIN)/graphkit --db $(DEMO_DB) load data/reports data/facts
	$(BIN)/graphkit --db $(DEMO_DB) stats
	$(BIN)/graphkit --db $(DEMO_DB) analyze --top 5 --measure degree --measure betweenness --measure pagerank --measure community
	$(BIN)/graphkit --db $(DEMO_DB) view -o $(DEMO_VIEW)

browser:  # Debian's headless Chromium for the view tests and benchmark; nothing when present
	@if [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]; then :; else \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check graphkit tests benchmarks fuzz mutate
	$(BIN)/ruff format --check graphkit tests benchmarks fuzz mutate

test: $(STAMP) lint browser
	$(BIN)/python tests/neo4j/server.py --build-only
	$(BIN)/pytest -q

neo4j: $(STAMP)
	$(BIN)/python tests/neo4j/server.py

bench: $(STAMP) browser
	$(BIN)/python benchmarks/bench_stores.py
	$(BIN)/python benchmarks/bench_load_scaling.py
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_analytics.py
	$(BIN)/python benchmarks/bench_view.py
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_soak.py
	$(BIN)/python benchmarks/bench_heavy_load.py
	$(BIN)/python benchmarks/bench_import_edges.py
	$(BIN)/python benchmarks/bench_load_workers.py

# Coverage-guided fuzzing (atheris) of the extractor and the facts parser, not part of
# `make test`. Corpora and crash files go to .graphkit/fuzz/<target>/; a crash's input
# belongs in tests/reliability/fuzz_regressions/<target>/ once fixed.
FUZZ_SECONDS ?= 120
FUZZ_DIR     := .graphkit/fuzz
FUZZ_FLAGS   ?= -timeout=10 -report_slow_units=2 -rss_limit_mb=2048

fuzz: $(STAMP)
	$(BIN)/python -c 'import atheris' 2>/dev/null || $(BIN)/pip install --quiet -e '.[test,fuzz]'
	@status=0; for target in extract facts; do \
		mkdir -p $(FUZZ_DIR)/$$target/corpus; \
		$(BIN)/python fuzz/fuzz_$$target.py -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
			-artifact_prefix=$(FUZZ_DIR)/$$target/ $(FUZZ_DIR)/$$target/corpus \
			|| status=1; \
	done; exit $$status

# Mutation testing (mutmut) of the pure modules, one module at a time against its own tests;
# not part of `make test`. Reports go to .graphkit/mutate/, mutmut's copy to mutants/.
# docs/testing.md says how to read the survivors. MUTATE_JOBS: mutants run at once.
MODULES     ?=
MUTATE_JOBS ?= 2

mutate: $(STAMP)
	$(BIN)/python -c 'import mutmut' 2>/dev/null || $(BIN)/pip install --quiet -e '.[test,mutate]'
	$(BIN)/python mutate/run.py --max-children $(MUTATE_JOBS) $(MODULES)

notebooks: $(STAMP)  # a throwaway Neo4j for 02-neo4j unless NEO4J_URI is set
	$(BIN)/python tests/neo4j/server.py --build-only
	$(BIN)/python notebooks/execute.py

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev --graphkit $(BIN)/graphkit -v

schema: $(STAMP)
	$(BIN)/python -c "from pathlib import Path; from graphkit.schema import GENERATED_FILES as F; [Path(p).parent.mkdir(parents=True, exist_ok=True) or Path(p).write_text(f(), encoding='utf-8') for p, f in F.items()]"

clean:
	rm -rf .graphkit build dist *.egg-info .pytest_cache .ruff_cache tests/neo4j/target mutants
