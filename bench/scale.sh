#!/usr/bin/env bash
# Scale (issue 4): APIS (1000) REST APIs x RESOURCES (10) resources = 10,000 routes, created and
# deployed through the admin API over HTTP (boto3, bench/scale.py, THREADS=4 APIs at a time), then
# measured on a data-plane node: snapshot apply time (the node's log: decoded / compiled / live on
# every loop) at first fetch, for a redeploy of one API (same size, new revision; REDEPLOYS=5) and
# from the disk cache at restart; resident memory (VmRSS) of the node with an empty snapshot and
# with the full one, and of the control plane before and after.
#
# Settings (environment): APIS (1000), RESOURCES (10), THREADS (4), REDEPLOYS (5), NODE_THREADS
# (default: online cores, as `tollgate data-plane` itself).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

APIS="${APIS:-1000}"
RESOURCES="${RESOURCES:-10}"
THREADS="${THREADS:-4}"
REDEPLOYS="${REDEPLOYS:-5}"
NODE_THREADS="${NODE_THREADS:-$(nproc)}"

bench_build
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHSCALE000001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# The Nth "applied snapshot revision" line of a node's log (waits up to 120 s); prints
# "revision stages decoded_ms compiled_ms live_ms".
applied_line() {
  local name="$1" nth="$2" line=""
  for _ in $(seq 1 1200); do
    line="$(grep 'applied snapshot revision' "$work/$name.out" | sed -n "${nth}p" || true)"
    [ -n "$line" ] && break
    sleep 0.1
  done
  [ -n "$line" ] || { echo "no applied snapshot #$nth from $name:" >&2; cat "$work/$name.out" >&2; exit 1; }
  echo "$line" | sed -n 's/.*revision \([0-9]*\) from .*: \([0-9]*\) stages.*decoded in \([0-9.]*\) ms, compiled in \([0-9.]*\) ms, live on every loop after \([0-9.]*\) ms.*/\1 \2 \3 \4 \5/p'
}

start_node() {  # NAME STATE_DIR
  bench_spawn "$1" "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$2" \
    --node-id bench-scale-node --threads "$NODE_THREADS"
}

stop() {  # NAME: SIGTERM, wait until gone
  local pid="${spawned[$1]}"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane"
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
cp_pid="${spawned[control-plane]}"

echo "== load average $(load_average); node loops $NODE_THREADS"
# Baseline: a node serving the empty snapshot.
start_node node-empty "$work/node-empty"
applied_line node-empty 1 >/dev/null
sleep 1
node_empty_rss="$(rss_mib "${spawned[node-empty]}")"
stop node-empty
cp_empty_rss="$(rss_mib "$cp_pid")"

echo "== filling: $APIS APIs x $RESOURCES resources through the admin API ($THREADS at a time)"
fill="$(python3 bench/scale.py "$admin" fill "$APIS" "$RESOURCES" "$THREADS")"
echo "   $fill"
cp_filled_rss="$(rss_mib "$cp_pid")"

# A fresh node fetches the whole snapshot.
start_node node "$work/node"
read -r rev stages first_decode first_compile first_live < <(applied_line node 1)
sleep 1
node_full_rss="$(rss_mib "${spawned[node]}")"
cp_served_rss="$(rss_mib "$cp_pid")"
snapshot_bytes="$(stat -c %s "$work/node/"* 2>/dev/null | sort -n | tail -1)"

# Redeploys of one API: a new revision of the same size, applied by the running node.
redeploys=()
for i in $(seq 1 "$REDEPLOYS"); do
  python3 bench/scale.py "$admin" redeploy
  read -r _ _ d c l < <(applied_line node $((i + 1)))
  sleep 0.5
  redeploys+=("$d/$c/$l/$(rss_mib "${spawned[node]}")")
done
node_after_rss="$(rss_mib "${spawned[node]}")"

# Restart from the disk cache.
stop node
start_node node-restart "$work/node"
read -r _ _ disk_decode disk_compile disk_live < <(applied_line node-restart 1)
sleep 1
node_restart_rss="$(rss_mib "${spawned[node-restart]}")"

echo "== snapshot: revision $rev, $stages stages, $((APIS * RESOURCES)) routes, ${snapshot_bytes:-?} bytes on disk"
printf '  %-44s decode %8s ms   compile %8s ms   live after %8s ms\n' \
  "first fetch (fresh node)" "$first_decode" "$first_compile" "$first_live"
for i in "${!redeploys[@]}"; do
  IFS=/ read -r d c l r <<<"${redeploys[$i]}"
  printf '  %-44s decode %8s ms   compile %8s ms   live after %8s ms   node RSS %6s MiB\n' \
    "redeploy one API ($((i + 1)))" "$d" "$c" "$l" "$r"
done
printf '  %-44s decode %8s ms   compile %8s ms   live after %8s ms\n' \
  "restart from disk cache" "$disk_decode" "$disk_compile" "$disk_live"
echo "== resident memory (VmRSS)"
printf '  %-44s %8s MiB\n' "node, empty snapshot" "$node_empty_rss" "node, full snapshot (1 s after first apply)" "$node_full_rss" \
  "node, after $REDEPLOYS redeploys" "$node_after_rss" "node, restarted from disk cache" "$node_restart_rss" \
  "control plane, empty" "$cp_empty_rss" "control plane, after the fill" "$cp_filled_rss" \
  "control plane, after serving the snapshot" "$cp_served_rss"
echo "== load average after: $(load_average)"
