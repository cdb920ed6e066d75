#!/usr/bin/env bash
# Injected-slowdown experiment for chunkbench compare (docs/compare.md): ROUNDS x (plain, slow), alternating,
# same build, then compare plain-1 vs plain-2 (A/A), plain-1 vs slow-1, and all plain vs all slow pooled.
#   experiments/slowdown/run.sh OUTDIR        env: ROUNDS (2), JMH_ARGS (extra JMH options, e.g. "-p backend=sunjce")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: run.sh OUTDIR}")"
rounds=${ROUNDS:-2}
cp="$("$root/experiments/slowdown/build.sh" "$out")"
jar="$out/benchmarks.jar"
run() { # run NAME [-Dslowdown.every=N]
  local name=$1 flags=${2:-}
  while true; do
    # shellcheck disable=SC2086
    if java -cp "$cp" org.openjdk.jmh.Main SlowdownBenchmark ${JMH_ARGS:-} ${flags:+-jvmArgsAppend "$flags"} \
        -rf json -rff "$out/$name.json" >"$out/$name.log" 2>&1; then break; fi
    grep -q "Unable to acquire the JMH lock" "$out/$name.log" || { tail -5 "$out/$name.log"; exit 1; }
    sleep 20  # another JMH run holds /tmp/jmh.lock; never measure two at once
  done
  echo "$(date -u +%T) $name done (load $(cut -d' ' -f1-3 /proc/loadavg))"
}
for i in $(seq 1 "$rounds"); do
  run "plain-$i"
  run "slow-$i" -Dslowdown.every=10
done
plain=$(ls "$out"/plain-*.json | paste -sd, -)
slow=$(ls "$out"/slow-*.json | paste -sd, -)
set +e
java -jar "$jar" compare "$out/plain-1.json" "$out/slow-1.json" --out "$out/ab-1.md"
[[ $rounds -ge 2 ]] && java -jar "$jar" compare "$out/plain-1.json" "$out/plain-2.json" --out "$out/aa-1.md"
java -jar "$jar" compare "$plain" "$slow" --out "$out/ab-pooled.md"
exit 0
