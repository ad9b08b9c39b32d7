package io.jdbcactivity.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * What {@code activity.callSite} costs the application thread: an H2 prepared point select
 * through HikariCP and jdbc-activity (sink none), with call sites off, on for every statement,
 * and on for 1 % of them; {@code ormFrames} puts that many frames of a data-access layer (named
 * in {@code activity.callSite.skip}, as an ORM's are in the built-in list) between the
 * application's frame and the pool, since the stack walk stops at the first application frame
 * and so costs what lies above it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class CallSiteBenchmark {
    @Param({"false", "true", "0.01"})
    public String callSite;

    @Param({"0", "40"})
    public int ormFrames;

    private HikariDataSource pool;
    private Connection connection;
    private PreparedStatement prepared;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:activity:h2:mem:callsite" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"
                + ";activity.sink=none;activity.callSite=" + callSite + ";activity.callSite.skip="
                + Orm.class.getName());
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        connection = pool.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2))");
            s.execute("INSERT INTO product SELECT x, 'p' || x, x FROM SYSTEM_RANGE(1, 1000)");
        }
        prepared = connection.prepareStatement("SELECT id, name, price FROM product WHERE id = ?");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        prepared.close();
        try (Statement s = connection.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        connection.close();
        pool.close();
    }

    @Benchmark
    public int preparedPointSelect() throws SQLException {
        return Orm.find(prepared, ormFrames);
    }

    /** A data-access layer's frames between the application and the pool. */
    static final class Orm {
        private Orm() {
        }

        static int find(PreparedStatement ps, int depth) throws SQLException {
            if (depth > 0) {
                return find(ps, depth - 1);
            }
            ps.setInt(1, ThreadLocalRandom.current().nextInt(1, 1001));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
