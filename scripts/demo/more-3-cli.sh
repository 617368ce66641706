# Sourced by scripts/demo.sh last: the CLI in --local mode, the helper's commands against the same emulator.
say "CLI (--local): bin/ses-ops accounts; quota production; suppression-details production; debug staging old.bounce@example.net"
bin/ses-ops --local accounts 2>/dev/null
bin/ses-ops --local quota production 2>/dev/null
bin/ses-ops --local suppression-details production gone+tag@example.org 2>/dev/null || true
bin/ses-ops --local debug staging old.bounce@example.net --from noreply@staging.example.org 2>/dev/null || true
