#!/usr/bin/env bash
# Memory of one data-plane node under slow readers (issue 9): READERS clients (150) each ask, through
# an HTTP_PROXY API to `tollgate echo`, for a BODY_BYTES response (10 MiB), then read it slowly
# (READ_RATE bytes a second each, 16 KiB) or not at all (READ_RATE=0) for HOLD seconds (40: past the 29 s integration timeout), and
# close. Prints the node's RSS: baseline (API served, before the readers), peak (VmHWM: the kernel's
# high-water mark of the process, so no sample can miss it), and settled (SETTLE seconds, 10, after
# the readers closed), with how many readers got 200 and how many 503.
#
# Settings (environment): READERS, BODY_BYTES, READ_RATE, HOLD, SETTLE, ROUNDS (1), NODE_THREADS (2),
# BASE_PORT (23100: echo, +1 control plane, +2 node; +3 the control plane's gossip if it has one),
# NODE_ARGS (extra `tollgate data-plane` flags, e.g. --max-buffered-body-bytes 256MiB),
# TOLLGATE (a tollgate binary to measure instead of building this checkout: main's build for "before").
# Each round starts a fresh node. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

READERS="${READERS:-150}"
BODY_BYTES="${BODY_BYTES:-10485760}"
READ_RATE="${READ_RATE:-16384}"
HOLD="${HOLD:-40}"
SETTLE="${SETTLE:-10}"
ROUNDS="${ROUNDS:-1}"
NODE_THREADS="${NODE_THREADS:-2}"
BASE_PORT="${BASE_PORT:-23100}"
NODE_ARGS="${NODE_ARGS:-}"

[ -n "${TOLLGATE:-}" ] || bench_build
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHSLOWREAD001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo_port=$BASE_PORT
admin_port=$((BASE_PORT + 1))
node_port=$((BASE_PORT + 2))
bench_spawn echo "$TOLLGATE" echo --listen "127.0.0.1:$echo_port" --threads 1
wait_for_port "$echo_port"
bench_spawn control-plane "$TOLLGATE" control-plane --listen "127.0.0.1:$admin_port" --data-dir "$work/control-plane"
wait_for_port "$admin_port"
api="$(python3 bench/admin.py "http://127.0.0.1:$admin_port" proxy-api "$echo_port")"
host="$api.execute-api.localhost"

rss_kib() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB$/\1/p" "/proc/$1/status"; }
mib() { python3 -c "print(f'{$1 / 1024:.0f}')"; }

echo "== $READERS readers of $BODY_BYTES bytes, reading $READ_RATE B/s each for ${HOLD}s, settle ${SETTLE}s; node loops $NODE_THREADS; $(nproc) cores; $TOLLGATE $NODE_ARGS"
for round in $(seq 1 "$ROUNDS"); do
  rm -rf "$work/node"
  # shellcheck disable=SC2086 # NODE_ARGS is a list of flags
  bench_spawn "node$round" "$TOLLGATE" data-plane --listen "127.0.0.1:$node_port" --control-plane "http://127.0.0.1:$admin_port" \
    --state-dir "$work/node" --node-id bench-node-1 --threads "$NODE_THREADS" $NODE_ARGS
  node="${spawned[node$round]}"
  wait_for_port "$node_port"
  wait_until_served "$node_port" "$host" "$work/node$round.out"
  sleep 2
  baseline="$(rss_kib "$node" VmRSS)"
  load="$(load_average)"
  statuses="$(python3 - "$node_port" "$host" "$READERS" "$BODY_BYTES" "$READ_RATE" "$HOLD" <<'PY'
import selectors, socket, sys, time
port, host, readers, size, rate, hold = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), float(sys.argv[6])
request = f"GET /prod/bytes/{size} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
sockets = []
for _ in range(readers):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
    s.connect(("127.0.0.1", port))
    s.sendall(request)
    sockets.append(s)
firsts = {s: b"" for s in sockets}
end = time.monotonic() + hold
tick = 0.25
while time.monotonic() < end:
    started = time.monotonic()
    for s in sockets:
        want = max(12 - len(firsts[s]), int(rate * tick))
        if want <= 0:
            continue
        s.setblocking(False)
        try:
            data = s.recv(want)
            if len(firsts[s]) < 12:
                firsts[s] += data[:12 - len(firsts[s])]
        except BlockingIOError:
            pass
        except OSError:
            pass
    time.sleep(max(0, tick - (time.monotonic() - started)))
codes = [firsts[s][9:12].decode() or "none" for s in sockets]
for s in sockets:
    s.close()
print(" ".join(f"{code}:{codes.count(code)}" for code in sorted(set(codes))))
PY
)"
  peak="$(rss_kib "$node" VmHWM)"
  sleep "$SETTLE"
  settled="$(rss_kib "$node" VmRSS)"
  printf 'round %s (load %s): baseline %s MiB, peak %s MiB, settled %s MiB (%ss after close); readers by status %s\n' \
    "$round" "$load" "$(mib "$baseline")" "$(mib "$peak")" "$(mib "$settled")" "$SETTLE" "$statuses"
  kill "$node"
  wait "$node" 2>/dev/null || true
done
