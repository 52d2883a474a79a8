"""Terraform (hashicorp/aws provider) with tags and a custom domain name: a tagged REST API and stage,
an `aws_api_gateway_domain_name` with an uploaded certificate (made here with the openssl CLI) and an
`aws_api_gateway_base_path_mapping` onto the stage. Apply, plan clean, change the tags (in place: the
same API, stage and domain keep their ids) and the mapping's base path, plan clean again, destroy. Skips as `test_terraform.py` does.
"""
import json
import os
import shutil
import subprocess

import pytest

from test_terraform import CONFIG, PLUGINS, _check, _check_clean_plan, _fill, _terraform, pytestmark  # noqa: F401

DOMAIN_CONFIG = r'''
resource "aws_api_gateway_rest_api" "tagged" {
  name = "tf-tagged"
  tags = { team = "@TEAM@", owner = "tollgate" }
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.tagged.id
  resource_id   = aws_api_gateway_rest_api.tagged.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "get" {
  rest_api_id       = aws_api_gateway_rest_api.tagged.id
  resource_id       = aws_api_gateway_rest_api.tagged.root_resource_id
  http_method       = aws_api_gateway_method.get.http_method
  type              = "MOCK"
  request_templates = { "application/json" = "{\"statusCode\": 200}" }
}
resource "aws_api_gateway_deployment" "v1" {
  rest_api_id = aws_api_gateway_rest_api.tagged.id
  depends_on  = [aws_api_gateway_integration.get]
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.tagged.id
  deployment_id = aws_api_gateway_deployment.v1.id
  stage_name    = "prod"
  tags          = { team = "@TEAM@" }
}
resource "aws_api_gateway_domain_name" "api" {
  domain_name             = "api.tollgate.test"
  certificate_name        = "tf-cert"
  certificate_body        = file("${path.module}/cert.pem")
  certificate_private_key = file("${path.module}/key.pem")
  tags                    = { team = "@TEAM@" }
}
resource "aws_api_gateway_base_path_mapping" "v1" {
  api_id      = aws_api_gateway_rest_api.tagged.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  domain_name = aws_api_gateway_domain_name.api.domain_name
  base_path   = "@BASE_PATH@"
}
output "tagged_api_id" {
  value = aws_api_gateway_rest_api.tagged.id
}
'''


def test_terraform_tags_domain_name_and_base_path_mapping(control_plane, tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl CLI to make the domain's certificate")
    workdir = str(tmp_path)
    with open(os.path.join(workdir, "cli.tfrc"), "w") as f:
        f.write('provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' % PLUGINS)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=api.tollgate.test",
                    "-keyout", os.path.join(workdir, "key.pem"), "-out", os.path.join(workdir, "cert.pem")],
                   check=True, capture_output=True)
    provider = CONFIG[:CONFIG.index('resource "aws_api_gateway_rest_api"')]

    def write(team, base_path):
        text = (provider + DOMAIN_CONFIG).replace("@TEAM@", team).replace("@BASE_PATH@", base_path)
        with open(os.path.join(workdir, "main.tf"), "w") as f:
            f.write(_fill(text, control_plane.endpoint))

    write("blue", "v1")
    _check(_terraform(workdir, "init", "-backend=false", "-no-color"), "init")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10"), "apply")
    client = control_plane.client()
    api_id = json.loads(_terraform(workdir, "output", "-json").stdout)["tagged_api_id"]["value"]
    assert client.get_rest_api(restApiId=api_id)["tags"] == {"team": "blue", "owner": "tollgate"}
    assert client.get_stage(restApiId=api_id, stageName="prod")["tags"] == {"team": "blue"}
    domain = client.get_domain_name(domainName="api.tollgate.test")
    assert domain["certificateName"] == "tf-cert" and domain["domainNameStatus"] == "AVAILABLE"
    assert domain["tags"] == {"team": "blue"}
    mappings = client.get_base_path_mappings(domainName="api.tollgate.test")["items"]
    assert mappings == [{"basePath": "v1", "restApiId": api_id, "stage": "prod"}]
    _check_clean_plan(workdir, "after apply")

    write("green", "v2")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10"), "apply (update)")
    assert client.get_rest_api(restApiId=api_id)["tags"] == {"team": "green", "owner": "tollgate"}, "tags changed in place"
    assert client.get_stage(restApiId=api_id, stageName="prod")["tags"] == {"team": "green"}
    assert client.get_domain_name(domainName="api.tollgate.test")["tags"] == {"team": "green"}
    assert [m["basePath"] for m in client.get_base_path_mappings(domainName="api.tollgate.test")["items"]] == ["v2"]
    _check_clean_plan(workdir, "after update")

    _check(_terraform(workdir, "destroy", "-auto-approve", "-no-color", "-parallelism=10"), "destroy")
    assert client.get_rest_apis()["items"] == []
    assert client.get_domain_names()["items"] == []
