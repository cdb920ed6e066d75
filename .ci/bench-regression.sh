#!/usr/bin/env bash
# The steps of .github/workflows/bench-regression.yml, runnable here (no GitHub runner is reachable from the
# project's machine): a worktree of BASE_REF, both builds, `chunkbench gate` of base against the working tree's
# head, and the gate's exit status (0 no regression, 1 regression, 2 bad input, 3 failure; docs/compare.md).
#   .ci/bench-regression.sh BASE_REF [OUTDIR]     env: MVN_ARGS (e.g. -o, offline), GATE_ARGS (extra gate options)
# It measures: run it on a quiet machine only, and never beside another benchmark.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base_ref=${1:?usage: bench-regression.sh BASE_REF [OUTDIR]}
out=${2:-bench}
if [[ -e "$out" ]]; then
  echo "bench-regression: $out exists; give a new OUTDIR" >&2
  exit 2
fi
base_sha=$(git rev-parse --verify "$base_ref^{commit}")
tree="$(mktemp -d)/base"
trap 'git worktree remove --force "$tree" 2>/dev/null || true' EXIT
git worktree add --detach "$tree" "$base_sha" >/dev/null
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -DskipTests package
# shellcheck disable=SC2086
(cd "$tree" && mvn -B -q ${MVN_ARGS:-} -DskipTests package)
mkdir -p "$out"
set +e
# shellcheck disable=SC2086
./chunkbench gate --base "$tree/benchmarks/target/benchmarks.jar" --head benchmarks/target/benchmarks.jar \
  --out "$out/gate" ${GATE_ARGS:-}
status=$?
set -e
case $status in
  0) echo "bench-regression: no regression against $base_ref ($base_sha)" ;;
  1) echo "bench-regression: performance regression against $base_ref; see $out/gate/gate.md" ;;
  2) echo "bench-regression: the gate could not read its input (exit 2); see its message above" ;;
  *) echo "bench-regression: the gate failed (exit $status), which says nothing about performance" ;;
esac
exit $status
