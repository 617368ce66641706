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
# repeated on the second run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR=functions/target/functions.jar
# shellcheck source=demo/env.sh
source scripts/demo/env.sh
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "Build"
if [ ! -f "$JAR" ] || [ -n "$(find functions/src/main functions/src/build pom.xml functions/pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  mvn -B -q -DskipTests -pl functions -am package
fi
ls -l "$JAR"

say "Emulator"
demo_emulator

say "Demo resources (secret with two accounts, topic + queue, state table, report bucket)"
demo_resources scripts/demo/config.json
echo "secret $SES_OPS_SECRET_ID, table $SES_OPS_STATE_TABLE, bucket $SES_OPS_REPORT_BUCKET"
demo_exports

summary() { /usr/bin/python3 scripts/demo/aws.py monitor-summary; }

say "Monitor, first run"
java -jar "$JAR" invoke monitor events/monitor/scheduled.json 2>/dev/null | summary
say "Alerts on the queue after the first run"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"

say "Monitor, second run (same levels: nothing repeated)"
java -jar "$JAR" invoke monitor events/monitor/scheduled.json 2>/dev/null | summary
say "Alerts on the queue after the second run"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"

for extra in scripts/demo/more-*.sh; do
  [ -f "$extra" ] && source "$extra"
done

say "Done. The emulator is still running (scripts/emulator.sh stop stops it)."
