#!/usr/bin/env bash
# CI stage: the kernel backend's tests, run for real inside an emulated Debian 6.12 kernel (tools/kernel-vm/run),
# because the build hosts have no AF_ALG. Run after .ci/run (which ran `mvn -B verify` on the host) and after
# .ci/kernel-vm.sh (which set up the VM). Prints "kernel tests: N run, F failed, S skipped" and fails when
# N == 0, F > 0, or any kernel test was skipped inside the VM (there, nothing has a reason to skip).
#
#   .ci/kernel-tests.sh                 the stage (host side)
#   .ci/kernel-tests.sh --in-vm DIR     what runs inside the guest; reports go to DIR
#
# KERNEL_OPEN_CLOSE_COUNT (default 100000) sets the open/close cycles of the descriptor-leak test.
# KERNEL_VM_RUN overrides the runner (default tools/kernel-vm/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

classpath_file=backends/target/kernel-test-classpath.txt
jar=benchmarks/target/benchmarks.jar
# Short-lived CLI runs under emulation: C1 only, since C2's compile threads cost more than they save.
cli_java=(java --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1)

guest() {
  local out=$1
  local report=$out/kernel-tests.tsv
  local cp
  cp="backends/target/test-classes:backends/target/classes:$(cat "$classpath_file")"
  echo "guest: $(uname -r); ctr(aes) drivers: $(awk '/^name/{n=$3} /^driver/{if(n=="ctr(aes)")printf "%s ",$3}' /proc/crypto)"
  local rc=0
  # KERNEL_TESTS_JAVA / KERNEL_TESTS_PATTERN: another JVM and class pattern (.ci/kernel-ffm-tests.sh: JDK 22+, KernelFfm*).
  "${KERNEL_TESTS_JAVA:-java}" --enable-native-access=ALL-UNNAMED -Dchunkbench.kernel.openCloseCount="${KERNEL_OPEN_CLOSE_COUNT:-100000}" \
    -cp "$cp" org.chunkbench.backends.kernel.KernelTestMain "$report" ${KERNEL_TESTS_PATTERN:+"$KERNEL_TESTS_PATTERN"} \
    2>"$out/kernel-tests.stderr" || rc=$?
  echo "$rc" >"$out/junit.rc"
  echo "guest: JUnit took ${SECONDS} s"
  [[ ${KERNEL_TESTS_CLI:-1} == 0 ]] && return 0
  local t=$SECONDS
  cli_checks "$out" >>"$report" || true
  echo "guest: CLI checks took $((SECONDS - t)) s"
}

# The command-line tool inside the VM against two oracles that are not ours: `openssl enc` and the kernel's
# own answer through libkcapi's `kcapi-enc`. One line per check, in the report's format.
cli_checks() {
  local out=$1 tmp
  tmp=$(mktemp -d)
  local key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
  local iv=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
  head -c $((3 * 65536 + 4099)) /dev/urandom >"$tmp/plain"
  openssl enc -aes-256-ctr -K "$key" -iv "$iv" -in "$tmp/plain" -out "$tmp/openssl"
  check() { # name, expected file, command...
    local name=$1 expected=$2; shift 2
    local err
    if err=$("$@" 2>&1 >/dev/null) && cmp -s "$expected" "$tmp/got"; then
      printf 'PASSED\tcli: %s\t\t\n' "$name"
    else
      printf 'FAILED\tcli: %s\t%s\n' "$name" "$(echo "$err" | tr '\n' ' ' | cut -c1-300)"
    fi
  }
  local enc=("${cli_java[@]}" -jar "$jar" encrypt --backend kernel --key "$key" --iv "$iv" --in "$tmp/plain" --out "$tmp/got")
  check "encrypt --backend kernel = openssl enc" "$tmp/openssl" "${enc[@]}"
  check "--driver ctr(aes-generic) --io splice --key-source keyring --chunk 4096 = openssl enc" "$tmp/openssl" \
    "${enc[@]}" --driver 'ctr(aes-generic)' --io splice --key-source keyring --chunk 4096
  check "--driver ctr-aes-aesni --mode per-chunk-iv --chunk 1048576 = openssl enc" "$tmp/openssl" \
    "${enc[@]}" --driver ctr-aes-aesni --mode per-chunk-iv --chunk 1048576
  # Keys off the command line: a key file, and a descriptor (as kcapi-enc --keyfd); key=keyring binds a logon key.
  printf '%s\n' "$key" >"$tmp/key.hex"
  check "--key-file (hex) --key-source keyring = openssl enc" "$tmp/openssl" \
    "${cli_java[@]}" -jar "$jar" encrypt --backend kernel --key-file "$tmp/key.hex" --key-source keyring --iv "$iv" \
    --in "$tmp/plain" --out "$tmp/got"
  printf '%s' "$key" | xxd -r -p >"$tmp/key.raw"
  check "--key-fd 3 (raw bytes) = openssl enc" "$tmp/openssl" bash -c '"$@" 3<"$0"' "$tmp/key.raw" \
    "${cli_java[@]}" -jar "$jar" encrypt --backend kernel --key-fd 3 --iv "$iv" --in "$tmp/plain" --out "$tmp/got"
  check "decrypt --io splice restores the plaintext" "$tmp/plain" \
    "${cli_java[@]}" -jar "$jar" decrypt --backend 'kernel[io=splice]' --key "$key" --iv "$iv" \
    --in "$tmp/openssl" --out "$tmp/got"
  # --key-serial: the key goes into a fresh session keyring with keyctl; the JVM is only told its number.
  if command -v keyctl >/dev/null; then
    printf '%s' "$key" | xxd -r -p >"$tmp/key.bin"
    check "--key-serial (user key, session keyring) = openssl enc" "$tmp/openssl" keyctl session - bash -c \
      'serial=$(keyctl padd user chunkbench:cli @s <"$1") && shift && exec "$@" --key-serial "$serial" --key-bits 256' \
      _ "$tmp/key.bin" "${cli_java[@]}" -jar "$jar" encrypt --backend kernel --iv "$iv" \
      --in "$tmp/plain" --out "$tmp/got"
  else
    printf 'SKIPPED\tcli: --key-serial\tno keyctl command (package keyutils)\n'
  fi
  # kcapi-enc asks the kernel for the cipher's parameters over NETLINK_CRYPTO: the VM loads crypto_user for it.
  # libkcapi's one-shot call re-sends the IV for every 64 KiB piece (its issue #127), so compare on 64 KiB.
  # stdin/stdout rather than -i/-o: kcapi-enc mmaps its output file, which fails on some filesystems.
  if ! command -v kcapi-enc >/dev/null; then
    printf 'SKIPPED\tcli: kcapi-enc oracle\tno kcapi-enc command (package kcapi-tools)\n'
  elif ! grep -q '^crypto_user ' /proc/modules; then
    printf 'SKIPPED\tcli: kcapi-enc oracle\tkcapi-enc needs the crypto_user module, which the VM did not load\n'
  else
    head -c 65536 "$tmp/plain" >"$tmp/plain64k"
    printf '%s' "$key" | xxd -r -p >"$tmp/key.bin"
    kcapi-enc -q -e -c 'ctr(aes)' --iv "$iv" --keyfd 3 <"$tmp/plain64k" >"$tmp/kcapi" 3<"$tmp/key.bin" || true
    check "encrypt --backend kernel = kcapi-enc (64 KiB)" "$tmp/kcapi" \
      "${cli_java[@]}" -jar "$jar" encrypt --backend kernel --key "$key" --iv "$iv" \
      --in "$tmp/plain64k" --out "$tmp/got"
  fi
  rm -rf "$tmp"
}

