#!/usr/bin/env bash
# Added latency of one data-plane node (issue 4): p50/p99 through the node minus the echo backend hit
# directly, at half of the node's peak throughput, with a constant-rate driver
# (bench/constant-rate/main.swift, wrk2's model: latency from each request's scheduled time, so
# stalls are not hidden; wrk2 itself is not packaged here). nginx proxy_pass at the same rate is
# printed as a reference. Same fixture as bench/proxy.sh (bench/proxy-fixture.sh).
#
# Settings (environment): PEAK (req/s through the node; measured with wrk -t2 -c64 -d10s when unset),
# RATE (default PEAK/2), CONNECTIONS (64), SECONDS_PER_RUN (10), WARMUP_SECONDS (2), ROUNDS (3),
# NODE_THREADS / ECHO_THREADS / NGINX_WORKERS (1 each, as in proxy.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS="${ROUNDS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
WARMUP_SECONDS="${WARMUP_SECONDS:-2}"

bench_install wrk nginx-light
bench_build
driver="${TMPDIR:-/tmp}/tollgate-constant-rate"
echo "== swiftc -O bench/constant-rate/main.swift" >&2
swiftc -O -import-objc-header Sources/CTollgateShim/include/CTollgateShim.h bench/constant-rate/main.swift -o "$driver" 2>&1 \
  | grep -v warning >&2 || true
bench_workdir

. bench/proxy-fixture.sh

if [ -z "${PEAK:-}" ]; then
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d3s -H "Host: $host" "$node_url" >/dev/null
  read -r PEAK _ < <(wrk_measure "$node_url" -H "Host: $host")
  echo "== peak through the node: $PEAK req/s (wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION)"
fi
RATE="${RATE:-$((PEAK / 2))}"

# One driver run (PORT PATH HOST): prints "p50 p99" in milliseconds (the full line goes to $work/latency.log).
drive() {
  local port="$1" path="$2" host_header="$3" out
  out="$("$driver" --port "$port" --path "$path" --host "$host_header" --rate "$RATE" --connections "$CONNECTIONS" \
    --duration "$SECONDS_PER_RUN" --warmup "$WARMUP_SECONDS")"
  echo "$out" >>"$work/latency.log"
  case "$out" in *" errors=0 "*) ;; *) echo "driver reported errors: $out" >&2 ;; esac
  echo "$out" | sed -n 's/.* p50=\([0-9.]*\)ms .* p99=\([0-9.]*\)ms .*/\1 \2/p'
}

echo "== constant rate $RATE req/s over $CONNECTIONS connections, ${SECONDS_PER_RUN}s per run after ${WARMUP_SECONDS}s warm-up; node loops $NODE_THREADS, echo loops $ECHO_THREADS, nginx workers $NGINX_WORKERS"
for round in $(seq 1 "$ROUNDS"); do
  printf 'round %s (load average %s before the round)\n' "$round" "$(load_average)"
  read -r d50 d99 < <(drive "$echo_port" /bytes/64 "127.0.0.1:$echo_port")
  read -r t50 t99 < <(drive "$node_port" /prod/bytes/64 "$host")
  read -r n50 n99 < <(drive "$nginx_port" /bytes/64 "127.0.0.1:$nginx_port")
  printf '  %-38s p50 %7s ms   p99 %7s ms\n' "echo /bytes/64 direct" "$d50" "$d99"
  printf '  %-38s p50 %7s ms   p99 %7s ms\n' "tollgate node, HTTP_PROXY {proxy+}" "$t50" "$t99"
  printf '  %-38s p50 %7s ms   p99 %7s ms\n' "nginx proxy_pass (reference)" "$n50" "$n99"
  python3 -c "print(f'  added by the node:  p50 {$t50 - $d50:+.3f} ms   p99 {$t99 - $d99:+.3f} ms   (nginx: p50 {$n50 - $d50:+.3f} ms, p99 {$n99 - $d99:+.3f} ms)')"
done
