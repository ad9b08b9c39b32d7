package io.jdbcactivity.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The MariaDB point select, raw and through the driver, measured in pairs: one JVM, one physical
 * connection used directly and through the wrapper in alternating rounds of a second (raw first,
 * then wrapped first, …), each pair compared. A separate JMH trial per mode leaves the
 * comparison to whatever the machine did in between — on a 2-core VM the loopback round trip
 * alone moves by ±10 % from one trial to the next, and by 2× when another process keeps a core
 * awake (the Kinesis emulator does) — which is more than the few per cent to be shown. Pairs
 * adjacent in time cancel that drift; the median of the pair ratios, with a bootstrap interval,
 * is the figure.
 *
 * <pre>java -cp benchmarks.jar io.jdbcactivity.bench.PairedMariaDbRun [mode ...]</pre>
 * Modes as in {@link Modes} (default: raw — the harness against itself, its noise floor — then
 * activity-none, activity-jsonl and activity-kinesis); the same system
 * properties as {@link MariaDbPointSelectBenchmark} choose the server. With {@code BENCH_PROBES}
 * set, one JSON line per mode is appended to it for {@link Report}.
 */
public final class PairedMariaDbRun {
    static final int WARMUP_ROUNDS = 10;
    static final int ROUNDS = 60;
    static final long ROUND_NANOS = 1_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PairedMariaDbRun() {
    }

    public static void main(String[] args) throws Exception {
        List<String> modes = args.length > 0 ? List.of(args)
                : List.of(Modes.RAW, Modes.ACTIVITY_NONE, Modes.ACTIVITY_JSONL, Modes.ACTIVITY_KINESIS);
        String target = System.getProperty("bench.mysql.url", MariaDbPointSelectBenchmark.DEFAULT_URL);
        Properties credentials = new Properties();
        credentials.setProperty("user", System.getProperty("bench.mysql.user", "root"));
        credentials.setProperty("password", System.getProperty("bench.mysql.password", ""));
        try (Connection c = DriverManager.getConnection(target, credentials)) {
            MariaDbPointSelectBenchmark.ensureTable(c);
        }
        // The raw rounds run on the very connection the wrapper holds (unwrapped to Connector/J's
        // own class): two connections differ by as much as 6 % on their own (a server thread each,
        // scheduled apart), more than what is measured here; one connection differs by the wrapper only.
        Class<? extends Connection> physical = Class.forName(
                System.getProperty("bench.mysql.connectionClass", "com.mysql.cj.jdbc.JdbcConnection"))
                .asSubclass(Connection.class);
        for (String mode : modes) {
            try (Modes wrapped = Modes.open(mode); Connection activity = wrapped.connect(target, credentials)) {
                Pairs pairs = measure(activity.unwrap(physical), activity);
                report(mode, pairs, wrapped.settle());
            }
        }
    }

    /**
     * Per measured pair (warm-up left out): wrapped/raw throughput, raw/wrapped CPU time per
     * operation of the application's thread, and wrapped/raw CPU time per operation of the whole
     * JVM (the publisher's and the SDK's threads too: what the driver takes from a loaded machine).
     */
    record Pairs(double[] throughput, double[] cpu, double[] processCpu) {
    }

    /** One round: operations, the CPU time the calling thread used for them, and the whole process's. */
    private record Round(long ops, long cpuNanos, long processCpuNanos) {
        double cpuPerOp() {
            return (double) cpuNanos / ops;
        }

        double processCpuPerOp() {
            return (double) processCpuNanos / ops;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static Pairs measure(Connection raw, Connection activity) throws SQLException {
        String sql = "SELECT id, name, price FROM bench_point WHERE id = ?";
        try (PreparedStatement r = raw.prepareStatement(sql); PreparedStatement a = activity.prepareStatement(sql)) {
            SplittableRandom random = new SplittableRandom(42);
            double[] throughput = new double[ROUNDS];
            double[] cpu = new double[ROUNDS];
            double[] processCpu = new double[ROUNDS];
            for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
                boolean rawFirst = (round & 1) == 0;
                Round first = run(rawFirst ? r : a, random);
                Round second = run(rawFirst ? a : r, random);
                Round rawRound = rawFirst ? first : second;
                Round wrappedRound = rawFirst ? second : first;
                if (round >= 0) {
                    throughput[round] = (double) wrappedRound.ops() / rawRound.ops();
                    cpu[round] = rawRound.cpuPerOp() / wrappedRound.cpuPerOp();
                    processCpu[round] = wrappedRound.processCpuPerOp() / rawRound.processCpuPerOp();
                }
            }
            return new Pairs(throughput, cpu, processCpu);
        }
    }

