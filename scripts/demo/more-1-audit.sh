# Sourced by scripts/demo.sh after the monitor: the audit of both accounts, twice.
# production: everything in order except one identity the config does not list (drift, INFO);
# staging: one DKIM CNAME wrong, no verification TXT, DMARC p=none, a configured address SES
# does not have (drift, HIGH), no configuration set with bounce/complaint destinations.

say "Audit, first run: findings per account, report in S3, alerts for new HIGH/CRITICAL findings"
java -jar "$JAR" invoke audit events/audit/scheduled.json 2>/dev/null | /usr/bin/python3 scripts/demo/aws.py audit-summary
/usr/bin/python3 scripts/demo/aws.py audit-report "$SES_OPS_REPORT_BUCKET" staging
say "Alerts on the queue after the first audit"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects

say "Audit, second run: the same findings are known, so no alert is repeated"
java -jar "$JAR" invoke audit events/audit/scheduled.json 2>/dev/null | /usr/bin/python3 scripts/demo/aws.py audit-summary
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects
