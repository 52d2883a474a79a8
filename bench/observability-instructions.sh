#!/usr/bin/env bash
# What request metrics and a JSON access log cost, in instructions per request (issue 16: aim
# <= 3 %), the figure the shared machine's noise cannot move (bench/instructions.sh explains the
# method: callgrind, the event-loop thread's user-space instructions over REQUESTS keep-alive
# requests after a warm-up). One `{proxy+}` HTTP_PROXY API to `tollgate echo`, limits on, with two
# stages of the same deployment: `prod` (no access log) and `logged` (AWS's JSON access-log example,
# bench/admin.py logged-stage). Rows:
#   both off            a node started with `--metrics off`, stage prod
#   metrics on          a node with metrics on (the default) and `--access-log-dir`, stage prod
#   metrics + JSON log  the same node, stage logged (the line is rendered on the loop, written by
#                       the access-log writer thread: the whole-process figure counts that thread too)
# With BEFORE=/path/to/other/tollgate the rows are measured for that binary too.
# Settings: REQUESTS (5000), WARM_REQUESTS (500), CG_CONNECTIONS (16), BEFORE, AFTER;
#   CG_KEEP=DIR keeps the callgrind dumps (NAME.cg.N-TT) for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

bench_callgrind_setup AKIDBENCHOBSERVABLE1

bench_spawn echo "$AFTER" echo --listen 127.0.0.1:0 --threads 1
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$AFTER" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
api="$(python3 bench/admin.py "$admin" proxy-api "$echo_port")"
python3 bench/admin.py "$admin" logged-stage "$api" >/dev/null
host="$api.execute-api.localhost"

# measure NAME LABEL PORT PATH: one table line, loop thread and whole process
measure() {
  local name="$1" label="$2" port="$3" path="$4"
  cg_count "$name" "$port" "$path" "Host: $host"
  printf '  %-40s %8d instructions/request on the loop thread, %8d whole process (%d requests in %s s)\n' \
    "$label" $((counted / REQUESTS)) $((counted_all / REQUESTS)) "$REQUESTS" "$elapsed"
  echo "$label|$((counted / REQUESTS))|$((counted_all / REQUESTS))" >>"$work/results"
}

echo "== callgrind, $REQUESTS requests after $WARM_REQUESTS warm-up, $CG_CONNECTIONS connections; load average $(load_average)"
binaries=(after)
[ -n "${BEFORE:-}" ] && binaries=(before after)
for binary in "${binaries[@]}"; do
  bin="$AFTER"
  [ "$binary" = before ] && bin="$BEFORE"
  name="node-$binary-off"
  cg_spawn "$name" "$bin" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/$name" \
    --node-id "bench-$name" --threads 1 --metrics off
  port="$(bench_wait_line "$name" 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"
  measure "$name" "$binary: both off" "$port" /prod/bytes/64
  kill "${spawned[$name]}"
  name="node-$binary-on"
  mkdir -p "$work/$name-logs"
  cg_spawn "$name" "$bin" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/$name" \
    --node-id "bench-$name" --threads 1 --access-log-dir "$work/$name-logs"
  port="$(bench_wait_line "$name" 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"
  measure "$name" "$binary: metrics on" "$port" /prod/bytes/64
  measure "$name" "$binary: metrics + JSON log" "$port" /logged/bytes/64
  sleep 1
  lines="$(wc -l <"$work/$name-logs/bench-access.log" 2>/dev/null || echo 0)"
  expected=$((WARM_REQUESTS + REQUESTS))
  echo "  ($binary: $lines access-log lines written, $expected or more expected: the warm-up, the counted requests and the readiness probes of stage logged)"
  [ "$lines" -ge "$expected" ] || { echo "the access log is missing lines"; exit 1; }
  kill "${spawned[$name]}"
done

[ -n "${CG_KEEP:-}" ] && mkdir -p "$CG_KEEP" && cp "$work"/*.cg.* "$CG_KEEP"/
echo "== cost against both off (load average $(load_average) at the end)"
python3 - "$work/results" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    label, loop, whole = line.rstrip("\n").split("|")
    rows[label] = (int(loop), int(whole))
for binary in ("before", "after"):
    off = rows.get(f"{binary}: both off")
    if not off:
        continue
    for what in ("metrics on", "metrics + JSON log"):
        on = rows[f"{binary}: {what}"]
        print(f"  {binary}: {what:20s} loop {on[0] - off[0]:+6d} ({100 * (on[0] - off[0]) / off[0]:+.1f} %), "
              f"whole process {on[1] - off[1]:+6d} ({100 * (on[1] - off[1]) / off[1]:+.1f} %)")
PY
