package io.jdbcactivity.driver;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.allowlist.Allowlists;
import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.jdbc.ActivityConnection;
import io.jdbcactivity.publish.Publisher;
import io.jdbcactivity.publish.Publishers;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections are the target data source's, wrapped as the driver
 * wraps those of a {@code jdbc:activity:} URL: for code that is handed a ready-made data source
 * (a test's, a framework's) rather than a URL. Each {@link #getConnection} is a connection of the
 * stream (a CONNECT event, a DISCONNECT at close): wrap the target driver's own data source under
 * a pool to see physical connections, or the pool to see each checkout.
 *
 * <p>The target connection's URL ({@link DatabaseMetaData#getURL()}) describes the server, as a
 * URL would; options come from {@code options} (the URL's part), system properties, the
 * environment and {@code activity.properties}, as for the driver.
 */
public final class ActivityDataSource implements DataSource {
    private final DataSource target;
    private final Map<String, String> options;
    /**
     * The user the target's connections log in as, when not given: read once (Connector/J answers
     * getUserName with a round trip, and a wrapped pool's every checkout is a connection).
     */
    private volatile String defaultUser;

    /**
     * @param options {@code activity.*} options, as a URL would carry them (validated at each connection)
     */
    public ActivityDataSource(DataSource target, Map<String, String> options) {
        this.target = java.util.Objects.requireNonNull(target, "target");
        this.options = Map.copyOf(options);
    }

    public ActivityDataSource(DataSource target) {
        this(target, Map.of());
    }

    /** The data source this one wraps. */
    public DataSource target() {
        return target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(null, null, false);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(username, password, true);
    }

    private Connection wrap(String user, String password, boolean withUser) throws SQLException {
        ActivityOptions resolved = ActivityOptions.resolve(options, Map.of(), System.getProperties(), System.getenv(),
                Thread.currentThread().getContextClassLoader());
        resolved.requireComplete();
        Allowlist allowlist = Allowlists.load(resolved); // before the target: a list that cannot be read refuses
        Publisher publisher = Publishers.acquire(resolved); // released when the connection closes
        long startNanos = System.nanoTime();
        Connection raw;
        try {
            raw = withUser ? target.getConnection(user, password) : target.getConnection();
        } catch (SQLException | RuntimeException | Error e) {
            publisher.release();
            throw e;
        }
        try {
            DatabaseMetaData md = raw.getMetaData();
            String url = md.getURL();
            if (url == null) {
                throw new SQLException(target.getClass().getName() + "'s connections say no URL (getMetaData().getURL()):"
                        + " jdbc-activity cannot tell which server they reach; use a jdbc:activity: URL", "08001");
            }
            Properties info = new Properties();
            String who = user;
            if (who == null) {
                who = defaultUser;
                if (who == null) {
                    who = md.getUserName();
                    defaultUser = who;
                }
            }
            if (who != null) {
                info.setProperty("user", who.contains("@") ? who.substring(0, who.indexOf('@')) : who);
            }
            Class<?> driver = driverClass(url, raw);
            TargetUrl targetUrl = TargetUrl.parse(url);
            var probe = PhysicalSessions.probe(raw, targetUrl, driver);
            var context = ConnectionContexts.describe(raw, targetUrl, url, info, resolved.get(Option.APPLICATION),
                    driver.getName(), probe);
            return ActivityConnection.open(raw, context, probe, publisher, startNanos, resolved, allowlist);
        } catch (SQLException | RuntimeException | Error e) {
            publisher.release();
            try {
                raw.close();
            } catch (SQLException | RuntimeException closing) {
                e.addSuppressed(closing); // the first failure is the one to report
            }
            throw e;
        }
    }

    /** The registered driver that takes the URL, else the connection's own class. */
    private static Class<?> driverClass(String url, Connection raw) {
        try {
            Driver d = DriverManager.getDriver(url);
            return d.getClass();
        } catch (SQLException e) {
            try {
                return raw.unwrap(Connection.class).getClass();
            } catch (SQLException | RuntimeException e2) {
                return raw.getClass();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("io.jdbcactivity");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
