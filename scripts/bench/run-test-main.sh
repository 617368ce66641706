#!/usr/bin/env bash
# Runs a main class of the test sources (a benchmark) on the test classpath, after compiling them.
#   scripts/bench/run-test-main.sh CLASS [ARG ...]
#   BENCH_HEAP  the heap limit of the JVM (default 128m); SES_OPS_LOG_LEVEL (default WARN)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mvn -B -q ${MVN_OFFLINE:--o} -pl functions test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="functions/target/test-classes:functions/target/classes:$(cat functions/target/bench.classpath)"
SES_OPS_LOG_LEVEL="${SES_OPS_LOG_LEVEL:-WARN}" exec java -Xmx"${BENCH_HEAP:-128m}" -XX:+UseSerialGC -cp "$CP" "$@"
