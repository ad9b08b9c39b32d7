package io.jdbcactivity.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code -prof io.jdbcactivity.bench.CpuProfiler}: the CPU time the benchmark's JVM used per
 * operation, all of it and by kind of thread — what an application pays, whichever thread does the
 * work (the SDK hands writes to Netty's event loop, the collector frees the garbage). CPU time,
 * unlike wall time, does not count the time a thread waits for one of the two shared cores.
 * <ul>
 * <li>{@code cpu.total}: the whole process;</li>
 * <li>{@code cpu.bench}: JMH's benchmark threads (the caller: encoding, marshalling, signing);</li>
 * <li>{@code cpu.io}: threads whose name has {@code netty}, {@code sdk} or {@code aws} (the HTTP
 * client's event loop, the SDK's timers);</li>
 * <li>{@code cpu.jit}: the JIT compilers (should be near zero after warm-up);</li>
 * <li>{@code cpu.vm}: the process less every Java thread: GC and the VM's own threads.</li>
 * </ul>
 */
public final class CpuProfiler implements InternalProfiler {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long startProcess;
    private Map<Long, Long> startByThread = Map.of();

    @Override
    public String getDescription() {
        return "process CPU time per operation, by kind of thread";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        startByThread = cpuByThread(null);
        startProcess = OS.getProcessCpuTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long process = OS.getProcessCpuTime() - startProcess;
        Map<String, Long> used = new HashMap<>();
        cpuByThread(used);
        double ops = result.getMetadata().getMeasuredOps();
        List<Result> results = new ArrayList<>();
        if (ops <= 0) {
            return results;
        }
        long javaThreads = 0;
        for (String kind : List.of("bench", "io", "jit", "other")) {
            long nanos = used.getOrDefault(kind, 0L);
            javaThreads += nanos;
            if (!kind.equals("other")) {
                results.add(perOp("cpu." + kind, nanos, ops));
            }
        }
        results.add(perOp("cpu.vm", process - javaThreads, ops));
        results.add(perOp("cpu.total", process, ops));
        return results;
    }

    private static ScalarResult perOp(String label, long nanos, double ops) {
        return new ScalarResult(label, nanos / ops, "ns/op", AggregationPolicy.AVG);
    }

    /**
     * CPU time of each live Java thread; with {@code usedByKind}, also what each used since
     * {@link #beforeIteration}, summed by kind. A thread that ended meanwhile is not seen: its
     * time falls into {@code cpu.vm} (the kinds measured here are long-lived threads).
     */
    private Map<Long, Long> cpuByThread(Map<String, Long> usedByKind) {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] < 0) {
                continue; // ended between the two calls
            }
            byThread.put(ids[i], cpu[i]);
            if (usedByKind != null) {
                java.lang.management.ThreadInfo info = THREADS.getThreadInfo(ids[i]);
                if (info != null) {
                    usedByKind.merge(kind(info.getThreadName()), cpu[i] - startByThread.getOrDefault(ids[i], 0L),
                            Long::sum);
                }
            }
        }
        return byThread;
    }

    private static String kind(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.contains("jmh-worker")) {
            return "bench";
        }
        if (n.contains("netty") || n.contains("sdk") || n.contains("aws")) {
            return "io";
        }
        if (n.contains("compilerthread")) {
            return "jit";
        }
        return "other";
    }
}
