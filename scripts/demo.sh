#!/usr/bin/env bash
# The ses-ops demo: the scheduled functions against the local AWS emulator, no AWS account needed.
#
#   scripts/demo.sh
#
# Builds the jar, installs and starts moto (SES v1, Secrets Manager, SNS, SQS, DynamoDB, S3) and
# WireMock (SES v2 GetAccount, CloudWatch GetMetricData in RPC v2 CBOR), creates a secret holding
# two accounts (production: healthy; staging: bounce rate 7.2%, above the 5% review level), an SNS
# topic with an SQS queue subscribed, the state table and the report bucket; then runs the monitor
# twice and prints its report and the alerts that reached the queue (one for the breach, one for
# staging's HIGH VDM finding, one for its paused tenant globex; none repeated on the second run); sends
# a Sending Status Disabled event for production through the events function (one alert); audits both accounts (DNS served by a local dnsmasq) and prints the
# findings; runs the suppression cleanup as a dry run, then for real on one account, and restores
# that account's removals from the trail; then SES events: a bounce burst from one configuration set
# through the events function, the alert naming it, a redelivery that changes nothing, ses-ops top; then protection pauses a configuration set in
# enforce mode (events function) and the CLI resumes it (scripts/demo/more-5-protection.sh).
# Then DMARC reports (scripts/demo/more-6-reports.sh): two days of reports dropped in the bucket, the
# reports function on their S3 events, the verdict, the unknown sender, the CRITICAL alert for SES mail
# failing DMARC, a redelivery that changes nothing, and ses-ops dmarc.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR=functions/target/functions.jar
DNS_PORT="${SES_OPS_DEMO_DNS_PORT:-5053}"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "Build"
CLI_JAR=cli/target/ses-ops.jar
if [ ! -f "$JAR" ] || [ ! -f "$CLI_JAR" ] || [ -n "$(find functions/src/main functions/src/build cli/src/main pom.xml functions/pom.xml cli/pom.xml -newer "$CLI_JAR" -type f 2>/dev/null | head -1)" ]; then
  mvn -B -q -DskipTests -pl functions,cli -am package
fi
ls -l "$JAR" "$CLI_JAR"

say "Emulator"
. scripts/demo/env.sh
demo_emulator

say "Demo resources (secret with two accounts, topic + queue, state table, report bucket)"
demo_resources scripts/demo/config.json

say "DNS for the audit: dnsmasq on 127.0.0.1:$DNS_PORT with the demo domains' records"
if [ -f "$ROOT/.emulator/demo-dnsmasq.pid" ]; then
  kill "$(cat "$ROOT/.emulator/demo-dnsmasq.pid")" 2>/dev/null || true
fi
/usr/sbin/dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
  --port="$DNS_PORT" --conf-file="$WM_DIR/dnsmasq.conf" --pid-file= >"$ROOT/.emulator/demo-dnsmasq.log" 2>&1 &
echo $! > "$ROOT/.emulator/demo-dnsmasq.pid"
sleep 0.5
kill -0 "$(cat "$ROOT/.emulator/demo-dnsmasq.pid")" 2>/dev/null \
  || { cat "$ROOT/.emulator/demo-dnsmasq.log" >&2; echo "dnsmasq did not start on port $DNS_PORT (SES_OPS_DEMO_DNS_PORT picks another)" >&2; exit 1; }
sed 's/^/  /' "$WM_DIR/dnsmasq.conf"

demo_exports
export SES_OPS_DNS_SERVERS="127.0.0.1:$DNS_PORT"

summary() { /usr/bin/python3 scripts/demo/aws.py monitor-summary; }

say "Monitor, first run"
java -jar "$JAR" invoke monitor events/monitor/scheduled.json 2>/dev/null | summary
say "Alerts on the queue after the first run"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"

say "Monitor, second run (same levels: nothing repeated)"
java -jar "$JAR" invoke monitor events/monitor/scheduled.json 2>/dev/null | summary
say "Alerts on the queue after the second run"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"

say "An SES status event: Sending Status Disabled for production, through the events function"
java -jar "$JAR" invoke events events/events/eventbridge-sending-disabled-account.json 2>/dev/null
echo
say "Alerts on the queue after the event (one; the monitor that then sees sending disabled stays quiet)"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"

for extra in scripts/demo/more-*.sh; do  # audit, cleanup, CLI, events: one file each
  [ -f "$extra" ] && source "$extra"
done

say "Done. The emulator is still running (scripts/emulator.sh stop stops it; the demo's dnsmasq: kill \$(cat .emulator/demo-dnsmasq.pid))."
