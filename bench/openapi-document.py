#!/usr/bin/env python3
"""Writes a 1,000-operation OpenAPI 3.0 document with API Gateway extensions for bench/openapi.sh.

    python3 bench/openapi-document.py OUT.json OUT.yaml [OPERATIONS]     # default 1000

250 paths (`/resourceN/{id}`) with GET, PUT, POST and DELETE each: path and query parameters, a
request body and responses naming models, an `x-amazon-apigateway-integration` (HTTP with request
parameters and templates, integration responses with selection patterns), a Lambda authorizer
and API keys on half of them; 50 schemas with `$ref`s between them. The same document is written
as JSON (json.dumps) and YAML (PyYAML, block style). Deterministic.
"""
import json
import sys

import yaml

json_path, yaml_path = sys.argv[1], sys.argv[2]
operations = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
schemas = {f"Model{i}": {"type": "object", "required": ["id"], "properties": {
    "id": {"type": "string"}, "count": {"type": "integer", "minimum": 0},
    "next": {"$ref": f"#/components/schemas/Model{(i + 1) % 50}"}, "tags": {"type": "array", "items": {"type": "string"}}}}
    for i in range(50)}
paths = {}
verbs = ["get", "put", "post", "delete"]
for n in range(operations):
    index, verb = divmod(n, 4)
    model = f"Model{index % 50}"
    op = {
        "operationId": f"{verbs[verb]}Resource{index}",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "filter", "in": "query", "schema": {"type": "string"}},
                       {"name": "X-Request-Id", "in": "header", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "headers": {"X-Count": {"schema": {"type": "string"}}},
                              "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}},
                      "404": {"description": "missing"}},
        "x-amazon-apigateway-integration": {
            "type": "http", "httpMethod": verbs[verb].upper(), "uri": f"https://backend.example.com/resource{index}/{{id}}",
            "requestParameters": {"integration.request.path.id": "method.request.path.id",
                                  "integration.request.querystring.filter": "method.request.querystring.filter"},
            "requestTemplates": {"application/json": "{\"id\": \"$input.params('id')\", \"body\": $input.json('$')}"},
            "passthroughBehavior": "when_no_templates", "timeoutInMillis": 10000,
            "responses": {"default": {"statusCode": "200", "responseParameters": {
                "method.response.header.X-Count": "integration.response.header.X-Count"}},
                          "404": {"statusCode": "404"}}},
    }
    if verb in (1, 2):
        op["requestBody"] = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}}
    if n % 2:
        op["security"] = [{"lambda": [], "api_key": []}]
    paths.setdefault(f"/resource{index}/{{id}}", {})[verbs[verb]] = op
document = {
    "openapi": "3.0.1", "info": {"title": "bench/openapi.sh", "version": "1"}, "paths": paths,
    "components": {"schemas": schemas, "securitySchemes": {
        "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
        "lambda": {"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "custom",
                   "x-amazon-apigateway-authorizer": {"type": "token", "authorizerResultTtlInSeconds": 300,
                                                      "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"}}}},
    "x-amazon-apigateway-binary-media-types": ["image/png"],
}
with open(json_path, "w") as out:
    json.dump(document, out, indent=2)
with open(yaml_path, "w") as out:
    yaml.safe_dump(document, out, sort_keys=False, width=100)
