#!/usr/bin/env bash
# HTTP engine benchmark: wrk against `tollgate echo` GET /bytes/64 and against nginx
# `return 200` with a 64-byte body, same machine, same wrk settings, one after the other.
# Prints requests/s and p99 latency of both and the ratio tollgate/nginx (the issue asks >= 0.7).
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2),
# THREADS (tollgate loops; default: online cores), WARMUP (3s), ROUNDS (1).
# nginx and wrk are installed with apt when missing (needs root, as on the dev machines).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
THREADS="${THREADS:-$(nproc)}"
WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-1}"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

echo "== swift build -c release"
swift build -c release --product tollgate 2>&1 | tail -1
TOLLGATE="$(swift build -c release --show-bin-path)/tollgate"

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() {
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2
  exit 1
}

# --- tollgate echo
"$TOLLGATE" echo --listen 127.0.0.1:0 --threads "$THREADS" >"$work/tollgate.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -qs "listening on" "$work/tollgate.out" && break; sleep 0.1; done
tollgate_port="$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/tollgate.out")"
[ -n "$tollgate_port" ] || { cat "$work/tollgate.out"; exit 1; }

# --- nginx: own prefix and config, loopback only
nginx_port="$(free_port)"
body="$(printf 'x%.0s' $(seq 1 64))"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<CONF
$user_line
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 100000000;
    keepalive_timeout 60s;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$nginx_port reuseport;
        location / { return 200 "$body"; }
    }
}
CONF
"$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_for_port "$nginx_port"
wait_for_port "$tollgate_port"

# Sanity: both answer 200 with 64 bytes.
for url in "http://127.0.0.1:$tollgate_port/bytes/64" "http://127.0.0.1:$nginx_port/"; do
  size="$(python3 -c "import urllib.request as u; r = u.urlopen('$url'); print(r.status, len(r.read()))")"
  [ "$size" = "200 64" ] || { echo "unexpected answer from $url: $size"; exit 1; }
done

# wrk output → "requests_per_second p99_ms"
measure() {
  local out
  out="$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")"
  echo "$out" >>"$work/wrk.log"
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
socket_errors = re.search(r"Socket errors: (.*)", out)
if errors or socket_errors:
    print("wrk reported errors:", errors.group(0) if errors else "", socket_errors.group(0) if socket_errors else "", file=sys.stderr)
print(f"{rps:.0f} {p99:.2f}")
PY
}

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each), tollgate loops: $THREADS, nginx workers: auto ($(nproc) cores)"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$tollgate_port/bytes/64" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$nginx_port/" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  read -r t_rps t_p99 < <(measure "http://127.0.0.1:$tollgate_port/bytes/64")
  read -r n_rps n_p99 < <(measure "http://127.0.0.1:$nginx_port/")
  ratio="$(python3 -c "print(f'{$t_rps / $n_rps:.2f}')")"
  printf 'round %s\n' "$round"
  printf '  %-28s %10s req/s   p99 %8s ms\n' "tollgate echo /bytes/64" "$t_rps" "$t_p99"
  printf '  %-28s %10s req/s   p99 %8s ms\n' "nginx return 200 (64 B)" "$n_rps" "$n_p99"
  printf '  ratio tollgate/nginx: %s\n' "$ratio"
done
