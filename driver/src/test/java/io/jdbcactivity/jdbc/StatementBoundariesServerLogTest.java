package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One event per statement the server ran, with the server as the oracle: every stored program,
 * trigger, event, anonymous block, JDBC escape and multi-statement text below is run through the
 * real Connector/J (allowMultiQueries on). MariaDB's general_log must show each execution as one
 * {@code Query} row of the connection's thread (it logs a multi-statement text as one row, so it
 * cannot count the statements in it); the session's {@code Questions} counter — statements the
 * server ran for its client, each statement of a multi-statement text counted, none of those a
 * stored program or block runs inside — must grow by the number of events of the execution.
 * (Semicolons inside a routine's body must not become events of their own.)
 */
class StatementBoundariesServerLogTest {
    @RegisterExtension
    @Order(1)
    static final MariaDbServer DB = new MariaDbServer();
    @RegisterExtension
    @Order(2)
    static final GeneralLogRows SERVER_LOG = new GeneralLogRows(DB);

    /** Each form, run with {@code Statement.execute}; its event's command is checked too. */
    private static final List<String[]> FORMS = List.of(
            new String[] {"CREATE PROCEDURE h8_p(IN n INT) BEGIN DECLARE i INT DEFAULT 0; DELETE FROM h8_t WHERE id < 0;"
                    + " DROP TABLE IF EXISTS h8_gone; WHILE i < n DO SET i = i + 1; END WHILE;"
                    + " IF n > 5 THEN SELECT CASE WHEN n > 9 THEN 'big; very' ELSE 'big' END; END IF; END",
                "CREATE PROCEDURE"},
            new String[] {"CREATE DEFINER = CURRENT_USER FUNCTION h8_f(x INT) RETURNS INT DETERMINISTIC"
                    + " BEGIN DECLARE y INT; SET y = x * 2; RETURN y; END", "CREATE FUNCTION"},
            new String[] {"CREATE FUNCTION h8_g(x INT) RETURNS INT DETERMINISTIC RETURN CASE WHEN x > 0 THEN 1 ELSE 0 END",
                "CREATE FUNCTION"},
            new String[] {"CREATE TRIGGER h8_trg BEFORE INSERT ON h8_t FOR EACH ROW BEGIN IF NEW.v < 0 THEN"
                    + " SET NEW.v = 0; END IF; END", "CREATE TRIGGER"},
            new String[] {"CREATE TRIGGER h8_trg2 BEFORE UPDATE ON h8_t FOR EACH ROW IF NEW.v > 100 THEN"
                    + " SET NEW.v = 100; END IF", "CREATE TRIGGER"},
            new String[] {"CREATE EVENT h8_ev ON SCHEDULE EVERY 1 DAY DISABLE DO BEGIN DELETE FROM h8_t WHERE id < 0;"
                    + " DELETE FROM h8_t WHERE id < -1; END", "CREATE EVENT"},
            new String[] {"BEGIN NOT ATOMIC DECLARE x INT DEFAULT 1; INSERT INTO h8_t (id, v) VALUES (100, x);"
                    + " UPDATE h8_t SET v = v + 1 WHERE id = 100; END", "COMPOUND"},
            new String[] {"IF (SELECT COUNT(*) FROM h8_t) > 0 THEN INSERT INTO h8_t (id, v) VALUES (101, 1); END IF",
                "COMPOUND"},
            new String[] {"BEGIN NOT ATOMIC l1: LOOP INSERT INTO h8_t (id, v) VALUES (102, 2); LEAVE l1; END LOOP l1; END",
                "COMPOUND"},
            new String[] {"FOR i IN 1..2 DO UPDATE h8_t SET v = v + i WHERE id = 102; END FOR", "COMPOUND"},
            new String[] {"CASE WHEN 1 THEN SELECT 7; ELSE SELECT 8; END CASE", "COMPOUND"},
            // MariaDB takes no label outside a stored program: the server fails the whole text at once
            new String[] {"l2: LOOP SELECT 1; LEAVE l2; END LOOP l2", "COMPOUND", "fails"},
            new String[] {"DELIMITER //\nCREATE PROCEDURE h8_never() BEGIN SELECT 1; END //\nDELIMITER ;", "DELIMITER",
                "fails"},
            new String[] {"{call h8_p(3)}", "CALL"},
            new String[] {"{ call h8_p(7) }", "CALL"},
            new String[] {"SELECT * FROM {oj h8_t LEFT OUTER JOIN h8_u ON h8_t.id = h8_u.id} WHERE h8_t.v >= {fn ABS(-1)}"
                    + " AND {d '2020-01-01'} < NOW() AND {ts '2020-01-01 10:00:00'} < NOW()", "SELECT"},
            new String[] {"DROP PROCEDURE IF EXISTS h8_q; CREATE PROCEDURE h8_q() BEGIN SELECT 1; SELECT 2; END;"
                    + " CALL h8_q()", "DROP PROCEDURE"},
            new String[] {"SELECT 1; SELECT CASE WHEN 1 THEN 'a;b' END; BEGIN; UPDATE h8_t SET v = 3 WHERE id = 101;"
                    + " COMMIT", "SELECT"},
            new String[] {"BEGIN NOT ATOMIC INSERT INTO h8_t (id, v) VALUES (103, 1); END; SELECT v FROM h8_t WHERE id = 103",
                "COMPOUND"});

    private static EventLog log;

    @BeforeAll
    static void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE h8_t (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE h8_u (id INT PRIMARY KEY)",
                "INSERT INTO h8_t VALUES (1, 1)");
    }

    @AfterAll
    static void tearDown() throws Exception {
        log.close();
    }


    /** The {@code Query} rows the server logged for a thread (the oracle: what it ran). */
    private static List<String> queries(long threadId) throws SQLException {
        return SERVER_LOG.queries(threadId);
    }

    /** The session's Questions counter, read on the target's own connection (no event; it counts itself). */
    private static long questions(Connection raw) throws SQLException {
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static void drain(Statement s) throws SQLException {
        boolean rows = s.getResultSet() != null;
        while (true) {
            if (rows) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        // read every row
                    }
                }
            } else if (s.getUpdateCount() == -1) {
                return;
            }
            rows = s.getMoreResults();
        }
    }

    @Test
    void everyExecutionIsAsManyEventsAsTheServerRanStatements() throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        p.setProperty("allowMultiQueries", "true");
        Map<String, Integer> serverCounts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:activity:" + DB.jdbcUrl().substring(5), p);
                Statement s = c.createStatement()) {
            com.mysql.cj.jdbc.JdbcConnection raw = c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class);
            long threadId = raw.getId();
            for (String[] form : FORMS) {
                long questionsBefore = questions(raw);
                List<String> logBefore = queries(threadId);
                try {
                    s.execute(form[0]);
                    drain(s);
                    assertEquals(2, form.length, form[0] + " ran");
                } catch (SQLException e) {
                    assertEquals(3, form.length, () -> form[0] + " failed: " + e);
                    assertEquals(1064, e.getErrorCode(), e::toString);
                }
                List<String> logAfter = queries(threadId);
                List<String> logged = logAfter.subList(logBefore.size(), logAfter.size());
                assertEquals(1, logged.size(), () -> form[0] + ": the server received one text, not " + logged);
                if (!form[0].contains("{")) { // escapes are rewritten by Connector/J before they are sent
                    // the server logs the text without its trailing semicolons and spaces
                    assertEquals(form[0].replaceAll("[;\\s]+$", ""), logged.get(0));
                }
                serverCounts.put(form[0], (int) (questions(raw) - questionsBefore - 1)); // the second SHOW counts itself
            }
            // JPA's and Spring's form: a CallableStatement with the escape (Connector/J also looks the
            // procedure up in the catalog, which is item 10's business: only its event is checked here)
            try (CallableStatement call = c.prepareCall("{? = call h8_f(?)}")) {
                call.registerOutParameter(1, Types.INTEGER);
                call.setInt(2, 21);
                call.execute();
                assertEquals(42, call.getInt(1));
            }
        }
        List<JsonNode> events = log.all().stream()
                .filter(e -> List.of("STATEMENT", "CALLABLE").contains(e.at("/clientAuditFields/statementKind").asText()))
                .toList();
        Map<Long, List<JsonNode>> byExecution = new LinkedHashMap<>();
        for (JsonNode e : events) {
            byExecution.computeIfAbsent(e.get("statementId").asLong(), k -> new ArrayList<>()).add(e);
        }
        List<List<JsonNode>> executions = new ArrayList<>(byExecution.values());
        assertEquals(FORMS.size() + 1, executions.size(), events::toString);
        for (int i = 0; i < FORMS.size(); i++) {
            String sql = FORMS.get(i)[0];
            List<JsonNode> own = executions.get(i);
            assertEquals(serverCounts.get(sql), own.size(), () -> sql + "\n" + own);
            assertEquals(FORMS.get(i)[1], own.get(0).get("command").asText(), () -> sql + "\n" + own);
            for (JsonNode e : own) {
                List<String> risks = StreamSupport.stream(e.at("/clientAuditFields/risk").spliterator(), false)
                        .map(JsonNode::asText).toList();
                if (e.get("command").asText().startsWith("CREATE")) {
                    assertFalse(risks.contains("DROP"), e::toString); // a DROP in a body is not this statement's
                    assertFalse(e.get("objectName").isNull(), e::toString);
                }
            }
        }
        assertTrue(serverCounts.values().stream().allMatch(n -> n > 0), "the general log recorded: " + serverCounts);
        JsonNode call = executions.get(FORMS.size()).get(0);
        assertEquals("CALL", call.get("command").asText(), call::toString);
        assertEquals("FUNCTION", call.get("class").asText());
        assertEquals("FUNCTION", call.get("objectType").asText());
        assertEquals("h8_f", call.get("objectName").asText());
        JsonNode procedure = executions.get(0).get(0);
        assertEquals("PROCEDURE", procedure.get("objectType").asText());
        assertEquals("h8_p", procedure.get("objectName").asText());
        JsonNode callEscape = executions.get(13).get(0);
        assertEquals("{CALL h8_p(?)}", callEscape.get("commandText").asText());
        assertEquals("PROCEDURE", callEscape.get("objectType").asText());
        assertEquals("h8_p", callEscape.get("objectName").asText());
    }
}
