#!/usr/bin/env bash
# The IAM policy evaluator's cost per evaluation (Shared/Policy), one thread, no sockets: AWS's
# deny-by-source-IP resource policy, a Lambda authorizer's policy, an identity policy with a policy
# variable, a 100-statement resource policy. Prints median ns per evaluation and µs per compile
# over ROUNDS rounds, with the load average. Figures, not a pass/fail test.
#
# Settings (environment): EVALUATIONS (1000000), ROUNDS (5), BUILD (release|debug, default release).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-release}"
echo "== swift build -c $BUILD --product PolicyBench"
swift build -c "$BUILD" --product PolicyBench 2>&1 | tail -1
echo "== load: $(uptime)"
"$(swift build -c "$BUILD" --show-bin-path)/PolicyBench" --evaluations "${EVALUATIONS:-1000000}" --rounds "${ROUNDS:-5}"
