# Strata — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/strata

.PHONY: setup build demo test bench bench-embed
.PHONY: bench-cluster
.PHONY: bench-recommend

setup:
	@bash scripts/setup

build: setup
	@$(SWIFT) build -c release --product strata

demo: build
	@$(RELEASE_BIN) demo

test: setup
	@$(SWIFT) test

bench: bench-embed
bench: bench-cluster
bench: bench-recommend

bench-embed: build
	@bash benchmarks/embed/run

bench-cluster: build
	@bash benchmarks/cluster/run

bench-recommend: build
	@bash benchmarks/recommend/run
