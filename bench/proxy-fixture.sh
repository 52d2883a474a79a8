# The proxy fixture shared by bench/proxy.sh and bench/latency.sh; source it after bench/lib.sh,
# bench_install, bench_build and bench_workdir. Starts, on 127.0.0.1:
#   echo           `tollgate echo --threads $ECHO_THREADS`                      → $echo_port
#   control-plane  `tollgate control-plane`                                     → $admin (URL)
#   node           `tollgate data-plane --threads $NODE_THREADS`                → $node_port
#   nginx          $NGINX_WORKERS workers, proxy_pass with upstream keepalive   → $nginx_port
#   haproxy        $PEER_THREADS thread(s), http-reuse always (with PEERS=all)  → $haproxy_port
#   caddy          GOMAXPROCS=$PEER_THREADS, reverse_proxy (with PEERS=all)     → $caddy_port
# creates and deploys through the admin API (boto3, bench/admin.py) an API whose `{proxy+}` resource
# is an HTTP_PROXY integration to the echo backend, stage `prod` (Host: $host), waits until the node
# serves it, checks every proxy answers 200 with 64 bytes, and sets $direct_url, $node_url, $nginx_url
# (and $haproxy_url, $caddy_url with PEERS=all; all GET /bytes/64; the node's needs `-H "Host: $host"`).
# NODE_EXTRA_ARGS (word-split) is appended to the node's command line and NGINX_EXTRA_BLOCK inside
# nginx's `http { }` (bench/tls.sh adds the TLS listeners this way).

NODE_THREADS="${NODE_THREADS:-1}"
ECHO_THREADS="${ECHO_THREADS:-1}"
NGINX_WORKERS="${NGINX_WORKERS:-1}"
PEER_THREADS="${PEER_THREADS:-1}"
PEERS="${PEERS:-nginx}"

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHPROXY000001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# --- echo backend, control plane, one data-plane node
bench_spawn echo "$TOLLGATE" echo --listen 127.0.0.1:0 --threads "$ECHO_THREADS"
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane"
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
bench_spawn node "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" \
  --node-id bench-node-1 --threads "$NODE_THREADS" ${NODE_EXTRA_ARGS:-}
node_port="$(bench_wait_line node 's|^data plane listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p')"

api="$(python3 bench/admin.py "$admin" proxy-api "$echo_port")"
host="$api.execute-api.localhost"
wait_until_served "$node_port" "$host" "$work/node.out"

# --- nginx: proxy_pass with upstream keep-alive to the same echo backend
nginx_port="$(free_port)"
bench_nginx "$NGINX_WORKERS" "    upstream echo {
        server 127.0.0.1:$echo_port;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://echo;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }
${NGINX_EXTRA_BLOCK:-}"
# answers_64 NAME PORT: GET /bytes/64 must answer 200 with 64 bytes
answers_64() {
  local size
  size="$(python3 -c "import urllib.request as u; r = u.urlopen('http://127.0.0.1:$2/bytes/64'); print(r.status, len(r.read()))")"
  [ "$size" = "200 64" ] || { echo "unexpected answer from $1: $size"; exit 1; }
}
answers_64 nginx "$nginx_port"

if [ "$PEERS" = all ]; then
  # --- HAProxy: one thread, connections to the backend kept and shared (http-reuse always)
  haproxy_port="$(free_port)"
  cat >"$work/haproxy.cfg" <<CONF
global
    nbthread $PEER_THREADS
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    http-reuse always
frontend bench
    bind 127.0.0.1:$haproxy_port
    default_backend echo
backend echo
    server echo 127.0.0.1:$echo_port maxconn 1024
CONF
  bench_spawn haproxy "$HAPROXY" -db -f "$work/haproxy.cfg"
  wait_for_port "$haproxy_port"
  answers_64 haproxy "$haproxy_port"

  # --- Caddy: reverse_proxy (upstream keep-alive is its default), no admin endpoint, no TLS
  caddy_port="$(free_port)"
  mkdir -p "$work/caddy"
  cat >"$work/caddy/Caddyfile" <<CONF
{
    admin off
    auto_https off
}
:$caddy_port {
    bind 127.0.0.1
    reverse_proxy 127.0.0.1:$echo_port
}
CONF
  HOME="$work/caddy" XDG_DATA_HOME="$work/caddy" XDG_CONFIG_HOME="$work/caddy" GOMAXPROCS="$PEER_THREADS" \
    bench_spawn caddy "$CADDY" run --config "$work/caddy/Caddyfile" --adapter caddyfile
  wait_for_port "$caddy_port"
  answers_64 caddy "$caddy_port"
  haproxy_url="http://127.0.0.1:$haproxy_port/bytes/64"
  caddy_url="http://127.0.0.1:$caddy_port/bytes/64"
fi

direct_url="http://127.0.0.1:$echo_port/bytes/64"
node_url="http://127.0.0.1:$node_port/prod/bytes/64"
nginx_url="http://127.0.0.1:$nginx_port/bytes/64"
