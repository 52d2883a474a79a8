"""boto3's apigatewayv2 ImportApi / ExportApi / ReimportApi against a live control plane: the wire shapes
botocore sends and reads (`body` member, `failOnWarnings` and `basepath` query parameters, the export's
blob body and its `outputType`/`includeExtensions`/`stageName` query) round-trip an HTTP API."""
import json

import pytest
from botocore.exceptions import ClientError

YAML = """openapi: 3.0.1
info:
  title: interop-pets
  version: 2.0
servers:
  - url: https://example.com/{basePath}
    variables:
      basePath:
        default: v1
x-amazon-apigateway-cors:
  allowOrigins: [https://app.example]
  allowMethods: [GET]
paths:
  /pets/{id}:
    get:
      security:
        - jwt: [pets/read]
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://backend.example/pets/{id}
        payloadFormatVersion: '1.0'
  $default:
    x-amazon-apigateway-any-method:
      x-amazon-apigateway-integration:
        type: aws_proxy
        uri: arn:aws:lambda:us-east-1:123456789012:function:pets
        payloadFormatVersion: '2.0'
components:
  securitySchemes:
    jwt:
      type: oauth2
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration:
          issuer: https://issuer.example
          audience: [pets]
"""


def shape(v2, api_id):
    """Routes with their integration and authorizer, ids left out."""
    integrations = {i["IntegrationId"]: i for i in v2.get_integrations(ApiId=api_id)["Items"]}
    authorizers = {a["AuthorizerId"]: a for a in v2.get_authorizers(ApiId=api_id)["Items"]}
    result = []
    for route in v2.get_routes(ApiId=api_id)["Items"]:
        integration = dict(integrations[route["Target"].split("/", 1)[1]])
        integration.pop("IntegrationId")
        authorizer = dict(authorizers.get(route.get("AuthorizerId"), {}))
        authorizer.pop("AuthorizerId", None)
        entry = {k: v for k, v in route.items() if k not in ("RouteId", "Target", "AuthorizerId")}
        result.append(json.dumps([entry, integration, authorizer], sort_keys=True))
    return sorted(result)


def test_import_export_reimport_round_trip_through_boto3(control_plane):
    v2 = control_plane.client_v2()
    imported = v2.import_api(Body=YAML, Basepath="prepend", FailOnWarnings=True)
    api_id = imported["ApiId"]
    assert imported["Name"] == "interop-pets" and imported["Version"] == "2.0"
    assert sorted(r["RouteKey"] for r in v2.get_routes(ApiId=api_id)["Items"]) == ["$default", "GET /v1/pets/{id}"]
    v2.create_stage(ApiId=api_id, StageName="prod", AutoDeploy=True)

    for output in ("JSON", "YAML"):
        exported = v2.export_api(ApiId=api_id, Specification="OAS30", OutputType=output)["body"].read().decode()
        copy = v2.import_api(Body=exported)["ApiId"]
        assert shape(v2, copy) == shape(v2, api_id)
        assert v2.get_api(ApiId=copy)["CorsConfiguration"] == v2.get_api(ApiId=api_id)["CorsConfiguration"]

    staged = json.loads(v2.export_api(ApiId=api_id, Specification="OAS30", OutputType="JSON", StageName="prod",
                                      IncludeExtensions=False)["body"].read())
    assert staged["servers"][0]["variables"]["basePath"]["default"] == "prod"
    assert "x-amazon-apigateway-cors" not in staged and "/v1/pets/{id}" in staged["paths"]

    # ReimportApi replaces the routes; a warning under FailOnWarnings stores nothing.
    missing_ref = YAML.replace("        payloadFormatVersion: '1.0'\n",
                               "        payloadFormatVersion: '1.0'\n      responses:\n        '200':\n          description: d\n"
                               "          content:\n            application/json:\n              schema:\n"
                               "                $ref: '#/components/schemas/Nope'\n", 1)
    with pytest.raises(ClientError) as refused:
        v2.reimport_api(ApiId=api_id, Body=missing_ref, FailOnWarnings=True)
    assert refused.value.response["Error"]["Code"] == "BadRequestException"
    assert refused.value.response["Error"]["Message"].startswith("Warnings found during import:\n\tParse issue: attribute")
    reimported = v2.reimport_api(ApiId=api_id, Body=missing_ref)
    assert reimported["Warnings"] and reimported["ApiId"] == api_id
    assert sorted(r["RouteKey"] for r in v2.get_routes(ApiId=api_id)["Items"]) == ["$default", "GET /pets/{id}"]
