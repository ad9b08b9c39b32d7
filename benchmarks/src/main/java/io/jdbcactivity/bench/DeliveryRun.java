package io.jdbcactivity.bench;

import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.FaultProxy;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.publish.PublisherStats;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Delivery of the Kinesis sink against round trips (issue 11): H2 in-memory prepared point selects
 * paced to a target rate ({@link PacedLoad}) on one connection and on many, through a
 * {@link FaultProxy} that adds the round trip in front of kinesis-mock (at the lowest CPU
 * priority), with and without {@code activity.kinesis.gzip}. Per cell: the delivered events/s,
 * the backlog ({@code pending}, sampled every 100 ms), what was dropped or lost, how long the
 * first event took to be acknowledged, the CPU of the driver's threads per event, and the bytes
 * on the wire. Each cell gets a fresh emulator and a fresh publisher (its own SDK client), so a
 * cell that left a backlog behind does not slow the next.
 *
 * <pre>java -cp benchmarks.jar io.jdbcactivity.bench.DeliveryRun</pre>
 * System properties (defaults): {@code bench.delivery.rtts} (0,50,300,1000 ms),
 * {@code bench.delivery.connections} (1,10), {@code bench.delivery.rate} (2000 a second per
 * connection), {@code bench.delivery.gzip} (true,false), {@code bench.delivery.warmup} (3 s),
 * {@code bench.delivery.seconds} (15), {@code bench.delivery.drain} (10 s),
 * {@code bench.delivery.out} (a markdown file for the table; else it is only printed).
 *
 * <p>kinesis-mock is one Node.js process: on a 2-core machine it ingests about 1 MB/s of record
 * data. Plain JSON events are about 1 KB, so beyond a thousand or so events/s without gzip the
 * emulator, not the producer, sets the delivered rate; the table says so.
 */
public final class DeliveryRun {
    static final String STREAM = "delivery";
    static final int SHARDS = 4;
    static final long SAMPLE_MILLIS = 100;
    /** The driver's default {@code activity.kinesis.lingerMs}: the first event waits this long for company. */
    static final long LINGER_MILLIS = 100;
    private static final String TARGET = "jdbc:h2:mem:delivery;DB_CLOSE_DELAY=-1";

    private DeliveryRun() {
    }

    /** One measured cell. */
    record Cell(int connections, int ratePerConnection, boolean gzip, int rttMillis) {
        String workload() {
            return connections == 1 ? "1 connection × " + ratePerConnection + "/s"
                    : connections + " connections × " + ratePerConnection + "/s";
        }
    }

    /** The publisher's counters and the driver's CPU at one moment. */
    record Snapshot(long nanos, PublisherStats stats, long requests, long publisherCpu, long nettyCpu, long timerCpu,
            long allCpu, long wireBytes) {
        /** Events the publisher took from its queue so far (analysed, encoded, handed to the sink). */
        long processed() {
            return stats.captured() - stats.dropped() - stats.queued();
        }
    }

    /** What a cell measured, in its window (after the warm-up) unless said otherwise. */
    record Result(Cell cell, double offeredPerSec, double deliveredPerSec, long backlogMedian, long backlogMax,
            long dropped, long lost, long missedByLoad, double connectMillis, double startEventMillis,
            double firstEventMillis, double publisherMicrosPerEvent, double nettyMicrosPerEvent,
            double timerMicrosPerEvent, double wireMBPerSec, double wireBytesPerEvent, double callsPerSec,
            double cpuShare, long retried, String drain, double load) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> rtts = ints(System.getProperty("bench.delivery.rtts", "0,50,300,1000"));
        List<Integer> connections = ints(System.getProperty("bench.delivery.connections", "1,10"));
        int rate = Integer.parseInt(System.getProperty("bench.delivery.rate", "2000"));
        List<Boolean> gzips = Arrays.stream(System.getProperty("bench.delivery.gzip", "true,false").split(","))
                .map(String::trim).map(Boolean::parseBoolean).toList();
        long warmupSeconds = Long.getLong("bench.delivery.warmup", 3);
        long seconds = Long.getLong("bench.delivery.seconds", 15);
        long drainSeconds = Long.getLong("bench.delivery.drain", 10);
        String out = System.getProperty("bench.delivery.out");

