# Shell helpers shared by tools/, experiments/ and .ci/ (source it; it defines functions and runs nothing).

# bench_lock: holds an exclusive lock until the calling script exits, so that two benchmark scripts on one machine
# never time at once (a second one waits, and says so). A benchmark beside a build or a VM measures the neighbour.
# The lock file is CHUNKBENCH_BENCH_LOCK, default chunkbench-bench.lock in TMPDIR (or /tmp): the same for every
# checkout of this machine, since they share its cores.
bench_lock() {
  local lock=${CHUNKBENCH_BENCH_LOCK:-${TMPDIR:-/tmp}/chunkbench-bench.lock}
  exec {bench_lock_fd}>>"$lock" || { echo "cannot open the benchmark lock $lock (set CHUNKBENCH_BENCH_LOCK)" >&2; return 1; }
  if ! flock -n "$bench_lock_fd"; then
    echo "waiting for another benchmark on this machine to finish (lock: $lock)" >&2
    flock "$bench_lock_fd"
  fi
}

# jdk_feature HOME: the feature version of the JDK at HOME (17, 25, ...), from its release file.
jdk_feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }

# find_jdk22: prints the home of a JDK 22 or newer (FFM_JAVA_HOME if set, else the newest under /usr/lib/jvm),
# or nothing when there is none.
find_jdk22() {
  if [[ -n "${FFM_JAVA_HOME:-}" ]]; then
    echo "$FFM_JAVA_HOME"
    return
  fi
  local best="" best_f=0 d f
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [[ -x "$d/bin/javac" ]] || continue
    f=$(jdk_feature "$d")
    if [[ -n "$f" && "$f" -ge 22 && "$f" -gt "$best_f" ]]; then
      best=$d best_f=$f
    fi
  done
  echo "$best"
}

# now: microseconds since the epoch; secs US: US microseconds as seconds with one decimal (the VM runner, CI stages).
now() { echo "${EPOCHREALTIME/./}"; }
secs() { printf '%d.%01d' $(($1 / 1000000)) $(($1 % 1000000 / 100000)); }

# backends_test_cp: the classpath the kernel tests and the VM experiments run with, from the repository root: the
# backends test and main classes, then the test-scope dependencies every build lists in backends/target/test-classpath.txt.
backends_test_cp() {
  [[ -r backends/target/test-classpath.txt ]] ||
    { echo "backends/target/test-classpath.txt is missing: build first (mvn -B -DskipTests package)" >&2; return 1; }
  echo "backends/target/test-classes:backends/target/classes:$(cat backends/target/test-classpath.txt)"
}
