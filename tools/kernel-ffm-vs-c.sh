#!/usr/bin/env bash
# The issue-11 kernel target: kernel[binding=ffm] with direct buffers against tools/afalg-loop/afalg_loop.c (the
# same system calls in C) in ONE boot of the emulated kernel (tools/kernel-vm), chunks 16 B, 1 KiB, 16 KiB, 64 KiB,
# stream and per-chunk-iv. The VM's timings are emulated: only the ratio means anything.
#
# C and Java are interleaved per point, so that both see the same state of a shared host:
#   C, Java fork 1, C, Java fork 2, C, ..., Java fork FORKS, C
# Each Java fork is its own JMH run of one fork (chunkbench run, -prof gc); its ratio is taken to the mean of the
# C runs just before and just after it. The table gives the median ratio over the forks and its spread (min-max).
# Then, unless ALLOC=0, two more JMH runs give the bytes allocated per chunk (-prof gc) of kernel[binding=jna]
# (heap and direct) and kernel[binding=ffm] (heap; direct comes from the forks above), stream mode.
# io=copy runs JMH directly (org.openjdk.jmh.Main), io=splice through chunkbench run (see jmh() below).
#
#   tools/kernel-ffm-vs-c.sh OUT_DIR [copy|splice]     # waits for the machine's benchmark lock (tools/lib.sh)
#   tools/kernel-ffm-vs-c.sh --summarize OUT_DIR [copy|splice]    # the tables again from an OUT_DIR, no VM
#
# Environment (defaults in brackets): FORKS [3] Java forks per point, C_SECONDS [3] per C run (plus a quarter of
# warm-up), JMH_TIMES ["-wi 10 -w 1s -i 5 -r 1s -jvmArgsAppend -XX:+UseSerialGC": a warm-up long enough for the JIT to finish and one GC thread, since qemu runs every guest thread on one host thread], MODES ["stream per-chunk-iv"], CHUNKS ["16 1024 16384 65536"],
# BINDING [ffm] the binding of the Java forks (jna: the same comparison for binding=jna, on the JDK 22+ too),
# ALLOC [1], ALLOC_TIMES ["-wi 2 -w 1s -i 3 -r 1s"], VM_TIMEOUT [5400] seconds for the whole boot.
# Writes OUT_DIR/c.tsv, java.tsv, alloc.tsv, kernel-targets.md, and each JMH run's results folder under OUT_DIR/java/.
# Needs cc (skipped, with the reason, where there is none), jq, and a JDK 22+ (.ci/ffm-jdk.sh finds it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/lib.sh
read -r -a chunks <<<"${CHUNKS:-16 1024 16384 65536}"
read -r -a modes <<<"${MODES:-stream per-chunk-iv}"
forks=${FORKS:-3}
c_seconds=${C_SECONDS:-3}
jmh_times=${JMH_TIMES:--wi 10 -w 1s -i 5 -r 1s -jvmArgsAppend -XX:+UseSerialGC}
alloc=${ALLOC:-1}
binding=${BINDING:-ffm}
[[ $binding == ffm || $binding == jna ]] || { echo "kernel-ffm-vs-c: BINDING must be ffm or jna, not '$binding'" >&2; exit 2; }
alloc_times=${ALLOC_TIMES:--wi 2 -w 1s -i 3 -r 1s}

