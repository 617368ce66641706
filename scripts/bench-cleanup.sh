#!/usr/bin/env bash
# Suppression cleanup benchmark (not a test): SES calls, wall time, paced wall time, heap.
#   scripts/bench-cleanup.sh [N ...]        default: 10000 100000
#   BENCH_HEAP=64m scripts/bench-cleanup.sh  the heap limit of the benchmark JVM (default 128m)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bench/run-test-main.sh" dev.sesops.bench.CleanupBenchmark "$@"
