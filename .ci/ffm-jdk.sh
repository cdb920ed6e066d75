#!/usr/bin/env bash
# Sourced by the FFM stages: sets ffm_jdk to a JDK 22+ home, or fails saying why. Which JDK: FFM_JAVA_HOME if
# set, else the newest JDK 22+ under /usr/lib/jvm (Temurin 25 is on the project's machines), else
# openjdk-25-jdk-headless from the machine's Debian suites (Debian 13 "trixie" has it in main). Debian 12 has no
# JDK newer than 17, and trixie's openjdk-25 needs libc6 >= 2.38 (bookworm has 2.36), so on a bookworm machine
# without a JDK 22+ the stage fails and says so; no other source is used.

ffm_feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }

ffm_find_jdk() {
  if [[ -n "${FFM_JAVA_HOME:-}" ]]; then
    echo "$FFM_JAVA_HOME"
    return
  fi
  local best="" best_f=0 d f
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [[ -x "$d/bin/javac" ]] || continue
    f=$(ffm_feature "$d")
    if [[ -n "$f" && "$f" -ge 22 && "$f" -gt "$best_f" ]]; then
      best=$d best_f=$f
    fi
  done
  echo "$best"
}

ffm_jdk=$(ffm_find_jdk)
if [[ -z "$ffm_jdk" ]]; then
  echo "ffm: no JDK 22+ under /usr/lib/jvm; trying openjdk-25-jdk-headless from Debian"
  apt-get update -qq
  if apt-get install -y -qq --no-install-recommends openjdk-25-jdk-headless; then
    ffm_jdk=$(ffm_find_jdk)
  fi
fi
if [[ -z "$ffm_jdk" ]]; then
  echo "ffm: CI needs a JDK 22 or newer for the FFM tests and none could be found or installed" \
    "(Debian 12 ships only JDK 17; set FFM_JAVA_HOME)" >&2
  exit 1
fi
echo "ffm: using $ffm_jdk (JDK $(ffm_feature "$ffm_jdk"))"
