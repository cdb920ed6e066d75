#!/usr/bin/env bash
# CI stage: the kernel backend's tests, run for real inside an emulated Debian kernel (tools/kernel-vm/run),
# because the build hosts have no AF_ALG. Run after .ci/run (which ran `mvn -B verify` on the host) and after
# .ci/kernel-vm.sh (which set up the VM). Prints "kernel tests (SERIES): N run, F failed, S skipped" and fails
# when N == 0, F > 0, or a kernel test was skipped inside the VM for any reason but one this kernel version
# explains (a reason starting "expected on this kernel: ", e.g. key=keyring contract tests before 6.2, after the
# ENOPROTOOPT answer was asserted); those are counted and listed. Inside the guest it also checks the CLI against
# openssl enc and kcapi-enc (aes-gcm against SunJCE's records, since openssl enc has no AEAD), the AF_ALG traits this kernel must show, and a live seccomp denial (.ci/seccomp-denial.sh).
#
#   .ci/kernel-tests.sh [--kernel-series S] [--skip-build]   the stage (host side); S = 6.1, 6.12 (default), 7.2 or 7.3
#   .ci/kernel-tests.sh --in-vm DIR                          what runs inside the guest; reports go to DIR
#
# SECCOMP_REAL_RUN (default 1): 1 makes the seccomp check's `run` a real --smoke run (about 80 s in the VM),
# 0 only plans it (--dry-run); .ci/run does the real run on 6.12 only.
# KERNEL_TESTS_SECCOMP (default 1): 0 leaves the in-VM seccomp check out (.ci/run runs it in the 6.12 VM and on the host).
# KERNEL_TESTS_PATTERN: the JUnit class-name pattern (default every kernel test class); KERNEL_TESTS_CLI=0 skips the CLI checks.
# KERNEL_TESTS_RESTRICT=0 leaves out the checks that a kernel without crypto.af_alg_restrict restricts nothing
# (.ci/kernel-restrict.sh --absent-checks; on 7.3, where the sysctl exists, the guest sets it to 0 first instead).
# KERNEL_OPEN_CLOSE_COUNT (default 100000) sets the open/close cycles of the descriptor-leak test.
# KERNEL_VM_RUN overrides the runner (default tools/kernel-vm/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/lib.sh

jar=benchmarks/target/benchmarks.jar
# Short-lived CLI runs under emulation: C1 only, since C2's compile threads cost more than they save.
cli_java=(java --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1)

guest() {
  local out=$1
  local report=$out/kernel-tests.tsv
  local cp java home tag rc t all_rc=0
  cp=$(backends_test_cp)
  echo "guest: $(uname -r); ctr(aes) drivers: $(awk '/^name/{n=$3} /^driver/{if(n=="ctr(aes)")printf "%s ",$3}' /proc/crypto)"
  : >"$report"
  : >"$out/kernel-tests.stderr"
  # KERNEL_TESTS_JAVAS: the JVMs to run the suite with, one after the other in this boot (default: java). Each
  # report line's test name starts with its JDK ("jdk17: ..."), so the host counts each JDK apart.
  for java in ${KERNEL_TESTS_JAVAS:-java}; do
    home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
    tag=jdk$(jdk_feature "$home")
    rc=0 t=$SECONDS
    "$java" --enable-native-access=ALL-UNNAMED -Dchunkbench.kernel.openCloseCount="${KERNEL_OPEN_CLOSE_COUNT:-100000}" \
      -cp "$cp" org.chunkbench.backends.kernel.KernelTestMain "$out/junit.tsv" ${KERNEL_TESTS_PATTERN:+"$KERNEL_TESTS_PATTERN"} \
      2>>"$out/kernel-tests.stderr" || rc=$?
    ((rc == 0)) || all_rc=$rc
    tagged "$tag" <"$out/junit.tsv" >>"$report"
    echo "guest: JUnit on $tag took $((SECONDS - t)) s (status $rc)"
    if [[ ${KERNEL_TESTS_CLI:-1} == 1 ]]; then
      t=$SECONDS
      cli_java=("$java" "${cli_java[@]:1}")
      cli_checks "$out" | tagged "$tag" >>"$report" || true
      echo "guest: CLI checks on $tag took $((SECONDS - t)) s"
    fi
  done
  echo "$all_rc" >"$out/junit.rc"
  # Without crypto.af_alg_restrict (Linux before 7.3) nothing is restricted: an unprivileged user binds drivers.
  if [[ ${KERNEL_TESTS_RESTRICT:-1} == 1 && ! -e /proc/sys/crypto/af_alg_restrict ]]; then
    t=$SECONDS
    RESTRICT_WHO=${RESTRICT_WHO:-user} bash .ci/kernel-restrict.sh --absent-checks "$out" >>"$report" \
      2>>"$out/kernel-tests.stderr" || true
    echo "guest: crypto.af_alg_restrict absent: checks took $((SECONDS - t)) s"
  fi
  [[ ${KERNEL_TESTS_SECCOMP:-1} == 0 ]] && return 0
  t=$SECONDS
  local real=()
  [[ ${SECCOMP_REAL_RUN:-1} == 1 ]] && real=(--real-run)
  bash .ci/seccomp-denial.sh "${real[@]}" --helper target/deny-af-alg >>"$report" 2>"$out/seccomp.stderr" || true
  echo "guest: seccomp denial checks took $((SECONDS - t)) s"
}

