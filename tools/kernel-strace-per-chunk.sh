#!/usr/bin/env bash
# System calls per chunk of kernel[binding=ffm] (direct buffers, stream mode, io=copy) and of
# tools/afalg-loop/afalg_loop.c, counted with strace -f -c in one boot of the emulated kernel (tools/kernel-vm).
# Answers "does the Java path make system calls that the C loop does not?" for the issue-11 kernel target.
# The Java side is one JMH run in the JMH process itself (-f 0), single-shot batches of exactly BATCH chunks
# (-bm ss -bs BATCH, one warm-up and one measured batch), so the count per chunk is the count / (2 x BATCH); it
# includes the JVM's own threads (JIT, GC, JMH), which the table shows separately by call name.
#
#   tools/kernel-strace-per-chunk.sh OUT_DIR [CHUNK_BYTES [BATCH]]
#
# Writes OUT_DIR/c.strace, java.strace (strace -c tables) and per-chunk.md. Needs cc, strace and a JDK 22+.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ${1:-} == --in-vm ]]; then
  out=$2 java=$3 jar=$4 cbin=$5 chunk=$6 batch=$7
  strace -f -c -o "$out/c.strace" "$cbin" stream copy "$chunk" 2 >"$out/c.log" 2>&1 || echo "afalg_loop failed: $?" >>"$out/c.log"
  strace -f -c -o "$out/java.strace" "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" org.openjdk.jmh.Main \
    'ChunkBenchmark.chunked$' -p backend='kernel[binding=ffm]' -p buffer=direct -p chunkSize="$chunk" -p mode=stream \
    -p keyBits=128 -p op=encrypt -f 0 -bm ss -bs "$batch" -wi 1 -i 1 >"$out/java.log" 2>&1 || echo "jmh failed: $?" >>"$out/java.log"
  exit 0
fi

out=${1:?usage: tools/kernel-strace-per-chunk.sh OUT_DIR [CHUNK_BYTES [BATCH]]}
chunk=${2:-16}
batch=${3:-20000}
for tool in cc strace; do
  command -v "$tool" >/dev/null || { echo "kernel-strace-per-chunk: SKIPPED: no $tool here" >&2; exit 0; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
cc -O2 -Wall -o "$out/afalg_loop" tools/afalg-loop/afalg_loop.c
source .ci/ffm-jdk.sh
cp "${CHUNKBENCH_JAR:-benchmarks/target/benchmarks.jar}" "$out/benchmarks.jar"
xfer=$(mktemp -d "${TMPDIR:-/tmp}/kernel-strace.XXXXXX")
tools/kernel-vm/run --timeout 1200 --xfer "$xfer" -- \
  bash "$PWD/tools/kernel-strace-per-chunk.sh" --in-vm "$xfer" "$ffm_jdk/bin/java" "$out/benchmarks.jar" "$out/afalg_loop" "$chunk" "$batch"
cp -r "$xfer"/. "$out/"
rm -rf "$xfer"

# strace -c rows: "% time seconds usecs/call calls [errors] syscall"; the name is the last field
calls() { awk -v n="$2" '$NF == n && $4 ~ /^[0-9]+$/ { print $4; f = 1 } END { if (!f) print 0 }' "$1"; }
chunks_c=$(sed -n 's/.*chunks=\([0-9]*\).*/\1/p' "$out/c.log")
{
  echo "System calls per chunk, kernel[binding=ffm] (direct, stream, io=copy, $chunk B) against afalg_loop, strace -f -c in the VM."
  echo "Java: JMH -f 0 -bm ss -bs $batch -wi 1 -i 1, so 2 x $batch chunks; C: afalg_loop 2 s (measured chunks: ${chunks_c:-?},"
  echo "plus its warm-up quarter). Counts include the JVM's own threads."
  echo
  echo "| call | C calls | Java calls | Java calls per chunk |"
  echo "|---|---:|---:|---:|"
  for n in sendmsg read recvmsg write splice vmsplice futex sched_yield clock_gettime madvise mprotect; do
    c=$(calls "$out/c.strace" $n) j=$(calls "$out/java.strace" $n)
    awk -v n=$n -v c="$c" -v j="$j" -v b="$batch" 'BEGIN { printf "| %s | %d | %d | %.4f |\n", n, c, j, j / (2 * b) }'
  done
  total() { awk '$NF == "total" { print $4 }' "$1"; }
  echo "| (all calls) | $(total "$out/c.strace") | $(total "$out/java.strace") | $(awk -v j="$(total "$out/java.strace")" -v b="$batch" 'BEGIN { printf "%.4f", j / (2 * b) }') |"
} | tee "$out/per-chunk.md"
