#!/usr/bin/env bash
# HTTPS keep-alive throughput and p99 (issue 15): wrk over TLS through ONE data-plane node's
# `--tls-listen` listener — an API whose `{proxy+}` resource is an HTTP_PROXY integration to
# `tollgate echo` (bench/proxy-fixture.sh) — against nginx `listen … ssl` with `ssl_protocols TLSv1.3`
# and `proxy_pass` with upstream keep-alive to the same echo backend. Same certificate (one P-256
# key made here with the openssl CLI), same wrk settings, same run; targets alternate every round
# and the end prints the medians and the node / nginx ratios (issue 15 aims >= 0.9x, bar 0.8x).
# wrk negotiates TLS 1.3 with both (the node prefers 1.3); the handshakes happen once per
# connection at the start of each run, so this measures record-layer cost on keep-alive connections.
#
# Two more pairs in the same rounds:
# - "new conn": the same targets with `Connection: close` on every request (a wrk script), so each
#   request is a new TCP connection and a full TLS 1.3 handshake (wrk does not resume sessions):
#   handshakes per second and their CPU cost;
# - "https up": plain HTTP keep-alive in, HTTPS keep-alive out: the node's REST API
#   `bench-https-upstream` (HTTP_PROXY to https://…, tlsConfig.insecureSkipVerification) and nginx
#   `proxy_pass https://` with an upstream keep-alive pool and session reuse, both to a second
#   `tollgate echo --tls-cert` on the same certificate (the TLS client cost of proxying).
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (5),
# NODE_THREADS (1), ECHO_THREADS (1), NGINX_WORKERS (1), BENCH_PORTS, TOLLGATE (a binary to measure
# instead of this tree's release build).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-5}"

bench_install wrk nginx-light
if [ -z "${TOLLGATE:-}" ]; then bench_build; fi
bench_workdir

# --- one certificate for both: a P-256 leaf for 127.0.0.1/localhost, self-signed (wrk does not verify)
mkdir -p "$work/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/tls/key.pem" \
  -out "$work/tls/cert.pem" -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null

# --- the HTTPS upstream: a second echo backend serving TLS on the same certificate
bench_spawn echo-tls "$TOLLGATE" echo --listen 127.0.0.1:0 --threads "${ECHO_THREADS:-1}" \
  --tls-cert "$work/tls/cert.pem" --tls-key "$work/tls/key.pem"
echo_tls_port="$(bench_wait_line echo-tls 's/^listening on 127\.0\.0\.1:\([0-9]*\) (TLS)$/\1/p')"
nginx_tls_port="$(free_port)"
nginx_upstream_port="$(free_port)"
NODE_EXTRA_ARGS="--tls-listen 127.0.0.1:0 --tls-cert $work/tls/cert.pem --tls-key $work/tls/key.pem"
NGINX_EXTRA_BLOCK="    server {
        listen 127.0.0.1:$nginx_tls_port ssl;
        ssl_certificate $work/tls/cert.pem;
        ssl_certificate_key $work/tls/key.pem;
        ssl_protocols TLSv1.3;
        location / {
            proxy_pass http://echo;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }
    upstream echo_tls {
        server 127.0.0.1:$echo_tls_port;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$nginx_upstream_port;
        location / {
            proxy_pass https://echo_tls;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
            proxy_ssl_session_reuse on;
        }
    }"
. bench/proxy-fixture.sh
https_api="$(python3 bench/admin.py "$admin" https-proxy-api "$echo_tls_port")"
https_host="$https_api.execute-api.localhost"
wait_until_served "$node_port" "$https_host" "$work/node.out"
answers_64 "nginx (https upstream)" "$nginx_upstream_port"
printf 'wrk.headers["Connection"] = "close"\n' >"$work/close.lua"
node_tls_port="$(bench_wait_line node 's|^data plane listening on https://127\.0\.0\.1:\([0-9]*\)$|\1|p')"

# answers_tls NAME URL [HOST]: GET must answer 200 with 64 bytes over TLS 1.3
answers_tls() {
  local answer
  answer="$(python3 -c "
import http.client, ssl, sys, urllib.parse
u = urllib.parse.urlsplit('$2'); ctx = ssl.create_default_context(cafile='$work/tls/cert.pem')
c = http.client.HTTPSConnection('127.0.0.1', u.port, context=ctx, timeout=5)
c.request('GET', u.path, headers={'Host': '${3:-127.0.0.1}'} if '${3:-}' else {})
r = c.getresponse(); print(r.status, len(r.read()), c.sock.version())")"
  [ "$answer" = "200 64 TLSv1.3" ] || { echo "unexpected answer from $1: $answer"; exit 1; }
}
node_tls_url="https://127.0.0.1:$node_tls_port/prod/bytes/64"
nginx_tls_url="https://127.0.0.1:$nginx_tls_port/bytes/64"
answers_tls tollgate "$node_tls_url" "$host"
answers_tls nginx "$nginx_tls_url"

nginx_pids="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
# label|cpu pids|url|extra wrk header|wrk script
targets=(
  "tollgate|${spawned[node]}|$node_tls_url|Host: $host"
  "nginx|$nginx_pids|$nginx_tls_url|"
  "tollgate new conn|${spawned[node]}|$node_tls_url|Host: $host|$work/close.lua"
  "nginx new conn|$nginx_pids|$nginx_tls_url||$work/close.lua"
  "tollgate https up|${spawned[node]}|$node_url|Host: $https_host"
  "nginx https up|$nginx_pids|http://127.0.0.1:$nginx_upstream_port/bytes/64|"
)

echo "== HTTPS (TLS 1.3) keep-alive: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, echo loops $ECHO_THREADS, nginx workers $NGINX_WORKERS, $(nproc) cores"
bench_warmup

# run LABEL PIDS URL [wrk args…]: one wrk run; prints it and appends "label|req/s|p99 ms|CPU us/request"
run() {
  local label="$1" proxy_pids="$2" url="$3" c0 c1 rps p50 p99 requests cpu_us
  shift 3
  c0="$(cpu_ms $proxy_pids)"
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  c1="$(cpu_ms $proxy_pids)"
  cpu_us="$(python3 -c "print(f'{($c1 - $c0) * 1000 / max(1, $requests):.1f}')")"
  printf '  %-18s %7s req/s  p50 %6s ms  p99 %6s ms  CPU/req %s us\n' "$label" "$rps" "$p50" "$p99" "$cpu_us"
  echo "$label|$rps|$p99|$cpu_us" >>"$work/rounds"
}

bench_rounds

echo "== medians over $ROUNDS rounds (load average $(load_average) at the end)"
bench_medians "$work/rounds" 18
python3 - <<'PY'
import json, os
median = json.loads(os.environ["BENCH_MEDIANS"])
for suffix, what in (("", "keep-alive HTTPS"), (" new conn", "a TLS handshake per request"), (" https up", "HTTPS upstream")):
    node, nginx = median["tollgate" + suffix], median["nginx" + suffix]
    print(f"  {what:28s} tollgate / nginx {node[0] / nginx[0]:5.2f}x req/s, p99 {node[1] / nginx[1]:5.2f}x theirs, "
          f"CPU/request {node[2] / nginx[2]:5.2f}x (issue 15: aim >= 0.9x, bar 0.8x)")
PY
