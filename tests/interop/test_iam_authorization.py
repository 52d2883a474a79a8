"""AWS_IAM methods and resource policies end to end through `tollgate dev` (a real control plane and
data-plane node): an IAM user and its key are created with boto3's `iam` client against the control
plane, and botocore-signed `execute-api` calls reach the node. Identity policies allow one method and
deny another; deactivating and deleting the key propagate like any snapshot change; a resource policy
denies 127.0.0.1 on one API and allows by another condition on a second; a signed gzip body is checked as
sent and forwarded decoded."""
import base64
import gzip
import http.client
import json
import re
import shutil
import subprocess
import tempfile
import time

import boto3
import pytest
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

from conftest import read_until, stop_process, tollgate_bin

REGION = "us-east-1"


@pytest.fixture
def dev():
    workdir = tempfile.mkdtemp(prefix="tollgate-iam-")
    proc = subprocess.Popen([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0", "--threads", "1"],
                            cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        text = read_until(proc, "---- end of session ----")
        admin = int(re.search(r"admin API .* http://127\.0\.0\.1:(\d+)", text).group(1))
        gateway = int(re.search(r"gateway \(data-plane node\)\s+http://127\.0\.0\.1:(\d+)", text).group(1))
        echo = int(re.search(r"echo backend\s+http://127\.0\.0\.1:(\d+)", text).group(1))
        key_id = re.search(r"AWS_ACCESS_KEY_ID=(\S+)", text).group(1)
        secret = re.search(r"AWS_SECRET_ACCESS_KEY=(\S+)", text).group(1)
        config = Config(retries={"max_attempts": 0})
        endpoint = f"http://127.0.0.1:{admin}"
        apigw = boto3.client("apigateway", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=key_id,
                             aws_secret_access_key=secret, config=config)
        iam = boto3.client("iam", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=key_id,
                           aws_secret_access_key=secret, config=config)
        yield apigw, iam, gateway, echo
    finally:
        stop_process(proc)
        shutil.rmtree(workdir, ignore_errors=True)


IDENTITY_HEADERS = {"x-user-arn": "userArn", "x-access-key": "accessKey", "x-user": "user", "x-caller": "caller",
                    "x-account": "accountId", "x-source-ip": "sourceIp"}


def mock_api(apigw, name, auth, policy=None, paths=("read", "write"), echo=None):
    """An API with GET /{path} for each path: MOCK, or with `echo` an HTTP integration to the echo
    backend that forwards `$context.identity.*` as headers (the echo answers with what it received)."""
    kwargs = {"name": name}
    if policy is not None:
        kwargs["policy"] = json.dumps(policy)
    api_id = apigw.create_rest_api(**kwargs)["id"]
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    for path in paths:
        rid = apigw.create_resource(restApiId=api_id, parentId=root, pathPart=path)["id"]
        apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="GET", authorizationType=auth)
        if echo:
            apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="GET", type="HTTP", integrationHttpMethod="GET",
                                  uri=f"http://127.0.0.1:{echo}/{path}",
                                  requestParameters={f"integration.request.header.{h}": f"context.identity.{v}"
                                                     for h, v in IDENTITY_HEADERS.items()})
        else:
            apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="GET", type="MOCK",
                                  requestTemplates={"application/json": '{"statusCode": 200}'})
        apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200")
        apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200")
    apigw.create_deployment(restApiId=api_id, stageName="v1")
    return api_id


def call(gateway, api_id, path, credentials=None, presign=False, headers=None):
    host = f"{api_id}.execute-api.localhost:{gateway}"
    url = f"http://127.0.0.1:{gateway}/v1/{path}"
    request = AWSRequest(method="GET", url=url, headers={"Host": host, **(headers or {})})
    if credentials is not None:
        signer = SigV4QueryAuth(credentials, "execute-api", REGION, expires=300) if presign else SigV4Auth(credentials, "execute-api", REGION)
        signer.add_auth(request)
    conn = http.client.HTTPConnection("127.0.0.1", gateway, timeout=10)
    target = request.url[len(f"http://127.0.0.1:{gateway}"):]
    conn.request("GET", target, headers=dict(request.headers.items()))
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def wait_for(check, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.05)
    return check()


