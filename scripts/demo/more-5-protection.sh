# Sourced by scripts/demo.sh: protection in enforce mode. staging's config has
# "protection": {"mode": "enforce"} and its aws_account_id; 300 sends and 36 hard bounces (12%) from
# configuration set "marketing" go through the events function, which pauses marketing (one SES
# call, logged first, alerted); then the CLI lists the action log and resumes it.
# The SES v2 switches are WireMock stubs (moto has none of them).

put_count() {
  curl -s -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests/count" \
    -d '{"method":"PUT","url":"/v2/email/configuration-sets/marketing/sending"}' \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}

say "Protection: 300 sends, 36 hard bounces from staging's configuration set marketing, through the events function"
PROTECTION_EVENTS="$ROOT/.emulator/demo-protection-events.json"
/usr/bin/python3 - "$PROTECTION_EVENTS" <<'PY'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
def event(n, kind):
    mail = {"timestamp": now, "source": "news@staging.example.org", "sendingAccountId": "444455556666",
            "messageId": "demo-%d" % n, "destination": ["user%d@example.net" % n],
            "tags": {"ses:configuration-set": ["marketing"], "ses:from-domain": ["staging.example.org"]}}
    detail = {"eventType": "Send", "mail": mail, "send": {}}
    if kind == "bounce":
        detail = {"eventType": "Bounce", "mail": mail, "bounce": {"bounceType": "Permanent", "bounceSubType": "General",
                  "bouncedRecipients": [{"emailAddress": "user%d@example.net" % n}], "timestamp": now}}
    return {"version": "0", "id": "demo-%d" % n, "detail-type": "Email Sent" if kind == "send" else "Email Bounced",
            "source": "aws.ses", "account": "444455556666", "time": now, "region": "eu-central-1",
            "resources": [], "detail": detail}
records = [event(i, "send") for i in range(300)] + [event(300 + i, "bounce") for i in range(36)]
sqs = {"Records": [{"messageId": "demo-msg-%d" % i, "receiptHandle": "rh", "body": json.dumps(e),
                    "eventSource": "aws:sqs"} for i, e in enumerate(records)]}
json.dump(sqs, open(sys.argv[1], "w"))
PY
curl -s -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests" >/dev/null
java -jar "$JAR" invoke events "$PROTECTION_EVENTS" 2>/dev/null; echo
echo "PutConfigurationSetSendingOptions calls the stub saw: $(put_count)"

say "Alerts on the queue (the events function's own rate alerts, and protection's pause)"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects

say "CLI: bin/ses-ops --local actions staging"
bin/ses-ops --local actions staging 2>/dev/null || true

say "CLI: bin/ses-ops --local resume staging --configuration-set marketing"
bin/ses-ops --local resume staging --configuration-set marketing 2>/dev/null || true
echo "PutConfigurationSetSendingOptions calls now: $(put_count)" \
  "(the last one with body $(curl -s "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests" | /usr/bin/python3 -c 'import json,sys; print([r["request"]["body"] for r in json.load(sys.stdin)["requests"] if r["request"]["method"] == "PUT"][0])'))"

say "CLI: resuming it again is refused (ses-ops did not pause it any more)"
bin/ses-ops --local resume staging --configuration-set marketing 2>&1 | tail -1 || true
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects
