package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.H2Databases;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DRIVER events on H2: what each call's event says, that the application sees the target's own
 * answers and exceptions, and that {@code activity.driverStatements=false} leaves them out but
 * keeps the COMMIT of a {@code setAutoCommit(true)}. (Which calls reach the server, and that the
 * events account for them, is checked against MariaDB's log in ServerLogAccountingTest.)
 */
class DriverCallEventsTest {
    private EventLog log;
    private String name;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        name = H2Databases.newName();
        try (Connection c = DriverManager.getConnection(H2Databases.url(name)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE h13_orders (id INT PRIMARY KEY, total DECIMAL(8,2))");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection wrapped(String... options) throws SQLException {
        Properties p = log.properties();
        for (String o : options) {
            p.setProperty(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
        return DriverManager.getConnection(H2Databases.activityUrl(name), p);
    }

    private static List<JsonNode> ofKind(List<JsonNode> events, String kind) {
        return events.stream().filter(e -> e.at("/clientAuditFields/statementKind").asText().equals(kind)).toList();
    }

    @Test
    void eachCallIsAnEventNamingItAndItsArguments() throws SQLException {
        int rawTables;
        try (Connection raw = DriverManager.getConnection(H2Databases.url(name));
                ResultSet rs = raw.getMetaData().getTables(null, null, "H13%", new String[] {"TABLE"})) {
            rawTables = count(rs);
        }
        SQLException refused;
        try (Connection c = wrapped()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, null, "H13%", new String[] {"TABLE"})) {
                assertEquals(rawTables, count(rs), "the target's own answer");
                assertEquals(1, rawTables);
            }
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
            refused = assertThrows(SQLException.class, () -> c.setTransactionIsolation(12345));
            try (Connection raw = DriverManager.getConnection(H2Databases.url(name))) {
                SQLException rawRefused = assertThrows(SQLException.class, () -> raw.setTransactionIsolation(12345));
                assertEquals(rawRefused.getSQLState(), refused.getSQLState(), "the target's own exception");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, total FROM h13_orders WHERE id = ?")) {
                assertEquals(2, ps.getMetaData().getColumnCount());
            }
            c.setReadOnly(false);
            c.setSchema("PUBLIC");
        }
        List<JsonNode> driver = ofKind(log.all(), "DRIVER");
        assertEquals(List.of("getTables", "setTransactionIsolation", "getTransactionIsolation", "setTransactionIsolation",
                "getMetaData", "setReadOnly", "setSchema"),
                driver.stream().map(e -> e.at("/clientAuditFields/executeMethod").asText()).toList());
        JsonNode tables = driver.get(0);
        assertEquals("METADATA", tables.get("command").asText());
        assertEquals("READ", tables.get("class").asText());
        assertTrue(tables.get("commandText").isNull());
        assertEquals("{\"catalog\":null,\"schemaPattern\":null,\"tableNamePattern\":\"H13%\",\"types\":[\"TABLE\"]}",
                tables.at("/clientAuditFields/callArguments").toString());
        assertEquals(Connection.TRANSACTION_SERIALIZABLE, driver.get(1).at("/clientAuditFields/callArguments/level").asInt());
        assertEquals("SET", driver.get(1).get("command").asText());
        assertEquals("SELECT", driver.get(2).get("command").asText());
        JsonNode failed = driver.get(3);
        assertNotEquals(0, failed.get("exitCode").asInt(), "a refused call is an event with its error");
        assertEquals(refused.getSQLState(), failed.at("/clientAuditFields/sqlState").asText());
        JsonNode metadata = driver.get(4);
        assertEquals("SELECT", metadata.get("command").asText(), "described by the statement it prepares");
        assertEquals("h13_orders:READ", io.jdbcactivity.fixtures.ActivityEvents.tables(metadata));
        assertEquals("USE", driver.get(6).get("command").asText());
        assertEquals("PUBLIC", driver.get(6).at("/clientAuditFields/callArguments/schema").asText());
    }

    @Test
    void turnedOffTheyAreLeftOutButACommitIsNot() throws SQLException {
        try (Connection c = wrapped("activity.driverStatements=false")) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                count(rs);
            }
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO h13_orders VALUES (1, 9.50)");
            }
            c.setAutoCommit(true);
        }
        List<JsonNode> events = log.all();
        assertEquals(List.of(), ofKind(events, "DRIVER"));
        JsonNode commit = events.get(events.size() - 2);
        assertEquals("COMMIT", commit.get("command").asText());
        assertEquals("setAutoCommit", commit.at("/clientAuditFields/executeMethod").asText());
        assertEquals(events.get(events.size() - 3).get("transactionId"), commit.get("transactionId"),
                "the commit ends the insert's transaction");
    }

    private static int count(ResultSet rs) throws SQLException {
        int n = 0;
        while (rs.next()) {
            n++;
        }
        return n;
    }
}
