#!/usr/bin/env bash
# Replay study of history's change points (docs/compare.md#history): histories of recorded forks with injected steps,
# precision and recall of the detector. Computation only; it measures nothing, so it may run beside anything.
#   experiments/history-replay/run.sh OUTDIR [HistoryReplay options] [FOLDER...]   (folders default: results/*/)
# Writes OUTDIR/replay.txt (the figures), OUTDIR/example/ (the first replayed history with a step, one JMH JSON per
# run) and OUTDIR/chart/ (chunkbench history's chart of it, its output in OUTDIR/chart.txt). Paths it prints are
# relative to the repository root when OUTDIR is inside it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: run.sh OUTDIR [options] [FOLDER...]}")"
shift
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -DskipTests package)
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -proc:none -d "$classes" -cp "$jar" "$root/experiments/history-replay/HistoryReplay.java"
cd "$root"
folders=()
has_folder=false
for a in "$@"; do [[ -e "$a" ]] && has_folder=true; done
$has_folder || folders=(results/*/)
mkdir -p "$out"
rel="$(realpath -m --relative-to="$root" "$out")"
[[ $rel == ../* ]] && rel="$out"
rm -rf "$out/example" "$out/chart"
java -cp "$classes:$jar" HistoryReplay --write "$rel/example" "$@" "${folders[@]}" | tee "$out/replay.txt"
# the example history through chunkbench history, as a user would chart it
(cd "$out" && java -jar "$jar" history example/run-* --out chart) | tee "$out/chart.txt"
