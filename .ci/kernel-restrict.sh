#!/usr/bin/env bash
# CI stage: Linux 7.3's crypto.af_alg_restrict, inside the 7.3 VM (tools/kernel-vm/run --kernel-series 7.3). In one
# boot, in the order the issue asks for: the sysctl at its default 1, then 0, then 2, each as root and as an
# unprivileged user (uid 65534, no capabilities), asserting the exit status and the exact one-line message of
# `chunkbench backends` and `encrypt` (aes-ctr, and aes-gcm: refused at 1 even for root, at 0 equal to SunJCE's
# records); at 1 also one `run --smoke` as root (the refused variants and the null-cipher
# control left out with the kernel's reason) and which capability the kernel asks for (CAP_NET_ADMIN alone,
# CAP_SYS_ADMIN alone, CAP_SYS_RESOURCE alone); at 0 the named kernel test subset (KernelTestMain, as on 6.1 and
# 7.2); after 2, whether the kernel lets 2 be lowered again. Prints
# "kernel restrict (7.3, RELEASE): N run, F failed" and fails when anything failed or nothing ran.
#
#   .ci/kernel-restrict.sh [--skip-build]             the stage (host side)
#   .ci/kernel-restrict.sh --in-vm DIR                what runs inside the guest; report and printed lines go to DIR
#   .ci/kernel-restrict.sh --absent-checks DIR        inside a kernel without the sysctl (.ci/kernel-tests.sh on 6.12
#                                                     and 7.2): the unprivileged user still binds drivers
#
# RESTRICT_JAVAS (default "java"): the java commands the CLI checks run, each in turn (both JDK lines by hand:
#   RESTRICT_JAVAS="java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java"); binding=jna on 17, binding=ffm on 22+.
# RESTRICT_WHO (default "root user"): who runs them; .ci/kernel-tests.sh's absent checks run as "user" only (root's
#   commands are its own CLI checks). RESTRICT_JUNIT=0 leaves out the kernel test subset at 0; RESTRICT_SMOKE=0 the run at 1.
# KERNEL_VM_RUN overrides the runner (default tools/kernel-vm/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/lib.sh   # backends_test_cp

jar=benchmarks/target/benchmarks.jar
sysctl=/proc/sys/crypto/af_alg_restrict
key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
iv=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
unprivileged=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

# The messages chunkbench must print (AfAlgRestriction); the tests compare whole lines.
R1='refused by crypto.af_alg_restrict=1'
ctr_refused="bind(skcipher, \"ctr(aes)\") failed with error 2 (ENOENT): $R1: the kernel allows ctr(aes) only to a process with CAP_NET_ADMIN or CAP_SYS_ADMIN in the initial user namespace, which this one lacks (neither CAP_NET_ADMIN nor CAP_SYS_ADMIN); run it as root (or with one of those capabilities), or have root set sysctl crypto.af_alg_restrict=0"
driver_meaning() { # driver: what backends says of it
  echo "error 2 (ENOENT): $R1: $1 is not on the kernel's AF_ALG allowlist (driver names never are); use the algorithm name ctr(aes) instead, or have root set sysctl crypto.af_alg_restrict=0 to bind drivers"
}
driver_refused() { # driver: the error of binding it
  echo "bind(skcipher, \"$1\") failed with $(driver_meaning "$1")"
}
null_refused="null cipher (ecb(cipher_null), the decomposition's control): error 2 (ENOENT): $R1: the null cipher (ecb(cipher_null)) is not on the kernel's AF_ALG allowlist; root can set sysctl crypto.af_alg_restrict=0 to let it bind"
# gcm(aes) (aead) is refused at 1 to every process, root included (issue 22).
gcm_refused="bind(aead, \"gcm(aes)\") failed with error 2 (ENOENT): $R1: the kernel binds no aead gcm(aes) through AF_ALG at this level, not even for root; root can set sysctl crypto.af_alg_restrict=0 to let it bind"
giv=cafebabefacedbaddecaf888
gaad=17030300ff0000000000000001
disabled="socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error 97 (EAFNOSUPPORT): AF_ALG is disabled by crypto.af_alg_restrict=2 (the kernel has AF_ALG); as root, sysctl crypto.af_alg_restrict=0 (or 1) enables it"

pass() { printf 'PASSED\trestrict: %s\t\t\n' "$1"; }
fail() { printf 'FAILED\trestrict: %s\t%s\n' "$1" "$(printf '%s' "$2" | tr '\n\t' '  ' | cut -c1-600)"; }

