"""Drives a real `tollgate control-plane` with boto3 and awscli the way an operator would."""
import json
import re
import time
import urllib.error
import urllib.request

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ACCESS_KEY, REGION


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def error_message(excinfo):
    return excinfo.value.response["Error"]["Message"]


def status(excinfo):
    return excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]


def build_api(apigw):
    """An API with /pets (GET, HTTP_PROXY) and /pets/{petId} (GET, MOCK); returns ids."""
    api = apigw.create_rest_api(name="pets-api", description="interop")
    api_id = api["id"]
    assert re.fullmatch(r"[a-z0-9]{10}", api_id)
    root_id = api["rootResourceId"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root_id, pathPart="pets")
    assert pets["path"] == "/pets" and re.fullmatch(r"[a-z0-9]{6}", pets["id"])
    pet = apigw.create_resource(restApiId=api_id, parentId=pets["id"], pathPart="{petId}")
    assert pet["path"] == "/pets/{petId}"

    apigw.put_method(restApiId=api_id, resourceId=pets["id"], httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=pets["id"], httpMethod="GET", type="HTTP_PROXY",
                          integrationHttpMethod="GET", uri="http://127.0.0.1:9/pets")
    apigw.put_method(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", authorizationType="NONE",
                     requestParameters={"method.request.path.petId": True})
    apigw.put_integration(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": '{"pet": "dog"}'})
    return api_id, root_id, pets["id"], pet["id"]


def test_operator_session_with_boto3(control_plane):
    apigw = control_plane.client()
    api_id, root_id, pets_id, pet_id = build_api(apigw)

    integration = apigw.get_integration(restApiId=api_id, resourceId=pets_id, httpMethod="GET")
    assert integration["timeoutInMillis"] == 29000
    assert integration["passthroughBehavior"] == "WHEN_NO_MATCH"
    assert integration["type"] == "HTTP_PROXY"

    resources = apigw.get_resources(restApiId=api_id, embed=["methods"])["items"]
    by_path = {r["path"]: r for r in resources}
    assert set(by_path) == {"/", "/pets", "/pets/{petId}"}
    assert "GET" in by_path["/pets"]["resourceMethods"]

    # Deploy to two stages.
    d1 = apigw.create_deployment(restApiId=api_id, stageName="prod", description="v1")["id"]
    apigw.put_method(restApiId=api_id, resourceId=pets_id, httpMethod="POST", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=pets_id, httpMethod="POST", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 201}'})
    d2 = apigw.create_deployment(restApiId=api_id, stageName="beta", description="v2")["id"]
    assert d1 != d2
    stages = {s["stageName"]: s for s in apigw.get_stages(restApiId=api_id)["item"]}
    assert stages["prod"]["deploymentId"] == d1 and stages["beta"]["deploymentId"] == d2

    # Deployments are immutable: v1's summary still has no POST on /pets.
    summary = apigw.get_deployment(restApiId=api_id, deploymentId=d1, embed=["apisummary"])["apiSummary"]
    assert "POST" not in summary["/pets"] and "GET" in summary["/pets"]

    # Move prod forward, then roll it back with the CLI tool (default: the previous deployment).
    apigw.update_stage(restApiId=api_id, stageName="prod",
                       patchOperations=[{"op": "replace", "path": "/deploymentId", "value": d2}])
    assert apigw.get_stage(restApiId=api_id, stageName="prod")["deploymentId"] == d2
    rolled = control_plane.tool("rollback", "--rest-api-id", api_id, "--stage", "prod")
    assert rolled.returncode == 0, rolled.stdout + rolled.stderr
    assert d1 in rolled.stdout and d2 in rolled.stdout
    assert apigw.get_stage(restApiId=api_id, stageName="prod")["deploymentId"] == d1

    # Stage settings through patch paths, including a ~1-escaped method path.
    stage = apigw.update_stage(restApiId=api_id, stageName="beta", patchOperations=[
        {"op": "replace", "path": "/description", "value": "beta stage"},
        {"op": "replace", "path": "/variables/backend", "value": "127.0.0.1"},
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "50"},
        {"op": "replace", "path": "/~1pets/GET/throttling/burstLimit", "value": "7"},
    ])
    assert stage["description"] == "beta stage"
    assert stage["variables"] == {"backend": "127.0.0.1"}
    assert stage["methodSettings"]["*/*"]["throttlingRateLimit"] == 50.0
    assert stage["methodSettings"]["pets/GET"]["throttlingBurstLimit"] == 7

    # A deployment in use cannot be deleted.
    with pytest.raises(ClientError) as excinfo:
        apigw.delete_deployment(restApiId=api_id, deploymentId=d1)
    assert error_code(excinfo) == "BadRequestException"
    assert error_message(excinfo) == "Active stages pointing to this deployment must be moved or deleted"

    # API keys and usage plans.
    key = apigw.create_api_key(name="partner", enabled=True)
    assert len(key["value"]) == 40 and key["enabled"] is True
    disabled = apigw.create_api_key(name="other")
    assert disabled["enabled"] is False
    listed = apigw.get_api_keys()["items"]
    assert all("value" not in k for k in listed)
    with_values = apigw.get_api_keys(includeValues=True)["items"]
    assert {k["id"]: k["value"] for k in with_values}[key["id"]] == key["value"]

    plan = apigw.create_usage_plan(name="gold", throttle={"rateLimit": 10.0, "burstLimit": 20},
                                   quota={"limit": 1000, "period": "DAY", "offset": 0},
                                   apiStages=[{"apiId": api_id, "stage": "prod",
                                               "throttle": {"/pets/GET": {"rateLimit": 5.0, "burstLimit": 5}}}])
    assert plan["quota"]["limit"] == 1000
    plan_key = apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    assert plan_key["id"] == key["id"] and plan_key["type"] == "API_KEY"
    assert [k["id"] for k in apigw.get_usage_plan_keys(usagePlanId=plan["id"])["items"]] == [key["id"]]
    today = time.strftime("%Y-%m-%d", time.gmtime())
    usage = apigw.get_usage(usagePlanId=plan["id"], startDate=today, endDate=today)
    assert usage["usagePlanId"] == plan["id"]
    assert usage["items"][key["id"]] == [[0, 1000]]

    account = apigw.get_account()
    assert account["throttleSettings"] == {"rateLimit": 10000.0, "burstLimit": 5000}
    account = apigw.update_account(patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "500"}])
    assert account["throttleSettings"]["rateLimit"] == 500.0

    # The audit log names what we did, with our access key.
    audit = control_plane.tool("audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    for operation in ("CreateRestApi", "CreateDeployment", "UpdateStage", "CreateApiKey", "CreateUsagePlan"):
        assert operation in audit.stdout
    assert ACCESS_KEY in audit.stdout


def test_errors_for_bad_input(control_plane):
    apigw = control_plane.client()
    api_id, root_id, pets_id, pet_id = build_api(apigw)

    with pytest.raises(ClientError) as excinfo:
        apigw.get_rest_api(restApiId="nosuchapi0")
    assert (error_code(excinfo), status(excinfo)) == ("NotFoundException", 404)
    assert error_message(excinfo) == "Invalid API identifier specified 000000000000:nosuchapi0"

    with pytest.raises(ClientError) as excinfo:
        apigw.create_resource(restApiId=api_id, parentId=root_id, pathPart="pets")
    assert (error_code(excinfo), status(excinfo)) == ("ConflictException", 409)
    assert error_message(excinfo) == "Another resource with the same parent already has this name: pets"

    with pytest.raises(ClientError) as excinfo:
        apigw.create_resource(restApiId=api_id, parentId=pets_id, pathPart="{other}")
    assert error_code(excinfo) == "BadRequestException"

    greedy = apigw.create_resource(restApiId=api_id, parentId=root_id, pathPart="{proxy+}")
    with pytest.raises(ClientError) as excinfo:
        apigw.create_resource(restApiId=api_id, parentId=greedy["id"], pathPart="child")
    assert error_message(excinfo) == "Cannot create a child of a resource with a greedy path variable: {proxy+}"

    with pytest.raises(ClientError) as excinfo:
        apigw.put_method(restApiId=api_id, resourceId=pets_id, httpMethod="FETCH", authorizationType="NONE")
    assert error_code(excinfo) == "BadRequestException"
    assert error_message(excinfo) == "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"

    with pytest.raises(ClientError) as excinfo:
        apigw.get_method(restApiId=api_id, resourceId=pets_id, httpMethod="DELETE")
    assert (error_code(excinfo), error_message(excinfo)) == ("NotFoundException", "Invalid Method identifier specified")

    key = apigw.create_api_key(name="k")
    with pytest.raises(ClientError) as excinfo:
        apigw.update_api_key(apiKey=key["id"], patchOperations=[{"op": "replace", "path": "/id", "value": "x"}])
    assert error_code(excinfo) == "BadRequestException"
    assert error_message(excinfo) == ("Invalid patch path  '/id' specified for op 'replace'. "
                                      "Must be one of: [/description, /enabled, /name, /customerId]")

    with pytest.raises(ClientError) as excinfo:
        apigw.create_api_key(name="short", value="tooshort")
    assert error_message(excinfo) == "API Key value should be at least 20 characters"

    # An operation the model has but Tollgate does not implement answers a clear 501.
    with pytest.raises(ClientError) as excinfo:
        apigw.get_sdk_types()
    assert status(excinfo) == 501
    assert error_code(excinfo) == "NotImplementedException"
    assert "GetSdkTypes" in error_message(excinfo)


def test_authentication_failures(control_plane):
    wrong_secret = boto3.client("apigateway", endpoint_url=control_plane.endpoint, region_name=REGION,
                                aws_access_key_id=ACCESS_KEY, aws_secret_access_key="not-the-secret",
                                config=Config(retries={"max_attempts": 1}))
    with pytest.raises(ClientError) as excinfo:
        wrong_secret.get_rest_apis()
    assert (error_code(excinfo), status(excinfo)) == ("InvalidSignatureException", 403)

    unknown_key = boto3.client("apigateway", endpoint_url=control_plane.endpoint, region_name="eu-west-1",
                               aws_access_key_id="AKIDUNKNOWN000000000", aws_secret_access_key="whatever",
                               config=Config(retries={"max_attempts": 1}))
    with pytest.raises(ClientError) as excinfo:
        unknown_key.get_rest_apis()
    assert (error_code(excinfo), status(excinfo)) == ("UnrecognizedClientException", 403)

    request = urllib.request.Request(control_plane.endpoint + "/restapis", headers={"Accept": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request, timeout=10)
    assert excinfo.value.code == 403
    assert excinfo.value.headers["x-amzn-ErrorType"].startswith("MissingAuthenticationTokenException")
    assert excinfo.value.headers["x-amzn-RequestId"]
    assert json.loads(excinfo.value.read())["message"] == "Missing Authentication Token"


def test_awscli_drives_the_admin_api(control_plane):
    created = control_plane.cli("create-rest-api", "--name", "from-cli")
    assert created.returncode == 0, created.stderr
    api_id = json.loads(created.stdout)["id"]
    listed = control_plane.cli("get-rest-apis")
    assert listed.returncode == 0, listed.stderr
    assert api_id in [item["id"] for item in json.loads(listed.stdout)["items"]]
    missing = control_plane.cli("get-rest-api", "--rest-api-id", "nosuchapi0")
    assert missing.returncode != 0
    assert "NotFoundException" in missing.stderr
