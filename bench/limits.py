#!/usr/bin/env python3
"""Cluster-limits figures (not a timed test): a control plane and three data-plane nodes on
127.0.0.1, gossiping over loopback UDP, driven by paced HTTP load. Run through bench/limits.sh.

Prints:
  1. a method throttle of 100 rps / burst 100 under 3x overload (300 rps for 10 s), traffic
     split evenly and 70/20/10: admitted vs rate x time + burst;
  2. a 1,000/day quota with 3,000 requests spread over the nodes: over-admission in strict and
     in fast mode;
  3. one node killed mid-run and one cut off from gossip, then healed: time until every live
     node and the control plane agree on the count;
  4. proxied requests/s (HTTP_PROXY to `tollgate echo`) with API key + throttles + quota on one
     node vs `--limits off` on another.

  5. exact strict quotas: a quota of 300 against 1,206 requests over the nodes (even and 70/20/10):
     admitted vs quota (over / under) and how many clients saw 429 Too Many Requests;
  6. cold start: a throttle key used once per node 1.5 s earlier (a probe), then offered 30 % of its
     limit over the nodes (run with NODES=2): the rate of false 429s (every request was within the
     limit).

The control plane is started without --gossip, so it gossips by its default (UDP on its listen port
number). Environment: TOLLGATE (binary, required), NODES (default 3), PORT_BASE (fixed ports from
here: control plane PORT_BASE, echo +1, nodes +10.., node gossip +20..; default free ports),
DURATION (throttle run seconds, default 10), QUOTA_RATE (requests/s of the quota runs, default 300),
GOSSIP_MS (gossip interval, default 100), WRK_SECONDS (default 10), ROUNDS (rounds of the overhead,
exact and cold-start runs, default 3), COLD_LIMIT (the cold key's rate, burst half of it, default
5000: 30 % is 1,500 req/s, what the driver offers steadily), COLD_SECONDS (default 2).
"""
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone

import boto3
from botocore.config import Config

