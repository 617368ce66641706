# Sourced by scripts/demo.sh: SES events in, a burst of bounces from one configuration set, its alert, ses-ops top.
say "Events: a bounce burst from configuration set 'newsletter' (12% of 300 sends), healthy 'receipts'"
/usr/bin/python3 scripts/demo/events.py "$WM_DIR/events-burst.json"
java -jar "$JAR" invoke events "$WM_DIR/events-burst.json" 2>/dev/null
say "Alerts on the queue after the events batch (the configuration set named in subject and 'scope')"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" | grep -E "alert [0-9]+:|attributes:" || true
say "The same batch again (an SQS redelivery): no counter changes, no alert"
java -jar "$JAR" invoke events "$WM_DIR/events-burst.json" 2>/dev/null
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects
say "CLI: bin/ses-ops --local top production (worst configuration sets over the last hour)"
bin/ses-ops --local top production 2>/dev/null || true
