"""Integrations with `connectionType: VPC_LINK` reach the link's targets (`host:port`), through a
real `tollgate dev` (control plane, node) and two loopback backends that record what they received.

The integration URI names a host that does not resolve (`backend.internal`): the node must connect
to the link's targets and still send the URI's `Host`."""
import http.client
import json
import shutil
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import stop_process
from test_dev_lambda import start_dev


def backend(name, seen):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((name, self.headers.get("Host"), self.path))
            body = json.dumps({"backend": name}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def call(gateway, api, path):
    connection = http.client.HTTPConnection("127.0.0.1", gateway, timeout=5)
    connection.request("GET", path, headers={"Host": f"{api}.execute-api.localhost"})
    response = connection.getresponse()
    status, body = response.status, response.read()
    connection.close()
    return status, body


def call_until(gateway, api, path, wanted, timeout=20):
    deadline = time.time() + timeout
    while True:
        status, body = call(gateway, api, path)
        if status == wanted or time.time() > deadline:
            return status, body
        time.sleep(0.2)


def test_vpc_link_integrations_reach_the_links_targets():
    seen = []
    servers = [backend("a", seen), backend("b", seen)]
    workdir = tempfile.mkdtemp(prefix="tollgate-vpclink-")
    proc = None
    try:
        proc, client, gateway = start_dev(workdir, [])
        targets = [f"127.0.0.1:{s.server_address[1]}" for s in servers]
        link = client.create_vpc_link(name="backends", targetArns=targets)
        assert link["status"] == "AVAILABLE"
        api = client.create_rest_api(name="vpc-link")["id"]
        root = client.get_resources(restApiId=api)["items"][0]["id"]
        proxy = client.create_resource(restApiId=api, parentId=root, pathPart="{proxy+}")["id"]
        client.put_method(restApiId=api, resourceId=proxy, httpMethod="GET", authorizationType="NONE",
                          requestParameters={"method.request.path.proxy": True})
        integration = client.put_integration(
            restApiId=api, resourceId=proxy, httpMethod="GET", type="HTTP_PROXY", integrationHttpMethod="GET",
            uri="http://backend.internal:8080/v1/{proxy}", connectionType="VPC_LINK", connectionId="${stageVariables.vpcLinkId}",
            requestParameters={"integration.request.path.proxy": "method.request.path.proxy"})
        assert integration["connectionType"] == "VPC_LINK"
        client.create_deployment(restApiId=api, stageName="prod", variables={"vpcLinkId": link["id"]})

        status, body = call_until(gateway, api, "/prod/items/1", 200)
        assert status == 200, body
        for _ in range(3):
            assert call(gateway, api, "/prod/items/1")[0] == 200
        # Every call reached a target with the URI's Host and path; the targets take turns.
        assert [(host, path) for _, host, path in seen] == [("backend.internal:8080", "/v1/items/1")] * 4
        assert sorted(name for name, _, _ in seen) == ["a", "a", "b", "b"]

        # A stage whose variable names no link answers AWS's 500; the node never calls anything.
        client.create_stage(restApiId=api, stageName="broken", deploymentId=client.get_stage(restApiId=api, stageName="prod")["deploymentId"],
                            variables={"vpcLinkId": "nosuch"})
        status, body = call_until(gateway, api, "/broken/items/1", 500)
        assert status == 500 and json.loads(body) == {"message": "Internal server error"}, body

        # Deleting the link reaches the nodes without a redeployment: prod fails closed.
        client.delete_vpc_link(vpcLinkId=link["id"])
        status, body = call_until(gateway, api, "/prod/items/1", 500)
        assert status == 500, body
        # Once the snapshot without the link is served (calls before it may still reach a target), nothing is called.
        reached = len(seen)
        assert call(gateway, api, "/prod/items/1")[0] == 500
        assert len(seen) == reached
    finally:
        if proc:
            stop_process(proc)
        for server in servers:
            server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