# What this kernel version must show (docs/kernel-backend.md, "Across kernels"): key by serial from 6.2 on,
# the generic C driver's name, the splice probe's verdict. From `chunkbench backends`, as a user sees it.
# tagged TAG: report lines with TAG before the test name (the second field).
tagged() { sed "s/^\([A-Z]*\)\t/\1\t$1: /"; }

trait_checks() {
  local out=$1 major minor listing
  IFS=. read -r major minor _ <<<"$(uname -r)"
  listing=$("${cli_java[@]}" -jar "$jar" backends 2>&1)
  printf '%s\n' "$listing" | sed -n '/^kernel:/,/^[a-z]/p' >"$out/backends.txt"
  trait() { # name, fixed string the listing must contain
    if grep -qF -- "$2" <<<"$listing"; then printf 'PASSED\ttraits: %s\t\t\n' "$1"
    else printf 'FAILED\ttraits: %s\tnot in chunkbench backends: %s\n' "$1" "$2"; fi
  }
  if ((major > 6 || (major == 6 && minor >= 2))); then
    trait "ALG_SET_KEY_BY_KEY_SERIAL present (Linux >= 6.2)" "ALG_SET_KEY_BY_KEY_SERIAL (key=keyring, --key-serial): yes"
  else
    trait "ALG_SET_KEY_BY_KEY_SERIAL absent (Linux < 6.2)" "ALG_SET_KEY_BY_KEY_SERIAL (key=keyring, --key-serial): no (ENOPROTOOPT"
  fi
  trait "generic C driver offered as $generic" "$generic"
  trait "zero-copy probe reached a verdict" "io=splice: the kernel copies spliced data at splice time"
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
  # A command that must fail: exit status 1 and exactly one line on stderr containing the text.
  check_fails() { # name, text, command...
    local name=$1 text=$2 rc=0; shift 2
    "$@" >/dev/null 2>"$tmp/err.raw" || rc=$?
    # keyctl session announces the keyring it joined on stderr; that line is keyctl's, not chunkbench's.
    grep -v '^Joined session keyring: ' "$tmp/err.raw" >"$tmp/err" || true
    if [[ $rc == 1 && $(wc -l <"$tmp/err") == 1 ]] && grep -qF -- "$text" "$tmp/err"; then
      printf 'PASSED\tcli: %s\t\t\n' "$name"
    else
      printf 'FAILED\tcli: %s\texit %s: %s\n' "$name" "$rc" "$(tr '\n' ' ' <"$tmp/err" | cut -c1-300)"
    fi
  }
  local enc=("${cli_java[@]}" -jar "$jar" encrypt --backend kernel --key "$key" --iv "$iv" --in "$tmp/plain" --out "$tmp/got")
  local no_serial="error 92 (ENOPROTOOPT): this kernel has no ALG_SET_KEY_BY_KEY_SERIAL (it needs Linux 6.2 or later); use key=raw"
  check "encrypt --backend kernel = openssl enc" "$tmp/openssl" "${enc[@]}"
  if [[ $keyring == yes ]]; then
    check "--driver $generic --io splice --key-source keyring --chunk 4096 = openssl enc" "$tmp/openssl" \
      "${enc[@]}" --driver "$generic" --io splice --key-source keyring --chunk 4096
  else
    check "--driver $generic --io splice --chunk 4096 = openssl enc" "$tmp/openssl" \
      "${enc[@]}" --driver "$generic" --io splice --chunk 4096
    check_fails "--key-source keyring before Linux 6.2: exit 1, one line, ENOPROTOOPT" "$no_serial" \
      "${enc[@]}" --key-source keyring
  fi
  check "--driver ctr-aes-aesni --mode per-chunk-iv --chunk 1048576 = openssl enc" "$tmp/openssl" \
    "${enc[@]}" --driver ctr-aes-aesni --mode per-chunk-iv --chunk 1048576
  # Keys off the command line: a key file, and a descriptor (as kcapi-enc --keyfd); key=keyring binds a logon key.
  printf '%s\n' "$key" >"$tmp/key.hex"
  # key=keyring needs ALG_SET_KEY_BY_KEY_SERIAL (Linux 6.2+); before that the key file goes in as key=raw.
  local key_source=raw
  [[ $keyring == yes ]] && key_source=keyring
  check "--key-file (hex) --key-source $key_source = openssl enc" "$tmp/openssl" \
    "${cli_java[@]}" -jar "$jar" encrypt --backend kernel --key-file "$tmp/key.hex" --key-source "$key_source" --iv "$iv" \
    --in "$tmp/plain" --out "$tmp/got"
  printf '%s' "$key" | xxd -r -p >"$tmp/key.raw"
  check "--key-fd 0 (raw bytes on standard input) = openssl enc" "$tmp/openssl" bash -c '"$@" <"$0"' "$tmp/key.raw" \
    "${cli_java[@]}" -jar "$jar" encrypt --backend kernel --key-fd 0 --iv "$iv" --in "$tmp/plain" --out "$tmp/got"
  check "decrypt --io splice restores the plaintext" "$tmp/plain" \
    "${cli_java[@]}" -jar "$jar" decrypt --backend 'kernel[io=splice]' --key "$key" --iv "$iv" \
    --in "$tmp/openssl" --out "$tmp/got"
  # --key-serial: the key goes into a fresh session keyring with keyctl; the JVM is only told its number.
  if command -v keyctl >/dev/null && [[ $keyring == no ]]; then
    printf '%s' "$key" | xxd -r -p >"$tmp/key.bin"
    check_fails "--key-serial before Linux 6.2: exit 1, one line, ENOPROTOOPT" "$no_serial" keyctl session - bash -c \
      'serial=$(keyctl padd user chunkbench:cli @s <"$1") && shift && exec "$@" --key-serial "$serial" --key-bits 256' \
      _ "$tmp/key.bin" "${cli_java[@]}" -jar "$jar" encrypt --backend kernel --iv "$iv" \
      --in "$tmp/plain" --out "$tmp/got"
  elif command -v keyctl >/dev/null; then
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
  # aes-gcm: openssl enc refuses AEAD ciphers, so the oracle is SunJCE's records through the same command (the
  # host's tests check those against the published GCM test cases); a changed byte in record 2 stops decrypt there.
  local gcm=(--cipher aes-gcm --key "$key" --iv cafebabefacedbaddecaf888 --aad 17030300ff0000000000000001 --chunk 4096)
  "${cli_java[@]}" -jar "$jar" encrypt --backend sunjce "${gcm[@]}" --in "$tmp/plain" --out "$tmp/gcm"
  check "encrypt --cipher aes-gcm --backend kernel = sunjce's records" "$tmp/gcm" \
    "${cli_java[@]}" -jar "$jar" encrypt --backend kernel "${gcm[@]}" --in "$tmp/plain" --out "$tmp/got"
  check "decrypt --cipher aes-gcm --backend kernel restores the plaintext" "$tmp/plain" \
    "${cli_java[@]}" -jar "$jar" decrypt --backend kernel "${gcm[@]}" --in "$tmp/gcm" --out "$tmp/got"
  local at=$((2 * (4096 + 16) + 100)) byte
  byte=$(od -An -tu1 -j "$at" -N1 "$tmp/gcm" | tr -d ' ')
  printf "\\x$(printf '%02x' $((byte ^ 1)))" | dd of="$tmp/gcm" bs=1 seek="$at" conv=notrunc status=none
  rm -f "$tmp/got"
  check_fails "decrypt --cipher aes-gcm --backend kernel: a changed byte stops it at record 2, exit 1, one line" \
    "record 2 failed authentication" "${cli_java[@]}" -jar "$jar" decrypt --backend kernel "${gcm[@]}" --in "$tmp/gcm" --out "$tmp/got"
  if [[ -e $tmp/got ]]; then printf 'FAILED\tcli: aes-gcm bad record: no --out file\t%s exists\n' "$tmp/got"
  else printf 'PASSED\tcli: aes-gcm bad record: no --out file\t\t\n'; fi
  rm -rf "$tmp"
}

