#!/usr/bin/env python3
"""Admin-API steps the bench scripts share, over boto3 (SigV4-signed, like any AWS client).

Credentials come from TOLLGATE_ADMIN_ACCESS_KEY_ID / TOLLGATE_ADMIN_SECRET_ACCESS_KEY, the endpoint
from the first argument (http://127.0.0.1:PORT). Loopback only.

  admin.py ENDPOINT proxy-api ECHO_PORT   creates `bench-proxy`: resource {proxy+}, method ANY,
                                          HTTP_PROXY to http://127.0.0.1:ECHO_PORT/{proxy}, deployed
                                          to stage `prod`; raises the account throttle (10,000 rps,
                                          burst 5,000 by default) to 1,000,000 so a proxy benchmark
                                          measures proxying, not 429s; prints the API id
"""
import os
import sys

import boto3
from botocore.config import Config


def client(endpoint):
    return boto3.client(
        "apigateway", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=os.environ["TOLLGATE_ADMIN_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["TOLLGATE_ADMIN_SECRET_ACCESS_KEY"],
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60))


def root_id(agw, api):
    return next(item["id"] for item in agw.get_resources(restApiId=api)["items"] if item["path"] == "/")


def proxy_api(agw, echo_port):
    agw.update_account(patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "1000000"},
                                        {"op": "replace", "path": "/throttle/burstLimit", "value": "1000000"}])
    api = agw.create_rest_api(name="bench-proxy")["id"]
    proxy = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="{proxy+}")["id"]
    agw.put_method(restApiId=api, resourceId=proxy, httpMethod="ANY", authorizationType="NONE",
                   requestParameters={"method.request.path.proxy": True})
    agw.put_integration(restApiId=api, resourceId=proxy, httpMethod="ANY", type="HTTP_PROXY",
                        integrationHttpMethod="ANY", uri=f"http://127.0.0.1:{echo_port}/{{proxy}}",
                        requestParameters={"integration.request.path.proxy": "method.request.path.proxy"})
    agw.create_deployment(restApiId=api, stageName="prod")
    return api


if __name__ == "__main__":
    endpoint, command = sys.argv[1], sys.argv[2]
    if command == "proxy-api":
        print(proxy_api(client(endpoint), int(sys.argv[3])))
    else:
        sys.exit(f"unknown command {command}")
