"""Runs moto's vendored API Gateway test modules (tests/moto/vendor) against moto or a live Tollgate.

MOTO_COMPAT_TARGET picks the server:
- `moto` (default): the tests run unchanged; moto's in-process mock answers every call (moto's own result).
- `tollgate`: `mock_aws` stays on for every other service (sts, lambda, iam, cognito-idp, dynamodb …, so the
  tests' prerequisites still exist), but every boto3 `apigateway` client is pointed at a Tollgate control plane
  on 127.0.0.1 (port 0) with its admin credentials. moto's stub only answers URLs that look like AWS, so calls
  to 127.0.0.1 go to the network. A test gets fresh state the way moto gives it (a reset backend per test):
  its own control plane on a fresh data dir, started lazily on the first apigateway client and once per
  region the test uses (`--region` is what Tollgate signs for and reports, like a regional AWS endpoint),
  with moto's account id (`--account-id 123456789012`), and killed after the test.

Both targets: sockets may reach only loopback (nothing leaves the machine, even if a test would), each test
call is bounded by MOTO_COMPAT_TIMEOUT seconds (SIGALRM), and with MOTO_COMPAT_OUTCOMES=FILE every test's
outcome is written there as JSON lines (the apigateway operations it called, with status and error code,
and why it failed) for scripts/moto-compat.
"""
import importlib.util
import ipaddress
import json
import os
import shutil
import signal
import socket
import tempfile
import threading

import boto3
import boto3.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from not_applicable import module_key, reason_for

TARGET = os.environ.get("MOTO_COMPAT_TARGET", "moto")
OUTCOMES = os.environ.get("MOTO_COMPAT_OUTCOMES")
TIMEOUT = int(os.environ.get("MOTO_COMPAT_TIMEOUT", "30"))
MOTO_ACCOUNT_ID = "123456789012"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

if TARGET not in ("moto", "tollgate"):
    raise pytest.UsageError(f"MOTO_COMPAT_TARGET must be moto or tollgate, not {TARGET!r}")


def _load_interop():
    """tests/interop/conftest.py as a plain module (its ControlPlane, credentials and binary lookup)."""
    spec = importlib.util.spec_from_file_location(
        "tollgate_interop_conftest", os.path.join(ROOT, "tests", "interop", "conftest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


interop = _load_interop()


# MARK: - loopback only

def _is_loopback(host):
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


class NetworkRefused(OSError):
    """A test tried to resolve or reach an address outside 127.0.0.0/8 and ::1."""


_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_getaddrinfo(host, *args, **kwargs):
    if host is not None and not _is_loopback(host.decode() if isinstance(host, bytes) else str(host)):
        raise NetworkRefused(f"moto-compat: refusing to resolve {host!r} (loopback only)")
    return _real_getaddrinfo(host, *args, **kwargs)


def _check_address(sock, address):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(str(address[0])):
        raise NetworkRefused(f"moto-compat: refusing to connect to {address!r} (loopback only)")


def _guarded_connect(sock, address):
    _check_address(sock, address)
    return _real_connect(sock, address)


def _guarded_connect_ex(sock, address):
    _check_address(sock, address)
    return _real_connect_ex(sock, address)


socket.getaddrinfo = _guarded_getaddrinfo
socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex


# MARK: - per-test record

class TestRecord:
    """What one test did: the apigateway calls it made and, under Tollgate, its control planes."""

    def __init__(self):
        self.calls = []
        self.control_planes = {}
        self.data_dirs = []

    def record_call(self, http_response=None, parsed=None, model=None, **_):
        error = (parsed or {}).get("Error", {}) if isinstance(parsed, dict) else {}
        self.calls.append({
            "operation": model.name if model is not None else "?",
            "status": getattr(http_response, "status_code", None),
            "code": error.get("Code"),
            "message": (error.get("Message") or "")[:300] or None,
        })

    def control_plane(self, region):
        """The test's control plane for `region`, started on first use."""
        cp = self.control_planes.get(region)
        if cp is None:
            data_dir = tempfile.mkdtemp(prefix="tollgate-moto-")
            self.data_dirs.append(data_dir)
            cp = interop.ControlPlane(data_dir, extra_args=[
                "--region", region, "--account-id", MOTO_ACCOUNT_ID, "--gossip", "off"]).start()
            # Drain its output so a chatty process never blocks on a full pipe; kept for failure reports.
            threading.Thread(target=_drain, args=(cp,), daemon=True).start()
            self.control_planes[region] = cp
        return cp

    def close(self):
        for cp in self.control_planes.values():
            cp.kill(signal.SIGKILL)
        for data_dir in self.data_dirs:
            shutil.rmtree(data_dir, ignore_errors=True)


def _drain(cp):
    for line in cp.proc.stdout:
        cp.log_lines.append(line)
        del cp.log_lines[:-200]


_current = None  # the running test's TestRecord (tests run one at a time in this process)
_real_session_client = boto3.session.Session.client


SERVED = ("apigateway", "apigatewayv2")  # both API Gateway admin APIs: one Tollgate control plane answers them


def _client(self, service_name, *args, **kwargs):
    """boto3's Session.client; an apigateway or apigatewayv2 client is recorded and, under Tollgate, sent to the
    test's control plane (one per region serves both, as one regional AWS endpoint does)."""
    if service_name not in SERVED:
        return _real_session_client(self, service_name, *args, **kwargs)
    if _current is None:
        raise RuntimeError("moto-compat: an apigateway client was created outside a test")
    if TARGET == "tollgate":
        region = kwargs.get("region_name") or (args[0] if args else None) or self.region_name or "us-east-1"
        cp = _current.control_plane(region)
        kwargs.update(endpoint_url=cp.endpoint, aws_access_key_id=interop.ACCESS_KEY,
                      aws_secret_access_key=interop.SECRET_KEY, aws_session_token=None)
        bounded = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=TIMEOUT)
        kwargs["config"] = kwargs["config"].merge(bounded) if kwargs.get("config") else bounded
    client = _real_session_client(self, service_name, *args, **kwargs)
    client.meta.events.register(f"after-call.{service_name}", _current.record_call)
    return client


boto3.session.Session.client = _client

if TARGET == "tollgate":
    # A live server has its own clock: SigV4 timestamps stay real under @freeze_time (freezegun swaps
    # datetime.datetime itself, so botocore.auth gets a clock bound to the real class before any test runs).
    import botocore.auth
    import datetime as _datetime

    def _real_utc_now(remove_tzinfo=True, _real=_datetime.datetime):
        now = _real.now(_datetime.timezone.utc)
        return now.replace(tzinfo=None) if remove_tzinfo else now

    botocore.auth.get_current_datetime = _real_utc_now


# MARK: - hooks

def pytest_collection_modifyitems(config, items):
    if TARGET != "tollgate":
        return
    for item in items:
        reason = reason_for(module_key(item.path), item.name)
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"n/a against a live server: {reason}"))


