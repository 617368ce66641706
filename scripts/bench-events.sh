#!/usr/bin/env bash
# Events benchmark (not a test): parse + aggregate rate without I/O, counter writes per batch, and one
# 10,000-record batch through the processor against moto DynamoDB.
#   scripts/bench-events.sh [TOTAL_EVENTS]   default 100000 (batches of 10,000)
#   BENCH_RUNS=10 scripts/bench-events.sh    measured runs after one warm-up (default 5)
# Needs moto (SES_OPS_MOTO_ENDPOINT, default 127.0.0.1:5055): scripts/emulator.sh install && scripts/emulator.sh start
set -euo pipefail
BENCH_HEAP="${BENCH_HEAP:-1g}" exec "$(dirname "${BASH_SOURCE[0]}")/bench/run-test-main.sh" dev.sesops.events.EventsBenchmark "$@"
