package io.jdbcactivity.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What durability costs per 1 KB event in the spool: one operation is one append (acknowledged at
 * once, so segments roll and are deleted as in a steady state), made durable by the policy:
 * <ul>
 * <li>{@code flush-each}: {@code flushToOs()} after every append (survives SIGKILL, not a power loss);
 * <li>{@code sync-each}: {@code sync()} (fsync) after every append: per-event power-loss durability;
 * <li>{@code sync-N}: {@code sync()} after every N appends, as a drain round of N events would;
 * <li>{@code sync-10ms}: {@code sync()} when 10 ms have passed since the last one.
 * </ul>
 * ops/s is appends/s; 1e6 / ops/s is µs per event. The files go to {@code -Dbench.spool.dir} (default
 * the temporary directory): it must be a real disk, not tmpfs, or fsync costs nothing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SpoolAppendBenchmark {

    @Param({"flush-each", "sync-each", "sync-10", "sync-100", "sync-1000", "sync-10ms"})
    public String durability;

    private Path dir;
    private Spool spool;
    private final byte[] event = new byte[1024];
    private int every;
    private long intervalNanos;
    private long lastSync;
    private int sinceSync;

    @Setup
    public void setUp() throws IOException {
        Arrays.fill(event, (byte) 'x');
        byte[] head = "{\"type\":\"record\",\"clientAuditFields\":{".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, event, 0, head.length);
        dir = Files.createTempDirectory(Path.of(System.getProperty("bench.spool.dir",
                System.getProperty("java.io.tmpdir"))), "spool-bench");
        spool = Spool.open(dir, "bench", new SpoolSettings(1L << 30, 16 << 20, 1 << 20, 1000));
        every = durability.startsWith("sync-") && !durability.endsWith("ms") && !durability.equals("sync-each")
                ? Integer.parseInt(durability.substring(5)) : 1;
        intervalNanos = durability.equals("sync-10ms") ? TimeUnit.MILLISECONDS.toNanos(10) : 0;
        lastSync = System.nanoTime();
    }

    @Benchmark
    public long append() {
        long p = spool.append("0123456789abcdef", (byte) 0, event, 0, event.length);
        if (p < 0) {
            throw new IllegalStateException("refused: " + spool.lastRefusal() + " " + spool.lastError());
        }
        spool.ack(p);
        switch (durability) {
            case "flush-each" -> check(spool.flushToOs());
            case "sync-10ms" -> {
                long now = System.nanoTime();
                if (now - lastSync >= intervalNanos) {
                    check(spool.sync());
                    lastSync = now;
                }
            }
            default -> {
                if (++sinceSync == every) {
                    check(spool.sync());
                    sinceSync = 0;
                }
            }
        }
        return p;
    }

    private void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("spool: " + spool.lastError());
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        spool.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
