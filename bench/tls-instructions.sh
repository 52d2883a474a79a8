#!/usr/bin/env bash
# Instructions per HTTPS keep-alive request (issue 15), the figure noise cannot move, beside
# bench/tls.sh's requests/s: a node under `valgrind --tool=callgrind` proxying the open `{proxy+}`
# HTTP_PROXY route to `tollgate echo` (plain) over its `--tls-listen` (TLS 1.3, one P-256
# certificate made here), and nginx (one worker, `listen … ssl`, `ssl_protocols TLSv1.3`,
# `proxy_pass` with upstream keep-alive to the same echo) under callgrind too; each row also over
# plain HTTP, so the TLS share of each is the difference. Counts are user-space instructions of the
# event-loop thread (nginx: its one thread), libssl and libcrypto included, after a warm-up, over
# REQUESTS requests on CG_CONNECTIONS keep-alive connections (bench/fixed-requests.py with TLS=1:
# handshakes happen before the counted requests).
#
# A third row per server: HANDSHAKES requests (300), each on a new TLS 1.3 connection
# (NEW_CONNECTIONS=1: connect, full handshake, one request with `Connection: close`, close), so the
# figure is instructions per handshake plus one request.
#
# Settings: REQUESTS (3000), HANDSHAKES (300), WARM_REQUESTS (500), CG_CONNECTIONS (16), AFTER (a tollgate binary;
# default this tree's release build), CG_KEEP=DIR keeps the dumps (NAME.cg.N-TT, rows in order).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

REQUESTS="${REQUESTS:-3000}"
HANDSHAKES="${HANDSHAKES:-300}"
bench_callgrind_setup AKIDBENCHTLSINSTRUCT1 nginx-light

mkdir -p "$work/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/tls/key.pem" \
  -out "$work/tls/cert.pem" -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null

bench_spawn echo "$AFTER" echo --listen 127.0.0.1:0 --threads 1
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$AFTER" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
host="$(python3 bench/admin.py "$admin" proxy-api "$echo_port").execute-api.localhost"

measure() {
  local name="$1" label="$2" port="$3" path="$4"
  shift 4
  cg_count "$name" "$port" "$path" "$@"
  printf '  %-36s %8d instructions/request  (whole process %d; %d requests in %s s under callgrind)\n' \
    "$label" $((counted / REQUESTS)) $((counted_all / REQUESTS)) "$REQUESTS" "$elapsed"
  echo "$label|$((counted / REQUESTS))" >>"$work/results"
}

echo "== callgrind, $REQUESTS requests after $WARM_REQUESTS warm-up, $CG_CONNECTIONS connections; load average $(load_average)"
cg_spawn node "$AFTER" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" \
  --node-id bench-tls-node --threads 1 --tls-listen 127.0.0.1:0 --tls-cert "$work/tls/cert.pem" --tls-key "$work/tls/key.pem"
port="$(bench_wait_line node 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"
tls_port="$(bench_wait_line node 's|^data plane listening on https://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"
measure node "tollgate, plain HTTP" "$port" /prod/bytes/64 "Host: $host"
TLS=1 measure node "tollgate, HTTPS (TLS 1.3)" "$tls_port" /prod/bytes/64 "Host: $host"
REQUESTS="$HANDSHAKES" WARM_REQUESTS=20 TLS=1 NEW_CONNECTIONS=1 measure node "tollgate, a handshake per request" "$tls_port" /prod/bytes/64 "Host: $host"
kill "${spawned[node]}"

nginx_port="$(free_port)"
nginx_tls_port="$(free_port)"
bench_nginx_config 1 "    upstream echo { server 127.0.0.1:$echo_port; keepalive 64; }
    server {
        listen 127.0.0.1:$nginx_port;
        listen 127.0.0.1:$nginx_tls_port ssl;
        ssl_certificate $work/tls/cert.pem;
        ssl_certificate_key $work/tls/key.pem;
        ssl_protocols TLSv1.3;
        location / { proxy_pass http://echo; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
    }"
cg_spawn nginx "$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off; master_process off;'
measure nginx "nginx, plain HTTP" "$nginx_port" /bytes/64
TLS=1 measure nginx "nginx, HTTPS (TLS 1.3)" "$nginx_tls_port" /bytes/64
REQUESTS="$HANDSHAKES" WARM_REQUESTS=20 TLS=1 NEW_CONNECTIONS=1 measure nginx "nginx, a handshake per request" "$nginx_tls_port" /bytes/64
kill "${spawned[nginx]}"

[ -n "${CG_KEEP:-}" ] && mkdir -p "$CG_KEEP" && cp "$work"/*.cg.* "$CG_KEEP"/
echo "== TLS's share (load average $(load_average) at the end)"
python3 - "$work/results" <<'PY'
import sys
rows = {label: int(value) for label, value in (line.rstrip("\n").split("|") for line in open(sys.argv[1]))}
for who in ("tollgate", "nginx"):
    plain, tls = rows[f"{who}, plain HTTP"], rows[f"{who}, HTTPS (TLS 1.3)"]
    print(f"  {who:8s} TLS adds {tls - plain:7d} instructions per request ({100 * (tls - plain) / plain:+.1f} %)")
node, nginx = rows["tollgate, HTTPS (TLS 1.3)"], rows["nginx, HTTPS (TLS 1.3)"]
print(f"  HTTPS: tollgate / nginx {node / nginx:.2f}x the instructions")
node, nginx = rows["tollgate, a handshake per request"], rows["nginx, a handshake per request"]
print(f"  a handshake per request: tollgate / nginx {node / nginx:.2f}x the instructions")
PY
