package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * activity.sensitive through the driver against MariaDB: who read or wrote the sensitive columns,
 * in events validated against the schema; a filter that keeps only writes still publishes a
 * sensitive read; the values never leave the process.
 */
class MariaDbSensitiveTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    @Test
    void readsAndWritesOfSensitiveColumnsAreFlaggedAndNamed(@TempDir Path dir) throws Exception {
        DB.execute("DROP TABLE IF EXISTS sens_users",
                "CREATE TABLE sens_users (id INT PRIMARY KEY, name VARCHAR(40), ssn CHAR(11))",
                "INSERT INTO sens_users VALUES (1, 'ann', '123-45-6789')");
        Path file = dir.resolve("events.jsonl");
        try (Connection c = DriverManager.getConnection(DB.activityUrl("activity.sink=jsonl",
                "activity.jsonl.path=" + file, "activity.sensitive=sens_users.ssn",
                "activity.filter.include=class:WRITE"), DB.user(), DB.password()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name FROM sens_users WHERE id = 1")) {
                assertTrue(rs.next());
            }
            try (ResultSet rs = s.executeQuery("SELECT ssn FROM sens_users WHERE name = 'ann'")) {
                assertTrue(rs.next());
                assertEquals("123-45-6789", rs.getString(1), "the application's result is unchanged");
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM sens_users")) {
                assertTrue(rs.next());
            }
            assertEquals(1, s.executeUpdate("UPDATE sens_users SET ssn = '987-65-4321' WHERE id = 1"));
            assertEquals(1, s.executeUpdate("UPDATE sens_users SET name = 'anne' WHERE id = 1"));
        }
        assertTrue(Activity.flush(Duration.ofSeconds(10)));
        List<JsonNode> events = ActivityEvents.read(file).stream()
                .filter(e -> "record".equals(e.path("type").asText()) && e.path("commandText").isTextual()).toList();
        events.forEach(ActivityEvents::validate);
        Map<String, JsonNode> byText = events.stream().collect(Collectors.toMap(e -> e.path("commandText").asText(),
                Function.identity()));
        // the filter keeps writes only, but a sensitive read is never left out: the plain read is
        assertEquals(4, events.size(), byText.keySet().toString());
        assertFalse(byText.containsKey("SELECT name FROM sens_users WHERE id = ?"));
        JsonNode read = byText.get("SELECT ssn FROM sens_users WHERE name = ?").path("clientAuditFields");
        assertEquals("[\"SENSITIVE_READ\"]", read.path("risk").toString());
        assertEquals("{\"read\":[\"sens_users.ssn\"],\"written\":[]}", read.path("sensitive").toString());
        JsonNode star = byText.get("SELECT * FROM sens_users").path("clientAuditFields");
        assertEquals("{\"read\":[\"sens_users.ssn\"],\"written\":[]}", star.path("sensitive").toString());
        JsonNode write = byText.get("UPDATE sens_users SET ssn = ? WHERE id = ?").path("clientAuditFields");
        assertEquals("[\"SENSITIVE_WRITE\"]", write.path("risk").toString());
        assertEquals("{\"read\":[],\"written\":[\"sens_users.ssn\"]}", write.path("sensitive").toString());
        JsonNode plain = byText.get("UPDATE sens_users SET name = ? WHERE id = ?").path("clientAuditFields");
        assertEquals("[]", plain.path("risk").toString());
        assertTrue(plain.path("sensitive").isMissingNode());
        String all = events.toString();
        assertFalse(all.contains("123-45-6789") || all.contains("987-65-4321"), "no value leaves the process");
    }

    @Test
    void aPatternThatDoesNotReadRefusesTheConnection() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                DB.activityUrl("activity.sink=none", "activity.sensitive=ssn"), DB.user(), DB.password()));
        assertEquals("HY024", e.getSQLState());
        assertTrue(e.getMessage().contains("activity.sensitive"), e.getMessage());
    }
}
