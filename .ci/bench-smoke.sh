#!/usr/bin/env bash
# CI stage for the benchmark sweep: a real `chunkbench run --smoke` (every available backend, one fork, very
# short iterations) must leave a complete results folder, charts included, and `report` must redraw it.
# Runs from the repository root on a fresh Debian machine as root; after `mvn -B verify` (it reuses the jar).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DEBIAN_FRONTEND=noninteractive

if ! command -v gnuplot >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends gnuplot-nox
fi
gnuplot --version

out="$(mktemp -d)/smoke"
trap 'rm -rf "$(dirname "$out")"' EXIT
./chunkbench run --smoke --out "$out"
./chunkbench report --check "$out"
# A published folder does not tell where it was written: jmh.log names the folder by its name only.
! grep -qF "$out" "$out/jmh.log" || { echo "bench-smoke: jmh.log holds the folder's absolute path" >&2; exit 1; }

# Every chart drawn, in both formats, and gnuplot silent when redrawing from the folder alone.
for chart in throughput relative ns-per-chunk; do
  for ext in png svg; do
    [[ -s "$out/$chart.$ext" ]] || { echo "bench-smoke: $chart.$ext missing" >&2; exit 1; }
  done
done
./chunkbench report "$out"
./chunkbench report --check "$out"
grep -q '^## Results by chunk size' "$out/REPORT.md"

# Thread scaling end to end: two thread counts in one run, both in jmh.json and env.json, and the scaling chart.
threads="$(dirname "$out")/threads"
./chunkbench run --smoke --backends sunjce --no-baseline --chunks 64 --threads 1,2 --out "$threads"
./chunkbench report --check "$threads"
tr -d ' \n' <"$threads/env.json" | grep -q '"threadCounts":\[1,2\]' ||
  { echo "bench-smoke: env.json does not record threadCounts [1,2]" >&2; exit 1; }
[[ $(grep -c '"threads" *: *2' "$threads/jmh.json") -ge 1 ]] || { echo "bench-smoke: no 2-thread trial in jmh.json" >&2; exit 1; }
[[ -s "$threads/scaling.png" ]] || { echo "bench-smoke: scaling.png missing" >&2; exit 1; }
grep -q '^## Thread scaling' "$threads/REPORT.md"
# JVM options from the environment (a token in JAVA_TOOL_OPTIONS) reach no fork and no results file: the run
# refuses with status 2 before it creates anything.
leak="$(dirname "$out")/leak"
status=0
JAVA_TOOL_OPTIONS=-Dapi.token=SECRET ./chunkbench run --smoke --backends sunjce --out "$leak" 2>"$leak.err" || status=$?
[[ $status -eq 2 && ! -e "$leak" ]] && grep -q '^chunkbench: JAVA_TOOL_OPTIONS is set in the environment' "$leak.err" ||
  { echo "bench-smoke: a run with JAVA_TOOL_OPTIONS set was not refused (status $status)" >&2; cat "$leak.err" >&2; exit 1; }
echo "bench-smoke: $out complete ($(ls "$out" | tr '\n' ' '))"
