"""Authorizers, models, request validators and gateway responses driven with boto3 against a real
control plane: every operation end to end, AWS's defaults and errors, and the deployment refusals
for what the data plane does not serve."""
import json

import pytest
from botocore.exceptions import ClientError

LAMBDA_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations")
PET_SCHEMA = json.dumps({"$schema": "http://json-schema.org/draft-04/schema#", "title": "Pet", "type": "object",
                         "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}})


def failure(excinfo):
    error = excinfo.value.response["Error"]
    return excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"], error["Code"], error["Message"]


def api_with_mock_method(apigw):
    api = apigw.create_rest_api(name="parts")
    api_id, root = api["id"], api["rootResourceId"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    return api_id, root


def test_authorizers_end_to_end(control_plane):
    apigw = control_plane.client()
    api_id, root = api_with_mock_method(apigw)
    token = apigw.create_authorizer(restApiId=api_id, name="tok", type="TOKEN", authorizerUri=LAMBDA_URI,
                                    identitySource="method.request.header.Authorization")
    assert token["authorizerResultTtlInSeconds"] == 300 and len(token["id"]) == 6
    pool = apigw.create_authorizer(restApiId=api_id, name="pool", type="COGNITO_USER_POOLS",
                                   providerARNs=["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x"])
    assert [a["name"] for a in apigw.get_authorizers(restApiId=api_id)["items"]] == ["tok", "pool"]
    assert apigw.get_authorizer(restApiId=api_id, authorizerId=token["id"])["identitySource"] == \
        "method.request.header.Authorization"
    updated = apigw.update_authorizer(restApiId=api_id, authorizerId=token["id"], patchOperations=[
        {"op": "replace", "path": "/name", "value": "renamed"},
        {"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "0"}])
    assert updated["name"] == "renamed" and updated["authorizerResultTtlInSeconds"] == 0

    with pytest.raises(ClientError) as excinfo:
        apigw.get_authorizer(restApiId=api_id, authorizerId="nope00")
    assert failure(excinfo) == (404, "NotFoundException", "Invalid Authorizer identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigw.create_authorizer(restApiId=api_id, name="bad", type="COGNITO_USER_POOLS")
    assert failure(excinfo)[:2] == (400, "BadRequestException")

    # A method behind the authorizer is accepted and deploys (the node refuses it with 401 until
    # authorizers run); a wrong or missing authorizer is refused.
    apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
        {"op": "replace", "path": "/authorizerId", "value": token["id"]}])
    with pytest.raises(ClientError) as excinfo:
        apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="POST", authorizationType="CUSTOM",
                         authorizerId=pool["id"])
    assert failure(excinfo)[2].startswith("Invalid authorizer ID specified.")
    apigw.create_deployment(restApiId=api_id, stageName="prod")
    apigw.flush_stage_authorizers_cache(restApiId=api_id, stageName="prod")
    with pytest.raises(ClientError) as excinfo:
        apigw.flush_stage_authorizers_cache(restApiId=api_id, stageName="nope")
    assert failure(excinfo) == (404, "NotFoundException", "Invalid Stage identifier specified")
    # This control plane has no --lambda-endpoint: the authorizer's call fails as on such a node
    # (500 AUTHORIZER_FAILURE); without the identity source it is 401 without a call.
    tested = apigw.test_invoke_authorizer(restApiId=api_id, authorizerId=token["id"], headers={"Authorization": "x"})
    assert tested["clientStatus"] == 500
    assert apigw.test_invoke_authorizer(restApiId=api_id, authorizerId=token["id"])["clientStatus"] == 401

    with pytest.raises(ClientError) as excinfo:
        apigw.delete_authorizer(restApiId=api_id, authorizerId=token["id"])
    assert failure(excinfo)[:2] == (409, "ConflictException")
    apigw.delete_authorizer(restApiId=api_id, authorizerId=pool["id"])
    assert [a["id"] for a in apigw.get_authorizers(restApiId=api_id)["items"]] == [token["id"]]


def test_models_end_to_end(control_plane):
    apigw = control_plane.client()
    api_id, root = api_with_mock_method(apigw)
    model = apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json", schema=PET_SCHEMA,
                               description="a pet")
    assert model["name"] == "Pet" and model["schema"] == PET_SCHEMA and len(model["id"]) == 6
    assert apigw.get_model(restApiId=api_id, modelName="Pet")["description"] == "a pet"
    assert [m["name"] for m in apigw.get_models(restApiId=api_id)["items"]] == ["Pet"]
    template = apigw.get_model_template(restApiId=api_id, modelName="Pet")["value"]
    assert template.startswith("#set($inputRoot = $input.path('$'))") and '"name" : "$inputRoot.name"' in template
    updated = apigw.update_model(restApiId=api_id, modelName="Pet", patchOperations=[
        {"op": "replace", "path": "/description", "value": "still a pet"}])
    assert updated["description"] == "still a pet"

    with pytest.raises(ClientError) as excinfo:
        apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json", schema="{}")
    assert failure(excinfo) == (409, "ConflictException", "Model name already exists for this REST API")
    with pytest.raises(ClientError) as excinfo:
        apigw.create_model(restApiId=api_id, name="Bad", contentType="application/json", schema="{nope")
    assert failure(excinfo)[:2] == (400, "BadRequestException")
    with pytest.raises(ClientError) as excinfo:
        apigw.get_model(restApiId=api_id, modelName="Nope")
    assert failure(excinfo) == (404, "NotFoundException", "Invalid model name specified: Nope")

    # A model used by a method (no validator) deploys: models alone have no runtime effect.
    apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "add", "path": "/requestModels/application~1json", "value": "Pet"}])
    apigw.create_deployment(restApiId=api_id, stageName="prod")
    with pytest.raises(ClientError) as excinfo:
        apigw.delete_model(restApiId=api_id, modelName="Pet")
    assert failure(excinfo)[:2] == (409, "ConflictException")
    apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "remove", "path": "/requestModels/application~1json"}])
    apigw.delete_model(restApiId=api_id, modelName="Pet")
    assert apigw.get_models(restApiId=api_id)["items"] == []


