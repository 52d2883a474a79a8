#!/usr/bin/env bash
# The YAML reader's throughput against PyYAML's C loader on the same file in the same run.
#
# Generates an OpenAPI-like YAML document (bench/yaml-openapi.py, MEGABYTES, default 6), then
# alternates ROUNDS rounds (default 5) of: our reader (`YAMLBench time`, release build: UTF-8
# bytes → node tree → JSONValue, the file already in memory) and
# `yaml.load(data, Loader=yaml.CSafeLoader)` (libyaml's scanner and parser, PyYAML's
# constructor; bytes already in memory). Each side runs in a fresh process per round and times
# only the load. Prints every round, the medians, MB/s and the ratio, and the load average.
# Needs python3 with PyYAML built against libyaml (./scripts/bootstrap installs PyYAML).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ROUNDS="${ROUNDS:-5}"
MEGABYTES="${MEGABYTES:-6}"
python3 -c 'import yaml' 2>/dev/null || TOLLGATE_SKIP_PYTHON=0 ./scripts/bootstrap >&2
python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' \
  || { echo "PyYAML lacks its libyaml extension (yaml.CSafeLoader); install libyaml-dev and reinstall PyYAML"; exit 1; }
bench_workdir
file="$work/openapi.yaml"
python3 bench/yaml-openapi.py "$file" "$MEGABYTES"
echo "== swift build -c release --product YAMLBench"
swift build -c release --product YAMLBench 2>&1 | tail -1
bin="$(swift build -c release --show-bin-path)/YAMLBench"
bytes=$(wc -c <"$file")
ours=()
theirs=()
for round in $(seq 1 "$ROUNDS"); do
  ours+=("$("$bin" time "$file" 1 | awk '/^round/ {print $2}')")
  theirs+=("$(python3 -c '
import sys, time, yaml
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
yaml.load(data, Loader=yaml.CSafeLoader)
print((time.perf_counter() - start) * 1000)' "$file")")
  printf 'round %d: tollgate %.1f ms, PyYAML CSafeLoader %.1f ms\n' "$round" "${ours[-1]}" "${theirs[-1]}"
done
python3 - "$bytes" "${ours[*]}" "${theirs[*]}" <<'PY'
import statistics, sys
size = int(sys.argv[1])
ours = statistics.median(map(float, sys.argv[2].split()))
theirs = statistics.median(map(float, sys.argv[3].split()))
print(f"file: {size / 1e6:.1f} MB")
print(f"tollgate YAMLReader: median {ours:.1f} ms, {size / 1e3 / ours:.1f} MB/s")
print(f"PyYAML CSafeLoader:  median {theirs:.1f} ms, {size / 1e3 / theirs:.1f} MB/s")
print(f"ratio (PyYAML time / ours): {theirs / ours:.1f}x")
PY
echo "load average: $(load_average)"
