#!/usr/bin/env bash
# ses-ops benchmarks (issue 7), one command, not part of the test run:
#
#   scripts/bench.sh            all of it (about 5 minutes on a 2-core machine)
#   BENCH_RUNS=20 scripts/bench.sh
#   BENCH_ONLY=cli scripts/bench.sh   the CLI against the AWS CLI only (issue 16's figure, about 2 minutes)
#
# Against the local emulator the demo uses (moto + WireMock, scripts/demo/env.sh), for one account
# (events/monitor/scheduled-accounts.json, the demo's "production"):
#   - jar size
#   - cold start: a fresh JVM running `invoke monitor` from process start to result, BENCH_RUNS times,
#     with default flags and with each local-run option (tiered compilation level 1, serial GC, AppCDS),
#     plus the time from process start to the first handler call (class loading + client construction)
#   - the same cold run with the SnapStart priming done first (what a restored snapshot skips)
#   - warm invocations in one JVM against the emulator, and the warm overhead without SES calls
#     (in-memory sources, dev.sesops.monitor.MonitorOverheadBench)
#   - the peer: the same SES and CloudWatch calls done the helper's way, one AWS CLI process per call
# Results: functions/target/bench/results.jsonl and a Markdown table on stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=demo/env.sh
source scripts/demo/env.sh

RUNS="${BENCH_RUNS:-10}"
WARM="${BENCH_WARM:-50}"
JAR=functions/target/functions.jar
OUT=functions/target/bench
EVENT=events/monitor/scheduled-accounts.json
RESULTS="$OUT/results.jsonl"
STATS=(/usr/bin/python3 scripts/bench/stats.py)
say() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
now_ms() { date +%s%3N; }

say "Build"
CLI_JAR=cli/target/ses-ops.jar
if [ ! -f "$JAR" ] || [ ! -f "$CLI_JAR" ] || [ -n "$(find functions/src/main functions/src/build cli/src/main pom.xml functions/pom.xml cli/pom.xml -newer "$CLI_JAR" -type f 2>/dev/null | head -1)" ]; then
  mvn -B -q -DskipTests -pl functions,cli package
fi
if [ "${BENCH_ONLY:-}" != cli ]; then
  mvn -B -q -pl functions test-compile
  mvn -B -q -pl functions dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$OUT.cp" >/dev/null
fi
mkdir -p "$OUT" && : >"$RESULTS"
JAR_BYTES=$(stat -c %s "$JAR")
echo "{\"label\":\"jar size (reported, not capped)\",\"value\":\"$(awk "BEGIN{printf \"%.1f MB (%d bytes)\", $JAR_BYTES/1e6, $JAR_BYTES}")\"}" >>"$RESULTS"

say "Emulator and resources"
demo_emulator >&2
demo_resources scripts/demo/config.json
# the AWS CLI peer speaks AWS JSON 1.0 to CloudWatch; the Java SDK speaks CBOR (stubbed by the demo)
cp scripts/bench/cloudwatch-cli-getmetricdata.json "$WM_DIR/mappings/"
curl -s -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings/reset" >/dev/null
demo_exports
# at the default pacing (SES's documented rates, 1 call a second per other operation), not the demo's lifted 50
unset SES_OPS_SES_CALLS_PER_SECOND SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND
echo "{\"label\":\"SES pacing\",\"value\":\"default (per operation at SES's documented rate, 1/s elsewhere; 20/s per account)\"}" >>"$RESULTS"

# one cold run: prints wall ms, ms to main... as "wall handler first_invoke" (ms)
cold_run() { # JVM flags...
  local t0 line
  t0=$(now_ms)
  line=$(java "$@" -Dsesops.timing=true -jar "$JAR" invoke monitor "$EVENT" 2>&1 >/dev/null | grep '^{"timing"' || true)
  [ -n "$line" ] || { echo "cold run failed: java $* -jar $JAR invoke monitor $EVENT" >&2; exit 1; }
  /usr/bin/python3 -c 'import json,sys; t=json.loads(sys.argv[2])["timing"]; s=int(sys.argv[1]); print(t["end_epoch_ms"]-s, t["handler_ready_epoch_ms"]-s, t["first_invoke_ms"])' "$t0" "$line"
}