@pytest.fixture(autouse=True)
def _test_record():
    global _current
    _current = TestRecord()
    try:
        yield _current
    finally:
        _current.close()


class TestTimeout(Exception):
    """The test ran past MOTO_COMPAT_TIMEOUT seconds."""


def _on_alarm(signum, frame):
    raise TestTimeout(f"moto-compat: test ran past {TIMEOUT} s")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(TIMEOUT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_outcomes = {}


def _failure(excinfo, record):
    exc = excinfo.value
    failure = {"kind": type(exc).__name__, "message": (str(exc).strip().splitlines() or [""])[0][:300]}
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        failure.update(kind="ClientError", operation=exc.operation_name, code=error.get("Code"),
                       status=exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
                       message=(error.get("Message") or "")[:300])
    elif record is not None and record.calls:
        failure["after"] = record.calls[-1]["operation"]
    return failure


def _explanation(report, limit=12):
    """The `E ` lines of a failure (pytest's assertion diff up to its "Full diff"), at most `limit`, cut to 240 chars."""
    lines, in_common_items = [], False
    for line in report.longreprtext.splitlines():
        if not line.startswith("E "):
            continue
        text = line[1:].strip()
        if text.startswith("Full diff") or len(lines) == limit:
            break
        if text.startswith(("Differing items", "Left contains", "Right contains", "Omitting")):
            in_common_items = False
        elif text.startswith("Common items"):
            in_common_items = True
        if text and not in_common_items:
            lines.append(text if len(text) <= 240 else text[:237] + "...")
    return lines


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    entry = _outcomes.setdefault(item.nodeid, {
        "module": item.path.name, "test": item.name, "outcome": "passed", "calls": []})
    if report.skipped and report.when in ("setup", "call"):
        entry["outcome"] = "skipped"
        entry["reason"] = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    elif report.failed and entry["outcome"] != "failed":
        entry["outcome"] = "failed" if report.when == "call" else "error"
        if call.excinfo is not None:
            entry["failure"] = _failure(call.excinfo, _current)
            entry["failure"]["explanation"] = _explanation(report)
    if report.when == "call" and _current is not None:
        entry["calls"] = _current.calls
        if report.failed and TARGET == "tollgate":
            logs = "".join(line for cp in _current.control_planes.values() for line in cp.log_lines[-30:])
            if logs:
                report.sections.append(("tollgate control plane log (tail)", logs))


def pytest_sessionfinish(session, exitstatus):
    if OUTCOMES:
        with open(OUTCOMES, "w") as out:
            for nodeid, entry in _outcomes.items():
                out.write(json.dumps({"nodeid": nodeid, **entry}) + "\n")
