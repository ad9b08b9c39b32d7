package io.jdbcactivity.analyze;

/**
 * Single pass over SQL text that removes what must not be published and what does not
 * change the statement's meaning: every literal becomes {@code ?} (quoted strings, numbers,
 * {@code 0x}/{@code X'..'}/{@code B'..'} literals), comments go, whitespace collapses to one space.
 * The bodies of {@code /*! ... *}{@code /} executable comments are kept because the server runs
 * them. Backquoted identifiers (and {@code "…"} where the {@link QuoteRule} makes it a name) are
 * kept verbatim; keywords are written in upper case.
 *
 * <p>Where a quoted string ends depends on the target: MySQL and MariaDB take a backslash as an
 * escape unless {@code NO_BACKSLASH_ESCAPES} is set, H2 and the standard do not ({@link QuoteRule}).
 * Read with the wrong rule, {@code LIKE ? ESCAPE '\' AND id IN (…)} never closes its literal.
 * A literal or quoted name that never closes makes the rest of the text one {@code ?}, and the
 * result says it does not cover the whole text ({@link Normalized#truncated()}).
 *
 * <p>Because every literal is gone, passwords ({@code IDENTIFIED BY '..'}, {@code PASSWORD('..')},
 * {@code SET PASSWORD = '..'}) never appear in the result.
 */
public final class SqlText {
    /** The longest text analysed; beyond it only the head is normalised and the result says so. */
    public static final int MAX_ANALYSED_CHARS = 64 * 1024;

    private SqlText() {
    }

    /**
     * The normal form of {@code sql} as MySQL reads it by default; {@link Normalized#truncated()}
     * when the text was longer than the cap or a literal never closed.
     */
    public static Normalized normalize(String sql) {
        return normalize(sql, true, QuoteRule.MYSQL);
    }

    /** The normal form as MySQL reads it by default, keywords upper-cased or not: see {@link #normalize(String, boolean, QuoteRule)}. */
    public static Normalized normalize(String sql, boolean upperKeywords) {
        return normalize(sql, upperKeywords, QuoteRule.MYSQL);
    }

