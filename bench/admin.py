#!/usr/bin/env python3
"""Admin-API steps the bench scripts share, over boto3 (SigV4-signed, like any AWS client).

Credentials come from TOLLGATE_ADMIN_ACCESS_KEY_ID / TOLLGATE_ADMIN_SECRET_ACCESS_KEY, the endpoint
from the first argument (http://127.0.0.1:PORT). Loopback only.

  admin.py ENDPOINT proxy-api ECHO_PORT   creates `bench-proxy`: resource {proxy+}, method ANY,
                                          HTTP_PROXY to http://127.0.0.1:ECHO_PORT/{proxy}, deployed
                                          to stage `prod`; raises the account throttle (10,000 rps,
                                          burst 5,000 by default) to 1,000,000 so a proxy benchmark
                                          measures proxying, not 429s; prints the API id
  admin.py ENDPOINT https-proxy-api ECHO_TLS_PORT
                                          creates `bench-https-upstream`: proxy-api's route, HTTP_PROXY to
                                          https://127.0.0.1:ECHO_TLS_PORT/{proxy} (a `tollgate echo
                                          --tls-cert`) with tlsConfig.insecureSkipVerification (its
                                          certificate is self-signed); prints the API id
  admin.py ENDPOINT cached-api ECHO_PORT  creates `bench-cached`: proxy-api's route with the stage cache on
                                          (cacheClusterEnabled, */*/caching/enabled, TTL 3600 s, key
                                          method.request.path.proxy); prints the API id
  admin.py ENDPOINT keyed-api ECHO_PORT KEY
                                          creates `bench-keyed`: GET /k, apiKeyRequired, HTTP_PROXY to
                                          echo /bytes/64, stage `prod`; an API key with value KEY in a
                                          usage plan with a throttle and a fast quota far above what a
                                          benchmark reaches (the API-key and limits filters both run);
                                          prints the API id
  admin.py ENDPOINT validated-mock-api    creates `bench-validated`: POST /plain and POST /valid, both
                                          MOCK answering 200 `ok`; /valid has a request validator
                                          (body and parameters) and an `Order` model with a `$ref`
                                          to `Item` (bench/order-2k.json matches it); prints the API id
  admin.py ENDPOINT iam-api ECHO_PORT     creates `bench-iam`: the same {proxy+} HTTP_PROXY route as
                                          proxy-api but AWS_IAM, and IAM user `bench-iam` (through the
                                          control plane's IAM subset) with an access key and an inline
                                          policy allowing execute-api:Invoke on every API; prints
                                          "API_ID KEY_ID SECRET"
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
  admin.py ENDPOINT logged-stage API_ID   adds stage `logged` to API_ID, on the deployment of its stage
                                          `prod`, with an access log in the JSON format of AWS's
                                          access-logging docs to log group `bench-access` (a node with
                                          --access-log-dir DIR writes DIR/bench-access.log)
  admin.py ENDPOINT mock-template-api     creates `bench-mock-template`: GET /t, MOCK whose request
                                          template computes the status and whose 20-line response
                                          template reads $input.params, $context, $stageVariables and
                                          $util (#set, #if, #foreach), stage `prod`; prints the API id
  admin.py ENDPOINT http-api ECHO_PORT    creates HTTP API `bench-http` (apigatewayv2): route ANY /{proxy+},
                                          HTTP_PROXY (payload 1.0) to http://127.0.0.1:ECHO_PORT/{proxy},
                                          stage `prod` with autoDeploy (the same route as proxy-api's,
                                          on the HTTP API chain); raises the account throttle as
                                          proxy-api does; prints the API id
  admin.py ENDPOINT websocket-api ECHO_PORT
                                          creates WebSocket API `bench-ws` (apigatewayv2, route selection
                                          $request.body.action): route `echo`, two-way (route response
                                          $default), HTTP_PROXY POST to http://127.0.0.1:ECHO_PORT/ws (the
                                          answer comes back as a message); `$default`, one-way MOCK;
                                          stage `prod`, deployed; raises the account throttle as
                                          proxy-api does; prints the API id
"""
import json
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


