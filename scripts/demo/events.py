"""Writes an SQS event (what Lambda hands the events function) of SES events in EventBridge envelopes.

   python3 scripts/demo/events.py FILE [--clean] [--at ISO_INSTANT]
A burst from one configuration set ("newsletter": 300 sends, 36 hard bounces, 12%) and healthy
sending from another ("receipts": 400 sends, 1 bounce), account 111122223333 in us-west-2 (production
in the demo config), timestamped now (or --at). --clean: 400 clean sends from "newsletter" instead."""
import json
import sys
from datetime import datetime, timezone

ACCOUNT = "111122223333"


def event(i, kind, config_set, domain, recipient, now):
    mail = {"timestamp": now, "source": f"noreply@{domain}", "sendingAccountId": ACCOUNT,
            "messageId": f"0100019a-demo-{i:06d}", "destination": [recipient],
            "tags": {"ses:configuration-set": [config_set], "ses:from-domain": [domain]}}
    detail = {"eventType": "Send" if kind == "send" else "Bounce", "mail": mail}
    if kind == "bounce":
        detail["bounce"] = {"bounceType": "Permanent", "bounceSubType": "General", "timestamp": now,
                            "bouncedRecipients": [{"emailAddress": recipient, "status": "5.1.1"}]}
    body = {"version": "0", "id": f"demo-{i}", "detail-type": "Email Sent" if kind == "send" else "Email Bounced",
            "source": "aws.ses", "account": ACCOUNT, "time": now, "region": "us-west-2", "resources": [], "detail": detail}
    return {"messageId": f"demo-msg-{i:06d}", "receiptHandle": "demo", "body": json.dumps(body), "eventSource": "aws:sqs"}


def main(path, clean=False, at=None):
    now = at or datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    records, i = [], 0
    base = 500000 if clean else 0
    plan = (("newsletter", "news.example.com", 400, 0),) if clean else \
        (("newsletter", "news.example.com", 300, 36), ("receipts", "example.com", 400, 1))
    for cs, domain, sends, bounces in plan:
        for n in range(sends):
            records.append(event(base + i, "send", cs, domain, f"reader{n}@mail{n % 7}.example.net", now)); i += 1
        for n in range(bounces):
            records.append(event(base + i, "bounce", cs, domain, f"reader{n}@mail{n % 7}.example.net", now)); i += 1
    with open(path, "w") as f:
        json.dump({"Records": records}, f)
    if clean:
        print(f"  {len(records)} records: newsletter 400 clean sends at {now}")
    else:
        print(f"  {len(records)} records: newsletter 300 sends / 36 hard bounces, receipts 400 sends / 1 bounce")


if __name__ == "__main__":
    args = sys.argv[1:]
    at = args[args.index("--at") + 1] if "--at" in args else None
    main(args[0], clean="--clean" in args, at=at)
