"""Demo helper for the reports function (issue 24).

  reports.py drop BUCKET OUT_DIR    two days of reports (yesterday and the day before) in the report bucket,
                                    built from events/reports/ with the dates moved; writes OUT_DIR/s3-event.json
  reports.py summary                reads the function's result on stdin and prints it for people
"""
import calendar
import datetime
import gzip
import io
import json
import sys
import urllib.parse
import zipfile
from email.message import EmailMessage

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aws import client  # noqa: E402

FIXTURES = "events/reports/"
FIXTURE_BEGIN = 1796428800  # the fixtures' day, 2026-12-05


def shifted(name, day, suffix):
    text = open(FIXTURES + name).read()
    begin = calendar.timegm(day.timetuple())
    for old, new in ((FIXTURE_BEGIN + 86400, begin + 86400), (FIXTURE_BEGIN + 86399, begin + 86399), (FIXTURE_BEGIN, begin)):
        text = text.replace(f"<begin>{old}</begin>", f"<begin>{new}</begin>").replace(f"<end>{old}</end>", f"<end>{new}</end>")
    return text.replace("</report_id>", f"-{suffix}</report_id>").encode()


def google_mail(xml, day):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"google.com!example.com!{day}.xml", xml)
    msg = EmailMessage()
    msg["From"] = "noreply-dmarc-support@google.com"
    msg["To"] = "dmarc@reports.example.com"
    msg["Subject"] = f"Report domain: example.com Submitter: google.com Report-ID: {day}"
    msg.set_content("This is an aggregate report from google.com.")
    msg.add_attachment(buf.getvalue(), maintype="application", subtype="zip", filename=f"google.com!example.com!{day}.zip")
    return msg.as_bytes()


def drop(bucket, out_dir):
    s3 = client("s3")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    keys = []
    for n, day in enumerate((today - datetime.timedelta(days=2), today - datetime.timedelta(days=1)), start=1):
        objects = {
            f"inbound/demo-google-{day}": google_mail(shifted("google.xml", day, f"day{n}"), day),
            f"reports/enterprise.protection.outlook.com!example.com!{day}.xml.gz": gzip.compress(shifted("outlook.xml", day, f"day{n}")),
        }
        if n == 1:
            # the day SES mail lost DKIM alignment (signed by amazonses.com only): Yahoo reports it
            objects[f"reports/yahoo.com!example.com!{day}.xml.gz"] = gzip.compress(shifted("yahoo.xml", day, f"day{n}"))
        for key, body in objects.items():
            s3.put_object(Bucket=bucket, Key=key, Body=body)
            keys.append(key)
            print(f"  s3://{bucket}/{key} ({len(body)} bytes)")
    sample = json.load(open(FIXTURES + "s3-report-file.json"))
    template = sample["Records"][0]
    records = []
    for key in keys:
        r = json.loads(json.dumps(template))
        r["s3"]["bucket"]["name"] = bucket
        r["s3"]["bucket"]["arn"] = "arn:aws:s3:::" + bucket
        r["s3"]["object"]["key"] = urllib.parse.quote_plus(key)
        records.append(r)
    sample["Records"] = records
    json.dump(sample, open(out_dir + "/s3-event.json", "w"), indent=2)


def summary(text):
    r = json.loads(text)
    print(f"  objects {r['objects']}, reports stored {r['reports']}, duplicates {r['duplicates']}, records {r['records']}, "
          f"rejected {len(r['rejected'])}, alerts {r['alerts']}")
    for v in r.get("verdicts", []):
        print(f"  verdict for {v['domain']}: {v['summary']}")
        print(f"    unknown sources: {', '.join(v['unknown_sources']) or '(none)'}")
        print(f"    publish: {v['dns_name']} TXT \"{v['dns_record']}\"")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "drop":
        drop(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 2 and sys.argv[1] == "summary":
        summary(sys.stdin.read())
    else:
        sys.exit(__doc__)