TOLLGATE = os.environ["TOLLGATE"]
DURATION = float(os.environ.get("DURATION", "10"))
QUOTA_RATE = float(os.environ.get("QUOTA_RATE", "300"))
GOSSIP_MS = os.environ.get("GOSSIP_MS", "100")
WRK_SECONDS = int(os.environ.get("WRK_SECONDS", "10"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
ONLY = set(filter(None, os.environ.get("ONLY", "").split(",")))  # throttle,quota,agree,overhead,exact,coldstart
NODES = int(os.environ.get("NODES", "3"))
PORT_BASE = int(os.environ.get("PORT_BASE", "0"))
COLD_LIMIT = float(os.environ.get("COLD_LIMIT", "5000"))
COLD_SECONDS = float(os.environ.get("COLD_SECONDS", "2"))
PERF = os.environ.get("PERF")  # a file name: perf record node-0 (and node-off, to FILE.off) during the first round
SECRET = "bench-cluster-secret"
ACCESS_KEY, SECRET_KEY = "AKIDBENCHLIMITS00001", "bench-admin-secret"

work = tempfile.mkdtemp(prefix="tollgate-bench-limits-")
processes = {}


def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(name, args, pattern):
    log = open(os.path.join(work, name + ".log"), "w")
    proc = subprocess.Popen([TOLLGATE] + args, stdout=log, stderr=subprocess.STDOUT)
    processes[name] = proc
    deadline = time.time() + 20
    while time.time() < deadline:
        text = open(os.path.join(work, name + ".log")).read()
        for line in text.splitlines():
            if pattern in line:
                return int(line.rsplit(":", 1)[1].strip().rstrip("/"))
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    sys.exit(f"{name} did not start:\n" + open(os.path.join(work, name + ".log")).read())


def stop_all():
    for proc in processes.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in processes.values():
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    shutil.rmtree(work, ignore_errors=True)


# --- processes ----------------------------------------------------------------------------------

def port(offset, kind=socket.SOCK_STREAM):
    return PORT_BASE + offset if PORT_BASE else free_port(kind)


# No --gossip: the control plane gossips on UDP at its listen port's number by default.
cp_port = start("control-plane", ["control-plane", "--listen", f"127.0.0.1:{port(0, socket.SOCK_DGRAM)}", "--data-dir", work + "/cp",
                                  "--admin-access-key-id", ACCESS_KEY, "--admin-secret-access-key", SECRET_KEY,
                                  "--cluster-secret", SECRET, "--gossip-interval", GOSSIP_MS], "admin API listening on")
cp_gossip = cp_port
echo_port = start("echo", ["echo", "--listen", f"127.0.0.1:{port(1)}", "--threads", "1"], "listening on")
node_index = [0]


def start_node(name, extra=()):
    index = node_index[0]
    node_index[0] += 1
    gossip = port(20 + index, socket.SOCK_DGRAM)
    args = ["data-plane", "--listen", f"127.0.0.1:{port(10 + index)}", "--control-plane", f"http://127.0.0.1:{cp_port}",
            "--state-dir", f"{work}/{name}", "--node-id", name, "--cluster-secret", SECRET, "--threads", "1",
            "--gossip", f"127.0.0.1:{gossip}", "--gossip-interval", GOSSIP_MS] + list(extra)
    return start(name, args, "data plane listening on")


nodes = [start_node(f"node-{i}") for i in range(NODES)]

apigw = boto3.client("apigateway", endpoint_url=f"http://127.0.0.1:{cp_port}", region_name="us-east-1",
                     aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                     config=Config(retries={"max_attempts": 0}))

# --- HTTP helpers -------------------------------------------------------------------------------


class Client:
    """One keep-alive connection to a node."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def get(self, path, host=None, headers=None):
        all_headers = {"Host": host or f"127.0.0.1:{self.port}"}
        all_headers.update(headers or {})
        for attempt in range(2):
            try:
                self.conn.request("GET", path, headers=all_headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                if attempt:
                    return 0, b""
        return 0, b""


def invoke_host(api_id, port):
    return f"{api_id}.execute-api.localhost:{port}"


def paced_load(targets, duration, path, api_id, headers=None, threads_per_target=3, stop=None):
    """Sends `rate` requests/s to each (port, rate) target for `duration` s on a fixed schedule
    (open loop). Returns per-port counters: {port: {"sent", "ok", "throttled", "exceeded", "other"}}."""
    results = {port: {"sent": 0, "ok": 0, "throttled": 0, "exceeded": 0, "other": 0} for port, _ in targets}
    lock = threading.Lock()
    begin = time.monotonic() + 0.2

    def worker(port, rate, index, count):
        client = Client(port)
        interval = count / rate
        n = 0
        while True:
            at = begin + (index / rate) + n * interval
            if at - begin >= duration or (stop and stop.is_set()):
                break
            delay = at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            status, body = client.get(path, invoke_host(api_id, port), headers)
            with lock:
                r = results[port]
                r["sent"] += 1
                if status == 200:
                    r["ok"] += 1
                elif status == 429 and b"Limit Exceeded" in body:
                    r["exceeded"] += 1
                elif status == 429:
                    r["throttled"] += 1
                else:
                    r["other"] += 1
            n += 1

    workers = []
    for port, rate in targets:
        if rate <= 0:
            continue
        for index in range(threads_per_target):
            t = threading.Thread(target=worker, args=(port, rate, index, threads_per_target), daemon=True)
            workers.append(t)
            t.start()
    for t in workers:
        t.join()
    return results


def total(results, field):
    return sum(r[field] for r in results.values())


# --- configuration helpers ----------------------------------------------------------------------

def mock_method(api_id, resource_id, key_required=False):
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod="GET", authorizationType="NONE",
                     apiKeyRequired=key_required)
    apigw.put_integration(restApiId=api_id, resourceId=resource_id, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=resource_id, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": "ok"})


def new_api(name, paths, key_required=(), proxy=None):
    api_id = apigw.create_rest_api(name=name)["id"]
    root = [r for r in apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/"][0]["id"]
    ids = {}
    for path in paths:
        rid = apigw.create_resource(restApiId=api_id, parentId=root, pathPart=path)["id"]
        ids[path] = rid
        if proxy and path in proxy:
            apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="GET", authorizationType="NONE",
                             apiKeyRequired=path in key_required)
            apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="GET", type="HTTP_PROXY",
                                  integrationHttpMethod="GET", uri=proxy[path])
        else:
            mock_method(api_id, rid, path in key_required)
    apigw.create_deployment(restApiId=api_id, stageName="v1")
    return api_id


def key_in_plan(api_id, name, quota=None, throttle=None, fast=False, method_throttle=None):
    value = f"{name}-{uuid.uuid4()}"
    key_id = apigw.create_api_key(name=name, enabled=True, value=value)["id"]
    stage = {"apiId": api_id, "stage": "v1"}
    if method_throttle:
        stage["throttle"] = method_throttle
    plan_args = {"name": name, "apiStages": [stage]}
    if quota:
        plan_args["quota"] = {"limit": quota, "period": "DAY"}
    if throttle:
        plan_args["throttle"] = throttle
    if fast:
        plan_args["tags"] = {"tollgate:quota-mode": "fast"}
    plan_id = apigw.create_usage_plan(**plan_args)["id"]
    apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key_id, keyType="API_KEY")
    return plan_id, key_id, value


def wait_until_served(api_id, path, headers=None, ports=None, timeout=15):
    deadline = time.time() + timeout
    for port in ports or nodes:
        client = Client(port)
        while True:
            status, _ = client.get(path, invoke_host(api_id, port), headers)
            if status == 200:
                break
            if time.time() > deadline:
                sys.exit(f"{api_id}{path} not served on port {port}")
            time.sleep(0.05)


def debug(port, path, method="GET"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request(method, path, headers={"Authorization": f"Bearer {SECRET}"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return json.loads(body) if body else {}


def node_count(port, plan_id, key_id):
    try:
        counters = debug(port, f"/_tollgate/debug/quota?planId={plan_id}&keyId={key_id}")["counters"]
    except (OSError, ValueError, KeyError):
        return None
    return next((c["used"] for c in counters if c["period"] == "DAY"), 0)


def usage(plan_id, key_id):
    day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    values = apigw.get_usage(usagePlanId=plan_id, keyId=key_id, startDate=day, endDate=day)["items"]
    return values.get(key_id, [[None, None]])[0]


def line(text=""):
    print(text, flush=True)


# --- 1. method throttle --------------------------------------------------------------------------

def throttle_runs():
    line("== 1. method throttle 100 rps / burst 100, 300 rps offered for %.0f s over 3 nodes" % DURATION)
    api_id = new_api("throttle", ["even", "skewed", "probe"])
    patches = []
    for path in ("even", "skewed"):
        patches += [{"op": "replace", "path": f"/~1{path}/GET/throttling/rateLimit", "value": "100"},
                    {"op": "replace", "path": f"/~1{path}/GET/throttling/burstLimit", "value": "100"}]
    apigw.update_stage(restApiId=api_id, stageName="v1", patchOperations=patches)
    time.sleep(0.5)
    wait_until_served(api_id, "/v1/probe")
    expected = 100 * DURATION + 100
    figures = {}
    for path, split in (("even", (100, 100, 100)), ("skewed", (210, 60, 30))):
        time.sleep(1.5)
        results = paced_load(list(zip(nodes, split)), DURATION, f"/v1/{path}", api_id)
        admitted = total(results, "ok")
        per_node = "/".join(str(results[p]["ok"]) for p in nodes)
        error = (admitted - expected) / expected * 100
        figures[path] = (admitted, error)
        line(f"   split {'/'.join(map(str, split))} rps: sent {total(results, 'sent')}, admitted {admitted} "
             f"(per node {per_node}), expected {expected:.0f}, error {error:+.1f} %, other {total(results, 'other')}")
    return figures


# --- 2. quota over-admission ---------------------------------------------------------------------

def quota_runs():
    line("== 2. quota 1,000/day, 3,000 requests at %.0f rps spread evenly over 3 nodes" % QUOTA_RATE)
    api_id = new_api("quota", ["q"], key_required=("q",))
    figures = {}
    for mode in ("strict", "fast"):
        plan_id, key_id, key = key_in_plan(api_id, f"quota-{mode}", quota=1000, fast=(mode == "fast"))
        probe_plan, _, probe = key_in_plan(api_id, f"probe-{mode}")
        wait_until_served(api_id, "/v1/q", {"x-api-key": probe})
        seconds = 3000 / QUOTA_RATE
        results = paced_load([(p, QUOTA_RATE / 3) for p in nodes], seconds, "/v1/q", api_id, {"x-api-key": key})
        admitted = total(results, "ok")
        time.sleep(1.5)
        used = usage(plan_id, key_id)
        over = max(0, admitted - 1000)
        figures[mode] = (admitted, over)
        line(f"   {mode:6}: sent {total(results, 'sent')}, admitted {admitted}, over-admitted {over} "
             f"({over / 10:.1f} %), refused 'Limit Exceeded' {total(results, 'exceeded')}, "
             f"'Too Many Requests' (rights pending) {total(results, 'throttled')}; GetUsage today {used}")
    return figures


# --- 3. kill, partition, heal: agreement time -----------------------------------------------------

def agreement_run():
    line("== 3. node-2 killed mid-run, node-1 cut off from gossip then healed: time until all agree")
    api_id = new_api("agree", ["a"], key_required=("a",))
    plan_id, key_id, key = key_in_plan(api_id, "agree", quota=10_000_000, fast=True)
    wait_until_served(api_id, "/v1/a", {"x-api-key": key})
    stop = threading.Event()
    outcome = {}

    def load():
        outcome["results"] = paced_load([(p, 50) for p in nodes], 6.0, "/v1/a", api_id, {"x-api-key": key}, stop=stop)

    loader = threading.Thread(target=load)
    loader.start()
    time.sleep(2.2)
    processes["node-2"].kill()
    killed_at = time.monotonic()
    time.sleep(1.0)
    debug(nodes[1], "/_tollgate/debug/gossip?enabled=false", "POST")
    time.sleep(2.0)
    stop.set()
    loader.join()
    admitted = total(outcome["results"], "ok")
    partitioned = (node_count(nodes[0], plan_id, key_id), node_count(nodes[1], plan_id, key_id))
    healed_at = time.monotonic()
    debug(nodes[1], "/_tollgate/debug/gossip?enabled=true", "POST")
    agreed = None
    while time.monotonic() - healed_at < 10:
        counts = [node_count(nodes[0], plan_id, key_id), node_count(nodes[1], plan_id, key_id), usage(plan_id, key_id)[0]]
        if None not in counts and len(set(counts)) == 1:
            agreed = time.monotonic() - healed_at
            break
        time.sleep(0.02)
    final = node_count(nodes[0], plan_id, key_id)
    line(f"   clients got {admitted} 200s; while cut off node-0 counted {partitioned[0]}, node-1 {partitioned[1]}")
    line(f"   after healing: node-0, node-1 and GetUsage agree on {final} after "
         + (f"{agreed * 1000:.0f} ms" if agreed is not None else "never (10 s)")
         + f"; counted minus clients' 200s: {(final or 0) - admitted:+d} (negative: admissions of the killed node"
         + " never gossiped; positive: admissions whose answers died with it)")
    return agreed


# --- 4. overhead of the limits phases --------------------------------------------------------------

def cpu_seconds(pid, thread_name=None):
    """CPU seconds of the process, or of its threads called `thread_name`."""
    def parse(path):
        fields = open(path).read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    if thread_name is None:
        return parse(f"/proc/{pid}/stat")
    total = 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            if open(f"/proc/{pid}/task/{tid}/comm").read().strip() == thread_name:
                total += parse(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            pass
    return total


def context_switches(pid):
    """Per thread name: voluntary + involuntary context switches so far."""
    counts = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            status = open(f"/proc/{pid}/task/{tid}/status").read().splitlines()
        except OSError:
            continue
        switches = sum(int(l.split()[1]) for l in status if l.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")))
        counts[name] = counts.get(name, 0) + switches
    return counts


def wrk(port, host, path, headers, pid):
    """(requests/s, node CPU microseconds per request, non-2xx note)."""
    args = ["wrk", "-t1", "-c16", f"-d{WRK_SECONDS}s", "-H", f"Host: {host}"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    before, gossip_before, switches_before = cpu_seconds(pid), cpu_seconds(pid, "tollgate-gossip"), context_switches(pid)
    out = subprocess.run(args + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True).stdout
    used = cpu_seconds(pid) - before
    gossip = cpu_seconds(pid, "tollgate-gossip") - gossip_before
    switches = {name: count - switches_before.get(name, 0) for name, count in context_switches(pid).items()}
    busy = ", ".join(f"{name} {count}" for name, count in sorted(switches.items()) if count > 0)
    line(f"      ({used:.2f} s CPU" + (f", gossip thread {gossip:.2f} s" if gossip > 0 else "") + f"; context switches: {busy})")
    rps = float([l for l in out.splitlines() if l.startswith("Requests/sec")][0].split()[1])
    requests = int([l for l in out.splitlines() if "requests in" in l][0].split()[0])
    non2xx = [l for l in out.splitlines() if "Non-2xx" in l]
    return rps, used / requests * 1e6, (non2xx[0].strip() if non2xx else "")


def overhead_runs():
    line("== 4. proxied requests/s (HTTP_PROXY to tollgate echo, wrk -t1 -c16 %ds), limits on vs --limits off" % WRK_SECONDS)
    off_port = start_node("node-off", ["--limits", "off"])
    apigw.update_account(patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "1000000"},
                                          {"op": "replace", "path": "/throttle/burstLimit", "value": "1000000"}])
    backend = f"http://127.0.0.1:{echo_port}/bytes/64"
    api_id = new_api("overhead", ["p"], key_required=("p",), proxy={"p": backend})
    apigw.update_stage(restApiId=api_id, stageName="v1", patchOperations=[
        {"op": "replace", "path": "/~1p/GET/throttling/rateLimit", "value": "1000000"},
        {"op": "replace", "path": "/~1p/GET/throttling/burstLimit", "value": "1000000"}])
    _, _, key = key_in_plan(api_id, "overhead", quota=100_000_000, fast=True, throttle={"rateLimit": 1e6, "burstLimit": 1000000},
                            method_throttle={"/p/GET": {"rateLimit": 1e6, "burstLimit": 1000000}})
    wait_until_served(api_id, "/v1/p", {"x-api-key": key}, ports=[nodes[0], off_port])
    on, off = [], []
    for round in range(ROUNDS):
        perf = None
        if PERF and round == 0:
            perf = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-o", PERF, "-p", str(processes["node-0"].pid),
                                     "--", "sleep", str(WRK_SECONDS)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        on.append(wrk(nodes[0], invoke_host(api_id, nodes[0]), "/v1/p", {"x-api-key": key}, processes["node-0"].pid))
        if perf:
            perf.wait()
        perf = None
        if PERF and round == 0:
            perf = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-o", PERF + ".off", "-p", str(processes["node-off"].pid),
                                     "--", "sleep", str(WRK_SECONDS)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        off.append(wrk(off_port, invoke_host(api_id, off_port), "/v1/p", {"x-api-key": key}, processes["node-off"].pid))
        if perf:
            perf.wait()
    best_on, best_off = max(r for r, _, _ in on), max(r for r, _, _ in off)
    cpu_on, cpu_off = min(c for _, c, _ in on), min(c for _, c, _ in off)
    for label, runs in (("limits on  (key + stage method + plan + plan method + account buckets + fast quota)", on),
                        ("limits off (--limits off)", off)):
        line(f"   {label}:")
        line("      " + ", ".join(f"{r:.0f} req/s ({c:.1f} µs CPU/req)" for r, c, _ in runs) + (f" [{runs[-1][2]}]" if runs[-1][2] else ""))
    line(f"   best of {ROUNDS}: on {best_on:.0f}, off {best_off:.0f} req/s, throughput cost {(1 - best_on / best_off) * 100:.1f} %; "
         f"node CPU per request on {cpu_on:.1f} µs, off {cpu_off:.1f} µs, cost {(cpu_on / cpu_off - 1) * 100:.1f} %")
    med_on, med_off = statistics.median(r for r, _, _ in on), statistics.median(r for r, _, _ in off)
    mcpu_on, mcpu_off = statistics.median(c for _, c, _ in on), statistics.median(c for _, c, _ in off)
    line(f"   medians of {ROUNDS}: on {med_on:.0f}, off {med_off:.0f} req/s, throughput cost {(1 - med_on / med_off) * 100:.1f} %; "
         f"node CPU per request on {mcpu_on:.1f} µs, off {mcpu_off:.1f} µs, cost {(mcpu_on / mcpu_off - 1) * 100:.1f} %")
    return best_on, best_off


# --- 5. exact strict quotas ---------------------------------------------------------------------------

def split_targets(split):
    return [(p, QUOTA_RATE * f) for p, f in zip(nodes, split)]


def exact_runs():
    line(f"== 5. strict quota 300/day, 1,206 requests at {QUOTA_RATE:.0f} rps over {len(nodes)} nodes: admitted exactly the quota?")
    api_id = new_api("exact", ["x"], key_required=("x",))
    splits = (("even", [1 / len(nodes)] * len(nodes)), ("70/20/10", [0.7, 0.2, 0.1][:len(nodes)]))
    figures = {name: [] for name, _ in splits}
    for round in range(ROUNDS):
        for name, split in splits:
            plan_id, key_id, key = key_in_plan(api_id, f"exact-{name}-{round}", quota=300)
            _, _, probe = key_in_plan(api_id, f"exact-probe-{name}-{round}")
            wait_until_served(api_id, "/v1/x", {"x-api-key": probe})
            time.sleep(0.3)
            results = paced_load(split_targets(split), 1206 / QUOTA_RATE, "/v1/x", api_id, {"x-api-key": key})
            admitted, throttled = total(results, "ok"), total(results, "throttled")
            time.sleep(1.5)
            used = usage(plan_id, key_id)
            figures[name].append((admitted, throttled))
            line(f"   round {round + 1} {name:8}: sent {total(results, 'sent')}, admitted {admitted} (over {max(0, admitted - 300)}, "
                 f"under {max(0, 300 - admitted)}), 'Limit Exceeded' {total(results, 'exceeded')}, "
                 f"'Too Many Requests' {throttled}, other {total(results, 'other')}; GetUsage today {used}")
    for name, runs in figures.items():
        line(f"   {name}: admitted per round {[a for a, _ in runs]} for a quota of 300; Too Many Requests per round {[t for _, t in runs]}")
    return figures


# --- 6. cold start: false 429s ------------------------------------------------------------------------

def coldstart_runs():
    rate = COLD_LIMIT * 0.3
    line(f"== 6. cold throttle key: method limit {COLD_LIMIT:.0f} rps / burst {COLD_LIMIT / 2:.0f} (the account limit's ratio), "
         f"offered 30 % ({rate:.0f} rps) evenly over {len(nodes)} nodes for {COLD_SECONDS:.0f} s; a fresh key each round, "
         f"probed once per node 1.5 s before")
    paths = [f"c{round}" for round in range(ROUNDS)]
    api_id = new_api("cold", paths + ["probe"])
    patches = [{"op": "replace", "path": "/*/*/throttling/rateLimit", "value": str(COLD_LIMIT)},
               {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": str(int(COLD_LIMIT / 2))}]
    apigw.update_stage(restApiId=api_id, stageName="v1", patchOperations=patches)
    time.sleep(0.5)
    wait_until_served(api_id, "/v1/probe")
    rates = []
    for path in paths:
        # One request per node on the key (as a health probe through the API would), then idle:
        # each node's last demand report holds a tiny figure for the key when the load starts.
        for p in nodes:
            Client(p).get(f"/v1/{path}", invoke_host(api_id, p))
        time.sleep(1.5)
        results = paced_load([(p, rate / len(nodes)) for p in nodes], COLD_SECONDS, f"/v1/{path}", api_id)
        sent, refused = total(results, "sent"), total(results, "throttled")
        rates.append(refused / max(1, sent) * 100)
        per_node = "/".join(str(results[p]["throttled"]) for p in nodes)
        line(f"   /{path}: sent {sent}, false 429s {refused} ({rates[-1]:.2f} %, per node {per_node}), other {total(results, 'other')}")
    line(f"   false-429 rate per round {[round(r, 2) for r in rates]} %, median {statistics.median(rates):.2f} %")
    return rates


try:
    line(f"tollgate {TOLLGATE}; control plane :{cp_port} (gossip udp :{cp_gossip}, its default), nodes {nodes}, "
         f"gossip interval {GOSSIP_MS} ms, {os.cpu_count()} cores")
    time.sleep(1.0)  # every node polled once: the snapshot lists all three
    line(f"load average {open('/proc/loadavg').read().split()[:3]}")
    for name, run in (("throttle", throttle_runs), ("quota", quota_runs), ("agree", agreement_run), ("overhead", overhead_runs),
                      ("exact", exact_runs), ("coldstart", coldstart_runs)):
        if not ONLY or name in ONLY:
            run()
            line(f"   (load average {open('/proc/loadavg').read().split()[:3]})")
finally:
    stop_all()
