"""`tollgate dev --function NAME=COMMAND` runs Lambda functions locally on the Lambda Runtime API.

The functions are Python handlers run by a minimal runtime loop written here (urllib only, the
same loop the README shows), and, when the `awslambdaric` package is installed, by AWS's own
runtime interface client. The REST API is created through boto3 against dev's admin API."""
import http.client
import json
import re
import shutil
import subprocess
import tempfile
import textwrap
import time
import urllib.request

import boto3
import pytest
from botocore.config import Config

from conftest import read_until, stop_process, tollgate_bin

try:
    import awslambdaric  # noqa: F401
    HAVE_RIC = True
except ImportError:
    HAVE_RIC = False

ACCOUNT = "000000000000"

LOOP = textwrap.dedent('''
    import importlib, json, os, sys, traceback, urllib.request

    api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
    module_name, function_name = (sys.argv[1] if len(sys.argv) > 1 else os.environ["_HANDLER"]).rsplit(".", 1)
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", "."))
    handler = getattr(importlib.import_module(module_name), function_name)


    def post(path, document):
        request = urllib.request.Request(api + path, data=json.dumps(document).encode(), method="POST")
        urllib.request.urlopen(request).read()


    while True:
        with urllib.request.urlopen(api + "/invocation/next") as invocation:
            request_id = invocation.headers["Lambda-Runtime-Aws-Request-Id"]
            event = json.loads(invocation.read())
        try:
            post(f"/invocation/{request_id}/response", handler(event, None))
        except Exception as error:
            post(f"/invocation/{request_id}/error", {"errorMessage": str(error), "errorType": type(error).__name__,
                                                     "stackTrace": traceback.format_exc().splitlines()})
''')

APP = textwrap.dedent('''
    import json, os, time


    def hello(event, context):
        name = (event.get("queryStringParameters") or {}).get("name", "world")
        return {"statusCode": 200, "headers": {"X-Function": os.environ["AWS_LAMBDA_FUNCTION_NAME"]},
                "body": json.dumps({"greeting": "hello " + name, "path": event["path"],
                                    "version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"]})}


    def boom(event, context):
        raise ValueError("boom")


    def slow(event, context):
        time.sleep(30)
        return {"statusCode": 200, "body": "too late"}
''')


def start_dev(workdir, functions, timeout_seconds):
    args = [tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0", "--gossip", "off",
            "--function-timeout", str(timeout_seconds)]
    for function in functions:
        args += ["--function", function]
    proc = subprocess.Popen(args, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    text = read_until(proc, "---- end of session ----")
    admin = re.search(r"admin API .* (http://127\.0\.0\.1:\d+)", text).group(1)
    gateway = int(re.search(r"gateway \(data-plane node\)\s+http://127\.0\.0\.1:(\d+)", text).group(1))
    runner = re.search(r"lambda runner \(Lambda Invoke API\)\s+(http://127\.0\.0\.1:\d+)", text).group(1)
    key = re.search(r"AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)", text)
    client = boto3.client("apigateway", endpoint_url=admin, region_name="us-east-1",
                          aws_access_key_id=key.group(1), aws_secret_access_key=key.group(2),
                          config=Config(retries={"max_attempts": 1}))
    return proc, client, gateway, runner, text


def proxy_api(client, names):
    api = client.create_rest_api(name="dev-runner")["id"]
    root = client.get_resources(restApiId=api)["items"][0]["id"]
    for name in names:
        resource = client.create_resource(restApiId=api, parentId=root, pathPart=name)["id"]
        client.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
        arn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}"
        client.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="AWS_PROXY",
                               integrationHttpMethod="POST",
                               uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations")
    client.create_deployment(restApiId=api, stageName="prod")
    return api


def call(gateway, api, path):
    connection = http.client.HTTPConnection("127.0.0.1", gateway, timeout=20)
    connection.request("GET", "/prod" + path, headers={"Host": f"{api}.execute-api.localhost"})
    response = connection.getresponse()
    result = response.status, dict(response.getheaders()), response.read()
    connection.close()
    return result


def call_until_deployed(gateway, api, path, timeout=20):
    """The first answer that is not the node's 403/404 of a stage it has not received yet."""
    deadline = time.time() + timeout
    while True:
        status, headers, body = call(gateway, api, path)
        if status not in (403, 404) or time.time() > deadline:
            return status, headers, body
        time.sleep(0.2)