# One chunkbench command as root or as the unprivileged user; keeps its exit status, stdout and stderr, and writes
# what it printed (the kernel part of `backends`, or stderr) to DIR/lines for the record.
cb() { # who label java args...
  local who=$1 label=$2 java=$3; shift 3
  local pre=()
  [[ $who == user ]] && pre=("${unprivileged[@]}")
  # The sticky folder would not let the user replace root's output: every command starts without one.
  rm -f "$work/got"
  rc=0
  "${pre[@]}" "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar "$jar_copy" "$@" \
    >"$work/out" 2>"$work/err" || rc=$?
  {
    printf '### %s (exit %s)\n' "$label" "$rc"
    if [[ $1 == backends ]]; then
      grep -E '^kernel +' "$work/out" || true
      sed -n '/^kernel:/,/^[a-z]/p' "$work/out" | grep -v '^[a-z]' | grep -E 'not available|names to bind|af_alg_restrict|do not bind|^      |null cipher|aes-gcm' || true
    else
      cat "$work/err"
    fi
  } >>"$out_dir/lines.txt"
}

# exit status 0 and output equal to openssl enc
expect_ok() { # label expected-file
  if [[ $rc == 0 ]] && cmp -s "$2" "$work/got"; then pass "$1"; else fail "$1" "exit $rc: $(cat "$work/err")"; fi
}
# exit status 1 and exactly this one line on stderr
expect_line() { # label line
  if [[ $rc == 1 && $(wc -l <"$work/err") == 1 ]] && [[ $(cat "$work/err") == "$2" ]]; then pass "$1"
  else fail "$1" "exit $rc, stderr: $(cat "$work/err")"; fi
}
# every fixed line given is a whole line of the output, and no line matches the pattern given with -v
expect_lines() { # label [-v ERE] line...
  local label=$1 missing='' no=''; shift
  if [[ ${1:-} == -v ]]; then no=$2; shift 2; fi
  for l in "$@"; do grep -qxF -- "$l" "$work/out" || missing+="[$l] "; done
  if [[ $rc == 0 && -z $missing ]] && { [[ -z $no ]] || ! grep -Eq -- "$no" "$work/out"; }; then pass "$label"
  else fail "$label" "exit $rc; missing: $missing; kernel part: $(sed -n '/^kernel:/,/^[a-z]/p' "$work/out" | head -30)"; fi
}
binding_of() { # java: jna below JDK 22, ffm from 22 (the default binding of each), from the JDK's release file
  local home v
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$1")")")")
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
  if ((${v:-0} >= 22)); then echo ffm; else echo jna; fi
}

