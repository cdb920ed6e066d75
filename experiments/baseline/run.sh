#!/usr/bin/env bash
# Builds PlainCipherBenchmark outside the Maven build (so no test classpath sees its BenchmarkList) against the shaded
# jar, merges its BenchmarkList with the jar's, and runs the harness-free `update` next to ChunkBenchmark's `baseline`,
# one JMH invocation per (mode, buffer, chunk size), so that the two numbers of a row are measured minutes apart at most.
#   experiments/baseline/run.sh OUTDIR [JAR]      env: JMH_ARGS (default "-f 2 -wi 2 -w 1s -i 3 -r 1s -prof perfnorm:events=task-clock"), SIZES, MODES,
#                                                      BUFFERS (space-separated), BENCH (regex; default update vs baseline)
# It waits for the machine's benchmark lock (tools/lib.sh), so that no other benchmark script times beside it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/tools/lib.sh"
bench_lock
out="$(realpath -m "${1:?usage: run.sh OUTDIR [JAR]}")"
mkdir -p "$out/classes/META-INF"
jar=${2:-$root/benchmarks/target/benchmarks.jar}
cp "$jar" "$out/benchmarks.jar"  # a private copy: a rebuild must not swap classes under running forks
jar="$out/benchmarks.jar"
annproc="$(find ~/.m2/repository/org/openjdk/jmh/jmh-generator-annprocess -name '*.jar' | head -1)"
javac -d "$out/classes" -cp "$jar:$annproc" -processorpath "$jar:$annproc" "$root/experiments/baseline/PlainCipherBenchmark.java"
# JMH reads the first META-INF/BenchmarkList on the classpath: ours, with the jar's entries appended.
unzip -p "$jar" META-INF/BenchmarkList >>"$out/classes/META-INF/BenchmarkList"
sizes=${SIZES:-16 64 256 1024 4096 16384 65536 1048576}
modes=${MODES:-stream per-chunk-iv}
buffers=${BUFFERS:-heap direct}
args=${JMH_ARGS:--f 2 -wi 2 -w 1s -i 3 -r 1s -prof perfnorm:events=task-clock}
bench=${BENCH:-'(PlainCipherBenchmark\.update|ChunkBenchmark\.baseline)$'}
for mode in $modes; do
  for buffer in $buffers; do
    for size in $sizes; do
      name="$mode-$buffer-$size"
      # shellcheck disable=SC2086
      java -cp "$out/classes:$jar" org.openjdk.jmh.Main "$bench" -p chunkSize="$size" -p mode="$mode" -p buffer="$buffer" \
        -p keyBits=128 -p op=encrypt $args -rf json -rff "$out/$name.json" >"$out/$name.log" 2>&1 \
        || { tail -5 "$out/$name.log"; exit 1; }
      echo "$(date -u +%T) $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
    done
  done
done
java -cp "$jar" "$root/experiments/baseline/Ratios.java" --num update --den baseline "$out"/*-*.json | tee "$out/plain-vs-baseline.md"