if [[ ${1:-} == --in-vm ]]; then
  out=$2 java=$3 jar=$4 cbin=$5 io=$6 binding=${7:-ffm}
  # One C run: appends "mode chunk seq ns" to c.tsv; a failure is logged and leaves the row out.
  c_run() {
    local line
    if line=$("$cbin" "$1" "$io" "$2" "$c_seconds" 2>>"$out/c.log"); then
      echo "$line" >>"$out/c.log"
      echo "$1 $2 $3 ${line##*ns_per_chunk=}" >>"$out/c.tsv"
    else
      echo "afalg_loop $1 $io $2 failed: $?" >>"$out/c.log"
    fi
  }
  # One JMH run, results in DIR/jmh.json. io=copy calls JMH directly: "kernel[binding=ffm]" is io=copy, and a JMH
  # process less per fork matters under emulation. JMH splits -p values at commas, so io=splice (a variant with a
  # comma) goes through chunkbench run.
  jmh() { # DIR BACKENDS(JMH list) BACKENDS(chunkbench list) BUFFERS CHUNKS(commas) MODES TIMES
    mkdir -p "$1"
    if [[ $io == copy ]]; then
      CHUNKBENCH_IN_VM=1 "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" org.openjdk.jmh.Main 'ChunkBenchmark.chunked$' \
        -p backend="$2" -p buffer="$4" -p chunkSize="$5" -p mode="$6" -p keyBits=128 -p op=encrypt \
        -f 1 $7 -prof gc -rf json -rff "$1/jmh.json" >"$1.log" 2>&1 || echo "jmh failed: $?" >>"$1.log"
    else
      rmdir "$1"
      CHUNKBENCH_IN_VM=1 "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" run --backends "$3" \
        --chunks "$5" --modes "$6" --buffers "$4" --no-baseline --out "$1" \
        --jmh "-f 1 $7 -prof gc" >"$1.log" 2>&1 || echo "jmh failed: $?" >>"$1.log"
    fi
  }
  java_run() { # mode chunk fork
    jmh "$out/java/$1-$2-$3" "kernel[binding=$binding]" "kernel[binding=$binding,io=$io]" direct "$2" "$1" "$jmh_times"
  }
  mkdir -p "$out/java"
  : >"$out/c.tsv"
  for m in "${modes[@]}"; do
    for n in "${chunks[@]}"; do
      echo "$(date -u +%T) $m $n" >>"$out/progress.log"
      c_run "$m" "$n" 0
      for ((r = 1; r <= forks; r++)); do
        java_run "$m" "$n" "$r"
        c_run "$m" "$n" "$r"
      done
    done
  done
  if [[ $alloc == 1 ]]; then # stream mode; kernel[binding=ffm] with direct buffers is in the forks above
    all=$(IFS=,; echo "${chunks[*]}")
    echo "$(date -u +%T) alloc" >>"$out/progress.log"
    jmh "$out/java/alloc-jna" "kernel[binding=jna]" "kernel[binding=jna,io=$io]" heap,direct "$all" stream "$alloc_times"
    jmh "$out/java/alloc-ffm" "kernel[binding=ffm]" "kernel[binding=ffm,io=$io]" heap "$all" stream "$alloc_times"
  fi
  echo "$(date -u +%T) done" >>"$out/progress.log"
  exit 0
fi

