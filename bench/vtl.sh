#!/usr/bin/env bash
# Mapping-template figures: one compiled 20-line VTL template evaluated over a 2 KiB JSON body
# by the `VTLBench` target (one thread, no sockets, a fresh `$input` per evaluation). Prints ns
# per evaluation for each round and the median. Figures, not a pass/fail test.
#
# Settings (environment): EVALUATIONS (20000), ROUNDS (5), BUILD (release|debug, default release).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-release}"
echo "== swift build -c $BUILD --product VTLBench"
swift build -c "$BUILD" --product VTLBench 2>&1 | tail -1
echo "== load: $(uptime)"
"$(swift build -c "$BUILD" --show-bin-path)/VTLBench" --evaluations "${EVALUATIONS:-20000}" --rounds "${ROUNDS:-5}"
