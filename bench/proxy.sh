#!/usr/bin/env bash
# Data-plane proxy throughput (issue 4): wrk through ONE data-plane node — an API whose `{proxy+}`
# resource is an HTTP_PROXY integration to `tollgate echo` — against nginx `proxy_pass` with upstream
# keep-alive to the same echo backend, and against the echo backend hit directly (the limit).
# Same wrk settings for all three; prints requests/s, p50, p99 and the ratio tollgate/nginx
# (the issue asks >= 0.8x, aims at >= 1.0x).
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (3),
# NODE_THREADS (data-plane loops, 1), ECHO_THREADS (echo loops, 1), NGINX_WORKERS (1).
# One loop / one worker each by default: node, echo, nginx and wrk share the machine's cores, so each
# proxy gets one core's worth of threads and neither gets more parallelism than the other.
# The API is created and deployed through the admin API with boto3 (bench/admin.py).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-3}"
NODE_THREADS="${NODE_THREADS:-1}"
ECHO_THREADS="${ECHO_THREADS:-1}"
NGINX_WORKERS="${NGINX_WORKERS:-1}"

bench_install wrk nginx-light
bench_build
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHPROXY000001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# --- echo backend, control plane, one data-plane node
bench_spawn echo "$TOLLGATE" echo --listen 127.0.0.1:0 --threads "$ECHO_THREADS"
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane"
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
bench_spawn node "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" \
  --node-id bench-node-1 --threads "$NODE_THREADS"
node_port="$(bench_wait_line node 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p')"

api="$(python3 bench/admin.py "$admin" proxy-api "$echo_port")"
host="$api.execute-api.localhost"
for _ in $(seq 1 100); do
  code="$(python3 -c "
import http.client as h
c = h.HTTPConnection('127.0.0.1', $node_port, timeout=2); c.request('GET', '/prod/bytes/64', headers={'Host': '$host'})
r = c.getresponse(); print(r.status, len(r.read()))" 2>/dev/null || true)"
  [ "$code" = "200 64" ] && break
  sleep 0.1
done
[ "$code" = "200 64" ] || { echo "the node does not serve the API: $code"; cat "$work/node.out"; exit 1; }

# --- nginx: proxy_pass with upstream keep-alive to the same echo backend
nginx_port="$(free_port)"
bench_nginx "$NGINX_WORKERS" "    upstream echo {
        server 127.0.0.1:$echo_port;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://echo;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }"
size="$(python3 -c "import urllib.request as u; r = u.urlopen('http://127.0.0.1:$nginx_port/bytes/64'); print(r.status, len(r.read()))")"
[ "$size" = "200 64" ] || { echo "unexpected answer from nginx: $size"; exit 1; }

direct_url="http://127.0.0.1:$echo_port/bytes/64"
node_url="http://127.0.0.1:$node_port/prod/bytes/64"
nginx_url="http://127.0.0.1:$nginx_port/bytes/64"

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, echo loops $ECHO_THREADS, nginx workers $NGINX_WORKERS, $(nproc) cores"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$direct_url" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $host" "$node_url" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$nginx_url" >/dev/null
# One wrk run; prints the table line: req/s, p50, p99, and CPU microseconds per request spent by the
# proxy's processes ($2, "-" for none) and by the echo backend.
run() {
  local label="$1" proxy_pids="$2" url="$3" proxy_before echo_before rps p50 p99 requests proxy_us echo_us
  shift 3
  proxy_before="$( [ "$proxy_pids" = - ] && echo 0 || cpu_ms $proxy_pids)"
  echo_before="$(cpu_ms "${spawned[echo]}")"
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  proxy_us="-"
  [ "$proxy_pids" = - ] || proxy_us="$(( ($(cpu_ms $proxy_pids) - proxy_before) * 1000 / requests ))"
  echo_us="$(( ($(cpu_ms "${spawned[echo]}") - echo_before) * 1000 / requests ))"
  printf '  %-38s %7s req/s  p50 %6s ms  p99 %6s ms  CPU/req: proxy %3s us, echo %3s us\n' \
    "$label" "$rps" "$p50" "$p99" "$proxy_us" "$echo_us"
  echo "$rps" >"$work/last_rps"
}

nginx_workers="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
for round in $(seq 1 "$ROUNDS"); do
  printf 'round %s (load average %s before the round)\n' "$round" "$(load_average)"
  run "echo /bytes/64 direct (limit)" - "$direct_url"
  run "tollgate node, HTTP_PROXY {proxy+}" "${spawned[node]}" "$node_url" -H "Host: $host"
  t_rps="$(cat "$work/last_rps")"
  run "nginx proxy_pass, upstream keepalive" "$nginx_workers" "$nginx_url"
  n_rps="$(cat "$work/last_rps")"
  printf '  ratio tollgate/nginx: %s\n' "$(python3 -c "print(f'{$t_rps / $n_rps:.2f}')")"
done
