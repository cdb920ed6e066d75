#!/usr/bin/env bash
# Sourced by the FFM stages: sets ffm_jdk to a JDK 22+ home, or fails saying why. Which JDK: find_jdk22 in
# tools/lib.sh (FFM_JAVA_HOME if set, else the newest JDK 22+ under /usr/lib/jvm; Temurin 25 is on the project's
# machines), else openjdk-25-jdk-headless from the machine's Debian suites (Debian 13 "trixie" has it in main).
# Debian 12 has no JDK newer than 17, and trixie's openjdk-25 needs libc6 >= 2.38 (bookworm has 2.36), so on a
# bookworm machine without a JDK 22+ the stage fails and says so; no other source is used.
source "$(dirname "${BASH_SOURCE[0]}")/../tools/lib.sh"

ffm_jdk=$(find_jdk22)
if [[ -z "$ffm_jdk" ]]; then
  echo "ffm: no JDK 22+ under /usr/lib/jvm; trying openjdk-25-jdk-headless from Debian"
  apt-get update -qq
  if apt-get install -y -qq --no-install-recommends openjdk-25-jdk-headless; then
    ffm_jdk=$(find_jdk22)
  fi
fi
if [[ -z "$ffm_jdk" ]]; then
  echo "ffm: CI needs a JDK 22 or newer for the FFM tests and none could be found or installed" \
    "(Debian 12 ships only JDK 17; set FFM_JAVA_HOME)" >&2
  exit 1
fi
echo "ffm: using $ffm_jdk (JDK $(jdk_feature "$ffm_jdk"))"
