package io.jdbcactivity.bench;

import java.sql.Connection;
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
 * parameters of 100 rows pass through the wrapper, and one event describes the batch. The table
 * is emptied before each iteration so memory stays flat.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class H2BatchInsertBenchmark {
    static final int BATCH = 100;

    /** See {@link Modes}. */
    @Param({"raw", "activity-none", "activity-jsonl", "activity-kinesis", "p6spy", "datasource-proxy"})
    public String mode;

    private Modes modes;
    private Connection connection;
    private PreparedStatement insert;
    private long nextId;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String target = "jdbc:h2:mem:batch" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        modes = Modes.open(mode);
        connection = modes.connect(target, new Properties());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE order_line (id BIGINT, product INT, quantity INT, note VARCHAR(32))");
        }
        insert = connection.prepareStatement(
                "INSERT INTO order_line (id, product, quantity, note) VALUES (?, ?, ?, ?)");
    }

    @Setup(Level.Iteration)
    public void empty() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("TRUNCATE TABLE order_line");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        Statement drop = null;
        if (connection != null) {
            drop = connection.createStatement();
            drop.execute("DROP ALL OBJECTS");
        }
        Modes.closeAll(insert, drop, connection, modes);
    }

    @Benchmark
    public int[] batchInsert100(Probe probe, PublisherProbe publisher) throws SQLException {
        probe.op();
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
