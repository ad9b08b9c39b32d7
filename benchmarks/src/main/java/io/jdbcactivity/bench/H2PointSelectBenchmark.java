package io.jdbcactivity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * prepared variant is what pools and ORMs run; the plain one builds a fresh literal each time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class H2PointSelectBenchmark {
    static final int ROWS = 10_000;

    @Param({"raw", "activity-none", "activity-jsonl"})
    public String mode;

    private Path jsonl;
    private Connection connection;
    private PreparedStatement prepared;
    private Statement plain;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String target = "jdbc:h2:mem:bench" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        jsonl = Modes.tempJsonl();
        Properties props = Modes.properties(mode, jsonl);
        connection = DriverManager.getConnection(Modes.url(mode, target), props);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2))");
            s.execute("INSERT INTO product SELECT X, 'product-' || X, X * 1.25 FROM SYSTEM_RANGE(1, " + ROWS + ")");
        }
        prepared = connection.prepareStatement("SELECT id, name, price FROM product WHERE id = ?");
        plain = connection.createStatement();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        prepared.close();
        plain.close();
        connection.close();
        Files.deleteIfExists(jsonl);
    }

    @Benchmark
    public void preparedPointSelect(Blackhole bh) throws Exception {
        prepared.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
        try (ResultSet rs = prepared.executeQuery()) {
            rs.next();
            bh.consume(rs.getInt(1));
            bh.consume(rs.getString(2));
            bh.consume(rs.getBigDecimal(3));
        }
    }

    @Benchmark
    public void plainPointSelect(Blackhole bh) throws Exception {
        int id = ThreadLocalRandom.current().nextInt(1, ROWS + 1);
        try (ResultSet rs = plain.executeQuery("SELECT id, name, price FROM product WHERE id = " + id)) {
            rs.next();
            bh.consume(rs.getInt(1));
            bh.consume(rs.getString(2));
            bh.consume(rs.getBigDecimal(3));
        }
    }
}
