package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.H2Databases;
import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every execution path of the wrappers against H2: exactly one event each, with the right facts. */
class H2CaptureTest {
    private EventLog log;
    private String database;
    private Connection conn;

    @BeforeEach
    void open() throws SQLException {
        log = EventLog.create();
        database = H2Databases.newName();
        conn = DriverManager.getConnection(H2Databases.activityUrl(database), log.properties());
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50), qty INT)");
            s.executeUpdate("INSERT INTO item (name, qty) VALUES ('a', 1), ('b', 2), ('c', 3)");
        }
        log.skipExisting();
    }

    @AfterEach
    void close() throws Exception {
        conn.close();
        log.close();
    }

    private JsonNode only() {
        List<JsonNode> events = log.newEvents();
        assertEquals(1, events.size(), () -> "expected one event, got " + events);
        return events.get(0);
    }

    private static JsonNode audit(JsonNode e) {
        return e.get("clientAuditFields");
    }

    private static void assertEvent(JsonNode e, String kind, String method, String command, String activityClass) {
        assertEquals(kind, audit(e).get("statementKind").asText(), e::toString);
        assertEquals(method, audit(e).get("executeMethod").asText(), e::toString);
        assertEquals(command, e.get("command").asText(), e::toString);
        assertEquals(activityClass, e.get("class").asText(), e::toString);
        assertEquals(0, e.get("exitCode").asInt(), e::toString);
    }

    @Test
    void statementQueryCountsTheRowsTheApplicationRead() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM item WHERE qty > 0")) {
            assertSame(s, rs.getStatement());
            assertTrue(rs.next());
            assertTrue(rs.next());
        }
        JsonNode e = only();
        assertEvent(e, "STATEMENT", "executeQuery", "SELECT", "READ");
        assertEquals(2, audit(e).get("rowsReturned").asLong());
        assertEquals(2, e.get("rowCount").asLong());
        assertEquals("SELECT * FROM item WHERE qty > ?", e.get("commandText").asText());
        assertTrue(audit(e).get("durationNanos").asLong() > 0);
    }

    @Test
    void everyUpdateOverloadIsOneEvent() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE item SET qty = 5 WHERE id = 1"));
            assertEquals(1, s.executeUpdate("INSERT INTO item (name) VALUES ('k')", Statement.RETURN_GENERATED_KEYS));
            assertEquals(1, s.executeUpdate("INSERT INTO item (name) VALUES ('l')", new int[] {1}));
            assertEquals(1, s.executeUpdate("INSERT INTO item (name) VALUES ('m')", new String[] {"ID"}));
            assertEquals(3, s.executeLargeUpdate("UPDATE item SET qty = 0 WHERE name IN ('k', 'l', 'm')"));
            assertEquals(1, s.executeLargeUpdate("INSERT INTO item (name) VALUES ('n')", Statement.NO_GENERATED_KEYS));
            assertEquals(1, s.executeLargeUpdate("INSERT INTO item (name) VALUES ('o')", new int[] {1}));
            assertEquals(1, s.executeLargeUpdate("INSERT INTO item (name) VALUES ('p')", new String[] {"ID"}));
        }
        List<JsonNode> events = log.newEvents();
        assertEquals(8, events.size());
        long[] expectedRows = {1, 1, 1, 1, 3, 1, 1, 1};
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertEquals(i < 4 ? "executeUpdate" : "executeLargeUpdate", audit(e).get("executeMethod").asText());
            assertEquals(expectedRows[i], audit(e).get("rowsAffected").asLong(), e::toString);
            assertEquals("WRITE", e.get("class").asText());
        }
    }

    @Test
    void executeWithAResultSetOrAnUpdateCount() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertTrue(s.execute("SELECT name FROM item ORDER BY id"));
            ResultSet rs = s.getResultSet();
            assertSame(rs, s.getResultSet(), "the same wrapper each time");
            assertSame(s, rs.getStatement());
            int n = 0;
            while (rs.next()) {
                n++;
            }
            assertEquals(3, n);
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
            assertFalse(s.execute("DELETE FROM item WHERE id = 3"));
            assertEquals(1, s.getUpdateCount());
            assertTrue(s.execute("SELECT 1", Statement.NO_GENERATED_KEYS));
            assertTrue(s.execute("SELECT 1", new int[] {1}));
            assertTrue(s.execute("SELECT 1", new String[] {"ID"}));
        }
        List<JsonNode> events = log.newEvents();
        assertEquals(5, events.size(), events::toString);
        assertEquals(3, audit(events.get(0)).get("rowsReturned").asLong());
        assertEquals(1, audit(events.get(1)).get("rowsAffected").asLong());
        assertEquals("DELETE", events.get(1).get("command").asText());
        for (JsonNode e : events) {
            assertEquals("execute", audit(e).get("executeMethod").asText());
        }
        assertEquals(0, audit(events.get(4)).get("rowsReturned").asLong(), "closing the statement ends the last one");
    }

    @Test
    void aPlainBatchCarriesEachStatement() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.addBatch("INSERT INTO item (name, qty) VALUES ('x', 1)");
            s.addBatch("UPDATE item SET qty = 9 WHERE name = 'a'");
            assertEquals(2, s.executeBatch().length);
            s.addBatch("DELETE FROM item WHERE name = 'x'");
            s.clearBatch();
            s.addBatch("DELETE FROM item WHERE name = 'b'");
            assertEquals(1, s.executeLargeBatch().length);
        }
        List<JsonNode> events = log.newEvents();
        assertEquals(2, events.size());
        JsonNode batch = audit(events.get(0)).get("batch");
        assertEquals(2, batch.get("size").asInt());
        assertEquals("INSERT INTO item (name, qty) VALUES (?, ?)", batch.get("statements").get(0).asText());
        assertEquals("UPDATE item SET qty = ? WHERE name = ?", batch.get("statements").get(1).asText());
        assertEquals(2, audit(events.get(0)).get("rowsAffected").asLong());
        assertEquals("INSERT", events.get(0).get("command").asText());
        assertEquals(List.of("item:INSERT", "item:UPDATE"), java.util.stream.StreamSupport.stream(
                audit(events.get(0)).get("tables").spliterator(), false)
                .map(t -> t.get("name").asText() + ":" + t.get("access").asText()).toList(),
                "a plain batch touches what all its entries touch");
        JsonNode second = audit(events.get(1)).get("batch");
        assertEquals(1, second.get("size").asInt(), "clearBatch empties what the capture carries");
        assertEquals("executeLargeBatch", audit(events.get(1)).get("executeMethod").asText());
    }

    @Test
    void preparedExecutionsAndBatches() throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("SELECT qty FROM item WHERE name = ?")) {
            assertSame(conn, p.getConnection());
            p.setString(1, "a");
            try (ResultSet rs = p.executeQuery()) {
                assertSame(p, rs.getStatement());
                assertTrue(rs.next());
            }
            p.setString(1, "b");
            assertTrue(p.execute());
            try (ResultSet rs = p.getResultSet()) {
                assertTrue(rs.next());
                assertFalse(rs.next());
            }
        }
        try (PreparedStatement p = conn.prepareStatement("INSERT INTO item (name, qty) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < 3; i++) {
                p.setString(1, "n" + i);
                p.setInt(2, i);
                p.addBatch();
            }
            assertEquals(3, p.executeBatch().length);
            p.setString(1, "single");
            p.setInt(2, 1);
            assertEquals(1, p.executeUpdate());
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertSame(p, keys.getStatement());
                assertTrue(keys.next());
            }
            p.setString(1, "large");
            assertEquals(1, p.executeLargeUpdate());
        }
        List<JsonNode> events = log.newEvents();
        assertEquals(5, events.size(), events::toString);
        assertEvent(events.get(0), "PREPARED", "executeQuery", "SELECT", "READ");
        assertEquals(1, audit(events.get(0)).get("rowsReturned").asLong());
        assertEvent(events.get(1), "PREPARED", "execute", "SELECT", "READ");
        assertEquals(1, audit(events.get(1)).get("rowsReturned").asLong());
        assertEvent(events.get(2), "PREPARED", "executeBatch", "INSERT", "WRITE");
        assertEquals(3, audit(events.get(2)).get("batch").get("size").asInt());
        assertEquals(3, audit(events.get(2)).get("rowsAffected").asLong());
        assertEquals("INSERT INTO item (name, qty) VALUES (?, ?)", events.get(2).get("commandText").asText());
        assertEvent(events.get(3), "PREPARED", "executeUpdate", "INSERT", "WRITE");
        assertNull(audit(events.get(3)).get("batch"));
        assertEvent(events.get(4), "PREPARED", "executeLargeUpdate", "INSERT", "WRITE");
    }

    @Test
    void callableStatementsAreCapturedAsCallable() throws SQLException {
        try (CallableStatement c = conn.prepareCall("CALL ABS(?)")) {
            c.setInt(1, -4);
            try (ResultSet rs = c.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(4, rs.getInt(1));
                assertSame(c, rs.getStatement());
            }
        }
        List<JsonNode> events = log.newEvents();
        assertEquals(2, events.size(), events::toString);
        assertEquals("DRIVER", audit(events.get(0)).get("statementKind").asText(), "the driver's routine lookup");
        assertEquals("prepareCall", audit(events.get(0)).get("executeMethod").asText());
        assertEvent(events.get(1), "CALLABLE", "executeQuery", "CALL", "FUNCTION");
    }

    @Test
    void aFailedExecutionIsCapturedAndTheApplicationGetsTheSameException() throws SQLException {
        SQLException raw;
        String sql = "SELECT * FROM nope WHERE x = 'secret'";
        try (Connection plain = DriverManager.getConnection(H2Databases.url(database))) {
            raw = assertThrows(SQLException.class, () -> plain.createStatement().executeQuery(sql));
        }
        SQLException wrapped;
        try (Statement s = conn.createStatement()) {
            wrapped = assertThrows(SQLException.class, () -> s.executeQuery(sql));
        }
        assertEquals(raw.getClass(), wrapped.getClass());
        assertEquals(raw.getSQLState(), wrapped.getSQLState());
        assertEquals(raw.getErrorCode(), wrapped.getErrorCode());
        assertEquals(raw.getMessage(), wrapped.getMessage());
        JsonNode e = only();
        assertEquals(wrapped.getErrorCode(), e.get("exitCode").asInt());
        assertEquals(wrapped.getSQLState(), audit(e).get("sqlState").asText());
        assertFalse(e.get("errorMessage").asText().contains("secret"), e.toString());
        assertFalse(e.get("errorMessage").asText().isEmpty());
    }

    @Test
    void aFailedBatchKeepsTheRowsThatRan() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.addBatch("INSERT INTO item (name) VALUES ('ok')");
            s.addBatch("INSERT INTO nope VALUES (1)");
            assertThrows(BatchUpdateException.class, s::executeBatch);
        }
        JsonNode e = only();
        assertTrue(e.get("exitCode").asInt() != 0);
        assertEquals(2, audit(e).get("batch").get("size").asInt());
    }

    @Test
    void aResultSetLeftOpenIsCapturedWhenItsStatementRunsAgainOrCloses() throws SQLException {
        Statement s = conn.createStatement();
        ResultSet first = s.executeQuery("SELECT * FROM item");
        first.next();
        s.executeQuery("SELECT * FROM item WHERE id = 1").next();
        List<JsonNode> events = log.newEvents();
        assertEquals(1, events.size(), "the first execution ends when the statement runs again");
        assertEquals(1, audit(events.get(0)).get("rowsReturned").asLong());
        s.close();
        assertEquals(1, audit(only()).get("rowsReturned").asLong());
    }

    @Test
    void pendingCapturesEndWhenTheConnectionCloses() throws SQLException {
        Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM item");
        rs.next();
        rs.next();
        conn.close();
        List<JsonNode> events = log.newEvents();
        assertEquals(2, events.size());
        assertEquals(2, audit(events.get(0)).get("rowsReturned").asLong());
        assertEquals("DISCONNECT", events.get(1).get("command").asText());
        assertEquals("CONNECT", events.get(1).get("class").asText());
    }

    @Test
    void transactionsSavepointsAndTheirIds() throws SQLException {
        conn.setAutoCommit(false);
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("UPDATE item SET qty = 7 WHERE id = 1");
            Savepoint sp = conn.setSavepoint("sp1");
            assertFalse(sp instanceof java.sql.Wrapper, "savepoints are the driver's own objects");
            s.executeUpdate("UPDATE item SET qty = 8 WHERE id = 2");
            conn.rollback(sp);
            conn.releaseSavepoint(conn.setSavepoint());
            conn.commit();
            s.executeUpdate("UPDATE item SET qty = 9 WHERE id = 3");
            conn.rollback();
        }
        conn.setAutoCommit(true);
        List<JsonNode> all = log.newEvents();
        // switching the mode is the driver's own SET (a DRIVER event); after the rollback nothing is
        // open, so switching auto-commit on commits nothing
        for (JsonNode e : List.of(all.get(0), all.get(all.size() - 1))) {
            assertEquals("DRIVER", audit(e).get("statementKind").asText());
            assertEquals("setAutoCommit", audit(e).get("executeMethod").asText());
            assertEquals("SET", e.get("command").asText());
        }
        List<JsonNode> events = all.subList(1, all.size() - 1);
        String[] commands = {"UPDATE", "SAVEPOINT", "UPDATE", "ROLLBACK TO SAVEPOINT", "SAVEPOINT",
            "RELEASE SAVEPOINT", "COMMIT", "UPDATE", "ROLLBACK"};
        assertEquals(commands.length, events.size(), events::toString);
        // a transaction is named by the sequence of its first activity
        long firstTx = events.get(0).get("statementId").asLong();
        long secondTx = events.get(7).get("statementId").asLong();
        for (int i = 0; i < commands.length; i++) {
            assertEquals(commands[i], events.get(i).get("command").asText());
            assertEquals(i < 7 ? firstTx : secondTx, events.get(i).get("transactionId").asLong(), "event " + i);
            assertFalse(audit(events.get(i)).get("autoCommit").asBoolean());
        }
        assertEquals("MISC", events.get(6).get("class").asText());
    }

    @Test
    void autoCommitStatementsEachGetTheirOwnTransaction() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("UPDATE item SET qty = 1 WHERE id = 1");
            s.executeUpdate("UPDATE item SET qty = 1 WHERE id = 2");
        }
        List<JsonNode> events = log.newEvents();
        assertTrue(events.get(1).get("transactionId").asLong() > events.get(0).get("transactionId").asLong());
        assertTrue(audit(events.get(0)).get("autoCommit").asBoolean());
    }

    @Test
    void identityAndUnwrapHoldEverywhere() throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        assertSame(conn, md.getConnection());
        assertSame(md, conn.getMetaData());
        try (ResultSet tables = md.getTables(null, null, "ITEM", null)) {
            assertTrue(tables.next());
            assertNull(tables.getStatement(), "metadata results have no statement");
        }
        Statement s = conn.createStatement();
        assertSame(conn, s.getConnection());
        assertSame(conn, conn.unwrap(Connection.class));
        assertSame(s, s.unwrap(Statement.class));
        assertTrue(conn.isWrapperFor(org.h2.jdbc.JdbcConnection.class));
        assertInstanceOf(org.h2.jdbc.JdbcConnection.class, conn.unwrap(org.h2.jdbc.JdbcConnection.class));
        assertInstanceOf(org.h2.jdbc.JdbcStatement.class, s.unwrap(org.h2.jdbc.JdbcStatement.class));
        assertThrows(SQLException.class, () -> conn.unwrap(String.class));
        s.close();
        assertTrue(s.isClosed());
        List<JsonNode> events = log.newEvents();
        assertEquals(1, events.size(), () -> "the metadata query only: " + events);
        assertEquals("DRIVER", audit(events.get(0)).get("statementKind").asText());
        assertEquals("getTables", audit(events.get(0)).get("executeMethod").asText());
    }

    @Test
    void connectionEventsOpenAndCloseTheSequence() throws SQLException {
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties())) {
            c.createStatement().execute("SELECT 1");
        }
        List<JsonNode> events = log.newEvents();
        assertEquals(3, events.size());
        assertEquals("CONNECT", events.get(0).get("command").asText());
        assertEquals("DISCONNECT", events.get(2).get("command").asText());
        String id = audit(events.get(0)).get("connectionId").asText();
        for (int i = 0; i < 3; i++) {
            assertEquals(id, audit(events.get(i)).get("connectionId").asText());
            assertEquals(i + 1, events.get(i).get("statementId").asLong());
            assertEquals(id + "-" + (i + 1), audit(events.get(i)).get("eventId").asText());
        }
        assertEquals("H2", events.get(0).get("serverType").asText());
        assertNotNull(events.get(0).get("serverVersion").asText());
        assertEquals("org.h2.Driver", audit(events.get(0)).get("driver").asText());
    }
}
