# The two commands of the README: `make run` and `make test`. Both install what is missing first.
export PATH := $(PATH):/opt/swift/usr/bin
SWIFT ?= swift

.PHONY: setup build run test bench

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product parkwatch

run: build
	.build/release/parkwatch watch

test: setup
	$(SWIFT) test

bench: setup
	$(SWIFT) build -c release --product parkwatch-bench
	.build/release/parkwatch-bench $(BENCH_ARGS)
