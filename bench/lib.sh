# Shared helpers for the bench/*.sh scripts. Source it after `set -euo pipefail` and `cd` to the repo root.
#
#   bench_install wrk nginx-light    apt-get install what is missing (needs root, as on the dev machines)
#   bench_build                      swift build -c release; sets TOLLGATE to the binary
#   bench_workdir                    sets $work (a temp dir) and an EXIT trap that stops every pid in
#                                    $pids (SIGTERM, then SIGKILL after 5 s) and removes $work
#   bench_spawn NAME CMD...          starts CMD in the background, output in $work/NAME.out, pid in
#                                    ${spawned[NAME]} (and in $pids, for the trap)
#   bench_wait_line NAME SED_EXPR [SECONDS]
#                                    waits (10 s by default) for the first line of $work/NAME.out that
#                                    SED_EXPR (a `s/…/\1/p` expression) matches, prints the capture
#   free_port, wait_for_port PORT    a free loopback port (in BENCH_PORTS=LOW-HIGH when set); wait
#                                    until something listens on PORT
#   bench_nginx WORKERS HTTP_BLOCK   starts nginx with its own prefix in $work/nginx, loopback only;
#                                    HTTP_BLOCK goes inside `http { }` and must use port $nginx_port
#   bench_nginx_config WORKERS HTTP_BLOCK
#                                    only writes that configuration, $work/nginx/nginx.conf
#   wrk_measure URL [wrk args…]      runs wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency,
#                                    appends its output to $work/wrk.log, prints
#                                    "req/s p50_ms p99_ms requests"
#   cpu_ms PID…                      user + system CPU time of the pids (all threads), milliseconds
#   cpu_split_ms PID…                "user system" CPU time of the pids, milliseconds
#   load_average                     the 1-minute load average
#   bench_rounds                     $ROUNDS rounds over the caller's `targets` array
#                                    ("label|cpu pids|url|extra wrk header|wrk Lua script", the last
#                                    two optional), each round starting one target later (alternating,
#                                    so drift hits every target alike), calling the caller's
#                                    `run LABEL PIDS URL [-H HEADER] [-s SCRIPT]`
#   bench_warn_failures              says so when any wrk run of wrk_measure saw a non-2xx answer or a
#                                    socket error (the figures would not be of successful requests)
#   bench_medians ROUNDS_FILE WIDTH  the median req/s, p99 and CPU/request per label of the
#                                    "label|req/s|p99|cpu" lines `run` appended; prints them, and
#                                    exports BENCH_MEDIANS (JSON {label: [rps, p99, cpu]}) for ratios
#
# For the callgrind scripts (bench/instructions.sh, bench/validation.sh, bench/authorizers.sh):
#   bench_callgrind_setup KEY_ID [PACKAGE…]
#                                    the common prologue: REQUESTS (5000), WARM_REQUESTS (500) and
#                                    CG_CONNECTIONS (16) defaults, valgrind (and PACKAGEs) installed,
#                                    AFTER built from this tree when unset, $work, and fresh random
#                                    admin and cluster secrets (admin access key id KEY_ID)
#   cg_spawn NAME CMD...             CMD under callgrind, dumps in $work/NAME.cg.N
#   cg_dump NAME                     dumps NAME's counters, one file per thread (NAME.cg.N-TT,
#                                    --separate-threads=yes); sets $counted to the event-loop
#                                    thread's instructions since the last zeroing (the thread whose
#                                    dump holds EventLoop.run, else the busiest: nginx has one) and
#                                    $counted_all to every thread's (not a command substitution: the
#                                    dump count must survive in the calling shell)
#   until_answered PORT PATH [HEADER…]
#                                    retries one request until it is answered (60 s at most;
#                                    valgrind starts slowly)
#   cg_count NAME PORT PATH [HEADER…]
#                                    warm up (WARM_REQUESTS), zero, REQUESTS keep-alive requests over
#                                    CG_CONNECTIONS connections, dump: sets $counted (event-loop
#                                    thread, user space), $counted_all (whole process) and
#                                    $elapsed (seconds of the counted run)
#
# Everything listens on and talks to 127.0.0.1 only.

WRK_THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-10s}"

bench_install() {
  local need=() tool package
  for package in "$@"; do
    tool="$package"
    [ "$package" = nginx-light ] && tool=nginx
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || need+=("$package")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "== installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
  HAPROXY="$(command -v haproxy || echo /usr/sbin/haproxy)"
  CADDY="$(command -v caddy || echo /usr/bin/caddy)"
}

bench_build() {
  echo "== swift build -c release" >&2
  swift build -c release --product tollgate 2>&1 | tail -1 >&2
  TOLLGATE="$(swift build -c release --show-bin-path)/tollgate"
}

bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${pids[@]}"; do
      # kill -0 also succeeds on a zombie; an exited child that is not yet reaped counts as gone.
      [ -r "/proc/$pid/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}

bench_workdir() {
  work="$(mktemp -d)"
  pids=()
  declare -gA spawned=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_spawn() {
  local name="$1"
  shift
  "$@" >"$work/$name.out" 2>&1 &
  pids+=($!)
  spawned[$name]=$!
}

bench_wait_line() {
  local name="$1" expr="$2" tries=$((${3:-10} * 10)) value=""
  for _ in $(seq 1 "$tries"); do
    value="$(sed -n "$expr" "$work/$name.out" 2>/dev/null | head -1)"
    [ -n "$value" ] && { echo "$value"; return 0; }
    sleep 0.1
  done
  echo "$name did not start:" >&2
  cat "$work/$name.out" >&2
  return 1
}

# BENCH_PORTS=LOW-HIGH picks the port in that range (machines shared with other benchmarks).
free_port() {
  python3 - "${BENCH_PORTS:-}" <<'PY'
import random, socket, sys
low, _, high = sys.argv[1].partition("-")
candidates = random.sample(range(int(low), int(high) + 1), int(high) - int(low) + 1) if high else [0]
for port in candidates:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(s.getsockname()[1])
    s.close()
    break
else:
    sys.exit("no free port in " + sys.argv[1])
PY
}

wait_for_port() {
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2
  return 1
}

# wait_until_served PORT HOST LOG: until the node on PORT answers GET /prod/bytes/64 for HOST with
# 200 and 64 bytes (10 s at most); otherwise prints the answer and the node's LOG and exits.
wait_until_served() {
  local code=""
  for _ in $(seq 1 100); do
    code="$(python3 -c "
import http.client as h
c = h.HTTPConnection('127.0.0.1', $1, timeout=2); c.request('GET', '/prod/bytes/64', headers={'Host': '$2'})
r = c.getresponse(); print(r.status, len(r.read()))" 2>/dev/null || true)"
    [ "$code" = "200 64" ] && return 0
    sleep 0.1
  done
  echo "the node does not serve the API: $code"; cat "$3"; exit 1
}

bench_nginx() {
  bench_nginx_config "$1" "$2"
  bench_spawn nginx "$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;'
  wait_for_port "$nginx_port"
}

bench_nginx_config() {
  local workers="$1" block="$2" user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  mkdir -p "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<CONF
$user_line
worker_processes $workers;
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
$block
}
CONF
}

wrk_measure() {
  local url="$1" out
  shift
  out="$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")"
  echo "$out" >>"$work/wrk.log"
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
def percentile(p):
    value, unit = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % p, out, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
socket_errors = re.search(r"Socket errors: (.*)", out)
if errors or socket_errors:
    print("wrk reported errors:", errors.group(0) if errors else "", socket_errors.group(0) if socket_errors else "", file=sys.stderr)
requests = int(re.search(r"(\d+) requests in", out).group(1))
print(f"{rps:.0f} {percentile(50):.2f} {percentile(99):.2f} {requests}")
PY
}

load_average() {
  cut -d' ' -f1 /proc/loadavg
}

cpu_ms() {
  local total=0 pid ticks
  for pid in "$@"; do
    ticks="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
    total=$((total + ticks))
  done
  echo $((total * 1000 / $(getconf CLK_TCK)))
}

