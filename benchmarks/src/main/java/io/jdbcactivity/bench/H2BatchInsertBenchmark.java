package io.jdbcactivity.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
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

/**
 * A batch of 100 inserted rows per operation (one {@code executeBatch}), in-memory H2: the
 * parameters of 100 rows pass through the wrapper, and one event describes the batch.
 *
 * <p>The table is kept small: every {@link #EMPTY_EVERY} operations a second, raw connection to
 * the same database truncates it (no event, the same cost in every mode). Emptying it once per
 * iteration instead let it grow with the throughput, so H2's own cost and garbage per operation
 * depended on the mode's speed, and GC took a third of the measurement.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class H2BatchInsertBenchmark {
    static final int BATCH = 100;
    static final int EMPTY_EVERY = 50;

    /** See {@link Modes}. */
    @Param({"raw", "activity-none", "activity-jsonl", "activity-kinesis", "p6spy", "datasource-proxy"})
    public String mode;

    private Modes modes;
    private Connection connection;
    private Connection janitor;
    private PreparedStatement insert;
    private long nextId;
    private int sinceEmptied;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String target = "jdbc:h2:mem:batch" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        modes = Modes.open(mode);
        connection = modes.connect(target, new Properties());
        janitor = DriverManager.getConnection(target);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE order_line (id BIGINT, product INT, quantity INT, note VARCHAR(32))");
        }
        insert = connection.prepareStatement(
                "INSERT INTO order_line (id, product, quantity, note) VALUES (?, ?, ?, ?)");
    }

    private void empty() throws SQLException {
        try (Statement s = janitor.createStatement()) {
            s.execute("TRUNCATE TABLE order_line");
        }
        sinceEmptied = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        Statement drop = null;
        if (connection != null) {
            drop = connection.createStatement();
            drop.execute("DROP ALL OBJECTS");
        }
        Modes.closeAll(insert, drop, connection, janitor, modes);
    }

    @Benchmark
    public int[] batchInsert100(Probe probe, PublisherProbe publisher) throws SQLException {
        probe.op();
        if (++sinceEmptied == EMPTY_EVERY) {
            empty();
        }
        for (int i = 0; i < BATCH; i++) {
            long id = nextId++;
            insert.setLong(1, id);
            insert.setInt(2, (int) (id % 5_000));
            insert.setInt(3, 1 + (int) (id % 7));
            insert.setString(4, "gift");
            insert.addBatch();
        }
        return insert.executeBatch();
    }
}
