#!/usr/bin/env python3
"""Prints requests exactly as botocore signs them for Amazon API Gateway's admin API.

Used to produce the fixed vectors in SigV4BotocoreTests.swift (regenerate with
`python3 Tests/Fixtures/SigV4/botocore_vectors.py`). No network traffic: a `before-send`
hook captures each prepared request and stops it before it leaves the process. The clock is
pinned by replacing botocore.auth.get_current_datetime.
"""
import datetime
import json

import botocore.auth
import botocore.session

FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0, tzinfo=datetime.timezone.utc)
botocore.auth.get_current_datetime = lambda: FIXED_TIME

ENDPOINT = "http://127.0.0.1:4566"
KEY_ID, SECRET = "AKIDTOLLGATEEXAMPLE", "tollgate/Secret+Key/EXAMPLE0123456789abcdef"


class Captured(Exception):
    pass


def client(token=None):
    session = botocore.session.get_session()
    c = session.create_client("apigateway", region_name="eu-west-1", endpoint_url=ENDPOINT,
                              aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET,
                              aws_session_token=token)

    def stop(request, **_):
        raise Captured(request)

    c.meta.events.register("before-send.apigateway", stop)
    return c


def capture(call):
    try:
        call()
    except Captured as captured:
        request = captured.args[0]
        path_and_query = request.url[len(ENDPOINT):]
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        return {
            "method": request.method,
            "target": path_and_query,
            "headers": [[k, v.decode() if isinstance(v, bytes) else v] for k, v in request.headers.items()],
            "body": body.decode(),
        }
    raise AssertionError("request was not captured")


vectors = {
    "getRestApisWithQuery": capture(lambda: client().get_rest_apis(limit=2, position="abc/def+ghi== x")),
    "createRestApiJSONBody": capture(lambda: client().create_rest_api(name="demo api", description="ünïcode ✓")),
    "tagResourceEncodedPath": capture(lambda: client().tag_resource(
        resourceArn="arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod", tags={"team": "edge"})),
    "getResourceEmbed": capture(lambda: client().get_resource(
        restApiId="a1b2c3d4e5", resourceId="abc123", embed=["methods"])),
    "sessionTokenSigned": capture(lambda: client(token="FwoGZXIvYXdzEXAMPLETOKEN//+=").get_account()),
}
url = client().generate_presigned_url("get_rest_apis", Params={"limit": 5}, ExpiresIn=900)
vectors["presignedGetRestApis"] = {"method": "GET", "target": url[len(ENDPOINT):], "headers": [["Host", "127.0.0.1:4566"]], "body": ""}
print(json.dumps(vectors, indent=1, ensure_ascii=False))
