"""moto's API Gateway tests that cannot measure a live control plane, with the reason for each.

Under MOTO_COMPAT_TARGET=tollgate they are skipped with this reason (moto still runs them for its own
column). The list is short on purpose: a test belongs here only if no correct server could pass it,
because it reads moto's in-process state, needs a service Tollgate is not, or asserts that AWS accepts
what AWS's own API reference says it refuses.
Keys are `module::test` (parametrised tests match on the name before `[`).
"""
import os

MOTO_SERVER_APP = "drives moto's own Flask app (moto.server.create_backend_app) and sends no request to the network"
CLOUDFORMATION = ("creates the API through moto's CloudFormation, which writes moto's in-process apigateway "
                  "backend; Tollgate has no CloudFormation")
ID_MANAGER = "sets ids through moto's in-process id manager (moto.utilities.id_generator), a moto-only hook"
CUSTOM_ID_TAG = "relies on moto's `_custom_id_` tag choosing the id; AWS (and Tollgate) treat it as an ordinary tag"
INVOKE_URL = ("invokes the stage at https://{id}.execute-api.{region}.amazonaws.com, which moto serves in-process; "
              "the data plane is not the control plane under test here")

# moto tests that assert AWS accepts what AWS's own API reference (botocore's apigatewayv2 model, whose
# documentation strings are quoted) says it refuses: no correct server can pass them.
V2_HTTP_SELECTION = ("creates or updates an HTTP API with routeSelectionExpression 'route_s3l3ction' and an "
                     "apiKeySelectionExpression; AWS's reference: 'For HTTP APIs, the routeSelectionExpression must be "
                     "${request.method} ${request.path}', apiKeySelectionExpression and disableSchemaValidation are "
                     "'Supported only for WebSocket APIs'")
V2_WEBSOCKET_NO_RSE = ("creates a WEBSOCKET API without routeSelectionExpression, which AWS's reference says 'is required "
                       "for WebSocket APIs'")
V2_REQUEST_AUTHORIZER_URI = ("creates a REQUEST authorizer on an HTTP API without a Lambda authorizerUri (or with "
                             "'auth_uri'); AWS's reference: 'For REQUEST authorizers, this must be a well-formed Lambda "
                             "function URI'")
V2_HTTP_INTEGRATION_TYPE = ("creates an integration of type HTTP or MOCK on an HTTP API; AWS's reference marks HTTP, MOCK "
                            "and AWS 'Supported only for WebSocket APIs' (HTTP APIs take HTTP_PROXY or AWS_PROXY)")
V2_HTTP_ROUTE_MEMBERS = ("sets apiKeyRequired or requestParameters on an HTTP API's route; AWS's reference: both are "
                         "'Supported only for WebSocket APIs'")
V2_HTTP_CLIENT_CERTIFICATE = ("sets clientCertificateId on an HTTP API's stage; AWS's reference: 'Supported only for "
                              "WebSocket APIs'")

