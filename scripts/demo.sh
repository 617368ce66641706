#!/usr/bin/env bash
# The ses-ops demo: the scheduled functions against the local AWS emulator, no AWS account needed.
#
#   scripts/demo.sh
#
# Builds the jar, installs and starts moto (SES v1, Secrets Manager, SNS, SQS, DynamoDB, S3) and
# WireMock (SES v2 GetAccount, CloudWatch GetMetricData in RPC v2 CBOR), creates a secret holding
# two accounts (production: healthy; staging: bounce rate 7.2%, above the 5% review level), an SNS
# topic with an SQS queue subscribed, the state table and the report bucket; then runs the monitor
# twice and prints its report and the alerts that reached the queue (one for the breach, none
# repeated on the second run); audits both accounts (DNS served by a local dnsmasq) and prints the
# findings; runs the suppression cleanup as a dry run, then for real on one account, and restores
# that account's removals from the trail.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR=functions/target/functions.jar
MOTO_PORT="${SES_OPS_MOTO_PORT:-5055}"
WIREMOCK_PORT="${SES_OPS_WIREMOCK_PORT:-5056}"
DNS_PORT="${SES_OPS_DEMO_DNS_PORT:-5053}"
export SES_OPS_MOTO_ENDPOINT="http://127.0.0.1:$MOTO_PORT"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "Build"
if [ ! -f "$JAR" ] || [ -n "$(find functions/src/main functions/src/build pom.xml functions/pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  mvn -B -q -DskipTests -pl functions -am package
fi
ls -l "$JAR"

say "Emulator"
scripts/emulator.sh install
WM_DIR="$ROOT/.emulator/demo-wiremock"
rm -rf "$WM_DIR" && mkdir -p "$WM_DIR/mappings" "$WM_DIR/__files"
cp scripts/demo/wiremock/mappings/*.json "$WM_DIR/mappings/"
# CloudWatch answers with fresh timestamps: production 0.4% bounces, staging 7.2%
java scripts/demo/CloudWatchStub.java "$WM_DIR/mappings/cloudwatch-us-east-1.json" us-east-1 0.004 0.0001
java scripts/demo/CloudWatchStub.java "$WM_DIR/mappings/cloudwatch-eu-west-1.json" eu-west-1 0.072 0.0002
SES_OPS_WIREMOCK_DIR="$WM_DIR" scripts/emulator.sh start

say "Demo resources (secret with two accounts, topic + queue, state table, report bucket)"
SUFFIX="$(date +%s)"
eval "$(DEMO_DIR="$WM_DIR" /usr/bin/python3 scripts/demo/aws.py setup "$SUFFIX" scripts/demo/config.json)"
echo "secret $SES_OPS_SECRET_ID, table $SES_OPS_STATE_TABLE, bucket $SES_OPS_REPORT_BUCKET"
# reload WireMock: the setup wrote GetIdentityDkimAttributes answers with the tokens moto handed out
curl -s -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings/reset" >/dev/null

say "DNS for the audit: dnsmasq on 127.0.0.1:$DNS_PORT with the demo domains' records"
if [ -f "$ROOT/.emulator/demo-dnsmasq.pid" ]; then
  kill "$(cat "$ROOT/.emulator/demo-dnsmasq.pid")" 2>/dev/null || true
fi
/usr/sbin/dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
  --port="$DNS_PORT" --conf-file="$WM_DIR/dnsmasq.conf" --pid-file= >"$ROOT/.emulator/demo-dnsmasq.log" 2>&1 &
echo $! > "$ROOT/.emulator/demo-dnsmasq.pid"
sed 's/^/  /' "$WM_DIR/dnsmasq.conf"

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT"
export AWS_ENDPOINT_URL_SESV2="http://127.0.0.1:$WIREMOCK_PORT"
export AWS_ENDPOINT_URL_CLOUDWATCH="http://127.0.0.1:$WIREMOCK_PORT"
# SES v1 goes through WireMock, which proxies to moto all but what moto lacks (GetIdentityDkimAttributes)
export AWS_ENDPOINT_URL_SES="http://127.0.0.1:$WIREMOCK_PORT"
export SES_OPS_DNS_SERVERS="127.0.0.1:$DNS_PORT"
export SES_OPS_SES_CALLS_PER_SECOND=50
export SES_OPS_SECRET_ID SES_OPS_ALERT_TOPIC_ARN SES_OPS_STATE_TABLE SES_OPS_REPORT_BUCKET

summary() { /usr/bin/python3 scripts/demo/aws.py monitor-summary; }

say "Monitor, first run"
java -jar "$JAR" invoke monitor events/monitor/scheduled.json 2>/dev/null | summary
say "Alerts on the queue after the first run"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"

say "Monitor, second run (same levels: nothing repeated)"
java -jar "$JAR" invoke monitor events/monitor/scheduled.json 2>/dev/null | summary
say "Alerts on the queue after the second run"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"

for extra in scripts/demo/more-*.sh; do  # audit, cleanup: one file each
  [ -f "$extra" ] && source "$extra"
done

say "Done. The emulator is still running (scripts/emulator.sh stop stops it; the demo's dnsmasq: kill \$(cat .emulator/demo-dnsmasq.pid))."
