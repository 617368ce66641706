#!/usr/bin/env bash
# Signals benchmark (not a test): SES calls per monitor run for an account with N tenants, P paused.
#   scripts/bench-signals.sh [N:P ...]       default: 100:1 1000:0 1000:3 1000:100 5000:3
#   BENCH_RUNS=5 scripts/bench-signals.sh    measured runs per case, after one warm-up (default 3)
# Needs moto (SES_OPS_MOTO_ENDPOINT, default 127.0.0.1:5055): scripts/emulator.sh install && scripts/emulator.sh start
set -euo pipefail
BENCH_HEAP="${BENCH_HEAP:-256m}" exec "$(dirname "${BASH_SOURCE[0]}")/bench/run-test-main.sh" dev.sesops.bench.SignalsBenchmark "$@"
