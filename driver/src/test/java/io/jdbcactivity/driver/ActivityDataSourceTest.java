package io.jdbcactivity.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mysql.cj.jdbc.MysqlDataSource;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.jdbc.ActivityConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ActivityDataSource: a ready-made DataSource's connections, described as a URL's would be. */
class ActivityDataSourceTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> record(Connection c, String... sql) throws Exception {
        List<JsonNode> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable l = Activity.listen((t, json) -> heard.add(parse(json)), false)) {
            try (Connection conn = c; Statement s = conn.createStatement()) {
                for (String q : sql) {
                    s.execute(q);
                }
            }
            assertTrue(Activity.awaitPublished(Duration.ofSeconds(10)));
        }
        return heard;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void connectorJsDataSourceIsDescribedByTheServerItReached() throws Exception {
        MysqlDataSource target = new MysqlDataSource();
        target.setUrl(DB.jdbcUrl());
        target.setUser(DB.user());
        target.setPassword(DB.password());
        ActivityDataSource ds = new ActivityDataSource(target, Map.of("activity.sink", "none",
                "activity.application", "wrapped"));
        Connection c = ds.getConnection();
        assertInstanceOf(ActivityConnection.class, c);
        long serverId;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            serverId = rs.getLong(1);
        }
        List<JsonNode> events = record(c, "SELECT 1");
        JsonNode statement = events.stream().filter(e -> "SELECT".equals(e.path("command").asText())).findFirst()
                .orElseThrow();
        assertEquals(String.valueOf(serverId), statement.path("sessionId").asText());
        assertEquals(DB.database(), statement.path("databaseName").asText());
        assertEquals(DB.user(), statement.path("dbUserName").asText());
        assertEquals("wrapped", statement.path("clientApplication").asText());
        assertEquals("com.mysql.cj.jdbc.Driver", statement.path("clientAuditFields").path("driver").asText());
        assertEquals(DB.port(), statement.path("serverPort").asInt());
        assertTrue(events.stream().anyMatch(e -> "DISCONNECT".equals(e.path("command").asText())));
    }

    @Test
    void h2sDataSourceWorksAndTheWrapperUnwraps() throws Exception {
        JdbcDataSource target = new JdbcDataSource();
        target.setURL(H2Databases.url());
        ActivityDataSource ds = new ActivityDataSource(target, Map.of("activity.sink", "none"));
        assertEquals(target, ds.unwrap(JdbcDataSource.class));
        List<JsonNode> events = record(ds.getConnection(), "CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
        assertEquals(List.of("CONNECT", "CREATE TABLE", "INSERT", "DISCONNECT"),
                events.stream().map(e -> e.path("command").asText()).toList());
    }

    @Test
    void aWrappedDataSourceChecksTheAllowlistInProtectMode() throws Exception {
        JdbcDataSource target = new JdbcDataSource();
        target.setURL(H2Databases.url());
        ActivityDataSource ds = new ActivityDataSource(target, Map.of("activity.sink", "none",
                "activity.allowlist", "classpath:io/jdbcactivity/allowlist/h2-allowlist.txt",
                "activity.allowlist.mode", "protect"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)"); // listed
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate("UPDATE t SET v = 0 WHERE id = 1"));
            assertEquals("42000", e.getSQLState());
        }
    }

    @Test
    void anUnknownOptionIsRefusedAtTheConnection() {
        JdbcDataSource target = new JdbcDataSource();
        target.setURL(H2Databases.url());
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> new ActivityDataSource(target, Map.of("activity.snk", "none")).getConnection());
        assertTrue(e.getMessage().contains("activity.sink"), e.getMessage());
    }
}
