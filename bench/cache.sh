#!/usr/bin/env bash
# Stage-cache hit path (issue 13): wrk through ONE data-plane node whose `{proxy+}` HTTP_PROXY route
# to `tollgate echo` has the stage cache on (bench/admin.py cached-api: cacheClusterEnabled,
# */*/caching/enabled, TTL 3600 s, key method.request.path.proxy), against nginx `proxy_cache` in
# front of the same echo backend (keys_zone in memory, proxy_cache_valid 200 1h, cache lock), every
# request a hit once warm. Same wrk settings for both, alternating rounds (the order rotates), then
# the medians and the node/nginx ratio. The echo backend's CPU per request shows both really hit
# (it should stay ~0 while measuring). Then each server under callgrind: instructions per cache hit
# (REQUESTS keep-alive requests after a warm-up, bench/fixed-requests.py), the figure load cannot move.
# Both nodes run with --limits off: the `*/*` method setting that turns caching on carries AWS's
# default method throttle (10,000 requests/s, burst 5,000), which would answer most hits 429 (a
# first run showed it) and measure the throttle, not the cache.
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (5),
# NODE_THREADS (1), NGINX_WORKERS (1), REQUESTS (5000), WARM_REQUESTS (500), CG_CONNECTIONS (16),
# CALLGRIND (on; off skips it), CG_KEEP (a folder to keep the callgrind dumps in, NAME.cg.N-TT),
# ROUNDS=0 (callgrind only), BENCH_PORTS (LOW-HIGH for nginx's port), TOLLGATE (a binary to measure).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-5}"
NODE_THREADS="${NODE_THREADS:-1}"
NGINX_WORKERS="${NGINX_WORKERS:-1}"
REQUESTS="${REQUESTS:-5000}"
WARM_REQUESTS="${WARM_REQUESTS:-500}"
CG_CONNECTIONS="${CG_CONNECTIONS:-16}"

bench_install wrk nginx-light valgrind
if [ -z "${TOLLGATE:-}" ]; then bench_build; fi
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHCACHE000001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

bench_spawn echo "$TOLLGATE" echo --listen 127.0.0.1:0 --threads 1
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
api="$(python3 bench/admin.py "$admin" cached-api "$echo_port")"
host="$api.execute-api.localhost"

# nginx_conf PORT: proxy_cache in memory-backed keys, one hour for 200s, the same backend
nginx_block() {
  echo "    proxy_cache_path $work/nginx/cache levels=1:2 keys_zone=bench:10m max_size=32m inactive=1h use_temp_path=off;
    upstream echo { server 127.0.0.1:$echo_port; keepalive 64; }
    server {
        listen 127.0.0.1:$1;
        location / {
            proxy_pass http://echo;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
            proxy_cache bench;
            proxy_cache_valid 200 1h;
            proxy_cache_lock on;
        }
    }"
}

if [ "${CALLGRIND:-on}" != off ]; then
  declare -gA dumps=()
  # measure NAME LABEL PORT PATH [HEADER…]: the event-loop thread's instructions per hit (bench/lib.sh)
  measure() {
    local name="$1" label="$2" port="$3" path="$4"; shift 4
    cg_count "$name" "$port" "$path" "$@"   # bench/lib.sh: warm up, zero, REQUESTS requests, dump
    printf '  %-40s %8d instructions/request\n' "$label" $((counted / REQUESTS))
    echo "$label|$((counted / REQUESTS))" >>"$work/instructions"
  }
  echo "== callgrind: $REQUESTS cache hits after $WARM_REQUESTS warm-up, $CG_CONNECTIONS connections; load average $(load_average)"
  cg_spawn node-cg "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node-cg" \
    --node-id bench-cache-cg --threads 1 --limits off
  cg_port="$(bench_wait_line node-cg 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"
  measure node-cg "tollgate: stage-cache hit" "$cg_port" /prod/bytes/64 "Host: $host"
  kill "${spawned[node-cg]}"
  nginx_port="$(free_port)"
  mkdir -p "$work/nginx/cache"
  bench_nginx_config 1 "$(nginx_block "$nginx_port")"
  cg_spawn nginx-cg "$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off; master_process off;'
  measure nginx-cg "nginx: proxy_cache hit" "$nginx_port" /bytes/64
  kill "${spawned[nginx-cg]}"
  python3 - "$work/instructions" <<'PY'
import sys
rows = {label: int(value) for label, value in (line.rstrip("\n").split("|") for line in open(sys.argv[1]))}
node, nginx = rows["tollgate: stage-cache hit"], rows["nginx: proxy_cache hit"]
print(f"  tollgate / nginx instructions per hit: {node / nginx:.2f}x")
PY
  if [ -n "${CG_KEEP:-}" ]; then mkdir -p "$CG_KEEP" && cp "$work"/*.cg.* "$CG_KEEP"/; fi
  if [ "$ROUNDS" = 0 ]; then exit 0; fi
  sleep 1
fi

bench_spawn node "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" \
  --node-id bench-cache-1 --threads "$NODE_THREADS" --limits off
node_port="$(bench_wait_line node 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p')"
wait_until_served "$node_port" "$host" "$work/node.out"
nginx_port="$(free_port)"
rm -rf "$work/nginx/cache"; mkdir -p "$work/nginx/cache"
bench_nginx "$NGINX_WORKERS" "$(nginx_block "$nginx_port")"
nginx_pids="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
node_url="http://127.0.0.1:$node_port/prod/bytes/64"
nginx_url="http://127.0.0.1:$nginx_port/bytes/64"
targets=("tollgate cache|${spawned[node]}|$node_url|Host: $host" "nginx proxy_cache|$nginx_pids|$nginx_url|")

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, nginx workers $NGINX_WORKERS, $(nproc) cores"
bench_warmup

run() {
  local label="$1" proxy_pids="$2" url="$3" c0 echo0 rps p50 p99 requests cpu_us echo_us
  shift 3
  c0="$(cpu_ms $proxy_pids)"
  echo0="$(cpu_ms "${spawned[echo]}")"
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  cpu_us="$(python3 -c "print(f'{($(cpu_ms $proxy_pids) - $c0) * 1000 / $requests:.1f}')")"
  echo_us="$(python3 -c "print(f'{($(cpu_ms "${spawned[echo]}") - $echo0) * 1000 / $requests:.2f}')")"
  printf '  %-18s %7s req/s  p50 %6s ms  p99 %6s ms  CPU/req %s us, echo %s us\n' "$label" "$rps" "$p50" "$p99" "$cpu_us" "$echo_us"
  echo "$label|$rps|$p99|$cpu_us" >>"$work/rounds"
}

bench_rounds

bench_warn_failures
echo "== medians over $ROUNDS rounds (load average $(load_average) at the end; uptime: $(uptime))"
bench_medians "$work/rounds" 18
python3 - <<'PY'
import json, os
median = json.loads(os.environ["BENCH_MEDIANS"])
node, nginx = median["tollgate cache"], median["nginx proxy_cache"]
print(f"  tollgate / nginx: {node[0] / nginx[0]:.2f}x req/s, p99 {node[1] / nginx[1]:.2f}x, CPU/req {node[2] / nginx[2]:.2f}x")
PY