if [[ ${1:-} == --in-vm ]]; then
  # The generic C AES is aes-generic before Linux 7.0 and aes-lib from 7.0 on; key by serial exists from 6.2.
  IFS=. read -r major minor _ <<<"$(uname -r)"
  if ((major >= 7)); then generic='ctr(aes-lib)'; else generic='ctr(aes-generic)'; fi
  if ((major > 6 || (major == 6 && minor >= 2))); then keyring=yes; else keyring=no; fi
  uname -r >"$2/kernel"
  # Linux 7.3 refuses driver names and the null cipher at crypto.af_alg_restrict=1 (its default); these tests bind
  # them, so they run at 0, set here as root. .ci/kernel-restrict.sh tests 1 and 2.
  if [[ -e /proc/sys/crypto/af_alg_restrict ]]; then
    echo "guest: crypto.af_alg_restrict $(cat /proc/sys/crypto/af_alg_restrict) -> 0 for these tests"
    echo 0 >/proc/sys/crypto/af_alg_restrict
  fi
  guest "$2"
  trait_checks "$2" >>"$2/kernel-tests.tsv" || true
  exit 0
fi

series=${CHUNKBENCH_VM_KERNEL_SERIES:-6.12}
build=1
while (($#)); do
  case $1 in
    --kernel-series) series=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    *) echo "kernel-tests: unknown option '$1'" >&2; exit 2 ;;
  esac
