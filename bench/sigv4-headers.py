#!/usr/bin/env python3
"""Prints the headers of one botocore-signed execute-api GET, one `Name: value` per line.

  sigv4-headers.py KEY_ID SECRET HOST PATH

Signed now (SigV4, service execute-api, us-east-1): the same bytes stay valid for AWS's 5-minute
clock skew, so bench/instructions.sh can send them many times (SigV4 has no replay protection).
"""
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

key_id, secret, host, path = sys.argv[1:5]
request = AWSRequest(method="GET", url=f"http://127.0.0.1{path}", headers={"Host": host})
SigV4Auth(Credentials(key_id, secret), "execute-api", "us-east-1").add_auth(request)
for name, value in request.headers.items():
    print(f"{name}: {value}")
