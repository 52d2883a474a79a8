#!/usr/bin/env bash
# An HTTP API against the same REST API route and nginx (issue 17: "HTTP API at or above the REST
# route, and at or above nginx"): one data-plane node serving both a REST API (`bench/admin.py
# proxy-api`: `{proxy+}` HTTP_PROXY to `tollgate echo`, stage `prod`) and an HTTP API with the same
# route (`bench/admin.py http-api`: `ANY /{proxy+}` HTTP_PROXY to the same echo, auto-deployed stage
# `prod`), and nginx `proxy_pass` with upstream keep-alive to that echo (bench/proxy-fixture.sh).
# wrk in alternating rounds (the order rotates every round); prints per target the median
# requests/s, p99 and CPU per request (the proxy's own processes), and the ratios. Before the rounds
# it checks that both APIs answer 200 with 64 bytes and that the HTTP API's answer carries
# `apigw-requestid` (it went through the HTTP API chain, not the REST one).
#
# Instructions per request for the same two routes: bench/instructions.sh (rows "open proxy" and
# "HTTP API proxy").
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (5),
# NODE_THREADS (1), ECHO_THREADS (1), NGINX_WORKERS (1), BENCH_PORTS, TOLLGATE (a binary to use
# instead of building this tree's release build).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-5}"

bench_install wrk nginx-light
if [ -z "${TOLLGATE:-}" ]; then bench_build; fi
bench_workdir
. bench/proxy-fixture.sh

http_api="$(python3 bench/admin.py "$admin" http-api "$echo_port")"
http_host="$http_api.execute-api.localhost"
wait_until_served "$node_port" "$http_host" "$work/node.out"
python3 - "$node_port" "$http_host" "$host" <<'PY' || { echo "the two APIs do not answer as they should"; exit 1; }
import http.client, sys
port, http_host, rest_host = int(sys.argv[1]), sys.argv[2], sys.argv[3]
for host, v2 in ((http_host, True), (rest_host, False)):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/prod/bytes/64", headers={"Host": host})
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200 and len(body) == 64, (host, response.status, len(body))
    assert (response.getheader("apigw-requestid") is not None) == v2, (host, response.getheaders())
PY

nginx_pids="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
targets=(
  "REST API|${spawned[node]}|$node_url|Host: $host"
  "HTTP API|${spawned[node]}|$node_url|Host: $http_host"
  "nginx|$nginx_pids|$nginx_url|"
)

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, echo loops $ECHO_THREADS, nginx workers $NGINX_WORKERS, $(nproc) cores"
bench_warmup

run() { bench_run_split "$@"; }

bench_rounds
bench_warn_failures

echo "== medians over $ROUNDS rounds (load average $(load_average) at the end)"
bench_medians "$work/rounds" 10
python3 - <<'PY'
import json, os
median = json.loads(os.environ["BENCH_MEDIANS"])
rest, http, nginx = median["REST API"], median["HTTP API"], median["nginx"]
print(f"  HTTP API / REST API  {http[0] / rest[0]:5.3f}x req/s, CPU/request {http[2] / rest[2]:5.3f}x, p99 {http[1] / rest[1]:5.2f}x")
print(f"  HTTP API / nginx     {http[0] / nginx[0]:5.3f}x req/s, CPU/request {http[2] / nginx[2]:5.3f}x, p99 {http[1] / nginx[1]:5.2f}x")
print(f"  REST API / nginx     {rest[0] / nginx[0]:5.3f}x req/s")
PY
