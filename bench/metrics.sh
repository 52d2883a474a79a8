#!/usr/bin/env bash
# What counting and logging requests cost (issue 16: aim <= 3 %): wrk through two data-plane nodes of
# the same cluster serving the same `{proxy+}` HTTP_PROXY API to `tollgate echo`
# (bench/proxy-fixture.sh), one with request metrics on (the default: `RequestMetricsFilter` on every
# route) and `--access-log-dir`, one started with `--metrics off`, plus nginx `proxy_pass` as the
# peer. The first node is measured twice: on stage `prod` (metrics only) and on stage `logged`, the
# same deployment with an access log in AWS's JSON example format (bench/admin.py logged-stage), so
# "metrics + JSON log" against "both off" is the issue's comparison. Alternating rounds (the order
# rotates every round); prints per target the median requests/s, p99 and CPU per request, and the
# ratios. Before the figures it checks that the metrics-on node counted the warm-up requests (a
# scrape of /_tollgate/metrics), that the metrics-off node counted none, and that the access log
# holds one JSON line per `logged` request.
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (5),
# NODE_THREADS (1), ECHO_THREADS (1), NGINX_WORKERS (1), BENCH_PORTS, TOLLGATE (a binary to use
# instead of building this tree's release build). The two nodes run side by side but are measured
# one at a time, so each has the machine to itself while wrk drives it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-5}"

bench_install wrk nginx-light
if [ -z "${TOLLGATE:-}" ]; then bench_build; fi
bench_workdir

mkdir -p "$work/access-logs"
NODE_EXTRA_ARGS="--access-log-dir $work/access-logs ${NODE_EXTRA_ARGS:-}"
. bench/proxy-fixture.sh
python3 bench/admin.py "$admin" logged-stage "$api" >/dev/null
logged_url="http://127.0.0.1:$node_port/logged/bytes/64"
wait_until_logged() {
  local tries=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "$logged_url")" = 200 ]; do
    tries=$((tries + 1)); [ "$tries" -gt 300 ] && { echo "stage logged is not served"; exit 1; }
    sleep 0.1
  done
}
wait_until_logged

# --- a second node of the same cluster, request metrics off
bench_spawn node-off "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node-off" \
  --node-id bench-node-2 --threads "$NODE_THREADS" --metrics off
off_port="$(bench_wait_line node-off 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p')"
wait_until_served "$off_port" "$host" "$work/node-off.out"
off_url="http://127.0.0.1:$off_port/prod/bytes/64"

nginx_pids="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
targets=(
  "metrics on|${spawned[node]}|$node_url|Host: $host"
  "metrics + JSON log|${spawned[node]}|$logged_url|Host: $host"
  "metrics off|${spawned[node-off]}|$off_url|Host: $host"
  "nginx|$nginx_pids|$nginx_url|"
)

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, echo loops $ECHO_THREADS, nginx workers $NGINX_WORKERS, $(nproc) cores"
bench_warmup

# scraped PORT: the stage-level request count the node reports (0 when it has none)
scraped() {
  python3 - "$1" <<'PY'
import sys, urllib.request
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_tollgate/metrics").read().decode()
print(sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith("tollgate_api_requests_total{")))
PY
}
on_count="$(scraped "$node_port")"
off_count="$(scraped "$off_port")"
echo "== after the warm-up: metrics-on node counted $on_count requests, metrics-off node $off_count"
python3 -c "import sys; sys.exit(0 if float('$on_count') > 0 and float('$off_count') == 0 else 1)" \
  || { echo "metrics are not on and off as they should be"; exit 1; }
# The access log is written off the loops, flushed every few hundred milliseconds.
sleep 2
log_lines="$(wc -l <"$work/access-logs/bench-access.log" 2>/dev/null || echo 0)"
echo "== access log: $log_lines lines in bench-access.log; the last:"
tail -n 1 "$work/access-logs/bench-access.log"
tail -n 1 "$work/access-logs/bench-access.log" | python3 -c "import json, sys; line = json.loads(sys.stdin.read()); sys.exit(0 if line['status'] == '200' and line['resourcePath'] == '/{proxy+}' else 1)" \
  || { echo "the access log lines are not AWS's JSON example"; exit 1; }

run() { bench_run_split "$@"; }

bench_rounds
bench_warn_failures

echo "== medians over $ROUNDS rounds (load average $(load_average) at the end)"
bench_medians "$work/rounds" 12
python3 - <<'PY'
import json, os
median = json.loads(os.environ["BENCH_MEDIANS"])
on, logged, off, nginx = median["metrics on"], median["metrics + JSON log"], median["metrics off"], median["nginx"]
print(f"  metrics on / off   {on[0] / off[0]:5.3f}x req/s ({(1 - on[0] / off[0]) * 100:+.1f} % cost), "
      f"CPU/request {on[2] / off[2]:5.3f}x, p99 {on[1] / off[1]:5.2f}x")
print(f"  metrics + JSON log / both off  {logged[0] / off[0]:5.3f}x req/s ({(1 - logged[0] / off[0]) * 100:+.1f} % cost), "
      f"CPU/request {logged[2] / off[2]:5.3f}x, p99 {logged[1] / off[1]:5.2f}x")
print(f"  metrics on / nginx {on[0] / nginx[0]:5.2f}x req/s")
PY
