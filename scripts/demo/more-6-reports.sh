# Sourced by scripts/demo.sh: DMARC reports (issue 24). Two days of reports in the bucket, the reports function on
# their S3 events, the SES attribution (amazonses.com's SPF served by dnsmasq), the alert, the unknown sender, the verdict.
REPORTS_DNS_PORT=$((DNS_PORT + 1))
say "Reports: dnsmasq on 127.0.0.1:$REPORTS_DNS_PORT serving amazonses.com's SPF (demo ranges) and example.com's DMARC record"
REPORTS_DIR="$(mktemp -d)"
cat > "$REPORTS_DIR/dnsmasq.conf" <<'CONF'
txt-record=amazonses.com,"v=spf1 ip4:198.51.100.0/24 include:_v6.amazonses.com -all"
txt-record=_v6.amazonses.com,"v=spf1 ip6:2001:db8:5e5::/48 -all"
txt-record=_dmarc.example.com,"v=DMARC1; p=none; rua=mailto:dmarc@reports.example.com"
ptr-record=77.2.0.192.in-addr.arpa,mail.spoofer.test
local=/example.com/
CONF
if [ -f "$ROOT/.emulator/demo-reports-dnsmasq.pid" ]; then
  kill "$(cat "$ROOT/.emulator/demo-reports-dnsmasq.pid")" 2>/dev/null || true
fi
/usr/sbin/dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
  --port="$REPORTS_DNS_PORT" --conf-file="$REPORTS_DIR/dnsmasq.conf" --pid-file= >"$ROOT/.emulator/demo-reports-dnsmasq.log" 2>&1 &
echo $! > "$ROOT/.emulator/demo-reports-dnsmasq.pid"
sleep 0.5
say "Reports: two days of DMARC reports dropped in s3://$SES_OPS_REPORT_BUCKET (Google in an email, Outlook and Yahoo gzipped)"
/usr/bin/python3 scripts/demo/reports.py drop "$SES_OPS_REPORT_BUCKET" "$REPORTS_DIR"
say "Reports function on the bucket's S3 events: sources, the verdict, the unknown sender"
SES_OPS_DNS_SERVERS="127.0.0.1:$REPORTS_DNS_PORT" java -jar "$JAR" invoke reports "$REPORTS_DIR/s3-event.json" 2>/dev/null \
  | /usr/bin/python3 scripts/demo/reports.py summary
say "Alerts on the queue after the reports (SES mail failing DMARC: CRITICAL; the unknown sender: WARNING)"
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL"
say "The same S3 events again (a redelivery): every report a duplicate, no alert"
SES_OPS_DNS_SERVERS="127.0.0.1:$REPORTS_DNS_PORT" java -jar "$JAR" invoke reports "$REPORTS_DIR/s3-event.json" 2>/dev/null \
  | /usr/bin/python3 scripts/demo/reports.py summary
/usr/bin/python3 scripts/demo/aws.py alerts "$DEMO_QUEUE_URL" --subjects
say "CLI: bin/ses-ops --local dmarc example.com --days 30"
SES_OPS_DNS_SERVERS="127.0.0.1:$REPORTS_DNS_PORT" bin/ses-ops --local dmarc example.com --days 30 2>/dev/null || true
kill "$(cat "$ROOT/.emulator/demo-reports-dnsmasq.pid")" 2>/dev/null || true
