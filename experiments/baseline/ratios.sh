#!/usr/bin/env bash
# sunjce through ChunkedCipher against the direct-call baseline, one JMH invocation per (mode, buffer, chunk size)
# so that the two benchmarks of a ratio run minutes apart at most: on a shared machine the load changes over a
# long sweep, and JMH would otherwise run every baseline trial before every chunked one. Prints the ratio table.
#   experiments/baseline/ratios.sh OUTDIR [JAR]      env: JMH_ARGS (default "-f 3 -wi 2 -w 1s -i 3 -r 1s -prof gc -prof perfnorm:events=task-clock"),
#                                                         SIZES, MODES, BUFFERS (space-separated), CIPHER (aes-ctr, or aes-gcm:
#                                                         sealed records, mode record and heap buffers only)
# It waits for the machine's benchmark lock (tools/lib.sh). JAR defaults to a private copy of the shaded jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/tools/lib.sh"
bench_lock
out="$(realpath -m "${1:?usage: ratios.sh OUTDIR [JAR]}")"
mkdir -p "$out"
jar=${2:-}
if [[ -z $jar ]]; then
  cp "$root/benchmarks/target/benchmarks.jar" "$out/benchmarks.jar"
  jar="$out/benchmarks.jar"
fi
sizes=${SIZES:-16 64 256 1024 4096 16384 65536 1048576}
cipher=${CIPHER:-aes-ctr}
if [[ $cipher == aes-gcm ]]; then
  modes=${MODES:-record}
  buffers=${BUFFERS:-heap}
else
  modes=${MODES:-stream per-chunk-iv}
  buffers=${BUFFERS:-heap direct}
fi
args=${JMH_ARGS:--f 3 -wi 2 -w 1s -i 3 -r 1s -prof gc -prof perfnorm:events=task-clock}
for mode in $modes; do
  for buffer in $buffers; do
    for size in $sizes; do
      name="$mode-$buffer-$size"
      # shellcheck disable=SC2086
      java -cp "$jar" org.openjdk.jmh.Main 'ChunkBenchmark\.(chunked|baseline)$' -p backend=sunjce -p chunkSize="$size" \
        -p mode="$mode" -p buffer="$buffer" -p keyBits=128 -p op=encrypt -p cipher="$cipher" $args -rf json -rff "$out/$name.json" \
        >"$out/$name.log" 2>&1 || { tail -5 "$out/$name.log"; exit 1; }
      echo "$(date -u +%T) $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
    done
  done
done
java -cp "$jar" "$root/experiments/baseline/Ratios.java" "$out"/*.json | tee "$out/ratios.md"
