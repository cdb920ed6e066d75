#!/usr/bin/env bash
# Builds what the injected-slowdown experiments run (run.sh here, experiments/gate/evaluate.sh): a private copy of
# the benchmarks jar in OUTDIR (a rebuild of the project during an experiment must not swap classes under running
# forks) and SlowdownBenchmark compiled against it into OUTDIR/classes. Prints the class path to run JMH with.
#   experiments/slowdown/build.sh OUTDIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: build.sh OUTDIR}")"
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -DskipTests package) >&2
mkdir -p "$out/classes"
cp "$jar" "$out/benchmarks.jar"
jar="$out/benchmarks.jar"
annproc="$(find ~/.m2/repository/org/openjdk/jmh/jmh-generator-annprocess -name '*.jar' | head -1)"
javac -d "$out/classes" -cp "$jar:$annproc" -processorpath "$jar:$annproc" "$root/experiments/slowdown/SlowdownBenchmark.java" >&2
# Our classes first: their META-INF/BenchmarkList is the one JMH reads.
echo "$out/classes:$jar"
