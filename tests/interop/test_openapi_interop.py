"""OpenAPI import and export driven with boto3 against a real control plane: the vendored
documents (Tests/Fixtures/OpenAPI) import, the YAML export is read back by PyYAML (a YAML 1.1
reader) as the same document as the JSON export, and export -> import -> export is stable."""
import json
import os

import pytest
import yaml
from botocore.exceptions import ClientError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "OpenAPI")


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as handle:
        return handle.read()


def deploy(apigw, api_id):
    """A MOCK integration on every method that has none (the petstores have none), then stage prod."""
    for resource in apigw.get_resources(restApiId=api_id, limit=500)["items"]:
        for verb, method in resource.get("resourceMethods", {}).items():
            if "methodIntegration" not in apigw.get_method(restApiId=api_id, resourceId=resource["id"], httpMethod=verb):
                apigw.put_integration(restApiId=api_id, resourceId=resource["id"], httpMethod=verb, type="MOCK")
    apigw.create_deployment(restApiId=api_id, stageName="prod")


def export(apigw, api_id, export_type, accepts):
    response = apigw.get_export(restApiId=api_id, stageName="prod", exportType=export_type,
                                parameters={"extensions": "apigateway"}, accepts=accepts)
    assert response["contentType"] == "application/octet-stream"
    suffix = "yaml" if accepts == "application/yaml" else "json"
    assert response["contentDisposition"].startswith(f'attachment; filename="{export_type}_')
    assert response["contentDisposition"].endswith(f'.{suffix}"')
    return response["body"].read()


@pytest.mark.parametrize("name", ["petstore-v3.yaml", "petstore-v2.json", "aws-example-petstore.json"])
@pytest.mark.parametrize("export_type", ["oas30", "swagger"])
def test_yaml_export_reads_back_in_pyyaml_and_round_trips(control_plane, name, export_type):
    apigw = control_plane.client()
    api_id = apigw.import_rest_api(body=fixture(name))["id"]
    deploy(apigw, api_id)
    as_json = json.loads(export(apigw, api_id, export_type, "application/json"))
    as_yaml = yaml.safe_load(export(apigw, api_id, export_type, "application/yaml"))
    assert as_yaml == as_json
    # The export imports again (here the YAML one, as a new API) and exports the same paths and models.
    again = apigw.import_rest_api(body=yaml.safe_dump(as_yaml).encode(), failOnWarnings=True)["id"]
    apigw.create_deployment(restApiId=again, stageName="prod")
    second = json.loads(export(apigw, again, export_type, "application/json"))
    for key in ("paths", "components", "definitions", "securityDefinitions", "x-amazon-apigateway-documentation"):
        assert second.get(key) == as_json.get(key), key


def test_put_rest_api_overwrite_replaces_and_merge_keeps(control_plane):
    apigw = control_plane.client()
    api = apigw.create_rest_api(name="before")
    root = api["rootResourceId"]
    apigw.put_method(restApiId=api["id"], resourceId=root, httpMethod="POST", authorizationType="NONE")
    merged = apigw.put_rest_api(restApiId=api["id"], body=fixture("petstore-v3.yaml"))
    assert merged["id"] == api["id"] and merged["name"] == "Swagger Petstore"
    apigw.get_method(restApiId=api["id"], resourceId=root, httpMethod="POST")
    replaced = apigw.put_rest_api(restApiId=api["id"], mode="overwrite", body=fixture("petstore-v2.json"),
                                  parameters={"basepath": "prepend"})
    paths = sorted(r["path"] for r in apigw.get_resources(restApiId=api["id"])["items"])
    assert paths == ["/", "/v1", "/v1/pets", "/v1/pets/{petId}"]
    with pytest.raises(ClientError) as error:
        apigw.get_method(restApiId=api["id"], resourceId=replaced["rootResourceId"], httpMethod="POST")
    assert error.value.response["Error"]["Code"] == "NotFoundException"


def test_every_extension_imports_and_is_refused_at_deployment_for_what_nodes_cannot_serve(control_plane):
    apigw = control_plane.client()
    api = apigw.import_rest_api(body=fixture("every-extension.yaml"), failOnWarnings=True,
                                parameters={"endpointConfigurationTypes": "REGIONAL"})
    assert api["endpointConfiguration"]["types"] == ["REGIONAL"]
    assert api["apiKeySource"] == "AUTHORIZER" and api["binaryMediaTypes"] == ["image/png", "application/octet-stream"]
    assert sorted(a["name"] for a in apigw.get_authorizers(restApiId=api["id"])["items"]) == \
        ["cognito", "request-authorizer", "token-authorizer"]
    assert sorted(v["name"] for v in apigw.get_request_validators(restApiId=api["id"])["items"]) == ["all", "params-only"]
    with pytest.raises(ClientError) as error:
        apigw.create_deployment(restApiId=api["id"], stageName="prod")
    assert error.value.response["Error"]["Code"] == "BadRequestException"


def test_an_invalid_document_creates_nothing(control_plane):
    apigw = control_plane.client()
    with pytest.raises(ClientError) as error:
        apigw.import_rest_api(body=b"openapi: 3.0.1\ninfo: {title: t}\npaaths: {}\n", failOnWarnings=True)
    assert error.value.response["Error"]["Message"] == \
        "Failed to parse the uploaded OpenAPI document due to: 'paths' is a required property"
    assert apigw.get_rest_apis()["items"] == []
