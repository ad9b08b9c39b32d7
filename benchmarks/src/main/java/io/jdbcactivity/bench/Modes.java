package io.jdbcactivity.bench;

import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.FreePorts;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.publish.PublisherStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.listener.logging.DefaultQueryLogEntryCreator;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * The ways a benchmark connects, selected by the {@code mode} parameter:
 * <ul>
 *   <li>{@code raw}: the target driver alone;</li>
 *   <li>{@code activity-none}: {@code jdbc:activity:} + target, {@code activity.sink=none}
 *       (captured and analysed, published nowhere: the driver's own cost);</li>
 *   <li>{@code activity-jsonl}: {@code activity.sink=jsonl} writing to a temp file;</li>
 *   <li>{@code activity-kinesis}: the Kinesis sink live against kinesis-mock, started for the trial at
 *       the lowest CPU priority (the real service does not share the application's cores);</li>
 *   <li>{@code activity-spool}, {@code activity-spool-sync} (not in the default runs): the same with the
 *       durable spool in front ({@code activity.spool.dir}), the second also with
 *       {@code activity.delivery=sync} (each execution waits until its event is on the disk);</li>
 *   <li>{@code p6spy}: P6Spy 3.9 ({@code jdbc:p6spy:}) with its default single-line format logging
 *       to a file, as it is usually deployed;</li>
 *   <li>{@code datasource-proxy}: datasource-proxy 1.11 around the target's DataSource with a
 *       listener that formats each query with its default log-entry creator and writes it to a
 *       file (the peer's "log every query" setup, with a file instead of a logging framework).</li>
 * </ul>
 * Every mode hands out a {@link DataSource}, so the same benchmark code (and a pool around it) runs
 * in each. At the end of a trial the publisher's counters are printed.
 */
final class Modes implements AutoCloseable {
    static final String RAW = "raw";
    static final String ACTIVITY_NONE = "activity-none";
    static final String ACTIVITY_JSONL = "activity-jsonl";
    static final String ACTIVITY_KINESIS = "activity-kinesis";
    static final String P6SPY = "p6spy";
    static final String DATASOURCE_PROXY = "datasource-proxy";
    /**
     * Not in the default runs ({@code -p mode=activity-kinesis-down}): the Kinesis sink with its
     * endpoint refusing connections — what an outage of the stream costs the application, and
     * the Kinesis sink's cost without an emulator on the same cores.
     */
    static final String ACTIVITY_KINESIS_DOWN = "activity-kinesis-down";
    /**
     * Not in the default runs ({@code -p mode=activity-spool}): {@code activity-kinesis} with the
     * durable spool in front, in a temporary directory ({@code -Dbench.spool.dir} chooses where;
     * not tmpfs, where an fsync costs nothing). The application's thread does what it does without
     * the spool (the publisher writes the spool): the budget is to stay within 5 % of
     * {@code activity-none}.
     */
    static final String ACTIVITY_SPOOL = "activity-spool";
    /**
     * Not in the default runs ({@code -p mode=activity-spool-sync}): {@code activity-spool} with
     * {@code activity.delivery=sync}: each execution returns once its event is forced to the disk
     * (one fsync per drain round of the publisher, shared by the executions waiting in it).
     */
    static final String ACTIVITY_SPOOL_SYNC = "activity-spool-sync";
    /**
     * Not in the default runs ({@code -p mode=activity-protect}): {@code activity-none} with
     * {@code activity.allowlist} listing the benchmark's statements ({@link #allow}) and
     * {@code activity.allowlist.mode=protect}: each execution's digest is looked up on the
     * application thread (cached per text; a prepared statement's at prepare time).
     */
    static final String ACTIVITY_PROTECT = "activity-protect";
    /** {@code activity-protect} in mode detect: the application thread only hands the list on. */
    static final String ACTIVITY_DETECT = "activity-detect";
    static final List<String> ALL = List.of(RAW, ACTIVITY_NONE, ACTIVITY_JSONL, ACTIVITY_KINESIS, P6SPY,
            DATASOURCE_PROXY);

    private final String mode;
    private final Properties properties = new Properties();
    private Path file;
    private KinesisMock kinesis;
    private Path spoolDir;
    private PrintWriter proxyLog;

    private Modes(String mode) {
        this.mode = mode;
    }

    /** Prepares what {@code mode} needs (a temp file, the emulator and its stream). */
    static Modes open(String mode) throws IOException {
        Modes m = new Modes(mode);
        switch (mode) {
            case RAW -> { }
            case ACTIVITY_NONE -> m.properties.setProperty("activity.sink", "none");
            case ACTIVITY_PROTECT, ACTIVITY_DETECT -> {
                m.file = Files.createTempFile("bench-allowlist-", ".txt");
                m.properties.setProperty("activity.sink", "none");
                m.properties.setProperty("activity.allowlist", m.file.toString());
                m.properties.setProperty("activity.allowlist.mode", mode.equals(ACTIVITY_PROTECT) ? "protect" : "detect");
            }
            case ACTIVITY_JSONL -> {
                m.file = Files.createTempFile("bench-activity-", ".jsonl");
                m.properties.setProperty("activity.sink", "jsonl");
                m.properties.setProperty("activity.jsonl.path", m.file.toString());
            }
            case ACTIVITY_KINESIS -> m.startKinesis();
            case ACTIVITY_SPOOL, ACTIVITY_SPOOL_SYNC -> {
                m.startKinesis();
                m.spoolDir = Files.createTempDirectory(Path.of(System.getProperty("bench.spool.dir",
                        System.getProperty("java.io.tmpdir"))), "bench-spool-");
                // The default bound (1 GiB), although a tight loop writes more than the emulator takes:
                // a smaller one fills within seconds, after which the publisher idles (flattering the
                // asynchronous mode) and sync executions wait out their timeout (measuring the
                // emulator). With the default the publisher writes all trial long, as in production.
                m.properties.setProperty("activity.spool.dir", m.spoolDir.toString());
                if (mode.equals(ACTIVITY_SPOOL_SYNC)) {
                    m.properties.setProperty("activity.delivery", "sync");
                }
            }
            case ACTIVITY_KINESIS_DOWN -> {
                System.setProperty("aws.accessKeyId", KinesisMock.ACCESS_KEY);
                System.setProperty("aws.secretAccessKey", KinesisMock.SECRET_KEY);
                m.properties.setProperty("activity.sink", "kinesis");
                m.properties.setProperty("activity.kinesis.stream", "bench");
                m.properties.setProperty("activity.kinesis.region", "us-east-1");
                m.properties.setProperty("activity.kinesis.endpoint", "http://127.0.0.1:" + FreePorts.find());
            }
            case P6SPY -> {
                // P6Spy reads p6spy.config.* system properties when it loads (once per JVM: a fork runs one mode)
                m.file = Files.createTempFile("bench-p6spy-", ".log");
                System.setProperty("p6spy.config.appender", "com.p6spy.engine.spy.appender.FileLogger");
                System.setProperty("p6spy.config.logfile", m.file.toString());
                System.setProperty("p6spy.config.driverlist", "org.h2.Driver,com.mysql.cj.jdbc.Driver");
            }
            case DATASOURCE_PROXY -> {
                m.file = Files.createTempFile("bench-dsproxy-", ".log");
                m.proxyLog = new PrintWriter(new BufferedWriter(Files.newBufferedWriter(m.file), 8192));
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode + " " + ALL);
        }
        return m;
    }

    /** The emulator for the trial, and the sink's properties pointing at it. */
    private void startKinesis() {
        // the emulator's dummy credentials for the SDK's default chain, in this benchmark JVM only
        System.setProperty("aws.accessKeyId", KinesisMock.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", KinesisMock.SECRET_KEY);
        // lowest CPU priority: the real service does not run on the application's two cores
        kinesis = new KinesisMock("bench:4").lowPriority();
        kinesis.start();
        properties.putAll(kinesis.sinkProperties("bench"));
    }

    /**
     * Writes the allowlist of the allowlist modes: the digests of {@code statements} as every quote
     * rule reads them (whichever the target uses). Nothing in other modes. Before {@link #connect}.
     */
    void allow(String... statements) throws IOException {
        if (!mode.equals(ACTIVITY_PROTECT) && !mode.equals(ACTIVITY_DETECT)) {
            return;
        }
        StringBuilder list = new StringBuilder("# the benchmark's statements\n");
        for (String sql : statements) {
            for (io.jdbcactivity.analyze.QuoteRule rule : io.jdbcactivity.analyze.QuoteRule.values()) {
                for (String digest : io.jdbcactivity.analyze.SqlAnalyzer.digests(sql, rule)) {
                    list.append(digest).append('\n');
                }
            }
        }
        Files.writeString(file, list);
    }

    boolean isActivity() {
        return mode.startsWith("activity-");
    }

    /** Connection properties for this mode (add user and password as needed). */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** The URL for this mode in front of {@code targetUrl} ({@code jdbc:...}). */
    String url(String targetUrl) {
        if (!targetUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + targetUrl);
        }
        String rest = targetUrl.substring("jdbc:".length());
        return switch (mode) {
            case P6SPY -> "jdbc:p6spy:" + rest;
            case RAW, DATASOURCE_PROXY -> targetUrl;
            default -> "jdbc:activity:" + rest;
        };
    }

    /** What the application would hold: a DataSource for {@code targetUrl} in this mode. */
    DataSource dataSource(String targetUrl, Properties credentials) {
        Properties props = properties();
        props.putAll(credentials);
        DataSource plain = new DriverManagerDataSource(url(targetUrl), props);
        if (!mode.equals(DATASOURCE_PROXY)) {
            return plain;
        }
        DefaultQueryLogEntryCreator creator = new DefaultQueryLogEntryCreator();
        PrintWriter log = proxyLog;
        return ProxyDataSourceBuilder.create(plain).listener(new QueryExecutionListener() {
            @Override
            public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
            }

            @Override
            public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                String entry = creator.getLogEntry(execInfo, queryInfoList, true, true, false);
                synchronized (log) { // what a logging framework's file appender does
                    log.println(entry);
                }
            }
        }).build();
    }

    /** One connection of this mode. */
    Connection connect(String targetUrl, Properties credentials) throws SQLException {
        return dataSource(targetUrl, credentials).getConnection();
    }

    /**
     * What became of the trial's events once a flush ended (up to 60 s): captured, delivered, and
     * dropped or lost, summed over the publishers; with the emulator, the application events it
     * holds ({@code -1} without one). What "keeps up" means for a mode: nothing dropped or lost.
     */
    record Settled(long captured, long delivered, long droppedOrLost, long inStream) {
    }

    private Settled settled;

    /** Flushes and reads the counters (once: later calls answer the same); null for a mode without the driver. */
    Settled settle() {
        if (!isActivity()) {
            return null;
        }
        if (settled == null) {
            boolean flushed = Activity.flush(java.time.Duration.ofSeconds(60));
            long captured = 0;
            long delivered = 0;
            long lost = 0;
            for (PublisherStats s : Activity.stats()) {
                System.out.println("[publisher] " + s);
                captured += s.captured();
                delivered += s.delivered();
                lost += s.dropped() + s.lost();
            }
            long inStream = -1;
            if (kinesis != null) {
                inStream = kinesis.reader("bench").events().stream()
                        .filter(e -> !"PRODUCER".equals(e.at("/clientAuditFields/statementKind").asText())).count();
                System.out.println("[kinesis] application events in stream: " + inStream);
            }
            if (!flushed) {
                System.out.println("[publisher] the flush did not end within 60 s: events still pending");
            }
            settled = new Settled(captured, delivered, lost, inStream);
        }
        return settled;
    }

    /** Prints the publisher's counters, stops it, the emulator, and removes the file or the spool. */
    @Override
    public void close() throws IOException {
        if (isActivity()) {
            settle();
            Activity.shutdown();
        }
        if (kinesis != null) {
            kinesis.afterAll(null);
        }
        if (proxyLog != null) {
            proxyLog.close();
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
        if (spoolDir != null) {
            // what the stop left in the spool (the emulator takes less than a tight loop makes) goes with it
            try (Stream<Path> files = Files.walk(spoolDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Closes quietly what setup opened (setup may have failed half way). */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The smallest DataSource over DriverManager: what the peers' proxies and the pool wrap. */
    private record DriverManagerDataSource(String url, Properties properties) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, properties);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            Properties p = new Properties();
            p.putAll(properties);
            p.setProperty("user", username);
            p.setProperty("password", password);
            return DriverManager.getConnection(url, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
