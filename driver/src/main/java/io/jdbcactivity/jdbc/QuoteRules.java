package io.jdbcactivity.jdbc;

import io.jdbcactivity.analyze.QuoteRule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.Locale;

/**
 * How the server behind a target connection reads quotes, asked of the target driver without a
 * round trip. MySQL and MariaDB take backslashes as escapes unless the session's {@code sql_mode}
 * has {@code NO_BACKSLASH_ESCAPES}; the server says so in the status flags of every reply
 * ({@code SERVER_STATUS_NO_BACKSLASH_ESCAPES}), which both Connector/J
 * ({@code getSession().getServerSession().getStatusFlags()}) and MariaDB Connector/J
 * ({@code getContext().getServerStatus()}) keep. {@code ANSI_QUOTES} has no flag: Connector/J
 * knows it from the {@code sql_mode} it reads at connect; MariaDB Connector/J does not know it, and
 * {@code "…"} is then read as a string (a name read as a string is hidden, never a string shown).
 * Other targets (H2, PostgreSQL, …) follow the standard. A MySQL-family driver that can tell
 * nothing (an unknown wrapper that does not unwrap) gets MySQL's default.
 */
public final class QuoteRules {
    /** {@code SERVER_STATUS_NO_BACKSLASH_ESCAPES} of the MySQL protocol (MariaDB's too). */
    private static final int NO_BACKSLASH_ESCAPES = 512;
    private static final String[] TARGET_CLASSES = {"com.mysql.cj.jdbc.JdbcConnection", "org.mariadb.jdbc.Connection"};

    private QuoteRules() {
    }

    /**
     * The rule of {@code raw}'s session now.
     *
     * @param serverType the product the metadata named (Connector/J calls MariaDB "MySQL")
     * @param url        the target's URL or driver class, for when the product is unknown
     */
    public static QuoteRule of(Connection raw, String serverType, String url) {
        if (!mysqlFamily(serverType, url)) {
            return QuoteRule.STANDARD;
        }
        try {
            Connection target = target(raw);
            Object serverSession = call(call(target, "getSession"), "getServerSession"); // Connector/J
            if (serverSession != null) {
                Object flags = call(serverSession, "getStatusFlags");
                boolean noBackslash = (flags instanceof Integer f && (f & NO_BACKSLASH_ESCAPES) != 0)
                        || Boolean.TRUE.equals(call(serverSession, "isNoBackslashEscapesSet"));
                return QuoteRule.of(!noBackslash, Boolean.TRUE.equals(call(serverSession, "useAnsiQuotedIdentifiers")));
            }
            Object status = call(call(target, "getContext"), "getServerStatus"); // MariaDB Connector/J
            if (status instanceof Integer s) {
                return QuoteRule.of((s & NO_BACKSLASH_ESCAPES) == 0, false);
            }
        } catch (RuntimeException | LinkageError e) {
            // a driver of another shape: MySQL's default below
        }
        return QuoteRule.MYSQL;
    }

    /**
     * Whether a statement that just ran may have changed the session's {@code sql_mode}: a SET
     * that names it. Called on the application thread after every execution, so it is a few
     * character comparisons for anything else, and allocates nothing.
     */
    public static boolean maySetSqlMode(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        if (i + 3 >= n || (sql.charAt(i) | 0x20) != 's' || (sql.charAt(i + 1) | 0x20) != 'e'
                || (sql.charAt(i + 2) | 0x20) != 't' || Character.isLetterOrDigit(sql.charAt(i + 3))) {
            return i < n && sql.charAt(i) == '/' && containsSqlMode(sql, i); // /* comment */ SET …
        }
        return containsSqlMode(sql, i + 3);
    }

    private static boolean containsSqlMode(String sql, int from) {
        for (int i = from; i + 8 <= sql.length(); i++) {
            if ((sql.charAt(i) | 0x20) == 's' && sql.regionMatches(true, i, "sql_mode", 0, 8)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mysqlFamily(String serverType, String url) {
        if (serverType != null) {
            String t = serverType.toLowerCase(Locale.ROOT);
            return t.contains("mysql") || t.contains("mariadb");
        }
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        int hosts = u.indexOf("//");
        String scheme = hosts < 0 ? u : u.substring(0, hosts);
        return scheme.contains("mysql") || scheme.contains("mariadb");
    }

    /** The MySQL-family driver's own connection under {@code raw} when another wrapper sits in between. */
    private static Connection target(Connection raw) {
        if (publicMethod(raw.getClass(), "getSession") != null || publicMethod(raw.getClass(), "getContext") != null) {
            return raw;
        }
        for (String name : TARGET_CLASSES) {
            try {
                Class<?> type = Class.forName(name, false, raw.getClass().getClassLoader());
                if (raw.isWrapperFor(type)) {
                    return (Connection) raw.unwrap(type);
                }
            } catch (ClassNotFoundException | java.sql.SQLException | ClassCastException e) {
                // not this driver
            }
        }
        return raw;
    }

    /** {@code target.name()} when it has such a public method without parameters, else null. */
    private static Object call(Object target, String name) {
        if (target == null) {
            return null;
        }
        Method m = publicMethod(target.getClass(), name);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /**
     * The method as declared by a public class or interface (a driver's implementation classes may
     * not be public, and reflection refuses to call through them); null when there is none.
     */
    private static Method publicMethod(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        Method m = declared(type, name);
        if (m == null) {
            m = publicMethod(type.getSuperclass(), name);
        }
        for (int i = 0; m == null && i < type.getInterfaces().length; i++) {
            m = publicMethod(type.getInterfaces()[i], name);
        }
        return m;
    }

    private static Method declared(Class<?> c, String name) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return null;
        }
        try {
            Method m = c.getDeclaredMethod(name);
            return Modifier.isPublic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
