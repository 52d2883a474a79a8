#!/usr/bin/env bash
# Micro-benchmark of the HTTP/1.1 parser and serializer alone (no sockets): prints requests/s and
# ns per request for typical heads. Builds with swiftc -O from the Foundation-free sources of
# Sources/Shared/HTTP (plus the calendar and hex digits they use) into .build/bench/. The end-to-end figure against nginx is bench/engine.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build/bench
sources=()
for file in Sources/Shared/HTTP/*.swift; do
  grep -qE '^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*import[[:space:]]' "$file" || sources+=("$file")
done
sources+=(Sources/Shared/Time/*.swift Sources/Shared/Encoding/Hex.swift)
swiftc -O -wmo -parse-as-library -package-name tollgate -module-name TollgateBench \
  "${sources[@]}" bench/HTTPParserBenchmark.swift -o .build/bench/http-parser
.build/bench/http-parser
