# Sourced by scripts/demo.sh after the monitor: the suppression cleanup, dry run then real, and a restore.
# The demo's suppression list is served by WireMock (moto has no SES v2 suppression list): five
# entries per account, two stale bounces, one kept by pattern (@bigcustomer.example), one recent
# bounce on an always-remove domain (@test.example.com), and a complaint (not eligible by policy).

wm_count() {
  curl -s -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests/count" -d "$1" \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}
curl -s -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests" >/dev/null

say "Suppression cleanup, dry run (the config's default): what a real run would remove"
java -jar "$JAR" invoke cleanup events/suppression-cleanup/scheduled.json 2>/dev/null | /usr/bin/python3 scripts/demo/aws.py cleanup-summary

say "Suppression cleanup, real run for production (detail.dry_run=false): trail first, then an import job (bulk_threshold 2 in the demo)"
CLEANUP_OUT="$(java -jar "$JAR" invoke cleanup events/suppression-cleanup/real-run-production.json 2>/dev/null)"
printf '%s' "$CLEANUP_OUT" | /usr/bin/python3 scripts/demo/aws.py cleanup-summary
TRAIL="$(printf '%s' "$CLEANUP_OUT" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["accounts"][0]["trail"])')"
echo "CreateImportJob calls the stub saw: $(wm_count '{"method":"POST","url":"/v2/email/import-jobs"}'), single DeleteSuppressedDestination calls: $(wm_count '{"method":"DELETE","urlPathPattern":"/v2/email/suppression/addresses/.+"}')"

say "Restore from the trail ($TRAIL)"
java -jar "$JAR" restore-suppression "$TRAIL" 2>/dev/null
echo "CreateImportJob calls so far: $(wm_count '{"method":"POST","url":"/v2/email/import-jobs"}'), single PutSuppressedDestination calls: $(wm_count '{"method":"PUT","urlPath":"/v2/email/suppression/addresses"}')"

say "Notice on the queue after the real run"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"
