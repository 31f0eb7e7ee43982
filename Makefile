# Strata — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/strata

.PHONY: setup build demo test bench bench-embed bench-embed-e5 bench-profiles
.PHONY: bench-cluster
.PHONY: bench-import
.PHONY: bench-serve
.PHONY: bench-segment
.PHONY: bench-recommend
.PHONY: bench-scale

setup:
	@bash scripts/setup

build: setup
	@$(SWIFT) build -c release --product strata

demo: build
	@$(RELEASE_BIN) demo

test: setup
	@$(SWIFT) test

bench: bench-embed
bench: bench-embed-e5
bench: bench-profiles
bench: bench-cluster
bench: bench-import
bench: bench-serve
bench: bench-segment
bench: bench-recommend
bench: bench-scale

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
