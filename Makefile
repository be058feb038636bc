# vankien — common tasks. Every target installs what it needs into .venv itself.
#
#   make run     extract examples/ into out/extract.jsonl, ingest them into the embedded store
#                out/vankien-store, print the lineage of an example resolution, export the graph
#                as RDF (out/vankien.ttl) and check it against the SHACL shapes
#   make test    run the test suite
#   make ontology  regenerate ontology/schemes.ttl and ontology/context.jsonld from the vocabulary data
#   make bench   throughput on a synthetic corpus, quality against the gold corpus,
#                and pathological-input timings
#   make clean   remove generated outputs and caches (make distclean also removes .venv)

SHELL   := /bin/bash
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
OUT     := out

# example inputs (everything in examples/ but its README)
EXAMPLES := $(filter-out examples/README.md,$(sort $(wildcard examples/*)))

# size of the synthetic benchmark corpus in MB (make bench BENCH_MB=100)
BENCH_MB ?= 50
# texts in the synthetic ingest benchmark (make bench BENCH_TEXTS=100000 for the issue's target corpus)
BENCH_TEXTS ?= 20000

.PHONY: all run test bench clean distclean install ontology

all: test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the package declaration changes (editable install: code edits need nothing).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(STAMP)

run: $(STAMP)
	@mkdir -p $(OUT)
	@echo "vankien extract examples/ ($(words $(EXAMPLES)) files) > $(OUT)/extract.jsonl"
	@$(BIN)/vankien extract $(EXAMPLES) > $(OUT)/extract.jsonl
	@$(BIN)/python -c 'import json, os; \
	rows = [json.loads(l) for l in open("$(OUT)/extract.jsonl", encoding="utf-8") if l.strip()]; \
	per = ["%s=%d" % (os.path.basename(str(r.get("source"))), len(r.get("documents") or [])) for r in rows]; \
	warn = sum(len(r.get("warnings") or []) for r in rows); \
	n = lambda k: sum(len(r.get(k) or []) for r in rows); \
	print("extract: %d documents, %d relations, %d assignments in %d inputs, %d warnings -> $(OUT)/extract.jsonl [%s]" % (n("documents"), n("relations"), n("assignments"), len(rows), warn, ", ".join(per)))'
	@rm -rf $(OUT)/vankien-store
	@echo "vankien ingest examples/ --store $(OUT)/vankien-store"
	@$(BIN)/vankien ingest $(EXAMPLES) --store $(OUT)/vankien-store --report $(OUT)/ingest-report.json --no-progress
	@echo "vankien lineage 29-NQ/TW --store $(OUT)/vankien-store"
	@$(BIN)/vankien lineage 29-NQ/TW --store $(OUT)/vankien-store
	@echo "vankien export rdf $(OUT)/vankien.ttl --store $(OUT)/vankien-store"
	@$(BIN)/vankien export rdf $(OUT)/vankien.ttl --store $(OUT)/vankien-store
	@$(BIN)/vankien validate-rdf $(OUT)/vankien.ttl

test: $(STAMP)
	$(BIN)/python -m pytest -q

ontology: $(STAMP)
	$(BIN)/python -m ontology.build

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --mb $(BENCH_MB)
	$(BIN)/python benchmarks/ingest.py --texts $(BENCH_TEXTS)
	@if [ -d ../shared/corpus ]; then $(BIN)/python benchmarks/quality.py; \
	else echo "quality: ../shared/corpus not found, skipped"; fi
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=0 tests/test_pathological.py

clean:
	rm -rf $(OUT) benchmarks/synthetic .pytest_cache build dist *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)
