#!/usr/bin/env bash
# Builds the benchmark jar if needed and runs JMH with the GC profiler (bytes allocated per
# operation on the benchmark thread: gc.alloc.rate.norm). Extra arguments go to JMH, e.g.
#   benchmarks/run.sh H2PointSelect -p mode=raw,activity-none -f 1 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f benchmarks/target/benchmarks.jar ] || [ -n "$(find driver/src benchmarks/src -newer benchmarks/target/benchmarks.jar -print -quit)" ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
mkdir -p benchmarks/results
out="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ).json"
java -jar benchmarks/target/benchmarks.jar -prof gc -rf json -rff "$out" "$@"
echo "results: $out"
