#!/usr/bin/env bash
# CI stage: the kernel backend's FFM binding (KernelFfm*Test: the contract suite for kernel[binding=ffm,...]) inside
# the emulated kernel, on a JDK 22+ (the guest shares the host's root, so it runs the host's Temurin 25). Runs
# .ci/kernel-tests.sh with that JVM and class pattern and without its CLI checks (the JNA stage ran those); the
# same rules hold: zero tests run, any failure or any skip fails the stage.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/ffm-jdk.sh
# Build with the JDK 22+ too, so that backends/target/classes has the FFM classes the guest loads.
JAVA_HOME="$ffm_jdk" KERNEL_TESTS_JAVA="$ffm_jdk/bin/java" \
  KERNEL_TESTS_PATTERN='org\.chunkbench\.backends\.kernel\.KernelFfm.*Test' KERNEL_TESTS_CLI=0 \
  bash .ci/kernel-tests.sh
