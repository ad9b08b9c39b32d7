package io.jdbcactivity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What JMH's GC profiler cannot split: the bytes allocated per operation on the benchmark (the
 * application's) thread alone — the GC profiler counts every thread, the publisher's included —
 * and the CPU time per operation of that thread, which a noisy two-core machine disturbs far less
 * than throughput (time the thread waits for a core is not counted).
 * Each benchmark thread holds one; the benchmark calls {@link #op()} once per operation. Measured
 * iterations are appended as JSON lines to the file named by {@code BENCH_PROBES} (set by
 * {@code benchmarks/run.sh}); without it nothing is written.
 */
@State(Scope.Thread)
public class Probe {
    static final String FILE = System.getenv("BENCH_PROBES");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long ops;
    private long startBytes;
    private long startCpu;
    private boolean measuring;

    /** Counts one operation of the benchmark thread. */
    public void op() {
        ops++;
    }

    @Setup(Level.Iteration)
    public void start(IterationParams iteration) {
        measuring = FILE != null && iteration.getType() == IterationType.MEASUREMENT;
        ops = 0;
        startBytes = THREADS.getCurrentThreadAllocatedBytes();
        startCpu = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop(BenchmarkParams benchmark) {
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
        long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
        if (measuring && ops > 0) {
            append(String.format(Locale.ROOT, "{\"benchmark\":\"%s\",\"mode\":\"%s\",\"appBytesPerOp\":%.1f,"
                    + "\"appCpuNanosPerOp\":%.1f}", benchmark.getBenchmark(), benchmark.getParam("mode"),
                    (double) bytes / ops, (double) cpu / ops));
        }
    }

    static synchronized void append(String line) {
        try {
            Files.writeString(Path.of(FILE), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
