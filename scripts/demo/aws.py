"""Demo helper: creates the demo's AWS resources in the local emulator and reads the alert queue.

Runs with the system python and Debian's boto3 (installed by scripts/emulator.sh install).
  aws.py setup SUFFIX CONFIG_FILE   prints shell exports for the functions
  aws.py alerts QUEUE_URL           prints the alerts that reached the queue and deletes them
  aws.py monitor-summary            reads a monitor report on stdin and prints it as a table
"""
import json
import os
import sys

import boto3

ENDPOINT = os.environ.get("SES_OPS_MOTO_ENDPOINT", "http://127.0.0.1:5055")


def client(service, region="us-east-1"):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region,
                        aws_access_key_id="demo", aws_secret_access_key="demo")


def setup(suffix, config_file):
    with open(config_file, encoding="utf-8") as f:
        config_text = f.read()
    config = json.loads(config_text)

    sm = client("secretsmanager")
    secret = "ses-ops-demo-config-" + suffix
    sm.create_secret(Name=secret, SecretString=config_text)

    sns = client("sns")
    sqs = client("sqs")
    topic = sns.create_topic(Name="ses-ops-demo-alerts-" + suffix)["TopicArn"]
    queue = sqs.create_queue(QueueName="ses-ops-demo-alerts-" + suffix)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)

    ddb = client("dynamodb")
    table = "ses-ops-demo-state-" + suffix
    ddb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                {"AttributeName": "sk", "KeyType": "RANGE"}])

    bucket = "ses-ops-demo-reports-" + suffix
    client("s3").create_bucket(Bucket=bucket)

    # each account's identities, in its own Region, and a few sends through the simulator; the
    # last verified email of every account but the first is left out on purpose (audit drift),
    # and the first account gets one identity the config does not list
    demo_dir = os.environ.get("DEMO_DIR")
    dkim_mappings = []
    dns_lines = []
    for index, (name, account) in enumerate(config["accounts"].items()):
        region = account["region"]
        ses = client("ses", region)
        domains = list(account.get("verified_domains", []))
        emails = list(account.get("verified_emails", []))
        if index > 0 and len(emails) > 1:
            emails = emails[:-1]
        if index == 0:
            domains.append("legacy." + domains[0])
        dkim = {}
        for domain in domains:
            token = ses.verify_domain_identity(Domain=domain)["VerificationToken"]
            dkim[domain] = ses.verify_domain_dkim(Domain=domain)["DkimTokens"]
            dns_lines.extend(dns_records(domain, token, dkim[domain], healthy=(index == 0)))
        for email in emails:
            ses.verify_email_identity(EmailAddress=email)
        sender = (emails or ["noreply@example.com"])[0]
        for _ in range(5):
            ses.send_email(Source=sender, Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
                           Message={"Subject": {"Data": "ses-ops demo"}, "Body": {"Text": {"Data": "demo"}}})
        dkim_mappings.append(dkim_mapping(region, dkim, emails))
    # a recipient domain for the CLI's debug command
    dns_lines.extend(["local=/example.net/", "mx-host=example.net,mx1.example.net,10"])
    if demo_dir:
        for i, m in enumerate(dkim_mappings):
            with open(os.path.join(demo_dir, "mappings", "dkim-%d.json" % i), "w", encoding="utf-8") as f:
                json.dump(m, f, indent=2)
        with open(os.path.join(demo_dir, "dnsmasq.conf"), "w", encoding="utf-8") as f:
            f.write("\n".join(dns_lines) + "\n")

    print(f"export SES_OPS_SECRET_ID={secret}")
    print(f"export SES_OPS_ALERT_TOPIC_ARN={topic}")
    print(f"export SES_OPS_STATE_TABLE={table}")
    print(f"export SES_OPS_REPORT_BUCKET={bucket}")
    print(f"export DEMO_QUEUE_URL={queue}")


def dns_records(domain, verification_token, dkim_tokens, healthy):
    """dnsmasq lines: all good for the first account's domains; for the others one DKIM CNAME points
    elsewhere, the verification TXT is missing and DMARC is p=none."""
    lines = ["local=/%s/" % domain]
    for i, t in enumerate(dkim_tokens):
        target = "%s.dkim.amazonses.com" % t if healthy or i > 0 else "wrong.example.net"
        lines.append("cname=%s._domainkey.%s,%s" % (t, domain, target))
    if healthy:
        lines.append('txt-record=_amazonses.%s,"%s"' % (domain, verification_token))
        lines.append('txt-record=_dmarc.%s,"v=DMARC1; p=quarantine; rua=mailto:dmarc@%s"' % (domain, domain))
    else:
        lines.append('txt-record=_dmarc.%s,"v=DMARC1; p=none"' % domain)
    lines.append("mx-host=%s,inbound-smtp.us-east-1.amazonaws.com,10" % domain)
    return lines


