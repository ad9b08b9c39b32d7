package io.jdbcactivity.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.StreamReader;
import io.jdbcactivity.publish.PublisherStats;
import io.jdbcactivity.sample.shop.ShopPool;
import io.jdbcactivity.sample.shop.ShopWorkload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a stream costs, by setting (issue 15): the sample shop (in-memory H2, 4 shoppers, a pool of
 * 4) through the Kinesis sink to kinesis-mock, once per setting, each into a stream of its own:
 * <ul>
 *   <li>{@code everything}: the defaults;</li>
 *   <li>{@code production}: per-digest summaries every 10 s, and single events only for writes,
 *       schema and role changes, statements slower than 100 ms — and, as always, connection
 *       events, errors and risk flags;</li>
 *   <li>{@code summaries}: summaries, and only what is always published.</li>
 * </ul>
 * Per setting: statements captured, events and summaries published, records and bytes in the
 * stream (as stored: gzip'd), bytes per 1,000 statements, and the CPU of the driver's threads per
 * statement (its publisher, Netty and timer threads; each setting starts a publisher of its own, and a
 * first, unreported run warms the JVM). A stop ({@code Activity.shutdown}) ends each setting, so its
 * last summaries are in.
 *
 * <pre>java -cp benchmarks.jar io.jdbcactivity.bench.VolumeRun [orders]</pre>
 * With {@code -Dbench.volume.out=<file>} the table is also written there.
 */
public final class VolumeRun {
    private VolumeRun() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        settings.put("everything", Map.of());
        settings.put("production", Map.of("activity.summary.intervalMs", "10000",
                "activity.filter.include", "class:WRITE,class:DDL,class:ROLE,slowerThanMs:100"));
        settings.put("summaries", Map.of("activity.summary.intervalMs", "10000", "activity.filter.exclude", "class:*"));
        System.setProperty("aws.accessKeyId", KinesisMock.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", KinesisMock.SECRET_KEY);
        KinesisMock kinesis = new KinesisMock("volume-warmup:1", "volume-everything:1", "volume-production:1",
                "volume-summaries:1").lowPriority();
        kinesis.start();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "The sample shop, %,d orders (in-memory H2, 4 shoppers), through the Kinesis sink (gzip) to kinesis-mock.%n%n"
                        + "| setting | statements | events published | summaries | records | bytes in the stream "
                        + "| bytes per 1,000 statements | plain JSON per 1,000 | driver CPU per statement |%n"
                        + "|---|---|---|---|---|---|---|---|---|%n", orders));
        try {
            // a first run, not reported: the JIT, the SDK client's first call and the pool warm up
            // here, not in the first setting's CPU
            run(kinesis, "warmup", Map.of(), orders);
            for (Map.Entry<String, Map<String, String>> s : settings.entrySet()) {
                table.append(run(kinesis, s.getKey(), s.getValue(), orders));
            }
        } finally {
            kinesis.afterAll(null);
        }
        System.out.println(table);
        String out = System.getProperty("bench.volume.out");
        if (out != null) {
            Files.writeString(Path.of(out), table.toString(), StandardCharsets.UTF_8);
        }
    }

    private static String run(KinesisMock kinesis, String name, Map<String, String> options, int orders)
            throws Exception {
        String stream = "volume-" + name;
        Map<String, String> activity = new LinkedHashMap<>();
        kinesis.sinkProperties(stream).forEach((k, v) -> activity.put((String) k, (String) v));
        activity.putAll(options);
        long cpuBefore = DriverCpu.nanos(DriverCpu.ALL);
        long statements;
        long published;
        try (HikariDataSource pool = ShopPool.open("jdbc:h2:mem:shop_" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1",
                ShopPool.DEFAULT_USER, null, 4, activity)) {
            new ShopWorkload(pool, orders, 4, m -> { }).run();
            if (!Activity.flush(java.time.Duration.ofSeconds(60))) {
                throw new IllegalStateException(name + ": not delivered within 60 s");
            }
            PublisherStats stats = Activity.stats().stream().filter(p -> p.sink().endsWith(stream)).findFirst()
                    .orElseThrow();
            statements = stats.captured();
            published = stats.delivered();
            if (!stats.balanced() || stats.dropped() + stats.lost() > 0) {
                throw new IllegalStateException(name + ": events dropped or lost: " + stats);
            }
        }
        long cpu = DriverCpu.nanos(DriverCpu.ALL) - cpuBefore;
        Activity.shutdown(); // the last summaries and the closing heartbeat
        StreamReader reader = kinesis.reader(stream);
        List<StreamReader.Envelope> records = reader.envelopes();
        long bytes = records.stream().mapToLong(StreamReader.Envelope::bytes).sum();
        long plain = reader.recordBytes().stream().mapToLong(b -> b.length).sum();
        long summaries = records.stream().flatMap(r -> r.events().stream())
                .filter(e -> "summary".equals(e.path("type").asText())).count();
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %.1f µs |%n", name,
                statements, published, summaries, records.size(), bytes, bytes * 1000 / statements,
                plain * 1000 / statements, cpu / 1000.0 / statements);
    }
}