    /**
     * The normal form of {@code sql} read with the target's {@code rule}; with {@code upperKeywords}
     * false every word keeps its case (what the table resolver reads: an unreserved keyword such as
     * {@code user} can name a table).
     */
    public static Normalized normalize(String sql, boolean upperKeywords, QuoteRule rule) {
        int end = Math.min(sql.length(), MAX_ANALYSED_CHARS);
        StringBuilder out = new StringBuilder(Math.min(end, 1024));
        boolean unclosed = false;
        boolean backslash = rule.backslashEscapes();
        int i = 0;
        while (i < end) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i = skipWhitespace(sql, i, end);
                space(out);
            } else if (c == '\'' || (c == '"' && !rule.doubleQuotedNames())) {
                i = skipQuoted(sql, i, end, c, backslash);
                unclosed |= i < 0;
                i = i < 0 ? ~i : i;
                literal(out);
            } else if (c == '`' || c == '"') {
                int stop = skipQuoted(sql, i, end, c, false); // a name: `a``b`, "a""b"
                if (stop < 0) {
                    unclosed = true; // what follows an unclosed quote is no name: publish none of it
                    literal(out);
                    i = ~stop;
                } else {
                    out.append(sql, i, stop);
                    i = stop;
                }
            } else if (c == '#' || (c == '-' && startsLineComment(sql, i, end))) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 || nl >= end ? end : nl;
                space(out);
            } else if (c == '/' && i + 1 < end && sql.charAt(i + 1) == '*') {
                if (i + 2 < end && sql.charAt(i + 2) == '!'
                        || i + 3 < end && sql.charAt(i + 2) == 'M' && sql.charAt(i + 3) == '!') {
                    // Executable comment (MySQL's /*!, MariaDB's /*M!, which MariaDB runs): drop the
                    // marker and its version number, keep the body.
                    i += sql.charAt(i + 2) == '!' ? 3 : 4;
                    while (i < end && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                    space(out);
                } else {
                    int close = sql.indexOf("*/", i + 2);
                    i = close < 0 || close >= end ? end : close + 2;
                    space(out);
                }
            } else if (c == '*' && i + 1 < end && sql.charAt(i + 1) == '/') {
                i += 2; // the end of an executable comment whose start we kept
                space(out);
            } else if (isDigit(c) && !afterIdentifierChar(out)) {
                i = skipNumber(sql, i, end);
                literal(out);
            } else if (c == '.' && i + 1 < end && isDigit(sql.charAt(i + 1)) && !afterIdentifierChar(out)) {
                i = skipNumber(sql, i, end);
                literal(out);
            } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'n' || c == 'N' || c == 'e' || c == 'E')
                    && i + 1 < end && sql.charAt(i + 1) == '\'' && !afterIdentifierChar(out)
                    && (c != 'e' && c != 'E' || rule == QuoteRule.STANDARD)) {
                // X'0F', B'01', N'national'; PostgreSQL's E'escape\'s' takes backslashes whatever the rule
                i = skipQuoted(sql, i + 1, end, '\'', backslash || c == 'e' || c == 'E');
                unclosed |= i < 0;
                i = i < 0 ? ~i : i;
                literal(out);
            } else if (c == '_' && !afterIdentifierChar(out) && charsetIntroducer(sql, i, end) > 0) {
                i = charsetIntroducer(sql, i, end); // _utf8mb4'text' is one literal
                i = skipQuoted(sql, i, end, sql.charAt(i), backslash);
                unclosed |= i < 0;
                i = i < 0 ? ~i : i;
                literal(out);
            } else if ((Character.isLetter(c) || c == '$') && !afterIdentifierChar(out)) {
                int end2 = i + 1;
                while (end2 < end && isWordChar(sql.charAt(end2))) {
                    end2++;
                }
                String word = sql.substring(i, end2);
                out.append(upperKeywords ? Keywords.normal(word) : word); // keywords in upper case
                i = end2;
            } else {
                out.append(c);
                i++;
            }
        }
        int len = out.length();
        if (len > 0 && out.charAt(len - 1) == ' ') {
            out.setLength(len - 1);
        }
        return new Normalized(out.toString(), sql.length() > end || unclosed);
    }

    private static int skipWhitespace(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Index after the closing quote, or {@code ~end} (negative) when the literal never closes: it
     * then runs to the end. A doubled quote is always an escaped quote; a backslash only when
     * {@code backslash}.
     */
    static int skipQuoted(String s, int i, int end, char quote, boolean backslash) {
        if (backslash && escapeCharacterClause(s, i, end, quote)) {
            return i + 3;
        }
        i++;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\' && backslash) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < end && s.charAt(i + 1) == quote) {
                    i += 2; // doubled quote is an escaped quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return ~end;
    }

    /**
     * The JDBC escape {@code {escape '\'}} names the backslash as LIKE's escape character: the
     * target driver rewrites it before the server reads it, so its {@code '\'} is one character
     * even where backslashes escape (read as an escape, the rest of the text would vanish).
     */
    private static boolean escapeCharacterClause(String s, int i, int end, char quote) {
        if (i + 2 >= end || s.charAt(i + 1) != '\\' || s.charAt(i + 2) != quote) {
            return false;
        }
        int j = skipWhitespace(s, i + 3, end);
        return j < end && s.charAt(j) == '}';
    }

    private static int skipNumber(String s, int i, int end) {
        if (s.charAt(i) == '0' && i + 1 < end && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X'
                || s.charAt(i + 1) == 'b' || s.charAt(i + 1) == 'B')) {
            i += 2;
            while (i < end && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            return i;
        }
        while (i < end) {
            char c = s.charAt(i);
            if (isDigit(c) || c == '.') {
                i++;
            } else if ((c == 'e' || c == 'E') && i + 1 < end
                    && (isDigit(s.charAt(i + 1)) || ((s.charAt(i + 1) == '-' || s.charAt(i + 1) == '+')
                            && i + 2 < end && isDigit(s.charAt(i + 2))))) {
                i += 2;
            } else {
                break;
            }
        }
        // 1abc is an identifier in MySQL, not a number followed by a name: keep it whole.
        return i;
    }

    /** {@code -- } starts a comment only when followed by whitespace or the end (MySQL rule). */
    private static boolean startsLineComment(String s, int i, int end) {
        return i + 1 < end && s.charAt(i + 1) == '-' && (i + 2 >= end || Character.isWhitespace(s.charAt(i + 2)));
    }

    /** End of a charset introducer like {@code _utf8mb4} when a quote follows it, else 0. */
    private static int charsetIntroducer(String s, int i, int end) {
        int j = i + 1;
        while (j < end && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j > i + 1 && j < end && (s.charAt(j) == '\'' || s.charAt(j) == '"') ? j : 0;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean afterIdentifierChar(StringBuilder out) {
        if (out.length() == 0) {
            return false;
        }
        char p = out.charAt(out.length() - 1);
        return Character.isLetterOrDigit(p) || p == '_' || p == '$';
    }

    private static void space(StringBuilder out) {
        int len = out.length();
        if (len > 0 && out.charAt(len - 1) != ' ') {
            out.append(' ');
        }
    }

    private static void literal(StringBuilder out) {
        out.append('?');
    }

    /** A normal form and whether it covers only the head of a longer text. */
    public record Normalized(String text, boolean truncated) {
    }
}
