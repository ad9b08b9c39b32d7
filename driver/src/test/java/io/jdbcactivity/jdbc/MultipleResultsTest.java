package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Executions with several results — a multi-statement text ({@code allowMultiQueries}), a
 * procedure returning result sets — against MariaDB through Connector/J and MariaDB Connector/J:
 * each statement's event carries its own result, as the application walked it from the real
 * driver (the oracle: what JDBC handed the application), and the server's general_log says which
 * statements ran.
 */
class MultipleResultsTest {
    @RegisterExtension
    @Order(1)
    static final MariaDbServer DB = new MariaDbServer();
    @RegisterExtension
    @Order(2)
    static final GeneralLogRows SERVER_LOG = new GeneralLogRows(DB);

    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS h10_m (id INT PRIMARY KEY, v INT)",
                "DELETE FROM h10_m",
                "INSERT INTO h10_m VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)",
                "CREATE OR REPLACE PROCEDURE h10_two_results() BEGIN SELECT id FROM h10_m WHERE id <= 3;"
                    + " SELECT id FROM h10_m WHERE id > 3; END");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection connect(String driver, String options) throws SQLException {
        return MariaDbTargets.connect(DB, log, driver, options);
    }

    /**
     * Walks every result the way JDBC says to, reading every row: per result, {@code rows=n} or
     * {@code count=n}, as the real driver handed them over.
     */
    private static List<String> walk(Statement s, boolean isResultSet) throws SQLException {
        List<String> seen = new ArrayList<>();
        while (true) {
            if (isResultSet) {
                int n = 0;
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        n++;
                    }
                }
                seen.add("rows=" + n);
            } else {
                int count = s.getUpdateCount();
                if (count == -1) {
                    return seen;
                }
                seen.add("count=" + count);
            }
            isResultSet = s.getMoreResults();
        }
    }

    private List<JsonNode> statementEvents() {
        // the application's executions: not its connection events, nor the driver's own calls (prepareCall's lookups)
        return log.all().stream().filter(e -> !audit(e).get("statementKind").asText().equals("CONNECTION")
                && !audit(e).get("statementKind").asText().equals("DRIVER")).toList();
    }

    private static JsonNode audit(JsonNode e) {
        return e.get("clientAuditFields");
    }

    /** What an event says its statement's result was, in the words of {@link #walk}. */
    private static String result(JsonNode e) {
        JsonNode returned = audit(e).get("rowsReturned");
        return returned.isNull() ? "count=" + audit(e).get("rowsAffected").asText() : "rows=" + returned.asLong();
    }

    private long sessionOf(List<JsonNode> events) {
        return events.get(0).get("sessionId").asLong();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void eachStatementOfATextCarriesItsOwnResult(String driver) throws SQLException {
        String text = "UPDATE h10_m SET v = v + 1 WHERE id <= 3; SELECT id FROM h10_m; DELETE FROM h10_m WHERE id = 5";
        List<String> seen;
        Map<String, Long> ran;
        try (Connection c = connect(driver, "allowMultiQueries=true"); Statement s = c.createStatement()) {
            Map<String, Long> before = started(c);
            seen = walk(s, s.execute(text));
            ran = startedSince(before, c);
        }
        assertEquals(List.of("count=3", "rows=5", "count=1"), seen, "what the driver handed over");
        assertEquals(Map.of("update", 1L, "select", 1L, "delete", 1L), ran, "what the server started");
        List<JsonNode> e = statementEvents();
        assertEquals(3, e.size(), e::toString);
        for (int i = 0; i < 3; i++) {
            assertEquals(seen.get(i), result(e.get(i)), e.get(i)::toString);
            assertEquals(0, e.get(i).get("exitCode").asInt());
        }
        assertEquals(5, e.get(1).get("rowCount").asLong());
        assertEquals(1, e.get(2).get("rowCount").asLong());
        assertLogged(sessionOf(e), text);
    }

    /**
     * How many statements of each kind the server has started on the connection (its session's
     * {@code Com_select}, {@code Com_update}, {@code Com_delete}: counted when a statement starts,
     * also when it then fails), asked through the target driver itself, which the wrapper does not
     * audit. The general_log records a multi-statement text once, as it was received: these
     * counters say which of its statements the server went on to.
     */
    private static Map<String, Long> started(Connection c) throws SQLException {
        Connection raw = MariaDbTargets.target(c);
        Map<String, Long> counts = new TreeMap<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE"
                + " Variable_name IN ('Com_select', 'Com_update', 'Com_delete')")) {
            while (rs.next()) {
                counts.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT).substring(4), rs.getLong(2));
            }
        }
        return counts;
    }

    /** What the server started between two readings of {@link #started}: {@code {select=1, update=2}}. */
    private static Map<String, Long> startedSince(Map<String, Long> before, Connection c) throws SQLException {
        Map<String, Long> delta = new TreeMap<>();
        started(c).forEach((k, v) -> {
            if (v - before.get(k) != 0) {
                delta.put(k, v - before.get(k));
            }
        });
        return delta;
    }

    /** The server received the text as one query (the general_log's record of the connection). */
    private static void assertLogged(long session, String text) throws SQLException {
        List<String> logged = SERVER_LOG.statements(session);
        assertTrue(logged.contains(text), () -> "the server's log of the connection: " + logged);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void anUpdateCountTheApplicationNeverWalkedToIsUnknown(String driver) throws SQLException {
        int first;
        int walked;
        try (Connection c = connect(driver, "allowMultiQueries=true"); Statement s = c.createStatement()) {
            first = s.executeUpdate("UPDATE h10_m SET v = 1 WHERE id = 1; UPDATE h10_m SET v = 1 WHERE id IN (2, 3)");
            // nobody asks for the second count: the statement runs again
            s.executeUpdate("UPDATE h10_m SET v = 2 WHERE id = 1; UPDATE h10_m SET v = 2 WHERE id IN (2, 3)");
            assertFalse(s.getMoreResults());
            walked = s.getUpdateCount();
        }
        assertEquals(1, first);
        assertEquals(2, walked);
        List<JsonNode> e = statementEvents();
        assertEquals(4, e.size(), e::toString);
        assertEquals(first, audit(e.get(0)).get("rowsAffected").asInt());
        assertTrue(audit(e.get(1)).get("rowsAffected").isNull(), e.get(1)::toString);
        assertTrue(e.get(1).get("rowCount").isNull());
        assertEquals(0, e.get(1).get("exitCode").asInt());
        assertEquals(first, audit(e.get(2)).get("rowsAffected").asInt());
        assertEquals(walked, audit(e.get(3)).get("rowsAffected").asInt(), e.get(3)::toString);
        assertEquals(e.get(2).get("statementId"), e.get(3).get("statementId"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void aProceduresResultSetsAreCountedEach(String driver) throws SQLException {
        List<String> plain;
        List<String> escaped;
        try (Connection c = connect(driver, "allowMultiQueries=false"); Statement s = c.createStatement();
                CallableStatement call = c.prepareCall("{call h10_two_results()}")) {
            plain = walk(s, s.execute("CALL h10_two_results()"));
            escaped = walk(call, call.execute());
        }
        assertEquals(plain, escaped);
        assertEquals(List.of("rows=3", "rows=2"), plain.subList(0, 2), "what the driver handed over");
        List<JsonNode> e = statementEvents();
        assertEquals(2, e.size(), e::toString);
        for (JsonNode x : e) {
            assertEquals(5, audit(x).get("rowsReturned").asLong(), x::toString);
            assertEquals(5, x.get("rowCount").asLong());
            assertEquals("[3,2]", audit(x).get("resultSets").toString());
        }
        assertEquals("CALLABLE", audit(e.get(1)).get("statementKind").asText());
    }

    @Test
    void theEventWaitsUntilTheApplicationHasWalkedTheResults() throws SQLException {
        try (Connection c = connect("mysql", "allowMultiQueries=true"); Statement s = c.createStatement()) {
            log.skipExisting();
            assertFalse(s.execute("UPDATE h10_m SET v = 3 WHERE id = 1; SELECT id FROM h10_m"));
            assertTrue(s.getMoreResults());
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertTrue(rs.next());
            }
            assertTrue(log.newEvents().isEmpty(), "nothing before the application is done with the results");
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
            List<JsonNode> e = log.newEvents();
            assertEquals(2, e.size(), e::toString);
            assertEquals(2, audit(e.get(1)).get("rowsReturned").asLong());

            // never walked, never closed: the statement's next execution ends it
            s.execute("UPDATE h10_m SET v = 4 WHERE id = 1; SELECT id FROM h10_m");
            assertTrue(log.newEvents().isEmpty());
            s.execute("DO 1");
            e = log.newEvents();
            assertEquals(3, e.size(), e::toString);
            assertEquals(1, audit(e.get(0)).get("rowsAffected").asLong());
            assertTrue(audit(e.get(1)).get("rowsReturned").isNull(), "not walked to: unknown");
        }
    }

    @Test
    void mariaDbStreamingNamesTheStatementThatFailedAndTheOnesThatNeverRan() throws SQLException {
        SQLException error;
        String text = "SELECT id FROM h10_m WHERE id <= 2; UPDATE h10_nosuch SET v = 1; UPDATE h10_m SET v = 8";
        try (Connection c = connect("mariadb", "allowMultiQueries=true"); Statement s = c.createStatement()) {
            s.setFetchSize(1); // MariaDB Connector/J streams: it reads each result as the application moves to it
            error = assertThrows(SQLException.class, () -> walk(s, s.execute(text)));
            // (no session counters here: after this error MariaDB Connector/J 3.5 never answers the next query)
        }
        assertEquals(1146, error.getErrorCode());
        List<JsonNode> e = statementEvents();
        assertEquals(3, e.size(), e::toString);
        assertEquals(0, e.get(0).get("exitCode").asInt());
        assertEquals(2, audit(e.get(0)).get("rowsReturned").asLong());
        assertEquals(1146, e.get(1).get("exitCode").asInt());
        assertEquals("42S02", audit(e.get(1)).get("sqlState").asText());
        assertFalse(audit(e.get(1)).has("errorSubstatementUnknown"));
        assertTrue(e.get(2).get("exitCode").isNull(), e.get(2)::toString);
        assertTrue(audit(e.get(2)).get("notRun").asBoolean());
        assertTrue(e.get(2).get("errorMessage").isNull());
        assertLogged(sessionOf(e), text);
        assertNeverRan();
    }

    @Test
    void connectorJStreamingNarrowsTheFailureToTheStatementReadAndTheNext() throws SQLException {
        SQLException error;
        String text = "UPDATE h10_m SET v = 7 WHERE id <= 2; SELECT id FROM h10_m; UPDATE h10_nosuch SET v = 1;"
                + " UPDATE h10_m SET v = 8";
        Map<String, Long> ran;
        try (Connection c = connect("mysql", "allowMultiQueries=true"); Statement s = c.createStatement(
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            Map<String, Long> before = started(c);
            s.setFetchSize(Integer.MIN_VALUE);
            // Connector/J raises the next statement's error from the streaming result set's last next()
            error = assertThrows(SQLException.class, () -> walk(s, s.execute(text)));
            ran = startedSince(before, c);
        }
        assertEquals(Map.of("update", 2L, "select", 1L), ran, "the server started all but the last");
        assertEquals(1146, error.getErrorCode());
        List<JsonNode> e = statementEvents();
        assertEquals(4, e.size(), e::toString);
        assertEquals(0, e.get(0).get("exitCode").asInt());
        assertEquals(2, audit(e.get(0)).get("rowsAffected").asLong());
        for (JsonNode candidate : e.subList(1, 3)) {
            assertEquals(1146, candidate.get("exitCode").asInt(), candidate::toString);
            assertTrue(audit(candidate).get("errorSubstatementUnknown").asBoolean());
        }
        assertEquals(5, audit(e.get(1)).get("rowsReturned").asLong(), "the rows read before the error");
        assertTrue(audit(e.get(3)).get("notRun").asBoolean(), e.get(3)::toString);
        assertLogged(sessionOf(e), text);
        assertNeverRan();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void anErrorTheDriverReportsForTheWholeTextSaysItCannotNameTheStatement(String driver) throws SQLException {
        SQLException error;
        String text = "UPDATE h10_m SET v = 7 WHERE id <= 2; UPDATE h10_nosuch SET v = 1; UPDATE h10_m SET v = 8";
        Map<String, Long> ran;
        try (Connection c = connect(driver, "allowMultiQueries=true"); Statement s = c.createStatement()) {
            Map<String, Long> before = started(c);
            error = assertThrows(SQLException.class, () -> s.execute(text));
            ran = startedSince(before, c);
        }
        assertEquals(Map.of("update", 2L), ran, "the server started the first two");
        assertEquals(1146, error.getErrorCode());
        List<JsonNode> e = statementEvents();
        assertEquals(3, e.size(), e::toString);
        for (JsonNode x : e) {
            assertEquals(1146, x.get("exitCode").asInt(), x::toString);
            assertTrue(audit(x).get("errorSubstatementUnknown").asBoolean());
            assertTrue(x.get("rowCount").isNull());
        }
        assertLogged(sessionOf(e), text);
        assertNeverRan();
    }

    /** The table has no row the statement after the failed one would have written. */
    private static void assertNeverRan() throws SQLException {
        try (Connection c = DB.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM h10_m WHERE v = 8")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1));
        }
    }
}
