#!/usr/bin/env bash
# Instructions per request (issues 10 and 11): a figure the shared, noisy machine cannot move, so a
# change to the request path can be judged in one run. Each server runs under
# `valgrind --tool=callgrind` (this VM exposes no hardware counters to `perf stat`); after a warm-up
# the counters are zeroed, a fixed number of keep-alive requests is sent (bench/fixed-requests.py,
# CG_CONNECTIONS in flight), and the counters are dumped per thread (`--separate-threads=yes`):
# instructions executed in user space by the event-loop thread divided by the requests. Every
# server runs one loop (`--threads 1`, nginx one worker), and the loop thread is the one whose dump
# holds `EventLoop.run` (the busiest thread where no dump names it: nginx, a single thread). Background
# threads (the snapshot poller and trimmer tasks, gossip, the signal thread) do work per second,
# not per request, so counting them made a figure move with the run's length (with the machine's
# load); the whole process's figure is printed beside it. Kernel work (syscalls) is not counted:
# pair the figure with bench/proxy.sh's CPU per request.
#
# Measured, on 127.0.0.1, against one plain `tollgate echo` backend (not under valgrind):
#   tollgate node  --limits on:  open {proxy+} HTTP_PROXY route (the account throttle's limits filter),
#                                keyed route (API key + usage-plan throttle and fast quota), MOCK route,
#                                MOCK route with a 20-line response template (bench/admin.py mock-template-api),
#                                the same {proxy+} route as AWS_IAM: SigV4 verified against an IAM
#                                user made through the control plane's IAM subset, its policy evaluated,
#                                and the same route on an HTTP API (apigatewayv2, bench/admin.py http-api)
#   tollgate node  --limits off: the open route (a route with no filters at all)
#   nginx          proxy_pass with upstream keep-alive to the same echo, and `return 200` (64 bytes)
#   tollgate echo  /bytes/64 (the answer nginx's `return 200` is set against)
# With BEFORE=/path/to/other/tollgate the node rows are measured for that binary too (before/after).
# Each node also reports its background work: instructions per second while idle (timers, polls).
#
# Usage: bench/instructions.sh   (AFTER defaults to this tree's release build)
# Settings: REQUESTS (5000), WARM_REQUESTS (500), CG_CONNECTIONS (16), BEFORE, AFTER;
#   SKIP_HTTP_API (set it when BEFORE predates served HTTP APIs: BEFORE's node then skips that row);
#   SKIP_TEMPLATE (set it when BEFORE predates templates: BEFORE's node then skips the template
#   route, which it would answer verbatim);
#   PEERS=off skips the nginx and echo rows (a quicker before/after of the node);
#   CG_KEEP=DIR keeps the callgrind dumps (NAME.cg.N-TT, one per measured row and thread, rows in
#   the order printed)
#   for callgrind_annotate; BENCH_PORTS=LOW-HIGH picks nginx's port in that range.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

bench_callgrind_setup AKIDBENCHINSTRUCTION1 nginx-light

bench_spawn echo "$AFTER" echo --listen 127.0.0.1:0 --threads 1
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$AFTER" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
key_value="bench-instructions-key-0123456789"
open_host="$(python3 bench/admin.py "$admin" proxy-api "$echo_port").execute-api.localhost"
keyed_host="$(python3 bench/admin.py "$admin" keyed-api "$echo_port" "$key_value").execute-api.localhost"
mock_host="$(python3 bench/admin.py "$admin" mock-api).execute-api.localhost"
template_host="$(python3 bench/admin.py "$admin" mock-template-api).execute-api.localhost"
read -r iam_api iam_key iam_secret <<<"$(python3 bench/admin.py "$admin" iam-api "$echo_port")"
iam_host="$iam_api.execute-api.localhost"
http_host="$(python3 bench/admin.py "$admin" http-api "$echo_port").execute-api.localhost"

# measure NAME LABEL PORT PATH [HEADER…]: warm up, zero, REQUESTS requests, dump; one table line
measure() {
  local name="$1" label="$2" port="$3" path="$4" instructions elapsed
  shift 4
  cg_count "$name" "$port" "$path" "$@"
  instructions="$counted"
  printf '  %-46s %8d instructions/request  (whole process %d; %d requests in %s s under callgrind)\n' \
    "$label" $((instructions / REQUESTS)) $((counted_all / REQUESTS)) "$REQUESTS" "$elapsed"
  echo "$label|$((instructions / REQUESTS))" >>"$work/results"
}

# idle NAME: instructions per second with no requests (background timers, long polls, gossip)
idle() {
  local name="$1" instructions
  callgrind_control -z "${spawned[$name]}" >/dev/null
  sleep 2
  cg_dump "$name"
  printf '  %-46s %8d instructions/second while idle (all threads; loop thread %d)\n' \
    "$name" $((counted_all / 2)) $((counted / 2))
}

