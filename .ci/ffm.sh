#!/usr/bin/env bash
# CI stage: the FFM bindings (binding=ffm, JDK 22+). The host stage ran `mvn -B verify` on the default JDK 17,
# where every FFM test skips with its reason; here the backends module is built and tested again on a JDK 22+,
# where the FFM tests must run: an FFM skip in the Surefire reports or an FFM test class with zero tests or any skip fails the
# stage. Then the launcher runs the shaded jar on that JDK and `backends` must list binding=ffm as available.
#
# Which JDK: see .ci/ffm-jdk.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/ffm-jdk.sh
jdk=$ffm_jdk
feature() { jdk_feature "$@"; }
"$jdk/bin/java" -version

JAVA_HOME="$jdk" mvn -B --no-transfer-progress -pl backends verify
# FfmSupport.SKIP_REASON_PREFIX starts every FFM skip's reason.
"$jdk/bin/java" .ci/SurefireSkips.java --fail-on ': binding=ffm needs JDK ' backends/target/surefire-reports ||
  { echo "ffm: FFM tests were skipped on JDK $(feature "$jdk") (listed above); they must run here" >&2; exit 1; }
failed=0
for t in OpenSslFfmContractTest OpenSslFfmTest SealedRecordsContractTest BindingTest BindingsAlikeTest kernel.SyscallsTest control.ControlsTest \
    control.SyscallControlTest control.OpenSslNullControlTest; do
  xml=backends/target/surefire-reports/TEST-org.chunkbench.backends.$t.xml
  line=$(grep -o '<testsuite [^>]*>' "$xml" 2>/dev/null || true)
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$line")
  skipped=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$line")
  echo "ffm: $t: ${tests:-0} tests, ${skipped:-?} skipped"
  if [[ -z "$tests" || "$tests" -eq 0 || "$skipped" != 0 ]]; then
    failed=1
  fi
done
if ((failed)); then
  echo "ffm: an FFM test class ran no tests or skipped some on JDK $(feature "$jdk")" >&2
  exit 1
fi

# The shaded jar on that JDK: the launcher rebuilds it there (the FFM classes are compiled only on JDK 22+).
out=$(JAVA="$jdk/bin/java" ./chunkbench backends 2>&1)
echo "$out" | grep -E '^openssl|binding='
if ! grep -q "binding=ffm: available" <<<"$out"; then
  echo "ffm: chunkbench backends on JDK $(feature "$jdk") does not list binding=ffm as available" >&2
  exit 1
fi
if grep -qi "restricted method" <<<"$out"; then
  echo "ffm: the JVM warned about restricted methods; --enable-native-access is missing somewhere" >&2
  exit 1
fi
