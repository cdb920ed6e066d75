#!/usr/bin/env bash
# Builds PlainCipherBenchmark (outside the Maven build, so no test classpath sees its BenchmarkList) against the
# shaded jar and runs it: the harness-free baseline that ChunkBenchmark's `baseline` is checked against.
#   experiments/baseline/run.sh OUTDIR [JMH options...]     (run it under flock /work/locks/bench.lock on shared machines)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: run.sh OUTDIR [JMH options]}")"
shift
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -DskipTests package)
mkdir -p "$out/classes"
cp "$jar" "$out/benchmarks.jar"
annproc="$(find ~/.m2/repository/org/openjdk/jmh/jmh-generator-annprocess -name '*.jar' | head -1)"
javac -d "$out/classes" -cp "$out/benchmarks.jar:$annproc" -processorpath "$out/benchmarks.jar:$annproc" \
  "$root/experiments/baseline/PlainCipherBenchmark.java"
# Our classes first: their META-INF/BenchmarkList is the one JMH reads.
java -cp "$out/classes:$out/benchmarks.jar" org.openjdk.jmh.Main PlainCipherBenchmark "$@" -rf json -rff "$out/plain.json" \
  | tee "$out/plain.log"
