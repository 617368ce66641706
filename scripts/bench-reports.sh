#!/usr/bin/env bash
# Reports benchmark (not a test): a 10,000-record DMARC aggregate report (.xml.gz) parsed in a fresh JVM
# (budget 2 s, exit 1 over it), then parse and parse + classify + aggregate warm, in records per second.
# No I/O (DNS answers from memory). Figures: docs/performance.md, "Reports".
#   scripts/bench-reports.sh [RECORDS]        default 10000
#   BENCH_RUNS=50 scripts/bench-reports.sh    measured warm runs (default 20)
set -euo pipefail
BENCH_HEAP="${BENCH_HEAP:-512m}" exec "$(dirname "${BASH_SOURCE[0]}")/bench/run-test-main.sh" \
  -Dbench.runs="${BENCH_RUNS:-20}" dev.sesops.reports.ReportsBenchmark "$@"
