package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prepared batches against MariaDB through Connector/J ({@code rewriteBatchedStatements},
 * {@code useServerPrepStmts}) and MariaDB Connector/J (bulk protocol on and off): a batch event's
 * rows are the true total where the driver's counts give it, and unknown — null, with the
 * SUCCESS_NO_INFO entries counted — where they do not, never 0. The oracles: the rows the table
 * really gained, changed or lost, the counts the driver handed the application, and the server's
 * general_log, which shows whether the driver sent one statement per entry or rewrote the batch.
 */
class BatchCountsTest {
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
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS h10_b (id INT PRIMARY KEY, grp INT, v INT)");
            s.execute("DELETE FROM h10_b");
            // groups of 1, 2 and 3 rows: an UPDATE per group changes that many
            s.execute("INSERT INTO h10_b VALUES (1, 1, 0), (2, 2, 0), (3, 2, 0), (4, 3, 0), (5, 3, 0), (6, 3, 0)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    /** {@code driver:options}, e.g. {@code mysql:rewriteBatchedStatements=true}. */
    private Connection connect(String config) throws SQLException {
        int colon = config.indexOf(':');
        return MariaDbTargets.connect(DB, log, config.substring(0, colon), config.substring(colon + 1));
    }

    private static long count(String where) throws SQLException {
        try (Connection c = DB.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM h10_b WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("\\(\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*\\)");

    /**
     * How many of a batch's entries one logged execution carried: the rows of a multi-row INSERT
     * (Connector/J's rewrite), the statements of a multi-statement text (its rewritten UPDATE or
     * DELETE), else one.
     */
    private static long entries(String batchSql, String logged) {
        if (batchSql.startsWith("INSERT")) {
            return ROW.matcher(logged).results().count();
        }
        return logged.split(java.util.regex.Pattern.quote(batchSql), -1).length - 1;
    }

    /** One batch as the application saw it, and what really happened to the table. */
    private record Batch(String sql, int[] counts, long rowsChanged) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "mysql:rewriteBatchedStatements=false&useServerPrepStmts=false",
        "mysql:rewriteBatchedStatements=true&useServerPrepStmts=false",
        "mysql:rewriteBatchedStatements=false&useServerPrepStmts=true",
        "mysql:rewriteBatchedStatements=true&useServerPrepStmts=true",
        "mariadb:useBulkStmts=true",
        "mariadb:useBulkStmts=false&useBulkStmtsForInserts=false",
        "mariadb:rewriteBatchedStatements=true&useBulkStmts=false&useBulkStmtsForInserts=false",
    })
    void aBatchSaysItsTrueRowsOrThatTheyAreUnknownNeverZero(String config) throws SQLException {
        Batch insert;
        Batch ignore;
        Batch update;
        Batch delete;
        long thread;
        try (Connection c = connect(config)) {
            long before = count("1 = 1");
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO h10_b (id, grp, v) VALUES (?, ?, ?)")) {
                for (int id = 10; id < 15; id++) {
                    ps.setInt(1, id);
                    ps.setInt(2, 5);
                    ps.setInt(3, 0);
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            insert = new Batch("INSERT INTO h10_b", counts, count("1 = 1") - before);

            before = count("1 = 1");
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO h10_b (id, grp, v) VALUES (?, ?, ?)")) {
                for (int id : new int[] {13, 14, 15, 16, 17}) { // two are there already
                    ps.setInt(1, id);
                    ps.setInt(2, 6);
                    ps.setInt(3, 0);
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            ignore = new Batch("INSERT IGNORE INTO h10_b", counts, count("1 = 1") - before);

            int[] groups = {1, 2, 3, 9, 2};
            long matched = 0;
            for (int g : groups) {
                matched += count("grp = " + g);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE h10_b SET v = v + 1 WHERE grp = ?")) {
                for (int g : groups) {
                    ps.setInt(1, g);
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            update = new Batch("UPDATE h10_b", counts, matched);

            before = count("1 = 1");
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM h10_b WHERE id = ?")) {
                for (int id : new int[] {10, 11, 12, 99, 1}) { // 99 is not there
                    ps.setInt(1, id);
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            delete = new Batch("DELETE FROM h10_b", counts, before - count("1 = 1"));
            thread = log.all().get(0).get("sessionId").asLong();
        }
        assertEquals(5, insert.rowsChanged());
        assertEquals(3, ignore.rowsChanged());
        assertEquals(8, update.rowsChanged());
        assertEquals(4, delete.rowsChanged());

        List<JsonNode> events = log.all().stream()
                .filter(e -> e.get("clientAuditFields").get("executeMethod").asText().equals("executeBatch")).toList();
        assertEquals(4, events.size(), "one event per executeBatch: " + events);
        List<String> ran = SERVER_LOG.statements(thread);
        Batch[] batches = {insert, ignore, update, delete};
        for (int i = 0; i < batches.length; i++) {
            Batch b = batches[i];
            JsonNode e = events.get(i);
            JsonNode batch = e.get("clientAuditFields").get("batch");
            long noInfo = Arrays.stream(b.counts()).filter(n -> n == Statement.SUCCESS_NO_INFO).count();
            List<String> executions = ran.stream().filter(s -> s.startsWith(b.sql())).toList();
            String context = config + " " + b.sql() + " counts " + Arrays.toString(b.counts()) + " server ran "
                    + executions + "; event " + e;
            assertEquals(5, batch.get("size").asInt(), context);
            assertFalse(executions.isEmpty(), "the server received the batch: " + context);
            if (executions.stream().noneMatch(s -> s.contains("?"))) { // a bulk command is logged once, as its template
                assertEquals(5, executions.stream().mapToLong(s -> entries(b.sql(), s)).sum(),
                        "the batch's size is the entries the server received, however the driver sent them: " + context);
            }
            assertNotEquals(0, e.get("rowCount").asLong(-1), "never a false 0: " + context);
            if (noInfo > 0) {
                assertTrue(e.get("rowCount").isNull(), context);
                assertTrue(e.get("clientAuditFields").get("rowsAffected").isNull(), context);
                assertEquals(noInfo, batch.get("successNoInfo").asLong(), context);
            } else {
                long sum = Arrays.stream(b.counts()).sum();
                assertEquals(sum, e.get("rowCount").asLong(), context);
                assertEquals(b.rowsChanged(), e.get("rowCount").asLong(), "the true total: " + context);
                assertFalse(batch.has("successNoInfo"), context);
            }
        }
    }
}
