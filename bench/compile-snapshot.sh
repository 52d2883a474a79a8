#!/bin/sh
# Compile-time and lookup figures for the snapshot compiler and router (release build, no SwiftPM).
# Usage: bench/compile-snapshot.sh [APIS]   (default 1000)
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/tollgate-compile-bench"
swiftc -O -package-name tollgate -module-name CompileBench \
    Sources/Shared/HTTP/*.swift Sources/Shared/Model/*.swift Sources/Shared/Routing/*.swift Sources/Shared/Compile/*.swift \
    Sources/Shared/Encoding/*.swift Sources/Shared/Time/*.swift \
    bench/compile-snapshot/main.swift -o "$out" 2>&1 | grep -v warning || true
APIS="${1:-1000}" "$out"
