"""Fixtures that run a real `tollgate control-plane` process on 127.0.0.1 (port 0) for interop tests.

The binary comes from $TOLLGATE_BIN (set by ./scripts/test) or `swift build --show-bin-path`.
Every process started here is killed at the end of its test; nothing talks to any other address.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import boto3
import pytest
from botocore.config import Config

ACCESS_KEY = "AKIDTOLLGATEINTEROP1"
SECRET_KEY = "interop-secret-key-0123456789abcdefghij"
CLUSTER_SECRET = "interop-cluster-secret"
REGION = "us-east-1"


def tollgate_bin():
    path = os.environ.get("TOLLGATE_BIN")
    if path:
        return path
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=root, capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "tollgate")


def read_until(proc, marker, timeout=30):
    """`proc`'s stdout, line by line, until a line containing `marker`, EOF or `timeout` seconds."""
    lines = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            break
    return "".join(lines)


def stop_process(proc):
    """SIGINT (graceful shutdown), then SIGKILL after 15 s; a process that already ended is left as is."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class ControlPlane:
    """A control-plane process bound to 127.0.0.1:0; `endpoint` is its admin URL.

    `extra_args` are appended to the command line (tests/moto passes `--region` and `--account-id`).
    """

    def __init__(self, data_dir, extra_args=()):
        self.data_dir = data_dir
        self.extra_args = list(extra_args)
        self.proc = None
        self.endpoint = None
        self.log_lines = []

    def start(self, timeout=20.0):
        env = dict(os.environ)
        env.update({
            "TOLLGATE_ADMIN_ACCESS_KEY_ID": ACCESS_KEY,
            "TOLLGATE_ADMIN_SECRET_ACCESS_KEY": SECRET_KEY,
            "TOLLGATE_CLUSTER_SECRET": CLUSTER_SECRET,
        })
        self.proc = subprocess.Popen(
            [tollgate_bin(), "control-plane", "--listen", "127.0.0.1:0", "--data-dir", self.data_dir,
             *self.extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.log_lines.append(line)
            match = re.search(r"admin API listening on (http://127\.0\.0\.1:\d+)", line)
            if match:
                self.endpoint = match.group(1)
                return self
        self.kill()
        raise RuntimeError("control plane did not start:\n" + "".join(self.log_lines))

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def client(self):
        return boto3.client(
            "apigateway", endpoint_url=self.endpoint, region_name=REGION,
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=15))

    def client_v2(self):
        """An `apigatewayv2` client for this control plane (the same endpoint answers both admin APIs)."""
        return boto3.client(
            "apigatewayv2", endpoint_url=self.endpoint, region_name=REGION,
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=15))

    def cli(self, *args):
        """Runs `aws apigateway ARGS --endpoint-url …` and returns the completed process."""
        env = dict(os.environ)
        env.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                    "AWS_DEFAULT_REGION": REGION, "AWS_MAX_ATTEMPTS": "1", "AWS_PAGER": ""})
        return subprocess.run(["aws", "apigateway", *args, "--endpoint-url", self.endpoint, "--output", "json"],
                              capture_output=True, text=True, env=env, timeout=60)

    def tool(self, *args):
        """Runs a `tollgate` admin tool (rollback, audit, nodes) against this control plane."""
        env = dict(os.environ)
        env.update({"TOLLGATE_ADMIN_ACCESS_KEY_ID": ACCESS_KEY, "TOLLGATE_ADMIN_SECRET_ACCESS_KEY": SECRET_KEY,
                    "TOLLGATE_CLUSTER_SECRET": CLUSTER_SECRET})
        return subprocess.run([tollgate_bin(), *args, "--control-plane", self.endpoint],
                              capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def data_dir():
    path = tempfile.mkdtemp(prefix="tollgate-interop-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def control_plane(data_dir):
    cp = ControlPlane(data_dir).start()
    yield cp
    cp.kill(signal.SIGTERM)


def pytest_configure(config):
    # Known without pytest-xdist too (scripts/test runs serially without it).
    config.addinivalue_line("markers", "xdist_group(name): keep these tests on one pytest-xdist worker")
