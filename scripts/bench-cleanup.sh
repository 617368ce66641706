#!/usr/bin/env bash
# Suppression cleanup benchmark (not a test): SES calls, wall time, paced wall time, heap.
#   scripts/bench-cleanup.sh [N ...]        default: 10000 100000
#   BENCH_HEAP=64m scripts/bench-cleanup.sh  the heap limit of the benchmark JVM (default 128m)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -B -q ${MVN_OFFLINE:--o} -pl functions test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="functions/target/test-classes:functions/target/classes:$(cat functions/target/bench.classpath)"
SES_OPS_LOG_LEVEL="${SES_OPS_LOG_LEVEL:-WARN}" exec java -Xmx"${BENCH_HEAP:-128m}" -XX:+UseSerialGC -cp "$CP" \
  dev.sesops.bench.CleanupBenchmark "$@"
