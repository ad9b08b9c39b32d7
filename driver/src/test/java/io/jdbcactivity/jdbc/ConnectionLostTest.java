package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The target driver closes the connection itself — the server's KILL from another connection, a
 * socket or network timeout — while the application holds a result set it is reading: the
 * events of what was open are published with the rows read, and a DISCONNECT says why. The
 * server's general_log says what the connection ran; every statement it ran has its event.
 */
class ConnectionLostTest {
    @RegisterExtension
    @Order(1)
    static final MariaDbServer DB = new MariaDbServer();
    @RegisterExtension
    @Order(2)
    static final GeneralLogRows SERVER_LOG = new GeneralLogRows(DB);

    private EventLog log;

    @BeforeEach
    void setUp() {
        log = EventLog.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection connect(String driver, String options) throws SQLException {
        return MariaDbTargets.connect(DB, log, driver, options);
    }

    private static void kill(long threadId) throws SQLException {
        DB.execute("KILL " + threadId);
    }

    /** The server's id of the connection, asked through the target driver itself (not audited). */
    private static long serverThread(Connection c) throws SQLException {
        Connection raw = MariaDbTargets.target(c);
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode audit(JsonNode e) {
        return e.get("clientAuditFields");
    }

    private static String method(JsonNode e) {
        return audit(e).get("executeMethod").asText();
    }

    /** The DISCONNECT of a lost connection: last, once, with the error that revealed it (its SQLState). */
    private static void assertLostOnce(List<JsonNode> events, String sqlState) {
        List<JsonNode> disconnects = events.stream().filter(e -> e.get("command").asText().equals("DISCONNECT")).toList();
        assertEquals(1, disconnects.size(), events::toString);
        JsonNode lost = disconnects.get(0);
        assertEquals("connectionLost", method(lost));
        assertEquals("CONNECT", lost.get("class").asText());
        assertEquals(sqlState, audit(lost).get("sqlState").asText(), lost::toString);
        assertTrue(lost.get("exitCode").asInt() != 0);
        long last = events.stream().mapToLong(e -> e.get("statementId").asLong()).max().orElseThrow();
        assertEquals(last, lost.get("statementId").asLong(), "nothing of the connection after its end");
    }

    /** Every statement the server's log has for the connection has an event (the oracle: what it ran). */
    private static void assertEveryLoggedStatementHasItsEvent(long threadId, List<JsonNode> events) throws SQLException {
        List<String> ran = SERVER_LOG.statements(threadId);
        List<String> texts = events.stream().filter(e -> !e.get("commandText").isNull())
                .map(e -> e.get("commandText").asText()).toList();
        for (String statement : ran) {
            String s = statement.strip().toUpperCase(java.util.Locale.ROOT);
            if (s.equals("SELECT CONNECTION_ID()") || s.startsWith("SET ") || s.startsWith("SHOW ")
                    || s.startsWith("SELECT @@") || s.startsWith("/*")) {
                continue; // the test's own unaudited question, and the drivers' own set-up queries
            }
            assertTrue(texts.stream().anyMatch(t -> sameStatement(t, statement)),
                    () -> "the server ran " + statement + " but the events say " + texts);
        }
    }

    /** The normalized commandText against the server's text: literals are ? in one of them. */
    private static boolean sameStatement(String normalized, String ran) {
        String pattern = java.util.regex.Pattern.quote(normalized).replace("?", "\\E.+?\\Q");
        return ran.matches("(?s)" + pattern);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void aKillWhileAResultSetIsOpenPublishesItsRowsAndADisconnect(String driver) throws SQLException {
        long thread;
        SQLException error;
        try (Connection c = connect(driver, "")) {
            thread = serverThread(c);
            Statement reading = c.createStatement();
            ResultSet rs = reading.executeQuery("SELECT seq FROM seq_1_to_5");
            assertTrue(rs.next());
            assertTrue(rs.next());
            kill(thread);
            try (Statement next = c.createStatement()) {
                error = assertThrows(SQLException.class, () -> next.executeQuery("SELECT 1"));
            }
            assertTrue(c.isClosed(), "the target driver closed the connection itself");
            // the application never closes the result set or its statement before looking
            List<JsonNode> events = log.all();
            JsonNode read = events.stream().filter(e -> e.get("command").asText().equals("SELECT")
                    && e.get("commandText").asText().contains("seq_1_to_5")).findFirst().orElseThrow();
            assertEquals(2, audit(read).get("rowsReturned").asLong(), read::toString);
            assertLostOnce(events, error.getSQLState());
            assertTrue(error.getSQLState().startsWith("08"), error::toString);
        }
        List<JsonNode> events = log.all();
        assertLostOnce(events, error.getSQLState()); // closing it afterwards adds no second DISCONNECT
        assertEveryLoggedStatementHasItsEvent(thread, events);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void aKillUnderAStreamingReadPublishesTheRowsReadAndADisconnect(String driver) throws SQLException {
        long thread;
        int read = 0;
        SQLException error;
        try (Connection c = connect(driver, "")) {
            thread = serverThread(c);
            Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            s.setFetchSize(driver.equals("mysql") ? Integer.MIN_VALUE : 10);
            ResultSet rs = s.executeQuery("SELECT seq, REPEAT('x', 200) FROM seq_1_to_2000000");
            for (int i = 0; i < 10; i++) {
                assertTrue(rs.next());
                read++;
            }
            kill(thread);
            error = assertThrows(SQLException.class, () -> {
                while (rs.next()) {
                    // rows already on their way are read; the connection's end stops the read
                }
            });
            // Connector/J: S1000 caused by an EOFException, MariaDB Connector/J: 08000; neither calls it closed yet
            assertTrue(error.getSQLState().startsWith("08") || error.getCause() instanceof java.io.EOFException,
                    error::toString);
            List<JsonNode> events = log.all();
            JsonNode query = events.stream().filter(e -> e.get("command").asText().equals("SELECT")
                    && e.get("commandText").asText().contains("seq_1_to_2000000")).findFirst().orElseThrow();
            assertTrue(audit(query).get("rowsReturned").asLong() >= read, query::toString);
            assertEquals(error.getSQLState(), audit(query).get("sqlState").asText(), "its read failed");
            assertLostOnce(events, error.getSQLState());
        }
        assertLostOnce(log.all(), error.getSQLState());
        assertEveryLoggedStatementHasItsEvent(thread, log.all());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void aSocketTimeoutPublishesTheOpenResultSetTheFailedQueryAndADisconnect(String driver) throws SQLException {
        long thread;
        SQLException timeout;
        try (Connection c = connect(driver, "socketTimeout=1000")) {
            thread = serverThread(c);
            Statement reading = c.createStatement();
            ResultSet rs = reading.executeQuery("SELECT seq FROM seq_1_to_3");
            assertTrue(rs.next());
            try (Statement slow = c.createStatement()) {
                timeout = assertThrows(SQLException.class, () -> slow.executeQuery("SELECT SLEEP(5)"));
                assertTrue(timeout.getSQLState().startsWith("08"), timeout::toString);
            }
            List<JsonNode> events = log.all();
            JsonNode open = events.stream().filter(e -> e.get("commandText").asText("").contains("seq_1_to_3"))
                    .findFirst().orElseThrow();
            assertEquals(1, audit(open).get("rowsReturned").asLong());
            JsonNode sleep = events.stream().filter(e -> e.get("commandText").asText("").contains("SLEEP"))
                    .findFirst().orElseThrow();
            assertEquals(timeout.getSQLState(), audit(sleep).get("sqlState").asText(), sleep::toString);
            assertLostOnce(events, timeout.getSQLState());
        }
        assertEveryLoggedStatementHasItsEvent(thread, log.all());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void aNetworkTimeoutToo(String driver) throws SQLException {
        try (Connection c = connect(driver, "")) {
            c.setNetworkTimeout(Runnable::run, 1000);
            SQLException timeout;
            try (Statement slow = c.createStatement()) {
                timeout = assertThrows(SQLException.class, () -> slow.executeQuery("SELECT SLEEP(5)"));
            }
            assertTrue(c.isClosed());
            assertLostOnce(log.all(), timeout.getSQLState());
        }
    }
}
