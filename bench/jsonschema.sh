#!/usr/bin/env bash
# JSON Schema (draft 4) validation figures: the `JSONSchemaBench` target validates a typical ~1 KB
# request body against a typical model (Order + a $ref'd Customer model) on one thread and prints
# ns per validation (median over rounds) and allocations per validation, counted by a malloc
# preload (bench/alloc-counter.c, built here with cc). Figures, not a pass/fail test.
#
# Settings (environment): ITERATIONS (200000), ROUNDS (5), BUILD (release|debug, default release).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-release}"
echo "== swift build -c $BUILD --product JSONSchemaBench"
swift build -c "$BUILD" --product JSONSchemaBench 2>&1 | tail -1
BIN="$(swift build -c "$BUILD" --show-bin-path)/JSONSchemaBench"
PRELOAD="$(swift build -c "$BUILD" --show-bin-path)/alloc-counter.so"
cc -shared -fPIC -O2 -o "$PRELOAD" bench/alloc-counter.c -ldl
echo "== $(uptime)"
LD_PRELOAD="$PRELOAD" "$BIN" --iterations "${ITERATIONS:-200000}" --rounds "${ROUNDS:-5}"
