#!/usr/bin/env bash
# Before/after A/B of the request path (issue 10): two `tollgate` binaries in the same run. One
# control plane and one `tollgate echo` backend; per binary two data-plane nodes, `--limits on`
# (the default chain: the limits filter on an open route; the old pipeline ran the API-key and
# limits phases on every route) and `--limits off` (with the chain: a route with no filters at
# all); and nginx `proxy_pass` with upstream keep-alive as the peer. The API is the bench/proxy.sh
# one (`{proxy+}` HTTP_PROXY to echo, GET /bytes/64). Rounds alternate the targets; prints req/s and
# the node's CPU per request (user + system) per round, then medians.
#
# Usage: BEFORE=/path/to/old/tollgate bench/chain.sh  (AFTER defaults to this tree's release build)
# Settings: PORT_BASE (fixed ports PORT_BASE..+6; default 30000), DURATION (10s), WARMUP (2s),
# ROUNDS (3), CONNECTIONS (64), WRK_THREADS (2) as bench/proxy.sh, NODE_THREADS (1), ECHO_THREADS (1).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

: "${BEFORE:?set BEFORE to the tollgate binary to compare against}"
PORT_BASE="${PORT_BASE:-30000}"
WARMUP="${WARMUP:-2s}"
ROUNDS="${ROUNDS:-3}"
NODE_THREADS="${NODE_THREADS:-1}"
ECHO_THREADS="${ECHO_THREADS:-1}"

bench_install wrk nginx-light
if [ -z "${AFTER:-}" ]; then bench_build; AFTER="$TOLLGATE"; fi
bench_workdir

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHCHAIN000001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo_port=$((PORT_BASE + 5))
nginx_port=$((PORT_BASE + 6))
bench_spawn echo "$AFTER" echo --listen "127.0.0.1:$echo_port" --threads "$ECHO_THREADS"
wait_for_port "$echo_port"
bench_spawn control-plane "$AFTER" control-plane --listen "127.0.0.1:$PORT_BASE" --data-dir "$work/control-plane" --gossip off
admin="http://127.0.0.1:$PORT_BASE"
wait_for_port "$PORT_BASE"
declare -A node_port=()
offset=1
for binary in before after; do
  for limits in on off; do
    name="$binary-$limits"
    node_port[$name]=$((PORT_BASE + offset))
    bin="$BEFORE"; [ "$binary" = after ] && bin="$AFTER"
    bench_spawn "$name" "$bin" data-plane --listen "127.0.0.1:${node_port[$name]}" --control-plane "$admin" \
      --state-dir "$work/$name" --node-id "bench-$name" --threads "$NODE_THREADS" --limits "$limits"
    offset=$((offset + 1))
  done
done
# proxy-api also raises the account throttle (10,000 rps by default would answer 429 on the limits-on nodes).
api="$(python3 bench/admin.py "$admin" proxy-api "$echo_port")"
# A keyed API: GET /k, apiKeyRequired, HTTP_PROXY to echo /bytes/64, a usage plan with a throttle and
# a fast quota far above what wrk reaches (the API key and limits filters both run).
key_value="bench-chain-key-0123456789abcdef"
keyed_api="$(python3 -c "
import os, boto3
agw = boto3.client('apigateway', endpoint_url='$admin', region_name='us-east-1',
                   aws_access_key_id=os.environ['TOLLGATE_ADMIN_ACCESS_KEY_ID'], aws_secret_access_key=os.environ['TOLLGATE_ADMIN_SECRET_ACCESS_KEY'])
api = agw.create_rest_api(name='bench-keyed')['id']
root = next(r['id'] for r in agw.get_resources(restApiId=api)['items'] if r['path'] == '/')
res = agw.create_resource(restApiId=api, parentId=root, pathPart='k')['id']
agw.put_method(restApiId=api, resourceId=res, httpMethod='GET', authorizationType='NONE', apiKeyRequired=True)
agw.put_integration(restApiId=api, resourceId=res, httpMethod='GET', type='HTTP_PROXY', integrationHttpMethod='GET',
                    uri='http://127.0.0.1:$echo_port/bytes/64')
