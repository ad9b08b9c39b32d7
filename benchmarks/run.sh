#!/usr/bin/env bash
# Builds the benchmark jar if needed and runs JMH with the GC profiler (gc.alloc.rate.norm: bytes
# allocated per operation on the benchmark thread). Extra arguments go to JMH, e.g.
#   benchmarks/run.sh H2PointSelect -f 1 -wi 1 -i 1
#   benchmarks/run.sh -p mode=raw,activity-none,activity-jsonl
# JVM options for JMH's host JVM (inherited by the forks), e.g. another server:
#   JAVA_OPTS='-Dbench.mysql.url=jdbc:mysql://db:3306/test?useSSL=false' benchmarks/run.sh MariaDb
# FORCE_BUILD=1 rebuilds even when the jar looks current.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [ "${FORCE_BUILD:-0}" = 1 ] || [ ! -f "$jar" ] || [ -n "$(find pom.xml driver/pom.xml driver/src \
    benchmarks/pom.xml benchmarks/src -newer "$jar" -print -quit)" ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
mkdir -p benchmarks/results
out="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ).json"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" -prof gc -rf json -rff "$out" "$@"
echo "results: $out"
