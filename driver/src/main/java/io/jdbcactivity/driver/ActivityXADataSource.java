package io.jdbcactivity.driver;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.allowlist.Allowlists;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.jdbc.ActivityXAConnection;
import io.jdbcactivity.publish.Publisher;
import io.jdbcactivity.publish.Publishers;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * An {@link XADataSource} for application servers and transaction managers that configure XA
 * data sources by class name and properties (WildFly's {@code xa-datasource-class}, Payara's
 * {@code datasource-classname}, Atomikos' {@code xaDataSourceClassName}, Narayana): set
 * {@code url} to the {@code jdbc:activity:} URL and {@code user}/{@code password}; it creates the
 * target's own XA data source ({@code com.mysql.cj.jdbc.MysqlXADataSource} for
 * {@code jdbc:activity:mysql:}, {@code org.mariadb.jdbc.MariaDbDataSource} for {@code mariadb:},
 * {@code org.h2.jdbcx.JdbcDataSource} for {@code h2:}, {@code org.postgresql.xa.PGXADataSource}
 * for {@code postgresql:}; another with {@code targetDataSourceClassName}), gives it the target
 * URL, and wraps what it returns (see {@link ActivityXAConnection}). Options come from the URL,
 * system properties, the environment and {@code activity.properties}, as for the driver.
 */
public final class ActivityXADataSource implements XADataSource {
    private String url;
    private String user;
    private String password;
    private String targetDataSourceClassName;
    private int loginTimeout;
    private PrintWriter logWriter;

    public String getUrl() {
        return url;
    }

    /** The {@code jdbc:activity:<target>} URL, with {@code activity.*} options in it if any. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** {@link #getUrl()} as Connector/J's and H2's data sources spell it ({@code URL}): configurations are copied. */
    public String getURL() {
        return url;
    }

    public void setURL(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getTargetDataSourceClassName() {
        return targetDataSourceClassName;
    }

    /** The target's XADataSource class, when the URL's scheme does not name a known one. */
    public void setTargetDataSourceClassName(String className) {
        this.targetDataSourceClassName = className;
    }

    @Override
    public XAConnection getXAConnection() throws SQLException {
        return getXAConnection(user, password);
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        if (url == null) {
            throw new SQLException("ActivityXADataSource has no url: set it to jdbc:activity:<the target's URL>",
                    "08001");
        }
        ActivityUrl parsed = ActivityUrl.parse(url);
        ActivityOptions options = ActivityOptions.resolve(parsed.options(), Map.of(), System.getProperties(),
                System.getenv(), Thread.currentThread().getContextClassLoader());
        options.requireComplete();
        Allowlist allowlist = Allowlists.load(options); // before the target: a list that cannot be read refuses
        XADataSource target = target(parsed.targetUrl());
        Publisher publisher = Publishers.acquire(options); // released when the XA connection closes
        long startNanos = System.nanoTime();
        XAConnection raw;
        try {
            raw = user == null ? target.getXAConnection() : target.getXAConnection(user, password);
        } catch (SQLException | RuntimeException | Error e) {
            publisher.release();
            throw e;
        }
        try {
            // A first handle describes the connection (from what the driver learnt at its
            // handshake: ConnectionContexts sends nothing) and says its auto-commit mode.
            ConnectionContext context;
            boolean autoCommit;
            try (Connection first = raw.getConnection()) {
                Properties info = new Properties();
                if (user != null) {
                    info.setProperty("user", user);
                }
                // the session is read once: an XA data source is single-host, its connection stays where it is
                TargetUrl targetUrl = TargetUrl.parse(parsed.targetUrl());
                context = ConnectionContexts.describe(first, targetUrl, parsed.targetUrl(), info,
                        options.get(Option.APPLICATION), target.getClass().getName(),
                        PhysicalSessions.probe(first, targetUrl, target.getClass()));
                autoCommit = first.getAutoCommit();
            }
            return ActivityXAConnection.open(raw, context, publisher, options, autoCommit, startNanos, allowlist);
        } catch (SQLException | RuntimeException | Error e) {
            publisher.release();
            raw.close();
            throw e;
        }
    }

    /** A new instance of the target's XA data source, given the target URL. */
    private XADataSource target(String targetUrl) throws SQLException {
        String name = targetDataSourceClassName != null ? targetDataSourceClassName : knownTarget(targetUrl);
        if (name == null) {
            throw new SQLException("No XA data source is known for " + SafeUrl.redact(targetUrl)
                    + ": set targetDataSourceClassName to the target driver's XADataSource class", "08001");
        }
        XADataSource ds = null;
        for (ClassLoader loader : TargetDrivers.loaders()) {
            try {
                ds = (XADataSource) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
                break;
            } catch (ReflectiveOperationException | LinkageError e) {
                // try the next class loader
            } catch (ClassCastException e) {
                throw new SQLException(name + " is not a javax.sql.XADataSource", "08001", e);
            }
        }
        if (ds == null) {
            throw new SQLException("The XA data source " + name + " for " + SafeUrl.redact(targetUrl)
                    + " is not on the class path: add the target driver's jar next to jdbc-activity", "08001");
        }
        if (loginTimeout > 0) {
            ds.setLoginTimeout(loginTimeout);
        }
        for (String setter : new String[] {"setUrl", "setURL"}) {
            try {
                Method m = ds.getClass().getMethod(setter, String.class);
                m.invoke(ds, targetUrl);
                return ds;
            } catch (NoSuchMethodException e) {
                // try the other spelling
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof SQLException s ? s : new SQLException(
                        name + " refused the URL " + SafeUrl.redact(targetUrl), "08001", e.getCause());
            } catch (IllegalAccessException e) {
                throw new SQLException(name + "." + setter + " is not accessible", "08001", e);
            }
        }
        throw new SQLException(name + " has no setUrl(String) or setURL(String) to give it "
                + SafeUrl.redact(targetUrl), "08001");
    }

    static String knownTarget(String targetUrl) {
        if (targetUrl.startsWith("jdbc:mysql:")) {
            return "com.mysql.cj.jdbc.MysqlXADataSource";
        }
        if (targetUrl.startsWith("jdbc:mariadb:")) {
            return "org.mariadb.jdbc.MariaDbDataSource";
        }
        if (targetUrl.startsWith("jdbc:h2:")) {
            return "org.h2.jdbcx.JdbcDataSource";
        }
        if (targetUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.xa.PGXADataSource";
        }
        return null;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("io.jdbcactivity");
    }
}
