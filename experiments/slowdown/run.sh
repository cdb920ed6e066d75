#!/usr/bin/env bash
# Injected-slowdown experiment for chunkbench compare: plain, slow, plain, slow (alternating, same build), then
# compare. Usage: experiments/slowdown/run.sh OUTDIR   (from the repo root; builds benchmarks.jar if needed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: run.sh OUTDIR}")"
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -DskipTests package)
mkdir -p "$out/classes"
annproc="$(find ~/.m2/repository/org/openjdk/jmh/jmh-generator-annprocess -name '*.jar' | head -1)"
javac -d "$out/classes" -cp "$jar:$annproc" -processorpath "$jar:$annproc" "$root/experiments/slowdown/SlowdownBenchmark.java"
# Our classes first: their META-INF/BenchmarkList is the one JMH reads.
cp="$out/classes:$jar"
run() { # run NAME [-Dslowdown.every=N]
  local name=$1 flags=${2:-}
  while true; do
    if java -cp "$cp" org.openjdk.jmh.Main SlowdownBenchmark ${flags:+-jvmArgsAppend "$flags"} \
        -rf json -rff "$out/$name.json" >"$out/$name.log" 2>&1; then break; fi
    grep -q "Unable to acquire the JMH lock" "$out/$name.log" || { tail -5 "$out/$name.log"; exit 1; }
    sleep 20  # another JMH run holds /tmp/jmh.lock; never measure two at once
  done
  echo "$(date -u +%T) $name done"
}
run plain-1; run slow-1 -Dslowdown.every=10; run plain-2; run slow-2 -Dslowdown.every=10
cb() { java -jar "$jar" "$@"; }
set +e
cb compare "$out/plain-1.json" "$out/plain-2.json" --out "$out/aa.md"
cb compare "$out/plain-1.json" "$out/slow-1.json" --out "$out/ab.md"
cb compare "$out/plain-1.json,$out/plain-2.json" "$out/slow-1.json,$out/slow-2.json" --out "$out/ab-pooled.md"
exit 0