done
export CHUNKBENCH_VM_KERNEL_SERIES=$series

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
if [[ $build == 1 || ! -r backends/target/test-classpath.txt || ! -r $jar ]]; then
  mvn -B -q -Dstyle.color=never -DskipTests package
fi
# The seccomp helper is compiled here, where cc runs at native speed; the guest runs it.
command -v cc >/dev/null || { echo "kernel-tests: no C compiler for tools/seccomp/deny-af-alg.c (apt-get install gcc)" >&2; exit 1; }
mkdir -p target && cc -O2 -Wall -o target/deny-af-alg tools/seccomp/deny-af-alg.c

xfer=$(mktemp -d "${TMPDIR:-/tmp}/kernel-tests.XXXXXX")
trap 'cp "$xfer/kernel-tests.tsv" "target/kernel-tests-$series.tsv" 2>/dev/null || true; cp "$xfer/lines.txt" "target/kernel-restrict-$series-lines.txt" 2>/dev/null || true; rm -rf "$xfer"' EXIT
mkdir -p target
vm_rc=0
env_args=(--env KERNEL_OPEN_CLOSE_COUNT="${KERNEL_OPEN_CLOSE_COUNT:-100000}" --env SECCOMP_REAL_RUN="${SECCOMP_REAL_RUN:-1}")
[[ -n ${CHUNKBENCH_VM_CACHE:-} ]] && env_args+=(--env CHUNKBENCH_VM_CACHE)
for v in KERNEL_TESTS_JAVAS KERNEL_TESTS_PATTERN KERNEL_TESTS_CLI KERNEL_TESTS_SECCOMP KERNEL_TESTS_RESTRICT RESTRICT_JAVAS RESTRICT_WHO; do
  if [[ -n ${!v:-} ]]; then env_args+=(--env "$v=${!v}"); fi