echo "== callgrind, $REQUESTS requests after $WARM_REQUESTS warm-up, $CG_CONNECTIONS connections; load average $(load_average)"
binaries=(after)
[ -n "${BEFORE:-}" ] && binaries=(before after)
for binary in "${binaries[@]}"; do
  bin="$AFTER"
  [ "$binary" = before ] && bin="$BEFORE"
  for limits in on off; do
    name="node-$binary-$limits"
    cg_spawn "$name" "$bin" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/$name" \
      --node-id "bench-$name" --threads 1 --limits "$limits"
    port="$(bench_wait_line "$name" 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"
    measure "$name" "tollgate $binary, limits $limits: open proxy" "$port" /prod/bytes/64 "Host: $open_host"
    if [ "$limits" = on ]; then
      measure "$name" "tollgate $binary, limits on: keyed proxy" "$port" /prod/k "Host: $keyed_host" "x-api-key: $key_value"
      measure "$name" "tollgate $binary, limits on: MOCK" "$port" /prod/m "Host: $mock_host"
      if [ "$binary" = after ] || [ -z "${SKIP_TEMPLATE:-}" ]; then
        measure "$name" "tollgate $binary, limits on: MOCK, 20-line template" "$port" \
          "/prod/t?q=shoes&page=2&color=red" "Host: $template_host" "User-Agent: bench/1.0"
      fi
      # Signed once, sent REQUESTS times: valid for SigV4's 5-minute skew (no replay protection).
      mapfile -t signed < <(python3 bench/sigv4-headers.py "$iam_key" "$iam_secret" "$iam_host" /prod/bytes/64)
      measure "$name" "tollgate $binary, limits on: SigV4 proxy" "$port" /prod/bytes/64 "${signed[@]}"
      if [ "$binary" = after ] || [ -z "${SKIP_HTTP_API:-}" ]; then
        measure "$name" "tollgate $binary, limits on: HTTP API proxy" "$port" /prod/bytes/64 "Host: $http_host"
      fi
    fi
    idle "$name"
    kill "${spawned[$name]}"
  done
done

keep_dumps() { [ -n "${CG_KEEP:-}" ] && mkdir -p "$CG_KEEP" && cp "$work"/*.cg.* "$CG_KEEP"/; return 0; }
if [ "${PEERS:-on}" = off ]; then
  keep_dumps
  python3 - "$work/results" <<'PY'
import sys
rows = {label: int(value) for label, value in (line.rstrip("\n").split("|") for line in open(sys.argv[1]))}
for binary in ("before", "after"):
    on, off = rows.get(f"tollgate {binary}, limits on: open proxy"), rows.get(f"tollgate {binary}, limits off: open proxy")
    if on and off:
        print(f"  {binary}: limits on vs off on the open route {100 * (on - off) / off:+.1f} %")
    http = rows.get(f"tollgate {binary}, limits on: HTTP API proxy")
    if on and http:
        print(f"  {binary}: HTTP API vs REST API on the same proxy route {100 * (http - on) / on:+.1f} % ({http - on} instructions)")
PY
  exit 0
fi

nginx_port="$(free_port)"
bench_nginx_config 1 "    upstream echo { server 127.0.0.1:$echo_port; keepalive 64; }
    server {
        listen 127.0.0.1:$nginx_port;
        location /return { return 200 '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'; }
        location / { proxy_pass http://echo; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
    }"
cg_spawn nginx "$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off; master_process off;'
measure nginx "nginx: proxy_pass (keep-alive upstream)" "$nginx_port" /bytes/64
measure nginx "nginx: return 200 (64 bytes)" "$nginx_port" /return
kill "${spawned[nginx]}"

cg_spawn echo-cg "$AFTER" echo --listen 127.0.0.1:0 --threads 1
port="$(bench_wait_line echo-cg 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' 60)"
measure echo-cg "tollgate echo: /bytes/64" "$port" /bytes/64
kill "${spawned[echo-cg]}"

keep_dumps
echo "== ratios (load average $(load_average) at the end)"
python3 - "$work/results" <<'PY'
import sys
rows = dict(line.rstrip("\n").split("|") for line in open(sys.argv[1]))
rows = {label: int(value) for label, value in rows.items()}
nginx = rows["nginx: proxy_pass (keep-alive upstream)"]
for label, value in rows.items():
    if label.startswith("tollgate") and "proxy" in label:
        print(f"  {label:46s} {value / nginx:5.2f}x nginx proxy_pass's instructions")
for binary in ("before", "after"):
    on, off = rows.get(f"tollgate {binary}, limits on: open proxy"), rows.get(f"tollgate {binary}, limits off: open proxy")
    if on and off:
        print(f"  {binary}: limits on vs off on the open route {100 * (on - off) / off:+.1f} %")
    sigv4 = rows.get(f"tollgate {binary}, limits on: SigV4 proxy")
    if on and sigv4:
        print(f"  {binary}: SigV4-verified vs open proxy route {100 * (sigv4 - on) / on:+.1f} % ({sigv4 - on} instructions)")
    http = rows.get(f"tollgate {binary}, limits on: HTTP API proxy")
    if on and http:
        print(f"  {binary}: HTTP API vs REST API on the same proxy route {100 * (http - on) / on:+.1f} % ({http - on} instructions)")
echo, ret = rows["tollgate echo: /bytes/64"], rows["nginx: return 200 (64 bytes)"]
print(f"  tollgate echo vs nginx return 200: {echo / ret:.2f}x the instructions")
PY
