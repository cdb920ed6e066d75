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
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

log="$(mktemp)"
trap 'rm -rf "$log" "${tmp:-}"' EXIT
mvn -B --no-transfer-progress -pl benchmarks -am package -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='KnownAnswerTest,BadInputTest,DirectionTest,FoldersAndOutputTest,HistoryAndExportTest' | tee "$log"
if grep -q "gnuplot is not installed here" "$log" benchmarks/target/surefire-reports/*.txt 2>/dev/null; then
  echo "CI: the history chart test was skipped; gnuplot must be present" >&2
  exit 1
fi

jar=benchmarks/target/benchmarks.jar
fixture=benchmarks/src/test/resources/compare/jmh-quick.json
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

# One row made 10% slower (samples scaled, score rescored as JMH does): exit 1, that row first.
python3 - "$fixture" "$tmp/slow.json" <<'PY'
import json, statistics, sys
run = json.load(open(sys.argv[1]))
for r in run:
    if r["benchmark"].endswith(".encrypt") and r["params"] == {"backend": "bc-lightweight", "chunkSize": "4096"}:
        pm = r["primaryMetric"]
        pm["rawData"] = [[x * 0.9 for x in f] for f in pm["rawData"]]
        xs = [x for f in pm["rawData"] for x in f]
        pm["score"] = statistics.mean(xs)
        pm["scoreError"] = 4.780912585933472 * statistics.stdev(xs) / len(xs) ** 0.5  # t(0.9995, 9)
json.dump(run, open(sys.argv[2], "w"))
PY
expect 1 java -jar "$jar" compare "$fixture" "$tmp/slow.json"
grep -m1 '^| \*\*regression\*\*' "$tmp/out" | grep -q 'backend=bc-lightweight chunkSize=4096'
[[ $(grep -c '^| \*\*regression\*\*' "$tmp/out") == 1 ]]

head -c 3000 "$fixture" >"$tmp/truncated.json"
expect 2 java -jar "$jar" compare "$fixture" "$tmp/truncated.json"
[[ $(wc -l <"$tmp/err") == 1 ]] && grep -q "not valid JSON" "$tmp/err"
echo '{"not": "jmh"}' >"$tmp/other.json"
expect 2 java -jar "$jar" compare "$tmp/other.json" "$fixture"

expect 0 java -jar "$jar" history "$fixture" "$tmp/slow.json" --backend bc-lightweight --row jmh-mode=thrpt --out "$tmp/history"
[[ -s "$tmp/history/history.png" && -s "$tmp/history/history.svg" ]]
expect 0 java -jar "$jar" export "$fixture" --format github-action-benchmark --only bigger
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert len(a)==4 and all("backend=" in e["name"] for e in a)' "$tmp/out"
echo "compare stage: OK"
