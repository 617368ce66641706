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

    # each account's identities, in its own Region, and a few sends through the simulator
    for name, account in config["accounts"].items():
        ses = client("ses", account["region"])
        for domain in account.get("verified_domains", []):
            ses.verify_domain_identity(Domain=domain)
            ses.verify_domain_dkim(Domain=domain)
        for email in account.get("verified_emails", []):
            ses.verify_email_identity(EmailAddress=email)
        sender = (account.get("verified_emails") or ["noreply@example.com"])[0]
        for _ in range(5):
            ses.send_email(Source=sender, Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
                           Message={"Subject": {"Data": "ses-ops demo"}, "Body": {"Text": {"Data": "demo"}}})

    print(f"export SES_OPS_SECRET_ID={secret}")
    print(f"export SES_OPS_ALERT_TOPIC_ARN={topic}")
    print(f"export SES_OPS_STATE_TABLE={table}")
    print(f"export SES_OPS_REPORT_BUCKET={bucket}")
    print(f"export DEMO_QUEUE_URL={queue}")


def alerts(queue_url):
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


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "setup" and len(sys.argv) == 4:
        setup(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 2 and sys.argv[1] == "monitor-summary":
        monitor_summary(sys.stdin.read())
    elif len(sys.argv) == 3 and sys.argv[1] == "alerts":
        alerts(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
