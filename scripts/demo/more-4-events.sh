# Sourced by scripts/demo.sh: SES events in, a burst of bounces from one configuration set, one alert for its
# root cause, a redelivery that changes nothing, ses-ops top, and an hour later the one recovery.
say "Events: a bounce burst from configuration set 'newsletter' (12% of 300 sends), healthy 'receipts'"
/usr/bin/python3 scripts/demo/events.py "$WM_DIR/events-burst.json"
java -jar "$JAR" invoke events "$WM_DIR/events-burst.json" 2>/dev/null
say "Alerts after the batch: newsletter 12% (CRITICAL), and it moved news.example.com (12%) and the account (5.3%):"
say "one alert for the root cause, naming the scopes it moved; they do not page on their own"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" | grep -E "alert [0-9]+:|attributes:|Root cause|  - " || true
say "The same batch again (an SQS redelivery, regrouped or not): every event is known by its id, no count changes, no alert"
java -jar "$JAR" invoke events "$WM_DIR/events-burst.json" 2>/dev/null
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects
say "CLI: bin/ses-ops --local top production (worst configuration sets over the last hour)"
bin/ses-ops --local top production 2>/dev/null || true
LATER="$(/usr/bin/python3 -c 'from datetime import datetime, timedelta, timezone; print((datetime.now(timezone.utc) + timedelta(minutes=65)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
say "An hour later (SES_OPS_LOCAL_NOW=$LATER, a local run's clock): 400 clean sends from newsletter; one recovery"
/usr/bin/python3 scripts/demo/events.py "$WM_DIR/events-clean.json" --clean --at "$LATER"
SES_OPS_LOCAL_NOW="$LATER" java -jar "$JAR" invoke events "$WM_DIR/events-clean.json" 2>/dev/null
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects
