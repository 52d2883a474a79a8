"""A stock Terraform configuration (hashicorp/aws provider) applies, plans clean and destroys against
Tollgate's control plane: an API with resources, methods, integrations and responses, a deployment,
a stage with method settings, two API keys (one without a value: the provider sends `"value": ""`), a usage
plan with a method throttle and its plan keys. Takes 1–2 minutes, mostly the provider starting up.

No network: the provider comes from a filesystem mirror (`/opt/tf-plugins`, or $TOLLGATE_TF_PLUGINS)
named in the test's own CLI configuration; checkpoint calls are disabled. Skips when terraform or
the provider is absent.
"""
import glob
import json
import os
import shutil
import subprocess
import time

import pytest

from conftest import ACCESS_KEY, SECRET_KEY, REGION

PROVIDER_VERSION = "5.100.0"
PLUGINS = os.environ.get("TOLLGATE_TF_PLUGINS", "/opt/tf-plugins")
TERRAFORM = shutil.which("terraform") or "/usr/local/bin/terraform"


def _provider_present():
    pattern = os.path.join(PLUGINS, "registry.terraform.io/hashicorp/aws", PROVIDER_VERSION, "*", "terraform-provider-aws*")
    return bool(glob.glob(pattern))


pytestmark = pytest.mark.skipif(
    not (os.access(TERRAFORM, os.X_OK) and _provider_present()),
    reason=f"needs terraform ({TERRAFORM}) and the hashicorp/aws {PROVIDER_VERSION} provider unpacked under {PLUGINS}")

def provider_config(service):
    """The `terraform` and `provider "aws"` blocks every Terraform test starts with, the provider
    pointed at Tollgate for `service` (filled in later by `_fill`, like the other @NAMES@)."""
    return PROVIDER_BLOCKS.replace("@SERVICE@", service)


PROVIDER_BLOCKS = r'''
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "@PROVIDER_VERSION@"
    }
  }
}

provider "aws" {
  region                      = "@REGION@"
  access_key                  = "@ACCESS_KEY@"
  secret_key                  = "@SECRET_KEY@"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1
  endpoints {
    @SERVICE@ = "@ENDPOINT@"
  }
}

'''

CONFIG = provider_config("apigateway") + r'''
resource "aws_api_gateway_rest_api" "pets" {
  name               = "tf-pets"
  description        = "Terraform interop"
  binary_media_types = ["image/png"]
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  tags = { team = "pets" }
}

resource "aws_api_gateway_resource" "pets" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  parent_id   = aws_api_gateway_rest_api.pets.root_resource_id
  path_part   = "pets"
}

resource "aws_api_gateway_resource" "pet" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  parent_id   = aws_api_gateway_resource.pets.id
  path_part   = "{petId}"
}

resource "aws_api_gateway_method" "list" {
  rest_api_id      = aws_api_gateway_rest_api.pets.id
  resource_id      = aws_api_gateway_resource.pets.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
  request_parameters = {
    "method.request.querystring.limit" = false
    "method.request.header.x-trace"    = false
  }
}

resource "aws_api_gateway_integration" "list" {
  rest_api_id       = aws_api_gateway_rest_api.pets.id
  resource_id       = aws_api_gateway_resource.pets.id
  http_method       = aws_api_gateway_method.list.http_method
  type                 = "MOCK"
  passthrough_behavior = "WHEN_NO_TEMPLATES"
  request_templates    = { "application/json" = "{\"statusCode\": 200}" }
}

resource "aws_api_gateway_method_response" "list" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  resource_id = aws_api_gateway_resource.pets.id
  http_method = aws_api_gateway_method.list.http_method
  status_code = "200"
  response_models = { "application/json" = "Empty" }
  response_parameters = { "method.response.header.x-count" = false }
}

resource "aws_api_gateway_integration_response" "list" {
  rest_api_id        = aws_api_gateway_rest_api.pets.id
  resource_id        = aws_api_gateway_resource.pets.id
  http_method        = aws_api_gateway_method.list.http_method
  status_code        = aws_api_gateway_method_response.list.status_code
  response_templates = { "application/json" = "[]" }
  response_parameters = { "method.response.header.x-count" = "'0'" }
  depends_on         = [aws_api_gateway_integration.list]
}

resource "aws_api_gateway_method" "get" {
  rest_api_id        = aws_api_gateway_rest_api.pets.id
  resource_id        = aws_api_gateway_resource.pet.id
  http_method        = "GET"
  authorization      = "NONE"
  request_parameters = { "method.request.path.petId" = true }
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id             = aws_api_gateway_rest_api.pets.id
  resource_id             = aws_api_gateway_resource.pet.id
  http_method             = aws_api_gateway_method.get.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "http://127.0.0.1:9/pets/{id}"
  timeout_milliseconds    = 5000
  connection_type         = "INTERNET"
  request_parameters      = { "integration.request.path.id" = "method.request.path.petId" }
}

resource "aws_api_gateway_deployment" "v1" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  description = "v1"
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.pets.id, aws_api_gateway_resource.pet.id,
      aws_api_gateway_method.list.id, aws_api_gateway_integration.list.id,
      aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id,
      aws_api_gateway_integration_response.list.id,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.pets.id
  deployment_id = aws_api_gateway_deployment.v1.id
  stage_name    = "prod"
  description   = "production"
  variables     = { backend = "pets" }
  tags          = { env = "prod" }
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
    metrics_enabled        = false
    logging_level          = "OFF"
  }
}

resource "aws_api_gateway_method_settings" "list" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "pets/GET"
  settings {
    throttling_rate_limit  = 5
    throttling_burst_limit = 10
  }
}

resource "aws_api_gateway_api_key" "client" {
  name = "tf-client"
}

resource "aws_api_gateway_api_key" "partner" {
  name        = "tf-partner"
  description = "a key with its own value"
  enabled     = false
  value       = "partner-key-0123456789abcdef"
}

resource "aws_api_gateway_usage_plan" "basic" {
  name        = "tf-basic"
  description = "basic tier"
  api_stages {
    api_id = aws_api_gateway_rest_api.pets.id
    stage  = aws_api_gateway_stage.prod.stage_name
    throttle {
      path        = "/pets/GET"
      rate_limit  = 2
      burst_limit = 4
    }
  }
  quota_settings {
    limit  = 1000
    period = "DAY"
  }
  throttle_settings {
    rate_limit  = 10
    burst_limit = 20
  }
}

resource "aws_api_gateway_usage_plan_key" "client" {
  key_id        = aws_api_gateway_api_key.client.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.basic.id
}

resource "aws_api_gateway_usage_plan_key" "partner" {
  key_id        = aws_api_gateway_api_key.partner.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.basic.id
}

output "api_id" {
  value = aws_api_gateway_rest_api.pets.id
}

output "key_value" {
  value     = aws_api_gateway_api_key.client.value
  sensitive = true
}
'''


def configuration(endpoint):
    """`CONFIG` with its @PLACEHOLDERS@ filled in."""
    return _fill(CONFIG, endpoint)


def _terraform(workdir, *args, timeout=120):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "AWS_"))}
    env.update({
        "TF_CLI_CONFIG_FILE": os.path.join(workdir, "cli.tfrc"),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
        "HOME": workdir,
    })
    started = time.monotonic()
    result = subprocess.run([TERRAFORM, *args], cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout)
    print(f"terraform {args[0]}: {time.monotonic() - started:.1f} s")  # shown with -s: provider start-up dominates
    return result


def _check(result, what):
    assert result.returncode == 0, f"terraform {what} failed ({result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"


def test_terraform_applies_plans_clean_and_destroys(control_plane, tmp_path):
    workdir = str(tmp_path)
    with open(os.path.join(workdir, "cli.tfrc"), "w") as f:
        f.write('provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' % PLUGINS)
    config = configuration(control_plane.endpoint)
    with open(os.path.join(workdir, "main.tf"), "w") as f:
        f.write(config)

    _check(_terraform(workdir, "init", "-backend=false", "-no-color"), "init")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10"), "apply")

    # What Terraform built is what the admin API serves.
    client = control_plane.client()
    outputs = json.loads(_terraform(workdir, "output", "-json").stdout)
    api_id = outputs["api_id"]["value"]
    paths = sorted(r["path"] for r in client.get_resources(restApiId=api_id)["items"])
    assert paths == ["/", "/pets", "/pets/{petId}"]
    stage = client.get_stage(restApiId=api_id, stageName="prod")
    assert stage["methodSettings"]["*/*"]["throttlingRateLimit"] == 100.0
    assert stage["methodSettings"]["*/*"]["throttlingBurstLimit"] == 50
    key_value = outputs["key_value"]["value"]
    assert len(key_value) == 40, "an aws_api_gateway_api_key without a value gets a generated one"
    plans = client.get_usage_plans()["items"]
    assert [p["name"] for p in plans] == ["tf-basic"]
    assert len(client.get_usage_plan_keys(usagePlanId=plans[0]["id"])["items"]) == 2

    # A second plan sees no difference between the configuration and what the API reports.
    plan = _terraform(workdir, "plan", "-detailed-exitcode", "-no-color")
    assert plan.returncode == 0, f"plan after apply is not clean ({plan.returncode}):\n{plan.stdout[-8000:]}\n{plan.stderr[-4000:]}"

    _check(_terraform(workdir, "destroy", "-auto-approve", "-no-color", "-parallelism=10"), "destroy")
    assert client.get_rest_apis()["items"] == []
    assert client.get_api_keys()["items"] == []
    assert client.get_usage_plans()["items"] == []


PARTS_CONFIG = r'''
resource "aws_api_gateway_rest_api" "parts" {
  name = "tf-parts"
}
resource "aws_api_gateway_authorizer" "token" {
  name                             = "tf-token"
  rest_api_id                      = aws_api_gateway_rest_api.parts.id
  authorizer_uri                   = "arn:aws:apigateway:@REGION@:lambda:path/2015-03-31/functions/arn:aws:lambda:@REGION@:123456789012:function:auth/invocations"
  authorizer_result_ttl_in_seconds = 60
}
resource "aws_api_gateway_authorizer" "pool" {
  name          = "tf-pool"
  rest_api_id   = aws_api_gateway_rest_api.parts.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = ["arn:aws:cognito-idp:@REGION@:123456789012:userpool/@REGION@_abcdef"]
}
resource "aws_api_gateway_model" "pet" {
  rest_api_id  = aws_api_gateway_rest_api.parts.id
  name         = "Pet"
  description  = "@MODEL_DESCRIPTION@"
  content_type = "application/json"
  schema = jsonencode({
    "$schema" = "http://json-schema.org/draft-04/schema#"
    type      = "object"
    properties = { name = { type = "string" } }
  })
}
resource "aws_api_gateway_request_validator" "body" {
  name                        = "@VALIDATOR_NAME@"
  rest_api_id                 = aws_api_gateway_rest_api.parts.id
  validate_request_body       = true
  validate_request_parameters = false
}
resource "aws_api_gateway_gateway_response" "unauthorized" {
  rest_api_id   = aws_api_gateway_rest_api.parts.id
  response_type = "UNAUTHORIZED"
  status_code   = "401"
  response_templates = {
    "application/json" = "{\"message\":$context.error.messageString}"
  }
  response_parameters = {
    "gatewayresponse.header.WWW-Authenticate" = "'Bearer'"
  }
}
resource "aws_api_gateway_method" "create" {
  rest_api_id          = aws_api_gateway_rest_api.parts.id
  resource_id          = aws_api_gateway_rest_api.parts.root_resource_id
  http_method          = "POST"
  authorization        = "CUSTOM"
  authorizer_id        = aws_api_gateway_authorizer.token.id
  request_validator_id = aws_api_gateway_request_validator.body.id
  request_models       = { "application/json" = aws_api_gateway_model.pet.name }
}
resource "aws_api_gateway_method" "read" {
  rest_api_id          = aws_api_gateway_rest_api.parts.id
  resource_id          = aws_api_gateway_rest_api.parts.root_resource_id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.pool.id
  authorization_scopes = ["pets/read"]
}
output "parts_api_id" {
  value = aws_api_gateway_rest_api.parts.id
}
'''


def test_terraform_definition_parts_apply_update_plan_clean_and_destroy(control_plane, tmp_path):
    """aws_api_gateway_authorizer, _model, _request_validator and _gateway_response (and methods using
    them): apply, plan with no changes, an in-place update, plan clean again, destroy."""
    workdir = str(tmp_path)
    with open(os.path.join(workdir, "cli.tfrc"), "w") as f:
        f.write('provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' % PLUGINS)
    provider = CONFIG[:CONFIG.index('resource "aws_api_gateway_rest_api"')]

    def write(description, validator_name):
        text = (provider + PARTS_CONFIG).replace("@MODEL_DESCRIPTION@", description).replace("@VALIDATOR_NAME@", validator_name)
        with open(os.path.join(workdir, "main.tf"), "w") as f:
            f.write(_fill(text, control_plane.endpoint))

    write("a pet", "body-only")
    _check(_terraform(workdir, "init", "-backend=false", "-no-color"), "init")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10"), "apply")
    client = control_plane.client()
    api_id = json.loads(_terraform(workdir, "output", "-json").stdout)["parts_api_id"]["value"]
    assert sorted(a["name"] for a in client.get_authorizers(restApiId=api_id)["items"]) == ["tf-pool", "tf-token"]
    assert client.get_model(restApiId=api_id, modelName="Pet")["description"] == "a pet"
    assert client.get_request_validators(restApiId=api_id)["items"][0]["validateRequestBody"] is True
    assert client.get_gateway_response(restApiId=api_id, responseType="UNAUTHORIZED")["defaultResponse"] is False
    _check_clean_plan(workdir, "after apply")

    write("still a pet", "body-checked")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10"), "apply (update)")
    assert client.get_model(restApiId=api_id, modelName="Pet")["description"] == "still a pet"
    assert client.get_request_validators(restApiId=api_id)["items"][0]["name"] == "body-checked"
    _check_clean_plan(workdir, "after update")

    _check(_terraform(workdir, "destroy", "-auto-approve", "-no-color", "-parallelism=10"), "destroy")
    assert client.get_rest_apis()["items"] == []


def _check_clean_plan(workdir, when):
    """`terraform plan` finds nothing to change (exit code 0 with -detailed-exitcode)."""
    plan = _terraform(workdir, "plan", "-detailed-exitcode", "-no-color")
    assert plan.returncode == 0, f"plan {when} is not clean:\n{plan.stdout[-6000:]}\n{plan.stderr[-3000:]}"


def _fill(text, endpoint):
    """`text` with the provider block's @PLACEHOLDERS@ filled in, as `configuration` does for `CONFIG`."""
    values = {"PROVIDER_VERSION": PROVIDER_VERSION, "REGION": REGION, "ACCESS_KEY": ACCESS_KEY,
              "SECRET_KEY": SECRET_KEY, "ENDPOINT": endpoint}
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


BODY_CONFIG = r'''
resource "aws_api_gateway_rest_api" "openapi" {
  name = "tf-openapi"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "tf-openapi", version = "1.0" }
    paths = {
      "@PATH@" = {
        get = {
          responses = { "200" = { description = "ok" } }
          x-amazon-apigateway-integration = {
            type             = "mock"
            requestTemplates = { "application/json" = "{\"statusCode\": 200}" }
            responses        = { default = { statusCode = "200" } }
          }
        }
      }
    }
  })
}
resource "aws_api_gateway_deployment" "openapi" {
  rest_api_id = aws_api_gateway_rest_api.openapi.id
  triggers    = { body = sha1(aws_api_gateway_rest_api.openapi.body) }
  lifecycle { create_before_destroy = true }
}
resource "aws_api_gateway_stage" "openapi" {
  rest_api_id   = aws_api_gateway_rest_api.openapi.id
  deployment_id = aws_api_gateway_deployment.openapi.id
  stage_name    = "prod"
}
output "openapi_api_id" {
  value = aws_api_gateway_rest_api.openapi.id
}
'''


def test_terraform_rest_api_with_openapi_body_apply_update_plan_clean_and_destroy(control_plane, tmp_path):
    """aws_api_gateway_rest_api with an OpenAPI `body` (CreateRestApi, then PutRestApi overwrite), a
    deployment and a stage: apply, plan with no changes, change the body, plan clean again, destroy."""
    workdir = str(tmp_path)
    with open(os.path.join(workdir, "cli.tfrc"), "w") as f:
        f.write('provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' % PLUGINS)
    provider = CONFIG[:CONFIG.index('resource "aws_api_gateway_rest_api"')]

    def write(path):
        with open(os.path.join(workdir, "main.tf"), "w") as f:
            f.write(_fill(provider + BODY_CONFIG.replace("@PATH@", path), control_plane.endpoint))

    write("/pets")
    _check(_terraform(workdir, "init", "-backend=false", "-no-color"), "init")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10", timeout=300), "apply")
    client = control_plane.client()
    api_id = json.loads(_terraform(workdir, "output", "-json").stdout)["openapi_api_id"]["value"]
    assert sorted(r["path"] for r in client.get_resources(restApiId=api_id)["items"]) == ["/", "/pets"]
    exported = json.loads(client.get_export(restApiId=api_id, stageName="prod", exportType="oas30")["body"].read())
    assert list(exported["paths"]) == ["/pets"]
    _check_clean_plan(workdir, "after apply")

    write("/animals")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10", timeout=300), "apply (update)")
    assert sorted(r["path"] for r in client.get_resources(restApiId=api_id)["items"]) == ["/", "/animals"]
    _check_clean_plan(workdir, "after update")

    _check(_terraform(workdir, "destroy", "-auto-approve", "-no-color", "-parallelism=10", timeout=300), "destroy")
    assert client.get_rest_apis()["items"] == []
