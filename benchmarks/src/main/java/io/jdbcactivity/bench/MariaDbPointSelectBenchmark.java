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
 * The same prepared point select against the local MariaDB through Connector/J. Client-side
 * prepared statements (Connector/J's default, {@code useServerPrepStmts=false}) keep it one round
 * trip per execution, which is what most applications run. Override the server with
 * {@code -Dbench.mysql.url=jdbc:mysql://host:port/db?...}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class MariaDbPointSelectBenchmark {
    static final int ROWS = 10_000;

    @Param({"raw", "activity-none", "activity-jsonl"})
    public String mode;

    private Path jsonl;
    private Connection connection;
    private PreparedStatement prepared;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String target = System.getProperty("bench.mysql.url",
                "jdbc:mysql://127.0.0.1:3306/test?useSSL=false&allowPublicKeyRetrieval=true&useServerPrepStmts=false");
        jsonl = Modes.tempJsonl();
        Properties props = Modes.properties(mode, jsonl);
        props.setProperty("user", System.getProperty("bench.mysql.user", "root"));
        props.setProperty("password", System.getProperty("bench.mysql.password", ""));
        connection = DriverManager.getConnection(Modes.url(mode, target), props);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_point (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2))");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bench_point")) {
                rs.next();
                if (rs.getInt(1) != ROWS) {
                    s.execute("DELETE FROM bench_point");
                    s.execute("INSERT INTO bench_point SELECT seq, CONCAT('product-', seq), seq * 1.25 FROM seq_1_to_"
                            + ROWS);
                }
            }
        }
        prepared = connection.prepareStatement("SELECT id, name, price FROM bench_point WHERE id = ?");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        prepared.close();
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
}
