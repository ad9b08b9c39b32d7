package io.jdbcactivity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * <li>{@code cpu.total}: the whole process (the OS counts it in 10 ms ticks: iterations of seconds);</li>
 * <li>{@code cpu.bench}: JMH's benchmark threads (the caller: encoding, marshalling, signing);</li>
 * <li>{@code cpu.io}: Java threads whose name has {@code netty}, {@code sdk} or {@code aws} (the
 * HTTP client's event loop, the SDK's timers);</li>
 * <li>{@code cpu.gc} and {@code cpu.jit}: the collector's and the JIT compilers' threads, which
 * are not Java threads to {@code ThreadMXBean}: read by name from {@code /proc/self/task} (Linux;
 * absent elsewhere). The JIT's share should be near zero after warm-up;</li>
 * <li>{@code cpu.other}: the rest (JMH's own threads, the VM thread, threads that ended).</li>
 * </ul>
 */
public final class CpuProfiler implements InternalProfiler {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Path TASKS = Path.of("/proc/self/task");
    /** USER_HZ: the unit of /proc's times, 100 on every Linux build in use. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private long startProcess;
    private Map<Long, Long> startByThread = Map.of();
    private Map<String, Long> startVm = Map.of();

    @Override
    public String getDescription() {
        return "process CPU time per operation, by kind of thread";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        startByThread = javaThreadsCpu(null);
        startVm = vmThreadsCpu();
        startProcess = OS.getProcessCpuTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long process = OS.getProcessCpuTime() - startProcess;
        Map<String, Long> used = new HashMap<>();
        javaThreadsCpu(used);
        Map<String, Long> vm = vmThreadsCpu();
        vm.forEach((kind, nanos) -> used.put(kind, nanos - startVm.getOrDefault(kind, 0L)));
        double ops = result.getMetadata().getMeasuredOps();
        List<Result> results = new ArrayList<>();
        if (ops <= 0) {
            return results;
        }
        long attributed = 0;
        for (String kind : List.of("bench", "io", "gc", "jit")) {
            long nanos = used.getOrDefault(kind, 0L);
            attributed += nanos;
            if (kind.equals("bench") || kind.equals("io") || vm.containsKey(kind)) {
                results.add(perOp("cpu." + kind, nanos, ops));
            }
        }
        results.add(perOp("cpu.other", process - attributed, ops));
        results.add(perOp("cpu.total", process, ops));
        return results;
    }

    private static ScalarResult perOp(String label, long nanos, double ops) {
        return new ScalarResult(label, nanos / ops, "ns/op", AggregationPolicy.AVG);
    }

    /**
     * CPU time of each live Java thread; with {@code usedByKind}, also what each used since
     * {@link #beforeIteration}, summed by kind ({@code bench}, {@code io}; the rest is left to
     * {@code cpu.other}). A thread that ended meanwhile is not seen.
     */
    private Map<Long, Long> javaThreadsCpu(Map<String, Long> usedByKind) {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] < 0) {
                continue; // ended between the two calls
            }
            byThread.put(ids[i], cpu[i]);
            ThreadInfo info = usedByKind == null ? null : THREADS.getThreadInfo(ids[i]);
            if (info != null) {
                String kind = javaKind(info.getThreadName());
                if (kind != null) {
                    usedByKind.merge(kind, cpu[i] - startByThread.getOrDefault(ids[i], 0L), Long::sum);
                }
            }
        }
        return byThread;
    }

    private static String javaKind(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("jmh-worker")) {
            return "bench";
        }
        if (n.contains("netty") || n.contains("sdk") || n.contains("aws")) {
            return "io";
        }
        return null;
    }

    /**
     * CPU time so far of HotSpot's collector ({@code GC Thread#n}, {@code G1 …}) and compiler
     * ({@code C1/C2 CompilerThre…}) threads, by the names Linux keeps for them; empty where there
     * is no {@code /proc}.
     */
    private static Map<String, Long> vmThreadsCpu() {
        Map<String, Long> byKind = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return byKind;
        }
        byKind.put("gc", 0L);
        byKind.put("jit", 0L);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException e) {
                    continue; // the thread ended
                }
                // "tid (name) state …": utime and stime are the 14th and 15th fields
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    byKind.merge("gc", nanos, Long::sum);
                } else if (name.contains("CompilerThre")) {
                    byKind.merge("jit", nanos, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byKind;
    }
}
