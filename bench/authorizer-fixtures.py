#!/usr/bin/env python3
"""The identity side of bench/authorizers.sh, on 127.0.0.1: a Lambda Invoke stand-in whose
`bench-auth` authorizer allows every method of the stage (counting its calls), and a JWKS server
for one RSA key generated here. Writes WORKDIR/user-pools.json (the pool override) and
WORKDIR/id-token (an RS256 ID token valid for a day), prints `lambda PORT jwks PORT`, then serves
until killed. Loopback only.

  authorizer-fixtures.py WORKDIR
"""
import base64
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

POOL_ARN = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Bench"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def number(value):
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


work = sys.argv[1]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
public = key.public_key().public_numbers()
jwks = json.dumps({"keys": [{"kty": "RSA", "kid": "bench-1", "use": "sig", "alg": "RS256",
                             "n": number(public.n), "e": number(public.e)}]}).encode()
calls = {"authorizer": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer(jwks)

    def do_POST(self):
        event = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        calls["authorizer"] += 1
        api_arn = event["methodArn"].split("/")[0]
        self.answer(json.dumps({"principalId": "bench", "policyDocument": {"Version": "2012-10-17", "Statement": [
            {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": f"{api_arn}/*/*"}]}}).encode())


servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(2)]
for server in servers:
    threading.Thread(target=server.serve_forever, daemon=True).start()
lambda_port, jwks_port = (server.server_address[1] for server in servers)
issuer = f"http://127.0.0.1:{jwks_port}/pool"
with open(f"{work}/user-pools.json", "w") as out:
    json.dump({POOL_ARN: {"issuer": issuer, "jwksUri": f"http://127.0.0.1:{jwks_port}/jwks"}}, out)
now = int(time.time())
header = b64url(json.dumps({"alg": "RS256", "kid": "bench-1", "typ": "JWT"}).encode())
claims = b64url(json.dumps({"sub": "bench-user", "iss": issuer, "token_use": "id", "aud": "bench-client",
                            "email": "bench@example.com", "iat": now, "exp": now + 86400}).encode())
signature = key.sign(f"{header}.{claims}".encode(), padding.PKCS1v15(), hashes.SHA256())
with open(f"{work}/id-token", "w") as out:
    out.write(f"{header}.{claims}.{b64url(signature)}")
print(f"lambda {lambda_port} jwks {jwks_port}", flush=True)
threading.Event().wait()
