package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.it.webapp.ShopPage;
import io.jdbcactivity.it.webapp.ThreadLocalLeakServlet;
import jakarta.servlet.http.HttpServlet;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat on a free port, with JNDI, that deploys the web applications of
 * {@link io.jdbcactivity.it.webapp} (their classes copied to each application's own
 * {@code WEB-INF/classes}, so its class loader defines them), serves them over HTTP, and
 * undeploys them while listening to what its leak detection reports.
 */
final class EmbeddedTomcat implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final Path base;
    private final TomcatLeakReports reports = new TomcatLeakReports();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger deployments = new AtomicInteger();

    EmbeddedTomcat(Path base) throws LifecycleException {
        this.base = base;
        tomcat.setBaseDir(base.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.enableNaming();
        tomcat.getConnector();
        tomcat.getHost();
        tomcat.start();
    }

    /**
     * Deploys a web application at {@code path}: {@code setup} adds its servlets, parameters and
     * resources; {@code libs} are copied to its {@code WEB-INF/lib}.
     *
     * @return its class loader, weakly: it must be collectable once the application is undeployed
     */
    WeakReference<ClassLoader> deploy(String path, Consumer<Context> setup, Path... libs) throws Exception {
        Path docBase = base.resolve("apps").resolve(path.substring(1) + "-" + deployments.incrementAndGet());
        copyWebAppClasses(docBase.resolve("WEB-INF/classes"));
        Path lib = Files.createDirectories(docBase.resolve("WEB-INF/lib"));
        for (Path jar : libs) {
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        StandardContext ctx = new StandardContext();
        ctx.setName(path);
        ctx.setPath(path);
        ctx.setDocBase(docBase.toString());
        ctx.addLifecycleListener(new Tomcat.FixContextListener());
        setup.accept(ctx);
        tomcat.getHost().addChild(ctx); // the host is started: this starts the application
        return new WeakReference<>(ctx.getLoader().getClassLoader());
    }

    /** Serves {@code servlet} (a class of the web application) at {@code mapping} of {@code ctx}. */
    static void serve(Context ctx, String mapping, Class<? extends HttpServlet> servlet) {
        Tomcat.addServlet(ctx, servlet.getSimpleName(), servlet.getName());
        ctx.addServletMappingDecoded(mapping, servlet.getSimpleName());
    }

    /** GET {@code path}; the body of its 200 answer. */
    String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Undeploys the application at {@code path}; what Tomcat's leak detection reported while it stopped. */
    List<String> undeploy(String path) throws Exception {
        Container ctx = tomcat.getHost().findChild(path);
        return reports.during(() -> tomcat.getHost().removeChild(ctx));
    }

    /**
     * Deploys an application that leaves a ThreadLocal behind, and checks Tomcat reports it: the
     * tests' "Tomcat reported nothing" means something only while this holds.
     */
    void proveLeakDetectionIsLive() throws Exception {
        deploy("/leak", ctx -> serve(ctx, "/run", ThreadLocalLeakServlet.class));
        get("/leak/run");
        List<String> reported = undeploy("/leak");
        assertTrue(reported.stream().anyMatch(r -> r.contains("created a ThreadLocal")
                && r.contains(ThreadLocalLeakServlet.Marker.class.getName())),
                "Tomcat's ThreadLocal leak detection is live: " + reported);
        assertEquals(List.of(), reported.stream().filter(r -> r.contains("--add-opens")).toList(),
                "Tomcat can look everywhere it looks for leaks");
    }

    @Override
    public void close() throws LifecycleException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            reports.close();
        }
    }

    /** The compiled {@code io.jdbcactivity.it.webapp} package, as a web application's own classes. */
    private static void copyWebAppClasses(Path classes) throws Exception {
        String pkg = ShopPage.class.getPackageName().replace('.', '/');
        Path from = Path.of(ShopPage.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(pkg);
        Path to = Files.createDirectories(classes.resolve(pkg));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
