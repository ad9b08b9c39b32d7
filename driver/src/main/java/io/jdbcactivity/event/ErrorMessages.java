package io.jdbcactivity.event;

import io.jdbcactivity.analyze.SqlText;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.driver.SafeUrl;
import java.sql.SQLException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code errorMessage} of an event, in every {@code commandText} mode: what the driver said,
 * without the application's data. Server messages quote values ({@code Duplicate entry 'alice@x'
 * for key 'email'}), echo the statement ({@code ... near 'WHERE pw = 'x'' at line 1}, H2's
 * {@code SQL statement:} echo) and drivers append the query or the deadlock report on later lines.
 *
 * <p>By construction, in this order: a driver's own prefix ({@code (conn=12) }, {@code Data
 * truncation: }) is kept as it is; a message that fits a shape of its error code is rebuilt from
 * the shape ({@link ErrorTemplates}: values become {@code ?}, names stay, a statement piece goes
 * through the SQL normal form and is kept only when that normal form is part of the statement's
 * own, which the event publishes anyway); any other message keeps its first line only, passwords
 * in URLs masked, every quoted span that is not an object's name replaced ({@link QuotedSpans}).
 * With {@code commandText=full} the same happens: the statement's values are in commandText
 * already, and a failed password statement must not leak its password through the near fragment.
 */
final class ErrorMessages {
    /** Messages are cut here before matching: a server's message is at most 512 bytes. */
    private static final int MAX_CHARS = 8 * 1024;
    /** MariaDB Connector/J's connection prefix, Connector/J's MysqlDataTruncation prefix. */
    private static final Pattern DRIVER_PREFIX = Pattern.compile("^(?:\\(conn=\\d+\\) )?(?:Data truncation: )?");
    /** H2: {@code ; SQL statement:\n<the statement>} before the {@code [code-build]} suffix. */
    private static final Pattern H2_ECHO = Pattern.compile("(?s);\\s*SQL statement:.*?(?=\\s*\\[\\d+-\\d+]\\s*$|$)");
    private static final Pattern H2_SUFFIX = Pattern.compile("\\s*\\[\\d+-\\d+]\\s*$");
    /** H2 marks the error position in an echoed statement. */
    private static final String H2_MARK = "[*]";

    private ErrorMessages() {
    }

    /**
     * The publishable message of {@code error}.
     *
     * @param published whether a normal form of a piece of SQL is part of what the event's
     *                  statement normalises to (then it reveals nothing new)
     */
    static String redact(Throwable error, ConnectionContext ctx, Predicate<String> published) {
        String message = error.getMessage();
        int code = error instanceof SQLException e ? e.getErrorCode() : 0;
        return redact(message, code, mariadb(ctx), published);
    }

    /** For messages alone (tests, messages without a statement): no statement piece is kept. */
    static String redact(String message) {
        return redact(message, 0, null, piece -> false);
    }

    static String redact(String message, int code, Boolean mariadb, Predicate<String> published) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String m = message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) : message;
        Matcher p = DRIVER_PREFIX.matcher(m);
        String prefix = p.lookingAt() ? m.substring(0, p.end()) : "";
        m = m.substring(prefix.length());
        String suffix = "";
        Matcher h2 = H2_SUFFIX.matcher(m);
        if (h2.find()) {
            m = H2_ECHO.matcher(m).replaceFirst("");
            h2 = H2_SUFFIX.matcher(m);
            if (h2.find()) {
                suffix = m.substring(h2.start());
                m = m.substring(0, h2.start());
            }
        }
        if (code != 0 && ErrorTemplates.known(code)) {
            // the whole message, then its heads ending at a line break: drivers append on new
            // lines (the query, a deadlock report), while a near fragment may hold line breaks
            for (int end = m.length(); end >= 0; end = m.lastIndexOf('\n', end - 1)) {
                String shaped = ErrorTemplates.rebuild(code, m.substring(0, end), mariadb,
                        piece -> statementPiece(piece, published));
                if (shaped != null) {
                    return prefix + shaped + suffix;
                }
                if (end == 0) {
                    break;
                }
            }
        }
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl);
        return prefix + QuotedSpans.redact(SafeUrl.redact(first)) + suffix;
    }

    /**
     * A piece of the statement quoted by the server (MySQL's near fragment, H2's echo): its
     * normal form when that is part of the statement's own normal form, else {@code ?}. A piece
     * that starts inside a literal normalises differently (the literal's tail reads as words),
     * so it is never kept. MariaDB ends a cut piece with "...": kept outside the normal form.
     */
    private static String statementPiece(String piece, Predicate<String> published) {
        String sql = piece.replace(H2_MARK, " ");
        String tail = "";
        if (sql.endsWith("...")) {
            sql = sql.substring(0, sql.length() - 3);
            tail = "...";
        }
        String normal = SqlText.normalize(sql).text();
        return published.test(normal) ? normal + tail : "?";
    }

    /** Which wording of MySQL-family messages applies: MariaDB's, MySQL's, or both when not known. */
    private static Boolean mariadb(ConnectionContext ctx) {
        String type = ctx == null ? null : ctx.serverType();
        if (type != null) {
            if (type.equalsIgnoreCase("MariaDB")) {
                return Boolean.TRUE;
            }
            if (type.equalsIgnoreCase("MySQL")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
