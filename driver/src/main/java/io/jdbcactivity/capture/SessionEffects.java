package io.jdbcactivity.capture;

/**
 * What a statement does to its session that the application thread must know at once, because
 * it is stamped on the capture at execute: where a transaction begins or ends (the
 * {@code transactionId} of this and later statements), whether auto-commit changes, and whether
 * the current database changes ({@code USE}). Everything else about SQL is learnt later, on the
 * publisher thread.
 *
 * <p>So this looks at the first keyword or two only: it skips whitespace and comments, reads a
 * word, and compares it with a few keywords, case-insensitively, in place. No regex, no copy, no
 * allocation; a {@code SELECT} costs a switch on its first letter and length. The rules are
 * MySQL's (and MariaDB's), which H2 follows for the statements it shares: the list of
 * "Statements That Cause an Implicit Commit" in the MySQL manual (15.3.3) and MariaDB's.
 *
 * <p>A text holding several statements ({@code allowMultiQueries}) is judged by its first
 * statement only: its later statements are not looked at here (finding where a statement ends
 * takes a lexer). So {@code INSERT …; COMMIT} in one text leaves the transaction open for the
 * events until the next boundary the application runs on its own. A batch is judged by the SQL
 * the capture carries (a prepared batch's statement; a plain batch's entries are not looked at).
 */
public final class SessionEffects {
    /** Nothing that concerns transactions or the current database. */
    public static final int NONE = 0;
    /** {@code START TRANSACTION}, {@code BEGIN [WORK]}, {@code XA START|BEGIN}: commits what is open, opens one. */
    public static final int BEGIN = 1;
    /** {@code COMMIT}, {@code ROLLBACK} (not {@code ROLLBACK TO}), {@code XA COMMIT|ROLLBACK}: ends the transaction. */
    public static final int END = 2;
    /** {@code COMMIT|ROLLBACK … AND CHAIN}: ends the transaction and opens the next at once. */
    public static final int END_AND_CHAIN = 3;
    /** DDL, account statements, {@code FLUSH}, {@code ANALYZE TABLE}…: commits first; a transaction of its own. */
    public static final int IMPLICIT_COMMIT = 4;
    /** {@code SET autocommit = 1|ON|TRUE} (also {@code @@autocommit}, {@code SESSION}, {@code LOCAL}). */
    public static final int AUTOCOMMIT_ON = 5;
    /** {@code SET autocommit = 0|OFF|FALSE}. */
    public static final int AUTOCOMMIT_OFF = 6;
    /** {@code USE db}: the current database changes once it succeeds. */
    public static final int USE = 7;
    /** {@code LOCK TABLE[S]}: an implicit commit, and tables are now locked. */
    public static final int LOCK_TABLES = 8;
    /** {@code UNLOCK TABLE[S]}: an implicit commit only when tables were locked with {@code LOCK TABLES}. */
    public static final int UNLOCK_TABLES = 9;

    private SessionEffects() {
    }

