package io.jdbcactivity.driver;

import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
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
    static {
        try {
            // Deregistering the driver (what application servers and leak preventers do at undeploy)
            // stops the publishers: queued events are delivered, threads end, clients close.
            DriverManager.registerDriver(new ActivityDriver(), Publishers::shutdownAll);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
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
        ActivityOptions options = ActivityOptions.resolve(parsed.options(), ActivityOptions.activityKeys(info),
                System.getProperties(), System::getenv, Thread.currentThread().getContextClassLoader());
        options.requireComplete();
        Driver target = TargetDrivers.find(parsed.targetUrl(), url);
        Publisher publisher = Publishers.forOptions(options);
        Properties targetInfo = withoutActivityKeys(info);
        String application = options.get(Option.APPLICATION);

        long startNanos = System.nanoTime();
        Connection raw;
        try {
            raw = target.connect(parsed.targetUrl(), targetInfo);
        } catch (SQLException | RuntimeException | Error e) {
            failedConnect(publisher, targetInfo, application, target, startNanos, e);
            throw e;
        }
        if (raw == null) {
            throw new SQLException(target.getClass().getName() + " accepted " + SafeUrl.redact(parsed.targetUrl())
                    + " but returned no connection", "08001");
        }
        ConnectionContext context = ConnectionContexts.describe(raw, parsed.targetUrl(), targetInfo, application,
                target.getClass().getName());
        return ActivityConnection.open(raw, context, publisher, startNanos,
                io.jdbcactivity.capture.Parameters.Mode.of(options.get(Option.PARAMETERS)));
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
        ActivityOptions options = ActivityOptions.resolve(parsed.options(), ActivityOptions.activityKeys(info),
                System.getProperties(), System::getenv, Thread.currentThread().getContextClassLoader());
        for (Option o : Option.values()) {
            DriverPropertyInfo p = new DriverPropertyInfo(o.key(), options.get(o));
            p.description = o.description();
            if (o == Option.SINK) {
                p.choices = new String[] {"kinesis", "jsonl", "none"};
            }
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