def counts(runner):
    with urllib.request.urlopen(runner + "/tollgate/functions", timeout=5) as response:
        return {f["name"]: f for f in json.loads(response.read())["functions"]}


def workdir_with_handlers():
    workdir = tempfile.mkdtemp(prefix="tollgate-dev-runner-")
    with open(f"{workdir}/loop.py", "w") as f:
        f.write(LOOP)
    with open(f"{workdir}/app.py", "w") as f:
        f.write(APP)
    return workdir


def function_processes(marker):
    """Pids of processes whose command line contains `marker`."""
    result = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True)
    return result.stdout.split()


def test_dev_runs_python_handlers_behind_aws_proxy_methods():
    workdir = workdir_with_handlers()
    # loop.py ignores arguments after the handler: the marker finds the function processes.
    marker = "marker-" + workdir.rsplit("-", 1)[-1]
    proc = None
    try:
        proc, client, gateway, runner, banner = start_dev(
            workdir, [f"hello=python3 loop.py app.hello {marker}", "boom[app.boom]=python3 loop.py", f"slow=python3 loop.py app.slow {marker}"], 1)
        assert len(function_processes(marker)) >= 2
        assert f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:hello" in banner
        api = proxy_api(client, ["hello", "boom", "slow"])

        status, headers, body = call_until_deployed(gateway, api, "/hello?name=dev")
        assert status == 200, body
        assert json.loads(body) == {"greeting": "hello dev", "path": "/hello", "version": "$LATEST"}
        assert headers.get("X-Function") == "hello"

        # A handler that raises: the runtime posts /error, Lambda answers X-Amz-Function-Error -> 502.
        status, _, body = call(gateway, api, "/boom")
        assert status == 502, body
        assert json.loads(body) == {"message": "Internal server error"}

        # A handler slower than --function-timeout 1: Task timed out -> 502; the process is restarted.
        status, _, body = call(gateway, api, "/slow")
        assert status == 502, body

        seen = counts(runner)
        assert seen["hello"]["invocations"] == 1 and seen["hello"]["errors"] == 0
        assert seen["boom"]["invocations"] == 1 and seen["boom"]["errors"] == 1
        assert seen["slow"]["timeouts"] == 1
        deadline = time.time() + 10
        while counts(runner)["slow"]["restarts"] < 1 and time.time() < deadline:
            time.sleep(0.1)
        assert counts(runner)["slow"]["restarts"] >= 1

        # The runner's own Invoke API: an unknown function is Lambda's 404.
        request = urllib.request.Request(runner + "/2015-03-31/functions/nobody/invocations", data=b"{}", method="POST")
        try:
            urllib.request.urlopen(request, timeout=5)
            assert False, "expected 404"
        except urllib.error.HTTPError as error:
            assert error.code == 404
            assert error.headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
            assert json.loads(error.read()) == {
                "Type": "User", "message": f"Function not found: arn:aws:lambda:us-east-1:{ACCOUNT}:function:nobody"}

        # After dev stops no function process is left. (A runtime loop also ends by itself once its
        # /next is refused; the kill at shutdown is guarded by the Swift test
        # shutdownAnswersEverythingWaitingAndKillsTheProcesses.)
        stop_process(proc)
        deadline = time.time() + 10
        while function_processes(marker) and time.time() < deadline:
            time.sleep(0.1)
        assert function_processes(marker) == []
    finally:
        if proc:
            stop_process(proc)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.skipif(not HAVE_RIC, reason="awslambdaric is not installed (scripts/bootstrap installs its wheel when one exists)")
def test_dev_runs_a_handler_through_awslambdaric_unchanged():
    workdir = workdir_with_handlers()
    proc = None
    try:
        proc, client, gateway, runner, _ = start_dev(workdir, ["hello=python3 -m awslambdaric app.hello"], 3)
        api = proxy_api(client, ["hello"])
        status, headers, body = call_until_deployed(gateway, api, "/hello?name=ric", timeout=30)
        assert status == 200, body
        assert json.loads(body) == {"greeting": "hello ric", "path": "/hello", "version": "$LATEST"}
        assert counts(runner)["hello"]["invocations"] == 1
    finally:
        if proc:
            stop_process(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def test_dev_refuses_function_with_lambda_endpoint():
    result = subprocess.run([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0",
                             "--function", "hello=true", "--lambda-endpoint", "http://127.0.0.1:1"],
                            capture_output=True, text=True, timeout=30, cwd=tempfile.gettempdir())
    assert result.returncode != 0
    assert "not both" in result.stderr
