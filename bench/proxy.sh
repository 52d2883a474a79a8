#!/usr/bin/env bash
# Data-plane proxy throughput (issues 4 and 11): wrk through ONE data-plane node — an API whose
# `{proxy+}` resource is an HTTP_PROXY integration to `tollgate echo` — against nginx `proxy_pass`,
# HAProxy and Caddy `reverse_proxy`, each with upstream keep-alive to the same echo backend, and
# against the echo backend hit directly (the limit). Same wrk settings for all; the targets are
# measured in alternating rounds (the order rotates every round), and the end prints per target the
# median requests/s, the median p99, the median CPU per request, and the ratios of the node to each
# peer (issue 11 asks >= 1.1x nginx and HAProxy, p99 no worse than theirs).
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), WRK_THREADS (2), WARMUP (3s), ROUNDS (5),
# NODE_THREADS (data-plane loops, 1), ECHO_THREADS (echo loops, 1), NGINX_WORKERS (1),
# PEER_THREADS (HAProxy threads, Caddy's GOMAXPROCS: 1), BENCH_PORTS (LOW-HIGH for the peers' ports),
# TOLLGATE (a tollgate binary to measure instead of building this tree's release build).
# One loop / one worker / one thread each by default: node, echo, the peers and wrk share the
# machine's cores, so each proxy gets one core's worth of threads and none more parallelism than another.
# The API is created and deployed through the admin API with boto3 (bench/admin.py).
# Wall-clock figures move with whatever else runs on the machine: pair them with
# bench/instructions.sh, which counts instructions per request and is not moved by load.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-5}"
PEERS=all

bench_install wrk nginx-light haproxy caddy
if [ -z "${TOLLGATE:-}" ]; then bench_build; fi
bench_workdir

. bench/proxy-fixture.sh

haproxy_pids="${spawned[haproxy]}"
caddy_pids="${spawned[caddy]}"
nginx_pids="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
# label|cpu pids ("-": none)|url|extra wrk arguments
targets=(
  "echo direct|-|$direct_url|"
  "tollgate|${spawned[node]}|$node_url|Host: $host"
  "nginx|$nginx_pids|$nginx_url|"
  "haproxy|$haproxy_pids|$haproxy_url|"
  "caddy|$caddy_pids|$caddy_url|"
)

echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each); node loops $NODE_THREADS, echo loops $ECHO_THREADS, nginx workers $NGINX_WORKERS, HAProxy/Caddy threads $PEER_THREADS, $(nproc) cores"
bench_warmup

# run LABEL PIDS URL [wrk args…]: one wrk run; prints the line and appends
# "label|req/s|p99 ms|proxy CPU us per request" to $work/rounds
run() {
  local label="$1" proxy_pids="$2" url="$3" pu0=0 ps0=0 pu1=0 ps1=0 echo_before rps p50 p99 requests proxy_cpu="    -" cpu_us=0 echo_us
  shift 3
  [ "$proxy_pids" = - ] || read -r pu0 ps0 < <(cpu_split_ms $proxy_pids)
  echo_before="$(cpu_ms "${spawned[echo]}")"
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  if [ "$proxy_pids" != - ]; then
    read -r pu1 ps1 < <(cpu_split_ms $proxy_pids)
    cpu_us="$(python3 -c "print(f'{($pu1 + $ps1 - $pu0 - $ps0) * 1000 / $requests:.1f}')")"
    proxy_cpu="$(python3 -c "print(f'{$cpu_us:4.1f} us ({($pu1 - $pu0) * 1000 / $requests:.1f} user + {($ps1 - $ps0) * 1000 / $requests:.1f} sys)')")"
  fi
  echo_us="$(python3 -c "print(f'{($(cpu_ms "${spawned[echo]}") - $echo_before) * 1000 / $requests:.1f}')")"
  printf '  %-14s %7s req/s  p50 %6s ms  p99 %6s ms  CPU/req: proxy %s, echo %s us\n' \
    "$label" "$rps" "$p50" "$p99" "$proxy_cpu" "$echo_us"
  echo "$label|$rps|$p99|$cpu_us" >>"$work/rounds"
}

bench_rounds

echo "== medians over $ROUNDS rounds (load average $(load_average) at the end)"
bench_medians "$work/rounds" 14
python3 - <<'PY'
import json, os
median = json.loads(os.environ["BENCH_MEDIANS"])
node = median["tollgate"]
for peer in ("nginx", "haproxy", "caddy"):
    rps, p99, _ = median[peer]
    print(f"  tollgate / {peer:8s} {node[0] / rps:5.2f}x req/s, p99 {node[1] / p99:5.2f}x theirs")
PY
