"""A stock Terraform configuration of an HTTP API (hashicorp/aws provider, `apigatewayv2` endpoint) applies,
plans clean, is served by a node and destroys: `aws_apigatewayv2_api` (with CORS), `_integration`
(HTTP_PROXY to a local backend), `_authorizer` (JWT), two `_route`s (one open, one behind the JWT
authorizer with a scope) and a `$default` `_stage` with `auto_deploy`, so no deployment resource is needed.

Same provider mirror and skip rule as test_terraform.py. The node is a `tollgate data-plane` process on
127.0.0.1:0 long-polling the test's control plane; the backend is a local HTTP server on 127.0.0.1:0.
"""
import http.client
import json
import os
import re
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import CLUSTER_SECRET, stop_process, tollgate_bin
from test_terraform import PLUGINS, _check, _fill, _terraform, provider_config, pytestmark  # noqa: F401 (skip marker)

CONFIG = provider_config("apigatewayv2") + r'''
resource "aws_apigatewayv2_api" "http" {
  name          = "tf-http"
  protocol_type = "HTTP"
  description   = "Terraform v2 interop"
  cors_configuration {
    allow_origins = ["https://app.example"]
    allow_methods = ["GET"]
    max_age       = 300
  }
  tags = { team = "pets" }
}

resource "aws_apigatewayv2_integration" "backend" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "HTTP_PROXY"
  integration_method     = "GET"
  integration_uri        = "http://127.0.0.1:@BACKEND_PORT@/hello"
  payload_format_version = "1.0"
  timeout_milliseconds   = 5000
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "tf-jwt"
  jwt_configuration {
    audience = ["pets"]
    issuer   = "https://issuer.example"
  }
}

resource "aws_apigatewayv2_route" "open" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /open"
  target    = "integrations/${aws_apigatewayv2_integration.backend.id}"
}

resource "aws_apigatewayv2_route" "secure" {
  api_id               = aws_apigatewayv2_api.http.id
  route_key            = "GET /secure"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = ["pets/read"]
  target               = "integrations/${aws_apigatewayv2_integration.backend.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_burst_limit = 50
    throttling_rate_limit  = 100
  }
  depends_on = [aws_apigatewayv2_route.open, aws_apigatewayv2_route.secure]
}

output "api_id" {
  value = aws_apigatewayv2_api.http.id
}
'''


class Backend(BaseHTTPRequestHandler):
    seen = []

    def do_GET(self):
        Backend.seen.append(self.path)
        body = b'{"from":"backend"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_node(control_plane, state_dir):
    """A node without gossip on 127.0.0.1:0; (process, port)."""
    env = dict(os.environ, TOLLGATE_CLUSTER_SECRET=CLUSTER_SECRET)
    proc = subprocess.Popen([tollgate_bin(), "data-plane", "--listen", "127.0.0.1:0", "--control-plane", control_plane.endpoint,
                             "--state-dir", state_dir, "--node-id", "tf-v2-node", "--threads", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if m := re.search(r"data plane listening on http://127\.0\.0\.1:(\d+)", line):
            # Keep draining the node's output so it never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            return proc, int(m.group(1))
    stop_process(proc)
    raise RuntimeError("node did not start:\n" + "".join(lines))


def get(port, api_id, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path, headers={"Host": f"{api_id}.execute-api.localhost", **(headers or {})})
    response = connection.getresponse()
    result = response.status, dict(response.getheaders()), response.read()
    connection.close()
    return result


def get_until(port, api_id, path, wanted, timeout=30):
    """Polls the node (it takes the new snapshot at its next long poll) until `wanted` or `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = get(port, api_id, path)
        if result[0] == wanted or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


def test_terraform_http_api_applies_plans_clean_serves_and_destroys(control_plane, tmp_path):
    backend = ThreadingHTTPServer(("127.0.0.1", 0), Backend)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    node = None
    try:
        workdir = str(tmp_path)
        with open(os.path.join(workdir, "cli.tfrc"), "w") as f:
            f.write('provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' % PLUGINS)
        with open(os.path.join(workdir, "main.tf"), "w") as f:
            f.write(_fill(CONFIG, control_plane.endpoint).replace("@BACKEND_PORT@", str(backend.server_address[1])))

        _check(_terraform(workdir, "init", "-backend=false", "-no-color"), "init")
        _check(_terraform(workdir, "apply", "-auto-approve", "-no-color", "-parallelism=10"), "apply")

        api_id = json.loads(_terraform(workdir, "output", "-json").stdout)["api_id"]["value"]
        v2 = control_plane.client_v2()
        routes = sorted(r["RouteKey"] for r in v2.get_routes(ApiId=api_id)["Items"])
        assert routes == ["GET /open", "GET /secure"]
        stage = v2.get_stage(ApiId=api_id, StageName="$default")
        assert stage["AutoDeploy"] is True and stage.get("DeploymentId"), stage
        assert v2.get_api(ApiId=api_id)["CorsConfiguration"]["AllowOrigins"] == ["https://app.example"]

        plan = _terraform(workdir, "plan", "-detailed-exitcode", "-no-color")
        assert plan.returncode == 0, f"plan after apply is not clean ({plan.returncode}):\n{plan.stdout[-8000:]}\n{plan.stderr[-4000:]}"

        # The auto-deployed stage is served: the open route reaches the backend, the JWT one refuses
        # a request without a token before calling it.
        node, port = start_node(control_plane, os.path.join(workdir, "node"))
        status, headers, body = get_until(port, api_id, "/open", 200)
        assert status == 200, body
        assert json.loads(body) == {"from": "backend"} and Backend.seen == ["/hello"]
        assert "apigw-requestid" in {k.lower() for k in headers}
        status, _, body = get(port, api_id, "/secure")
        assert status == 401 and json.loads(body) == {"message": "Unauthorized"}, body
        assert Backend.seen == ["/hello"]

        _check(_terraform(workdir, "destroy", "-auto-approve", "-no-color", "-parallelism=10"), "destroy")
        assert v2.get_apis()["Items"] == []
    finally:
        if node:
            stop_process(node)
        backend.shutdown()