    /** The effect of {@code sql}'s first statement; {@link #NONE} for null or anything unrecognised. */
    public static int of(String sql) {
        if (sql == null) {
            return NONE;
        }
        int i = skip(sql, 0);
        int end = wordEnd(sql, i);
        int len = end - i;
        if (len < 2 || len > 9) {
            return NONE;
        }
        // Dispatch on the first letter first: SELECT, INSERT, UPDATE and DELETE leave after one
        // or two comparisons of lengths and a regionMatches at most.
        switch (sql.charAt(i) | 0x20) {
            case 'a':
                if (is(sql, i, len, "ALTER")) {
                    return IMPLICIT_COMMIT;
                }
                if (is(sql, i, len, "ANALYZE")) { // MariaDB's ANALYZE SELECT runs a query: only ANALYZE TABLE commits
                    int n = skip(sql, end);
                    int ne = wordEnd(sql, n);
                    return word(sql, n, ne, "TABLE") || word(sql, n, ne, "NO_WRITE_TO_BINLOG")
                            || word(sql, n, ne, "LOCAL") ? IMPLICIT_COMMIT : NONE;
                }
                return NONE;
            case 'b':
                if (is(sql, i, len, "BEGIN")) { // BEGIN NOT ATOMIC is a compound statement, not a transaction
                    int n = skip(sql, end);
                    return word(sql, n, wordEnd(sql, n), "NOT") ? NONE : BEGIN;
                }
                return NONE;
            case 'c':
                if (len == 6) {
                    if (is(sql, i, len, "COMMIT")) {
                        return chained(sql, end, false);
                    }
                    return is(sql, i, len, "CREATE") ? created(sql, end)
                            : is(sql, i, len, "CHANGE") ? IMPLICIT_COMMIT : NONE;
                }
                return is(sql, i, len, "CACHE") || is(sql, i, len, "CHECK") ? IMPLICIT_COMMIT : NONE;
            case 'd':
                if (is(sql, i, len, "DROP")) { // DROP TEMPORARY TABLE and DROP PREPARE do not commit
                    int n = skip(sql, end);
                    int ne = wordEnd(sql, n);
                    return word(sql, n, ne, "TEMPORARY") || word(sql, n, ne, "PREPARE") ? NONE : IMPLICIT_COMMIT;
                }
                return NONE;
            case 'f':
                return is(sql, i, len, "FLUSH") ? IMPLICIT_COMMIT : NONE;
            case 'g':
                return is(sql, i, len, "GRANT") ? IMPLICIT_COMMIT : NONE;
            case 'i':
                return is(sql, i, len, "INSTALL") ? IMPLICIT_COMMIT : NONE;
            case 'l':
                if (is(sql, i, len, "LOCK")) { // not LOCK INSTANCE FOR BACKUP
                    int n = skip(sql, end);
                    int ne = wordEnd(sql, n);
                    return word(sql, n, ne, "TABLES") || word(sql, n, ne, "TABLE") ? LOCK_TABLES : NONE;
                }
                if (is(sql, i, len, "LOAD")) { // LOAD INDEX INTO CACHE; not LOAD DATA or LOAD XML
                    int n = skip(sql, end);
                    return word(sql, n, wordEnd(sql, n), "INDEX") ? IMPLICIT_COMMIT : NONE;
                }
                return NONE;
            case 'o':
                return is(sql, i, len, "OPTIMIZE") ? IMPLICIT_COMMIT : NONE;
            case 'r':
                if (is(sql, i, len, "ROLLBACK")) {
                    return chained(sql, end, true);
                }
                if (is(sql, i, len, "RESET")) { // RESET PERSIST does not commit
                    int n = skip(sql, end);
                    return word(sql, n, wordEnd(sql, n), "PERSIST") ? NONE : IMPLICIT_COMMIT;
                }
                return is(sql, i, len, "RENAME") || is(sql, i, len, "REVOKE") || is(sql, i, len, "REPAIR")
                        ? IMPLICIT_COMMIT : NONE;
            case 's':
                if (len == 3) {
                    return is(sql, i, len, "SET") ? set(sql, end) : NONE;
                }
                if (is(sql, i, len, "START")) {
                    int n = skip(sql, end);
                    int ne = wordEnd(sql, n);
                    if (word(sql, n, ne, "TRANSACTION")) {
                        return BEGIN;
                    }
                    return word(sql, n, ne, "SLAVE") || word(sql, n, ne, "REPLICA") || word(sql, n, ne, "ALL")
                            ? IMPLICIT_COMMIT : NONE;
                }
                return is(sql, i, len, "STOP") || is(sql, i, len, "SHUTDOWN") ? IMPLICIT_COMMIT : NONE;
            case 't':
                return is(sql, i, len, "TRUNCATE") ? IMPLICIT_COMMIT : NONE;
            case 'u':
                if (is(sql, i, len, "USE")) {
                    return USE;
                }
                if (is(sql, i, len, "UNLOCK")) {
                    int n = skip(sql, end);
                    int ne = wordEnd(sql, n);
                    return word(sql, n, ne, "TABLES") || word(sql, n, ne, "TABLE") ? UNLOCK_TABLES : NONE;
                }
                return is(sql, i, len, "UNINSTALL") ? IMPLICIT_COMMIT : NONE;
            case 'x':
                if (len == 2 && (sql.charAt(i + 1) | 0x20) == 'a') {
                    int n = skip(sql, end);
                    int ne = wordEnd(sql, n);
                    if (word(sql, n, ne, "START") || word(sql, n, ne, "BEGIN")) {
                        return BEGIN;
                    }
                    return word(sql, n, ne, "COMMIT") || word(sql, n, ne, "ROLLBACK") ? END : NONE;
                }
                return NONE;
            default:
                return NONE;
        }
    }

