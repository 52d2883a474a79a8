"""Terraform's IAM resources (hashicorp/aws provider) apply, plan clean and destroy against Tollgate's
IAM subset on the control plane: `aws_iam_user`, `aws_iam_access_key`, `aws_iam_user_policy`,
`aws_iam_policy` and `aws_iam_user_policy_attachment`. Same provider mirror and skips as
test_terraform.py; takes about a minute, mostly the provider starting up."""
import json
import os

import boto3
from botocore.config import Config

from conftest import ACCESS_KEY, SECRET_KEY, REGION
from test_terraform import PLUGINS, PROVIDER_VERSION, _check, _terraform, provider_config, pytestmark  # noqa: F401 (skip marker)

CONFIG = provider_config("iam") + r'''
resource "aws_iam_user" "caller" {
  name = "tf-caller"
  path = "/apps/"
  tags = { team = "pets" }
}

resource "aws_iam_access_key" "caller" {
  user = aws_iam_user.caller.name
}

resource "aws_iam_user_policy" "invoke" {
  name = "invoke"
  user = aws_iam_user.caller.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "execute-api:Invoke", Resource = "arn:aws:execute-api:*:*:*/*/GET/*" }]
  })
}

resource "aws_iam_policy" "no_admin" {
  name        = "tf-no-admin"
  description = "no admin paths"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "execute-api:Invoke", Resource = "arn:aws:execute-api:*:*:*/*/*/admin/*" }]
  })
}

resource "aws_iam_user_policy_attachment" "no_admin" {
  user       = aws_iam_user.caller.name
  policy_arn = aws_iam_policy.no_admin.arn
}

output "key_id" {
  value = aws_iam_access_key.caller.id
}
'''


def test_terraform_iam_resources_apply_plan_clean_and_destroy(control_plane, tmp_path):
    workdir = str(tmp_path)
    with open(os.path.join(workdir, "cli.tfrc"), "w") as f:
        f.write('provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' % PLUGINS)
    config = (CONFIG.replace("@PROVIDER_VERSION@", PROVIDER_VERSION).replace("@REGION@", REGION)
              .replace("@ACCESS_KEY@", ACCESS_KEY).replace("@SECRET_KEY@", SECRET_KEY).replace("@ENDPOINT@", control_plane.endpoint))
    with open(os.path.join(workdir, "main.tf"), "w") as f:
        f.write(config)
    _check(_terraform(workdir, "init", "-backend=false", "-no-color"), "init")
    _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10"), "apply")

    iam = boto3.client("iam", endpoint_url=control_plane.endpoint, region_name=REGION, aws_access_key_id=ACCESS_KEY,
                       aws_secret_access_key=SECRET_KEY, config=Config(retries={"max_attempts": 0}))
    key_id = json.loads(_terraform(workdir, "output", "-json").stdout)["key_id"]["value"]
    assert [k["AccessKeyId"] for k in iam.list_access_keys(UserName="tf-caller")["AccessKeyMetadata"]] == [key_id]
    assert iam.get_user(UserName="tf-caller")["User"]["Arn"] == "arn:aws:iam::000000000000:user/apps/tf-caller"
    assert iam.list_user_policies(UserName="tf-caller")["PolicyNames"] == ["invoke"]
    attached = iam.list_attached_user_policies(UserName="tf-caller")["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == ["tf-no-admin"]

    plan = _terraform(workdir, "plan", "-detailed-exitcode", "-no-color")
    assert plan.returncode == 0, f"plan after apply is not clean ({plan.returncode}):\n{plan.stdout[-8000:]}\n{plan.stderr[-4000:]}"

    _check(_terraform(workdir, "destroy", "-auto-approve", "-no-color", "-parallelism=10"), "destroy")
    assert iam.list_users()["Users"] == []
    assert iam.list_policies(Scope="Local")["Policies"] == []
