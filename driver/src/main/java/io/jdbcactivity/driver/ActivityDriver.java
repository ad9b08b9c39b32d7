package io.jdbcactivity.driver;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.allowlist.Allowlists;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.SessionProbe;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.jdbc.ActivityConnection;
import io.jdbcactivity.publish.Publisher;
import io.jdbcactivity.publish.Publishers;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * {@code java.sql.Driver} for {@code jdbc:activity:<target>} URLs. Resolves the options, finds the
 * driver that accepts {@code jdbc:<target>}, connects through it with our options removed, and
 * wraps the connection so every execution is captured.
 */
public final class ActivityDriver implements Driver {
    private static final ActivityDriver INSTANCE = new ActivityDriver();

    static {
        try {
            // Deregistering the driver (what application servers and leak preventers do at undeploy)
            // stops the publishers: queued events are delivered, threads end, clients close.
            DriverManager.registerDriver(INSTANCE, Publishers::shutdownAll);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Takes the driver out of {@link DriverManager} and releases everything it holds: queued events
     * are delivered within {@code activity.shutdown.timeoutMs}, every thread ends, Kinesis clients
     * close, MBeans and the JVM shutdown hook are removed. For a web application that carries the
     * jar itself, call it from {@code ServletContextListener.contextDestroyed} (Tomcat does the same
     * by itself when it deregisters the drivers a web application loaded). Connections opened
     * afterwards through a {@code DataSource} that holds this driver still work and start a new
     * publisher; {@code DriverManager} no longer offers it.
     */
    public static void deregister() {
        try {
            DriverManager.deregisterDriver(INSTANCE); // runs Publishers::shutdownAll when registered
        } catch (SQLException | SecurityException e) {
            // not registered through this class loader: nothing to take out
        }
        Publishers.shutdownAll(); // no-op after the DriverAction; needed when it was not registered
    }

    @Override
    public boolean acceptsURL(String url) {
        return ActivityUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC contract: not ours, let DriverManager try the next driver
        }
        ActivityUrl parsed = ActivityUrl.parse(url);
        ActivityOptions options = resolve(parsed, info);
        // The target first: a URL no driver accepts must say so, not that the sink lacks a stream.
        Driver target = TargetDrivers.find(parsed.targetUrl(), url);
        options.requireComplete();
        Allowlist allowlist = Allowlists.load(options); // before the target: a list that cannot be read refuses
        Publisher publisher = Publishers.acquire(options); // released when the connection closes
        Properties targetInfo = withoutActivityKeys(info);
        String application = options.get(Option.APPLICATION);

        long startNanos = System.nanoTime();
        Connection raw;
        try {
            raw = target.connect(parsed.targetUrl(), targetInfo);
        } catch (SQLException | RuntimeException | Error e) {
            failedConnect(publisher, targetInfo, application, target, startNanos, e);
            publisher.release();
            throw e;
        }
        if (raw == null) {
            publisher.release();
            throw new SQLException(target.getClass().getName() + " accepted " + SafeUrl.redact(parsed.targetUrl())
                    + " but returned no connection", "08001");
        }
        ConnectionContext context;
        SessionProbe probe;
        try {
            TargetUrl targetUrl = TargetUrl.parse(parsed.targetUrl());
            probe = PhysicalSessions.probe(raw, targetUrl, target.getClass());
            context = ConnectionContexts.describe(raw, targetUrl, parsed.targetUrl(), targetInfo, application,
                    target.getClass().getName(), probe);
        } catch (RuntimeException | Error e) {
            publisher.release();
            raw.close();
            throw e;
        }
        return ActivityConnection.open(raw, context, probe, publisher, startNanos, options, allowlist);
    }

    private static ActivityOptions resolve(ActivityUrl parsed, Properties info) throws SQLException {
        return ActivityOptions.resolve(parsed.options(), ActivityOptions.activityKeys(info), System.getProperties(),
                System.getenv(), Thread.currentThread().getContextClassLoader());
    }

    private static void failedConnect(Publisher publisher, Properties info, String application, Driver target,
            long startNanos, Throwable error) {
        try {
            ConnectionContext context = new ConnectionContext(ConnectionContexts.newConnectionId(), null, null,
                    info.getProperty("user"), null, -1, null, null, application, target.getClass().getName());
            Capture c = new Capture(context, StatementKind.CONNECTION, "connect", null, 1, 1, true,
                    Thread.currentThread().getName(), startNanos);
            c.endNanos = System.nanoTime();
            c.error = error;
            publisher.offer(c);
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
    }

    /** A copy of {@code info} the target driver may see: our options removed. */
    private static Properties withoutActivityKeys(Properties info) {
        Properties copy = new Properties();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                if (!Option.isActivityKey(name)) {
                    copy.put(name, info.getProperty(name));
                }
            }
        }
        return copy;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        ActivityUrl parsed = ActivityUrl.parse(url);
        Driver target = TargetDrivers.find(parsed.targetUrl(), url);
        List<DriverPropertyInfo> all = new ArrayList<>(
                Arrays.asList(target.getPropertyInfo(parsed.targetUrl(), withoutActivityKeys(info))));
        ActivityOptions options = resolve(parsed, info);
        for (Option o : Option.values()) {
            DriverPropertyInfo p = new DriverPropertyInfo(o.key(), options.get(o));
            p.description = o.description() + " (" + o.allowed().describe() + ")";
            p.choices = o.allowed().choices();
            all.add(p);
        }
        return all.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** Not claimed: compliance is the target driver's, which this driver passes through unchanged. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.jdbcactivity");
    }
}