def test_botocore_signed_calls_as_an_iam_user_are_allowed_and_denied_by_its_policies(dev):
    apigw, iam, gateway, echo = dev
    user = iam.create_user(UserName="caller")["User"]
    key = iam.create_access_key(UserName="caller")["AccessKey"]
    iam.put_user_policy(UserName="caller", PolicyName="invoke", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/GET/*"}]}))
    deny = iam.create_policy(PolicyName="no-write", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/GET/write"}]}))
    iam.attach_user_policy(UserName="caller", PolicyArn=deny["Policy"]["Arn"])
    api_id = mock_api(apigw, "iam", "AWS_IAM", echo=echo)
    credentials = Credentials(key["AccessKeyId"], key["SecretAccessKey"])

    status, body = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(call(gateway, api_id, "read", credentials)))
    assert status == 200, body
    seen = {name.lower(): value for name, value in json.loads(body)["headers"]}
    assert {h: seen.get(h) for h in IDENTITY_HEADERS} == {
        "x-user-arn": user["Arn"], "x-access-key": key["AccessKeyId"], "x-user": user["UserId"], "x-caller": user["UserId"],
        "x-account": "000000000000", "x-source-ip": "127.0.0.1"}
    assert call(gateway, api_id, "read", credentials, presign=True)[0] == 200

    status, body = call(gateway, api_id, "write", credentials)
    assert status == 403
    assert json.loads(body) == {"Message": f"User: {user['Arn']} is not authorized to perform: execute-api:Invoke on resource: "
                                           f"arn:aws:execute-api:{REGION}:********0000:{api_id}/v1/GET/write with an explicit deny"}

    assert call(gateway, api_id, "read") == (403, b'{"message":"Missing Authentication Token"}')
    wrong = Credentials(key["AccessKeyId"], "not-the-secret")
    status, body = call(gateway, api_id, "read", wrong)
    assert status == 403 and json.loads(body)["message"].startswith("The request signature we calculated does not match")
    unknown = Credentials("AKIAUNKNOWNUNKNOWN00", "whatever")
    assert call(gateway, api_id, "read", unknown) == (403, b'{"message":"The security token included in the request is invalid."}')
    with_token = Credentials(key["AccessKeyId"], key["SecretAccessKey"], "some-session-token")
    assert call(gateway, api_id, "read", with_token)[0] == 403

    # Deactivating the key reaches the node like any snapshot change; so does reactivating and deleting it.
    iam.update_access_key(UserName="caller", AccessKeyId=key["AccessKeyId"], Status="Inactive")
    assert wait_for(lambda: call(gateway, api_id, "read", credentials)[0] == 403)
    assert call(gateway, api_id, "read", credentials)[1] == b'{"message":"The security token included in the request is invalid."}'
    iam.update_access_key(UserName="caller", AccessKeyId=key["AccessKeyId"], Status="Active")
    assert wait_for(lambda: call(gateway, api_id, "read", credentials)[0] == 200)
    iam.delete_access_key(UserName="caller", AccessKeyId=key["AccessKeyId"])
    assert wait_for(lambda: call(gateway, api_id, "read", credentials)[0] == 403)


def test_resource_policies_deny_a_source_ip_and_allow_by_another_condition(dev):
    apigw, _, gateway, _ = dev
    denied = mock_api(apigw, "deny-local", "NONE", policy={
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
             "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.1/32"]}}}]}, paths=("read",))
    by_agent = mock_api(apigw, "by-agent", "NONE", policy={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/v1/GET/*",
                       "Condition": {"StringLike": {"aws:UserAgent": "trusted-client/*"}}}]}, paths=("read",))

    status, body = wait_for(lambda: (lambda r: r if r[0] == 403 and b"explicit deny" in r[1] else None)(call(gateway, denied, "read")))
    assert json.loads(body) == {"Message": "User: anonymous is not authorized to perform: execute-api:Invoke on resource: "
                                           f"arn:aws:execute-api:{REGION}:********0000:{denied}/v1/GET/read with an explicit deny"}
    # A client-written X-Forwarded-For does not change the source address (no trusted proxy configured).
    assert call(gateway, denied, "read", headers={"X-Forwarded-For": "203.0.113.9"})[0] == 403

    status, body = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(
        call(gateway, by_agent, "read", headers={"User-Agent": "trusted-client/1.0"})))
    assert status == 200, body
    status, body = call(gateway, by_agent, "read", headers={"User-Agent": "curl/8"})
    assert status == 403
    assert json.loads(body) == {"Message": "User: anonymous is not authorized to perform: execute-api:Invoke on resource: "
                                           f"arn:aws:execute-api:{REGION}:********0000:{by_agent}/v1/GET/read"}


def test_a_signed_gzip_body_is_verified_as_sent_and_forwarded_decoded(dev):
    """SigV4's payload hash covers the body as sent (compressed); the node checks it before it
    decompresses (docs/compatibility.md, Compression), so the backend gets the decoded body and a
    body changed after signing is refused."""
    apigw, iam, gateway, echo = dev
    iam.create_user(UserName="uploader")
    key = iam.create_access_key(UserName="uploader")["AccessKey"]
    iam.put_user_policy(UserName="uploader", PolicyName="invoke", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/POST/upload"}]}))
    api_id = apigw.create_rest_api(name="gzip-iam", minimumCompressionSize=0)["id"]
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    rid = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="upload")["id"]
    apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="POST", authorizationType="AWS_IAM")
    apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="POST", type="HTTP_PROXY", integrationHttpMethod="POST",
                          uri=f"http://127.0.0.1:{echo}/echo")
    apigw.create_deployment(restApiId=api_id, stageName="v1")
    credentials = Credentials(key["AccessKeyId"], key["SecretAccessKey"])
    plain = json.dumps({"items": list(range(200))}).encode()
    compressed = gzip.compress(plain)

    def post(body, tamper=None):
        url = f"http://127.0.0.1:{gateway}/v1/upload"
        headers = {"Host": f"{api_id}.execute-api.localhost:{gateway}", "Content-Encoding": "gzip",
                   "Content-Type": "application/json"}
        request = AWSRequest(method="POST", url=url, data=body, headers=headers)
        SigV4Auth(credentials, "execute-api", REGION).add_auth(request)
        sent = tamper if tamper is not None else body
        conn = http.client.HTTPConnection("127.0.0.1", gateway, timeout=10)
        signed = {name: value for name, value in request.headers.items() if name.lower() != "content-length"}
        conn.request("POST", "/v1/upload", body=sent, headers=signed)
        response = conn.getresponse()
        result = response.status, response.read()
        conn.close()
        return result

    status, body = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(post(compressed)))
    assert status == 200, body
    echoed = json.loads(body)
    received = base64.b64decode(echoed["body"]) if echoed.get("isBase64Encoded") else echoed["body"].encode()
    assert received == plain
    assert "content-encoding" not in {name.lower() for name, _ in echoed["headers"]}

    # Other compressed bytes than the signed ones (same decoded content, another compression level).
    other = gzip.compress(plain, compresslevel=1)
    assert other != compressed
    status, body = post(compressed, tamper=other)
    assert status == 403 and json.loads(body)["message"].startswith("The request signature we calculated does not match"), body