cold_series() { # LABEL FLAGS...
  local label=$1; shift
  local f="$OUT/cold-$(echo "$label" | tr -c 'a-zA-Z0-9' '-')"
  : >"$f.wall"; : >"$f.handler"; : >"$f.invoke"
  cold_run "$@" >/dev/null   # one unmeasured run: page cache, emulator's first request
  for ((i = 0; i < RUNS; i++)); do
    read -r wall handler invoke < <(cold_run "$@")
    echo "$wall" >>"$f.wall"; echo "$handler" >>"$f.handler"; echo "$invoke" >>"$f.invoke"
  done
  "${STATS[@]}" summary "cold monitor run, process start to result: $label" "$f.wall" >>"$RESULTS"
  "${STATS[@]}" summary "  process start to first handler call: $label" "$f.handler" >>"$RESULTS"
  "${STATS[@]}" summary "  first invocation (SES calls + their class loading): $label" "$f.invoke" >>"$RESULTS"
  tail -3 "$RESULTS" >&2
}

if [ "${BENCH_ONLY:-}" != cli ]; then
say "Cold start, $RUNS runs each"
cold_series "default flags"
cold_series "-XX:TieredStopAtLevel=1" -XX:TieredStopAtLevel=1
cold_series "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
CDS="$OUT/functions.jsa"
rm -f "$CDS"
java -XX:ArchiveClassesAtExit="$CDS" -jar "$JAR" invoke monitor "$EVENT" >/dev/null 2>&1
echo "{\"label\":\"AppCDS archive (built from one monitor run)\",\"value\":\"$(awk "BEGIN{printf \"%.1f MB\", $(stat -c %s "$CDS")/1e6}")\"}" >>"$RESULTS"
cold_series "AppCDS" -XX:SharedArchiveFile="$CDS"
cold_series "AppCDS + -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" -XX:SharedArchiveFile="$CDS" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
cold_series "SnapStart priming first (-Dsesops.prime=true)" -Dsesops.prime=true

say "Warm invocations against the emulator ($WARM in one JVM)"
line=$(java -Dsesops.timing=true -Dsesops.repeat="$WARM" -jar "$JAR" invoke monitor "$EVENT" 2>&1 >/dev/null | grep '^{"timing"')
/usr/bin/python3 -c 'import json,sys; t=json.loads(sys.argv[1])["timing"]; print(json.dumps({"label":"warm invocation against the emulator (SES calls included)","runs":t["warm_invokes"],"median_ms":t["warm_median_ms"],"min_ms":t["warm_min_ms"],"max_ms":t["warm_max_ms"]}))' "$line" >>"$RESULTS"
tail -1 "$RESULTS" >&2

say "Warm overhead without SES calls (in-memory sources)"
java -cp "functions/target/test-classes:functions/target/classes:$(cat "$OUT.cp")" dev.sesops.monitor.MonitorOverheadBench 2000 2000 2>/dev/null | tail -1 >>"$RESULTS"
tail -1 "$RESULTS" >&2
fi

