#!/usr/bin/env bash
# A live seccomp denial of AF_ALG: tools/seccomp/deny-af-alg.c (compiled here) runs the command-line tool under a
# filter that makes socket(AF_ALG, ...) fail with EPERM (as Docker's and containerd's default profiles do), or
# EACCES, and this checks what a user sees:
#   - `backends` lists kernel as unavailable with the documented message;
#   - `run` leaves kernel out with that reason (a real --smoke run with --real-run, else --dry-run), and with
#     --real-run its env.json records AF_ALG as denied;
#   - `encrypt --backend kernel` exits 1 with exactly one line on stderr and nothing on stdout.
# Runs on the host (.ci/run) and inside the kernel VM (.ci/kernel-tests.sh), where the kernel does have AF_ALG, so
# the denial is the filter's and not the kernel's. One line per check, in the kernel tests' report format:
# PASSED|FAILED|SKIPPED <tab> name <tab> reason.
#
# usage: .ci/seccomp-denial.sh [--real-run] [--helper FILE]   (from the repository root, after the shaded jar is built)
#   --helper FILE  an already compiled deny-af-alg; otherwise it is compiled into target/ with cc
# exit: 0 all passed, 1 a check failed, 77 no C compiler (skipped with its reason; under CI=true that is a failure)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

real_run=0 helper=''
while (($#)); do
  case $1 in
    --real-run) real_run=1; shift ;;
    --helper) helper=$2; shift 2 ;;
    *) echo "seccomp-denial: unknown option '$1'" >&2; exit 2 ;;
  esac
done
jar=benchmarks/target/benchmarks.jar
[[ -r $jar ]] || { printf 'FAILED\tseccomp: setup\t%s is missing (build it first)\n' "$jar"; exit 1; }
if [[ -z $helper ]]; then
  helper=target/deny-af-alg
  if ! command -v cc >/dev/null; then
    printf 'SKIPPED\tseccomp: live denial\tno C compiler (cc) to build tools/seccomp/deny-af-alg.c (apt-get install gcc)\n'
    [[ ${CI:-} == true ]] && { printf 'FAILED\tseccomp: live denial\tCI=true: the seccomp test must run\n'; exit 1; }
    exit 77
  fi
  mkdir -p target
  if ! err=$(cc -O2 -Wall -o "$helper" tools/seccomp/deny-af-alg.c 2>&1); then
    printf 'FAILED\tseccomp: compile deny-af-alg.c\t%s\n' "$(echo "$err" | tr '\n' ' ' | cut -c1-300)"
    exit 1
  fi
fi

java=(java -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -jar "$jar")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
pass() { printf 'PASSED\tseccomp: %s\t\t\n' "$1"; }
fail() { printf 'FAILED\tseccomp: %s\t%s\n' "$1" "$(echo "$2" | tr '\n' ' ' | cut -c1-400)"; failed=1; }

blocked="AF_ALG is blocked (seccomp, LSM or a mitigation such as those for CVE-2026-31431)"
for errno in 1 13; do
  name=$([[ $errno == 1 ]] && echo EPERM || echo EACCES)
  msg="socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error $errno ($name): $blocked"
  deny=("$helper" --errno "$errno")

  # backends: the table row and the reason under the kernel's description.
  if out=$("${deny[@]}" "${java[@]}" backends 2>&1) &&
      grep -Eq '^kernel +unavailable ' <<<"$out" && grep -qxF "    not available: $msg" <<<"$out"; then
    pass "backends under a filter returning $name: kernel unavailable with the documented message"
  else
    fail "backends under a filter returning $name: kernel unavailable with the documented message" "$out"
  fi

  # encrypt: status 1, one line on stderr, nothing on stdout.
  head -c 1000 /dev/urandom >"$tmp/plain"
  rc=0
  "${deny[@]}" "${java[@]}" encrypt --backend kernel --key 000102030405060708090a0b0c0d0e0f \
    --iv f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff --in "$tmp/plain" --out "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
  lines=$(wc -l <"$tmp/stderr")
  if [[ $rc == 1 && $lines == 1 && ! -s $tmp/stdout ]] && grep -qF "$msg" "$tmp/stderr" && ! grep -q 'Exception\|^\s*at ' "$tmp/stderr"; then
    pass "encrypt --backend kernel under a filter returning $name: exit 1, one line"
  else
    fail "encrypt --backend kernel under a filter returning $name: exit 1, one line" \
      "exit $rc, $lines stderr lines: $(cat "$tmp/stderr") stdout: $(head -c 200 "$tmp/stdout")"
  fi
done

# run: kernel left out with its reason; sunjce alone is measured (a short smoke run, or only planned).
msg="socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error 1 (EPERM): $blocked"
args=(run --smoke --backends sunjce,kernel --chunks 4096 --modes stream --buffers heap --ops encrypt --no-baseline --out "$tmp/results")
[[ $real_run == 1 ]] || args+=(--dry-run)
rc=0
out=$("$helper" "${java[@]}" "${args[@]}" 2>&1) || rc=$?
what="run --smoke$([[ $real_run == 1 ]] || echo ' --dry-run') under a filter returning EPERM leaves kernel out with its reason"
if [[ $rc == 0 ]] && grep -E "left out kernel(\[[^]]*\])?: " <<<"$out" | grep -qF "$msg"; then
  pass "$what"
else
  fail "$what" "exit $rc: $out"
fi
if [[ $real_run == 1 ]]; then
  env=$tmp/results/env.json
  if [[ -r $env ]] && tr -d ' \n' <"$env" | grep -q '"afAlg":"denied"' && grep -qF "error 1 (EPERM)" "$env"; then
    pass "run --smoke under a filter: env.json records AF_ALG as denied (EPERM)"
  else
    fail "run --smoke under a filter: env.json records AF_ALG as denied (EPERM)" \
      "$( [[ -r $env ]] && tr -d '\n' <"$env" | grep -o '"afAlg" *: *{[^}]*' | head -c 400 || echo "no env.json")"
  fi
fi
exit $failed
