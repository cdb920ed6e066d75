#!/usr/bin/env bash
# Resampling false-alarm and power study of compare's statistics over the per-fork data recorded in this repository
# (issue 20; the model is in Study.java). Computation only: no benchmark runs. Writes OUTDIR/study.md.
#   experiments/gate/study.sh OUTDIR        env: SPLITS (500), SEED (20261208), FORKS (resample sizes, "8 16")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: study.sh OUTDIR}")"
splits=${SPLITS:-500}
seed=${SEED:-20261208}
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -DskipTests package)
mkdir -p "$out"
cd "$root"
# Pools: every recorded row with two or more forks. Repeated one-fork runs of one configuration pool per row.
pools=(benchmarks/src/test/resources/compare/jmh-quick.json results/20261126T023906Z-vm)
for d in experiments/kernel-ffm-vs-c/*/java; do
  files=$(find "$d" -name 'jmh.json' -o -name '*-[0-9].json' | sort | paste -sd, -)
  [[ -n "$files" ]] && pools+=("$files")
done
{
  echo "# compare's statistics on recorded forks: false alarms and power by resampling"
  echo
  echo "Command: \`SPLITS=$splits SEED=$seed FORKS=\"${FORKS:-8 16}\" experiments/gate/study.sh OUTDIR\` at commit $(git rev-parse --short HEAD)."
  echo "Pools: ${pools[*]//,/ }" | sed 's/ \+/ /g'
  echo
  echo "## Split (A/A = the recorded forks of each row shuffled into two halves)"
  echo
  java -cp "$jar" "$root/experiments/gate/Study.java" --splits "$splits" --seed "$seed" "${pools[@]}"
  for k in ${FORKS:-8 16}; do
    echo
    echo "## Resample: $k forks per side drawn from each row's recorded forks"
    echo
    java -cp "$jar" "$root/experiments/gate/Study.java" --splits "$splits" --seed "$seed" --forks "$k" "${pools[@]}"
  done
} >"$out/study.md" 2>"$out/study.err"
[[ -s "$out/study.err" ]] || rm -f "$out/study.err"
echo "study written to $out/study.md"
