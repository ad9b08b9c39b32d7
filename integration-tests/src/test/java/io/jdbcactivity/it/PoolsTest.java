package io.jdbcactivity.it;

import io.jdbcactivity.fixtures.ActivityEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.mysql.cj.jdbc.ClientPreparedStatement;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The four common pools with nothing but the URL swapped, statement caching on (the pool's own, or
 * Connector/J's for HikariCP, which has none): every round after the first is served from the cache
 * (the same Connector/J statement comes back), and the events are those of the application's
 * executions, once each, whether the statement was prepared anew or taken from a cache.
 */
class PoolsTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("pools");
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();
    private static final int ROUNDS = 5;

    @BeforeAll
    static void schema() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(MARIADB.jdbcUrl(), MARIADB.user(),
                MARIADB.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(40))");
            s.execute("INSERT INTO item VALUES (1, 'tea'), (2, 'coffee')");
        }
    }

    /**
     * A pool as its users configure it, around the driver's URL, with one physical connection:
     * statement caches are per connection, so every round after the first must be served from it.
     */
    private static DataSource pool(String name, String url) throws Exception {
        switch (name) {
            case "hikari": {
                HikariConfig c = new HikariConfig();
                // HikariCP leaves statement caching to the driver: Connector/J's, below the wrapper
                c.setJdbcUrl(url + "&cachePrepStmts=true&useServerPrepStmts=true");
                c.setUsername(MARIADB.user());
                c.setPassword(MARIADB.password());
                c.setMaximumPoolSize(1);
                return new HikariDataSource(c);
            }
            case "dbcp2": {
                BasicDataSource ds = new BasicDataSource();
                ds.setUrl(url);
                ds.setUsername(MARIADB.user());
                ds.setPassword(MARIADB.password());
                ds.setMaxTotal(1);
                ds.setPoolPreparedStatements(true);
                ds.setMaxOpenPreparedStatements(20);
                return ds;
            }
            case "tomcat-jdbc": {
                org.apache.tomcat.jdbc.pool.DataSource ds = new org.apache.tomcat.jdbc.pool.DataSource();
                ds.setDriverClassName("io.jdbcactivity.driver.ActivityDriver");
                ds.setUrl(url);
                ds.setUsername(MARIADB.user());
                ds.setPassword(MARIADB.password());
                ds.setMaxActive(1);
                ds.setInitialSize(1);
                ds.setMinIdle(1);
                ds.setMaxIdle(1);
                ds.setJdbcInterceptors("StatementCache(prepared=true,callable=false,max=50)");
                return ds;
            }
            case "c3p0": {
                ComboPooledDataSource ds = new ComboPooledDataSource();
                ds.setDriverClass("io.jdbcactivity.driver.ActivityDriver");
                ds.setJdbcUrl(url);
                ds.setUser(MARIADB.user());
                ds.setPassword(MARIADB.password());
                ds.setMinPoolSize(1);
                ds.setInitialPoolSize(1);
                ds.setMaxPoolSize(1);
                ds.setMaxStatements(50);
                return ds;
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static void close(DataSource ds) throws Exception {
        if (ds instanceof AutoCloseable c) {
            c.close();
        } else if (ds instanceof org.apache.tomcat.jdbc.pool.DataSource t) {
            t.close(true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hikari", "dbcp2", "tomcat-jdbc", "c3p0"})
    void eachExecutionIsOneEventWhateverThePoolCaches(String name) throws Exception {
        DataSource ds = pool(name, Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "pools", name));
        List<Object> prepared = new ArrayList<>();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                try (Connection c = ds.getConnection();
                        PreparedStatement ps = c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
                    // Connector/J's own statement, below the pool's proxy and the driver's wrapper:
                    // the same object again only when a cache served it
                    prepared.add(ps.unwrap(ClientPreparedStatement.class));
                    ps.setInt(1, 1 + round % 2);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                    }
                }
            }
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("UPDATE item SET name = ? WHERE id = ?")) {
                    for (int id = 1; id <= 2; id++) {
                        ps.setString(1, name + "-" + id);
                        ps.setInt(2, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE item SET name = CONCAT(name, '') WHERE id = 1");
                }
            }
        } finally {
            close(ds);
        }
        assertTrue(Activity.flush(Duration.ofSeconds(20)), Activity.stats().toString());

        assertEquals(ROUNDS, prepared.size());
        for (int round = 2; round <= ROUNDS; round++) {
            assertSame(prepared.get(0), prepared.get(round - 1), name + " served round " + round + "'s statement from "
                    + "its cache");
        }
        List<JsonNode> statements = Streams.statements(KINESIS, "pools", name);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            expected.add("SELECT item:READ 1");
        }
        expected.add("UPDATE item:UPDATE batch=2");
        expected.add("UPDATE item:UPDATE 1");
        assertEquals(expected, statements.stream().map(e -> e.path("command").asText() + " " + ActivityEvents.tables(e) + " "
                + (e.path("clientAuditFields").path("batch").isObject()
                        ? "batch=" + e.path("clientAuditFields").path("batch").path("size").asInt()
                        : e.path("clientAuditFields").path("rowsReturned").isNumber()
                                ? e.path("clientAuditFields").path("rowsReturned").asText()
                                : e.path("clientAuditFields").path("rowsAffected").asText())).toList(), name);

        List<JsonNode> all = Streams.ofApplication(KINESIS, "pools", name);
        long connects = all.stream().filter(e -> e.path("command").asText().equals("CONNECT")).count();
        // the pool's one connection, and for DBCP the one it opens and closes to validate its factory
        assertTrue(connects >= 1 && connects <= 2, name + " opened " + connects + " physical connections");
        assertEquals(connects, all.stream().filter(e -> e.path("command").asText().equals("DISCONNECT")).count(),
                "closing the pool closed them");
        assertEquals(1, all.stream().filter(e -> e.path("command").asText().equals("COMMIT")).count());
    }
}
