#!/usr/bin/env bash
# ImportRestApi on a 1,000-operation OpenAPI document, JSON and YAML: time and peak memory, plus the
# YAML reader's MB/s against PyYAML's C loader on the same YAML file in the same run.
#
# bench/openapi-document.py writes the document (OPERATIONS, default 1000) as JSON and as YAML.
# `OpenAPIBench FILE ROUNDS` (release) reads the file into memory, then runs ImportRestApi's work
# without the store (read JSON/YAML → import → place in a new API, `OpenAPIImportRun`) ROUNDS
# times (default 5) in one fresh process per format, and prints each round and the process's
# peak RSS (which includes the runtime's own few MiB). Then bench/yaml.sh's comparison on the
# same YAML file: `YAMLBench time` (our reader: bytes → nodes → JSONValue) against
# `yaml.load(data, Loader=yaml.CSafeLoader)`, the file in memory for both. Prints medians and the
# load average (wall-clock figures on a loaded machine are indicative only).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ROUNDS="${ROUNDS:-5}"
OPERATIONS="${OPERATIONS:-1000}"
python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' \
  || { echo "needs PyYAML with its libyaml extension (./scripts/bootstrap)"; exit 1; }
bench_workdir
python3 bench/openapi-document.py "$work/api.json" "$work/api.yaml" "$OPERATIONS"
echo "== swift build -c release --product OpenAPIBench / YAMLBench"
swift build -c release --product OpenAPIBench 2>&1 | tail -1
swift build -c release --product YAMLBench 2>&1 | tail -1
bin="$(swift build -c release --show-bin-path)"
for format in json yaml; do
  file="$work/api.$format"
  "$bin/OpenAPIBench" "$file" "$ROUNDS" >"$work/$format.out"
  python3 - "$format" "$work/$format.out" <<'PY'
import re, statistics, sys
text = open(sys.argv[2]).read()
rounds = [float(x) for x in re.findall(r"^round \d+ ([0-9.]+) ms", text, re.M)]
rss = int(re.search(r"^peak_rss_kib (\d+)", text, re.M).group(1))
counts = re.search(r"^resources (\d+) methods (\d+) bytes (\d+)", text, re.M)
print(f"import {sys.argv[1]:4s}: {counts.group(3)} bytes, {counts.group(2)} methods on {counts.group(1)} resources; "
      f"median {statistics.median(rounds):.1f} ms (rounds {', '.join(f'{r:.1f}' for r in rounds)}), peak RSS {rss / 1024:.1f} MiB")
PY
done
bytes=$(wc -c <"$work/api.yaml")
ours=()
theirs=()
for round in $(seq 1 "$ROUNDS"); do
  ours+=("$("$bin/YAMLBench" time "$work/api.yaml" 1 | awk '/^round/ {print $2}')")
  theirs+=("$(python3 -c '
import sys, time, yaml
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
yaml.load(data, Loader=yaml.CSafeLoader)
print((time.perf_counter() - start) * 1000)' "$work/api.yaml")")
done
python3 - "$bytes" "${ours[*]}" "${theirs[*]}" <<'PY'
import statistics, sys
size = int(sys.argv[1])
ours = statistics.median(map(float, sys.argv[2].split()))
theirs = statistics.median(map(float, sys.argv[3].split()))
print(f"YAML reader on the same {size / 1e6:.2f} MB file: tollgate {ours:.1f} ms ({size / 1e3 / ours:.1f} MB/s), "
      f"PyYAML CSafeLoader {theirs:.1f} ms ({size / 1e3 / theirs:.1f} MB/s), ratio {theirs / ours:.2f}x")
PY
echo "load average: $(load_average)"