def test_request_validators_end_to_end(control_plane):
    apigw = control_plane.client()
    api_id, root = api_with_mock_method(apigw)
    validator = apigw.create_request_validator(restApiId=api_id, name="body", validateRequestBody=True)
    assert validator["validateRequestBody"] is True and validator["validateRequestParameters"] is False
    assert apigw.get_request_validator(restApiId=api_id, requestValidatorId=validator["id"])["name"] == "body"
    assert len(apigw.get_request_validators(restApiId=api_id)["items"]) == 1
    updated = apigw.update_request_validator(restApiId=api_id, requestValidatorId=validator["id"], patchOperations=[
        {"op": "replace", "path": "/validateRequestParameters", "value": "true"}])
    assert updated["validateRequestParameters"] is True
    with pytest.raises(ClientError) as excinfo:
        apigw.update_request_validator(restApiId=api_id, requestValidatorId=validator["id"], patchOperations=[
            {"op": "replace", "path": "/bogus", "value": "x"}])
    assert failure(excinfo)[2] == ("Invalid patch path  '/bogus' specified for op 'replace'. "
                                   "Must be one of: [/name, /validateRequestParameters, /validateRequestBody]")
    with pytest.raises(ClientError) as excinfo:
        apigw.get_request_validator(restApiId=api_id, requestValidatorId="nope00")
    assert failure(excinfo) == (404, "NotFoundException", "Invalid Request Validator identifier specified")

    # A method using the validator deploys: nodes enforce it (RequestValidationEndToEndTests).
    apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/requestValidatorId", "value": validator["id"]}])
    assert apigw.create_deployment(restApiId=api_id, stageName="prod")["id"]
    apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/requestValidatorId", "value": ""}])
    with pytest.raises(ClientError) as excinfo:
        apigw.delete_request_validator(restApiId=api_id, requestValidatorId="nope00")
    assert failure(excinfo)[0] == 404
    apigw.delete_request_validator(restApiId=api_id, requestValidatorId=validator["id"])
    assert apigw.get_request_validators(restApiId=api_id)["items"] == []


def test_gateway_responses_end_to_end(control_plane):
    apigw = control_plane.client()
    api_id, _ = api_with_mock_method(apigw)
    defaults = apigw.get_gateway_responses(restApiId=api_id)["items"]
    assert len(defaults) == 21 and all(r["defaultResponse"] for r in defaults)
    by_type = {r["responseType"]: r for r in defaults}
    assert by_type["UNAUTHORIZED"]["statusCode"] == "401" and "statusCode" not in by_type["DEFAULT_4XX"]
    assert by_type["THROTTLED"]["responseTemplates"] == {"application/json": '{"message":$context.error.messageString}'}

    put = apigw.put_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX", statusCode="400",
                                     responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
                                     responseTemplates={"application/json": '{"error":$context.error.messageString}'})
    assert put["defaultResponse"] is False and put["statusCode"] == "400"
    assert apigw.get_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")["defaultResponse"] is False
    patched = apigw.update_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX", patchOperations=[
        {"op": "replace", "path": "/statusCode", "value": "418"}])
    assert patched["statusCode"] == "418"
    with pytest.raises(ClientError) as excinfo:
        apigw.get_gateway_response(restApiId=api_id, responseType="NOT_A_TYPE")
    assert failure(excinfo)[1] in ("ValidationException", "BadRequestException")

    # A customised response deploys (nodes send it: MappingTemplateEndToEndTests); a customised
    # REQUEST_TOO_LARGE is refused at deployment, as AWS does not allow customising it.
    assert apigw.create_deployment(restApiId=api_id, stageName="prod")["id"]
    apigw.put_gateway_response(restApiId=api_id, responseType="REQUEST_TOO_LARGE", statusCode="400")
    with pytest.raises(ClientError) as excinfo:
        apigw.create_deployment(restApiId=api_id, stageName="prod")
    status, code, message = failure(excinfo)
    assert (status, code) == (400, "BadRequestException") and "REQUEST_TOO_LARGE" in message
    apigw.delete_gateway_response(restApiId=api_id, responseType="REQUEST_TOO_LARGE")

    apigw.delete_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")
    assert apigw.get_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")["defaultResponse"] is True
    with pytest.raises(ClientError) as excinfo:
        apigw.delete_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")
    assert failure(excinfo) == (404, "NotFoundException", "Gateway response type not defined on api")
    apigw.create_deployment(restApiId=api_id, stageName="prod")
