# vankien — common tasks. Every target installs what it needs into .venv itself.
#
#   make run     extract examples/ into out/extract.jsonl, ingest them into the embedded store
#                out/vankien-store, print the lineage of an example resolution, write its flow-down
#                view to out/flow-down-29-NQ-TW.html, export the graph as RDF (out/vankien.ttl) and
#                check it against the SHACL shapes
#   make test    run the test suite (builds tools/neo4j-server first: Java 17 and Maven, Neo4j from Maven Central)
#   make ontology  regenerate ontology/schemes.ttl and ontology/context.jsonld from the vocabulary data
#   make bench   throughput on a synthetic corpus, quality against the gold corpus,
#                pathological-input timings, and the 2 000-descendant view in Chromium
#   make screenshot  docs/img/flow-down.png, docs/img/diagram.png and docs/img/serve-*.png, the README's pictures (Chromium, 1400×900)
#   make clean   remove generated outputs and caches (make distclean also removes .venv)
#   make strip-notebooks   remove outputs and execution counts from notebooks/*.ipynb before a commit
#   make neo4j   run a throw-away Neo4j Community 5.26 (tools/neo4j-server) on a free port of 127.0.0.1; it
#                prints its URI and password, and stops on Ctrl-C or Ctrl-D (NEO4J_HOME=DIR keeps its data)
#   make shacl-engine  build Apache Jena SHACL (tools/shacl), validate-rdf's engine for large files
#   make neo4j-server  build that server (mvn package; needs Java 17+ and Maven; jars from Maven Central)
#   make test-neo4j   the Neo4j integration tests against a real server: the one at $NEO4J_URI, else
#                     the one of tools/neo4j-server, which the tests start and stop themselves
#   make bench-neo4j  push and neo4j-admin import speed (relationships/s) into a real Neo4j: the one at
#                     $NEO4J_URI (push only), else the one of tools/neo4j-server (push and import)
#   make neo4j-import CSV=DIR  import a folder written by `vankien export neo4j-csv` with neo4j-admin
#                (Neo4j's importer, run by tools/neo4j-server) into a fresh database, then serve it
#                as make neo4j does (NEO4J_HOME=DIR keeps it)
#   make cypher-lint-tools   Neo4j's Cypher analyser (npm), which tests/test_neo4j_cypher_lint.py uses

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

# Neo4j: texts of the store make bench-neo4j pushes and imports
BENCH_NEO4J_TEXTS   ?= 20000
CYPHER_LINT_PKG     := @neo4j-cypher/language-support@2.0.0-next.38

# Neo4j Community for the tests and make neo4j: a launcher built with Maven (GPL jars fetched into
# ~/.m2 and target/, never committed)
NEO4J_SERVER_DIR := tools/neo4j-server
NEO4J_SERVER_JAR := $(NEO4J_SERVER_DIR)/target/vankien-neo4j-server.jar
# Apache Jena SHACL, the engine of validate-rdf for large files (tools/shacl; the tests compare it with pySHACL)
SHACL_DIR := tools/shacl
SHACL_JAR := $(SHACL_DIR)/target/vankien-shacl.jar
SHACL_SRC := $(SHACL_DIR)/pom.xml $(shell find $(SHACL_DIR)/src -name '*.java' 2>/dev/null)
NEO4J_SERVER_SRC := $(NEO4J_SERVER_DIR)/pom.xml $(shell find $(NEO4J_SERVER_DIR)/src -name '*.java' 2>/dev/null)
NEO4J_HOME ?=

.PHONY: all run test bench screenshot clean distclean install strip-notebooks test-neo4j bench-neo4j cypher-lint-tools shacl-engine ontology \
	neo4j neo4j-server neo4j-import

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
	@echo "vankien view 29-NQ/TW --store $(OUT)/vankien-store -o $(OUT)/flow-down-29-NQ-TW.html"
	@$(BIN)/vankien view 29-NQ/TW --store $(OUT)/vankien-store -o $(OUT)/flow-down-29-NQ-TW.html
	@$(BIN)/vankien view --doc 29-NQ/TW --mode diagram --store $(OUT)/vankien-store -o $(OUT)/diagram-29-NQ-TW.html
	@echo "vankien export rdf $(OUT)/vankien.ttl --store $(OUT)/vankien-store"
	@$(BIN)/vankien export rdf $(OUT)/vankien.ttl --store $(OUT)/vankien-store
	@$(BIN)/vankien validate-rdf $(OUT)/vankien.ttl

test: $(STAMP) $(NEO4J_SERVER_JAR) $(SHACL_JAR)
	$(BIN)/python -m pytest -q

