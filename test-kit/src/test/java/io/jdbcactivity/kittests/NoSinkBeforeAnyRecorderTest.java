package io.jdbcactivity.kittests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.fixtures.H2Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connection opened in @BeforeAll of a class without a recorder (a Spring context, a schema
 * set-up) finds none the default sink: the kit's launcher session listener set it when the run
 * began, not the first recorder (a user's trial failed there, looking for a Kinesis stream).
 */
class NoSinkBeforeAnyRecorderTest {
    private static String sinkAtBeforeAll;

    @BeforeAll
    static void schema() throws Exception {
        sinkAtBeforeAll = ActivityOptions.jvmDefault("activity.sink");
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT)"); // with kinesis the default, this connect would fail
        }
    }

    @Test
    void theDefaultSinkIsNoneFromTheRunsStart() {
        assertEquals("none", sinkAtBeforeAll);
    }
}
