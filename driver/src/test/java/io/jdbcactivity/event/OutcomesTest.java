package io.jdbcactivity.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.capture.BatchCounts;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.Results;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.fixtures.ActivityEvents;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the encoder deals a capture's results out to the statements of its text, and what a batch's
 * counts leave unsaid; every event validated against the schema. The results are built as the
 * statement wrapper records them; the MariaDB tests in the jdbc package check the recording
 * against the real drivers.
 */
class OutcomesTest {
    private static final ConnectionContext CTX = new ConnectionContext("0123456789abcdef", "42", "shop", "app",
            "db.internal", 3306, "MariaDB", "10.11.19-MariaDB", "orders", "com.mysql.cj.jdbc.Driver");
    private static final String TEXT = "UPDATE t SET v = 1 WHERE id <= 3; SELECT * FROM t; DELETE FROM t WHERE id = 5";

    private static Capture capture(String sql, String method) {
        Capture c = new Capture(CTX, StatementKind.STATEMENT, method, sql, 7, 7, true, "main", 0);
        c.endNanos = 1_000;
        return c;
    }

    /** Every event of {@code c}, as the publisher asks for them: one per statement of its text. */
    private static List<JsonNode> events(Capture c) {
        EventEncoder encoder = new EventEncoder();
        List<JsonNode> out = new ArrayList<>();
        for (int i = 1; i <= encoder.statementCount(c); i++) {
            out.add(ActivityEvents.parseAndValidate(encoder.encode(c, 0, false, i).toString()));
        }
        return out;
    }

    private static JsonNode audit(JsonNode e) {
        return e.get("clientAuditFields");
    }

    /** What the statement wrapper records for an update count, a result set of 5 rows read, an update count. */
    private static Capture walkedText() {
        Capture c = capture(TEXT, "execute");
        c.rowsAffected = 3;
        Results r = Results.startingWith(c);
        c.rowsReturned = 0;
        r.addResultSet(0);
        c.rowsReturned = 5;
        r.addUpdateCount(1);
        c.results = r;
        return c;
    }

    @Test
    void eachStatementOfAWalkedTextHasItsOwnResult() {
        List<JsonNode> e = events(walkedText());
        assertEquals(3, e.size());
        assertEquals(3, e.get(0).get("rowCount").asLong());
        assertEquals(3, audit(e.get(0)).get("rowsAffected").asLong());
        assertTrue(audit(e.get(0)).get("rowsReturned").isNull(), e.get(0)::toString);
        assertEquals(5, e.get(1).get("rowCount").asLong());
        assertEquals(5, audit(e.get(1)).get("rowsReturned").asLong());
        assertTrue(audit(e.get(1)).get("rowsAffected").isNull());
        assertEquals(1, e.get(2).get("rowCount").asLong());
        assertEquals(1, audit(e.get(2)).get("rowsAffected").asLong());
        for (JsonNode x : e) {
            assertEquals(0, x.get("exitCode").asInt());
            assertFalse(audit(x).has("notRun"));
        }
    }

    @Test
    void resultsNeverWalkedToAreUnknownNotTheFirstOnesAgain() {
        Capture c = capture("UPDATE t SET v = 1 WHERE id = 1; UPDATE t SET v = 2 WHERE id IN (2, 3)", "executeUpdate");
        c.rowsAffected = 1; // what executeUpdate returned; nobody called getMoreResults
        List<JsonNode> e = events(c);
        assertEquals(1, e.get(0).get("rowCount").asLong());
        assertTrue(e.get(1).get("rowCount").isNull(), e.get(1)::toString);
        assertTrue(audit(e.get(1)).get("rowsAffected").isNull());
        assertEquals(0, e.get(1).get("exitCode").asInt());
    }

    @Test
    void aCallsResultSetsAreCountedEachAndItsUpdateCountIsNotItsRows() {
        Capture c = capture("CALL two_results()", "execute");
        c.rowsReturned = 0;
        Results r = Results.startingWith(c);
        c.rowsReturned = 3;
        r.addResultSet(3);
        c.rowsReturned = 5;
        r.addUpdateCount(0); // the CALL's own status
        c.results = r;
        JsonNode e = events(c).get(0);
        assertEquals(5, e.get("rowCount").asLong());
        assertEquals(5, audit(e).get("rowsReturned").asLong());
        assertEquals(0, audit(e).get("rowsAffected").asLong());
        assertEquals("[3,2]", audit(e).get("resultSets").toString());
    }

