package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wrapper against the local MariaDB through the real Connector/J (and MariaDB Connector/J). */
class MariaDbCaptureTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS product (id INT PRIMARY KEY, name VARCHAR(50), price DECIMAL(8,2))",
                "DELETE FROM product",
                "INSERT INTO product VALUES (1, 'tea', 3.50), (2, 'coffee', 4.20), (3, 'cocoa', 2.90)");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection wrapped() throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        p.setProperty("activity.application", "mariadb-test");
        return DriverManager.getConnection("jdbc:activity:" + DB.jdbcUrl().substring("jdbc:".length()), p);
    }

    /** What an application observes of one statement: rows, update count, or the exception. */
    private static String observe(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            boolean isResult = s.execute(sql);
            do {
                if (isResult) {
                    try (ResultSet rs = s.getResultSet()) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                out.append(md.getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                            }
                            out.append('\n');
                        }
                    }
                } else {
                    out.append("count=").append(s.getUpdateCount()).append('\n');
                }
                isResult = s.getMoreResults();
            } while (isResult || s.getUpdateCount() != -1);
            return out.toString();
        } catch (SQLException e) {
            return e.getClass().getName() + " " + e.getSQLState() + " " + e.getErrorCode() + " " + e.getMessage();
        }
    }

    @Test
    void resultsAndExceptionsAreIdenticalToTheRawDriver() throws SQLException {
        String[] statements = {
            "SELECT * FROM product ORDER BY id",
            "SELECT name, price * 2 AS double_price FROM product WHERE price > 3 ORDER BY name",
            "UPDATE product SET price = price WHERE id IN (1, 2)",
            "SELECT COUNT(*), SUM(price) FROM product",
            "SELECT * FROM no_such_table",
            "SELEC broken syntax",
            "INSERT INTO product VALUES (1, 'dup', 1)",
            "SHOW TABLES",
            "SELECT @@version_comment IS NOT NULL",
        };
        List<String> rawResults = new ArrayList<>();
        try (Connection c = DB.connect()) {
            for (String sql : statements) {
                rawResults.add(observe(c, sql));
            }
        }
        List<String> wrappedResults = new ArrayList<>();
        try (Connection c = wrapped()) {
            for (String sql : statements) {
                wrappedResults.add(observe(c, sql));
            }
        }
        assertEquals(rawResults, wrappedResults);
        List<JsonNode> events = log.all();
        List<JsonNode> statementsSeen = events.stream()
                .filter(e -> !e.get("clientAuditFields").get("statementKind").asText().equals("CONNECTION")).toList();
        assertEquals(statements.length, statementsSeen.size(), events::toString);
        JsonNode missing = statementsSeen.get(4);
        assertEquals(1146, missing.get("exitCode").asInt());
        assertEquals("42S02", missing.get("clientAuditFields").get("sqlState").asText());
        JsonNode dup = statementsSeen.get(6);
        assertEquals(1062, dup.get("exitCode").asInt());
        assertFalse(dup.get("errorMessage").asText().contains("'1'"), dup.toString());
        assertEquals(3, statementsSeen.get(0).get("clientAuditFields").get("rowsReturned").asInt());
        assertEquals("SHOW", statementsSeen.get(7).get("command").asText());
        assertEquals("READ", statementsSeen.get(7).get("class").asText());
    }

    @Test
    void eventsDescribeTheServerConnection() throws SQLException {
        long serverThreadId;
        try (Connection c = wrapped(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT CONNECTION_ID()")) {
            assertTrue(rs.next());
            serverThreadId = rs.getLong(1);
            assertInstanceOf(com.mysql.cj.jdbc.JdbcConnection.class, c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class));
            assertTrue(c.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class));
            assertSame(c, c.unwrap(Connection.class));
            assertSame(s, rs.getStatement());
        }
        List<JsonNode> events = log.all();
        assertEquals(3, events.size());
        for (JsonNode e : events) {
            assertEquals(Long.toString(serverThreadId), e.get("sessionId").asText());
            assertEquals("MariaDB", e.get("serverType").asText());
            assertTrue(e.get("serverVersion").asText().contains("MariaDB"));
            assertEquals(DB.host(), e.get("serverHost").asText());
            assertEquals(DB.port(), e.get("serverPort").asInt());
            assertEquals(DB.database(), e.get("databaseName").asText());
            assertEquals(DB.user(), e.get("dbUserName").asText());
            assertEquals("mariadb-test", e.get("clientApplication").asText());
            assertEquals("com.mysql.cj.jdbc.Driver", e.get("clientAuditFields").get("driver").asText());
        }
    }

    @Test
    void propertyInfoHasConnectorJsPropertiesAndOurs() throws SQLException {
        String url = "jdbc:activity:" + DB.jdbcUrl().substring(5);
        java.sql.DriverPropertyInfo[] info = DriverManager.getDriver(url).getPropertyInfo(url, new Properties());
        List<String> names = java.util.Arrays.stream(info).map(i -> i.name).toList();
        assertTrue(names.contains("useSSL") && names.contains("activity.sink"), names.toString());
    }

    @Test
    void changingTheCatalogChangesTheEventsDatabase() throws SQLException {
        try (Connection c = wrapped(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            c.setCatalog("test");
            s.execute("SELECT 1");
        }
        List<JsonNode> events = new ArrayList<>(log.all());
        // a query's event is written when its result set is done: in the order it ran, by sequence
        events.sort(java.util.Comparator.comparingLong(e -> e.get("statementId").asLong()));
        assertEquals(DB.database(), events.get(1).get("databaseName").asText());
        assertEquals("setCatalog", events.get(2).at("/clientAuditFields/executeMethod").asText(), "a DRIVER event");
        assertEquals("test", events.get(2).at("/clientAuditFields/callArguments/catalog").asText());
        assertEquals("test", events.get(3).get("databaseName").asText());
    }

    @Test
    void aFailedConnectIsAnEventWithoutThePassword() {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", "wrong-hunter2");
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:activity:" + DB.jdbcUrl().substring(5), p));
        assertEquals(1045, e.getErrorCode());
        List<JsonNode> events = log.all();
        assertEquals(1, events.size());
        JsonNode connect = events.get(0);
        assertEquals("CONNECT", connect.get("command").asText());
        assertEquals(1045, connect.get("exitCode").asInt());
        assertNotNull(connect.get("errorMessage").asText());
        assertFalse(connect.toString().contains("hunter2"));
    }

    @Test
    void connectorJIsFoundEvenWhenItIsNotRegistered() throws SQLException {
        List<java.sql.Driver> removed = new ArrayList<>();
        for (java.sql.Driver d : java.util.Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getName().equals("com.mysql.cj.jdbc.Driver")) {
                DriverManager.deregisterDriver(d);
                removed.add(d);
            }
        }
        try {
            assertFalse(removed.isEmpty());
            assertThrows(SQLException.class, () -> DB.connect(),
                    "Connector/J really is unregistered");
            try (Connection c = wrapped()) {
                assertTrue(c.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class));
            }
        } finally {
            for (java.sql.Driver d : removed) {
                DriverManager.registerDriver(d);
            }
        }
    }

    @Test
    void mariaDbConnectorJWorksToo() throws SQLException {
        String url = "jdbc:activity:mariadb://" + DB.host() + ":" + DB.port() + "/" + DB.database();
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM product ORDER BY id")) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            assertEquals(3, n);
            assertTrue(c.isWrapperFor(org.mariadb.jdbc.Connection.class));
        }
        List<JsonNode> events = log.all();
        assertEquals("org.mariadb.jdbc.Driver", events.get(0).get("clientAuditFields").get("driver").asText());
        assertEquals(3, events.get(1).get("clientAuditFields").get("rowsReturned").asInt());
        assertNotNull(events.get(1).get("sessionId").textValue(), "MariaDB Connector/J exposes its thread id");
    }
}
