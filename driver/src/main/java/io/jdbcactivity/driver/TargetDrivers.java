package io.jdbcactivity.driver;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the driver that accepts a target URL: first the registered ones, then well-known drivers
 * loaded by name through the thread's context class loader and this driver's own (in an
 * application server the target driver is often not registered where {@link DriverManager} can
 * see it from here).
 */
final class TargetDrivers {
    /** Class names tried when no registered driver accepts the URL, in order. */
    private static final String[] KNOWN = {
        "com.mysql.cj.jdbc.Driver", "org.mariadb.jdbc.Driver", "org.h2.Driver", "org.postgresql.Driver",
    };

    private TargetDrivers() {
    }

    /**
     * The driver for {@code targetUrl}.
     *
     * @throws SQLNonTransientConnectionException (SQLState 08001, as {@link DriverManager}'s own "no
     *         suitable driver") naming the URL, every driver tried and the jar to add
     */
    static Driver find(String targetUrl, String originalUrl) throws SQLException {
        Set<String> registeredNames = new LinkedHashSet<>();
        Enumeration<Driver> registered = DriverManager.getDrivers();
        while (registered.hasMoreElements()) {
            Driver d = registered.nextElement();
            if (!(d instanceof ActivityDriver)) {
                if (accepts(d, targetUrl)) {
                    return d;
                }
                registeredNames.add(d.getClass().getName());
            }
        }
        Set<String> absent = new LinkedHashSet<>(Arrays.asList(KNOWN));
        for (ClassLoader loader : loaders()) {
            for (String name : KNOWN) {
                Driver d = load(name, loader);
                if (d != null) {
                    if (accepts(d, targetUrl)) {
                        return d;
                    }
                    absent.remove(name);
                    registeredNames.add(name);
                }
            }
        }
        throw new SQLNonTransientConnectionException("No JDBC driver accepts " + SafeUrl.redact(targetUrl)
                + " (from " + SafeUrl.redact(originalUrl) + "). Tried: "
                + (registeredNames.isEmpty() ? "no driver is registered" : String.join(", ", registeredNames))
                + (absent.isEmpty() ? "" : "; not on the class path: " + String.join(", ", absent))
                + ". Put the target driver's jar on the class path next to jdbc-activity: "
                + "for jdbc:mysql: com.mysql:mysql-connector-j, for jdbc:mariadb: org.mariadb.jdbc:mariadb-java-client, "
                + "for jdbc:postgresql: org.postgresql:postgresql, for jdbc:h2: com.h2database:h2."
                + xDevApiHint(targetUrl), "08001");
    }

    /**
     * {@code mysqlx} is MySQL's X Protocol (X DevAPI sessions, port 33060), which no JDBC driver
     * speaks: what to write instead. (Connector/J accepts {@code mysqlx:} only without {@code jdbc:}.)
     */
    private static String xDevApiHint(String targetUrl) {
        return targetUrl.startsWith("jdbc:mysqlx") ? " jdbc:mysqlx: is MySQL's X DevAPI, not JDBC, and is not"
                + " captured: use jdbc:activity:mysql://host:3306/db (the classic protocol's port)." : "";
    }

    private static boolean accepts(Driver d, String url) {
        try {
            return d.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The thread's context class loader (an application server's web application), then this driver's own. */
    static ClassLoader[] loaders() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = TargetDrivers.class.getClassLoader();
        return context == null || context == own ? new ClassLoader[] {own} : new ClassLoader[] {context, own};
    }

    private static Driver load(String className, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(className, true, loader);
            return (Driver) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
    }
}