summarize_only=0
if [[ ${1:-} == --summarize ]]; then summarize_only=1; shift; fi
out=${1:?usage: tools/kernel-ffm-vs-c.sh [--summarize] OUT_DIR [copy|splice]}
io=${2:-copy}
[[ $io == copy || $io == splice ]] || { echo "kernel-ffm-vs-c: io must be copy or splice, not '$io'" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
command -v jq >/dev/null || { echo "kernel-ffm-vs-c: needs jq (apt-get install jq)" >&2; exit 1; }
if ((summarize_only)); then
  started=$(sed -n 1p "$out/when.txt" 2>/dev/null || echo "?") finished=$(sed -n 2p "$out/when.txt" 2>/dev/null || echo "?")
elif ! command -v cc >/dev/null; then
  echo "kernel-ffm-vs-c: SKIPPED: no C compiler (cc) here to build tools/afalg-loop/afalg_loop.c" | tee "$out/kernel-targets.md"
  exit 0
else
  bench_lock
  cc -O2 -Wall -o "$out/afalg_loop" tools/afalg-loop/afalg_loop.c
  source .ci/ffm-jdk.sh
  jar=$out/benchmarks.jar
  cp "${CHUNKBENCH_JAR:-benchmarks/target/benchmarks.jar}" "$jar" # CHUNKBENCH_JAR: a jar built on JDK 22+ elsewhere
  xfer=$(mktemp -d "${TMPDIR:-/tmp}/kernel-ffm-vs-c.XXXXXX")
  started=$(date -u +%FT%TZ)
  tools/kernel-vm/run --timeout "${VM_TIMEOUT:-5400}" --xfer "$xfer" \
    --env CHUNKS="${chunks[*]}" --env MODES="${modes[*]}" --env FORKS="$forks" --env C_SECONDS="$c_seconds" \
    --env JMH_TIMES="$jmh_times" --env ALLOC="$alloc" --env ALLOC_TIMES="$alloc_times" -- \
    bash "$PWD/tools/kernel-ffm-vs-c.sh" --in-vm "$xfer" "$ffm_jdk/bin/java" "$jar" "$out/afalg_loop" "$io" "$binding"
  cp -r "$xfer"/. "$out/"
  rm -rf "$xfer"
  finished=$(date -u +%FT%TZ)
  printf '%s\n%s\n' "$started" "$finished" >"$out/when.txt"
fi

# java.tsv: mode chunk fork ns_per_chunk alloc_bytes_per_chunk (from each fork's jmh.json)
alloc_jq='(.secondaryMetrics["·gc.alloc.rate.norm"].score // .secondaryMetrics["gc.alloc.rate.norm"].score // "n/a")'
: >"$out/java.tsv"
for m in "${modes[@]}"; do
  for n in "${chunks[@]}"; do
    for ((r = 1; r <= forks; r++)); do
      f=$out/java/$m-$n-$r/jmh.json
      [[ -s $f ]] || { echo "kernel-ffm-vs-c: no result for $m $n fork $r (see ${f%/jmh.json}.log)" >&2; continue; }
      jq -r --arg r "$r" ".[] | select(.benchmark | endswith(\"chunked\")) |
        [.params.mode, .params.chunkSize, \$r, (1e9 / .primaryMetric.score), $alloc_jq] | @tsv" "$f" >>"$out/java.tsv"
    done
  done
done
: >"$out/alloc.tsv"
for f in "$out"/java/alloc-jna/jmh.json "$out"/java/alloc-ffm/jmh.json "$out"/java/stream-*-1/jmh.json; do
  [[ -s $f ]] || continue
  jq -r ".[] | select(.benchmark | endswith(\"chunked\")) | select(.params.mode == \"stream\") |
    [.params.backend, .params.buffer, .params.mode, .params.chunkSize, (1e9 / .primaryMetric.score), $alloc_jq] | @tsv" \
    "$f" >>"$out/alloc.tsv"
done
{
  echo "kernel[binding=$binding,io=$io], direct buffers, against afalg_loop (C, io=$io) in the same VM boot ($started to $finished);"
  echo "emulated timings (qemu TCG), only the ratio counts. Per point: C, then $forks x (one JMH fork, C); each fork's"
  echo "ratio is to the mean of the C runs either side of it. JMH per fork: $jmh_times; C: $c_seconds s per run."
  echo
  echo "| mode | chunk | Java ns/chunk (median of forks) | C ns/chunk (median of runs) | ratio: median | ratio: min-max | target | alloc B/chunk (max of forks) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -v forks="$forks" '
    function median(a, k,   i, j, t) { # sorts a[1..k] in place
      for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    FILENAME ~ /c\.tsv$/ { c[$1 " " $2 " " $3] = $4; next }
    { k = $1 " " $2; if (!(k in seen)) { seen[k] = 1; order[++np] = k }
      j[k " " $3] = $4; if (!(k in al) || $5 + 0 > al[k] + 0) al[k] = $5 }
    END {
      for (p = 1; p <= np; p++) {
        k = order[p]; split(k, f, " "); nj = nc = nr = 0; delete J; delete C; delete R
        for (r = 0; r <= forks; r++) if ((k " " r) in c) C[++nc] = c[k " " r]
        for (r = 1; r <= forks; r++) {
          if (!((k " " r) in j)) continue
          J[++nj] = j[k " " r]
          if ((k " " (r - 1)) in c && (k " " r) in c) R[++nr] = j[k " " r] / ((c[k " " (r - 1)] + c[k " " r]) / 2)
        }
        if (nr == 0) { printf "| %s | %d | %s | %s | n/a | n/a | 1.2x | %s |\n", f[1], f[2], nj ? median(J, nj) : "n/a", nc ? median(C, nc) : "n/a", al[k]; continue }
        mj = median(J, nj); mc = median(C, nc); mr = median(R, nr)
        printf "| %s | %d | %.0f | %.0f | %.2fx | %.2f-%.2fx | 1.2x | %.3g |\n", f[1], f[2], mj, mc, mr, R[1], R[nr], al[k]
      }
    }' "$out/c.tsv" "$out/java.tsv"
  if [[ -s $out/alloc.tsv ]]; then
    echo
    echo "Bytes allocated per chunk (-prof gc, gc.alloc.rate.norm), stream mode, one JMH fork each ($alloc_times;"
    echo "kernel[binding=ffm] with direct buffers: the first fork of each point above):"
    echo
    echo "| backend | buffer | chunk | ns/chunk (emulated) | alloc B/chunk | alloc B/s |"
    echo "|---|---|---:|---:|---:|---:|"
    # B/s: a cost per chunk stays the same in B/chunk across chunk sizes; a background (JMH, JVM) stays the same in B/s
    sort -t$'\t' -k1,1 -k2,2 -k4,4n "$out/alloc.tsv" | awk -F'\t' '{
      printf "| `%s` | %s | %d | %.0f | %.3g | %s |\n", $1, $2, $4, $5, $6, ($6 == "n/a" ? "n/a" : sprintf("%.0f", $6 / $5 * 1e9)) }'
  fi
} | tee "$out/kernel-targets.md"
