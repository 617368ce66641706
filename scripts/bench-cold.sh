#!/usr/bin/env bash
# The monitor's cold start as Lambda's java21 runtime starts it, alone (a few minutes, where
# scripts/bench.sh takes much longer): C1 only (-XX:+TieredCompilation -XX:TieredStopAtLevel=1), no
# start-up cache (-Xshare:auto: the JDK's default CDS archive, as on Lambda, no AppCDS), one account
# (events/monitor/scheduled-accounts.json), against the demo's emulator (scripts/demo/env.sh),
# alternating with the AWS CLI peer (the helper's 4 aws processes, as in scripts/bench.sh).
#
#   SES_OPS_MOTO_PORT=5181 SES_OPS_WIREMOCK_PORT=PORT BENCH_RUNS=11 scripts/bench-cold.sh [JVM flags...]
#
# Prints medians (min-max) and the load average before and after; does not build the jar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=demo/env.sh
source scripts/demo/env.sh
RUNS="${BENCH_RUNS:-11}"
JAR=functions/target/functions.jar
EVENT=events/monitor/scheduled-accounts.json
FLAGS=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 "$@")
now_ms() { date +%s%3N; }
[ -f "$JAR" ] || { echo "no $JAR: mvn -pl functions package first" >&2; exit 1; }

demo_emulator >/dev/null
demo_resources scripts/demo/config.json 2>/dev/null
cp scripts/bench/cloudwatch-cli-getmetricdata.json "$WM_DIR/mappings/"
curl -s -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings/reset" >/dev/null
demo_exports

cold_run() {
  local t0 line
  t0=$(now_ms)
  line=$(java "${FLAGS[@]}" -Dsesops.timing=true -jar "$JAR" invoke monitor "$EVENT" 2>&1 >/dev/null | grep '^{"timing"' || true)
  [ -n "$line" ] || { echo "cold run failed" >&2; exit 1; }
  /usr/bin/python3 -c 'import json,sys; t=json.loads(sys.argv[2])["timing"]; s=int(sys.argv[1]); print(t["end_epoch_ms"]-s, t["handler_ready_epoch_ms"]-s, t["first_invoke_ms"])' "$t0" "$line"
}
peer_run() {
  local t0 from to
  t0=$(now_ms)
  to=$(date -u +%Y-%m-%dT%H:%M:%SZ); from=$(date -u -d '-24 hours' +%Y-%m-%dT%H:%M:%SZ)
  (
    export AWS_ACCESS_KEY_ID=AKIADEMOPRODUCTION01 AWS_SECRET_ACCESS_KEY=demo-production-secret AWS_DEFAULT_REGION=us-west-2
    aws --endpoint-url "http://127.0.0.1:$WIREMOCK_PORT" sesv2 get-account >/dev/null
    aws --endpoint-url "http://127.0.0.1:$WIREMOCK_PORT" ses get-send-quota >/dev/null
    aws --endpoint-url "http://127.0.0.1:$WIREMOCK_PORT" ses get-send-statistics >/dev/null
    aws --endpoint-url "http://127.0.0.1:$WIREMOCK_PORT" cloudwatch get-metric-data --start-time "$from" --end-time "$to" \
      --scan-by TimestampDescending --max-datapoints 500 --metric-data-queries \
      '[{"Id":"bounce","ReturnData":true,"MetricStat":{"Period":900,"Stat":"Average","Metric":{"Namespace":"AWS/SES","MetricName":"Reputation.BounceRate"}}},{"Id":"complaint","ReturnData":true,"MetricStat":{"Period":900,"Stat":"Average","Metric":{"Namespace":"AWS/SES","MetricName":"Reputation.ComplaintRate"}}}]' >/dev/null
  )
  echo $(($(now_ms) - t0))
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); flags: ${FLAGS[*]}; $RUNS runs each, alternating"
cold_run >/dev/null
PEER=0; command -v aws >/dev/null && PEER=1 && peer_run >/dev/null
: >"/tmp/bench-cold.$$"
for ((i = 0; i < RUNS; i++)); do
  read -r wall handler invoke < <(cold_run)
  peer=""; [ "$PEER" = 1 ] && peer=$(peer_run)
  echo "$wall $handler $invoke $peer" | tee -a "/tmp/bench-cold.$$"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "/tmp/bench-cold.$$" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
cols = list(zip(*rows))
names = ["cold monitor run, process start to result", "  process start to first handler call", "  first invocation", "AWS CLI peer (4 aws processes)"]
for name, c in zip(names, cols):
    print(f"{name}: median {statistics.median(c):.0f} ms ({min(c):.0f}-{max(c):.0f})")
if len(cols) > 3:
    print(f"peer / monitor: {statistics.median(cols[3]) / statistics.median(cols[0]):.1f}x")
PY
rm -f "/tmp/bench-cold.$$"
