#!/usr/bin/env bash
# CI stage: prepares the kernel VM for each kernel series CI tests (tools/kernel-vm/setup: bookworm 6.1 and 6.12,
# sid 7.2, experimental 7.3), tests the runner (tools/kernel-vm/selftest, on the default 6.12) and proves the AF_ALG path from the
# project's own build output on each kernel (AfAlgSmoke inside the guest).
# env: KERNEL_SERIES (default "6.12 6.1 7.2 7.3") the series to prepare and smoke-test.
# Run from the repository root after the normal Maven build; builds backends' test classes if missing.
# env: KERNEL_VM_FRESH=1 deletes the VM cache first (to measure a setup with downloads).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source tools/lib.sh   # now, secs, backends_test_cp
timings=()
timed() { # label, command...
  local label=$1 t status=0
  shift
  t=$(now)
  "$@" || status=$?
  timings+=("$(printf '%-34s %6s s' "$label" "$(secs $(($(now) - t)))")")
  return $status
}
stage_start=$(now)
passed=0 failed=0

cache=${CHUNKBENCH_VM_CACHE:-${HOME:-/root}/.cache/chunkbench/kernel-vm}
if [[ ${KERNEL_VM_FRESH:-0} == 1 ]]; then
  echo "kernel-vm stage: deleting $cache to measure a setup from scratch"
  rm -rf "$cache"
fi
series_list=${KERNEL_SERIES:-6.12 6.1 7.2 7.3}
for s in $series_list; do
  CHUNKBENCH_VM_KERNEL_SERIES=$s timed "setup $s" tools/kernel-vm/setup
done
timed "setup again (cached)" tools/kernel-vm/setup --quiet

boot_log=$(mktemp)
trap 'rm -f "$boot_log"' EXIT
timed "run -- true (boot, run, power off)" tools/kernel-vm/run -v -- true 2>"$boot_log"
boot=$(sed -n 's/^kernel-vm: command started \([0-9.]*\) s after the call$/\1/p' "$boot_log")
timings+=("$(printf '%-34s %6s s' "  of which call to command start" "${boot:-?}")")

log=$(mktemp)
trap 'rm -f "$boot_log" "$log"' EXIT
# Output goes to a file, not a pipe: timed must run in this shell to keep its timing.
sf=0
timed "selftest" tools/kernel-vm/selftest >"$log" 2>&1 || sf=1
cat "$log"
grep -q '^selftest: [0-9]* passed, 0 failed$' "$log" || sf=1
if [[ $sf == 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "kernel-vm stage: selftest failed"; fi

if [[ ! -r backends/target/test-classpath.txt || ! -d backends/target/test-classes/org/chunkbench/backends/kernel/smoke ]]; then
  timed "build backends test classes" mvn -B -q -o -pl backends -am process-test-classes
fi
cp=$(backends_test_cp)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
host_rc=0
"$java" -cp "$cp" org.chunkbench.backends.kernel.smoke.AfAlgSmoke >/dev/null 2>&1 || host_rc=$?
case $host_rc in
  0) echo "kernel-vm stage: note: this host's own kernel has AF_ALG too" ;;
  77) echo "kernel-vm stage: this host's kernel has no AF_ALG (expected here); the VM supplies one" ;;
  *) echo "kernel-vm stage: AfAlgSmoke on the host exited $host_rc (only informative)" ;;
esac
for s in $series_list; do
  smoke_rc=0
  # AfAlgSmoke binds driver names, which Linux 7.3 refuses at crypto.af_alg_restrict=1 (its default): 0 where it exists.
  timed "AfAlgSmoke in the VM ($s)" tools/kernel-vm/run --kernel-series "$s" --timeout 300 -- bash -c \
    'f=/proc/sys/crypto/af_alg_restrict; if [[ -e $f ]]; then echo 0 >"$f"; fi; exec "$@"' _ "$java" -cp "$cp" \
    org.chunkbench.backends.kernel.smoke.AfAlgSmoke >"$log" || smoke_rc=$?
  cat "$log"
  matches=$(grep -c 'matches NIST SP 800-38A F.5.1' "$log" || true)
  # Three driver names are checked by default; fewer lines means something was skipped.
  if [[ $smoke_rc == 0 && $matches == 3 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "kernel-vm stage: AfAlgSmoke in the VM ($s) exited $smoke_rc with $matches of 3 algorithms matching"
  fi
done

timings+=("$(printf '%-34s %6s s' "whole kernel-vm stage" "$(secs $(($(now) - stage_start)))")")
echo "kernel-vm stage timings (emulated; never benchmark results):"
printf '  %s\n' "${timings[@]}"
echo "kernel-vm: $passed passed, $failed failed"
((failed == 0))
