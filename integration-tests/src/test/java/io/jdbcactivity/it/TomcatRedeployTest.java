package io.jdbcactivity.it;

import io.jdbcactivity.fixtures.ActivityEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.it.webapp.ShopServlet;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in as an application server runs it: the jar in the container's class path next to
 * Connector/J, a web application with a container-managed DataSource (JNDI, Tomcat's own pool)
 * whose URL is {@code jdbc:activity:mysql://…}, deployed and undeployed three times. Each
 * deployment's events arrive; after each undeploy no thread of the driver is alive and the web
 * application's class loader is collected.
 */
class TomcatRedeployTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("tomcat");
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();

    @Test
    void threeDeploymentsEachPublishAndLeaveNothingBehind(@TempDir Path base) throws Exception {
        Tomcat tomcat = newTomcat(base);
        // Tomcat's own leak detection, which reports threads and ThreadLocals a web application left
        List<String> leakWarnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger catalinaLoader = java.util.logging.Logger.getLogger(
                "org.apache.catalina.loader.WebappClassLoaderBase");
        java.util.logging.Handler leaks = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                String m = java.text.MessageFormat.format(String.valueOf(r.getMessage()),
                        r.getParameters() == null ? new Object[0] : r.getParameters());
                if (m.contains("jdbc-activity") || m.contains("jdbcactivity")) {
                    leakWarnings.add(m);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        catalinaLoader.addHandler(leaks);
        tomcat.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            int port = tomcat.getConnector().getLocalPort();
            for (int round = 1; round <= 3; round++) {
                String application = "webapp-" + round;
                WeakReference<ClassLoader> loader = deploy(tomcat, "/shop", base.resolve("webapp-" + round),
                        application);

                for (int visit = 1; visit <= 2; visit++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/shop/run")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    assertTrue(r.body().contains("loader org.apache.catalina.loader."), "the servlet is the "
                            + "web application's own class: " + r.body());
                }

                tomcat.getHost().removeChild(tomcat.getHost().findChild("/shop")); // undeploy
                await(() -> !driverThreadAlive(), "no thread of the driver after undeploy " + round);
                assertEquals(java.util.Set.of(), java.lang.management.ManagementFactory.getPlatformMBeanServer()
                        .queryNames(new javax.management.ObjectName("io.jdbcactivity:*"), null),
                        "no MBean of the driver after undeploy " + round);
                List<JsonNode> events = Streams.statements(KINESIS, "tomcat", application);
                assertEquals(List.of("CREATE TABLE", "INSERT", "SELECT", "CREATE TABLE", "INSERT", "SELECT"),
                        events.stream().map(e -> e.path("command").asText()).toList(), "deployment " + round);
                assertEquals("visit:INSERT", ActivityEvents.tables(events.get(1)));
                assertEquals(1, events.get(2).path("clientAuditFields").path("rowsReturned").asInt());
                List<JsonNode> all = Streams.ofApplication(KINESIS, "tomcat", application);
                assertEquals(all.stream().filter(e -> e.path("command").asText().equals("CONNECT")).count(),
                        all.stream().filter(e -> e.path("command").asText().equals("DISCONNECT")).count(),
                        "the pool's connections were closed at undeploy");

                for (int i = 0; i < 100 && loader.get() != null; i++) {
                    System.gc();
                    Thread.sleep(50);
                }
                assertNull(loader.get(), "the class loader of deployment " + round + " was collected");
            }
            assertEquals(List.of(), leakWarnings, "Tomcat saw nothing of the driver left behind");
        } finally {
            catalinaLoader.removeHandler(leaks);
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /**
     * Two web applications share the driver's publisher (same sink settings): the one whose request
     * thread started it is undeployed first, and its class loader is collected while the publisher's
     * threads run on for the other.
     */
    @Test
    void theApplicationThatStartedASharedPublisherIsCollectedWhileItRunsOn(@TempDir Path base) throws Exception {
        Tomcat tomcat = newTomcat(base);
        tomcat.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            int port = tomcat.getConnector().getLocalPort();
            WeakReference<ClassLoader> first = deploy(tomcat, "/first", base.resolve("first"), "first");
            deploy(tomcat, "/second", base.resolve("second"), "second");
            for (String app : List.of("first", "second")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/" + app + "/run")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
            }
            tomcat.getHost().removeChild(tomcat.getHost().findChild("/first"));
            for (int i = 0; i < 100 && first.get() != null; i++) {
                System.gc();
                Thread.sleep(50);
            }
            assertNull(first.get(), "the first application's class loader was collected");
            assertTrue(driverThreadAlive(), "while the publisher it started serves the second");
            tomcat.getHost().removeChild(tomcat.getHost().findChild("/second"));
            await(() -> !driverThreadAlive(), "no thread once both are gone");
            assertEquals(3, Streams.statements(KINESIS, "tomcat", "second").size());
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** An embedded Tomcat on a free port with JNDI, not started yet. */
    private static Tomcat newTomcat(Path base) {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.enableNaming();
        tomcat.getConnector();
        tomcat.getHost();
        return tomcat;
    }

    /** Deploys a web application with its DataSource; returns a weak reference to its class loader. */
    private static WeakReference<ClassLoader> deploy(Tomcat tomcat, String path, Path docBase, String application)
            throws Exception {
        String servlet = ShopServlet.class.getName().replace('.', '/') + ".class";
        Path target = docBase.resolve("WEB-INF/classes").resolve(servlet);
        Files.createDirectories(target.getParent());
        try (var in = ShopServlet.class.getClassLoader().getResourceAsStream(servlet)) {
            Files.copy(in, target);
        }
        Context ctx = tomcat.addContext(path, docBase.toString());
        ContextResource ds = new ContextResource();
        ds.setName("jdbc/shop");
        ds.setType("javax.sql.DataSource");
        ds.setAuth("Container");
        ds.setProperty("factory", "org.apache.tomcat.jdbc.pool.DataSourceFactory");
        ds.setProperty("driverClassName", "io.jdbcactivity.driver.ActivityDriver");
        ds.setProperty("url", Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "tomcat", application,
                "activity.shutdown.idleMs=200"));
        ds.setProperty("username", MARIADB.user());
        ds.setProperty("password", MARIADB.password());
        ds.setProperty("maxActive", "4");
        ds.setProperty("initialSize", "1");
        ds.setProperty("minIdle", "1");
        ds.setProperty("maxIdle", "4");
        ds.setCloseMethod("close");
        ctx.getNamingResources().addResource(ds);
        Tomcat.addServlet(ctx, "shop", ShopServlet.class.getName());
        ctx.addServletMappingDecoded("/run", "shop");
        // addContext on a started host starts the context
        return new WeakReference<>(ctx.getLoader().getClassLoader());
    }

    static boolean driverThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("jdbc-activity-"));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
