#!/usr/bin/env bash
# Live evaluation of `chunkbench gate` (issue 20, targets 1-3): A/A gate runs and gate runs with an injected slowdown,
# on a quiet machine and under a background load this script starts on purpose. Both sides are the same build; the
# slowdown is experiments/slowdown's knob (-Dslowdown.every=N: every Nth operation pushes one more chunk through a
# second cipher), read only by SlowdownBenchmark, which lives outside the product. Results: OUTDIR/summary.md.
#
#   experiments/gate/evaluate.sh OUTDIR
# env: QUIET_RUNS (5) and LOADED_RUNS (3) gate runs per scenario; SCENARIOS ("aa loss10 loss5"); GATE_JMH,
#      GATE_ROUNDS, GATE_LOOKS (the gate's --jmh, --rounds, --looks; for a smoke check e.g. GATE_JMH="-wi 0 -i 1 -r 20ms"
#      GATE_ROUNDS=2 GATE_LOOKS=1); GROUPS (row groups, default: sunjce and bc-lightweight at 64 B, 4 KiB, 64 KiB, the
#      gate's default rows).
# Needs a quiet machine: it refuses to start while the 1-minute load is 1.5 or more (FORCE=1 overrides), and it
# records the load before every gate run. A full run (5+5+5 quiet, 3+3+3 loaded, ~5 min each) takes about 2 hours.
#
# Injected losses: every=9 is 1/9 more work per operation (throughput -10%), every=19 is 1/19 more (-5%).
# Loaded: one duty-cycled busy loop (busy 0.5 s, idle 0.5 s, so half of one of the two cores), started before and
# stopped after each loaded gate run, as a shared CI runner's neighbour would be.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: evaluate.sh OUTDIR}")"
quiet=${QUIET_RUNS:-5}
loaded=${LOADED_RUNS:-3}
scenarios=${SCENARIOS:-aa loss10 loss5}
load1() { cut -d' ' -f1 /proc/loadavg; }
if [[ -z "${FORCE:-}" ]] && awk -v l="$(load1)" 'BEGIN { exit !(l >= 1.5) }'; then
  echo "evaluate: the load is $(load1); this needs a quiet machine (load below 1.5), or FORCE=1" >&2
  exit 2
fi
cp="$("$root/experiments/slowdown/build.sh" "$out")"
jar="$out/benchmarks.jar"
groups=${GROUPS:-"backend=sunjce;chunkSize=64,4096,65536 backend=bc-lightweight;chunkSize=64,4096,65536"}
group_args=()
for g in $groups; do group_args+=(--group "$g"); done
extra=()
[[ -n "${GATE_JMH:-}" ]] && extra+=(--jmh "$GATE_JMH")
[[ -n "${GATE_ROUNDS:-}" ]] && extra+=(--rounds "$GATE_ROUNDS")
[[ -n "${GATE_LOOKS:-}" ]] && extra+=(--looks "$GATE_LOOKS")

busy_pid=""
start_load() {
  ( while :; do timeout 0.5 bash -c 'while :; do :; done' || true; sleep 0.5; done ) &
  busy_pid=$!
}
stop_load() {
  if [[ -n "$busy_pid" ]]; then
    kill -- "$busy_pid" 2>/dev/null || true
    wait "$busy_pid" 2>/dev/null || true
    busy_pid=""
  fi
}
trap stop_load EXIT

summary="$out/summary.md"
{
  echo "# gate evaluation, $(date -u +%FT%TZ), commit $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "Command: \`QUIET_RUNS=$quiet LOADED_RUNS=$loaded SCENARIOS=\"$scenarios\" GATE_JMH=\"${GATE_JMH:-}\" GATE_ROUNDS=${GATE_ROUNDS:-} GATE_LOOKS=${GATE_LOOKS:-} experiments/gate/evaluate.sh OUTDIR\`"
  echo
  echo "| run | machine | scenario | load before | exit | regressions | rows | elapsed |"
  echo "|---|---|---|--:|--:|--:|--:|--:|"
} >"$summary"

run_gate() { # run_gate MACHINE SCENARIO INDEX
  local machine=$1 scenario=$2 i=$3 knob=()
  case $scenario in
    aa) ;;
    loss10) knob=(--head-jmh "-jvmArgsAppend -Dslowdown.every=9") ;;
    loss5) knob=(--head-jmh "-jvmArgsAppend -Dslowdown.every=19") ;;
    *) echo "evaluate: unknown scenario $scenario" >&2; exit 2 ;;
  esac
  local name="$machine-$scenario-$i" before status
  before=$(load1)
  [[ $machine == loaded ]] && start_load
  set +e
  java -jar "$jar" gate --base "$cp" --head "$cp" --benchmark 'SlowdownBenchmark\.chunked$' "${group_args[@]}" \
    "${knob[@]}" "${extra[@]}" --out "$out/$name" >"$out/$name.log" 2>&1
  status=$?
  set -e
  [[ $machine == loaded ]] && stop_load
  local md="$out/$name/gate.md" regressions="-" rows="-" elapsed="-"
  if [[ -f "$md" ]]; then
    regressions=$(grep -c '^| \*\*regression\*\*' "$md" || true)
    rows=$(grep -c '^| [a-z*]' "$md" || true)
    elapsed=$(sed -n 's/.* launches in \([0-9ms]*\);.*/\1/p' "$md")
  fi
  echo "| $name | $machine | $scenario | $before | $status | $regressions | $rows | $elapsed |" >>"$summary"
  echo "$(date -u +%T) $name: exit $status, $regressions regression(s) of $rows rows (load before $before)"
}

for machine in quiet loaded; do
  n=$quiet
  [[ $machine == loaded ]] && n=$loaded
  for i in $(seq 1 "$n"); do
    for scenario in $scenarios; do
      run_gate "$machine" "$scenario" "$i"
    done
  done
done
{
  echo
  echo "Targets (issue 20): loss10 flagged on >= 90% of rows quiet and >= 60% loaded; loss5 on >= 50% quiet; aa: at most"
  echo "1 run in 100 with any regression. Per-row detail, MDE and the launch order are in each run's gate.md and order.tsv."
} >>"$summary"
echo "evaluate: summary in $summary"
