#!/usr/bin/env bash
# CI stage for compare/history/export (issue 6): the known-answer tests with gnuplot present (so the chart
# test cannot skip), then the command line end to end on the committed fixture, checking exit statuses.
# Runs from the repo root on Debian 12 as root, after .ci/run (or alone: it builds what it needs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
command -v mvn >/dev/null || missing+=(maven)
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
if ((${#missing[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

log="$(mktemp)"
trap 'rm -rf "$log" "${tmp:-}"' EXIT
mvn -B --no-transfer-progress -pl benchmarks -am package -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='KnownAnswerTest,BadInputTest,DirectionTest,FoldersAndOutputTest,HistoryAndExportTest,HostileInputTest' | tee "$log"
if grep -q "gnuplot is not installed here" "$log" benchmarks/target/surefire-reports/*.txt 2>/dev/null; then
  echo "CI: the history chart test was skipped; gnuplot must be present" >&2
  exit 1
fi

jar=benchmarks/target/benchmarks.jar
fixture=benchmarks/src/test/resources/compare/jmh-quick.json
# The fork is compare's unit: the real 2-fork fixture can never show a regression, its 8-fork copy can.
forked=benchmarks/src/test/resources/compare/jmh-quick-8forks.json
tmp="$(mktemp -d)"
expect() { # expect STATUS command...
  local want=$1; shift
  set +e; "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?; set -e
  if [[ $got != "$want" ]]; then
    echo "CI: expected exit $want, got $got from: $*" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1
  fi
}
expect 0 java -jar "$jar" compare "$fixture" "$fixture"
grep -q "no regression" "$tmp/out"
grep -q "rows have a single fork on a side\|no change is detectable with 2 vs 2 forks" "$tmp/out"
expect 0 java -jar "$jar" compare "$forked" "$forked"
grep -q "no regression" "$tmp/out"

# One row made 10% slower: the committed copy of the 8-fork fixture whose bc-lightweight 4096 encrypt samples were
# scaled by 0.9 (score and 99.9% error recomputed from them as JMH does). Expect exit 1 and exactly that row.
cp benchmarks/src/test/resources/compare/jmh-quick-8forks-bc-lightweight-4096-slower.json "$tmp/slow.json"
expect 1 java -jar "$jar" compare "$forked" "$tmp/slow.json"
grep -m1 '^| \*\*regression\*\*' "$tmp/out" | grep -q 'backend=bc-lightweight chunkSize=4096'
[[ $(grep -c '^| \*\*regression\*\*' "$tmp/out") == 1 ]]

head -c 3000 "$fixture" >"$tmp/truncated.json"
expect 2 java -jar "$jar" compare "$fixture" "$tmp/truncated.json"
[[ $(wc -l <"$tmp/err") == 1 ]] && grep -q "not valid JSON" "$tmp/err"
echo '{"not": "jmh"}' >"$tmp/other.json"
expect 2 java -jar "$jar" compare "$tmp/other.json" "$fixture"
# A failure that is not the input's fault is 3, never 1 (which CI reads as a regression): --out under a file.
echo x >"$tmp/a-file"
expect 3 java -jar "$jar" compare "$fixture" "$fixture" --out "$tmp/a-file/compare.md"
[[ $(wc -l <"$tmp/err") == 1 ]]

expect 0 java -jar "$jar" history "$fixture" "$tmp/slow.json" --backend bc-lightweight --row jmh-mode=thrpt --out "$tmp/history"
[[ -s "$tmp/history/history.png" && -s "$tmp/history/history.svg" ]]
expect 0 java -jar "$jar" export "$fixture" --format github-action-benchmark --only bigger
[[ $(grep -o '"name" *: *"[^"]*"' "$tmp/out" | wc -l) == 4 ]]
[[ $(grep -o '"name" *: *"[^"]*backend=[^"]*"' "$tmp/out" | wc -l) == 4 ]]
echo "compare stage: OK"
