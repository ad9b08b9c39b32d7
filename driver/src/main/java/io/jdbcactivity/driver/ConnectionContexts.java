package io.jdbcactivity.driver;

import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.jdbc.QuoteRules;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes a freshly opened target connection without sending anything to the server: the
 * database, user, host, version and server thread id all come from the URL, the properties or
 * what the driver learnt during its handshake. (Connector/J's {@code getUserName()} would run
 * {@code SELECT USER()}, so the user is taken from the properties or URL first.)
 */
final class ConnectionContexts {
    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:[\\w:-]+?://(?:[^@/?]*@)?\\[?([^\\]/:?,;]+)]?(?::(\\d+))?");
    private static final Pattern USER_PARAM = Pattern.compile("(?i)[?&;]user=([^&;]*)");
    private static final Pattern USER_INFO = Pattern.compile("^jdbc:[\\w:-]+?://([^:@/?]+)(?::[^@/?]*)?@");

    /** Methods that expose the server's connection id without a round trip, per driver class. */
    private static final ClassValue<MethodHandle> SESSION_ID = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            for (String name : new String[] {"getId", "getThreadId"}) {
                try {
                    return MethodHandles.publicLookup().findVirtual(type, name, MethodType.methodType(long.class));
                } catch (ReflectiveOperationException | SecurityException e) {
                    // try the next name
                }
            }
            return null;
        }
    };

    private ConnectionContexts() {
    }

    static ConnectionContext describe(Connection raw, String targetUrl, Properties info, String application,
            String driverClass) {
        String host = null;
        int port = -1;
        Matcher hp = HOST_PORT.matcher(targetUrl);
        if (hp.find()) {
            host = hp.group(1);
            port = hp.group(2) == null ? defaultPort(targetUrl) : Integer.parseInt(hp.group(2));
        }
        String database = quietly(raw::getCatalog);
        if (database == null) {
            database = quietly(raw::getSchema);
        }
        DatabaseMetaData md = quietly(raw::getMetaData);
        String product = md == null ? null : quietly(md::getDatabaseProductName);
        String version = md == null ? null : quietly(md::getDatabaseProductVersion);
        String user = user(targetUrl, info);
        if (user == null && md != null && !targetUrl.startsWith("jdbc:mysql:")) {
            user = quietly(md::getUserName);
        }
        String serverType = serverType(product, version);
        return new ConnectionContext(newConnectionId(), sessionId(raw), database, user, host, port,
                serverType, version, application, driverClass, QuoteRules.of(raw, serverType, targetUrl));
    }

    /** 16 hex digits of randomness: unique enough across JVMs to serve as a partition key. */
    static String newConnectionId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    private static String user(String url, Properties info) {
        if (info != null && info.getProperty("user") != null) {
            return info.getProperty("user");
        }
        Matcher m = USER_PARAM.matcher(url);
        if (m.find()) {
            return m.group(1);
        }
        m = USER_INFO.matcher(url);
        return m.find() ? m.group(1) : null;
    }

    /** Connector/J reports MariaDB servers as "MySQL"; the version string tells them apart. */
    private static String serverType(String product, String version) {
        if (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return "MariaDB";
        }
        return product;
    }

    private static int defaultPort(String url) {
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return 3306;
        }
        return url.startsWith("jdbc:postgresql:") ? 5432 : -1;
    }

    private static String sessionId(Connection raw) {
        MethodHandle getter = SESSION_ID.get(raw.getClass());
        if (getter == null) {
            return null;
        }
        try {
            return Long.toString((long) getter.invoke(raw));
        } catch (Throwable e) {
            return null;
        }
    }

    private interface SqlSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T quietly(SqlSupplier<T> s) {
        try {
            return s.get();
        } catch (Exception e) {
            return null;
        }
    }
}