    /** Point selects in one round. */
    private static Round run(PreparedStatement ps, SplittableRandom random) throws SQLException {
        long ops = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long processStart = OS.getProcessCpuTime();
        long end = System.nanoTime() + ROUND_NANOS;
        long sink = 0;
        while (System.nanoTime() < end) {
            ps.setInt(1, random.nextInt(1, MariaDbPointSelectBenchmark.ROWS + 1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("point select returned no row");
                }
                sink += rs.getInt(1) + rs.getString(2).length() + rs.getBigDecimal(3).scale();
            }
            ops++;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long process = OS.getProcessCpuTime() - processStart;
        return new Round(sink == Long.MIN_VALUE ? -1 : ops, cpu, process); // sink: keeps the reads from being optimised away
    }

    /** Median of {@code ratios} and its 95 % bootstrap interval (2,000 resamples). */
    static double[] medianWithInterval(double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        SplittableRandom random = new SplittableRandom(7);
        double[] medians = new double[2_000];
        double[] sample = new double[ratios.length];
        for (int i = 0; i < medians.length; i++) {
            for (int j = 0; j < sample.length; j++) {
                sample[j] = ratios[random.nextInt(ratios.length)];
            }
            Arrays.sort(sample);
            medians[i] = median(sample);
        }
        Arrays.sort(medians);
        return new double[] {median(sorted), medians[(int) (medians.length * 0.025)],
            medians[(int) (medians.length * 0.975)]};
    }

    private static void report(String mode, Pairs pairs, Modes.Settled settled) throws IOException {
        double[] t = medianWithInterval(pairs.throughput());
        double[] c = medianWithInterval(pairs.cpu());
        double[] pc = medianWithInterval(pairs.processCpu());
        String delivery = settled == null ? "" : String.format(Locale.ROOT, ",\"captured\":%d,\"delivered\":%d,"
                + "\"droppedOrLost\":%d,\"inStream\":%d", settled.captured(), settled.delivered(),
                settled.droppedOrLost(), settled.inStream());
        String line = String.format(Locale.ROOT, "{\"paired\":\"MariaDbPointSelect\",\"mode\":\"%s\",\"pairs\":%d,"
                + "\"medianRatio\":%.4f,\"low\":%.4f,\"high\":%.4f,\"cpuRatio\":%.4f,\"cpuLow\":%.4f,"
                + "\"cpuHigh\":%.4f,\"processCpuRatio\":%.4f,\"processCpuLow\":%.4f,\"processCpuHigh\":%.4f%s}", mode,
                pairs.throughput().length, t[0], t[1], t[2], c[0], c[1], c[2], pc[0], pc[1], pc[2], delivery);
        System.out.println(String.format(Locale.ROOT, "[paired] MariaDB point select, %s / raw: throughput %.1f %% "
                + "(95 %% interval %.1f–%.1f %%), application-thread CPU per operation %.1f %% of raw's efficiency "
                + "(%.1f–%.1f %%), %d pairs of %d ms", mode, 100 * t[0], 100 * t[1], 100 * t[2], 100 * c[0],
                100 * c[1], 100 * c[2], pairs.throughput().length, ROUND_NANOS / 1_000_000));
        System.out.println(String.format(Locale.ROOT, "[paired] %s: the JVM's CPU per operation (all threads) %.1f %% "
                + "of raw's (%.1f–%.1f %%)", mode, 100 * pc[0], 100 * pc[1], 100 * pc[2]));
        if (settled != null) {
            System.out.println(String.format(Locale.ROOT, "[paired] %s: %d events captured, %d delivered, %d dropped "
                    + "or lost%s", mode, settled.captured(), settled.delivered(), settled.droppedOrLost(),
                    settled.inStream() < 0 ? "" : ", " + settled.inStream() + " in the stream"));
        }
        String probes = System.getenv("BENCH_PROBES");
        if (probes != null) {
            Files.writeString(Path.of(probes), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