agw.create_deployment(restApiId=api, stageName='prod')
key = agw.create_api_key(name='bench', value='$key_value', enabled=True)['id']
plan = agw.create_usage_plan(name='bench', apiStages=[{'apiId': api, 'stage': 'prod'}],
                             throttle={'rateLimit': 1e6, 'burstLimit': 1000000}, quota={'limit': 1000000000, 'period': 'DAY'},
                             tags={'tollgate:quota-mode': 'fast'})['id']
agw.create_usage_plan_key(usagePlanId=plan, keyId=key, keyType='API_KEY')
print(api)")"
keyed_host="$keyed_api.execute-api.localhost"
host="$api.execute-api.localhost"
for name in "${!node_port[@]}"; do
  for _ in $(seq 1 100); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:${node_port[$name]}/prod/bytes/64" || true)"
    [ "$code" = 200 ] && break
    sleep 0.1
  done
  [ "$code" = 200 ] || { echo "$name does not serve the API: $code"; cat "$work/$name.out"; exit 1; }
  for _ in $(seq 1 100); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $keyed_host" -H "x-api-key: $key_value" "http://127.0.0.1:${node_port[$name]}/prod/k" || true)"
    [ "$code" = 200 ] && break
    sleep 0.1
  done
  [ "$code" = 200 ] || { echo "$name does not serve the keyed API: $code"; cat "$work/$name.out"; exit 1; }
done
bench_nginx 1 "    upstream echo { server 127.0.0.1:$echo_port; keepalive 64; }
    server { listen 127.0.0.1:$nginx_port; location / { proxy_pass http://echo; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"

run() {  # label pids url [wrk args]; appends "label rps cpu_us" to $work/results
  local label="$1" pids="$2" url="$3" c0 c1 rps p50 p99 requests
  shift 3
  c0="$(cpu_ms $pids)"
  read -r rps p50 p99 requests < <(wrk_measure "$url" "$@")
  c1="$(cpu_ms $pids)"
  local us; us="$(python3 -c "print(f'{($c1 - $c0) * 1000 / $requests:.1f}')")"
  printf '  %-34s %7s req/s  p50 %5s ms  CPU/req %5s us\n' "$label" "$rps" "$p50" "$us"
  echo "$label $rps $us" >>"$work/results"
}
nginx_pids="$(pgrep -P "${spawned[nginx]}" | tr '\n' ' ')"
echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, node loops $NODE_THREADS, $(nproc) cores; before=$BEFORE after=$AFTER"
for name in before-on after-on before-off after-off; do
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $host" "http://127.0.0.1:${node_port[$name]}/prod/bytes/64" >/dev/null
done
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$nginx_port/bytes/64" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  printf 'round %s (load average %s)\n' "$round" "$(load_average)"
  order=(before-on after-on before-off after-off)
  [ $((round % 2)) = 0 ] && order=(after-on before-on after-off before-off)
  for name in "${order[@]}"; do
    run "$name" "${spawned[$name]}" "http://127.0.0.1:${node_port[$name]}/prod/bytes/64" -H "Host: $host"
  done
  for name in "${order[@]:0:2}"; do
    run "$name-keyed" "${spawned[$name]}" "http://127.0.0.1:${node_port[$name]}/prod/k" -H "Host: $keyed_host" -H "x-api-key: $key_value"
  done
  run nginx "$nginx_pids" "http://127.0.0.1:$nginx_port/bytes/64"
done
echo "== medians over $ROUNDS rounds (load average $(load_average) at the end)"
python3 - "$work/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, rps, us = line.split()
    rows.setdefault(label, []).append((float(rps), float(us)))
nginx = statistics.median(r for r, _ in rows["nginx"])
for label in ["before-on", "after-on", "before-on-keyed", "after-on-keyed", "before-off", "after-off", "nginx"]:
    rps = statistics.median(r for r, _ in rows[label]); us = statistics.median(u for _, u in rows[label])
    print(f"  {label:15s} {rps:8.0f} req/s ({rps / nginx:.2f}x nginx)  CPU/req {us:5.1f} us")
PY
