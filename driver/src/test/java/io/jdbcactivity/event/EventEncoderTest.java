package io.jdbcactivity.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.fixtures.ActivityEvents;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventEncoderTest {
    private static final ConnectionContext CTX = new ConnectionContext("0123456789abcdef", "42", "shop", "app",
            "db.internal", 3306, "MariaDB", "10.11.19-MariaDB", "orders", "com.mysql.cj.jdbc.Driver");

    /** nanoTime 0 is 2023-11-14T22:13:20.123Z. */
    private static final WallClock FIXED = new WallClock() {
        @Override
        public long epochMicros(long nanoTime) {
            return 1_700_000_000_123_000L + nanoTime / 1000;
        }
    };

    private static Capture capture(String sql) {
        Capture c = new Capture(CTX, StatementKind.PREPARED, "executeUpdate", sql, 7, 3, false, "worker \"1\"", 0);
        c.endNanos = 2_500_000;
        c.rowsAffected = 2;
        return c;
    }

    private static JsonNode encode(Capture c) {
        return ActivityEvents.parseAndValidate(new EventEncoder(FIXED).encode(c, 1_700_000_001_000L).toString());
    }

    @Test
    void aStatementEventCarriesTheCaptureAndItsContext() {
        JsonNode e = encode(capture("UPDATE stock SET qty = qty - 1 WHERE sku = 'A-1'"));
        assertEquals("record", e.get("type").asText());
        assertEquals("WRITE", e.get("class").asText());
        assertEquals("UPDATE", e.get("command").asText());
        assertEquals("UPDATE stock SET qty = qty - ? WHERE sku = ?", e.get("commandText").asText());
        assertEquals("shop", e.get("databaseName").asText());
        assertEquals("app", e.get("dbUserName").asText());
        assertEquals(3306, e.get("serverPort").asInt());
        assertEquals("42", e.get("sessionId").asText());
        assertEquals(7, e.get("statementId").asLong());
        assertEquals(3, e.get("transactionId").asLong());
        assertEquals(2, e.get("rowCount").asLong());
        assertEquals("orders", e.get("clientApplication").asText());
        assertEquals("2023-11-14T22:13:20.123000Z", e.get("startTime").asText());
        assertEquals("2023-11-14T22:13:20.125500Z", e.get("endTime").asText());
        assertEquals("2023-11-14T22:13:21.000000Z", e.get("logTime").asText());
        JsonNode a = e.get("clientAuditFields");
        assertEquals("0123456789abcdef-7", a.get("eventId").asText());
        assertEquals("worker \"1\"", a.get("thread").asText());
        assertEquals(2_500_000, a.get("durationNanos").asLong());
        assertFalse(a.get("autoCommit").asBoolean());
        assertTrue(a.get("rowsReturned").isNull());
    }

    @Test
    void awkwardCharactersStayValidJson() {
        String sql = "SELECT `naïve\u0001`, \"\\\\\" FROM `t\u2028\ud83d\ude00\ud800` -- \n WHERE x = ?";
        JsonNode e = encode(capture(sql));
        assertEquals("SELECT `naïve\u0001`, ? FROM `t\u2028\ud83d\ude00\ufffd` WHERE x = ?",
                e.get("commandText").asText());
    }

    @RepeatedTest(20)
    void timesMatchTheJdkFormatting() {
        long millis = ThreadLocalRandom.current().nextLong(0, 4_102_444_800_000L);
        String ours = Times.iso(millis * 1000 + 999);
        Instant i = Instant.ofEpochMilli(millis).plus(999, ChronoUnit.MICROS);
        String jdk = i.toString();
        // Instant.toString drops trailing zero groups; compare through parsing instead.
        assertEquals(i, Instant.parse(ours), ours + " vs " + jdk);
        assertEquals(27, ours.length(), ours);
    }

    @Test
    void errorsCarryStateAndCodeButNotTheData() {
        Capture c = capture("INSERT INTO users (email) VALUES (?)");
        c.error = new SQLIntegrityConstraintViolationException(
                "Duplicate entry 'alice@example.com' for key 'users.email'", "23000", 1062);
        JsonNode e = encode(c);
        assertEquals(1062, e.get("exitCode").asInt());
        assertEquals("23000", e.get("clientAuditFields").get("sqlState").asText());
        assertEquals("Duplicate entry '?' for key 'users.email'", e.get("errorMessage").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Table 'shop.nope' doesn't exist | Table 'shop.nope' doesn't exist",
        "Unknown column 'x' in 'field list' | Unknown column 'x' in '?'",
        "Incorrect integer value: 'abc' for column 'qty' at row 1 | Incorrect integer value: '?' for column 'qty' at row 1",
        "~Table \"NOPE\" not found; SQL statement:\nselect * from nope where x='secret' [42102-232]~ | ~Table \"NOPE\" not found [42102-232]~",
    })
    void errorMessagesKeepNamesAndDropValues(String message, String published) {
        assertEquals(published, ErrorMessages.redact(message));
    }

    @Test
    void anErrorWithoutAVendorCodeStillFails() {
        Capture c = capture("SELECT 1");
        c.error = new SQLException("boom");
        assertEquals(1, encode(c).get("exitCode").asInt());
        c = capture("SELECT 1");
        c.error = new IllegalStateException("driver bug");
        JsonNode e = encode(c);
        assertEquals(1, e.get("exitCode").asInt());
        assertTrue(e.get("clientAuditFields").get("sqlState").isNull());
    }

    @Test
    void connectionEventsHaveNoCommandText() {
        Capture c = new Capture(CTX, StatementKind.CONNECTION, "connect", null, 1, 1, true, "main", -1_700_000_000_123_000_000L);
        JsonNode e = encode(c);
        assertEquals("CONNECT", e.get("class").asText());
        assertEquals("CONNECT", e.get("command").asText());
        assertTrue(e.get("commandText").isNull());
        assertEquals("1970-01-01T00:00:00.000000Z", e.get("startTime").asText());
    }

    @Test
    void aDriverCallNamesTheCallAndItsArgumentsWithoutText() {
        Capture c = new Capture(CTX, StatementKind.DRIVER, "getTables", null, 4, 4, true, "main", 0);
        c.endNanos = 1_000;
        c.callArguments = new Object[] {"catalog", "shop", "schemaPattern", null, "tableNamePattern", "ord%",
            "types", new String[] {"TABLE", "VIEW"}};
        JsonNode e = encode(c);
        assertEquals("READ", e.get("class").asText());
        assertEquals("METADATA", e.get("command").asText());
        assertTrue(e.get("commandText").isNull());
        JsonNode audit = e.get("clientAuditFields");
        assertEquals("DRIVER", audit.get("statementKind").asText());
        assertEquals("getTables", audit.get("executeMethod").asText());
        assertEquals("{\"catalog\":\"shop\",\"schemaPattern\":null,\"tableNamePattern\":\"ord%\","
                + "\"types\":[\"TABLE\",\"VIEW\"]}", audit.get("callArguments").toString());
        assertFalse(audit.has("tables"), "no SQL of its own to analyse");

        Capture level = new Capture(CTX, StatementKind.DRIVER, "setTransactionIsolation", null, 5, 5, false, "main", 0);
        level.callArguments = new Object[] {"level", 2, "ignored", new Object()}; // an unknown kind is never written
        JsonNode set = encode(level);
        assertEquals("SET", set.get("command").asText());
        assertEquals("MISC", set.get("class").asText());
        assertEquals("{\"level\":2,\"ignored\":null}", set.at("/clientAuditFields/callArguments").toString());
    }

    @Test
    void aPreparedStatementsMetadataCallIsDescribedByItsSql() {
        Capture c = new Capture(CTX, StatementKind.DRIVER, "getMetaData", "SELECT id FROM orders WHERE id = ?", 4, 4,
                true, "main", 0);
        JsonNode e = encode(c);
        assertEquals("SELECT", e.get("command").asText());
        assertEquals("SELECT id FROM orders WHERE id = ?", e.get("commandText").asText());
        assertEquals("DRIVER", e.at("/clientAuditFields/statementKind").asText());
        assertEquals("orders:READ", ActivityEvents.tables(e));
    }

    @Test
    void xaCallsAndACommittingSetAutoCommitAreConnectionCommands() {
        for (String[] m : new String[][] {{"xaStart", "XA START"}, {"xaEnd", "XA END"}, {"xaPrepare", "XA PREPARE"},
            {"xaCommit", "XA COMMIT"}, {"xaRollback", "XA ROLLBACK"}, {"xaRecover", "XA RECOVER"},
            {"setAutoCommit", "COMMIT"}}) {
            JsonNode e = encode(new Capture(CTX, StatementKind.CONNECTION, m[0], null, 2, 1, false, "main", 0));
            assertEquals(m[1], e.get("command").asText());
            assertEquals("MISC", e.get("class").asText());
        }
    }

    /**
     * Fragments kept from one event to the next (a connection's fields, a statement's text and
     * tables) must never leak into an event they do not describe: each event here is compared
     * with what a fresh encoder, which has kept nothing, writes for it.
     */
    @Test
    void keptFragmentsWriteWhatAFreshEncoderWrites() {
        EventEncoder kept = new EventEncoder(FIXED);
        String sql = "SELECT name FROM customer WHERE id = 5";
        Capture prepared = capture(sql);
        Capture otherDatabase = new Capture(CTX.withDatabase("archive").withSession("77", "db2.internal", 3307),
                StatementKind.PREPARED, "executeQuery", sql, 8, 3, true, "main", 0);
        Capture plainBatchOfOne = new Capture(CTX, StatementKind.STATEMENT, "executeBatch", null, 9, 4, true, "main", 0);
        plainBatchOfOne.batchSql = new String[] {sql};
        plainBatchOfOne.batchSize = 1;
        Capture denied = capture(sql);
        denied.error = new SQLException("SELECT command denied to user 'app'@'%' for table 'customer'", "42000", 1142);
        Capture longText = capture("SELECT name FROM customer WHERE id IN (" + "1, ".repeat(600) + "2)");
        for (int round = 0; round < 3; round++) {
            for (Capture c : new Capture[] {prepared, otherDatabase, plainBatchOfOne, denied, longText}) {
                for (boolean trim : new boolean[] {false, true}) {
                    String expected = new EventEncoder(FIXED).encode(c, 1_700_000_001_000L, trim).toString();
                    assertEquals(expected, kept.encode(c, 1_700_000_001_000L, trim).toString());
                }
            }
        }
        JsonNode e = ActivityEvents.parseAndValidate(kept.encode(otherDatabase, 1_700_000_001_000L).toString());
        assertEquals("archive", e.get("databaseName").asText());
        assertEquals("77", e.get("sessionId").asText());
        assertTrue(ActivityEvents.parseAndValidate(kept.encode(plainBatchOfOne, 0).toString()).get("commandText").isNull());
        JsonNode d = ActivityEvents.parseAndValidate(kept.encode(denied, 0).toString());
        assertTrue(d.at("/clientAuditFields/risk").toString().contains("ACCESS_DENIED"), d::toString);
        JsonNode ok = ActivityEvents.parseAndValidate(kept.encode(prepared, 0).toString());
        assertFalse(ok.at("/clientAuditFields/risk").toString().contains("ACCESS_DENIED"), ok::toString);
    }

    @Test
    void eachCommandTextModeKeepsItsOwnText() {
        String sql = "UPDATE stock SET qty = qty - 1 WHERE sku = 'A-1'";
        for (EventEncoder.CommandTextMode mode : EventEncoder.CommandTextMode.values()) {
            EventEncoder encoder = new EventEncoder(FIXED, mode);
            for (int round = 0; round < 2; round++) {
                JsonNode e = ActivityEvents.parseAndValidate(encoder.encode(capture(sql), 0).toString());
                switch (mode) {
                    case NORMALIZED -> assertEquals("UPDATE stock SET qty = qty - ? WHERE sku = ?",
                            e.get("commandText").asText());
                    case FULL -> assertEquals(sql, e.get("commandText").asText());
                    case NONE -> assertTrue(e.get("commandText").isNull());
                }
            }
        }
    }
}
