#!/usr/bin/env bash
# Instructions per request of request validation (issue 13): a MOCK POST with a 2 KiB JSON body
# (bench/order-2k.json) on a plain route and on a route whose request validator checks a required
# header and the body against an `Order` model that `$ref`s an `Item` model (bench/admin.py
# validated-mock-api). Same counting as bench/instructions.sh: the node under callgrind, warm-up,
# counters zeroed, REQUESTS keep-alive requests over CG_CONNECTIONS connections, user-space
# instructions of the whole node divided by the requests.
#
# Usage: bench/validation.sh   (AFTER defaults to this tree's release build)
# Settings: REQUESTS (5000), WARM_REQUESTS (500), CG_CONNECTIONS (16), AFTER.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

bench_callgrind_setup AKIDBENCHVALIDATION1
export BODY_FILE="$PWD/bench/order-2k.json"

bench_spawn control-plane "$AFTER" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
host="$(python3 bench/admin.py "$admin" validated-mock-api).execute-api.localhost"

cg_spawn node "$AFTER" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" --node-id bench-validation --threads 1
port="$(bench_wait_line node 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"

echo "== callgrind, $REQUESTS POSTs of $(wc -c <"$BODY_FILE") bytes after $WARM_REQUESTS warm-up, $CG_CONNECTIONS connections; load average $(load_average)"
for route in plain valid; do
  cg_count node "$port" "/prod/$route" "Host: $host"
  printf '  MOCK POST /%-6s %8d instructions/request\n' "$route" $((counted / REQUESTS))
done
kill "${spawned[node]}"
