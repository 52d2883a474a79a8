#!/usr/bin/env bash
# Instructions per request of authorization (issue 14), measured as bench/instructions.sh measures
# (callgrind, user-space instructions of the whole node over a fixed number of keep-alive requests
# after a warm-up; stable under load, so one run decides). One node (--limits on, 1 thread) serves
# the same proxied route ({proxy+} ANY, HTTP_PROXY to one `tollgate echo`, GET /bytes/64):
#   open         no authorization (also sent the JWT's Authorization header, unused, as the JWT rows' baseline)
#   lambda       a TOKEN Lambda authorizer, TTL 300: after the warm-up every request is a cache hit
#                (the cached policy evaluated against the request's method ARN)
#   jwt          COGNITO_USER_POOLS against a local JWKS (bench/authorizer-fixtures.py), TTL 300:
#                verified tokens cached, claims checked per request
#   jwt-uncached the same with TTL 0: one RS256 signature verification per request
#
# Usage: bench/authorizers.sh   (AFTER defaults to this tree's release build)
# Settings: REQUESTS (5000), WARM_REQUESTS (500), CG_CONNECTIONS (16), AFTER.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

REQUESTS="${REQUESTS:-5000}"
WARM_REQUESTS="${WARM_REQUESTS:-500}"
CG_CONNECTIONS="${CG_CONNECTIONS:-16}"

bench_install valgrind
if [ -z "${AFTER:-}" ]; then bench_build; AFTER="$TOLLGATE"; fi
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHAUTHORIZER01
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

bench_spawn echo "$AFTER" echo --listen 127.0.0.1:0 --threads 1
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn fixtures python3 bench/authorizer-fixtures.py "$work"
lambda_port="$(bench_wait_line fixtures 's/^lambda \([0-9]*\) jwks [0-9]*$/\1/p')"
token="$(cat "$work/id-token")"
pool_arn="arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Bench"
bench_spawn control-plane "$AFTER" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane" --gossip off
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
open_host="$(python3 bench/admin.py "$admin" proxy-api "$echo_port").execute-api.localhost"
lambda_host="$(python3 bench/admin.py "$admin" authorized-api "$echo_port" lambda).execute-api.localhost"
jwt_host="$(python3 bench/admin.py "$admin" authorized-api "$echo_port" jwt "$pool_arn").execute-api.localhost"
uncached_host="$(python3 bench/admin.py "$admin" authorized-api "$echo_port" jwt-uncached "$pool_arn").execute-api.localhost"

name=node
bench_spawn "$name" valgrind --tool=callgrind --callgrind-out-file="$work/$name.cg" "$AFTER" data-plane --listen 127.0.0.1:0 \
  --control-plane "$admin" --state-dir "$work/$name" --node-id bench-authorizers --threads 1 \
  --lambda-endpoint "http://127.0.0.1:$lambda_port" --user-pools "$work/user-pools.json"
port="$(bench_wait_line "$name" 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"
dumps=0

# measure LABEL HOST [HEADER…]: warm up, zero, REQUESTS requests, dump; one line
measure() {
  local label="$1" host="$2" instructions
  shift 2
  for _ in $(seq 1 120); do
    python3 bench/fixed-requests.py "$port" /prod/bytes/64 1 1 "Host: $host" "$@" >/dev/null 2>&1 && break
    sleep 0.5
  done
  python3 bench/fixed-requests.py "$port" /prod/bytes/64 "$WARM_REQUESTS" "$CG_CONNECTIONS" "Host: $host" "$@" >/dev/null
  callgrind_control -z "${spawned[$name]}" >/dev/null
  python3 bench/fixed-requests.py "$port" /prod/bytes/64 "$REQUESTS" "$CG_CONNECTIONS" "Host: $host" "$@" >/dev/null
  callgrind_control -d "${spawned[$name]}" >/dev/null
  dumps=$((dumps + 1))
  instructions="$(sed -n 's/^summary: \([0-9]*\)$/\1/p' "$work/$name.cg.$dumps")"
  printf '  %-40s %8d instructions/request\n' "$label" $((instructions / REQUESTS))
  echo "$label|$((instructions / REQUESTS))" >>"$work/results"
}

echo "== callgrind, $REQUESTS requests after $WARM_REQUESTS warm-up, $CG_CONNECTIONS connections; load average $(load_average)"
measure "open proxy (no authorization)" "$open_host"
measure "open proxy, same Authorization header" "$open_host" "Authorization: $token"
measure "Lambda TOKEN authorizer (cached)" "$lambda_host" "Authorization: allow"
measure "Cognito/JWT (verified token cached)" "$jwt_host" "Authorization: $token"
measure "Cognito/JWT (RS256 verify per request)" "$uncached_host" "Authorization: $token"
kill "${spawned[$name]}"
python3 - "$work/results" <<'PY'
import sys
rows = [line.rstrip("\n").split("|") for line in open(sys.argv[1])]
base, with_header = int(rows[0][1]), int(rows[1][1])
for label, value in rows[2:]:
    # A JWT route carries an ~800-byte header the open route does not: compare it with the open
    # route sent the same header, so the figure is the authorizer's, not the header's.
    against, name = (with_header, "the open route with the same header") if "JWT" in label else (base, "the open route")
    print(f"  {label:40s} {100 * (int(value) - against) / against:+7.1f} % against {name}")
PY