checks() { # level
  local level=$1 java b who enc tag
  for java in ${RESTRICT_JAVAS:-java}; do
    b=$(binding_of "$java")
    for who in ${RESTRICT_WHO:-root user}; do
      tag="$level $who binding=$b"
      enc=(encrypt --backend kernel --key "$key" --iv "$iv" --in "$work/plain")
      gcm=(encrypt --cipher aes-gcm --backend kernel --key "$key" --iv "$giv" --aad "$gaad" --chunk 4096 --in "$work/plain")
      case $level in
        1)
          cb "$who" "$tag: backends" "$java" backends
          if [[ $who == root ]]; then
            expect_lines "$tag: backends offers ctr(aes) only, and says why each driver and the null cipher do not bind" \
              -v '^kernel +unavailable' "    names to bind (driver=...): ctr(aes)" "      ctr-aes-aesni: $(driver_meaning ctr-aes-aesni)" \
              "    $null_refused" "    aes-gcm (aead gcm(aes)): unavailable: $gcm_refused"
            cb "$who" "$tag: encrypt --cipher aes-gcm" "$java" "${gcm[@]}" --out "$work/got"
            expect_line "$tag: encrypt --cipher aes-gcm: exit 1, gcm(aes) refused by the sysctl even for root" \
              "chunkbench: backend kernel[binding=$b] has no aes-gcm here: $gcm_refused"
            cb "$who" "$tag: encrypt" "$java" "${enc[@]}" --out "$work/got"
            expect_ok "$tag: encrypt (ctr(aes)) = openssl enc" "$work/expected"
            cb "$who" "$tag: encrypt --driver ctr-aes-aesni" "$java" "${enc[@]}" --out "$work/got" --driver ctr-aes-aesni
            expect_line "$tag: encrypt --driver ctr-aes-aesni: exit 1, refused by the sysctl" "chunkbench: $(driver_refused ctr-aes-aesni)"
          else
            expect_lines "$tag: backends: kernel unavailable, ctr(aes) refused for lack of privilege" \
              "    not available: $ctr_refused" "    names to bind (driver=...): none"
            grep -Eq '^kernel +unavailable' "$work/out" || fail "$tag: backends row says unavailable" "$(head -20 "$work/out")"
            cb "$who" "$tag: encrypt" "$java" "${enc[@]}" --out "$work/got"
            expect_line "$tag: encrypt: exit 1, ctr(aes) refused for lack of privilege" \
              "chunkbench: backend kernel is not available: $ctr_refused"
          fi ;;
        0)
          cb "$who" "$tag: backends" "$java" backends
          expect_lines "$tag: backends: unrestricted, drivers offered" -v '^kernel +unavailable|do not bind here|refused by' \
            "    crypto.af_alg_restrict=0: unrestricted (every name binds)" \
            "    names to bind (driver=...): ctr(aes), ctr-aes-aesni-avx, ctr-aes-aesni, ctr-aes-lib, ctr(aes-lib)" \
            "    null cipher (ecb(cipher_null), the decomposition's control): binds" "    aes-gcm (aead gcm(aes)): available"
          cb "$who" "$tag: encrypt --driver ctr-aes-aesni" "$java" "${enc[@]}" --out "$work/got" --driver ctr-aes-aesni
          expect_ok "$tag: encrypt --driver ctr-aes-aesni = openssl enc" "$work/expected"
          cb "$who" "$tag: encrypt --cipher aes-gcm" "$java" "${gcm[@]}" --out "$work/got"
          expect_ok "$tag: encrypt --cipher aes-gcm --backend kernel = sunjce's records" "$work/expected-gcm" ;;
        2)
          cb "$who" "$tag: backends" "$java" backends
          expect_lines "$tag: backends: AF_ALG disabled by the sysctl, not absent" "    not available: $disabled"
          cb "$who" "$tag: encrypt" "$java" "${enc[@]}" --out "$work/got"
          expect_line "$tag: encrypt: exit 1, AF_ALG disabled by the sysctl" "chunkbench: backend kernel is not available: $disabled" ;;
        absent)
          # Without the sysctl nothing is restricted: the unprivileged user binds a driver, backends offers them all.
          cb "$who" "$tag: backends" "$java" backends
          expect_lines "$tag: backends: drivers offered, no restriction" -v '^kernel +unavailable|af_alg_restrict|do not bind here'
          grep -Eq '^    names to bind \(driver=\.\.\.\): ctr\(aes\), ctr-aes-aesni' "$work/out" ||
            fail "$tag: backends offers ctr-aes-aesni" "$(grep 'names to bind' "$work/out")"
          cb "$who" "$tag: encrypt --driver ctr-aes-aesni" "$java" "${enc[@]}" --out "$work/got" --driver ctr-aes-aesni
          expect_ok "$tag: encrypt --driver ctr-aes-aesni = openssl enc" "$work/expected" ;;
      esac
    done
  done
}

# What the unprivileged user needs must be readable by uid 65534: the shaded jar (its own copy) and the files.
prepare() { # out_dir
  out_dir=$1
  work=$(mktemp -d)
  chmod 1777 "$work"
  jar_copy=$work/benchmarks.jar
  cp "$jar" "$jar_copy" && chmod 644 "$jar_copy"
  head -c $((2 * 65536 + 4099)) /dev/urandom >"$work/plain"
  chmod 644 "$work/plain"
  openssl enc -aes-256-ctr -K "$key" -iv "$iv" -in "$work/plain" -out "$work/expected"
  # openssl enc refuses AEAD ciphers: the GCM oracle is SunJCE's AES/GCM/NoPadding (checked on the host against the
  # published test cases), through the same command.
  java -XX:TieredStopAtLevel=1 -jar "$jar" encrypt --cipher aes-gcm --backend sunjce --key "$key" --iv "$giv" --aad "$gaad" \
    --chunk 4096 --in "$work/plain" --out "$work/expected-gcm"
  : >"$out_dir/lines.txt"
}