    /**
     * The database a {@code USE} statement selects, as the server names it ({@code `a``b`} is
     * {@code a`b}); null when there is none. Called only for statements {@link #of} found to be
     * {@link #USE}: it allocates the name.
     */
    public static String useTarget(String sql) {
        int i = skip(sql, 0);
        i = skip(sql, wordEnd(sql, i)); // past USE
        if (i >= sql.length()) {
            return null;
        }
        char q = sql.charAt(i);
        if (q == '`' || q == '"') {
            StringBuilder name = new StringBuilder();
            for (int j = i + 1; j < sql.length(); j++) {
                char c = sql.charAt(j);
                if (c == q) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == q) {
                        name.append(q); // a doubled quote stands for itself
                        j++;
                    } else {
                        return name.length() == 0 ? null : name.toString();
                    }
                } else {
                    name.append(c);
                }
            }
            return null; // unterminated: the server refuses it
        }
        int end = i;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                || sql.charAt(end) == '$' || sql.charAt(end) > 0x7f)) {
            end++;
        }
        return end == i ? null : sql.substring(i, end);
    }

    /** {@code COMMIT|ROLLBACK [WORK] [AND [NO] CHAIN]}; a rollback to a savepoint ends nothing. */
    private static int chained(String sql, int from, boolean rollback) {
        int n = skip(sql, from);
        int ne = wordEnd(sql, n);
        if (word(sql, n, ne, "WORK")) {
            n = skip(sql, ne);
            ne = wordEnd(sql, n);
        }
        if (rollback && word(sql, n, ne, "TO")) {
            return NONE;
        }
        if (!word(sql, n, ne, "AND")) {
            return END;
        }
        n = skip(sql, ne);
        return word(sql, n, wordEnd(sql, n), "CHAIN") ? END_AND_CHAIN : END;
    }

    /** {@code CREATE [OR REPLACE] TEMPORARY …} does not commit; every other CREATE does. */
    private static int created(String sql, int from) {
        int n = skip(sql, from);
        int ne = wordEnd(sql, n);
        if (word(sql, n, ne, "OR")) {
            n = skip(sql, ne);
            n = skip(sql, wordEnd(sql, n)); // REPLACE
            ne = wordEnd(sql, n);
        }
        return word(sql, n, ne, "TEMPORARY") ? NONE : IMPLICIT_COMMIT;
    }

    /**
     * {@code SET [SESSION|LOCAL] autocommit = v}, {@code SET @@[session.|local.]autocommit = v}
     * ({@code =}, {@code :=} or, as H2 writes it, nothing), and {@code SET PASSWORD}; only the
     * first assignment of the statement is read.
     */
    private static int set(String sql, int from) {
        int n = skip(sql, from);
        if (n + 1 < sql.length() && sql.charAt(n) == '@' && sql.charAt(n + 1) == '@') {
            n += 2;
            int ne = wordEnd(sql, n);
            if (ne < sql.length() && sql.charAt(ne) == '.'
                    && (word(sql, n, ne, "SESSION") || word(sql, n, ne, "LOCAL"))) {
                n = ne + 1;
            }
        } else {
            int ne = wordEnd(sql, n);
            if (word(sql, n, ne, "PASSWORD")) {
                return IMPLICIT_COMMIT;
            }
            if (word(sql, n, ne, "SESSION") || word(sql, n, ne, "LOCAL")) {
                n = skip(sql, ne);
            }
        }
        int ne = wordEnd(sql, n);
        if (!word(sql, n, ne, "AUTOCOMMIT")) {
            return NONE;
        }
        n = skip(sql, ne);
        if (n < sql.length() && sql.charAt(n) == ':') {
            n++;
        }
        if (n < sql.length() && sql.charAt(n) == '=') {
            n = skip(sql, n + 1);
        }
        boolean quoted = n < sql.length() && sql.charAt(n) == '\'';
        if (quoted) {
            n++;
        }
        ne = wordEnd(sql, n);
        if (word(sql, n, ne, "1") || word(sql, n, ne, "ON") || word(sql, n, ne, "TRUE")) {
            return AUTOCOMMIT_ON;
        }
        if (word(sql, n, ne, "0") || word(sql, n, ne, "OFF") || word(sql, n, ne, "FALSE")) {
            return AUTOCOMMIT_OFF;
        }
        return NONE;
    }

    /**
     * The word of {@code len} characters at {@code at} is {@code keyword} (upper case). The length
     * and the second letter are compared first: UPDATE against UNLOCK, say, is decided there,
     * without the case-folding comparison.
     */
    private static boolean is(String sql, int at, int len, String keyword) {
        return len == keyword.length() && (len < 2 || (sql.charAt(at + 1) | 0x20) == (keyword.charAt(1) | 0x20))
                && sql.regionMatches(true, at, keyword, 0, len);
    }

    private static boolean word(String sql, int at, int end, String keyword) {
        return is(sql, at, end - at, keyword);
    }

    /** End of the word (letters, digits, {@code _}) starting at {@code at}. */
    private static int wordEnd(String sql, int at) {
        int i = at;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9' || c == '_') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * The index of the first character at or after {@code at} that is neither whitespace nor in a
     * comment: {@code /* … *}{@code /}, {@code -- …} and {@code # …} to the end of the line. (A
     * MySQL executable comment {@code /*! … *}{@code /} is skipped like any other: what it runs is
     * not looked at.) A statement that opens with {@code (} is a parenthesised query: none of ours.
     */
    static int skip(String sql, int at) {
        int i = at;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '#' || c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else {
                break;
            }
        }
        return i;
    }
}