def proxy_api(agw, echo_port, name="bench-proxy", scheme="http", **integration):
    agw.update_account(patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "1000000"},
                                        {"op": "replace", "path": "/throttle/burstLimit", "value": "1000000"}])
    api = agw.create_rest_api(name=name)["id"]
    proxy = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="{proxy+}")["id"]
    agw.put_method(restApiId=api, resourceId=proxy, httpMethod="ANY", authorizationType="NONE",
                   requestParameters={"method.request.path.proxy": True})
    agw.put_integration(restApiId=api, resourceId=proxy, httpMethod="ANY", type="HTTP_PROXY",
                        integrationHttpMethod="ANY", uri=f"{scheme}://127.0.0.1:{echo_port}/{{proxy}}",
                        requestParameters={"integration.request.path.proxy": "method.request.path.proxy"},
                        **integration)
    agw.create_deployment(restApiId=api, stageName="prod")
    return api


def https_proxy_api(agw, echo_tls_port):
    return proxy_api(agw, echo_tls_port, name="bench-https-upstream", scheme="https",
                     tlsConfig={"insecureSkipVerification": True})


def cached_api(agw, echo_port):
    agw.update_account(patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "1000000"},
                                        {"op": "replace", "path": "/throttle/burstLimit", "value": "1000000"}])
    api = agw.create_rest_api(name="bench-cached")["id"]
    proxy = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="{proxy+}")["id"]
    agw.put_method(restApiId=api, resourceId=proxy, httpMethod="ANY", authorizationType="NONE",
                   requestParameters={"method.request.path.proxy": True})
    agw.put_integration(restApiId=api, resourceId=proxy, httpMethod="ANY", type="HTTP_PROXY",
                        integrationHttpMethod="ANY", uri=f"http://127.0.0.1:{echo_port}/{{proxy}}",
                        requestParameters={"integration.request.path.proxy": "method.request.path.proxy"},
                        cacheKeyParameters=["method.request.path.proxy"])
    agw.create_deployment(restApiId=api, stageName="prod", cacheClusterEnabled=True, cacheClusterSize="0.5")
    agw.update_stage(restApiId=api, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/ttlInSeconds", "value": "3600"}])
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


ITEM_SCHEMA = """{"type": "object", "required": ["sku", "qty", "price"], "additionalProperties": false, "properties": {
  "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"}, "qty": {"type": "integer", "minimum": 1, "maximum": 1000},
  "price": {"type": "number", "minimum": 0}, "note": {"type": "string", "maxLength": 200}}}"""


def validated_mock_api(agw):
    api = agw.create_rest_api(name="bench-validated")["id"]
    order_schema = """{"type": "object", "required": ["id", "customer", "items"], "properties": {
      "id": {"type": "string", "minLength": 8}, "customer": {"type": "object", "required": ["name", "email"],
        "properties": {"name": {"type": "string"}, "email": {"type": "string"}, "tier": {"enum": ["gold", "silver", "none"]}}},
      "items": {"type": "array", "minItems": 1, "maxItems": 100,
                "items": {"$ref": "https://apigateway.amazonaws.com/restapis/%s/models/Item"}}}}""" % api
    agw.create_model(restApiId=api, name="Item", contentType="application/json", schema=ITEM_SCHEMA)
    agw.create_model(restApiId=api, name="Order", contentType="application/json", schema=order_schema)
    validator = agw.create_request_validator(restApiId=api, name="all", validateRequestBody=True,
                                             validateRequestParameters=True)["id"]
    root = root_id(agw, api)
    for part, validated in (("plain", False), ("valid", True)):
        resource = agw.create_resource(restApiId=api, parentId=root, pathPart=part)["id"]
        extra = {}
        if validated:
            extra = {"requestValidatorId": validator, "requestModels": {"application/json": "Order"},
                     "requestParameters": {"method.request.header.Content-Type": True}}
        agw.put_method(restApiId=api, resourceId=resource, httpMethod="POST", authorizationType="NONE", **extra)
        agw.put_integration(restApiId=api, resourceId=resource, httpMethod="POST", type="MOCK",
                            requestTemplates={"application/json": '{"statusCode": 200}'})
        agw.put_method_response(restApiId=api, resourceId=resource, httpMethod="POST", statusCode="200")
        agw.put_integration_response(restApiId=api, resourceId=resource, httpMethod="POST", statusCode="200",
                                     responseTemplates={"application/json": "ok"})
    agw.create_deployment(restApiId=api, stageName="prod")
    return api


def iam_api(endpoint, agw, echo_port):
    api = agw.create_rest_api(name="bench-iam")["id"]
    proxy = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="{proxy+}")["id"]
    agw.put_method(restApiId=api, resourceId=proxy, httpMethod="ANY", authorizationType="AWS_IAM",
                   requestParameters={"method.request.path.proxy": True})
    agw.put_integration(restApiId=api, resourceId=proxy, httpMethod="ANY", type="HTTP_PROXY",
                        integrationHttpMethod="ANY", uri=f"http://127.0.0.1:{echo_port}/{{proxy}}",
                        requestParameters={"integration.request.path.proxy": "method.request.path.proxy"})
    agw.create_deployment(restApiId=api, stageName="prod")
    iam = boto3.client(
        "iam", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=os.environ["TOLLGATE_ADMIN_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["TOLLGATE_ADMIN_SECRET_ACCESS_KEY"],
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60))
    iam.create_user(UserName="bench-iam")
    iam.put_user_policy(UserName="bench-iam", PolicyName="invoke", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*"}]}))
    key = iam.create_access_key(UserName="bench-iam")["AccessKey"]
    return f"{api} {key['AccessKeyId']} {key['SecretAccessKey']}"


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


TEMPLATE_REQUEST = """#set($page = $input.params('page'))
#if($page == "")#set($page = "1")#end
{"statusCode": 200, "page": "$page"}"""

TEMPLATE_RESPONSE = """#set($params = $input.params())
#set($q = $input.params('q'))
{
  "requestId": "$context.requestId",
  "stage": "$context.stage",
  "resource": "$context.resourcePath",
  "method": "$context.httpMethod",
  "sourceIp": "$context.identity.sourceIp",
  "userAgent": "$util.escapeJavaScript($context.identity.userAgent)",
  "env": "$stageVariables.env",
  "query": "$util.urlEncode($q)",
  "upper": "$q.toUpperCase()",
  "params": {
  #foreach($name in $params.querystring.keySet())
    "$name": "$util.escapeJavaScript($params.querystring.get($name))"#if($foreach.hasNext),#end
  #end
  },
  #if($q.length() > 3)"long": true#else"long": false#end,
  "time": $context.requestTimeEpoch
}"""


def mock_template_api(agw):
    api = agw.create_rest_api(name="bench-mock-template")["id"]
    resource = agw.create_resource(restApiId=api, parentId=root_id(agw, api), pathPart="t")["id"]
    agw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    agw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="MOCK",
                        requestTemplates={"application/json": TEMPLATE_REQUEST})
    agw.put_method_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200")
    agw.put_integration_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200",
                                 responseTemplates={"application/json": TEMPLATE_RESPONSE})
    agw.create_deployment(restApiId=api, stageName="prod", variables={"env": "bench"})
    return api


