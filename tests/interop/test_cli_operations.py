"""Operator-facing behaviour of the `tollgate` processes: port ownership, private files, secret
files, --help/--version, readable startup errors, audit --since, rollback walking back, backup.

Every server binds 127.0.0.1 port 0 (a second one then targets the port the first one got)."""
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import time

import pytest

from conftest import ACCESS_KEY, CLUSTER_SECRET, SECRET_KEY, ControlPlane, stop_process, tollgate_bin


def run(*args, env=None, timeout=30, cwd=None):
    return subprocess.run([tollgate_bin(), *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def wait_for_line(proc, pattern, timeout=30):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = re.search(pattern, line)
        if match:
            return match
    raise AssertionError("no line matching %r in:\n%s" % (pattern, "".join(seen)))


def secret_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLGATE_")}
    env.update({"TOLLGATE_ADMIN_ACCESS_KEY_ID": ACCESS_KEY, "TOLLGATE_ADMIN_SECRET_ACCESS_KEY": SECRET_KEY,
                "TOLLGATE_CLUSTER_SECRET": CLUSTER_SECRET})
    return env


def assert_one_line(stderr, *fragments):
    """The failure is the last line of stderr, whole on that line; earlier lines are process-log
    lines (JSON objects on a pipe) or other `tollgate …:` lines."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("tollgate "), stderr
    for line in lines[:-1]:
        assert line.startswith("tollgate ") or isinstance(json.loads(line), dict), stderr
    for fragment in fragments:
        assert fragment in lines[-1], stderr
    assert "NSCocoaErrorDomain" not in stderr and "Error Domain" not in stderr, stderr


# MARK: - Ports

def test_second_dev_on_the_same_admin_port_exits_with_address_in_use():
    first_dir, second_dir = tempfile.mkdtemp(prefix="tollgate-dev-a-"), tempfile.mkdtemp(prefix="tollgate-dev-b-")
    first = subprocess.Popen([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0"],
                             cwd=first_dir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        admin_port = wait_for_line(first, r"admin API .* http://127\.0\.0\.1:(\d+)").group(1)
        second = run("dev", "--admin-port", admin_port, "--port", "0", "--echo-port", "0", cwd=second_dir, timeout=60)
        assert second.returncode != 0, second.stdout + second.stderr
        assert_one_line(second.stderr, "tollgate dev:", "127.0.0.1:%s: address already in use" % admin_port)
    finally:
        stop_process(first)
        shutil.rmtree(first_dir, ignore_errors=True)
        shutil.rmtree(second_dir, ignore_errors=True)


def test_every_server_command_refuses_a_port_another_process_holds(data_dir):
    holder = subprocess.Popen([tollgate_bin(), "echo", "--listen", "127.0.0.1:0", "--threads", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = wait_for_line(holder, r"listening on 127\.0\.0\.1:(\d+)").group(1)
        listen = "127.0.0.1:" + port
        attempts = {
            "echo": ["echo", "--listen", listen],
            "control-plane": ["control-plane", "--listen", listen, "--data-dir", os.path.join(data_dir, "cp")],
            "data-plane": ["data-plane", "--listen", listen, "--control-plane", "http://127.0.0.1:1",
                           "--state-dir", os.path.join(data_dir, "node"), "--node-id", "n1"],
        }
        for name, args in attempts.items():
            result = run(*args, env=secret_env())
            assert result.returncode != 0, name + ": " + result.stdout + result.stderr
            assert_one_line(result.stderr, "tollgate %s:" % name, listen + ": address already in use")
    finally:
        stop_process(holder)


# MARK: - Files and secrets

def test_control_plane_keeps_its_data_directory_and_database_private(data_dir):
    directory = os.path.join(data_dir, "cp")
    cp = ControlPlane(directory).start()
    try:
        cp.client().create_rest_api(name="private")
        assert mode(directory) == 0o700
        for name in os.listdir(directory):
            if name.startswith("tollgate.sqlite"):
                assert mode(os.path.join(directory, name)) == 0o600, name
    finally:
        cp.kill(signal.SIGTERM)
    # An existing directory with open modes is tightened, with a warning line.
    os.chmod(directory, 0o755)
    os.chmod(os.path.join(directory, "tollgate.sqlite"), 0o644)
    cp = ControlPlane(directory).start()
    try:
        assert mode(directory) == 0o700
        assert mode(os.path.join(directory, "tollgate.sqlite")) == 0o600
    finally:
        cp.kill(signal.SIGTERM)
        log = "".join(cp.log_lines) + cp.proc.stdout.read()
    # A process-log line (JSON on a pipe): level warn, component startup.
    warning = next(json.loads(line) for line in log.splitlines() if "data directory %s was mode 0755" % directory in line)
    assert (warning["level"], warning["component"]) == ("warn", "startup"), warning


def test_dev_directory_and_credentials_are_private():
    workdir = tempfile.mkdtemp(prefix="tollgate-dev-modes-")
    proc = subprocess.Popen([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0"],
                            cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        wait_for_line(proc, r"admin API")
        state = os.path.join(workdir, ".tollgate")
        assert mode(state) == 0o700
        assert mode(os.path.join(state, "dev-credentials.json")) == 0o600
        assert mode(os.path.join(state, "control-plane")) == 0o700
        assert mode(os.path.join(state, "control-plane", "tollgate.sqlite")) == 0o600
    finally:
        stop_process(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def test_secrets_come_from_files_and_a_secret_in_argv_is_warned_about(data_dir):
    admin_file, cluster_file = os.path.join(data_dir, "admin.secret"), os.path.join(data_dir, "cluster.secret")
    for path, value in ((admin_file, SECRET_KEY), (cluster_file, CLUSTER_SECRET)):
        with open(path, "w") as f:
            f.write(value + "\n")
        os.chmod(path, 0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLGATE_")}
    proc = subprocess.Popen([tollgate_bin(), "control-plane", "--listen", "127.0.0.1:0", "--data-dir",
                             os.path.join(data_dir, "cp"), "--admin-access-key-id", ACCESS_KEY,
                             "--admin-secret-access-key-file", admin_file, "--cluster-secret-file", cluster_file],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        endpoint = wait_for_line(proc, r"admin API listening on (http://127\.0\.0\.1:\d+)").group(1)
        cp = ControlPlane(data_dir)
        cp.endpoint = endpoint
        assert cp.client().get_rest_apis()["items"] == []  # signed with the secret read from the file
        with open("/proc/%d/cmdline" % proc.pid, "rb") as f:
            assert SECRET_KEY.encode() not in f.read()
    finally:
        stop_process(proc)
    # The old flag still works, with a warning that names the safer form.
    proc = subprocess.Popen([tollgate_bin(), "control-plane", "--listen", "127.0.0.1:0", "--data-dir",
                             os.path.join(data_dir, "cp"), "--admin-access-key-id", ACCESS_KEY,
                             "--admin-secret-access-key-file", admin_file, "--cluster-secret", CLUSTER_SECRET],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for_line(proc, r"admin API listening on")
    finally:
        stop_process(proc)
    stderr = proc.stderr.read()
    assert '"level":"warn","node":"control-plane","component":"startup","msg":"--cluster-secret on the command line is visible to every user' in stderr, stderr
    assert "--cluster-secret-file" in stderr


# MARK: - Help, version, startup errors

@pytest.mark.parametrize("command,flag", [
    ("control-plane", "--cluster-secret-file FILE"), ("data-plane", "--state-dir DIR"), ("dev", "--admin-port PORT"),
    ("echo", "--grace SECONDS"), ("rollback", "--rest-api-id ID"), ("audit", "--since TIME"), ("backup", "--to FILE"),
    ("lambda-runner", "--function NAME=COMMAND"), ("dev", "--function-timeout SECONDS"),
])
def test_command_help_lists_its_flags_and_exits_0(command, flag):
    result = run(command, "--help")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("usage: tollgate %s" % command)
    assert flag in result.stdout


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"tollgate \d+\.\d+\.\d+ \(database schema \d+, snapshot schema \d+\)\n", result.stdout)


def test_startup_errors_are_one_readable_line(data_dir):
    blocker = os.path.join(data_dir, "a-file")
    open(blocker, "w").close()
    result = run("control-plane", "--listen", "127.0.0.1:0", "--data-dir", os.path.join(blocker, "data"), env=secret_env())
    assert result.returncode == 1
    assert_one_line(result.stderr, "tollgate control-plane: cannot start:", blocker + " exists and is not a directory")

    corrupt = os.path.join(data_dir, "corrupt")
    os.mkdir(corrupt, 0o700)
    with open(os.path.join(corrupt, "tollgate.sqlite"), "wb") as f:
        f.write(b"this is not a database" * 512)
    result = run("control-plane", "--listen", "127.0.0.1:0", "--data-dir", corrupt, env=secret_env())
    assert result.returncode == 1
    assert_one_line(result.stderr, os.path.join(corrupt, "tollgate.sqlite"), "file is not a database",
                    "restore it from a backup")

    result = run("dev", "--dir", os.path.join(blocker, "dev"), "--admin-port", "0", "--port", "0", "--echo-port", "0")
    assert result.returncode == 1
    assert_one_line(result.stderr, "tollgate dev:", "is not a directory")


# MARK: - Admin tools

def test_audit_since_accepts_a_date_an_iso_time_and_epoch_seconds(control_plane):
    control_plane.client().create_rest_api(name="audited")
    for since in ("2020-01-01", "2020-01-01T00:00:00Z", "2020-01-01T02:00:00+02:00", "1577836800"):
        result = control_plane.tool("audit", "--since", since)
        assert result.returncode == 0, since + ": " + result.stderr
        assert "CreateRestApi" in result.stdout, since
    future = control_plane.tool("audit", "--since", "2999-01-01")
    assert future.returncode == 0 and "CreateRestApi" not in future.stdout
    bad = control_plane.tool("audit", "--since", "last tuesday")
    assert bad.returncode != 0 and "--since takes a date" in bad.stderr


def test_repeated_rollback_walks_back_through_the_stage_history(control_plane):
    api = control_plane.client()
    api_id = api.create_rest_api(name="walk")["id"]
    root = api.get_resources(restApiId=api_id)["items"][0]["id"]
    api.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    api.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                        requestTemplates={"application/json": '{"statusCode": 200}'})
    versions = [api.create_deployment(restApiId=api_id, stageName="prod", description=v)["id"] for v in ("v1", "v2", "v3")]

    def current():
        return api.get_stage(restApiId=api_id, stageName="prod")["deploymentId"]

    assert current() == versions[2]
    for expected in (versions[1], versions[0]):
        result = control_plane.tool("rollback", "--rest-api-id", api_id, "--stage", "prod")
        assert result.returncode == 0, result.stderr
        assert current() == expected, result.stdout
    result = control_plane.tool("rollback", "--rest-api-id", api_id, "--stage", "prod")
    assert result.returncode != 0 and "no earlier deployment" in result.stderr
    assert current() == versions[0]


def test_backup_of_a_running_control_plane_restores(control_plane, data_dir):
    api_id = control_plane.client().create_rest_api(name="backed-up")["id"]
    target = os.path.join(data_dir, "backup.sqlite")
    result = run("backup", "--data-dir", control_plane.data_dir, "--to", target)
    assert result.returncode == 0, result.stderr
    assert "backed up" in result.stdout and mode(target) == 0o600
    again = run("backup", "--data-dir", control_plane.data_dir, "--to", target)
    assert again.returncode == 1 and "already exists" in again.stderr
    restored_dir = os.path.join(data_dir, "restored")
    os.mkdir(restored_dir, 0o700)
    shutil.copy(target, os.path.join(restored_dir, "tollgate.sqlite"))
    restored = ControlPlane(restored_dir).start()
    try:
        assert [item["id"] for item in restored.client().get_rest_apis()["items"]] == [api_id]
    finally:
        restored.kill(signal.SIGTERM)
