package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.it.webapp.DriverManagerShopServlet;
import io.jdbcactivity.it.webapp.FlushServlet;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other way a web application carries the driver: the jar in its own {@code WEB-INF/lib}, so
 * its class loader defines the driver and everything bundled in it (Connector/J stays in the
 * container's class path), connecting through {@code DriverManager}, with no
 * ServletContextListener and the default {@code activity.shutdown.idleMs} (60 s: idleness cannot be
 * what stops the publisher). Undeploying it is Tomcat forcibly deregistering the JDBC driver the
 * application registered, which runs the driver's DriverAction. Three times in a row: the events
 * arrive, no thread or MBean is left, and the class loader is collected.
 */
class TomcatWebInfLibTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("webinf");
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();

    @Test
    void threeDeploymentsCarryingTheJarEachPublishAndLeaveNothingBehind(@TempDir Path base) throws Exception {
        Path jar = AllJar.path();
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat(base)) {
            tomcat.proveLeakDetectionIsLive();
            for (int round = 1; round <= 3; round++) {
                String application = "webinf-" + round;
                LeftBehind.Baseline before = LeftBehind.baseline();
                WeakReference<ClassLoader> loader = tomcat.deploy("/shop", shop(application), jar);
                for (int visit = 1; visit <= 2; visit++) {
                    String page = tomcat.get("/shop/run");
                    assertTrue(page.contains("driver loader org.apache.catalina.loader."),
                            "the driver is the application's own copy: " + page);
                }

                assertEquals("flushed true", tomcat.get("/shop/flush"));
                assertEquals(1, LeftBehind.publishersSince(before).size(), "the application's own publisher runs: "
                        + LeftBehind.since(before));
                List<String> reported = tomcat.undeploy("/shop");
                List<String> deregistered = reported.stream().filter(TomcatWebInfLibTest::forcedDeregistration)
                        .toList();
                assertEquals(1, deregistered.size(), "undeploying deregistered the driver: " + reported);
                // Tomcat looks for the application's threads right after the deregistration returns:
                // the driver's stop must have ended its threads by then, not only asked them to end
                assertEquals(List.of(), reported.stream().filter(r -> !forcedDeregistration(r)).toList(),
                        "Tomcat reported nothing else left by deployment " + round);
                LeftBehind.awaitNothingSince(before, "after undeploy " + round);
                ClassLoaderLeaks.assertCollected(loader, "WEB-INF-lib deployment " + round);

                List<JsonNode> events = Streams.statements(KINESIS, "webinf", application);
                assertEquals(List.of("CREATE TABLE", "INSERT", "SELECT", "CREATE TABLE", "INSERT", "SELECT"),
                        events.stream().map(e -> e.path("command").asText()).toList(), "deployment " + round);
                assertEquals("visit:INSERT", ActivityEvents.tables(events.get(1)));
                List<JsonNode> all = Streams.ofApplication(KINESIS, "webinf", application);
                assertEquals(2, all.stream().filter(e -> e.path("command").asText().equals("DISCONNECT")).count(),
                        "one connection per visit, closed");
            }
        }
    }

    /**
     * The application loads the driver from its WEB-INF/lib and connects by URL. The sink settings
     * are the same every round: only a publisher stopped at undeploy lets the next round start clean.
     */
    private static Consumer<Context> shop(String application) {
        return ctx -> {
            ctx.addParameter("jdbc.url", Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "webinf", application));
            ctx.addParameter("jdbc.user", MARIADB.user());
            ctx.addParameter("jdbc.password", MARIADB.password());
            EmbeddedTomcat.serve(ctx, "/run", DriverManagerShopServlet.class);
            EmbeddedTomcat.serve(ctx, "/flush", FlushServlet.class);
        };
    }

    /** Tomcat's report that it deregistered a JDBC driver the application left registered: ours, expected. */
    private static boolean forcedDeregistration(String report) {
        return report.contains("registered the JDBC driver [io.jdbcactivity.driver.ActivityDriver]")
                && report.contains("forcibly unregistered");
    }
}
