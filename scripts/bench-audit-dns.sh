#!/usr/bin/env bash
# Audit DNS benchmark (not a test): the per-domain DNS checks for N domains against a local dnsmasq.
#   scripts/bench-audit-dns.sh [N]          default: 1000
#   BENCH_RUNS=5 scripts/bench-audit-dns.sh measured runs after one warm-up (default 3)
# Needs dnsmasq: scripts/emulator.sh install
set -euo pipefail
BENCH_HEAP="${BENCH_HEAP:-256m}" exec "$(dirname "${BASH_SOURCE[0]}")/bench/run-test-main.sh" dev.sesops.audit.DnsScaleBenchmark "$@"
