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
. bench/lib.sh

THREADS="${THREADS:-$(nproc)}"
WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-1}"

bench_install wrk nginx-light
bench_build
bench_workdir

# --- tollgate echo
bench_spawn tollgate "$TOLLGATE" echo --listen 127.0.0.1:0 --threads "$THREADS"
tollgate_port="$(bench_wait_line tollgate 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"

# --- nginx: own prefix and config, loopback only
nginx_port="$(free_port)"
body="$(printf 'x%.0s' $(seq 1 64))"
bench_nginx auto "    server {
        listen 127.0.0.1:$nginx_port reuseport;
        location / { return 200 \"$body\"; }
    }"
wait_for_port "$tollgate_port"

# Sanity: both answer 200 with 64 bytes.
for url in "http://127.0.0.1:$tollgate_port/bytes/64" "http://127.0.0.1:$nginx_port/"; do
  size="$(python3 -c "import urllib.request as u; r = u.urlopen('$url'); print(r.status, len(r.read()))")"
  [ "$size" = "200 64" ] || { echo "unexpected answer from $url: $size"; exit 1; }
done

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each), tollgate loops: $THREADS, nginx workers: auto ($(nproc) cores)"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$tollgate_port/bytes/64" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$nginx_port/" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  read -r t_rps _ t_p99 _ < <(wrk_measure "http://127.0.0.1:$tollgate_port/bytes/64")
  read -r n_rps _ n_p99 _ < <(wrk_measure "http://127.0.0.1:$nginx_port/")
  ratio="$(python3 -c "print(f'{$t_rps / $n_rps:.2f}')")"
  printf 'round %s (load average %s)\n' "$round" "$(load_average)"
  printf '  %-28s %10s req/s   p99 %8s ms\n' "tollgate echo /bytes/64" "$t_rps" "$t_p99"
  printf '  %-28s %10s req/s   p99 %8s ms\n' "nginx return 200 (64 B)" "$n_rps" "$n_p99"
  printf '  ratio tollgate/nginx: %s\n' "$ratio"
done
