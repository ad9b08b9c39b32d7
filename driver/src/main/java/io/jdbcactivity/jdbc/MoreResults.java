package io.jdbcactivity.jdbc;

/**
 * Whether an execution may have results after its first, judged from its text without parsing
 * it: the capture of such an execution waits until the application has walked its results
 * ({@code getMoreResults}), so that each statement's event carries its own count. A wrong "yes"
 * only delays an event to its statement's next execution or close; a wrong "no" gives the later
 * statements unknown counts. No allocation; a scan for a semicolon at most.
 */
final class MoreResults {
    private MoreResults() {
    }

    /**
     * After an update count, only a text of several statements goes on ({@code allowMultiQueries}):
     * a {@code CALL} sends its result sets first and its update count last.
     */
    static boolean afterUpdateCount(String sql) {
        return sql != null && severalStatements(sql);
    }

    /** After a result set, a text of several statements, or a {@code CALL} (more result sets, then its update count). */
    static boolean afterResultSet(String sql) {
        return sql != null && (call(sql) || severalStatements(sql));
    }

    /** A semicolon followed by anything but blanks and semicolons: a trailing one does not start a statement. */
    static boolean severalStatements(String sql) {
        int i = sql.indexOf(';');
        if (i < 0) {
            return false;
        }
        for (int j = i + 1; j < sql.length(); j++) {
            char ch = sql.charAt(j);
            if (ch != ';' && !Character.isWhitespace(ch)) {
                return true;
            }
        }
        return false;
    }

    /** {@code CALL p()}, {@code {call p()}} or {@code {? = call f()}}, after leading blanks. */
    static boolean call(String sql) {
        int i = skipBlanks(sql, 0);
        if (i < sql.length() && sql.charAt(i) == '{') {
            i = skipBlanks(sql, i + 1);
            if (i < sql.length() && sql.charAt(i) == '?') {
                i = skipBlanks(sql, i + 1);
                if (i >= sql.length() || sql.charAt(i) != '=') {
                    return false;
                }
                i = skipBlanks(sql, i + 1);
            }
        }
        return sql.regionMatches(true, i, "CALL", 0, 4)
                && (i + 4 == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 4)) && sql.charAt(i + 4) != '_');
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