# Which capability the kernel asks for at 1 (af_alg_check_restriction: CAP_NET_ADMIN or CAP_SYS_ADMIN in the initial
# user namespace): uid 65534 with one capability at a time binds ctr(aes), or not.
capability_checks() {
  local cap want
  for cap in net_admin sys_admin sys_resource; do
    want=0; [[ $cap == sys_resource ]] && want=1
    rm -f "$work/got"
    rc=0
    setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all,+$cap --ambient-caps=-all,+$cap \
      java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar_copy" encrypt --backend kernel --key "$key" --iv "$iv" --in "$work/plain" \
      --out "$work/got" 2>"$work/err" || rc=$?
    printf '### 1 user with only CAP_%s: encrypt (exit %s)\n%s\n' "${cap^^}" "$rc" "$(cat "$work/err")" >>"$out_dir/lines.txt"
    if [[ $want == 0 ]]; then expect_ok "1 uid 65534 with only CAP_${cap^^}: ctr(aes) binds" "$work/expected"
    else expect_line "1 uid 65534 with only CAP_${cap^^}: ctr(aes) refused" "chunkbench: backend kernel is not available: $ctr_refused"
    fi
  done
}

smoke_run() {
  local r=$work/results
  rc=0
  # The null-cipher control by its old spelling, an alias: the run names it kernel-null[binding=jna,io=copy].
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar "$jar_copy" run --smoke \
    --backends 'kernel,kernel[driver=ctr-aes-aesni],none,kernel[driver=ecb(cipher_null),io=copy]' --chunks 4096 --modes stream --buffers heap \
    --ops encrypt --no-baseline --out "$r" >"$work/out" 2>&1 || rc=$?
  grep -E '^left out |not measured' "$work/out" | sed 's/^/    /' >>"$out_dir/lines.txt" || true
  if [[ $rc == 0 ]] && grep -F "left out kernel[binding=jna,driver=ctr-aes-aesni]: " "$work/out" |
      grep -qF "$(driver_refused ctr-aes-aesni)"; then
    pass "1 root: run --smoke completes, the driver variant left out with the sysctl's reason"
  else
    fail "1 root: run --smoke completes, the driver variant left out with the sysctl's reason" "exit $rc: $(tail -20 "$work/out")"
  fi
  if grep -F "left out kernel-null[binding=jna,io=copy]" "$work/out" | grep -qF "$R1: the null cipher"; then
    pass "1 root: run --smoke leaves the null-cipher control out with the sysctl's reason"
  else
    fail "1 root: run --smoke leaves the null-cipher control out with the sysctl's reason" "$(grep -F 'left out' "$work/out")"
  fi
  # The decomposition of kernel (none is its one measured control) says which components the refusal left unmeasured.
  if [[ -r $r/env.json ]] && tr -d ' \n' <"$r/env.json" | grep -q '"afAlgRestrict":"1","afAlgPrivileged":"yes"' &&
      grep -F 'not measured' "$r/REPORT.md" | grep -qF "$R1: the null cipher"; then
    pass "1 root: env.json records af_alg_restrict 1; the decomposition says the null cipher is refused"
  else
    fail "1 root: env.json records af_alg_restrict 1; the decomposition says the null cipher is refused" \
      "$(tr -d '\n' <"$r/env.json" 2>/dev/null | grep -o '"kernelTraits" *: *{[^}]*' | head -c 300) $(grep -c 'not measured' "$r/REPORT.md" 2>&1)"
  fi
  grep -F 'not measured' "$r/REPORT.md" | grep -F "$R1" | head -2 | sed 's/^/    REPORT.md: /' >>"$out_dir/lines.txt" || true
}

junit_at_zero() {
  local cp jrc=0
  cp=$(backends_test_cp)
  java --enable-native-access=ALL-UNNAMED -Dchunkbench.kernel.openCloseCount=10000 -cp "$cp" \
    org.chunkbench.backends.kernel.KernelTestMain "$out_dir/junit.tsv" \
    'org\.chunkbench\.backends\.kernel\.Kernel(Contract|GenericSpliceKeyringContract|Keyring|Traits|Errors|NullControl|GcmContract)Test' \
    >"$out_dir/junit.stdout" 2>"$out_dir/junit.stderr" || jrc=$?
  echo "$jrc" >"$out_dir/junit.rc"
}

set_level() { # level: as root; records whether the kernel took it
  if echo "$1" >"$sysctl" 2>"$work/err" && [[ $(cat "$sysctl") == "$1" ]]; then pass "sysctl crypto.af_alg_restrict=$1 as root"
  else fail "sysctl crypto.af_alg_restrict=$1 as root" "$(cat "$work/err"), now $(cat "$sysctl")"; return 1; fi
}

