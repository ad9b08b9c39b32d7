package io.jdbcactivity.analyze;

/**
 * Single pass over MySQL SQL text that removes what must not be published and what does not
 * change the statement's meaning: every literal becomes {@code ?} (quoted strings with backslash
 * and doubled-quote escapes, numbers, {@code 0x}/{@code X'..'}/{@code B'..'} literals), comments
 * go, whitespace collapses to one space. The bodies of {@code /*! ... *}{@code /} executable
 * comments are kept because the server runs them. Backquoted identifiers are kept verbatim;
 * keywords are written in upper case.
 *
 * <p>Because every literal is gone, passwords ({@code IDENTIFIED BY '..'}, {@code PASSWORD('..')},
 * {@code SET PASSWORD = '..'}) never appear in the result.
 */
public final class SqlText {
    /** The longest text analysed; beyond it only the head is normalised and the result says so. */
    public static final int MAX_ANALYSED_CHARS = 64 * 1024;

    private SqlText() {
    }

    /** The normal form of {@code sql}; {@link Normalized#truncated()} when the text was longer than the cap. */
    public static Normalized normalize(String sql) {
        return normalize(sql, true);
    }

    /**
     * The normal form; with {@code upperKeywords} false every word keeps its case (what the
     * table resolver reads: an unreserved keyword such as {@code user} can name a table).
     */
    public static Normalized normalize(String sql, boolean upperKeywords) {
        int end = Math.min(sql.length(), MAX_ANALYSED_CHARS);
        StringBuilder out = new StringBuilder(Math.min(end, 1024));
        int i = 0;
        while (i < end) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i = skipWhitespace(sql, i, end);
                space(out);
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, end, c);
                literal(out);
            } else if (c == '`') {
                int close = sql.indexOf('`', i + 1);
                int stop = close < 0 || close >= end ? end : close + 1;
                out.append(sql, i, stop);
                i = stop;
            } else if (c == '#' || (c == '-' && startsLineComment(sql, i, end))) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 || nl >= end ? end : nl;
                space(out);
            } else if (c == '/' && i + 1 < end && sql.charAt(i + 1) == '*') {
                if (i + 2 < end && sql.charAt(i + 2) == '!') {
                    // Executable comment: drop the marker and its version number, keep the body.
                    i += 3;
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
            } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'n' || c == 'N')
                    && i + 1 < end && sql.charAt(i + 1) == '\'' && !afterIdentifierChar(out)) {
                i = skipQuoted(sql, i + 1, end, '\''); // X'0F', B'01', N'national'
                literal(out);
            } else if (c == '_' && !afterIdentifierChar(out) && charsetIntroducer(sql, i, end) > 0) {
                i = charsetIntroducer(sql, i, end); // _utf8mb4'text' is one literal
                i = skipQuoted(sql, i, end, sql.charAt(i));
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
        return new Normalized(out.toString(), sql.length() > end);
    }

    private static int skipWhitespace(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index after the closing quote; an unterminated literal runs to the end. */
    private static int skipQuoted(String s, int i, int end, char quote) {
        i++;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\') {
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
        return end;
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