def dkim_mapping(region, dkim, emails):
    """A WireMock mapping answering SES v1 GetIdentityDkimAttributes (moto 5.1 lacks it) with the
    tokens moto handed out; the other SES v1 calls are proxied to moto."""
    entries = ""
    for domain, tokens in dkim.items():
        toks = "".join("<member>%s</member>" % t for t in tokens)
        entries += ("<entry><key>%s</key><value><DkimEnabled>true</DkimEnabled>"
                    "<DkimVerificationStatus>Success</DkimVerificationStatus><DkimTokens>%s</DkimTokens>"
                    "</value></entry>") % (domain, toks)
    for email in emails:
        entries += ("<entry><key>%s</key><value><DkimEnabled>false</DkimEnabled>"
                    "<DkimVerificationStatus>NotStarted</DkimVerificationStatus></value></entry>") % email
    body = ('<GetIdentityDkimAttributesResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">'
            "<GetIdentityDkimAttributesResult><DkimAttributes>%s</DkimAttributes></GetIdentityDkimAttributesResult>"
            "<ResponseMetadata><RequestId>demo</RequestId></ResponseMetadata></GetIdentityDkimAttributesResponse>") % entries
    return {
        "priority": 1,
        "request": {"method": "POST", "url": "/",
                    "headers": {"Authorization": {"contains": "/%s/ses/" % region}},
                    "bodyPatterns": [{"contains": "Action=GetIdentityDkimAttributes"}]},
        "response": {"status": 200, "headers": {"Content-Type": "text/xml"}, "body": body},
    }


def alerts(queue_url, subjects_only=False):
    sqs = client("sqs")
    count = 0
    while True:
        msgs = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        if not msgs:
            break
        for m in msgs:
            body = json.loads(m["Body"])
            attrs = {k: v.get("Value") for k, v in body.get("MessageAttributes", {}).items()}
            count += 1
            print(f"  alert {count}: {body.get('Subject')}")
            if not subjects_only:
                print(f"    attributes: {json.dumps(attrs, sort_keys=True)}")
                for line in body.get("Message", "").splitlines():
                    print(f"    | {line}")
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"])
    if count == 0:
        print("  (no alerts on the queue)")
    return count


def monitor_summary(text):
    r = json.loads(text)
    print("run", r["run_id"], "-", r["duration_ms"], "ms -", json.dumps(r["summary"]))
    for a in r["accounts"]:
        print("  %s (%s): %s" % (a["account"], a["region"], a["level"]))
        for s in a["signals"]:
            print("    %-8s %-19s %s" % (s["level"], s["check"], s["display"]))
        for e in a.get("errors", []):
            print("    error    %s: %s %s" % (e["source"], e["kind"], e["detail"]))
        for al in a.get("alerts", []):
            print("    alerted  %s" % al["subject"])


def cleanup_summary(text):
    r = json.loads(text)
    print("run", r["run_id"])
    for a in r["accounts"]:
        print("  %s: %s, listed %s, eligible %s, kept by pattern %s, planned %s, removed %s, failed %s, left %s, SES calls %s"
              % (a["account"], a["status"], a["listed"], a["eligible"], a["kept_by_pattern"], a["planned"],
                 a["removed"], a["failed"], a["left_for_next_run"], a["ses_calls"]))
        if a.get("trail"):
            print("    trail:", a["trail"])
        for w in a.get("would_remove", []):
            print("    would remove %s (%s, last update %s)" % (w["email_address"], w["reason"], w["last_update_time"]))


def audit_summary(text):
    r = json.loads(text)
    for line in r.get("summary", []):
        print("  " + line)
    for a in r.get("accounts", []):
        print("  %s: score %s, new %s, resolved %s, SES calls %s, report s3://.../%s"
              % (a["account"], a["score"], a["new_findings"], a["resolved"], a["ses_calls"], a["report_key"]))
    for f in r.get("failures", []):
        print("  failure: " + f)


def audit_report(bucket, account):
    s3 = client("s3")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="audits/%s/" % account).get("Contents", [])]
    if not keys:
        print("  (no report for %s)" % account)
        return
    report = json.loads(s3.get_object(Bucket=bucket, Key=max(keys))["Body"].read())
    print("  findings in %s:" % max(keys))
    for f in report["findings"]:
        print("    %-8s %-28s %-34s %s" % (f["severity"], f["id"], f["resource"][:34], f["message"][:90]))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "setup" and len(sys.argv) == 4:
        setup(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 2 and sys.argv[1] == "monitor-summary":
        monitor_summary(sys.stdin.read())
    elif len(sys.argv) == 2 and sys.argv[1] == "cleanup-summary":
        cleanup_summary(sys.stdin.read())
    elif len(sys.argv) == 2 and sys.argv[1] == "audit-summary":
        audit_summary(sys.stdin.read())
    elif len(sys.argv) == 4 and sys.argv[1] == "audit-report":
        audit_report(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (3, 4) and sys.argv[1] == "alerts":
        alerts(sys.argv[2], subjects_only=len(sys.argv) == 4 and sys.argv[3] == "--subjects")
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