# The JSON example of AWS's "Set up CloudWatch logging for REST APIs" (access logging), one line.
JSON_ACCESS_LOG_FORMAT = ('{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", '
                          '"caller":"$context.identity.caller", "user":"$context.identity.user", '
                          '"requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", '
                          '"resourcePath":"$context.resourcePath", "status":"$context.status", '
                          '"protocol":"$context.protocol", "responseLength":"$context.responseLength" }')


def logged_stage(agw, api):
    deployment = agw.get_stage(restApiId=api, stageName="prod")["deploymentId"]
    agw.create_stage(restApiId=api, stageName="logged", deploymentId=deployment)
    agw.update_stage(restApiId=api, stageName="logged", patchOperations=[
        {"op": "replace", "path": "/accessLogSettings/destinationArn",
         "value": "arn:aws:logs:us-east-1:000000000000:log-group:bench-access"},
        {"op": "replace", "path": "/accessLogSettings/format", "value": JSON_ACCESS_LOG_FORMAT}])
    return api


def v2_client(endpoint):
    return boto3.client(
        "apigatewayv2", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=os.environ["TOLLGATE_ADMIN_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["TOLLGATE_ADMIN_SECRET_ACCESS_KEY"],
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60))


def websocket_api(endpoint, agw, echo_port):
    agw.update_account(patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "1000000"},
                                        {"op": "replace", "path": "/throttle/burstLimit", "value": "1000000"}])
    v2 = v2_client(endpoint)
    api = v2.create_api(Name="bench-ws", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")["ApiId"]
    proxy = v2.create_integration(ApiId=api, IntegrationType="HTTP_PROXY", IntegrationMethod="POST",
                                  IntegrationUri=f"http://127.0.0.1:{echo_port}/ws")["IntegrationId"]
    mock = v2.create_integration(ApiId=api, IntegrationType="MOCK",
                                 RequestTemplates={"$default": '{"statusCode": 200}'})["IntegrationId"]
    v2.create_route(ApiId=api, RouteKey="echo", Target=f"integrations/{proxy}", RouteResponseSelectionExpression="$default")
    v2.create_route(ApiId=api, RouteKey="$default", Target=f"integrations/{mock}")
    v2.create_stage(ApiId=api, StageName="prod")
    v2.create_deployment(ApiId=api, StageName="prod")
    return api


def http_api(endpoint, agw, echo_port):
    agw.update_account(patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "1000000"},
                                        {"op": "replace", "path": "/throttle/burstLimit", "value": "1000000"}])
    v2 = v2_client(endpoint)
    api = v2.create_api(Name="bench-http", ProtocolType="HTTP")["ApiId"]
    integration = v2.create_integration(ApiId=api, IntegrationType="HTTP_PROXY", IntegrationMethod="ANY",
                                        IntegrationUri=f"http://127.0.0.1:{echo_port}/{{proxy}}",
                                        PayloadFormatVersion="1.0")["IntegrationId"]
    v2.create_route(ApiId=api, RouteKey="ANY /{proxy+}", Target=f"integrations/{integration}")
    v2.create_stage(ApiId=api, StageName="prod", AutoDeploy=True)
    return api


