package io.jdbcactivity.driver;

import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.SessionProbe;
import io.jdbcactivity.jdbc.QuoteRules;
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
 * what the driver learnt during its handshake: the thread id, host and port of the physical
 * connection through {@link PhysicalSessions}, so a first host that was down is not reported.
 * (Connector/J's {@code getUserName()} would run {@code SELECT USER()}, so the user is taken from
 * the properties or URL first.)
 */
final class ConnectionContexts {
    private static final Pattern USER_PARAM = Pattern.compile("(?i)[?&;]user=([^&;]*)");

    private ConnectionContexts() {
    }

    /**
     * @param probe reads the physical connection's session id, host and port (null: the URL's
     *              first host, no session id)
     */
    static ConnectionContext describe(Connection raw, TargetUrl url, String targetUrl, Properties info,
            String application, String driverClass, SessionProbe probe) {
        TargetUrl.HostPort first = url.firstHost();
        String host = first == null ? null : first.host();
        int port = first == null ? -1 : first.port();
        String database = quietly(raw::getCatalog);
        if (database == null) {
            database = quietly(raw::getSchema);
        }
        DatabaseMetaData md = quietly(raw::getMetaData);
        String product = md == null ? null : quietly(md::getDatabaseProductName);
        String version = md == null ? null : quietly(md::getDatabaseProductVersion);
        String user = user(targetUrl, url, info);
        if (user == null && md != null && !url.says("mysql")) {
            user = quietly(md::getUserName);
        }
        String serverType = serverType(product, version);
        ConnectionContext fromUrl = new ConnectionContext(newConnectionId(), null, database, user, host, port,
                serverType, version, application, driverClass, QuoteRules.of(raw, serverType, targetUrl));
        return probe == null ? fromUrl : probe.reread(fromUrl);
    }

    /** 16 hex digits of randomness: unique enough across JVMs to serve as a partition key. */
    static String newConnectionId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    private static String user(String targetUrl, TargetUrl url, Properties info) {
        if (info != null && info.getProperty("user") != null) {
            return info.getProperty("user");
        }
        Matcher m = USER_PARAM.matcher(targetUrl);
        return m.find() ? m.group(1) : url.user();
    }

    /** Connector/J reports MariaDB servers as "MySQL"; the version string tells them apart. */
    private static String serverType(String product, String version) {
        if (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return "MariaDB";
        }
        return product;
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
