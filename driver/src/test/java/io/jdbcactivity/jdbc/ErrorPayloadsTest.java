package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A public list of injection and error-provoking strings (sections of the Big List of Naughty
 * Strings, see the resource's header) as values in every MariaDB error that quotes a value:
 * duplicate entry, incorrect integer and date values, data too long, a syntax error whose near
 * fragment holds the value as a literal, a variable set to it, a SIGNAL text. No run of 6 or more
 * characters of any value reaches the events of its statements (raw JSON lines and every decoded
 * string field), unless the same run is in the events of the same statements run with a
 * harmless value.
 */
class ErrorPayloadsTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private static final String TABLE = "h9_payload";
    private static final int WINDOW = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(200) UNIQUE,"
                    + " s VARCHAR(3), n INT, d DATE) CHARACTER SET utf8mb4",
                "DELETE FROM " + TABLE);
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    static List<String> payloads() throws IOException {
        try (InputStream in = ErrorPayloadsTest.class.getResourceAsStream("/io/jdbcactivity/event/naughty-strings.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static String sqlLiteral(String v) {
        return v.replace("\\", "\\\\").replace("'", "''");
    }

    /** The statements: each fails with a message that quotes {@code value} (or its column). */
    private void runAll(String value) throws SQLException {
        try (Connection c = DB.connect(); PreparedStatement p = c.prepareStatement("INSERT INTO " + TABLE + " (v) VALUES (?)")) {
            p.setString(1, value);
            p.execute();
        }
        Properties props = log.properties();
        props.setProperty("user", DB.user());
        props.setProperty("password", DB.password());
        try (Connection c = DriverManager.getConnection("jdbc:activity:" + DB.jdbcUrl().substring(5), props)) {
            for (String sql : List.of("INSERT INTO " + TABLE + " (v) VALUES (?)", "INSERT INTO " + TABLE + " (n) VALUES (?)",
                    "INSERT INTO " + TABLE + " (d) VALUES (?)", "INSERT INTO " + TABLE + " (s) VALUES (?)",
                    "SET SESSION sql_mode = ?", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = ?")) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setString(1, value);
                    p.execute();
                } catch (SQLException expected) {
                    // the event is what is checked
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT v FROM " + TABLE + " WHERE WHERE v = '" + sqlLiteral(value) + "'");
            } catch (SQLException expected) {
                // idem
            }
        }
    }

    @Test
    void noRunOfAnyPayloadReachesTheEvents() throws Exception {
        List<String> payloads = payloads();
        assertTrue(payloads.size() > 100, "payloads: " + payloads.size());
        String baseline = "H9<harmless>9H";
        runAll(baseline);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            String value = "H9" + i + "<" + payloads.get(i) + ">9H";
            values.add(value);
            runAll(value);
        }
        // one connection per value: its events are the statements of that value
        Map<String, StringBuilder> byConnection = new LinkedHashMap<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        log.all(); // waits for everything to be written, validates every event
        for (String line : Files.readAllLines(log.file(), StandardCharsets.UTF_8)) {
            JsonNode e = JSON.readTree(line);
            if (e.at("/clientAuditFields/statementKind").asText().equals("PRODUCER")) {
                continue; // heartbeats: the publisher's, not a connection's
            }
            String connection = e.at("/clientAuditFields/connectionId").asText();
            StringBuilder text = byConnection.computeIfAbsent(connection, k -> new StringBuilder());
            text.append(line).append('\n');
            strings(e, text);
            if (e.get("exitCode").asInt() != 0) {
                failures.merge(connection, 1, Integer::sum);
            }
        }
        List<StringBuilder> texts = new ArrayList<>(byConnection.values());
        List<Integer> failed = new ArrayList<>(failures.values());
        assertEquals(values.size() + 1, texts.size(), "one connection per value");
        String harmless = texts.get(0).toString();
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            assertEquals(7, failed.get(i + 1), "every statement failed for " + values.get(i));
            String events = texts.get(i + 1).toString();
            for (String form : List.of(values.get(i), sqlLiteral(values.get(i)))) {
                for (int k = 0; k + WINDOW <= form.length(); k++) {
                    String run = form.substring(k, k + WINDOW);
                    int at = events.indexOf(run);
                    if (at >= 0 && !harmless.contains(run)) {
                        leaks.add(values.get(i) + " → [" + run + "] in …" + events.substring(Math.max(0, at - 80),
                                Math.min(events.length(), at + 40)) + "…");
                        break;
                    }
                }
            }
        }
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " values leak:\n" + String.join("\n", leaks));
    }

    /** Every string value of {@code node}, decoded, one per line. */
    private static void strings(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.textValue()).append('\n');
        }
        for (JsonNode child : node) {
            strings(child, out);
        }
    }
}
