package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Injected statements actually run on MariaDB through the driver (harmless ones: {@code SLEEP(0)},
 * a UNION on information_schema, {@code OR '1'='1'}, a stacked {@code SELECT SLEEP(0)} with
 * allowMultiQueries) carry their SQLI_ flags in their events, valid against the schema, with no
 * literal in {@code commandText}; the application gets the server's results unchanged; benign
 * statements on the same connection carry none.
 */
class InjectionEventsTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void users() throws Exception {
        DB.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(40), password VARCHAR(40))",
                "INSERT INTO users VALUES (1, 'ada', 's3cret-ada'), (2, 'bob', 's3cret-bob')");
    }

    @Test
    void injectedStatementsCarryTheirFlagsAndBenignOnesNone() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        int tautologyRows;
        int unionRows;
        try (AutoCloseable tap = Activity.listen((t, json) -> events.add(parse(json)), false);
                Connection c = DriverManager.getConnection(DB.activityUrl("activity.sink=none", "allowMultiQueries=true"),
                        DB.user(), DB.password());
                Statement s = c.createStatement()) {
            tautologyRows = rows(s, "SELECT id, name FROM users WHERE name = '' OR '1'='1'");
            unionRows = rows(s, "SELECT id, name FROM users WHERE id = -1 UNION SELECT 1, table_name FROM "
                    + "information_schema.tables WHERE table_schema = DATABASE()");
            rows(s, "SELECT id, name FROM users WHERE id = 1 AND SLEEP(0) = 0");
            rows(s, "SELECT id, name FROM users WHERE name = 'ada' -- ' AND password = 'guess'");
            s.execute("SELECT id FROM users WHERE name = 'x'; SELECT SLEEP(0) -- '");
            while (s.getMoreResults() || s.getUpdateCount() != -1) {
                // drain the second result
            }
            rows(s, "SELECT id FROM users WHERE 1=1 AND name = 'bob'");
            rows(s, "SELECT SLEEP(0)");
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM users WHERE name = ? OR id = ?")) {
                p.setString(1, "' OR '1'='1");
                p.setInt(2, 2);
                try (ResultSet r = p.executeQuery()) {
                    assertTrue(r.next(), "a bound value is data, not SQL: only id 2 matches");
                }
            }
            assertTrue(Activity.awaitPublished(Duration.ofSeconds(20)));
        }
        assertEquals(2, tautologyRows, "the application gets what the server returns");
        assertTrue(unionRows >= 1, "the UNION ran");
        List<String> seen = new ArrayList<>();
        for (JsonNode e : events) {
            ActivityEvents.validate(e);
            if (e.path("class").asText().equals("CONNECT")) {
                continue;
            }
            List<String> risks = new ArrayList<>();
            e.path("clientAuditFields").path("risk").forEach(r -> risks.add(r.asText()));
            String text = e.path("commandText").asText();
            assertFalse(text.contains("ada") || text.contains("guess") || text.contains("bob"),
                    "no literal leaves the process: " + text);
            seen.add(risks + " " + text);
        }
        assertEquals(List.of(
                "[SQLI_TAUTOLOGY] SELECT id, name FROM users WHERE name = ? OR ?=?",
                "[SQLI_SYSTEM_PROBE] SELECT id, name FROM users WHERE id = -? UNION SELECT ?, table_name FROM "
                        + "information_schema.TABLES WHERE table_schema = DATABASE()",
                "[SQLI_TIME_DELAY] SELECT id, name FROM users WHERE id = ? AND SLEEP(?) = ?",
                "[SQLI_COMMENT_TRUNCATION] SELECT id, name FROM users WHERE name = ?",
                "[] SELECT id FROM users WHERE name = ?",
                // a sleep with a truncating comment after it is no deliberate pause
                "[SQLI_TIME_DELAY, SQLI_COMMENT_TRUNCATION, SQLI_STACKED_QUERY] SELECT SLEEP(?)",
                "[] SELECT id FROM users WHERE ?=? AND name = ?",
                "[] SELECT SLEEP(?)",
                "[] SELECT id FROM users WHERE name = ? OR id = ?"), seen);
    }

    private static int rows(Statement s, String sql) throws Exception {
        int n = 0;
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
