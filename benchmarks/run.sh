#!/usr/bin/env bash
# Builds the benchmark jar if needed, runs JMH with the GC profiler, and writes the report:
# results/<time>.json (JMH), results/<time>-probes.jsonl (application-thread bytes, publisher
# events/s and CPU), results/<time>.md (tables) and results/<time>.svg (chart).
#   benchmarks/run.sh                                   every benchmark in every mode, then the paired
#                                                       MariaDB run (about 30 min)
#   PAIRED=1 benchmarks/run.sh 'io.jdbcactivity.bench.'  the five workloads and the paired run
#   benchmarks/run.sh H2PointSelect -p mode=raw,activity-none -f 1 -wi 1 -i 1
#   benchmarks/run.sh 'sink.kinesis.(Compression|PutRecords|PerByte)Benchmark' -prof io.jdbcactivity.bench.CpuProfiler
#                                                       the Kinesis sink's compression and SDK costs
#                                                       (about 25 min; not in the full run), tables in
#                                                       results/<time>-kinesis.md
#   benchmarks/run.sh --delivery                        not JMH: DeliveryRun, the Kinesis sink's delivery
#                                                       against round trips, to results/<time>-delivery.md
#                                                       (about 10 min; its -Dbench.delivery.* in JAVA_OPTS)
# JVM options for JMH's host JVM (inherited by the forks), e.g. another server:
#   JAVA_OPTS='-Dbench.mysql.url=jdbc:mysql://db:3306/test?useSSL=false' benchmarks/run.sh MariaDb
# FORCE_BUILD=1 rebuilds even when the jar looks current.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [ "${FORCE_BUILD:-0}" = 1 ] || [ ! -f "$jar" ] || [ -n "$(find pom.xml driver/pom.xml driver/src \
    sample-app/pom.xml sample-app/src benchmarks/pom.xml benchmarks/src -newer "$jar" -print -quit)" ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
# benchmarks that price the Kinesis sink's choices rather than the driver: left out of the full run
KINESIS_COSTS='sink.kinesis.(Compression|PutRecords|PerByte)Benchmark'
mkdir -p benchmarks/results
run="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)"
if [ "${1:-}" = --delivery ]; then
  # shellcheck disable=SC2086
  exec java -Xms1g -Xmx1g ${JAVA_OPTS:-} -Dbench.delivery.out="$run-delivery.md" -cp "$jar" \
      io.jdbcactivity.bench.DeliveryRun
fi
export BENCH_PROBES="$PWD/$run-probes.jsonl"
if [ $# -eq 0 ]; then
  set -- -e "$KINESIS_COSTS"
  full=1
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" -prof gc -rf json -rff "$run.json" "$@"
# The MariaDB comparison in pairs (see PairedMariaDbRun): with a full run, or PAIRED=1.
if [ "${full:-0}" = 1 ] || [ "${PAIRED:-0}" = 1 ]; then
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "$jar" io.jdbcactivity.bench.PairedMariaDbRun
fi
java -cp "$jar" io.jdbcactivity.bench.Report "$run.json" "$BENCH_PROBES"
# on a shared machine the figures mean little without the load they were measured under
printf '\nLoad average (1, 5, 15 min): %s before the run, %s after it, on %s cores.\n' "$load_before" \
    "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" "$(nproc)" >> "$run.md"
if grep -qE "$KINESIS_COSTS" "$run.json"; then
  java -cp "$jar" io.jdbcactivity.sink.kinesis.KinesisCostTable "$run.json" > "$run-kinesis.md"
  echo "tables: $run-kinesis.md"
fi
