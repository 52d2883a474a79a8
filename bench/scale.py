#!/usr/bin/env python3
"""Admin-API side of bench/scale.sh, over HTTP with boto3 (SigV4-signed like any AWS client).

  scale.py ADMIN_URL fill APIS RESOURCES THREADS   creates APIS REST APIs of RESOURCES resources each
      (`/rN`, one GET method, HTTP_PROXY to http://127.0.0.1:9/rN) and deploys each to stage `prod`,
      THREADS APIs at a time; prints "calls=N seconds=S"
  scale.py ADMIN_URL redeploy                        creates one more deployment of the first API on
      `prod` (a new snapshot revision of the same size)

Credentials from TOLLGATE_ADMIN_ACCESS_KEY_ID / TOLLGATE_ADMIN_SECRET_ACCESS_KEY. Loopback only.
"""
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import admin  # noqa: E402

local = threading.local()


def client(endpoint):
    if not hasattr(local, "agw"):
        local.agw = admin.client(endpoint)
    return local.agw


def create_api(endpoint, index, resources):
    agw = client(endpoint)
    api = agw.create_rest_api(name=f"scale-{index:04d}")["id"]
    root = admin.root_id(agw, api)
    for r in range(resources):
        resource = agw.create_resource(restApiId=api, parentId=root, pathPart=f"r{r}")["id"]
        agw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
        agw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="HTTP_PROXY",
                            integrationHttpMethod="GET", uri=f"http://127.0.0.1:9/r{r}")
    agw.create_deployment(restApiId=api, stageName="prod")
    return 3 + 3 * resources


def main():
    endpoint, command = sys.argv[1], sys.argv[2]
    if command == "fill":
        apis, resources, threads = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        started = time.monotonic()
        with ThreadPoolExecutor(threads) as pool:
            calls = sum(pool.map(lambda index: create_api(endpoint, index, resources), range(apis)))
        print(f"calls={calls} seconds={time.monotonic() - started:.1f}")
    elif command == "redeploy":
        agw = client(endpoint)
        first = min(agw.get_rest_apis(limit=500)["items"], key=lambda item: item["name"])
        agw.create_deployment(restApiId=first["id"], stageName="prod")
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
