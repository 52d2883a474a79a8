#!/usr/bin/env bash
# Data-plane proxy throughput (issue 4): wrk through ONE data-plane node — an API whose `{proxy+}`
# resource is an HTTP_PROXY integration to `tollgate echo` — against nginx `proxy_pass` with upstream
# keep-alive to the same echo backend, and against the echo backend hit directly (the limit).
# Same wrk settings for all three; prints requests/s, p50, p99 and the ratio tollgate/nginx
# (the issue asks >= 0.8x, aims at >= 1.0x).
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (3),
# NODE_THREADS (data-plane loops, 1), ECHO_THREADS (echo loops, 1), NGINX_WORKERS (1).
# One loop / one worker each by default: node, echo, nginx and wrk share the machine's cores, so each
# proxy gets one core's worth of threads and neither gets more parallelism than the other.
# The API is created and deployed through the admin API with boto3 (bench/admin.py).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-3}"

bench_install wrk nginx-light
bench_build
bench_workdir

. bench/proxy-fixture.sh

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, echo loops $ECHO_THREADS, nginx workers $NGINX_WORKERS, $(nproc) cores"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$direct_url" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $host" "$node_url" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$nginx_url" >/dev/null
# One wrk run; prints the table line: req/s, p50, p99, and CPU microseconds per request spent by the
# proxy's processes ($2, "-" for none: user + system) and by the echo backend.
run() {
  local label="$1" proxy_pids="$2" url="$3" pu0=0 ps0=0 pu1=0 ps1=0 echo_before rps p50 p99 requests proxy_cpu echo_us
  shift 3
  [ "$proxy_pids" = - ] || read -r pu0 ps0 < <(cpu_split_ms $proxy_pids)
  echo_before="$(cpu_ms "${spawned[echo]}")"
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  proxy_cpu="    -"
  if [ "$proxy_pids" != - ]; then
    read -r pu1 ps1 < <(cpu_split_ms $proxy_pids)
    proxy_cpu="$(python3 -c "print(f'{($pu1 + $ps1 - $pu0 - $ps0) * 1000 / $requests:4.1f} us ({($pu1 - $pu0) * 1000 / $requests:.1f} user + {($ps1 - $ps0) * 1000 / $requests:.1f} sys)')")"
  fi
  echo_us="$(python3 -c "print(f'{($(cpu_ms "${spawned[echo]}") - $echo_before) * 1000 / $requests:.1f}')")"
  printf '  %-38s %7s req/s  p50 %6s ms  p99 %6s ms  CPU/req: proxy %s, echo %s us\n' \
    "$label" "$rps" "$p50" "$p99" "$proxy_cpu" "$echo_us"
  echo "$rps" >"$work/last_rps"
}

nginx_workers="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
for round in $(seq 1 "$ROUNDS"); do
  printf 'round %s (load average %s before the round)\n' "$round" "$(load_average)"
  run "echo /bytes/64 direct (limit)" - "$direct_url"
  run "tollgate node, HTTP_PROXY {proxy+}" "${spawned[node]}" "$node_url" -H "Host: $host"
  t_rps="$(cat "$work/last_rps")"
  run "nginx proxy_pass, upstream keepalive" "$nginx_workers" "$nginx_url"
  n_rps="$(cat "$work/last_rps")"
  printf '  ratio tollgate/nginx: %s\n' "$(python3 -c "print(f'{$t_rps / $n_rps:.2f}')")"
done
