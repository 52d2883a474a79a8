#!/usr/bin/env bash
# MOCK routes with the request pipeline's work on them (issue 13): wrk through ONE data-plane node,
# requests/s and CPU per request of
#   plain MOCK         GET /prod/m: static `{"statusCode": 200}` and `ok` templates (bench/admin.py mock-api)
#   MOCK template      GET /prod/t?q=shoes&page=2&color=red: a 3-line request template and a 20-line
#                      response template ($input.params(), $context, $stageVariables, $util; mock-template-api)
#   MOCK POST 2 KiB    POST /prod/plain with bench/order-2k.json, no validator (validated-mock-api)
#   MOCK POST validated POST /prod/valid, the same body validated against an `Order` model that
#                      `$ref`s an `Item` model, and a required Content-Type header
# The node runs with --limits off: the account's default throttle (10,000 requests/s, burst 5,000;
# these fixtures do not raise it) would answer most of a MOCK run 429. Against nginx answering `return 200 "ok"` (the peer, same wrk settings), in alternating rounds
# (the order rotates), then medians and the ratios to the plain MOCK and to nginx.
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (5),
# NODE_THREADS (1), NGINX_WORKERS (1), BENCH_PORTS (LOW-HIGH for nginx's port), TOLLGATE (a binary
# to measure instead of this tree's release build).
# Wall-clock figures move with the machine's load; bench/instructions.sh and bench/validation.sh
# count instructions for the same routes.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-5}"
NODE_THREADS="${NODE_THREADS:-1}"
NGINX_WORKERS="${NGINX_WORKERS:-1}"

bench_install wrk nginx-light
if [ -z "${TOLLGATE:-}" ]; then bench_build; fi
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHMOCK0000001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
mock_host="$(python3 bench/admin.py "$admin" mock-api).execute-api.localhost"
template_host="$(python3 bench/admin.py "$admin" mock-template-api).execute-api.localhost"
validated_host="$(python3 bench/admin.py "$admin" validated-mock-api).execute-api.localhost"

bench_spawn node "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" \
  --node-id bench-mock-1 --threads "$NODE_THREADS" --limits off
node_port="$(bench_wait_line node 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p')"

# The POST body for wrk (LuaJIT): the 2 KiB order, as JSON.
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
local file = io.open("$PWD/bench/order-2k.json", "rb")
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
LUA

# Every route answers 200 before measuring (the node has applied the snapshot), and the validated
# route refuses an invalid body (the validator is really on).
python3 - "$node_port" "$mock_host" "$template_host" "$validated_host" "$PWD/bench/order-2k.json" <<'PY'
import http.client, sys, time
port, mock, template, validated, body_file = sys.argv[1:]
body = open(body_file, "rb").read()
def call(method, path, host, body=None):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
    c.request(method, path, body=body, headers={"Host": host, "Content-Type": "application/json"})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data
deadline = time.time() + 30
checks = [("GET", "/prod/m", mock, None), ("GET", "/prod/t?q=shoes&page=2&color=red", template, None),
          ("POST", "/prod/plain", validated, body), ("POST", "/prod/valid", validated, body)]
for method, path, host, payload in checks:
    while True:
        try:
            status, data = call(method, path, host, payload)
        except OSError:
            status, data = 0, b""
        if status == 200:
            break
        if time.time() > deadline:
            sys.exit(f"{method} {path} answers {status}: {data[:200]!r}")
        time.sleep(0.2)
status, data = call("POST", "/prod/valid", validated, b'{"id": "short"}')
if status != 400:
    sys.exit(f"the validated route accepted an invalid body: {status} {data[:200]!r}")
print("== every route answers 200; the validated route refuses an invalid body with", status, data.decode()[:80])
PY

nginx_port="$(free_port)"
bench_nginx "$NGINX_WORKERS" "    server {
        listen 127.0.0.1:$nginx_port;
        location / { return 200 \"ok\"; }
    }"
nginx_pids="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
node="http://127.0.0.1:$node_port"
targets=(
  "plain MOCK|${spawned[node]}|$node/prod/m|Host: $mock_host|"
  "MOCK template|${spawned[node]}|$node/prod/t?q=shoes&page=2&color=red|Host: $template_host|"
  "MOCK POST 2 KiB|${spawned[node]}|$node/prod/plain|Host: $validated_host|$work/post.lua"
  "MOCK POST validated|${spawned[node]}|$node/prod/valid|Host: $validated_host|$work/post.lua"
  "nginx return 200|$nginx_pids|http://127.0.0.1:$nginx_port/m||"
)

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, nginx workers $NGINX_WORKERS, $(nproc) cores"
bench_warmup

run() {
  local label="$1" cpu_pids="$2" url="$3" c0 rps p50 p99 requests cpu_us
  shift 3
  c0="$(cpu_ms $cpu_pids)"
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  cpu_us="$(python3 -c "print(f'{($(cpu_ms $cpu_pids) - $c0) * 1000 / $requests:.1f}')")"
  printf '  %-20s %7s req/s  p50 %6s ms  p99 %6s ms  CPU/req %s us\n' "$label" "$rps" "$p50" "$p99" "$cpu_us"
  echo "$label|$rps|$p99|$cpu_us" >>"$work/rounds"
}

bench_rounds

bench_warn_failures
echo "== medians over $ROUNDS rounds (load average $(load_average) at the end; uptime: $(uptime))"
bench_medians "$work/rounds" 20
python3 - <<'PY'
import json, os
median = json.loads(os.environ["BENCH_MEDIANS"])
plain, nginx = median["plain MOCK"], median["nginx return 200"]
for label, (rps, p99, cpu) in median.items():
    if label in ("plain MOCK", "nginx return 200"):
        continue
    print(f"  {label:20s} {rps / plain[0]:.2f}x the plain MOCK's req/s, CPU/req {cpu / plain[2]:.2f}x")
print(f"  plain MOCK / nginx return 200: {plain[0] / nginx[0]:.2f}x req/s, CPU/req {plain[2] / nginx[2]:.2f}x")
PY
