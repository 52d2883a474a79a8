#!/usr/bin/env bash
# Propagation (issue 4): a control plane and NODES (3) data-plane nodes on 127.0.0.1; 50 deploys and
# 50 rollbacks through the admin API, each timed from the admin call's response until all nodes
# serve the change (bench/propagation.py polls each node every 2 ms). Prints p50/p99/max.
#
# Settings (environment): NODES (3), NODE_THREADS (1), DEPLOYS (50), GAP_SECONDS (0.25),
# POLL_SLEEP_SECONDS (0.002). GAP_SECONDS=0 sends each change right after the previous one landed,
# which also measures the nodes' poll pacing (a poll starts at least 50-75 ms after the last).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

NODES="${NODES:-3}"
NODE_THREADS="${NODE_THREADS:-1}"

bench_build
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHPROPAGATION
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane"
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
ports=()
for i in $(seq 1 "$NODES"); do
  bench_spawn "node-$i" "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node-$i" \
    --node-id "bench-node-$i" --threads "$NODE_THREADS"
  ports+=("$(bench_wait_line "node-$i" 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p')")
done

echo "== propagation: control plane $admin, nodes ${ports[*]} (loops $NODE_THREADS each), load average $(load_average)"
python3 bench/propagation.py "$admin" "${ports[@]}"
echo "== load average after: $(load_average)"