# validate-rdf builds it on first use too; the tests' build comes first, so that no test waits on Maven
$(SHACL_JAR): $(SHACL_SRC)
	cd $(SHACL_DIR) && mvn -q -B package
	@touch $@

shacl-engine: $(SHACL_JAR)

# Java 17+ and Maven build the Neo4j server of the tests; a clear error when either is missing
$(NEO4J_SERVER_JAR): $(NEO4J_SERVER_SRC)
	@command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || { \
	  echo "make: the test suite runs Neo4j Community from Maven Central (tools/neo4j-server) and needs" >&2; \
	  echo "      Java 17 or later and Maven to build it; missing: $$(for t in java mvn; do command -v $$t >/dev/null || printf '%s ' $$t; done)" >&2; \
	  echo "      (Debian: apt-get install default-jdk-headless maven). make run needs neither." >&2; exit 1; }
	@v=$$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	  [ "$${v%%.*}" -ge 17 ] 2>/dev/null || { echo "make: Neo4j 5.26 needs Java 17 or later; java is $$v" >&2; exit 1; }
	cd $(NEO4J_SERVER_DIR) && mvn -q -B package
	@touch $@

neo4j-server: $(NEO4J_SERVER_JAR)

neo4j: $(NEO4J_SERVER_JAR)
	@echo "Neo4j Community (tools/neo4j-server): Ctrl-C or Ctrl-D stops it; then"
	@echo "  export NEO4J_URI=<uri> NEO4J_USERNAME=neo4j NEO4J_PASSWORD=<password>   (from the line below)"
	@NEO4J_SERVER_HOME=$(NEO4J_HOME) java -jar $(NEO4J_SERVER_JAR)

# the import command `vankien export neo4j-csv` wrote, run by the launcher on a fresh home
neo4j-import: $(NEO4J_SERVER_JAR)
	@test -f "$(CSV)/import-command.txt" || { echo "make neo4j-import CSV=DIR: DIR must be a folder written by" \
	  "vankien export neo4j-csv (with its import-command.txt)" >&2; exit 1; }
	@echo "neo4j-admin import of $(CSV), then Neo4j Community (tools/neo4j-server) on it: Ctrl-C or Ctrl-D stops it"
	@eval "NEO4J_SERVER_HOME='$(NEO4J_HOME)' java -jar $(NEO4J_SERVER_JAR) $$(cat '$(CSV)/import-command.txt')"

ontology: $(STAMP)
	$(BIN)/python -m vankien.ontology.build

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --mb $(BENCH_MB)
	$(BIN)/python benchmarks/ingest.py --texts $(BENCH_TEXTS)
	@if [ -d ../shared/corpus ]; then $(BIN)/python benchmarks/quality.py; \
	else echo "quality: ../shared/corpus not found, skipped"; fi
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=0 tests/test_pathological.py
	$(BIN)/python benchmarks/view.py --descendants 2000 --runs 3

# needs Chromium (Debian: apt-get install chromium; .ci/run installs it)
screenshot: $(STAMP)
	$(BIN)/python -m vankien.views.screenshot --key 29-NQ/TW --out docs/img/flow-down.png
	$(BIN)/python -m vankien.serve.screenshot --key 29-NQ/TW --out-dir docs/img

strip-notebooks: $(STAMP)
	@$(BIN)/python -c 'import sys, nbformat; \
	paths = sys.argv[1:]; \
	nbs = [(p, nbformat.read(p, as_version=4)) for p in paths]; \
	code = [c for _, nb in nbs for c in nb.cells if c.cell_type == "code"]; \
	[(c.update(outputs=[], execution_count=None), c.metadata.pop("execution", None)) for c in code]; \
	[nbformat.write(nb, p) for p, nb in nbs]; \
	print("stripped: " + " ".join(paths))' notebooks/*.ipynb

test-neo4j: $(STAMP) $(NEO4J_SERVER_JAR)
	$(BIN)/python -m pytest -q -rs tests/test_neo4j_integration.py tests/test_neo4j_import.py tests/test_dialect.py

bench-neo4j: $(STAMP) $(NEO4J_SERVER_JAR)
	@if [ -n "$$NEO4J_URI" ]; then \
	  echo "using Neo4j at $$NEO4J_URI"; $(BIN)/python benchmarks/neo4j_push.py --texts $(BENCH_NEO4J_TEXTS); \
	else $(BIN)/python benchmarks/neo4j_push.py --launch --import --texts $(BENCH_NEO4J_TEXTS); fi

cypher-lint-tools:
	npm install --prefix .cypher-lint --no-save --no-audit --no-fund --silent $(CYPHER_LINT_PKG)

clean:
	rm -rf $(OUT) benchmarks/synthetic .pytest_cache build dist *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)
