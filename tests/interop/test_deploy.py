"""The files under deploy/ against the real tools and the real binary (docs/operations.md, "Deploying").

- deploy/prometheus: `promtool check config`, `check rules` and `test rules` (alerts.test.yml); the Grafana dashboard's PromQL goes
  through `promtool check rules` too (as recording rules), so its syntax is checked.
- A control plane and a node from the built `tollgate` binary (127.0.0.1, port 0) serve a few
  requests (200s and 403s); both scrapes pass `promtool check metrics`, and every metric name and
  label the alert rules and the dashboard use must be in those scrapes (`up` and `probe_success`,
  which Prometheus and the blackbox exporter make, excepted).
- The systemd units pass `systemd-analyze verify` with no warning, and every `tollgate` flag and
  TOLLGATE_* variable in the units and the Kubernetes manifests is one the command accepts
  (`tollgate COMMAND --help`); probes, ports, secrets and config maps they name exist.

Tests needing promtool or systemd-analyze skip with a message when the tool is missing.
"""
import http.client
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import yaml

from conftest import CLUSTER_SECRET, ControlPlane, stop_process, tollgate_bin

# One cluster (the module-scoped fixture) serves these tests: under pytest-xdist they stay on one worker.
pytestmark = pytest.mark.xdist_group("deploy")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPLOY = os.path.join(ROOT, "deploy")
PROMETHEUS = os.path.join(DEPLOY, "prometheus")
DASHBOARD = os.path.join(DEPLOY, "grafana", "tollgate.json")
SYSTEMD = os.path.join(DEPLOY, "systemd")
KUBERNETES = os.path.join(DEPLOY, "kubernetes")

# Metrics the deploy files may use that Tollgate does not export: Prometheus's own per target,
# and the blackbox exporter's (the control plane's health probe, prometheus.yml).
EXTERNAL_METRICS = {"up", "probe_success"}
# Labels Prometheus attaches to every scraped series.
TARGET_LABELS = {"job", "instance"}
HEALTH_PATH = "/_tollgate/health"


def promtool():
    path = shutil.which("promtool")
    if not path:
        pytest.skip("promtool not installed (Debian package `prometheus`): deploy/prometheus not checked")
    return path


def run(*args, **kwargs):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60, **kwargs)


# --- PromQL: the metric names and labels an expression uses ------------------------------------

AGGREGATIONS = {"sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group"}
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset"} | AGGREGATIONS
LABEL_LIST_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right"}


def grafana_to_promql(expr):
    """Grafana's variables replaced by values PromQL parses ($__rate_interval → 5m, $x → x)."""
    expr = expr.replace("$__rate_interval", "5m").replace("$__interval", "1m")
    return re.sub(r"\$\{?(\w+)\}?", r"\1", expr)


