#!/usr/bin/env bash
# Replay study of history's change points (docs/compare.md#history): histories of recorded forks with injected steps,
# precision and recall of the detector. Computation only; it measures nothing, so it may run beside anything.
#   experiments/history-replay/run.sh OUTDIR [HistoryReplay options] [FOLDER...]   (folders default: results/*/)
# Writes OUTDIR/replay.txt (the figures) and OUTDIR/example/ (one replayed history) with its chart in OUTDIR/chart/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: run.sh OUTDIR [options] [FOLDER...]}")"
shift
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -DskipTests package)
mkdir -p "$out/classes"
javac -proc:none -d "$out/classes" -cp "$jar" "$root/experiments/history-replay/HistoryReplay.java"
folders=()
has_folder=false
for a in "$@"; do [[ -e "$a" ]] && has_folder=true; done
$has_folder || folders=("$root"/results/*/)
rm -rf "$out/example"
java -cp "$out/classes:$jar" HistoryReplay --write "$out/example" "$@" "${folders[@]}" | tee "$out/replay.txt"
# the example history through chunkbench history, as a user would chart it
java -jar "$jar" history "$out"/example/run-* --out "$out/chart" >"$out/chart.txt" || true
cat "$out/chart.txt"