say "The CLI against the helper's way (one AWS CLI process per call), alternating, $RUNS rounds"
# Each round runs ours and the peer back to back, so a ratio compares the same minutes of a shared
# machine: bin/ses-ops --local monitor ACCOUNT --no-notify and --local quota ACCOUNT (config from a
# local file: the helper's reads, no secret, no alert state, no SNS) against the same SES and
# CloudWatch calls made by one aws process each. Without a state table the monitor makes exactly the
# peer's calls (GetAccount, GetSendQuota, GetSendStatistics, GetMetricData); one more row runs it with
# the demo's state table, adding the events pipeline's DynamoDB reads, which the helper never made.
command -v aws >/dev/null || { echo "no aws CLI on PATH" >&2; exit 1; }
aws --version >&2
timed() { # WHAT COMMAND...: runs it, output dropped, and prints its wall time in ms; a failure ends the benchmark
  local what=$1 t0
  shift
  t0=$(now_ms)
  "$@" >/dev/null 2>&1 || { echo "$what failed: $*" >&2; exit 1; }
  echo $(($(now_ms) - t0))
}
cli_run() { # COMMAND ARGS...
  timed "CLI run" env SES_OPS_CONFIG_FILE=scripts/demo/config.json SES_OPS_SECRET_ID= SES_OPS_STATE_TABLE="${CLI_STATE_TABLE:-}" \
    bin/ses-ops --local --json "$@"
}
# the demo's production account, the way the helper authenticates: its static keys
PEER_KEYS=(AWS_ACCESS_KEY_ID=AKIADEMOPRODUCTION01 AWS_SECRET_ACCESS_KEY=demo-production-secret AWS_DEFAULT_REGION=us-west-2)
peer_aws() { env "${PEER_KEYS[@]}" aws --endpoint-url "http://127.0.0.1:$WIREMOCK_PORT" "$@"; }
peer_monitor() {
  local from to
  to=$(date -u +%Y-%m-%dT%H:%M:%SZ); from=$(date -u -d '-24 hours' +%Y-%m-%dT%H:%M:%SZ)
  peer_aws sesv2 get-account && peer_aws ses get-send-quota && peer_aws ses get-send-statistics \
    && peer_aws cloudwatch get-metric-data --start-time "$from" --end-time "$to" \
      --scan-by TimestampDescending --max-datapoints 500 --metric-data-queries \
      '[{"Id":"bounce","ReturnData":true,"MetricStat":{"Period":900,"Stat":"Average","Metric":{"Namespace":"AWS/SES","MetricName":"Reputation.BounceRate"}}},{"Id":"complaint","ReturnData":true,"MetricStat":{"Period":900,"Stat":"Average","Metric":{"Namespace":"AWS/SES","MetricName":"Reputation.ComplaintRate"}}}]'
}
peer_run() { timed "AWS CLI peer" peer_monitor; }
peer_quota_run() { timed "AWS CLI peer" peer_aws ses get-send-quota; }
# the floor: one SDK client and one GetSendQuota in a JVM with its own static AppCDS archive, nothing else
FLOOR="$OUT/floor"
rm -rf "$FLOOR" && mkdir -p "$FLOOR"
javac -cp "$CLI_JAR" -d "$FLOOR" scripts/bench/QuotaFloor.java
(cd "$FLOOR" && jar cf floor.jar QuotaFloor.class)
FLOOR_CP="$CLI_JAR:$FLOOR/floor.jar"
FLOOR_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData)
java "${FLOOR_FLAGS[@]}" -XX:DumpLoadedClassList="$FLOOR/classes.lst" -cp "$FLOOR_CP" QuotaFloor "http://127.0.0.1:$WIREMOCK_PORT" >/dev/null
java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$FLOOR/classes.lst" -XX:SharedArchiveFile="$FLOOR/floor.jsa" -cp "$FLOOR_CP" >/dev/null 2>&1
floor_run() {
  timed "floor run" java "${FLOOR_FLAGS[@]}" -Xlog:cds=off -XX:SharedArchiveFile="$FLOOR/floor.jsa" -cp "$FLOOR_CP" QuotaFloor \
    "http://127.0.0.1:$WIREMOCK_PORT"
}
rm -f "${CLI_JAR%.jar}"-cli*.jsa "${CLI_JAR%.jar}"-cli-jdk*.aot
# the first run writes the start-up cache (a static archive, dumped before it exits with SES_OPS_CDS=wait)
SES_OPS_CDS=wait CLI_STATE_TABLE="$SES_OPS_STATE_TABLE" cli_run monitor production --no-notify >/dev/null
cli_run monitor production --no-notify >/dev/null; cli_run quota production >/dev/null; peer_run >/dev/null; peer_quota_run >/dev/null
# the same on a JDK 25 when the machine has one: bin/ses-ops then keeps an AOT cache instead of AppCDS
JAVA25="${BENCH_JAVA25:-$(ls -d /usr/lib/jvm/*-25*/bin/java 2>/dev/null | head -1)}"
if [ -n "$JAVA25" ] && [ -x "$JAVA25" ]; then
  JAVA="$JAVA25" cli_run monitor production --no-notify >/dev/null; JAVA="$JAVA25" cli_run monitor production --no-notify >/dev/null
