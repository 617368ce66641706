"""Signs each case read from stdin (a JSON array) with botocore's SigV4Auth, sends it with http.client,
and prints the answers as a JSON array. SigV4ClientsIT runs it: the signature is botocore's (Debian's
python3-botocore, as awscurl and many scripts use), not ses-ops' own.

usage: python3 botocore_client.py HOST:PORT < cases.json
"""
import datetime
import hashlib
import http.client
import json
import sys
from unittest import mock
from urllib.parse import quote

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def wire_query(pairs):
    return "&".join(quote(k, safe="-_.~") + "=" + quote(v, safe="-_.~") for k, v in pairs)


def target(path, pairs):
    return path + ("?" + wire_query(pairs) if pairs else "")


class _Clock(datetime.datetime):
    then = None

    @classmethod
    def utcnow(cls):
        return cls.then

    @classmethod
    def now(cls, tz=None):
        return cls.then if tz is None else cls.then.replace(tzinfo=tz)


def sign(auth, request, age_seconds):
    if not age_seconds:
        auth.add_auth(request)
        return
    _Clock.then = datetime.datetime.utcnow() - datetime.timedelta(seconds=age_seconds)
    if hasattr(botocore.auth, "get_current_datetime"):  # newer botocore
        with mock.patch("botocore.auth.get_current_datetime", return_value=_Clock.then):
            auth.add_auth(request)
    else:  # botocore 1.29 (Debian bookworm) reads datetime.datetime.utcnow()
        with mock.patch.object(botocore.auth.datetime, "datetime", _Clock):
            auth.add_auth(request)


def run(host, case):
    body = case.get("body", "").encode("utf-8")
    headers = dict(case.get("headers", {}))
    if case.get("contentSha256"):
        headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
    url = "http://" + host + target(case["path"], case.get("query", []))
    request = AWSRequest(method=case["method"], url=url, data=body, headers=headers)
    key = case["key"]
    auth = botocore.auth.SigV4Auth(Credentials(key["id"], key["secret"], key.get("token")), "execute-api", "us-east-1")
    sign(auth, request, case.get("ageSeconds", 0))

    send = case.get("send", {})
    sent_headers = {k: v for k, v in request.headers.items() if k.lower() != send.get("dropHeader", "").lower()}
    sent_body = send["body"].encode("utf-8") if "body" in send else body
    conn = http.client.HTTPConnection(host, timeout=30)
    try:
        conn.request(case["method"], target(send.get("path", case["path"]), send.get("query", case.get("query", []))),
                     body=sent_body, headers=sent_headers)
        response = conn.getresponse()
        return {"name": case["name"], "status": response.status, "body": response.read().decode("utf-8"),
                "signedHeaders": request.headers["Authorization"].split("SignedHeaders=")[1].split(",")[0]}
    finally:
        conn.close()


def main():
    host = sys.argv[1]
    cases = json.load(sys.stdin)
    json.dump({"signer": "botocore " + botocore.__version__, "results": [run(host, c) for c in cases]}, sys.stdout)


if __name__ == "__main__":
    main()
