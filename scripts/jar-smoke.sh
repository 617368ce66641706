#!/usr/bin/env bash
# The shrunk Lambda jar end to end: every function's code path through functions/target/functions.jar
# (ProGuard's output, not the classes directory) against the demo's emulator, so that an SDK method
# or resource the shrinking dropped shows up here and not in production.
#
#   SES_OPS_MOTO_PORT=5181 SES_OPS_WIREMOCK_PORT=5182 SES_OPS_DEMO_DNS_PORT=5183 scripts/jar-smoke.sh
#
# Runs invoke monitor, audit, cleanup (dry run, real run, restore-suppression from its trail) and
# events with the demo's config and stubs (scripts/demo/env.sh); fails on a non-zero exit or a
# linkage error (NoSuchMethodError, NoClassDefFoundError, ClassNotFoundException, missing resource)
# in any run's stderr. Does not build the jar (mvn -pl functions package) and leaves the emulator
# running (scripts/emulator.sh stop, with the same ports).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="${SES_OPS_SMOKE_JAR:-functions/target/functions.jar}"  # another jar (the unshrunk one) to compare
DNS_PORT="${SES_OPS_DEMO_DNS_PORT:-5053}"
[ -f "$JAR" ] || { echo "no $JAR: mvn -pl functions package first" >&2; exit 1; }
ls -l "$JAR"

. scripts/demo/env.sh
demo_emulator >/dev/null
demo_resources scripts/demo/config.json
[ -f "$ROOT/.emulator/demo-dnsmasq.pid" ] && kill "$(cat "$ROOT/.emulator/demo-dnsmasq.pid")" 2>/dev/null || true
/usr/sbin/dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
  --port="$DNS_PORT" --conf-file="$WM_DIR/dnsmasq.conf" --pid-file= >"$ROOT/.emulator/demo-dnsmasq.log" 2>&1 &
DNS_PID=$!
trap 'kill "$DNS_PID" 2>/dev/null || true' EXIT
sleep 0.5
demo_exports
export SES_OPS_DNS_SERVERS="127.0.0.1:$DNS_PORT"

LOG="${SES_OPS_SMOKE_LOG:-$ROOT/functions/target/jar-smoke}"
mkdir -p "$LOG"
failed=0
passed=0
run() { # NAME ARGS...
  local name="$1"; shift
  local rc=0
  java -jar "$JAR" "$@" >"$LOG/$name.out" 2>"$LOG/$name.err" || rc=$?
  if [ "$rc" -ne 0 ] || grep -qE 'NoSuchMethodError|NoSuchFieldError|NoClassDefFoundError|ClassNotFoundException|AbstractMethodError|Failed to load' "$LOG/$name.err"; then
    echo "FAIL $name (exit $rc): $LOG/$name.err" >&2; tail -n 20 "$LOG/$name.err" >&2; failed=$((failed + 1))
  else
    echo "ok   $name ($(wc -c <"$LOG/$name.out") bytes of result)"; passed=$((passed + 1))
  fi
}

run monitor invoke monitor events/monitor/scheduled.json
run audit invoke audit events/audit/scheduled.json
run cleanup-dry-run invoke cleanup events/suppression-cleanup/scheduled.json
run cleanup-real-run invoke cleanup events/suppression-cleanup/real-run-production.json
TRAIL="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accounts"][0]["trail"])' "$LOG/cleanup-real-run.out" 2>/dev/null || true)"
if [ -n "$TRAIL" ]; then
  run restore restore-suppression "$TRAIL"
else
  echo "FAIL restore: the real run reported no trail" >&2; failed=$((failed + 1))
fi
/usr/bin/python3 scripts/demo/events.py "$WM_DIR/events-burst.json" >/dev/null
run events invoke events "$WM_DIR/events-burst.json"
for f in events/events/eventbridge-all-types.json events/events/sns-bounce-and-send.json; do
  run "events-$(basename "$f" .json)" invoke events "$f"
done

# protection (issue 13): the demo's burst from staging's "marketing" pauses it through
# PutConfigurationSetSendingOptions (a WireMock stub): the SES v2 call must leave the shrunk jar
PROTECTION_DEMO="$(ls scripts/demo/more-*-protection.sh 2>/dev/null | head -1)"
if [ -z "$PROTECTION_DEMO" ]; then
  echo "FAIL protection: no scripts/demo/more-*-protection.sh to take its events from" >&2; failed=$((failed + 1))
else
  eval "$(sed -n '/^put_count()/,/^}/p' "$PROTECTION_DEMO")"
  export PROTECTION_EVENTS="$ROOT/.emulator/demo-protection-events.json"
  sed -n "/^\/usr\/bin\/python3 - \"\$PROTECTION_EVENTS\" <<'PY'/,/^PY\$/p" "$PROTECTION_DEMO" >"$LOG/protection-events.sh"
  bash "$LOG/protection-events.sh" 2>/dev/null || PROTECTION_EVENTS=""
  if [ -n "$PROTECTION_EVENTS" ] && [ -s "$PROTECTION_EVENTS" ]; then
    curl -s -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests" >/dev/null
    run protection-events invoke events "$PROTECTION_EVENTS"
    puts="$(put_count)"
    if [ "${puts:-0}" -ge 1 ]; then
      echo "ok   protection paused marketing ($puts PutConfigurationSetSendingOptions)"; passed=$((passed + 1))
    else
      echo "FAIL protection: no PutConfigurationSetSendingOptions reached the stub" >&2; failed=$((failed + 1))
    fi
  else
    echo "FAIL protection: could not write its events" >&2; failed=$((failed + 1))
  fi
fi

echo "jar-smoke: $passed passed, $failed failed"
exit "$((failed > 0))"