cpu_split_ms() {
  local user=0 system=0 pid u s
  for pid in "$@"; do
    read -r u s < <(awk '{ print $14, $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0 0)
    user=$((user + u))
    system=$((system + s))
  done
  echo "$((user * 1000 / $(getconf CLK_TCK))) $((system * 1000 / $(getconf CLK_TCK)))"
}

bench_callgrind_setup() {
  local key_id="$1"
  shift
  REQUESTS="${REQUESTS:-5000}"
  WARM_REQUESTS="${WARM_REQUESTS:-500}"
  CG_CONNECTIONS="${CG_CONNECTIONS:-16}"
  bench_install valgrind "$@"
  if [ -z "${AFTER:-}" ]; then bench_build; AFTER="$TOLLGATE"; fi
  bench_workdir
  export TOLLGATE_ADMIN_ACCESS_KEY_ID="$key_id"
  export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  declare -gA dumps=()
}

cg_spawn() {
  local name="$1"
  shift
  dumps[$name]=0
  bench_spawn "$name" valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/$name.cg" "$@"
}

cg_dump() {
  local name="$1" file total loop="" busiest=0
  callgrind_control -d "${spawned[$name]}" >/dev/null
  dumps[$name]=$((dumps[$name] + 1))
  counted_all=0
  for file in "$work/$name.cg.${dumps[$name]}"-*; do
    total="$(sed -n 's/^summary: \([0-9]*\)$/\1/p' "$file")"
    total="${total:-0}"
    counted_all=$((counted_all + total))
    if [ "$total" -gt "$busiest" ]; then busiest="$total"; fi
    # Swift's mangled name of Shared.EventLoop.run (private: a discriminator may follow "run")
    grep -q '^fn=.*9EventLoopC3run' "$file" && loop="$total"
  done
  counted="${loop:-$busiest}"
}

until_answered() {
  local port="$1" path="$2"
  shift 2
  for _ in $(seq 1 120); do
    python3 bench/fixed-requests.py "$port" "$path" 1 1 "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "no 200 from 127.0.0.1:$port$path" >&2
  return 1
}

cg_count() {
  local name="$1" port="$2" path="$3"
  shift 3
  until_answered "$port" "$path" "$@"
  python3 bench/fixed-requests.py "$port" "$path" "$WARM_REQUESTS" "$CG_CONNECTIONS" "$@" >/dev/null
  callgrind_control -z "${spawned[$name]}" >/dev/null
  elapsed="$(python3 bench/fixed-requests.py "$port" "$path" "$REQUESTS" "$CG_CONNECTIONS" "$@" | cut -d' ' -f2)"
  cg_dump "$name"
}

bench_rounds() {
  local round count i label pids url header script args
  for round in $(seq 1 "$ROUNDS"); do
    printf 'round %s (load average %s before the round)\n' "$round" "$(load_average)"
    count=${#targets[@]}
    for i in $(seq 0 $((count - 1))); do
      IFS='|' read -r label pids url header script <<<"${targets[$(((i + round - 1) % count))]}"
      args=()
      [ -n "$header" ] && args+=(-H "$header")
      [ -n "$script" ] && args+=(-s "$script")
      run "$label" "$pids" "$url" "${args[@]}"
    done
  done
}

# bench_warmup: one wrk run of WARMUP per entry of `targets` (label|pids|url|header|script), unmeasured.
# Its variables are local: a top-level `read … pids …` overwrote bench_cleanup's `pids` array, so the
# scripts that had their own warm-up loop left processes running after they exited.
bench_warmup() {
  local target label pids url header script args
  for target in "${targets[@]}"; do
    IFS='|' read -r label pids url header script <<<"$target"
    args=()
    [ -n "$header" ] && args+=(-H "$header")
    [ -n "$script" ] && args+=(-s "$script")
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${args[@]}" "$url" >/dev/null
  done
}

# bench_run_split LABEL PIDS URL [wrk args…]: one measured wrk run for bench_rounds' `run`; prints it
# and appends "label|req/s|p99 ms|CPU us per request" (user + system CPU of PIDS) to $work/rounds.
bench_run_split() {
  local label="$1" proxy_pids="$2" url="$3" pu0 ps0 pu1 ps1 rps p50 p99 requests cpu_us
  shift 3
  read -r pu0 ps0 < <(cpu_split_ms $proxy_pids)
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  read -r pu1 ps1 < <(cpu_split_ms $proxy_pids)
  cpu_us="$(python3 -c "print(f'{($pu1 + $ps1 - $pu0 - $ps0) * 1000 / $requests:.1f}')")"
  printf '  %-18s %7s req/s  p50 %6s ms  p99 %6s ms  CPU/req %s us\n' "$label" "$rps" "$p50" "$p99" "$cpu_us"
  echo "$label|$rps|$p99|$cpu_us" >>"$work/rounds"
}

bench_warn_failures() {
  if grep -q 'Non-2xx\|Socket errors' "$work/wrk.log"; then
    echo "== wrk saw non-2xx answers or socket errors (see above): the figures are not of successful requests"
  fi
}
bench_medians() {
  python3 - "$1" "$2" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, rps, p99, cpu = line.rstrip("\n").split("|")
    rows.setdefault(label, []).append((float(rps), float(p99), float(cpu)))
median = {label: [statistics.median(v[i] for v in values) for i in range(3)] for label, values in rows.items()}
width = int(sys.argv[2])
for label, (rps, p99, cpu) in median.items():
    print(f"  {label:{width}s} {rps:9.0f} req/s  p99 {p99:6.2f} ms" + (f"  CPU/req {cpu:.1f} us" if cpu else ""))
json.dump(median, open(sys.argv[1] + ".json", "w"))
PY
  BENCH_MEDIANS="$(cat "$1.json")"
  export BENCH_MEDIANS
}
