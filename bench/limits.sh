#!/usr/bin/env bash
# Cluster-limits figures: a control plane and three data-plane nodes on 127.0.0.1 gossiping over
# loopback UDP, driven by a paced Python load driver (bench/limits.py) and wrk. Prints admitted vs
# expected for a 100 rps method throttle under 3x overload (even and 70/20/10 splits), quota
# over-admission in strict and fast mode, time to agreement after a kill and a healed partition,
# and the proxied throughput cost of the limits phases (plus their CPU cost alone, measured by the
# `LimitsBench` benchmark target), exact strict quotas (300 against 1,206 requests, even and
# 70/20/10: admitted, over/under, 429 Too Many Requests) and, on a separate 2-node cluster, the
# false-429 rate of a throttle key at cold start (30 % of its limit). The control plane runs
# without --gossip (it gossips by default). Figures, not a pass/fail test.
#
# Settings (environment): DURATION (10), QUOTA_RATE (300), GOSSIP_MS (100), WRK_SECONDS (10),
# ROUNDS (3), PHASE_REQUESTS (2000000), ONLY (throttle,quota,agree,overhead,exact,coldstart),
# PORT_BASE (fixed ports from here, the 2-node cluster at +100; default free ports), COLD_LIMIT
# (5000), COLD_SECONDS (2), BUILD (release|debug, default release). Needs python3 with boto3 and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-release}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
python3 -c 'import boto3' 2>/dev/null || { echo "python3 with boto3 is required"; exit 1; }
echo "== swift build -c $BUILD"
swift build -c "$BUILD" --product tollgate 2>&1 | tail -1
TOLLGATE="$(swift build -c "$BUILD" --show-bin-path)/tollgate"
echo "== 0. the API key and limits filters alone (one thread, no sockets)"
swift build -c "$BUILD" --product LimitsBench 2>&1 | tail -1
"$(swift build -c "$BUILD" --show-bin-path)/LimitsBench" --requests "${PHASE_REQUESTS:-2000000}" | sed 's/^/   /'
ONLY="${ONLY:-throttle,quota,agree,overhead,exact,coldstart}"
MAIN_ONLY="$(echo "$ONLY" | tr ',' '\n' | { grep -v '^coldstart$' || true; } | paste -sd, -)"
if [ -n "$MAIN_ONLY" ]; then
    TOLLGATE="$TOLLGATE" NODES=3 ONLY="$MAIN_ONLY" python3 bench/limits.py
fi
if [[ ",$ONLY," == *",coldstart,"* ]]; then
    echo "== a 2-node cluster for the cold-start runs"
    TOLLGATE="$TOLLGATE" NODES=2 ONLY=coldstart PORT_BASE=$(( ${PORT_BASE:-0} > 0 ? ${PORT_BASE:-0} + 100 : 0 )) python3 bench/limits.py
fi
