#!/usr/bin/env bash
# Starts a Tollgate cluster on this machine: one control plane, N data-plane nodes (with gossip)
# and a `tollgate echo` backend, all on 127.0.0.1. Ctrl-C stops everything.
#
#   deploy/local-cluster.sh [NODES]          (default 3)
#
# Ports: control plane 4000 (quota observer gossip 4100), nodes 4001.. (gossip 4101..), echo 4200. Data under ./.tollgate/cluster.
# Needs nothing but the tollgate binary it builds; talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
nodes="${1:-3}"
base="${TOLLGATE_CLUSTER_DIR:-.tollgate/cluster}"
mkdir -p "$base" && chmod 700 "$base"

config="${TOLLGATE_BUILD:-release}"   # TOLLGATE_BUILD=debug skips the optimised build
swift build -c "$config" --product tollgate >/dev/null
bin="$(swift build -c "$config" --show-bin-path)/tollgate"

export TOLLGATE_ADMIN_ACCESS_KEY_ID="${TOLLGATE_ADMIN_ACCESS_KEY_ID:-AKIDLOCALCLUSTER0001}"
admin_secret="${TOLLGATE_ADMIN_SECRET_ACCESS_KEY:-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)}"
cluster_secret="${TOLLGATE_CLUSTER_SECRET:-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)}"
unset TOLLGATE_ADMIN_SECRET_ACCESS_KEY TOLLGATE_CLUSTER_SECRET
# The secrets go to owner-only files, never into argv (which every local user can read with ps).
(umask 077 && printf '%s\n' "$admin_secret" > "$base/admin.secret" && printf '%s\n' "$cluster_secret" > "$base/cluster.secret")
secrets=(--cluster-secret-file "$base/cluster.secret")

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

"$bin" echo --listen 127.0.0.1:4200 & pids+=($!)
"$bin" control-plane --listen 127.0.0.1:4000 --data-dir "$base/control-plane" --gossip 127.0.0.1:4100 \
  --admin-secret-access-key-file "$base/admin.secret" "${secrets[@]}" & pids+=($!)
sleep 1
for i in $(seq 1 "$nodes"); do
  "$bin" data-plane --listen "127.0.0.1:$((4000 + i))" --control-plane http://127.0.0.1:4000 \
    --state-dir "$base/node-$i" --node-id "node-$i" --gossip "127.0.0.1:$((4100 + i))" "${secrets[@]}" & pids+=($!)
done

cat <<INFO

Tollgate local cluster
  admin API      http://127.0.0.1:4000   (aws apigateway ... --endpoint-url http://127.0.0.1:4000)
  data plane     $(for i in $(seq 1 "$nodes"); do printf 'http://127.0.0.1:%s ' $((4000 + i)); done)
  echo backend   http://127.0.0.1:4200
  credentials    AWS_ACCESS_KEY_ID=$TOLLGATE_ADMIN_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$admin_secret AWS_DEFAULT_REGION=us-east-1
Ctrl-C stops the cluster.
INFO
wait