        // the emulator's dummy credentials for the SDK's default chain, in this JVM only
        System.setProperty("aws.accessKeyId", KinesisMock.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", KinesisMock.SECRET_KEY);
        String startLoad = loadAverage();
        Instant started = Instant.now();
        List<Result> results = new ArrayList<>();
        Result cold;
        try (Connection raw = DriverManager.getConnection(TARGET)) { // keeps the in-memory database; no events
            H2PointSelectBenchmark.createTable(raw);
            // A short cell first, not in the table: it loads the SDK's classes and compiles the hot
            // paths, so that every row below starts from the same warm JVM; its first calls are
            // what an application's cold start sees, and are said apart.
            System.out.println("[delivery] warming the JVM up ...");
            cold = measure(new Cell(1, rate, true, 0), 1, 2, drainSeconds);
            for (int n : connections) {
                for (boolean gzip : gzips) {
                    for (int rtt : rtts) {
                        Cell cell = new Cell(n, rate, gzip, rtt);
                        System.out.println("[delivery] " + cell.workload() + ", gzip " + gzip + ", round trip " + rtt
                                + " ms ...");
                        Result r = measure(cell, warmupSeconds, seconds, drainSeconds);
                        System.out.println("[delivery]   " + row(r));
                        results.add(r);
                    }
                }
            }
        }
        String table = report(results, cold, started, startLoad, loadAverage(), warmupSeconds, seconds,
                drainSeconds);
        System.out.println(table);
        if (out != null) {
            Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
            System.out.println("[delivery] written to " + out);
        }
    }