if [[ ${1:-} == --in-vm ]]; then
  prepare "$2"
  uname -r >"$out_dir/kernel"
  report=$out_dir/restrict.tsv
  {
    t=$SECONDS
    if [[ $(cat "$sysctl" 2>/dev/null) == 1 ]]; then pass "crypto.af_alg_restrict defaults to 1"
    else fail "crypto.af_alg_restrict defaults to 1" "reads '$(cat "$sysctl" 2>&1)'"; fi
    checks 1
    capability_checks
    [[ ${RESTRICT_SMOKE:-1} == 0 ]] || smoke_run
    echo "guest: level 1 took $((SECONDS - t)) s" >&2; t=$SECONDS
    set_level 0 && checks 0
    [[ ${RESTRICT_JUNIT:-1} == 0 ]] || junit_at_zero
    echo "guest: level 0 took $((SECONDS - t)) s" >&2; t=$SECONDS
    set_level 2 && checks 2
    # Can 2 be lowered again at run time? The answer is recorded (docs/kernel-backend.md), and 0 is tried last.
    if echo 0 >"$sysctl" 2>"$work/err" && [[ $(cat "$sysctl") == 0 ]]; then
      pass "2 can be lowered again: sysctl crypto.af_alg_restrict=0 after 2 took effect"
      echo "### 2 -> 0: allowed" >>"$out_dir/lines.txt"
    else
      fail "2 can be lowered again" "$(cat "$work/err"), still $(cat "$sysctl")"
      echo "### 2 -> 0: refused: $(cat "$work/err")" >>"$out_dir/lines.txt"
    fi
    echo "guest: level 2 took $((SECONDS - t)) s" >&2
  } >>"$report"
  exit 0
fi
if [[ ${1:-} == --absent-checks ]]; then
  prepare "$2"
  if [[ -e $sysctl ]]; then fail "absent: no crypto.af_alg_restrict on $(uname -r)" "it reads $(cat "$sysctl")"
  else pass "absent: no crypto.af_alg_restrict on $(uname -r)"; fi
  checks absent
  exit 0
fi

build=1
while (($#)); do
  case $1 in
    --skip-build) build=0; shift ;;
    *) echo "kernel-restrict: unknown option '$1'" >&2; exit 2 ;;
  esac
done
t0=$SECONDS
runner=${KERNEL_VM_RUN:-tools/kernel-vm/run}
if [[ $build == 1 || ! -r backends/target/test-classpath.txt || ! -r $jar ]]; then
  mvn -B -q -Dstyle.color=never -DskipTests package
fi
xfer=$(mktemp -d "${TMPDIR:-/tmp}/kernel-restrict.XXXXXX")
trap 'mkdir -p target/kernel-restrict-7.3 && cp "$xfer"/* target/kernel-restrict-7.3/ 2>/dev/null || true; rm -rf "$xfer"' EXIT
env_args=()
for v in RESTRICT_JAVAS RESTRICT_JUNIT RESTRICT_SMOKE; do
  if [[ -n ${!v:-} ]]; then env_args+=(--env "$v=${!v}"); fi
done
vm_rc=0
"$runner" --kernel-series 7.3 --timeout 900 --xfer "$xfer" "${env_args[@]}" -- bash .ci/kernel-restrict.sh --in-vm "$xfer" || vm_rc=$?
report=$xfer/restrict.tsv
[[ -s $report ]] || { echo "kernel restrict: no report came back from the VM (runner status $vm_rc)" >&2; exit 1; }
[[ -s $xfer/junit.tsv ]] && cat "$xfer/junit.tsv" >>"$report"
passed=$(grep -c '^PASSED' "$report" || true)
failed=$(grep -c '^FAILED' "$report" || true)
skipped=$(grep -c '^SKIPPED' "$report" || true)
grep -E '^(FAILED|SKIPPED)' "$report" | cut -c1-700 || true
if ((failed > 0)) && [[ -s $xfer/junit.stderr ]]; then head -60 "$xfer/junit.stderr"; fi
junit_rc=$(cat "$xfer/junit.rc" 2>/dev/null || echo "not run")
echo "kernel restrict (7.3, $(cat "$xfer/kernel" 2>/dev/null || echo '?')): $((passed + failed)) run, $failed failed, $skipped skipped; stage took $((SECONDS - t0)) s; VM status $vm_rc, JUnit status $junit_rc"
if ((passed == 0 || failed > 0 || skipped > 0 || vm_rc != 0)) || [[ ${RESTRICT_JUNIT:-1} != 0 && $junit_rc != 0 ]]; then
  echo "kernel restrict: failed" >&2
  exit 1
fi
