package io.jdbcactivity.kittests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.testkit.ActivityRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allowlist recorded by a test run is the one production checks: recorded through the kit,
 * then used in protect mode, it lets the tested statements run and refuses one no test ran.
 */
class AllowlistRecordingTest {
    @Test
    void aTestRunRecordsTheAllowlistProductionProtectsWith(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("allowlist.txt");
        String db = H2Databases.newName();
        Activity.shutdown(); // the recording is for publishers started from now on
        ActivityRecorder.recordAllowlist(list);
        try {
            try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(db)); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
                s.executeUpdate("INSERT INTO items VALUES (1, 'tea')");
                s.executeQuery("SELECT name FROM items WHERE id = 1").close();
            }
        } finally {
            ActivityRecorder.recordAllowlist(null);
            Activity.shutdown(); // the publisher's stop writes the file
        }
        List<String> lines = Files.readAllLines(list);
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(" SELECT name FROM items WHERE id = ?")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("tea")), "no literal in the list");

        String prod = H2Databases.activityUrl(db) + ";activity.allowlist=" + list + ";activity.allowlist.mode=protect";
        try (Connection c = DriverManager.getConnection(prod); Statement s = c.createStatement()) {
            s.executeQuery("SELECT name FROM items WHERE id = 2").close(); // tested shape, other literal
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM items"));
            assertEquals("42000", refused.getSQLState());
        }
    }
}