    static Result measure(Cell cell, long warmupSeconds, long seconds, long drainSeconds) throws Exception {
        KinesisMock kinesis = new KinesisMock(STREAM + ":" + SHARDS).lowPriority();
        kinesis.start();
        List<Connection> open = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "delivery-sampler");
            t.setDaemon(true);
            return t;
        });
        FaultProxy proxy = FaultProxy.to(kinesis.endpoint());
        try {
            proxy.latency(Duration.ofMillis(cell.rttMillis()));
            Properties props = kinesis.sinkProperties(STREAM);
            props.setProperty("activity.kinesis.endpoint", proxy.endpoint());
            props.setProperty("activity.kinesis.gzip", Boolean.toString(cell.gzip()));
            props.setProperty("activity.shutdown.timeoutMs", "2000"); // the stop only counts what is left
            String url = "jdbc:activity:" + TARGET.substring("jdbc:".length());

            // The first connection starts the publisher and builds its SDK client; the publisher's
            // own start event goes at once (its first call), the application's first event right
            // after the connection, alone: both are timed until Kinesis acknowledged them.
            long t0 = System.nanoTime();
            open.add(DriverManager.getConnection(url, props));
            double connectMillis = (System.nanoTime() - t0) / 1e6;
            String producerId = current(null).producerId();
            long t1 = System.nanoTime();
            try (PreparedStatement ps = open.get(0).prepareStatement(H2PointSelectBenchmark.PREPARED_SQL)) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            double startEventMillis = Double.NaN;
            double firstMillis = Double.NaN;
            while (Double.isNaN(firstMillis) || Double.isNaN(startEventMillis)) {
                long now = System.nanoTime();
                if (now - t1 > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("first events not delivered in 60 s: " + current(producerId));
                }
                PublisherStats s = current(producerId);
                if (Double.isNaN(startEventMillis) && s.producerEventsDelivered() >= 1) {
                    startEventMillis = (now - t0) / 1e6;
                }
                if (Double.isNaN(firstMillis) && s.delivered() >= 1) {
                    firstMillis = (now - t1) / 1e6;
                }
                TimeUnit.MICROSECONDS.sleep(500);
            }

            while (open.size() < cell.connections()) {
                open.add(DriverManager.getConnection(url, props));
            }
            Snapshot start;
            Snapshot end;
            long missed;
            long[] backlog;
            List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
            try (PacedLoad load = new PacedLoad(open, cell.ratePerConnection())) {
                TimeUnit.SECONDS.sleep(warmupSeconds);
                long missedBefore = load.missed();
                start = snapshot(producerId, proxy);
                var task = sampler.scheduleAtFixedRate(() -> samples.add(current(producerId).pending()), 0,
                        SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
                TimeUnit.SECONDS.sleep(seconds);
                end = snapshot(producerId, proxy);
                task.cancel(false);
                synchronized (samples) {
                    backlog = samples.stream().mapToLong(Long::longValue).sorted().toArray();
                }
                missed = load.missed() - missedBefore;
            }
            long drainStart = System.nanoTime();
            boolean drained = Activity.flush(Duration.ofSeconds(drainSeconds));
            String drain = drained ? String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - drainStart) / 1e9)
                    : "> " + drainSeconds + " s (" + current(producerId).pending() + " left)";

            double window = (end.nanos() - start.nanos()) / 1e9;
            long processed = Math.max(1, end.processed() - start.processed());
            long delivered = end.stats().delivered() - start.stats().delivered();
            return new Result(cell, (end.stats().captured() - start.stats().captured()) / window,
                    delivered / window, backlog.length == 0 ? 0 : backlog[backlog.length / 2],
                    backlog.length == 0 ? 0 : backlog[backlog.length - 1],
                    end.stats().dropped() - start.stats().dropped(), end.stats().lost() - start.stats().lost(),
                    missed, connectMillis, startEventMillis, firstMillis,
                    (end.publisherCpu() - start.publisherCpu()) / 1e3 / processed,
                    (end.nettyCpu() - start.nettyCpu()) / 1e3 / processed,
                    (end.timerCpu() - start.timerCpu()) / 1e3 / processed,
                    (end.wireBytes() - start.wireBytes()) / 1e6 / window,
                    delivered == 0 ? Double.NaN : (double) (end.wireBytes() - start.wireBytes()) / delivered,
                    (end.requests() - start.requests()) / window,
                    (end.allCpu() - start.allCpu()) / 1e9 / window,
                    end.stats().retried() - start.stats().retried(), drain, loadNow());
        } finally {
            sampler.shutdownNow();
            for (Connection c : open) {
                c.close();
            }
            Activity.shutdown(); // this cell's publisher ends with its client and threads, then its way out
            proxy.close();
            kinesis.afterAll(null);
        }
    }

    /**
     * This run's publisher: the one with {@code producerId}, or (null) the one running. Stopped
     * publishers of earlier cells stay in {@code Activity.stats()}.
     */
    static PublisherStats current(String producerId) {
        for (PublisherStats s : Activity.stats()) {
            if (producerId == null ? s.state().equals("running") : s.producerId().equals(producerId)) {
                return s;
            }
        }
        throw new IllegalStateException("no publisher " + (producerId == null ? "running" : producerId));
    }

    private static Snapshot snapshot(String producerId, FaultProxy proxy) throws Exception {
        long nanos = System.nanoTime();
        long[] cpu = DriverCpu.nanos(DriverCpu.PUBLISHER, DriverCpu.NETTY, DriverCpu.TIMER, DriverCpu.ALL);
        return new Snapshot(nanos, current(producerId), requests(producerId), cpu[0], cpu[1], cpu[2], cpu[3],
                proxy.bytesToServer());
    }

    /** PutRecords calls made so far: only the publisher's MBean has them. */
    private static long requests(String producerId) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("io.jdbcactivity:type=Publisher,id=" + producerId
                + ",*"), null);
        long n = 0;
        for (ObjectName name : names) {
            n += (Long) server.getAttribute(name, "Requests");
        }
        return n;
    }

    static String report(List<Result> results, Result cold, Instant started, String startLoad, String endLoad,
            long warmup, long seconds, long drain) {
        StringBuilder s = new StringBuilder();
        s.append("# Delivery against round trips (DeliveryRun)\n\n");
        s.append(String.format(Locale.ROOT, "Run %s, %d cores, Java %s; load average (1, 5, 15 min) %s at the start, "
                + "%s at the end, on a machine shared with other work: compare the rows of one run, and runs only at a "
                + "like load.%n%n", started,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), startLoad, endLoad));
        s.append(String.format(Locale.ROOT, "H2 in-memory prepared point selects paced per connection, through "
                + "`jdbc:activity:` to kinesis-mock (nice 19, %d shards) behind a FaultProxy adding the round trip; "
                + "default options otherwise (lingerMs %d, maxInFlight 8, maxBufferBytes 32 MiB). A fresh emulator and "
                + "publisher per cell; %d s warm-up, then %d s measured. Columns: offered = statements captured/s; "
                + "delivered = events Kinesis acknowledged/s; backlog = `pending` sampled every %d ms (median / max); "
                + "dropped + lost in the window; connect = the first connection, which starts the publisher and "
                + "builds its SDK client; start event = the publisher's own first call (its start event, sent at "
                + "once), from the connect to its acknowledgment; first event = the application's first statement, "
                + "from its execution to its acknowledgment, and what it took beyond linger + round trip; CPU = the "
                + "driver's threads per event the publisher processed (publisher / Netty / timers, ThreadMXBean: "
                + "time waiting for a core is not counted), and all of them as a share of one core; wire = bytes "
                + "the proxy forwarded to the "
                + "emulator (HTTP, per delivered event); drain = time to deliver what was pending when the load "
                + "stopped (Activity.flush, %d s at most).%n%n", SHARDS, LINGER_MILLIS, warmup, seconds,
                SAMPLE_MILLIS, drain));
        s.append(String.format(Locale.ROOT, "kinesis-mock (one Node.js process, at the lowest CPU priority, on 2 "
                + "cores) ingests only about 1–2 MB/s of record data: it took %.1f MB/s at most in this run. "
                + "Plain JSON events take %,.0f bytes each on the wire, so the plain-JSON cells beyond about 1,000 "
                + "events/s measure the emulator, not the producer (their backlog grows until the 32 MiB buffer is "
                + "full, then the queue drops). Gzip'd they take %.0f bytes (%.0f× fewer: one statement shape "
                + "repeated compresses well; varied statements compress less).%n%n",
                results.stream().filter(r -> !r.cell().gzip()).mapToDouble(Result::wireMBPerSec).max().orElse(0),
                median(results, false), median(results, true), median(results, false) / median(results, true)));
        s.append("| workload | gzip | RTT ms | offered ev/s | delivered ev/s | backlog median / max | dropped + lost | "
                + "connect ms | start event ms | first event ms (beyond linger+RTT) | CPU µs/ev publisher / netty / "
                + "timers | CPU % of a core | wire MB/s (B/ev) | calls/s | drain | load 1 min |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            s.append(row(r)).append('\n');
        }
        s.append(String.format(Locale.ROOT, "%nEvery row is a new publisher (a new SDK client) in a warm JVM. In the "
                + "fresh JVM, before the rows (1 connection, gzip, no added round trip, not in the table): connect "
                + "%.0f ms, start event %.0f ms, first event %.0f ms (%+.0f beyond the linger): what an "
                + "application's cold start sees, the SDK's classes loaded on the way.%n", cold.connectMillis(),
                cold.startEventMillis(), cold.firstEventMillis(), cold.firstEventMillis() - LINGER_MILLIS));
        long retried = results.stream().mapToLong(Result::retried).sum();
        if (retried > 0) {
            s.append("\nRecords sent again after a failed call: ").append(retried).append(" in all.\n");
        }
        long missed = results.stream().mapToLong(Result::missedByLoad).sum();
        if (missed > 0) {
            s.append("\nThe load generator fell more than ").append(PacedLoad.MAX_LAG_NANOS / 1_000_000)
                    .append(" ms behind and skipped ").append(missed)
                    .append(" statements in all (offered < target): the machine was short of CPU.\n");
        }
        return s.toString();
    }

    static String row(Result r) {
        Cell c = r.cell();
        return String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.0f | %,d / %,d | %,d + %,d | %.0f | %.0f "
                + "| %.0f (%+.0f) | %.1f / %.1f / %.1f | %.1f %% | %.2f (%.0f) | %.1f | %s | %.1f |", c.workload(),
                c.gzip() ? "yes" : "no", c.rttMillis(), r.offeredPerSec(), r.deliveredPerSec(), r.backlogMedian(),
                r.backlogMax(), r.dropped(), r.lost(), r.connectMillis(), r.startEventMillis(), r.firstEventMillis(),
                r.firstEventMillis() - LINGER_MILLIS - c.rttMillis(), r.publisherMicrosPerEvent(),
                r.nettyMicrosPerEvent(), r.timerMicrosPerEvent(), 100 * r.cpuShare(), r.wireMBPerSec(),
                r.wireBytesPerEvent(), r.callsPerSec(), r.drain(), r.load());
    }

    /** The median wire bytes per delivered event of the cells with or without gzip. */
    private static double median(List<Result> results, boolean gzip) {
        double[] v = results.stream().filter(r -> r.cell().gzip() == gzip)
                .mapToDouble(Result::wireBytesPerEvent).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    private static List<Integer> ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static double loadNow() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