NOT_APPLICABLE = {
    "test_apigatewayv2/test_apigatewayv2.py::test_create_api": V2_HTTP_SELECTION,
    "test_apigatewayv2/test_apigatewayv2.py::test_delete_cors_configuration": V2_HTTP_SELECTION,
    "test_apigatewayv2/test_apigatewayv2.py::test_update_api_minimal": V2_HTTP_SELECTION,
    "test_apigatewayv2/test_apigatewayv2.py::test_update_api_empty_fields": V2_HTTP_SELECTION,
    "test_apigatewayv2/test_apigatewayv2.py::test_update_api": V2_HTTP_SELECTION,
    "test_apigatewayv2/test_apigatewayv2.py::test_get_api": V2_WEBSOCKET_NO_RSE,
    "test_apigatewayv2/test_apigatewayv2.py::test_get_apis": V2_WEBSOCKET_NO_RSE,
    "test_apigatewayv2/test_apigatewayv2_authorizers.py::test_create_authorizer_minimum": V2_REQUEST_AUTHORIZER_URI,
    "test_apigatewayv2/test_apigatewayv2_authorizers.py::test_create_authorizer": V2_REQUEST_AUTHORIZER_URI,
    "test_apigatewayv2/test_apigatewayv2_authorizers.py::test_get_authorizer": V2_REQUEST_AUTHORIZER_URI,
    "test_apigatewayv2/test_apigatewayv2_authorizers.py::test_update_authorizer_single": V2_REQUEST_AUTHORIZER_URI,
    "test_apigatewayv2/test_apigatewayv2_authorizers.py::test_update_authorizer_all_attributes": V2_REQUEST_AUTHORIZER_URI,
    "test_apigatewayv2/test_apigatewayv2_authorizers.py::test_delete_authorizer": V2_WEBSOCKET_NO_RSE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_create_integration_minimum": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_create_integration_for_internet_mock": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_create_integration_full": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_get_integration": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_get_integrations": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_delete_integration": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_update_integration_single_attr": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrations.py::test_update_integration_all_attrs": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrationresponses.py::test_get_integration_responses_empty": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrationresponses.py::test_create_integration_response": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrationresponses.py::test_get_integration_response": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrationresponses.py::test_get_integration_response_unknown": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrationresponses.py::test_delete_integration_response": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrationresponses.py::test_update_integration_response_single_attr": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_integrationresponses.py::test_update_integration_response_multiple_attrs": V2_HTTP_INTEGRATION_TYPE,
    "test_apigatewayv2/test_apigatewayv2_routes.py::test_update_route_all_attributes": V2_HTTP_ROUTE_MEMBERS,
    "test_apigatewayv2/test_apigatewayv2_routes.py::test_delete_route_request_parameter": V2_HTTP_ROUTE_MEMBERS,
    "test_apigatewayv2/test_apigatewayv2_stages.py::test_create_stage": V2_HTTP_CLIENT_CERTIFICATE,
    "test_apigatewayv2/test_apigatewayv2_stages.py::test_create_stage__defaults_for_websocket_api": V2_WEBSOCKET_NO_RSE,
    "test_apigatewayv2/test_server.py::test_apigatewayv2_list_apis": MOTO_SERVER_APP,
    "test_server.py::test_list_apis": MOTO_SERVER_APP,
    "test_server.py::test_usage_plans_apis": MOTO_SERVER_APP,
    "test_server.py::test_usage_plans_keys": MOTO_SERVER_APP,
    "test_server.py::test_create_usage_plans_key_non_existent_api_key": MOTO_SERVER_APP,
    "test_server.py::test_put_integration_response_without_body": MOTO_SERVER_APP,
    "test_apigateway_cloudformation.py::test_simple_apigateway_with_lambda_proxy": CLOUDFORMATION,
    "test_apigateway_cloudformation.py::test_apigateway_with_unknown_description": CLOUDFORMATION,
    "test_apigateway_custom_ids.py::test_custom_id_rest_api": ID_MANAGER,
    "test_apigateway_custom_ids.py::test_custom_id_api_key": ID_MANAGER,
    "test_apigateway_custom_ids.py::test_create_rest_api_with_custom_id_tag": CUSTOM_ID_TAG,
    "test_apigateway_integration.py::test_http_integration": INVOKE_URL,
    "test_apigateway_integration.py::test_aws_integration_dynamodb": INVOKE_URL,
    "test_apigateway_integration.py::test_aws_integration_dynamodb_multiple_stages": INVOKE_URL,
    "test_apigateway_integration.py::test_aws_integration_dynamodb_multiple_resources": INVOKE_URL,
}


def module_key(path):
    """The module part of a test's key: the file name for moto's REST API modules (`test_apigateway/`), and
    `test_apigatewayv2/{file}` for the HTTP/WebSocket ones (both folders have a test_server.py)."""
    parent = os.path.basename(os.path.dirname(str(path)))
    name = os.path.basename(str(path))
    return name if parent == "test_apigateway" else f"{parent}/{name}"


def reason_for(module, name):
    """The reason `module::name` is not applicable to a live server, or None."""
    return NOT_APPLICABLE.get(f"{module}::{name.split('[', 1)[0]}")