if [[ ${1:-} == --in-vm ]]; then
  guest "$2"
  exit 0
fi

t0=$SECONDS
runner=${KERNEL_VM_RUN:-tools/kernel-vm/run}
[[ -x $runner ]] || { echo "kernel-tests: $runner is missing; the kernel VM runner is needed" >&2; exit 1; }

# Oracles and key tools used inside the guest come from the host's root, which the guest shares.
missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v kcapi-enc >/dev/null || missing+=(kcapi-tools)
command -v keyctl >/dev/null || missing+=(keyutils)
command -v xxd >/dev/null || missing+=(xxd)
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Compile on the host (the guest is 10-15x slower); .ci/run's verify has built most of it already.
mvn -B -q -Dstyle.color=never -DskipTests package
mvn -B -q -Dstyle.color=never -pl backends dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

xfer=$(mktemp -d "${TMPDIR:-/tmp}/kernel-tests.XXXXXX")
trap 'cp "$xfer/kernel-tests.tsv" target/kernel-tests.tsv 2>/dev/null; rm -rf "$xfer"' EXIT
mkdir -p target
vm_rc=0
env_args=(--env KERNEL_OPEN_CLOSE_COUNT="${KERNEL_OPEN_CLOSE_COUNT:-100000}")
[[ -n ${CHUNKBENCH_VM_CACHE:-} ]] && env_args+=(--env CHUNKBENCH_VM_CACHE)
for v in KERNEL_TESTS_JAVA KERNEL_TESTS_PATTERN KERNEL_TESTS_CLI; do
  if [[ -n ${!v:-} ]]; then env_args+=(--env "$v=${!v}"); fi
done
"$runner" --timeout 600 --xfer "$xfer" "${env_args[@]}" \
  -- bash .ci/kernel-tests.sh --in-vm "$xfer" || vm_rc=$?

report=$xfer/kernel-tests.tsv
if [[ ! -s $report ]]; then
  echo "kernel tests: no report came back from the VM (runner status $vm_rc)" >&2
  [[ -s $xfer/kernel-tests.stderr ]] && tail -40 "$xfer/kernel-tests.stderr" >&2
  exit 1
fi
passed=$(grep -c '^PASSED' "$report" || true)
failed=$(grep -c '^FAILED' "$report" || true)
skipped=$(grep -c '^SKIPPED' "$report" || true)
run=$((passed + failed))
grep -E '^(FAILED|SKIPPED)' "$report" | cut -c1-400 || true
if ((failed > 0)) && [[ -s $xfer/kernel-tests.stderr ]]; then
  echo "--- stack traces (first 80 lines) ---"
  head -80 "$xfer/kernel-tests.stderr"
fi
junit_rc=$(cat "$xfer/junit.rc" 2>/dev/null || echo missing)
echo "kernel tests: $run run, $failed failed, $skipped skipped (stage took $((SECONDS - t0)) s; VM status $vm_rc, JUnit status $junit_rc)"
if ((run == 0)); then
  echo "kernel tests: none ran; a run that executes no kernel test is a failure" >&2
  exit 1
fi
if ((failed > 0 || skipped > 0 || vm_rc != 0)) || [[ $junit_rc != 0 ]]; then
  echo "kernel tests: failed (inside the VM every kernel test must run and pass)" >&2
  exit 1
fi
