#!/usr/bin/env python3
"""Propagation driver for bench/propagation.sh: deploys and rollbacks through the admin API (boto3),
each timed from the admin call's response until every data-plane node serves the change.

  propagation.py ADMIN_URL NODE_PORT [NODE_PORT ...]
  environment: DEPLOYS (50), GAP_SECONDS (0.25: pause before each change), POLL_SLEEP_SECONDS (0.002),
               TOLLGATE_ADMIN_ACCESS_KEY_ID / TOLLGATE_ADMIN_SECRET_ACCESS_KEY

The API has one resource `GET /v`, a MOCK integration whose 200 response template is a literal
body; deploy i changes that body to `deploy-i` and creates a deployment on stage `prod`; rollback i
then points `prod` back at deployment i-1 (update-stage replace /deploymentId, as `tollgate
rollback` does). Each node is polled over its own keep-alive connection (`GET /prod/v`,
Host: {api}.execute-api.localhost) in a loop with POLL_SLEEP_SECONDS between rounds until it answers
the new body; the figure is the time until the last of them did. Loopback only.
"""
import http.client
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import admin  # noqa: E402


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(-(-p * len(ordered) // 100)) - 1))
    return ordered[index]


class Node:
    def __init__(self, port, host):
        self.port, self.host = port, host
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)

    def body(self):
        try:
            self.connection.request("GET", "/prod/v", headers={"Host": self.host})
            response = self.connection.getresponse()
            return response.read().decode()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            return None


def wait_for(nodes, expected, started, sleep, timeout=10.0):
    """Seconds from `started` until every node answered `expected`, and each node's own milliseconds."""
    pending = {node: None for node in nodes}
    while any(seen is None for seen in pending.values()):
        for node, seen in pending.items():
            if seen is None and node.body() == expected:
                pending[node] = time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"not every node served {expected!r} within {timeout} s: {pending}")
        if any(seen is None for seen in pending.values()):
            time.sleep(sleep)
    return max(pending.values()), [round(seen * 1000, 1) for seen in pending.values()]


def set_body(agw, api, resource, body):
    agw.put_integration_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200",
                                 responseTemplates={"application/json": body})


def main():
    endpoint, ports = sys.argv[1], [int(port) for port in sys.argv[2:]]
    deploys = int(os.environ.get("DEPLOYS", "50"))
    gap = float(os.environ.get("GAP_SECONDS", "0.25"))
    sleep = float(os.environ.get("POLL_SLEEP_SECONDS", "0.002"))
    agw = admin.client(endpoint)

    api = agw.create_rest_api(name="bench-propagation")["id"]
    resource = agw.create_resource(restApiId=api, parentId=admin.root_id(agw, api), pathPart="v")["id"]
    agw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    agw.put_method_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200")
    agw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="MOCK",
                        requestTemplates={"application/json": '{"statusCode": 200}'})
    set_body(agw, api, resource, "deploy-0")
    deployment_ids = [agw.create_deployment(restApiId=api, stageName="prod")["id"]]
    nodes = [Node(port, f"{api}.execute-api.localhost") for port in ports]
    wait_for(nodes, "deploy-0", time.monotonic(), sleep, timeout=30)

    deploy_times, rollback_times, samples = [], [], []
    for i in range(1, deploys + 1):
        set_body(agw, api, resource, f"deploy-{i}")
        time.sleep(gap)
        deployment_ids.append(agw.create_deployment(restApiId=api, stageName="prod")["id"])
        seconds, per_node = wait_for(nodes, f"deploy-{i}", time.monotonic(), sleep)
        deploy_times.append(seconds)
        samples.append((seconds, f"deploy {i}", per_node))

        time.sleep(gap)
        agw.update_stage(restApiId=api, stageName="prod", patchOperations=[
            {"op": "replace", "path": "/deploymentId", "value": deployment_ids[-2]}])
        seconds, per_node = wait_for(nodes, f"deploy-{i - 1}", time.monotonic(), sleep)
        rollback_times.append(seconds)
        samples.append((seconds, f"rollback {i}", per_node))
        # Leave the stage on the new deployment again, untimed, so the next deploy changes it.
        agw.update_stage(restApiId=api, stageName="prod", patchOperations=[
            {"op": "replace", "path": "/deploymentId", "value": deployment_ids[-1]}])
        wait_for(nodes, f"deploy-{i}", time.monotonic(), sleep)

    print(f"{len(nodes)} nodes, {deploys} deploys + {deploys} rollbacks, {gap * 1000:.0f} ms pause before each change, "
          f"polling every {sleep * 1000:.0f} ms")
    for label, values in (("deploy", deploy_times), ("rollback", rollback_times), ("all", deploy_times + rollback_times)):
        ms = [value * 1000 for value in values]
        print(f"  {label:<9} n={len(ms):<3} p50 {percentile(ms, 50):7.1f} ms   p99 {percentile(ms, 99):7.1f} ms   "
              f"max {max(ms):7.1f} ms   mean {statistics.mean(ms):7.1f} ms")
    print("  slowest (ms per node): " + "; ".join(f"{label} {per_node}" for _, label, per_node in sorted(samples)[-3:]))


if __name__ == "__main__":
    main()
