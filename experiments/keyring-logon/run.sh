#!/usr/bin/env bash
# Shows the key type kernel[key=keyring] adds, per binding and JDK, inside the project's VM (Linux 6.12 by default):
# JDK 17 with binding=jna, the JDK 22+ with binding=jna and binding=ffm. Writes OUTDIR/output.txt.
#   experiments/keyring-logon/run.sh OUTDIR      env: CHUNKBENCH_VM_KERNEL_SERIES (6.12)
# Build first with the JDK 22+ (JAVA_HOME=<JDK 22+> mvn -B -q -DskipTests package) so the FFM classes exist.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:?usage: run.sh OUTDIR}")"
source "$root/tools/lib.sh"
jdk22=$(find_jdk22)
[[ -n $jdk22 ]] || { echo "keyring-logon: no JDK 22+ found (set FFM_JAVA_HOME)" >&2; exit 1; }
cd "$root"
cp=$(backends_test_cp)
mkdir -p "$out"
tools/kernel-vm/run --xfer "$out" -- bash -c '
  java -cp "$1" experiments/keyring-logon/KeyringLogon.java jna
  "$2/bin/java" --enable-native-access=ALL-UNNAMED -cp "$1" experiments/keyring-logon/KeyringLogon.java jna ffm
' _ "$cp" "${jdk22%/}" | tee "$out/output.txt"
