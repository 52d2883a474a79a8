"""moto's API Gateway tests that cannot measure a live control plane, with the reason for each.

Under MOTO_COMPAT_TARGET=tollgate they are skipped with this reason (moto still runs them for its own
column). The list is short on purpose: a test belongs here only if no correct server could pass it,
because it reads moto's in-process state or needs a service Tollgate is not.
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

NOT_APPLICABLE = {
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