else
  JAVA25=
  echo "no JDK 25 found (BENCH_JAVA25=/path/to/java to name one): the AOT-cache row is left out" >&2
fi
: >"$OUT/cli.wall"; : >"$OUT/cli-quota.wall"; : >"$OUT/cli25.wall"; : >"$OUT/peer.wall"; : >"$OUT/peer-quota.wall"; : >"$OUT/floor.wall"; : >"$OUT/cli-state.wall"
floor_run >/dev/null
for ((i = 0; i < RUNS; i++)); do
  cli_run monitor production --no-notify >>"$OUT/cli.wall"
  CLI_STATE_TABLE="$SES_OPS_STATE_TABLE" cli_run monitor production --no-notify >>"$OUT/cli-state.wall"
  peer_run >>"$OUT/peer.wall"
  cli_run quota production >>"$OUT/cli-quota.wall"
  peer_quota_run >>"$OUT/peer-quota.wall"
  floor_run >>"$OUT/floor.wall"
  if [ -n "$JAVA25" ]; then JAVA="$JAVA25" cli_run monitor production --no-notify >>"$OUT/cli25.wall"; fi
done
JDK_MAJOR=$(java -version 2>&1 | sed -n '1s/[^"]*"\([0-9]*\).*/\1/p')
"${STATS[@]}" summary "CLI cold run: bin/ses-ops --local monitor production --no-notify (JDK $JDK_MAJOR, AppCDS, config file)" "$OUT/cli.wall" >>"$RESULTS"
"${STATS[@]}" summary "CLI cold run: bin/ses-ops --local monitor production --no-notify, with the state table (+ events pipeline reads) (JDK $JDK_MAJOR, AppCDS)" "$OUT/cli-state.wall" >>"$RESULTS"
"${STATS[@]}" summary "CLI cold run: bin/ses-ops --local quota production (JDK $JDK_MAJOR, AppCDS, config file)" "$OUT/cli-quota.wall" >>"$RESULTS"
if [ -n "$JAVA25" ]; then
  "${STATS[@]}" summary "CLI cold run: bin/ses-ops --local monitor production --no-notify (JDK 25 AOT cache, config file)" "$OUT/cli25.wall" >>"$RESULTS"
fi
"${STATS[@]}" summary "AWS CLI peer: 4 aws processes (sesv2 get-account, ses get-send-quota, ses get-send-statistics, cloudwatch get-metric-data)" "$OUT/peer.wall" >>"$RESULTS"
"${STATS[@]}" summary "AWS CLI peer for quota: 1 aws process (ses get-send-quota)" "$OUT/peer-quota.wall" >>"$RESULTS"
"${STATS[@]}" summary "floor of a one-call command: bare SDK GetSendQuota (scripts/bench/QuotaFloor.java, JDK $JDK_MAJOR, AppCDS)" "$OUT/floor.wall" >>"$RESULTS"
tail -7 "$RESULTS" >&2
/usr/bin/python3 - "$RESULTS" <<'PY' >>"$RESULTS.tmp"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
peer = next(r for r in rows if r["label"].startswith("AWS CLI peer: 4"))
peer_quota = next(r for r in rows if r["label"].startswith("AWS CLI peer for quota"))
for r in rows:
    if r["label"].startswith("CLI cold run: bin/ses-ops --local quota") or r["label"].startswith("floor of a one-call"):
        print(json.dumps({"label": "peer / ours, medians: " + r["label"].split(": ", 1)[1],
                          "value": "%.2fx" % (peer_quota["median_ms"] / r["median_ms"])}))
    elif r["label"].startswith("cold monitor run") or r["label"].startswith("CLI cold run"):
        print(json.dumps({"label": "peer / ours, medians: " + r["label"].split(": ", 1)[1],
                          "value": "%.2fx" % (peer["median_ms"] / r["median_ms"])}))
PY
cat "$RESULTS.tmp" >>"$RESULTS" && rm -f "$RESULTS.tmp"

say "Results ($(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg))"
"${STATS[@]}" report "$RESULTS"
