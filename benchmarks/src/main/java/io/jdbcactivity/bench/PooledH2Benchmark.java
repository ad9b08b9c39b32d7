package io.jdbcactivity.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Eight threads sharing a HikariCP pool of eight connections, each operation as a request handler
 * does it: borrow a connection, prepare, execute, read, close everything. The connections of one
 * driver share one publisher, so this is where contention would show.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Threads(8)
public class PooledH2Benchmark {
    static final int ROWS = H2PointSelectBenchmark.ROWS;

    /** The pool, shared by the benchmark's threads. */
    @State(Scope.Benchmark)
    public static class Pool {
        /** See {@link Modes}. */
        @Param({"raw", "activity-none", "activity-jsonl", "activity-kinesis", "p6spy", "datasource-proxy"})
        public String mode;

        Modes modes;
        HikariDataSource pool;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            String target = "jdbc:h2:mem:pooled" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
            modes = Modes.open(mode);
            HikariConfig config = new HikariConfig();
            config.setDataSource(modes.dataSource(target, new Properties()));
            config.setMaximumPoolSize(8);
            config.setMinimumIdle(8);
            pool = new HikariDataSource(config);
            try (Connection c = pool.getConnection()) {
                H2PointSelectBenchmark.createTable(c);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
            }
            Modes.closeAll(pool, modes);
        }
    }

    @Benchmark
    public void requestWithPointSelect(Pool pool, Blackhole bh, Probe probe, PublisherProbe publisher) throws SQLException {
        probe.op();
        try (Connection c = pool.pool.getConnection();
                PreparedStatement ps = c.prepareStatement(H2PointSelectBenchmark.PREPARED_SQL)) {
            ps.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
            try (ResultSet rs = ps.executeQuery()) {
                H2PointSelectBenchmark.consumeRow(rs, bh);
            }
        }
    }
}
