package io.jdbcactivity.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The prepared point select against the local MariaDB through MySQL Connector/J.
 *
 * <p>URL choice: {@code useSSL=false} because TLS on loopback would only add handshake and cipher
 * cost that is the same in every mode; {@code allowPublicKeyRetrieval=true} so a
 * caching_sha2_password account works without TLS; {@code useServerPrepStmts=false} (Connector/J's
 * default, stated explicitly) keeps client-side prepared statements: one COM_QUERY round trip per
 * execution, which is what most applications and pools run. Server-side prepares would measure the
 * binary protocol instead, equally for raw and wrapped, so they add nothing to the comparison.
 *
 * <p>Override with system properties on the JMH command line (inherited by the forked JVM):
 * {@code -Dbench.mysql.url=jdbc:mysql://host:port/db?...}, {@code -Dbench.mysql.user},
 * {@code -Dbench.mysql.password}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class MariaDbPointSelectBenchmark {
    static final int ROWS = 10_000;
    static final String DEFAULT_URL =
            "jdbc:mysql://127.0.0.1:3306/test?useSSL=false&allowPublicKeyRetrieval=true&useServerPrepStmts=false";

    /** See {@link Modes}. */
    @Param({"raw", "activity-none", "activity-jsonl", "activity-kinesis", "p6spy", "datasource-proxy"})
    public String mode;

    private Modes modes;
    private Connection connection;
    private PreparedStatement prepared;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String target = System.getProperty("bench.mysql.url", DEFAULT_URL);
        Properties raw = new Properties();
        raw.setProperty("user", System.getProperty("bench.mysql.user", "root"));
        raw.setProperty("password", System.getProperty("bench.mysql.password", ""));

        // the fixture is built over a raw connection so that setup statements are not captured
        try (Connection c = DriverManager.getConnection(target, raw)) {
            ensureTable(c);
        }

        modes = Modes.open(mode);
        connection = modes.connect(target, raw);
        prepared = connection.prepareStatement("SELECT id, name, price FROM bench_point WHERE id = ?");
    }

    /** {@code bench_point} with ids 1..ROWS; rebuilt only when it does not hold exactly that. */
    static void ensureTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_point"
                    + " (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2))");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(id), MAX(id) FROM bench_point")) {
                rs.next();
                if (rs.getInt(1) == ROWS && rs.getInt(2) == 1 && rs.getInt(3) == ROWS) {
                    return;
                }
            }
            s.execute("DELETE FROM bench_point");
        }
        // portable fill (MySQL has no sequence engine): batched inserts, rewritten into multi-row
        // statements when the URL allows it, one transaction
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO bench_point (id, name, price) VALUES (?, ?, ?)")) {
            for (int id = 1; id <= ROWS; id++) {
                ins.setInt(1, id);
                ins.setString(2, "product-" + id);
                ins.setBigDecimal(3, java.math.BigDecimal.valueOf(id * 125L, 2));
                ins.addBatch();
                if (id % 1000 == 0) {
                    ins.executeBatch();
                }
            }
            ins.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        Modes.closeAll(prepared, connection, modes);
    }

    @Benchmark
    public void preparedPointSelect(Blackhole bh, Probe probe, PublisherProbe publisher) throws SQLException {
        probe.op();
        prepared.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
        try (ResultSet rs = prepared.executeQuery()) {
            H2PointSelectBenchmark.consumeRow(rs, bh);
        }
    }
}
