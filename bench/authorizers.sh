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
#   sigv4        AWS_IAM: one botocore-signed GET (bench/sigv4-headers.py) verified against an IAM user of
#                the control plane's IAM subset, its identity policy evaluated (bench/admin.py iam-api);
#                compared with the open route sent the same signed headers
#
# Usage: bench/authorizers.sh   (AFTER defaults to this tree's release build)
# Settings: REQUESTS (5000), WARM_REQUESTS (500), CG_CONNECTIONS (16), AFTER; SKIP_UNCACHED=1 skips the RS256-per-request
#   row (1.2 million instructions a request: the slow one under callgrind); CG_KEEP=DIR keeps the callgrind
#   dumps (node.cg.N-TT, N the row in the order printed) for bench/cg-profile.py.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

bench_callgrind_setup AKIDBENCHAUTHORIZER01

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
read -r iam_api iam_key iam_secret <<<"$(python3 bench/admin.py "$admin" iam-api "$echo_port")"
iam_host="$iam_api.execute-api.localhost"

name=node
cg_spawn "$name" "$AFTER" data-plane --listen 127.0.0.1:0 \
  --control-plane "$admin" --state-dir "$work/$name" --node-id bench-authorizers --threads 1 \
  --lambda-endpoint "http://127.0.0.1:$lambda_port" --user-pools "$work/user-pools.json"
port="$(bench_wait_line "$name" 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' 60)"

# measure LABEL HOST [HEADER…]: warm up, zero, REQUESTS requests, dump; one line
measure() {
  local label="$1" host="$2" elapsed
  shift 2
  cg_count "$name" "$port" /prod/bytes/64 "Host: $host" "$@"
  printf '  %-40s %8d instructions/request\n' "$label" $((counted / REQUESTS))
  echo "$label|$((counted / REQUESTS))" >>"$work/results"
}

echo "== callgrind, $REQUESTS requests after $WARM_REQUESTS warm-up, $CG_CONNECTIONS connections; load average $(load_average)"
measure "open proxy (no authorization)" "$open_host"
measure "open proxy, same Authorization header" "$open_host" "Authorization: $token"
measure "Lambda TOKEN authorizer (cached)" "$lambda_host" "Authorization: allow"
measure "Cognito/JWT (verified token cached)" "$jwt_host" "Authorization: $token"
[ -n "${SKIP_UNCACHED:-}" ] || measure "Cognito/JWT (RS256 verify per request)" "$uncached_host" "Authorization: $token"
# Signed now (valid for AWS's 5-minute skew, so after the slow rows above) for the IAM API's host;
# the open route is sent the same headers after its own Host.
mapfile -t signed < <(python3 bench/sigv4-headers.py "$iam_key" "$iam_secret" "$iam_host" /prod/bytes/64)
signed_without_host=()
for header in "${signed[@]}"; do [[ "${header,,}" == host:* ]] || signed_without_host+=("$header"); done
measure "open proxy, same SigV4 headers" "$open_host" "${signed_without_host[@]}"
measure "SigV4 (AWS_IAM, identity policy)" "$iam_host" "${signed_without_host[@]}"
kill "${spawned[$name]}"
[ -n "${CG_KEEP:-}" ] && mkdir -p "$CG_KEEP" && cp "$work"/*.cg.* "$CG_KEEP"/
python3 - "$work/results" <<'PY'
import sys
rows = [line.rstrip("\n").split("|") for line in open(sys.argv[1])]
values = {label: int(value) for label, value in rows}
base = values["open proxy (no authorization)"]
with_header = values["open proxy, same Authorization header"]
with_signature = values["open proxy, same SigV4 headers"]
for label, value in rows:
    if label.startswith("open proxy"):
        continue
    # The JWT and SigV4 routes carry headers the open route does not (~800 and ~300 bytes): compare
    # each with the open route sent the same headers, so the figure is the check's, not the header's.
    if "JWT" in label:
        against, name = with_header, "the open route with the same header"
    elif "SigV4" in label:
        against, name = with_signature, "the open route with the same headers"
    else:
        against, name = base, "the open route"
    value = int(value)
    print(f"  {label:40s} {100 * (value - against) / against:+7.1f} % against {name} ({value - against:+d} instructions)")
PY
