#!/usr/bin/env bash
# Starts a Tollgate cluster on this machine: one control plane, N data-plane nodes (with gossip)
# and a `tollgate echo` backend, all on 127.0.0.1. Ctrl-C stops everything.
#
#   deploy/local-cluster.sh [--tls] [NODES]  (default 3 nodes; TOLLGATE_CLUSTER_TLS=1 is the same as --tls)
#
# Ports: control plane 4000 (quota observer gossip 4100), nodes 4001.. (gossip 4101..), echo 4200. Data under ./.tollgate/cluster.
# Needs nothing but the tollgate binary it builds (and, with --tls, the openssl command); talks only to 127.0.0.1.
#
# --tls: a CA and a certificate for localhost/127.0.0.1 are made with openssl under DIR/tls (kept and
# reused; delete the directory to make new ones). The control plane serves HTTPS only on 4000
# (--listen off --tls-listen), the nodes poll https://127.0.0.1:4000 verified against DIR/tls/ca.pem
# (--ca-file), and each node also serves HTTPS on 4301.. beside its plain port. The banner prints the
# aws --ca-bundle and curl --cacert to use.
set -euo pipefail
cd "$(dirname "$0")/.."
tls="${TOLLGATE_CLUSTER_TLS:-0}"
if [ "${1:-}" = "--tls" ]; then tls=1; shift; fi
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

scheme=http
control_plane_tls=(--listen 127.0.0.1:4000)
node_tls=()
if [ "$tls" = 1 ]; then
  scheme=https
  dir="$base/tls"
  if [ ! -s "$dir/ca.pem" ] || [ ! -s "$dir/server.pem" ]; then
    mkdir -p "$dir" && chmod 700 "$dir"
    (
      cd "$dir" && umask 077
      curve=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
      openssl req -x509 "${curve[@]}" -keyout ca.key -out ca.pem -days 365 -subj "/CN=Tollgate local cluster CA" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
      openssl req "${curve[@]}" -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
      printf 'subjectAltName=DNS:localhost,DNS:*.execute-api.localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n' > server.ext
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -extfile server.ext -out server.pem 2>/dev/null
    )
  fi
  tls_files=(--tls-cert "$dir/server.pem" --tls-key "$dir/server.key")
  control_plane_tls=(--listen off --tls-listen 127.0.0.1:4000 "${tls_files[@]}")
  node_tls=(--ca-file "$dir/ca.pem")
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

"$bin" echo --listen 127.0.0.1:4200 & pids+=($!)
"$bin" control-plane "${control_plane_tls[@]}" --data-dir "$base/control-plane" --gossip 127.0.0.1:4100 \
  --admin-secret-access-key-file "$base/admin.secret" "${secrets[@]}" & pids+=($!)
sleep 1
for i in $(seq 1 "$nodes"); do
  extra=("${node_tls[@]}")
  if [ "$tls" = 1 ]; then extra+=(--tls-listen "127.0.0.1:$((4300 + i))" "${tls_files[@]}"); fi
  "$bin" data-plane --listen "127.0.0.1:$((4000 + i))" --control-plane "$scheme://127.0.0.1:4000" \
    --state-dir "$base/node-$i" --node-id "node-$i" --gossip "127.0.0.1:$((4100 + i))" "${secrets[@]}" "${extra[@]}" & pids+=($!)
done

tls_info=""
if [ "$tls" = 1 ]; then
  tls_info="  data plane TLS $(for i in $(seq 1 "$nodes"); do printf 'https://127.0.0.1:%s ' $((4300 + i)); done)
  local CA       $dir/ca.pem   (aws ... --ca-bundle $dir/ca.pem; curl --cacert $dir/ca.pem;
                 tollgate nodes|rollback|audit --control-plane https://127.0.0.1:4000 --ca-file $dir/ca.pem)
"
fi

cat <<INFO

Tollgate local cluster
  admin API      $scheme://127.0.0.1:4000   (aws apigateway ... --endpoint-url $scheme://127.0.0.1:4000)
  data plane     $(for i in $(seq 1 "$nodes"); do printf 'http://127.0.0.1:%s ' $((4000 + i)); done)
${tls_info}  echo backend   http://127.0.0.1:4200
  credentials    AWS_ACCESS_KEY_ID=$TOLLGATE_ADMIN_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$admin_secret AWS_DEFAULT_REGION=us-east-1
Ctrl-C stops the cluster.
INFO
wait
