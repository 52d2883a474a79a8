"""`tollgate dev --lambda-endpoint URL` serves AWS_PROXY methods from a Lambda Invoke API.

The Invoke API here is a stand-in on 127.0.0.1 port 0 that records each call and answers as a
function returning a proxy response would; without the flag the same method answers 500."""
import http.client
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
from botocore.config import Config

from conftest import read_until, stop_process, tollgate_bin

FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:hello"


class InvokeStandIn(BaseHTTPRequestHandler):
    calls = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        InvokeStandIn.calls.append((self.path, json.loads(body)))
        event = json.loads(body)
        answer = json.dumps({"statusCode": 200, "headers": {"X-From": "stand-in"},
                             "body": json.dumps({"greeting": "hello " + event["queryStringParameters"]["name"]})}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def start_dev(workdir, extra):
    proc = subprocess.Popen([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0", "--gossip", "off",
                             *extra], cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    text = read_until(proc, "---- end of session ----")
    admin = re.search(r"admin API .* (http://127\.0\.0\.1:\d+)", text).group(1)
    gateway = int(re.search(r"gateway \(data-plane node\)\s+http://127\.0\.0\.1:(\d+)", text).group(1))
    key = re.search(r"AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)", text)
    client = boto3.client("apigateway", endpoint_url=admin, region_name="us-east-1",
                          aws_access_key_id=key.group(1), aws_secret_access_key=key.group(2),
                          config=Config(retries={"max_attempts": 1}))
    return proc, client, gateway


def lambda_api(client):
    api = client.create_rest_api(name="dev-lambda")["id"]
    root = client.get_resources(restApiId=api)["items"][0]["id"]
    resource = client.create_resource(restApiId=api, parentId=root, pathPart="hello")["id"]
    client.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    client.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="AWS_PROXY", integrationHttpMethod="POST",
                           uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FUNCTION}/invocations")
    client.create_deployment(restApiId=api, stageName="prod")
    return api


def call_until(gateway, api, wanted, timeout=20):
    deadline = time.time() + timeout
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", gateway, timeout=5)
        connection.request("GET", "/prod/hello?name=dev", headers={"Host": f"{api}.execute-api.localhost"})
        response = connection.getresponse()
        status, headers, body = response.status, dict(response.getheaders()), response.read()
        connection.close()
        if status == wanted or time.time() > deadline:
            return status, headers, body
        time.sleep(0.2)


def test_dev_serves_aws_proxy_methods_from_the_lambda_endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), InvokeStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    InvokeStandIn.calls.clear()
    workdir = tempfile.mkdtemp(prefix="tollgate-dev-lambda-")
    proc = None
    try:
        proc, client, gateway = start_dev(workdir, ["--lambda-endpoint", f"http://127.0.0.1:{server.server_address[1]}"])
        api = lambda_api(client)
        status, headers, body = call_until(gateway, api, 200)
        assert status == 200, body
        assert json.loads(body) == {"greeting": "hello dev"}
        assert headers.get("X-From") == "stand-in"
        path, event = InvokeStandIn.calls[-1]
        # The function ARN is one path segment, its colons percent-encoded as the AWS SDKs send it.
        assert urllib.parse.unquote(path) == f"/2015-03-31/functions/{FUNCTION}/invocations"
        assert event["resource"] == "/hello" and event["httpMethod"] == "GET"
        assert event["requestContext"]["stage"] == "prod"
    finally:
        if proc:
            stop_process(proc)
        server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)


def test_dev_without_a_lambda_endpoint_answers_500_for_aws_proxy_methods():
    workdir = tempfile.mkdtemp(prefix="tollgate-dev-lambda-")
    proc = None
    try:
        proc, client, gateway = start_dev(workdir, [])
        api = lambda_api(client)
        status, _, body = call_until(gateway, api, 500)
        assert status == 500, body
        assert json.loads(body) == {"message": "Internal server error"}
    finally:
        if proc:
            stop_process(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def test_dev_refuses_a_malformed_lambda_endpoint():
    result = subprocess.run([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0",
                             "--lambda-endpoint", "ftp://nowhere"], capture_output=True, text=True, timeout=30,
                            cwd=tempfile.gettempdir())
    assert result.returncode != 0
    assert "--lambda-endpoint must look like http://HOST:PORT" in result.stderr
