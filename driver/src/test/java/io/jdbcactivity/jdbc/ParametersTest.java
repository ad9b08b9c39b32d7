package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.capture.Parameters;
import io.jdbcactivity.fixtures.H2Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** activity.parameters: what prepared-statement parameters leave the process, in each mode. */
class ParametersTest {
    private final EventLog log = EventLog.create();

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    /** Runs one prepared update and a 3-row batch; returns the two events. */
    private List<JsonNode> run(String mode) throws SQLException {
        Properties p = log.properties();
        if (mode != null) {
            p.setProperty("activity.parameters", mode);
        }
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p)) {
            c.createStatement().execute("CREATE TABLE person (id INT, email VARCHAR(100), born DATE)");
            log.skipExisting();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO person VALUES (?, ?, ?)")) {
                ps.setInt(1, 7);
                ps.setString(2, "alice@example.com");
                ps.setNull(3, Types.DATE);
                ps.executeUpdate();
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "user" + i + "@example.com");
                    ps.setObject(3, java.time.LocalDate.of(2000, 1, 1 + i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return log.newEvents().subList(0, 2);
    }

    @Test
    void byDefaultCountAndTypesOnly() throws SQLException {
        List<JsonNode> e = run(null);
        JsonNode params = e.get(0).get("clientAuditFields").get("parameters");
        assertEquals(3, params.get("count").asInt());
        assertEquals(List.of("INTEGER", "VARCHAR", "DATE"), List.of(params.get("types").get(0).asText(),
                params.get("types").get(1).asText(), params.get("types").get(2).asText()));
        assertFalse(params.has("values"));
        assertTrue(e.get(0).get("paramList").isNull());
        assertFalse(e.toString().contains("example.com"), "no value leaves the process");
        JsonNode rows = e.get(1).get("clientAuditFields").get("batch").get("parameters");
        assertEquals(1, rows.size(), "three rows of one shape are one set: " + rows);
        assertEquals(3, rows.get(0).get("rows").asInt());
        assertEquals("DATE", rows.get(0).get("types").get(2).asText());
    }

    @Test
    void hashedValuesJoinWithoutRevealing() throws SQLException {
        List<JsonNode> e = run("hashed");
        JsonNode values = e.get(0).get("clientAuditFields").get("parameters").get("values");
        assertTrue(values.get(1).asText().matches("sha256:[0-9a-f]{32}"));
        assertTrue(values.get(2).isNull());
        assertFalse(e.toString().contains("example.com"));
        assertEquals(values.get(1).asText(), e.get(0).get("paramList").get(1).asText());
    }

    @Test
    void fullValuesWhenAskedFor() throws SQLException {
        List<JsonNode> e = run("full");
        JsonNode values = e.get(0).get("clientAuditFields").get("parameters").get("values");
        assertEquals("7", values.get(0).asText());
        assertEquals("alice@example.com", values.get(1).asText());
        JsonNode rows = e.get(1).get("clientAuditFields").get("batch").get("parameters");
        assertEquals(3, rows.size(), "rows with values are never merged");
        assertEquals(1, rows.get(2).get("rows").asInt());
        assertEquals("user2@example.com", rows.get(2).get("values").get(1).asText());
        assertEquals("2000-01-03", rows.get(2).get("values").get(2).asText());
    }

    @Test
    void aLargeBatchListsItsRowsInRunsAndCountsWhatItCannotList() throws SQLException {
        Properties p = log.properties();
        p.setProperty("activity.parameters", "hashed");
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p)) {
            c.createStatement().execute("CREATE TABLE item (id INT, label VARCHAR(20))");
            log.skipExisting();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
                for (int i = 0; i < 1_000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "label-" + i);
                    ps.addBatch();
                }
                assertEquals(1_000, ps.executeBatch().length);
            }
        }
        JsonNode batch = log.newEvents().get(0).get("clientAuditFields").get("batch");
        assertEquals(1_000, batch.get("size").asInt());
        assertEquals(100, batch.get("parameters").size(), "one set per row with values, the first 100");
        assertEquals(900, batch.get("parametersOmitted").asInt());
    }

    @Test
    void noneKeepsNothing() throws SQLException {
        List<JsonNode> e = run("none");
        assertFalse(e.get(0).get("clientAuditFields").has("parameters"));
        assertFalse(e.get(1).get("clientAuditFields").get("batch").has("parameters"));
    }

    @Test
    void aStatementReExecutedWithTheSameTypesAllocatesNoNewSet() {
        Parameters p = new Parameters(Parameters.Mode.REDACTED);
        p.type(1, Types.INTEGER);
        Parameters.ParameterSet first = p.snapshot();
        p.type(1, Types.INTEGER);
        assertSame(first, p.snapshot());
        p.type(2, Types.VARCHAR);
        assertNotSame(first, p.snapshot());
        p.clear();
        assertNull(p.snapshot());
        assertNull(new Parameters(Parameters.Mode.NONE).snapshot());
    }
}
