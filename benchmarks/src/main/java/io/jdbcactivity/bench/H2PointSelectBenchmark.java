package io.jdbcactivity.bench;

import java.nio.file.Path;
import java.sql.Connection;
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
 * In-memory H2 point selects: the database costs little, so the wrapper's own cost shows. The
 * prepared variant is what pools and ORMs run; the plain one writes the literal into the text,
 * cycling over 1,000 distinct texts of one shape (what per-text caches meet in applications that
 * do not bind parameters).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class H2PointSelectBenchmark {
    static final int ROWS = 10_000;
    static final String PREPARED_SQL = "SELECT id, name, price FROM product WHERE id = ?";

    /** See {@link Modes}. */
    @Param({"raw", "activity-none", "activity-jsonl", "activity-kinesis", "p6spy", "datasource-proxy"})
    public String mode;

    static final int SHAPES = 1_000;

    private Modes modes;
    private Connection connection;
    private PreparedStatement prepared;
    private Statement plain;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // unique database per trial (and per thread), kept alive while the connection is open
        String target = "jdbc:h2:mem:bench" + System.nanoTime() + "_" + Thread.currentThread().getId()
                + ";DB_CLOSE_DELAY=-1";
        modes = Modes.open(mode);
        modes.allow(CREATE_TABLE, FILL_TABLE, PREPARED_SQL, plainSql(1), "DROP ALL OBJECTS");
        connection = modes.connect(target, new Properties());
        createTable(connection);
        prepared = connection.prepareStatement(PREPARED_SQL);
        plain = connection.createStatement();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        Statement drop = null;
        if (connection != null) {
            drop = connection.createStatement();
            drop.execute("DROP ALL OBJECTS"); // frees the in-memory database (DB_CLOSE_DELAY=-1)
        }
        Modes.closeAll(prepared, plain, drop, connection, modes);
    }

    @Benchmark
    public void preparedPointSelect(Blackhole bh, Probe probe, PublisherProbe publisher) throws SQLException {
        probe.op();
        prepared.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
        try (ResultSet rs = prepared.executeQuery()) {
            consumeRow(rs, bh);
        }
    }

    @Benchmark
    public void plainPointSelect(Blackhole bh, Probe probe, PublisherProbe publisher) throws SQLException {
        probe.op();
        int id = ThreadLocalRandom.current().nextInt(1, SHAPES + 1);
        try (ResultSet rs = plain.executeQuery(plainSql(id))) {
            consumeRow(rs, bh);
        }
    }

    static String plainSql(int id) {
        return "SELECT id, name, price FROM product WHERE id = " + id;
    }

    static final String CREATE_TABLE = "CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2))";
    static final String FILL_TABLE = "INSERT INTO product SELECT X, 'product-' || X, X * 1.25 FROM SYSTEM_RANGE(1, "
            + ROWS + ")";

    /** The {@code product} table of {@link #ROWS} rows the point selects read. */
    static void createTable(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(CREATE_TABLE);
            s.execute(FILL_TABLE);
        }
    }

    static void consumeRow(ResultSet rs, Blackhole bh) throws SQLException {
        if (!rs.next()) {
            throw new IllegalStateException("point select returned no row");
        }
        bh.consume(rs.getInt(1));
        bh.consume(rs.getString(2));
        bh.consume(rs.getBigDecimal(3));
    }
}
