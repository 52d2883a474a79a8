#!/usr/bin/env python3
"""Admin-API steps the bench scripts share, over boto3 (SigV4-signed, like any AWS client).

Credentials come from TOLLGATE_ADMIN_ACCESS_KEY_ID / TOLLGATE_ADMIN_SECRET_ACCESS_KEY, the endpoint
from the first argument (http://127.0.0.1:PORT). Loopback only.

  admin.py ENDPOINT proxy-api ECHO_PORT   creates `bench-proxy`: resource {proxy+}, method ANY,
                                          HTTP_PROXY to http://127.0.0.1:ECHO_PORT/{proxy}, deployed
                                          to stage `prod`; raises the account throttle (10,000 rps,
                                          burst 5,000 by default) to 1,000,000 so a proxy benchmark
                                          measures proxying, not 429s; prints the API id
  admin.py ENDPOINT keyed-api ECHO_PORT KEY
                                          creates `bench-keyed`: GET /k, apiKeyRequired, HTTP_PROXY to
                                          echo /bytes/64, stage `prod`; an API key with value KEY in a
                                          usage plan with a throttle and a fast quota far above what a
                                          benchmark reaches (the API-key and limits filters both run);
                                          prints the API id
  admin.py ENDPOINT authorized-api ECHO_PORT KIND [POOL_ARN]
                                          creates `bench-KIND`: the proxy-api route ({proxy+}, ANY,
                                          HTTP_PROXY to echo) behind an authorizer: KIND `lambda`
                                          (TOKEN, function `bench-auth`, TTL 300: cached after the
                                          first request), `jwt` (COGNITO_USER_POOLS on POOL_ARN, TTL
                                          300: verified tokens cached) or `jwt-uncached` (TTL 0: an
                                          RS256 verify per request); stage `prod`; prints the API id
  admin.py ENDPOINT mock-api              creates `bench-mock`: GET /m, MOCK answering 200 with the
                                          body `ok` (a route with no upstream), stage `prod`; prints the
                                          API id
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


def keyed_api(agw, echo_port, key_value):
    api = agw.create_rest_api(name="bench-keyed")["id"]
    resource = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="k")["id"]
    agw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE", apiKeyRequired=True)
    agw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="HTTP_PROXY",
                        integrationHttpMethod="GET", uri=f"http://127.0.0.1:{echo_port}/bytes/64")
    agw.create_deployment(restApiId=api, stageName="prod")
    key = agw.create_api_key(name="bench", value=key_value, enabled=True)["id"]
    plan = agw.create_usage_plan(name="bench", apiStages=[{"apiId": api, "stage": "prod"}],
                                 throttle={"rateLimit": 1e6, "burstLimit": 1000000},
                                 quota={"limit": 1000000000, "period": "DAY"},
                                 tags={"tollgate:quota-mode": "fast"})["id"]
    agw.create_usage_plan_key(usagePlanId=plan, keyId=key, keyType="API_KEY")
    return api


def authorized_api(agw, echo_port, kind, pool_arn=None):
    api = agw.create_rest_api(name=f"bench-{kind}")["id"]
    if kind == "lambda":
        uri = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
               "arn:aws:lambda:us-east-1:000000000000:function:bench-auth/invocations")
        authorizer = agw.create_authorizer(restApiId=api, name="bench", type="TOKEN", authorizerUri=uri,
                                           identitySource="method.request.header.Authorization",
                                           authorizerResultTtlInSeconds=300)["id"]
        authorization = "CUSTOM"
    else:
        authorizer = agw.create_authorizer(restApiId=api, name="bench", type="COGNITO_USER_POOLS", providerARNs=[pool_arn],
                                           identitySource="method.request.header.Authorization",
                                           authorizerResultTtlInSeconds=0 if kind == "jwt-uncached" else 300)["id"]
        authorization = "COGNITO_USER_POOLS"
    proxy = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="{proxy+}")["id"]
    agw.put_method(restApiId=api, resourceId=proxy, httpMethod="ANY", authorizationType=authorization, authorizerId=authorizer,
                   requestParameters={"method.request.path.proxy": True})
    agw.put_integration(restApiId=api, resourceId=proxy, httpMethod="ANY", type="HTTP_PROXY",
                        integrationHttpMethod="ANY", uri=f"http://127.0.0.1:{echo_port}/{{proxy}}",
                        requestParameters={"integration.request.path.proxy": "method.request.path.proxy"})
    agw.create_deployment(restApiId=api, stageName="prod")
    return api


def mock_api(agw):
    api = agw.create_rest_api(name="bench-mock")["id"]
    resource = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="m")["id"]
    agw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    agw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="MOCK",
                        requestTemplates={"application/json": '{"statusCode": 200}'})
    agw.put_method_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200")
    agw.put_integration_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200",
                                 responseTemplates={"application/json": "ok"})
    agw.create_deployment(restApiId=api, stageName="prod")
    return api


if __name__ == "__main__":
    endpoint, command = sys.argv[1], sys.argv[2]
    if command == "proxy-api":
        print(proxy_api(client(endpoint), int(sys.argv[3])))
    elif command == "keyed-api":
        print(keyed_api(client(endpoint), int(sys.argv[3]), sys.argv[4]))
    elif command == "authorized-api":
        print(authorized_api(client(endpoint), int(sys.argv[3]), sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else None))
    elif command == "mock-api":
        print(mock_api(client(endpoint)))
    else:
        sys.exit(f"unknown command {command}")
