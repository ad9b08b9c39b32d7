package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a container's undeploy relies on: when the driver's stop returns (here {@link Activity#shutdown()},
 * the same stop its DriverAction runs when Tomcat deregisters it), the threads it started have
 * ended, not only been asked to end. Tomcat looks for the application's threads right after the
 * deregistration returns and reports every one still alive as a probable leak. A thread that is
 * merely on its way out is seen only now and then, so the stop is repeated.
 */
class DriverStopTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("stop");
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();
    private static final int STOPS = 10; // a thread on its way out was seen in about one stop in four

    @Test
    void whenTheStopReturnsNoThreadOfTheDriverIsAlive() throws Exception {
        for (int stop = 1; stop <= STOPS; stop++) {
            LeftBehind.Baseline before = LeftBehind.baseline();
            try (Connection c = DriverManager.getConnection(Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "stop",
                    "stop-" + stop), MARIADB.user(), MARIADB.password()); Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
            }
            // delivered: the publisher, its Kinesis client's event loops and its timer all run now
            assertTrue(Activity.flush(Duration.ofSeconds(20)), Activity.stats().toString());
            assertEquals(1, LeftBehind.publishersSince(before).size(), LeftBehind.since(before).toString());

            Activity.shutdown();
            assertEquals(List.of(), LeftBehind.since(before), "alive when stop " + stop + " returned");
        }
    }
}
