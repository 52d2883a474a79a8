#!/usr/bin/env bash
# Snapshot build benchmark (issue 3): fills a temporary control-plane store with APIS REST APIs of
# RESOURCES resources (GET + HTTP_PROXY each, one stage per API), then times SnapshotBuilder.buildEncoded
# and its parts (SQLite fetch, JSON decode of stored documents, JSON encode, SHA-256) plus the node side
# (SnapshotCodec.decode, SnapshotCompiler.compile). Release build. Usage: bench/snapshot.sh [APIS] [RESOURCES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
apis="${1:-1000}"
resources="${2:-20}"
runs="${3:-5}"
swift build -c release --product SnapshotBench >&2
"$(swift build -c release --show-bin-path)/SnapshotBench" --apis "$apis" --resources "$resources" --runs "$runs"
