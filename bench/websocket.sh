#!/usr/bin/env bash
# WebSocket APIs on a node (issue 18) against a reference WebSocket server in the same run: the
# `websockets` package's echo server (bench/ws-reference.py; installed from PyPI here when missing).
#   - idle: COUNT (10,000) connections opened and held (bench/ws-load.py idle), RSS of the server
#     process before and while they are open, and the difference per connection;
#   - round trips: CONNECTIONS (64, bench/lib.sh's default) connections each sending a message and waiting for the answer,
#     DURATION seconds, in alternating ROUNDS (5): the node's two-way `echo` route (HTTP_PROXY to
#     `tollgate echo`, so each message is also an upstream HTTP exchange; two-way MOCK routes answer
#     nothing yet) against the reference's echo. Medians of messages/s and p99, and CPU per message
#     of the server process (the node's; for the node the echo backend's CPU is not counted).
# The broadcast through `@connections` from another node is not measured: forwarding between nodes
# is not built yet (docs/websocket.md).
#
# Settings (environment): COUNT (10000), CONNECTIONS (64), DURATION (10), ROUNDS (5), SIZE (64 bytes
# per message), NODE_THREADS (1), BENCH_PORTS, TOLLGATE (a binary instead of this tree's release build).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

COUNT="${COUNT:-10000}"
DURATION="${DURATION:-10}"
# bench/lib.sh's default is wrk's "10s"; ws-load.py takes seconds.
DURATION="${DURATION%s}"
ROUNDS="${ROUNDS:-5}"
SIZE="${SIZE:-64}"
NODE_THREADS="${NODE_THREADS:-1}"

python3 -c "import websockets" 2>/dev/null || python3 -m pip install -q websockets
if [ -z "${TOLLGATE:-}" ]; then bench_build; fi
bench_workdir
# One socket per idle connection in each process (the client's side, the server's side), plus
# headroom; the limit is per process, and no higher than the hard limit allows.
wanted=$(( COUNT + 1024 ))
hard="$(ulimit -Hn)"
if [ "$hard" != unlimited ] && [ "$hard" -lt "$wanted" ]; then
  echo "the open-files hard limit ($hard) is below $wanted: set COUNT lower or raise it"; exit 1
fi
ulimit -n "$wanted"

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHWEBSOCKET01
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
bench_spawn echo "$TOLLGATE" echo --listen 127.0.0.1:0 --threads 1
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
bench_spawn node "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" \
  --node-id bench-ws-node --threads "$NODE_THREADS"
node_port="$(bench_wait_line node 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p')"
api="$(python3 bench/admin.py "$admin" websocket-api "$echo_port")"
host="$api.execute-api.localhost"
bench_spawn reference python3 bench/ws-reference.py 0
reference_port="$(bench_wait_line reference 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"

# Until the node's snapshot has the API, and the echo route answers.
for _ in $(seq 1 100); do
  python3 bench/ws-load.py echo "$node_port" /prod "$host" 1 0.2 "$SIZE" >/dev/null 2>&1 && break
  sleep 0.2
done
python3 bench/ws-load.py echo "$node_port" /prod "$host" 1 0.5 "$SIZE" >/dev/null

rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$1/status"; }

# idle LABEL PID PORT PATH HOST: opens COUNT connections, reads the RSS while they are held
idle() {
  local label="$1" pid="$2" port="$3" path="$4" host="$5" before during
  before="$(rss_kib "$pid")"
  python3 bench/ws-load.py idle "$port" "$path" "$host" "$COUNT" 6 >"$work/idle-$label.out" 2>&1 &
  local loader=$!
  for _ in $(seq 1 600); do grep -q '^open' "$work/idle-$label.out" && break; sleep 0.2; done
  grep -q '^open' "$work/idle-$label.out" || { cat "$work/idle-$label.out"; echo "$label: the connections did not open"; exit 1; }
  sleep 2
  during="$(rss_kib "$pid")"
  wait "$loader" || { cat "$work/idle-$label.out"; echo "$label: idle connections failed"; exit 1; }
  printf '  %-10s %6d idle connections: RSS %7d KiB -> %7d KiB, %6.2f KiB per connection\n' "$label" "$COUNT" "$before" "$during" \
    "$(python3 -c "print(($during - $before) / $COUNT)")"
  echo "$label|$(python3 -c "print(($during - $before) / $COUNT)")" >>"$work/idle"
}

echo "== $COUNT idle connections each (load average $(load_average))"
idle tollgate "${spawned[node]}" "$node_port" /prod "$host"
idle reference "${spawned[reference]}" "$reference_port" / localhost

# run LABEL PID PORT PATH HOST: one round of round trips
run() {
  local label="$1" pid="$2" c0 c1 out
  c0="$(cpu_ms "$pid")"
  out="$(python3 bench/ws-load.py echo "$3" "$4" "$5" "$CONNECTIONS" "$DURATION" "$SIZE")"
  c1="$(cpu_ms "$pid")"
  read -r _ messages _ _ _ rate _ _ _ p99 <<<"$out"
  printf '  %-10s %7s messages/s  p99 %6s ms  CPU/message %s us\n' "$label" "$rate" "$p99" \
    "$(python3 -c "print(f'{($c1 - $c0) * 1000 / max(1, $messages):.1f}')")"
  echo "$label|$rate|$p99|$(python3 -c "print(($c1 - $c0) * 1000 / max(1, $messages))")" >>"$work/rounds"
}

echo "== round trips: $CONNECTIONS connections, $SIZE-byte messages, ${DURATION}s per round, $ROUNDS rounds"
for round in $(seq 1 "$ROUNDS"); do
  printf 'round %s (load average %s before the round)\n' "$round" "$(load_average)"
  if [ $((round % 2)) = 1 ]; then
    run tollgate "${spawned[node]}" "$node_port" /prod "$host"; run reference "${spawned[reference]}" "$reference_port" / localhost
  else
    run reference "${spawned[reference]}" "$reference_port" / localhost; run tollgate "${spawned[node]}" "$node_port" /prod "$host"
  fi
done

echo "== medians over $ROUNDS rounds (load average $(load_average) at the end)"
bench_medians "$work/rounds" 10
python3 - "$work/idle" <<'PY'
import json, os, sys
median = json.loads(os.environ["BENCH_MEDIANS"])
idle = dict(line.strip().split("|") for line in open(sys.argv[1]))
node, ref = median["tollgate"], median["reference"]
print(f"  round trips: tollgate / reference {node[0] / ref[0]:5.2f}x messages/s, p99 {node[1] / ref[1]:5.2f}x, CPU/message {node[2] / ref[2]:5.2f}x")
print(f"  idle memory: tollgate {float(idle['tollgate']):.2f} KiB per connection, reference {float(idle['reference']):.2f} KiB")
PY
