#!/usr/bin/env bash
# The issue-11 kernel target: kernel[binding=ffm] with direct buffers against tools/afalg-loop/afalg_loop.c (the
# same system calls in C) in ONE boot of the emulated kernel (tools/kernel-vm), chunks 16 B, 1 KiB, 16 KiB, 64 KiB,
# stream and per-chunk-iv. The VM's timings are emulated: only the ratio means anything. The C loop runs before and
# after the JMH sweep, and the ratio is taken to the mean of the two. Run it under the VM lock:
#
#   flock /work/locks/vm.lock tools/kernel-ffm-vs-c.sh OUT_DIR [copy|splice]
#
# Needs cc (skipped, with the reason, where there is none), jq, and a JDK 22+ (.ci/ffm-jdk.sh finds it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
chunks=(16 1024 16384 65536)
modes=(stream per-chunk-iv)

if [[ ${1:-} == --in-vm ]]; then
  out=$2 java=$3 jar=$4 cbin=$5 io=$6
  c_loop() {
    local m n
    for m in "${modes[@]}"; do
      for n in "${chunks[@]}"; do
        "$cbin" "$m" "$io" "$n" 3
      done
    done
  }
  c_loop >"$out/c-before.txt" 2>&1 || true
  CHUNKBENCH_IN_VM=1 "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" run --backends "kernel[binding=ffm,io=$io]" \
    --chunks 16,1k,16k,64k --modes stream,per-chunk-iv --buffers direct --no-baseline --out "$out/run" \
    --jmh "-f 1 -wi 3 -w 1s -i 3 -r 1s" >"$out/run.log" 2>&1 || echo "jmh failed: $?" >>"$out/run.log"
  c_loop >"$out/c-after.txt" 2>&1 || true
  exit 0
fi

out=${1:?usage: tools/kernel-ffm-vs-c.sh OUT_DIR [copy|splice]}
io=${2:-copy}
mkdir -p "$out"
out=$(cd "$out" && pwd)
if ! command -v cc >/dev/null; then
  echo "kernel-ffm-vs-c: SKIPPED: no C compiler (cc) here to build tools/afalg-loop/afalg_loop.c" | tee "$out/kernel-targets.md"
  exit 0
fi
cc -O2 -Wall -o "$out/afalg_loop" tools/afalg-loop/afalg_loop.c
source .ci/ffm-jdk.sh
jar=$out/benchmarks.jar
cp "${CHUNKBENCH_JAR:-benchmarks/target/benchmarks.jar}" "$jar" # CHUNKBENCH_JAR: a jar built on JDK 22+ elsewhere
xfer=$(mktemp -d "${TMPDIR:-/tmp}/kernel-ffm-vs-c.XXXXXX")
tools/kernel-vm/run --timeout 1800 --xfer "$xfer" -- \
  bash "$PWD/tools/kernel-ffm-vs-c.sh" --in-vm "$xfer" "$ffm_jdk/bin/java" "$jar" "$out/afalg_loop" "$io"
cp -r "$xfer"/. "$out/"
rm -rf "$xfer"

jq -r '.[] | select(.benchmark | endswith("chunked")) | [.params.mode, .params.chunkSize, (1e9 / .primaryMetric.score)] | @tsv' \
  "$out/run/jmh.json" >"$out/java.tsv"
{
  echo "kernel[binding=ffm,io=$io], direct buffers, against afalg_loop (C) in the same VM boot; emulated timings, only the ratio counts"
  echo
  echo "| mode | chunk | Java ns/chunk | C ns/chunk (before, after) | ratio (to the mean) |"
  echo "|---|---:|---:|---:|---:|"
  awk 'FILENAME ~ /c-before/ || FILENAME ~ /c-after/ {
         split($2, m, "="); split($4, n, "="); split($6, v, "=");
         k = m[2] " " n[2]; if (FILENAME ~ /before/) b[k] = v[2]; else a[k] = v[2]; next }
       { k = $1 " " $2; c = (b[k] + a[k]) / 2; printf "| %s | %d | %.0f | %.0f, %.0f | %.2fx |\n", $1, $2, $3, b[k], a[k], (c > 0 ? $3 / c : 0) }' \
    "$out/c-before.txt" "$out/c-after.txt" "$out/java.tsv"
} | tee "$out/kernel-targets.md"
