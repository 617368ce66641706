#!/usr/bin/env bash
# The monitor's cold start as Lambda's java21 runtime starts it, alone (a few minutes, where
# scripts/bench.sh takes much longer): C1 only (-XX:+TieredCompilation -XX:TieredStopAtLevel=1), no
# start-up cache (-Xshare:auto: the JDK's default CDS archive, as on Lambda, no AppCDS), one account
# (events/monitor/scheduled-accounts.json), against the demo's emulator (scripts/demo/env.sh),
# alternating with the AWS CLI peer (the helper's 4 aws processes, as in scripts/bench.sh), at the
# default SES pacing (not the demo's lifted 50 calls/s).
#
#   SES_OPS_MOTO_PORT=5181 SES_OPS_WIREMOCK_PORT=PORT BENCH_RUNS=11 scripts/bench-cold.sh [JVM flags...]
#   BENCH_BEFORE_JAR=/tmp/old.jar scripts/bench-cold.sh    also the same cold run of another jar, alternating
#                                (BENCH_JAR names the "after" jar; default functions/target/functions.jar)
#   BENCH_HANDLERS="monitor events api" scripts/bench-cold.sh   the events (an SQS batch of one SES bounce)
#                                and API (GET quota) handlers' cold runs too, alternating with the rest
#
# Prints medians (min-max) and the load average before and after; does not build the jar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=demo/env.sh
source scripts/demo/env.sh
RUNS="${BENCH_RUNS:-11}"
JAR="${BENCH_JAR:-functions/target/functions.jar}"
EVENT=events/monitor/scheduled-accounts.json
BEFORE="${BENCH_BEFORE_JAR:-}"
read -r -a HANDLERS <<<"${BENCH_HANDLERS:-monitor}"
FLAGS=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 "$@")
event_of() { # HANDLER
  case "$1" in
    monitor) echo "$EVENT" ;;
    events) echo events/events/eventbridge-bounce.json ;;
    api) echo events/api/quota.json ;;
    *) echo "unknown handler $1 (monitor, events, api)" >&2; exit 1 ;;
  esac
}
now_ms() { date +%s%3N; }
[ -f "$JAR" ] || { echo "no $JAR: mvn -pl functions package first" >&2; exit 1; }

demo_emulator >/dev/null
demo_resources scripts/demo/config.json 2>/dev/null
cp scripts/bench/cloudwatch-cli-getmetricdata.json "$WM_DIR/mappings/"
curl -s -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings/reset" >/dev/null
demo_exports
unset SES_OPS_SES_CALLS_PER_SECOND SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND

cold_run() { # [JAR [HANDLER]]
  local t0 line jar=${1:-$JAR} handler=${2:-monitor}
  t0=$(now_ms)
  line=$(java "${FLAGS[@]}" -Dsesops.timing=true -jar "$jar" invoke "$handler" "$(event_of "$handler")" 2>&1 >/dev/null | grep '^{"timing"' || true)
  [ -n "$line" ] || { echo "cold run failed: $jar invoke $handler" >&2; exit 1; }
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


JARS=("$JAR"); [ -n "$BEFORE" ] && JARS=("$BEFORE" "$JAR")
label() { [ "$1" = "$JAR" ] && echo "after" || echo "before"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); flags: ${FLAGS[*]}; $RUNS runs each, alternating; jars: ${JARS[*]}"
for h in "${HANDLERS[@]}"; do for j in "${JARS[@]}"; do cold_run "$j" "$h" >/dev/null; done; done
PEER=0; command -v aws >/dev/null && PEER=1 && peer_run >/dev/null
ROWS="/tmp/bench-cold.$$"
: >"$ROWS"
for ((i = 0; i < RUNS; i++)); do
  for h in "${HANDLERS[@]}"; do
    for j in "${JARS[@]}"; do
      read -r wall ready invoke < <(cold_run "$j" "$h")
      echo "$h $(label "$j") $wall $ready $invoke" | tee -a "$ROWS"
    done
  done
  if [ "$PEER" = 1 ]; then echo "peer - $(peer_run) 0 0" | tee -a "$ROWS"; fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$ROWS" <<'PY'
import statistics, sys
rows = {}
for l in open(sys.argv[1]):
    if l.strip():
        h, which, *nums = l.split()
        rows.setdefault((h, which), []).append(list(map(float, nums)))
med = lambda xs: statistics.median(xs)
peer = [r[0] for r in rows.get(("peer", "-"), [])]
for (h, which), rs in rows.items():
    if h == "peer":
        continue
    wall, ready, invoke = zip(*rs)
    print(f"cold {h} run ({which}), process start to result: median {med(wall):.0f} ms ({min(wall):.0f}-{max(wall):.0f});"
          f" to first handler call {med(ready):.0f} ms; first invocation {med(invoke):.0f} ms")
    if h == "monitor" and peer:
        print(f"  peer / monitor ({which}): {med(peer) / med(wall):.1f}x")
for h in {h for (h, w) in rows if w == "before"}:
    if (h, "after") in rows:
        print(f"{h}: after / before, medians: {med([r[0] for r in rows[(h, 'after')]]) / med([r[0] for r in rows[(h, 'before')]]):.2f}")
if peer:
    print(f"AWS CLI peer (4 aws processes): median {med(peer):.0f} ms ({min(peer):.0f}-{max(peer):.0f})")
PY
rm -f "$ROWS"