    @Test
    void aCallInsideATextTakesItsResultSetsAndItsUpdateCount() {
        Capture c = capture("CALL two_results(); UPDATE t SET v = 9", "execute");
        c.rowsReturned = 0;
        Results r = Results.startingWith(c);
        c.rowsReturned = 3;
        r.addResultSet(3);
        c.rowsReturned = 5;
        r.addUpdateCount(0);
        r.addUpdateCount(4);
        c.results = r;
        List<JsonNode> e = events(c);
        assertEquals("[3,2]", audit(e.get(0)).get("resultSets").toString());
        assertEquals(4, audit(e.get(1)).get("rowsAffected").asLong());
        assertFalse(audit(e.get(1)).has("resultSets"));
    }

    @Test
    void theStatementWhoseResultFailedHasTheErrorAndTheLaterOnesNeverRan() {
        Capture c = capture(TEXT, "execute");
        c.rowsAffected = 3;
        Results r = Results.startingWith(c);
        r.failedAtNext(); // getMoreResults threw on the way to the second result
        c.results = r;
        c.error = new SQLSyntaxErrorException("Table 'shop.nosuch' doesn't exist", "42S02", 1146);
        List<JsonNode> e = events(c);
        assertEquals(0, e.get(0).get("exitCode").asInt());
        assertEquals(3, e.get(0).get("rowCount").asLong());
        assertTrue(e.get(0).get("errorMessage").isNull());
        assertEquals(1146, e.get(1).get("exitCode").asInt());
        assertEquals("42S02", audit(e.get(1)).get("sqlState").asText());
        assertTrue(e.get(2).get("exitCode").isNull(), e.get(2)::toString);
        assertTrue(audit(e.get(2)).get("notRun").asBoolean());
        assertTrue(e.get(2).get("errorMessage").isNull());
        assertTrue(e.get(2).get("rowCount").isNull());
        assertFalse(audit(e.get(2)).has("sqlState"));
    }

    @Test
    void anErrorTheDriverGaveForTheWholeTextIsOnEveryStatementAndSaysSo() {
        Capture c = capture(TEXT, "execute");
        c.error = new SQLSyntaxErrorException("Table 'shop.nosuch' doesn't exist", "42S02", 1146);
        for (JsonNode e : events(c)) {
            assertEquals(1146, e.get("exitCode").asInt());
            assertTrue(audit(e).get("errorSubstatementUnknown").asBoolean(), e::toString);
            assertTrue(e.get("rowCount").isNull());
        }
    }

    @Test
    void aSingleStatementThatFailedIsSimplyFailed() {
        Capture c = capture("UPDATE nosuch SET v = 1", "executeUpdate");
        c.error = new SQLException("Table 'shop.nosuch' doesn't exist", "42S02", 1146);
        JsonNode e = events(c).get(0);
        assertEquals(1146, e.get("exitCode").asInt());
        assertFalse(audit(e).has("errorSubstatementUnknown"));
    }

    @Test
    void aBatchWithSuccessNoInfoHasUnknownRowsNeverZero() {
        Capture c = capture("INSERT INTO t (id) VALUES (?)", "executeBatch");
        c.batchSize = 4;
        BatchCounts.record(c, new int[] {Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO,
            Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO});
        JsonNode e = events(c).get(0);
        assertTrue(e.get("rowCount").isNull(), e::toString);
        assertTrue(audit(e).get("rowsAffected").isNull());
        assertEquals(4, audit(e).get("batch").get("successNoInfo").asInt());
        assertFalse(audit(e).get("batch").has("executeFailed"));
    }

    @Test
    void aBatchOfPlainCountsKeepsNothingMoreThanItsSum() {
        Capture c = capture("UPDATE t SET v = 1 WHERE g = ?", "executeBatch");
        c.batchSize = 3;
        BatchCounts.record(c, new long[] {2, 0, 5});
        assertEquals(null, c.batchCounts, "no allocation for plain counts");
        JsonNode e = events(c).get(0);
        assertEquals(7, e.get("rowCount").asLong());
        assertEquals("{\"size\":3}", audit(e).get("batch").toString());
    }

    @Test
    void aFailedBatchCountsItsFailedAndUnreportedEntries() {
        Capture c = capture("INSERT INTO t (id) VALUES (?)", "executeBatch");
        c.batchSize = 5;
        BatchCounts.record(c, new int[] {1, Statement.EXECUTE_FAILED, 1});
        c.error = new SQLException("Duplicate entry '?' for key 'PRIMARY'", "23000", 1062);
        JsonNode e = events(c).get(0);
        assertEquals(2, audit(e).get("rowsAffected").asLong());
        assertEquals(1, audit(e).get("batch").get("executeFailed").asInt());
        assertEquals(2, audit(e).get("batch").get("unreported").asInt());
        assertEquals(1062, e.get("exitCode").asInt());
    }
}
