#!/usr/bin/env bash
# The openssl targets in one sitting: `openssl speed -evp aes-128-ctr` (before and after) and
# openssl[binding=ffm] / openssl[binding=jna] per chunk through the JMH sweep, stream mode, heap and direct buffers,
# with -prof gc, then the ratio table (ns per chunk / openssl speed's ns per operation). With CIPHER=aes-gcm the
# same for sealed records: `openssl speed -aead -evp aes-128-gcm` against the sweep's aes-gcm rows (heap buffers,
# encrypt: sealing). Only ratios from one sitting mean anything on a shared machine, so it waits for the machine's
# benchmark lock (tools/lib.sh):
#
#   [CIPHER=aes-ctr|aes-gcm] tools/openssl-ffm-targets.sh OUT_DIR [JMH_OPTIONS]
#
# JAVA chooses the JVM (default: the newest JDK 22+ that tools/lib.sh's find_jdk22 finds; FFM needs JDK 22+). After the sweep, the no-op call benchmark
# (NativeCallBenchmark: JNA, FFM, critical FFM) runs in the same sitting, into OUT_DIR/noop.json. JMH_OPTIONS default: "-f 3 -wi 3 -w 1s -i 5 -r 1s".
# Needs jq and the openssl command.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:?usage: tools/openssl-ffm-targets.sh OUT_DIR [JMH_OPTIONS]}
jmh=${2:-"-f 3 -wi 3 -w 1s -i 5 -r 1s"}
source tools/lib.sh
if [[ -z ${JAVA:-} ]]; then
  jdk=$(find_jdk22)
  [[ -n $jdk ]] || { echo "openssl-ffm-targets: no JDK 22+ found (FFM needs one); set JAVA or FFM_JAVA_HOME" >&2; exit 2; }
  JAVA=$jdk/bin/java
fi
java=$JAVA
bench_lock
sizes=(16 1024 16384)
cipher=${CIPHER:-aes-ctr}
case $cipher in
  aes-ctr) buffers=heap,direct ;;
  aes-gcm) buffers=heap ;;
  *) echo "openssl-ffm-targets: CIPHER must be aes-ctr or aes-gcm, not '$cipher'" >&2; exit 2 ;;
esac
mkdir -p "$out"

# -elapsed: wall-clock time, as JMH measures (openssl speed's default divides by CPU user time, which on a shared
# machine hides exactly the contention JMH sees); parsed by the project's one parser (analysis.OpenSslSpeed).
speed() { # prints "size ns_per_op" for each size given
  "$java" -cp "${CHUNKBENCH_JAR:-benchmarks/target/benchmarks.jar}" org.chunkbench.analysis.OpenSslSpeed "$cipher" 128 3 "$@"
}

# CHUNKBENCH_JAR: run a copy of benchmarks.jar (so a build in this tree cannot replace it mid-run).
if [[ -n ${CHUNKBENCH_JAR:-} ]]; then
  cb=("$java" --enable-native-access=ALL-UNNAMED -jar "$CHUNKBENCH_JAR")
else
  cb=(env JAVA="$java" ./chunkbench)
  "${cb[@]}" backends >/dev/null # builds benchmarks.jar if it is missing or stale, before speed() uses it
fi
openssl version >"$out/openssl-version.txt"
: >"$out/openssl-speed-before.txt"
: >"$out/openssl-speed-after.txt"
: >"$out/chunkbench.tsv"
# One chunk size at a time, bracketed by openssl speed at that size: the load of a shared machine drifts over
# minutes, so each ratio compares numbers taken within about two minutes of each other.
for n in "${sizes[@]}"; do
  speed "$n" >>"$out/openssl-speed-before.txt"
  "${cb[@]}" run --backends 'openssl[binding=ffm],openssl[binding=jna]' --ciphers "$cipher" --chunks "$n" \
    --buffers "$buffers" --modes stream --no-baseline --out "$out/run-$n" --jmh "$jmh -prof gc" >"$out/run-$n.log" 2>&1
  speed "$n" >>"$out/openssl-speed-after.txt"
  jq -r '.[] | select(.benchmark | endswith("chunked")) | [.params.backend, .params.buffer, .params.chunkSize,
      (1e9 / .primaryMetric.score), (.secondaryMetrics["gc.alloc.rate.norm"].score // "n/a")] | @tsv' \
    "$out/run-$n/jmh.json" >>"$out/chunkbench.tsv"
done

{
  echo "| backend | buffer | chunk | ns/chunk | openssl speed ns/op (before, after) | ratio (to the mean) | alloc B/chunk |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  awk 'FILENAME ~ /before/ { b[$1] = $2; next } FILENAME ~ /after/ { a[$1] = $2; next }
       { m = (b[$3] + a[$3]) / 2; printf "| `%s` | %s | %d | %.1f | %.1f, %.1f | %.2fx | %.4f |\n", $1, $2, $3, $4, b[$3], a[$3], $4 / m, $5 }' \
    "$out/openssl-speed-before.txt" "$out/openssl-speed-after.txt" "$out/chunkbench.tsv"
} | tee "$out/targets.md"

jar=${CHUNKBENCH_JAR:-benchmarks/target/benchmarks.jar}
"$java" --enable-native-access=ALL-UNNAMED -cp "$jar" org.openjdk.jmh.Main NativeCallBenchmark $jmh \
  -rf json -rff "$out/noop.json" >"$out/noop.log" 2>&1
jq -r '.[] | "| \(.params.call) | \(.primaryMetric.score * 100 | round / 100) ± \(.primaryMetric.scoreError * 100 | round / 100) ns |"' \
  "$out/noop.json" | { echo "| call | ns per no-op call |"; echo "|---|---:|"; cat; } | tee "$out/noop.md"
