#!/usr/bin/env bash
# Audit benchmark (not a test): SES calls and wall time for accounts of N identities, real SDK over HTTP.
#   scripts/bench-audit.sh [N ...]          default: 10 100 1000
#   BENCH_RUNS=10 scripts/bench-audit.sh    measured runs per size, after one warm-up (default 5)
# Needs moto on 127.0.0.1:5055 and dnsmasq: scripts/emulator.sh install && scripts/emulator.sh start
set -euo pipefail
BENCH_HEAP="${BENCH_HEAP:-256m}" exec "$(dirname "${BASH_SOURCE[0]}")/bench/run-test-main.sh" dev.sesops.bench.AuditBenchmark "$@"