done
t_vm=$SECONDS
# The guest's time bound: 750 s per JVM of KERNEL_TESTS_JAVAS (6.12's whole suite with its CLI checks took 437 s on
# JDK 17 and about 450 s on JDK 25 under emulation on a 2-core host; 900 s for both was too little once aes-gcm came).
read -ra vm_javas <<<"${KERNEL_TESTS_JAVAS:-java}"
"$runner" --timeout $((750 * ${#vm_javas[@]})) --xfer "$xfer" "${env_args[@]}" \
  -- bash .ci/kernel-tests.sh --in-vm "$xfer" || vm_rc=$?

report=$xfer/kernel-tests.tsv
if [[ ! -s $report ]]; then
  echo "kernel tests: no report came back from the VM (runner status $vm_rc)" >&2
  [[ -s $xfer/kernel-tests.stderr ]] && tail -40 "$xfer/kernel-tests.stderr" >&2
  exit 1
fi
t_vm=$((SECONDS - t_vm))
passed=$(grep -c '^PASSED' "$report" || true)
failed=$(grep -c '^FAILED' "$report" || true)
skipped=$(grep -c '^SKIPPED' "$report" || true)
expected=$(grep '^SKIPPED' "$report" | grep -c $'\t[^\t]*expected on this kernel: ' || true)
run=$((passed + failed))
grep -E '^FAILED' "$report" | cut -c1-400 || true
grep -E '^SKIPPED' "$report" | grep -v $'\t[^\t]*expected on this kernel: ' | cut -c1-400 || true
if ((expected > 0)); then
  echo "kernel tests: $expected skips this kernel explains, by class and reason:"
  grep '^SKIPPED' "$report" | grep $'\t[^\t]*expected on this kernel: ' |
    sed -E 's/^SKIPPED\t.*\[class:([^]]*)\][^\t]*\t[^\t]*expected on this kernel: ([^\t]*).*/\1: \2/' | sort | uniq -c
fi
if ((failed > 0)) && [[ -s $xfer/kernel-tests.stderr ]]; then
  echo "--- stack traces (first 80 lines) ---"
  head -80 "$xfer/kernel-tests.stderr"
fi
# Per JDK (the suite and the CLI checks), then the checks that ran once ("other": traits, restriction, seccomp).
awk -F'\t' -v series="$series" '
  { t = "other"; if (match($2, /^jdk[0-9]+: /)) t = substr($2, 1, RLENGTH - 2)
    n[t, $1]++; tags[t] = 1 }
  END { for (t in tags) printf "kernel tests (%s, %s): %d run, %d failed, %d skipped\n", series, t,
          n[t, "PASSED"] + n[t, "FAILED"], n[t, "FAILED"], n[t, "SKIPPED"] }' "$report" | sort
junit_rc=$(cat "$xfer/junit.rc" 2>/dev/null || echo missing)
kernel=$(cat "$xfer/kernel" 2>/dev/null)
echo "kernel tests ($series, ${kernel:-?}): $run run, $failed failed, $skipped skipped ($expected expected on this kernel); stage took $((SECONDS - t0)) s, VM $t_vm s; VM status $vm_rc, JUnit status $junit_rc"
if ((run == 0)); then
  echo "kernel tests: none ran; a run that executes no kernel test is a failure" >&2
  exit 1
fi
if ((failed > 0 || skipped > expected || vm_rc != 0)) || [[ $junit_rc != 0 ]]; then
  echo "kernel tests: failed (inside the VM every kernel test must run and pass, or be skipped for a reason this kernel explains)" >&2
  exit 1
fi