if __name__ == "__main__":
    endpoint, command = sys.argv[1], sys.argv[2]
    if command == "proxy-api":
        print(proxy_api(client(endpoint), int(sys.argv[3])))
    elif command == "https-proxy-api":
        print(https_proxy_api(client(endpoint), int(sys.argv[3])))
    elif command == "cached-api":
        print(cached_api(client(endpoint), int(sys.argv[3])))
    elif command == "keyed-api":
        print(keyed_api(client(endpoint), int(sys.argv[3]), sys.argv[4]))
    elif command == "validated-mock-api":
        print(validated_mock_api(client(endpoint)))
    elif command == "iam-api":
        print(iam_api(endpoint, client(endpoint), int(sys.argv[3])))
    elif command == "authorized-api":
        print(authorized_api(client(endpoint), int(sys.argv[3]), sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else None))
    elif command == "mock-api":
        print(mock_api(client(endpoint)))
    elif command == "logged-stage":
        print(logged_stage(client(endpoint), sys.argv[3]))
    elif command == "websocket-api":
        print(websocket_api(endpoint, client(endpoint), int(sys.argv[3])))
    elif command == "http-api":
        print(http_api(endpoint, client(endpoint), int(sys.argv[3])))
    elif command == "mock-template-api":
        print(mock_template_api(client(endpoint)))
    else:
        sys.exit(f"unknown command {command}")
