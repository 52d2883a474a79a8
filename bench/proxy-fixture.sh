# The proxy fixture shared by bench/proxy.sh and bench/latency.sh; source it after bench/lib.sh,
# bench_install, bench_build and bench_workdir. Starts, on 127.0.0.1:
#   echo           `tollgate echo --threads $ECHO_THREADS`                      → $echo_port
#   control-plane  `tollgate control-plane`                                     → $admin (URL)
#   node           `tollgate data-plane --threads $NODE_THREADS`                → $node_port
#   nginx          $NGINX_WORKERS workers, proxy_pass with upstream keepalive   → $nginx_port
# creates and deploys through the admin API (boto3, bench/admin.py) an API whose `{proxy+}` resource
# is an HTTP_PROXY integration to the echo backend, stage `prod` (Host: $host), waits until the node
# serves it, checks both proxies answer 200 with 64 bytes, and sets $direct_url, $node_url, $nginx_url
# (all GET /bytes/64; the node's needs `-H "Host: $host"`).

NODE_THREADS="${NODE_THREADS:-1}"
ECHO_THREADS="${ECHO_THREADS:-1}"
NGINX_WORKERS="${NGINX_WORKERS:-1}"

export TOLLGATE_ADMIN_ACCESS_KEY_ID=AKIDBENCHPROXY000001
export TOLLGATE_ADMIN_SECRET_ACCESS_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOLLGATE_CLUSTER_SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# --- echo backend, control plane, one data-plane node
bench_spawn echo "$TOLLGATE" echo --listen 127.0.0.1:0 --threads "$ECHO_THREADS"
echo_port="$(bench_wait_line echo 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')"
bench_spawn control-plane "$TOLLGATE" control-plane --listen 127.0.0.1:0 --data-dir "$work/control-plane"
admin="$(bench_wait_line control-plane 's|^admin API listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p')"
bench_spawn node "$TOLLGATE" data-plane --listen 127.0.0.1:0 --control-plane "$admin" --state-dir "$work/node" \
  --node-id bench-node-1 --threads "$NODE_THREADS"
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
    }"
size="$(python3 -c "import urllib.request as u; r = u.urlopen('http://127.0.0.1:$nginx_port/bytes/64'); print(r.status, len(r.read()))")"
[ "$size" = "200 64" ] || { echo "unexpected answer from nginx: $size"; exit 1; }

direct_url="http://127.0.0.1:$echo_port/bytes/64"
node_url="http://127.0.0.1:$node_port/prod/bytes/64"
nginx_url="http://127.0.0.1:$nginx_port/bytes/64"