def promql_references(expr):
    """[(metric, {labels in its matchers})] and the set of labels named in by/without/on/… lists."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)        # string literals
    text = re.sub(r"\[[^\]]*\]", "", text)                  # range and subquery durations
    selectors = []
    group_labels = set()
    token = re.compile(r"[A-Za-z_:][\w:]*|\{[^}]*\}|\(|\)|[^\sA-Za-z_:{()]+|\s+")
    tokens = [m.group(0) for m in token.finditer(text)]
    tokens = [t for t in tokens if not t.isspace()]
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if t in LABEL_LIST_KEYWORDS and nxt == "(":
            j = i + 2
            while j < len(tokens) and tokens[j] != ")":
                if re.fullmatch(r"[A-Za-z_]\w*", tokens[j]):
                    group_labels.add(tokens[j])
                j += 1
            i = j + 1
            continue
        if t.startswith("{"):
            # A selector with no metric name ({__name__=…}) would escape the check: refuse it.
            raise AssertionError(f"selector without a metric name in {expr!r}")
        if re.fullmatch(r"[A-Za-z_:][\w:]*", t) and t not in KEYWORDS and nxt != "(":
            labels = set()
            if nxt.startswith("{"):
                labels = set(re.findall(r"([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)", nxt))
                i += 1
            selectors.append((t, labels))
        i += 1
    return selectors, group_labels


def parse_exposition(text):
    """{sample name: set of label names} of a Prometheus text exposition."""
    series = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = re.match(r"([A-Za-z_:][\w:]*)(\{(.*)\})?\s+\S+", line)
        assert match, f"unparsable sample line {line!r}"
        labels = set(re.findall(r'([A-Za-z_]\w*)="', match.group(3) or ""))
        series.setdefault(match.group(1), set()).update(labels)
    return series


def check_expression(expr, exported, where):
    """Problems with `expr`: metric names not exported (with samples), labels no metric of it has."""
    problems = []
    selectors, group_labels = promql_references(expr)
    if not selectors:
        problems.append(f"{where}: no metric in {expr!r}")
    known_labels = set(TARGET_LABELS)
    external = False
    for name, labels in selectors:
        if name in EXTERNAL_METRICS:
            external = True
            continue
        if name not in exported:
            problems.append(f"{where}: metric {name} is not exported (expression {expr!r})")
            continue
        known_labels |= exported[name]
        for label in labels - TARGET_LABELS - exported[name]:
            problems.append(f"{where}: {name} has no label {label}")
    if not external:
        for label in group_labels - known_labels:
            problems.append(f"{where}: label {label} (by/on list) is on no metric of {expr!r}")
    return problems


def alert_expressions():
    with open(os.path.join(PROMETHEUS, "alerts.yml")) as f:
        rules = yaml.safe_load(f)
    out = [(f"alerts.yml {rule['alert']}", rule["expr"]) for group in rules["groups"] for rule in group["rules"]]
    assert out, "alerts.yml has no rules"
    return out


def dashboard():
    with open(DASHBOARD) as f:
        return json.load(f)


def dashboard_expressions():
    board = dashboard()
    out = []
    for panel in board["panels"]:
        if panel["type"] == "row":
            continue
        assert panel.get("targets"), f"panel {panel['title']!r} has no query"
        for target in panel["targets"]:
            out.append((f"dashboard panel {panel['title']!r} {target['refId']}", grafana_to_promql(target["expr"])))
    return out


def dashboard_label_values():
    """(where, metric selector, label) of every label_values(…) template variable."""
    out = []
    for var in dashboard()["templating"]["list"]:
        if var["type"] != "query":
            continue
        query = var["query"]["query"] if isinstance(var["query"], dict) else var["query"]
        match = re.fullmatch(r"label_values\((.+),\s*(\w+)\)", query)
        assert match, f"variable {var['name']}: unsupported query {query!r}"
        out.append((f"dashboard variable {var['name']}", grafana_to_promql(match.group(1)), match.group(2)))
    return out


def test_prometheus_config_and_alert_rules_pass_promtool():
    tool = promtool()
    result = run(tool, "check", "config", os.path.join(PROMETHEUS, "prometheus.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 rule files found" in result.stdout, result.stdout
    result = run(tool, "check", "rules", os.path.join(PROMETHEUS, "alerts.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_alert_rules_fire_as_their_unit_tests_expect():
    # deploy/prometheus/alerts.test.yml: a node without a snapshot, one behind the control plane's
    # revision, a stage with 20% 5XX beside one with none.
    tool = promtool()
    result = run(tool, "test", "rules", os.path.join(PROMETHEUS, "alerts.test.yml"))
    assert result.returncode == 0 and "SUCCESS" in result.stdout, result.stdout + result.stderr


def test_dashboard_queries_are_valid_promql():
    tool = promtool()
    expressions = dashboard_expressions() + [(w, sel) for w, sel, _ in dashboard_label_values()]
    rules = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:query{i}", "expr": expr} for i, (_, expr) in enumerate(expressions)]}]}
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        yaml.safe_dump(rules, f)
    try:
        result = run(tool, "check", "rules", f.name)
    finally:
        os.unlink(f.name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(expressions)} rules found" in result.stdout, result.stdout


# --- a live control plane and node ---------------------------------------------------------------

def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed_certificate(directory):
    """(certificate file, key file): a P-256 self-signed certificate for localhost, from the openssl CLI."""
    os.makedirs(directory, exist_ok=True)
    cert, key = os.path.join(directory, "node.pem"), os.path.join(directory, "node.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def start_node(control_plane, state_dir):
    """A node with gossip, --metrics-listen and --tls-listen (so the tollgate_tls_* series the alerts
    use are exported); (process, API port, metrics port). Retries once when a parallel test took the
    gossip port between choosing it and binding it."""
    env = dict(os.environ, TOLLGATE_CLUSTER_SECRET=CLUSTER_SECRET)
    cert, key = self_signed_certificate(os.path.join(state_dir, "..", "tls"))
    for attempt in range(3):
        proc = subprocess.Popen(
            [tollgate_bin(), "data-plane", "--listen", "127.0.0.1:0", "--control-plane", control_plane.endpoint,
             "--state-dir", state_dir, "--node-id", "deploy-node", "--threads", "2",
             "--gossip", f"127.0.0.1:{free_udp_port()}", "--metrics-listen", "127.0.0.1:0",
             "--tls-listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        lines = []
        deadline = time.monotonic() + 30
        api = metrics = None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if m := re.search(r"data plane listening on http://127\.0\.0\.1:(\d+)", line):
                api = int(m.group(1))
            if m := re.search(r"metrics on http://127\.0\.0\.1:(\d+)/_tollgate/metrics", line):
                metrics = int(m.group(1))
                break
        if api and metrics:
            return proc, api, metrics
        stop_process(proc)
        if "address already in use" not in "".join(lines) or attempt == 2:
            raise RuntimeError("node did not start:\n" + "".join(lines))


def get(port, path, host="localhost", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host, **(headers or {})})
    response = connection.getresponse()
    result = response.status, response.getheader("Content-Type"), response.read()
    connection.close()
    return result


def scrape(port):
    status, content_type, body = get(port, "/_tollgate/metrics")
    assert status == 200, body
    assert content_type == "text/plain; version=0.0.4; charset=utf-8"
    return body.decode()


def sample_value(text, name, **labels):
    """The sum of the samples `name` whose labels include `labels` (None: none)."""
    found = []
    for line in text.splitlines():
        m = re.match(r"([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$", line)
        if not m or m.group(1) != name:
            continue
        pairs = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
        if all(pairs.get(k) == v for k, v in labels.items()):
            found.append(float(m.group(3)))
    return sum(found) if found else None


def wait_for(check, timeout=30):
    """Calls `check()` until it returns a true value or `timeout` seconds pass; returns the last."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def deploy_api(client):
    """An API `deploy-metrics` with GET /ok (MOCK, 200, detailed metrics) and GET /private (API key required)."""
    api = client.create_rest_api(name="deploy-metrics")["id"]
    root = client.get_resources(restApiId=api)["items"][0]["id"]
    for path, key_required in (("ok", False), ("private", True)):
        resource = client.create_resource(restApiId=api, parentId=root, pathPart=path)["id"]
        client.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE",
                          apiKeyRequired=key_required)
        client.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="MOCK",
                               requestTemplates={"application/json": '{"statusCode": 200}'})
        client.put_method_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200")
        client.put_integration_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200",
                                        responseTemplates={"application/json": '{"ok": true}'})
    client.create_deployment(restApiId=api, stageName="prod")
    # Detailed metrics (method and resource labels) for GET /ok only.
    client.update_stage(restApiId=api, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/~1ok/GET/metrics/enabled", "value": "true"}])
    return api


@pytest.fixture(scope="module")
def live_scrapes():
    """(node scrape, control-plane scrape, api id) after 3 requests answered 200 (GET /ok, with
    detailed metrics) and 2 answered 403 (GET /private without its API key)."""
    workdir = tempfile.mkdtemp(prefix="tollgate-deploy-")
    control_plane = node = None
    try:
        control_plane = ControlPlane(os.path.join(workdir, "cp")).start()
        api = deploy_api(control_plane.client())
        node, api_port, metrics_port = start_node(control_plane, os.path.join(workdir, "node"))
        host = f"{api}.execute-api.localhost"
        status = wait_for(lambda: get(api_port, "/prod/ok", host)[0] == 200)
        assert status, get(api_port, "/prod/ok", host)
        for _ in range(2):
            assert get(api_port, "/prod/ok", host)[0] == 200
        for _ in range(2):
            assert get(api_port, "/prod/private", host)[0] == 403
        cp_port = int(control_plane.endpoint.rsplit(":", 1)[1])

        # The request counters after that known sequence (the completion filter runs just after the
        # answer was handed over, so wait for it).
        def counted():
            text = scrape(metrics_port)
            values = (sample_value(text, "tollgate_api_requests_total", api_id=api, stage="prod"),
                      sample_value(text, "tollgate_api_4xx_errors_total", api_id=api, stage="prod"),
                      sample_value(text, "tollgate_api_requests_total", api_id=api, stage="prod", method="GET", resource="/ok"))
            return text if values == (5, 2, 3) else None
        node_text = wait_for(counted)
        assert node_text, scrape(metrics_port)

        # The node serves the control plane's revision (what TollgateNodeRevisionBehind compares).
        def converged():
            cp_text, node_now = scrape(cp_port), scrape(metrics_port)
            cp_rev = sample_value(cp_text, "tollgate_control_plane_revision")
            return (cp_text, node_now) if cp_rev is not None and cp_rev == sample_value(node_now, "tollgate_snapshot_revision") else None
        pair = wait_for(converged)
        assert pair, (scrape(cp_port), scrape(metrics_port))
        cp_text, node_text = pair

        # Health as the probes and the blackbox job use it.
        status, _, body = get(metrics_port, HEALTH_PATH)
        assert status == 200 and json.loads(body)["status"] == "ok", body
        status, _, body = get(cp_port, HEALTH_PATH)
        assert status == 200 and json.loads(body)["database"] == "writable", body
        # With --metrics-listen the API listener does not answer scrapes.
        assert get(api_port, "/_tollgate/metrics")[0] != 200
        yield node_text, cp_text, api
    finally:
        if node:
            stop_process(node)
        if control_plane:
            control_plane.kill()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.parametrize("plane", ["node", "control plane"])
def test_scrapes_pass_promtool_check_metrics(live_scrapes, plane):
    tool = promtool()
    text = live_scrapes[0] if plane == "node" else live_scrapes[1]
    result = subprocess.run([tool, "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr


def exported_series(live_scrapes):
    node_text, cp_text, _ = live_scrapes
    exported = parse_exposition(node_text)
    for name, labels in parse_exposition(cp_text).items():
        exported.setdefault(name, set()).update(labels)
    return exported


def test_alert_rules_use_only_exported_metrics_and_labels(live_scrapes):
    exported = exported_series(live_scrapes)
    problems = [p for where, expr in alert_expressions() for p in check_expression(expr, exported, where)]
    assert not problems, "\n".join(problems)


def test_dashboard_uses_only_exported_metrics_and_labels(live_scrapes):
    exported = exported_series(live_scrapes)
    problems = [p for where, expr in dashboard_expressions() for p in check_expression(expr, exported, where)]
    for where, selector, label in dashboard_label_values():
        problems += check_expression(selector, exported, where)
        (name, _), = promql_references(selector)[0]
        if label not in exported.get(name, set()) | TARGET_LABELS:
            problems.append(f"{where}: {name} has no label {label}")
    assert not problems, "\n".join(problems)


def test_dashboard_has_a_panel_for_every_request_metric(live_scrapes):
    exported = exported_series(live_scrapes)
    histograms = {n[: -len("_bucket")] for n in exported if n.endswith("_bucket")}

    def family(name):
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        return base if base in histograms else name
    used = {family(name) for _, expr in dashboard_expressions() for name, _ in promql_references(expr)[0]}
    request_families = {family(name) for name in exported if name.startswith("tollgate_api_")}
    assert len(request_families) >= 10, request_families
    missing = sorted(request_families - used)
    assert not missing, f"request metrics with no dashboard panel: {missing}"


# --- systemd units and Kubernetes manifests: flags that exist ------------------------------------

_help_cache = {}


def accepted_flags(command):
    if command not in _help_cache:
        result = run(tollgate_bin(), command, "--help")
        assert result.returncode == 0, result.stdout + result.stderr
        _help_cache[command] = set(re.findall(r"^\s+--([a-z0-9-]+)", result.stdout, re.MULTILINE))
        assert _help_cache[command], result.stdout
    return _help_cache[command]


def flag_problems(argv, where):
    """argv = [tollgate, COMMAND, --flag, value, …]: flags COMMAND does not take."""
    assert os.path.basename(argv[0]) == "tollgate", f"{where}: runs {argv[0]}"
    command = argv[1]
    flags = accepted_flags(command)
    problems = []
    used = [a[2:].split("=", 1)[0] for a in argv[2:] if a.startswith("--")]
    assert used, f"{where}: no flags"
    for flag in used:
        if flag not in flags:
            problems.append(f"{where}: tollgate {command} has no --{flag}")
        if flag in ("cluster-secret", "admin-secret-access-key"):
            problems.append(f"{where}: --{flag} puts a secret on the command line; use --{flag}-file")
    return command, problems


def env_flag_problems(command, names, where):
    flags = accepted_flags(command)
    return [f"{where}: {name} names no flag of tollgate {command}"
            for name in names if name.startswith("TOLLGATE_") and name[len("TOLLGATE_"):].lower().replace("_", "-") not in flags]


def systemd_exec_start(path):
    with open(path) as f:
        text = f.read().replace("\\\n", " ")
    lines = [line[len("ExecStart="):] for line in text.splitlines() if line.startswith("ExecStart=")]
    assert len(lines) == 1, f"{path}: {len(lines)} ExecStart lines"
    return shlex.split(lines[0]), text


def unit_files():
    units = sorted(f for f in os.listdir(SYSTEMD) if f.endswith(".service"))
    assert units == ["tollgate-control-plane.service", "tollgate-node.service"], units
    return [os.path.join(SYSTEMD, f) for f in units]


def test_systemd_units_use_flags_the_binary_accepts():
    problems = []
    for path in unit_files():
        argv, text = systemd_exec_start(path)
        _, found = flag_problems(argv, os.path.basename(path))
        problems += found
        # Every credential a flag reads (%d/NAME) is loaded.
        for name in re.findall(r"%d/([\w.-]+)", " ".join(argv)):
            if not re.search(rf"^LoadCredential={re.escape(name)}:", text, re.MULTILINE):
                problems.append(f"{os.path.basename(path)}: %d/{name} is never loaded (LoadCredential=)")
    assert not problems, "\n".join(problems)


def test_systemd_units_pass_systemd_analyze_verify():
    tool = shutil.which("systemd-analyze")
    if not tool:
        pytest.skip("systemd-analyze not installed: the systemd units are not verified")
    workdir = tempfile.mkdtemp(prefix="tollgate-units-")
    try:
        copies = []
        for path in unit_files():
            # verify checks the executable exists: point the copies at the built binary.
            with open(path) as f:
                text = f.read().replace("/usr/local/bin/tollgate", tollgate_bin())
            copy = os.path.join(workdir, os.path.basename(path))
            with open(copy, "w") as f:
                f.write(text)
            copies.append(copy)
        result = run(tool, "verify", *copies)
        # Unknown keys are only warnings (exit 0): any output fails too.
        assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def kubernetes_documents():
    docs = []
    for name in sorted(os.listdir(KUBERNETES)):
        if name.endswith(".yaml") and name != "kustomization.yaml":
            with open(os.path.join(KUBERNETES, name)) as f:
                docs += [(name, d) for d in yaml.safe_load_all(f) if d]
    return docs


def test_kustomization_lists_every_manifest():
    with open(os.path.join(KUBERNETES, "kustomization.yaml")) as f:
        listed = set(yaml.safe_load(f)["resources"])
    present = {n for n in os.listdir(KUBERNETES) if n.endswith(".yaml") and n != "kustomization.yaml"}
    assert listed == present


def test_kubernetes_manifests_use_flags_probes_and_objects_that_exist():
    docs = kubernetes_documents()
    by_kind = {}
    for _, doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    assert "StatefulSet" in by_kind and "Deployment" in by_kind, sorted(by_kind)
    problems = []
    commands = {}
    for file, doc in docs:
        if doc["kind"] not in ("StatefulSet", "Deployment"):
            continue
        spec = doc["spec"]["template"]["spec"]
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for container in spec["containers"]:
            where = f"{file} {doc['kind']}/{doc['metadata']['name']} {container['name']}"
            argv = container["command"] + container.get("args", [])
            command, found = flag_problems(argv, where)
            problems += found
            commands[doc["kind"]] = command
            env_names = {e["name"] for e in container.get("env", [])}
            # $(VAR) in args is expanded by Kubernetes only when the container defines VAR.
            for var in re.findall(r"\$\((\w+)\)", " ".join(argv)):
                if var not in env_names:
                    problems.append(f"{where}: $({var}) is not defined in env")
            names = set(env_names)
            for source in container.get("envFrom", []):
                ref = source["configMapRef"]["name"]
                if ref not in by_kind.get("ConfigMap", {}):
                    problems.append(f"{where}: no ConfigMap {ref}")
                else:
                    names |= set(by_kind["ConfigMap"][ref]["data"])
            problems += env_flag_problems(command, names, where)
            for env in container.get("env", []):
                ref = env.get("valueFrom", {}).get("secretKeyRef")
                if ref and ref["key"] not in by_kind["Secret"][ref["name"]]["stringData"]:
                    problems.append(f"{where}: secret {ref['name']} has no key {ref['key']}")
            ports = {p["name"] for p in container.get("ports", [])}
            for probe in ("readinessProbe", "livenessProbe"):
                if probe not in container:
                    problems.append(f"{where}: no {probe}")
                    continue
                check = container[probe].get("httpGet") or container[probe].get("tcpSocket")
                if check["port"] not in ports:
                    problems.append(f"{where}: {probe} port {check['port']} is not a container port")
                if "httpGet" in container[probe] and check["path"] != HEALTH_PATH:
                    problems.append(f"{where}: {probe} path {check['path']}")
            if container["readinessProbe"].get("httpGet", {}).get("path") != HEALTH_PATH:
                problems.append(f"{where}: readiness is not GET {HEALTH_PATH}")
            # Secret files a flag reads are mounted from a Secret that has the key.
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            for flag, value in zip(argv, argv[1:]):
                if not flag.endswith("-file"):
                    continue
                directory, key = os.path.split(value)
                volume = volumes.get(mounts.get(directory))
                items = {i["path"]: i["key"] for i in (volume or {}).get("secret", {}).get("items", [])}
                secret = by_kind["Secret"].get((volume or {}).get("secret", {}).get("secretName"))
                if key not in items or not secret or items[key] not in secret["stringData"]:
                    problems.append(f"{where}: {flag} {value} is not a mounted secret key")
        if doc["kind"] == "StatefulSet" and not doc["spec"].get("volumeClaimTemplates"):
            problems.append(f"{file}: the control plane's StatefulSet has no volumeClaimTemplates")
    assert commands == {"StatefulSet": "control-plane", "Deployment": "data-plane"}, commands
    for name, service in by_kind["Service"].items():
        selected = [d for d in list(by_kind["StatefulSet"].values()) + list(by_kind["Deployment"].values())
                    if service["spec"]["selector"].items() <= d["spec"]["template"]["metadata"]["labels"].items()]
        if not selected:
            problems.append(f"Service {name} selects no pod")
    assert not problems, "\n".join(problems)
