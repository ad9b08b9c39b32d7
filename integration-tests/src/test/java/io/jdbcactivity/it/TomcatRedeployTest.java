package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.it.webapp.FlushServlet;
import io.jdbcactivity.it.webapp.ShopServlet;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.management.ObjectName;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in as an application server runs it: the jar in the container's class path next to
 * Connector/J, a web application with a container-managed DataSource (JNDI, Tomcat's own pool)
 * whose URL is {@code jdbc:activity:mysql://…}, deployed and undeployed three times. Each
 * deployment's events arrive; after each undeploy the web application's class loader is collected
 * even while the publisher its request started still runs, Tomcat reports nothing left behind,
 * and once the publisher retires no thread or MBean that came with the deployment is left.
 */
class TomcatRedeployTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("tomcat");
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();
    /** Short, so that the shared publisher retires soon after its last connection closes. */
    private static final String IDLE = "activity.shutdown.idleMs=200";

    @Test
    void threeDeploymentsEachPublishAndLeaveNothingBehind(@TempDir Path base) throws Exception {
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat(base)) {
            tomcat.proveLeakDetectionIsLive();
            for (int round = 1; round <= 3; round++) {
                String application = "webapp-" + round;
                LeftBehind.Baseline before = LeftBehind.baseline();
                WeakReference<ClassLoader> loader = tomcat.deploy("/shop", shop(application));
                for (int visit = 1; visit <= 2; visit++) {
                    String page = tomcat.get("/shop/run");
                    assertTrue(page.contains(" loader org.apache.catalina.loader."), "the servlet is the web "
                            + "application's own class: " + page);
                    assertTrue(page.contains("driver loader jdk.internal.loader.ClassLoaders$AppClassLoader"),
                            "the driver is the container's: " + page);
                }
                assertEquals("flushed true", tomcat.get("/shop/flush"));
                Set<ObjectName> started = LeftBehind.publishersSince(before);
                assertEquals(1, started.size(), "the deployment started a publisher: " + LeftBehind.since(before));

                // Another user of the same sink settings keeps the publisher the deployment's request
                // started alive past the undeploy: its threads must not hold the application.
                try (Connection keeper = DriverManager.getConnection(url("keeper"), MARIADB.user(),
                        MARIADB.password())) {
                    assertEquals(started, LeftBehind.publishersSince(before), "the keeper shares it");
                    assertEquals(List.of(), tomcat.undeploy("/shop"), "Tomcat reported nothing left by deployment "
                            + round);
                    ClassLoaderLeaks.assertCollected(loader, "deployment " + round);
                    assertEquals(started, LeftBehind.publishersSince(before),
                            "collected while the publisher it started runs");
                }
                LeftBehind.awaitNothingSince(before, "after undeploy " + round + " and the publisher's retirement");

                List<JsonNode> events = Streams.statements(KINESIS, "tomcat", application);
                assertEquals(List.of("CREATE TABLE", "INSERT", "SELECT", "CREATE TABLE", "INSERT", "SELECT"),
                        events.stream().map(e -> e.path("command").asText()).toList(), "deployment " + round);
                assertEquals("visit:INSERT", ActivityEvents.tables(events.get(1)));
                assertEquals(1, events.get(2).path("clientAuditFields").path("rowsReturned").asInt());
                List<JsonNode> all = Streams.ofApplication(KINESIS, "tomcat", application);
                assertEquals(all.stream().filter(e -> e.path("command").asText().equals("CONNECT")).count(),
                        all.stream().filter(e -> e.path("command").asText().equals("DISCONNECT")).count(),
                        "the pool's connections were closed at undeploy");
            }
        }
    }

    /**
     * Two web applications share the driver's publisher (same sink settings): the one whose request
     * thread started it is undeployed first, and its class loader is collected while the publisher's
     * threads run on for the other.
     */
    @Test
    void theApplicationThatStartedASharedPublisherIsCollectedWhileItRunsOn(@TempDir Path base) throws Exception {
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat(base)) {
            tomcat.proveLeakDetectionIsLive();
            LeftBehind.Baseline before = LeftBehind.baseline();
            WeakReference<ClassLoader> first = tomcat.deploy("/first", shop("first"));
            tomcat.deploy("/second", shop("second"));
            tomcat.get("/first/run");
            tomcat.get("/second/run");
            Set<ObjectName> shared = LeftBehind.publishersSince(before);
            assertEquals(1, shared.size(), "one publisher for both: " + LeftBehind.since(before));

            assertEquals(List.of(), tomcat.undeploy("/first"), "Tomcat reported nothing left by the first");
            ClassLoaderLeaks.assertCollected(first, "the first application");
            assertEquals(shared, LeftBehind.publishersSince(before),
                    "while the publisher it started serves the second");
            assertEquals(List.of(), tomcat.undeploy("/second"), "Tomcat reported nothing left by the second");
            LeftBehind.awaitNothingSince(before, "once both are gone");
            assertEquals(3, Streams.statements(KINESIS, "tomcat", "second").size());
        }
    }

    /** The shop application, its DataSource defined by the container with the driver's URL. */
    private static Consumer<Context> shop(String application) {
        return ctx -> {
            ContextResource ds = new ContextResource();
            ds.setName("jdbc/shop");
            ds.setType("javax.sql.DataSource");
            ds.setAuth("Container");
            ds.setProperty("factory", "org.apache.tomcat.jdbc.pool.DataSourceFactory");
            ds.setProperty("driverClassName", "io.jdbcactivity.driver.ActivityDriver");
            ds.setProperty("url", url(application));
            ds.setProperty("username", MARIADB.user());
            ds.setProperty("password", MARIADB.password());
            ds.setProperty("maxActive", "4");
            ds.setProperty("initialSize", "1");
            ds.setProperty("minIdle", "1");
            ds.setProperty("maxIdle", "4");
            ds.setCloseMethod("close");
            ctx.getNamingResources().addResource(ds);
            EmbeddedTomcat.serve(ctx, "/run", ShopServlet.class);
            EmbeddedTomcat.serve(ctx, "/flush", FlushServlet.class);
        };
    }

    /** Every application's URL has the same sink settings, so they all share one publisher. */
    private static String url(String application) {
        return Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "tomcat", application, IDLE);
    }
}
