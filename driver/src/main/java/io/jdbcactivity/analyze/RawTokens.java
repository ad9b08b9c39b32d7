package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The raw text's tokens, literals and comments included: what injection signals need and the
 * normal form has removed (there {@code '1'='1'} and {@code 1=1} are both {@code ?=?}, and a
 * trailing {@code -- '} is gone). Quotes are read with the same {@link QuoteRule} as the normal
 * form, so both agree on where a literal ends. The body of an executable comment
 * ({@code /*!50000 UNION*}{@code /}, MariaDB's {@code /*M!100100 …*}{@code /}) is read as code because
 * the server runs it.
 *
 * <p>Kept small on purpose: it is run once per text on a cache miss, on the publisher thread.
 */
final class RawTokens {
    enum Kind {
        /** A word (keyword or unquoted name), {@link Token#text} upper-cased. */
        WORD,
        /** A backquoted (or, by the rule, double-quoted) name, without its quotes. */
        NAME,
        /** A quoted string, {@link Token#text} its content (escapes not resolved). */
        STRING,
        /** A decimal number as written. */
        NUMBER,
        /** {@code 0x…} or {@code X'…'}: {@link Token#text} the hex digits. */
        HEX,
        /** {@code @v} or {@code @@v}, upper-cased. */
        VARIABLE,
        /** An operator of one or more characters ({@code =}, {@code <=>}, {@code ||}, …). */
        OPERATOR,
        /** One of {@code ( ) , ; .}. */
        PUNCT,
        /** A comment (not an executable one): {@link Token#text} its body; see {@link Token#toEnd}. */
        COMMENT
    }

    /**
     * One token: a range of the text, its {@link #text()} made only when asked (most tokens are
     * only ever compared, which needs no copy of them).
     */
    static final class Token {
        private final Kind kind;
        private final String src;
        private final int from;
        private final int to;
        private final boolean toEnd;
        private final boolean unclosed;
        /** For a word: its {@link #VOCABULARY} literal, or null when it is none of them. */
        private final String word;
        private String text;

        /**
         * @param toEnd for a comment: nothing but whitespace follows it (a line comment to the end
         *              of the text, or a block comment that never closes or is the last thing)
         * @param unclosed for a string: it never closed (runs to the end of the text)
         */
        Token(Kind kind, String src, int from, int to, boolean toEnd, boolean unclosed) {
            this.kind = kind;
            this.src = src;
            this.from = from;
            this.to = Math.max(from, to);
            this.toEnd = toEnd;
            this.unclosed = unclosed;
            this.word = kind == Kind.WORD ? vocabulary(src, from, this.to) : null;
        }

        Kind kind() {
            return kind;
        }

        boolean toEnd() {
            return toEnd;
        }

        /** For a comment: whether it is a line comment ({@code --} or {@code #}), not a block comment. */
        boolean line() {
            return kind == Kind.COMMENT && src.charAt(from - 1) != '*';
        }

        /** Whether this word or name is one of {@code words} (upper case); a word outside the vocabulary never is. */
        boolean in(java.util.Set<String> words) {
            return kind == Kind.WORD ? word != null && words.contains(word) : kind == Kind.NAME && words.contains(text());
        }

        boolean unclosed() {
            return unclosed;
        }

        /** The token's text: words, names and variables upper-cased; a string's or comment's content. */
        String text() {
            if (text == null && word != null) {
                text = word;
            } else if (text == null) {
                String t = src.substring(from, to);
                text = kind == Kind.WORD || kind == Kind.NAME || kind == Kind.VARIABLE ? t.toUpperCase(Locale.ROOT) : t;
            }
            return text;
        }

        /** Whether this is a word of {@link #VOCABULARY} (a keyword the rules know, not an application's name). */
        boolean known() {
            return word != null;
        }

        /** Whether this is the word {@code w}, one of {@link #VOCABULARY} (compared by identity). */
        boolean is(String w) {
            return word == w && w != null;
        }

        /** Whether this is a word of {@code words} (upper case), without copying it. */
        boolean isAny(String[] words) {
            if (word == null) {
                return false;
            }
            for (String w : words) {
                if (word == w) {
                    return true;
                }
            }
            return false;
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && src.charAt(from) == c;
        }

        boolean isOperator(String op) {
            return kind == Kind.OPERATOR && matches(op);
        }

        /** A literal value: string, number, hex, or the words TRUE, FALSE, NULL. */
        boolean isLiteral() {
            return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.HEX
                    || (word != null && (is("TRUE") || is("FALSE") || is("NULL")));
        }

        private boolean matches(String s) {
            return to - from == s.length() && src.regionMatches(true, from, s, 0, s.length());
        }

        @Override
        public String toString() {
            return kind + ":" + text();
        }
    }

    /**
     * Every word the injection rules ask about (InjectionTest checks that Injection names no other).
     * A word token is looked up here once, by a case-insensitive hash of its characters, and from
     * then on compared by identity with these (interned) literals: no copy, no per-call
     * case-insensitive comparison, which made most of the rules' cost.
     */
    static final String[] VOCABULARY = {
        "ALTER", "AND", "AS", "BENCHMARK", "CHAR", "CONCAT", "CONCAT_WS", "CONNECTION_ID", "CREATE", "CURRENT_USER",
        "DATABASE", "DECLARE",
        "DELAY", "DO", "DROP", "DUMPFILE", "EXEC", "EXECUTE", "EXTRACTVALUE", "FALSE", "FLOOR", "FROM", "GRANT",
        "GROUP", "GTID_SUBSET", "GTID_SUBTRACT", "HAVING", "INFORMATION_SCHEMA", "INTO", "JOIN", "JSON_KEYS", "KILL",
        "LIKE", "LIMIT", "LOAD_FILE", "MYSQL", "NAME_CONST", "NOT", "NULL", "ON", "OR", "ORDER", "OUTFILE",
        "PERFORMANCE_SCHEMA", "PG_SLEEP", "PROCEDURE", "RAND", "RENAME", "REVOKE", "SCHEMA", "SELECT",
        "SESSION_USER", "SET", "SHUTDOWN", "SLEEP", "ST_LATFROMGEOHASH", "ST_LONGFROMGEOHASH", "ST_POINTFROMGEOHASH",
        "SYS", "SYSTEM_USER", "TRUE", "TRUNCATE", "UNHEX", "UNION", "UPDATEXML", "USER", "USING", "VALUES",
        "VERSION", "WAITFOR", "WHEN", "WHERE", "WINDOW", "XOR"
    };
    private static final int SLOTS = 256;
    private static final int[] SLOT_HASH = new int[SLOTS];
    private static final String[] SLOT_WORD = new String[SLOTS];

    static {
        for (String w : VOCABULARY) {
            int h = upperHash(w, 0, w.length());
            int i = h & (SLOTS - 1);
            while (SLOT_WORD[i] != null) {
                i = (i + 1) & (SLOTS - 1);
            }
            SLOT_HASH[i] = h;
            SLOT_WORD[i] = w;
        }
    }

    /** The hash of the upper-cased characters of {@code s[from, to)}, without making them. */
    private static int upperHash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            h = 31 * h + (c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        return h;
    }

    /** The vocabulary's literal for the word {@code s[from, to)}, or null. */
    private static String vocabulary(String s, int from, int to) {
        int h = upperHash(s, from, to);
        for (int i = h & (SLOTS - 1); SLOT_WORD[i] != null; i = (i + 1) & (SLOTS - 1)) {
            String w = SLOT_WORD[i];
            if (SLOT_HASH[i] == h && w.length() == to - from && s.regionMatches(true, from, w, 0, w.length())) {
                return w;
            }
        }
        return null;
    }

    private static final String OPERATOR_CHARS = "=<>!|&^~+-*/%:";

    private RawTokens() {
    }

    /** The tokens of {@code sql} (its first {@link SqlText#MAX_ANALYSED_CHARS}), read with {@code rule}. */
    static List<Token> of(String sql, QuoteRule rule) {
        int end = Math.min(sql.length(), SqlText.MAX_ANALYSED_CHARS);
        List<Token> out = new ArrayList<>(Math.min(256, 8 + end / 4));
        boolean backslash = rule.backslashEscapes();
        int i = 0;
        while (i < end) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || (c == '"' && !rule.doubleQuotedNames())) {
                i = string(sql, i, end, c, backslash, out);
            } else if (c == '`' || c == '"') {
                int stop = close(sql, i, end, c, false);
                int to = stop < 0 ? end : stop - 1;
                out.add(new Token(Kind.NAME, sql, i + 1, to, false, stop < 0));
                i = stop < 0 ? end : stop;
            } else if (c == '-' && i + 1 < end && sql.charAt(i + 1) == '-' && !lineComment(sql, i, end)
                    && rule != QuoteRule.STANDARD) {
                out.add(new Token(Kind.OPERATOR, sql, i, i + 2, false, false)); // MySQL: two minus signs, not a comment
                i += 2;
            } else if (c == '#' || (c == '-' && (lineComment(sql, i, end)
                    || (rule == QuoteRule.STANDARD && i + 1 < end && sql.charAt(i + 1) == '-')))) {
                int nl = sql.indexOf('\n', i);
                int stop = nl < 0 || nl >= end ? end : nl;
                out.add(new Token(Kind.COMMENT, sql, i + (c == '#' ? 1 : 2), stop, blank(sql, stop, end), false));
                i = stop;
            } else if (c == '/' && i + 1 < end && sql.charAt(i + 1) == '*') {
                int bang = executable(sql, i, end);
                if (bang > 0) {
                    i = bang; // executable comment (MySQL's /*!, MariaDB's /*M!): its body is code
                    while (i < end && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                } else {
                    int close = sql.indexOf("*/", i + 2);
                    int stop = close < 0 || close >= end ? end : close + 2;
                    out.add(new Token(Kind.COMMENT, sql, i + 2, close < 0 || close >= end ? end : close,
                            blank(sql, stop, end), false));
                    i = stop;
                }
            } else if (c == '*' && i + 1 < end && sql.charAt(i + 1) == '/') {
                i += 2; // the end of an executable comment
            } else if (c == '0' && i + 2 < end && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')
                    && hexDigit(sql.charAt(i + 2))) {
                int j = i + 2;
                while (j < end && hexDigit(sql.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.HEX, sql, i + 2, j, false, false));
                i = j;
            } else if ((c == 'x' || c == 'X') && i + 1 < end && sql.charAt(i + 1) == '\'' && !afterWord(out, sql, i)) {
                int stop = close(sql, i + 1, end, '\'', false);
                int to = stop < 0 ? end : stop - 1;
                out.add(new Token(Kind.HEX, sql, i + 2, to, false, stop < 0));
                i = stop < 0 ? end : stop;
            } else if (isDigit(c) || (c == '.' && i + 1 < end && isDigit(sql.charAt(i + 1)) && !afterWord(out, sql, i))) {
                int j = i + 1;
                while (j < end && (isDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                if (j < end && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    while (j < end && wordChar(sql.charAt(j))) {
                        j++; // 1abc is a name in MySQL
                    }
                    out.add(new Token(Kind.WORD, sql, i, j, false, false));
                } else {
                    out.add(new Token(Kind.NUMBER, sql, i, j, false, false));
                }
                i = j;
            } else if (c == '@') {
                int j = i + 1;
                while (j < end && (wordChar(sql.charAt(j)) || sql.charAt(j) == '@' || sql.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.VARIABLE, sql, i, j, false, false));
                i = j;
            } else if (c == '_' && charsetIntroducer(sql, i, end) > 0) {
                i = string(sql, charsetIntroducer(sql, i, end), end, sql.charAt(charsetIntroducer(sql, i, end)),
                        backslash, out); // _utf8mb4'text' is a string
            } else if (wordChar(c)) {
                int j = i + 1;
                while (j < end && wordChar(sql.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, sql, i, j, false, false));
                i = j;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                int j = i + 1;
                while (j < end && j < i + 3 && OPERATOR_CHARS.indexOf(sql.charAt(j)) >= 0 && sql.charAt(j) != '-'
                        && sql.charAt(j) != '~' && sql.charAt(j) != '!' && !commentStart(sql, j, end)) {
                    j++;
                }
                out.add(new Token(Kind.OPERATOR, sql, i, j, false, false));
                i = j;
            } else {
                out.add(new Token(Kind.PUNCT, sql, i, i + 1, false, false));
                i++;
            }
        }
        return out;
    }

    private static int string(String sql, int i, int end, char quote, boolean backslash, List<Token> out) {
        int stop = close(sql, i, end, quote, backslash);
        int to = stop < 0 ? end : stop - 1;
        out.add(new Token(Kind.STRING, sql, i + 1, to, false, stop < 0));
        return stop < 0 ? end : stop;
    }

    /**
     * Index after the closing quote, or -1 when it never closes: the normalizer's own reading
     * ({@link SqlText#skipQuoted}), so both see the same literals ({@code ESCAPE '\\'} included).
     */
    private static int close(String s, int i, int end, char quote, boolean backslash) {
        int stop = SqlText.skipQuoted(s, i, end, quote, backslash);
        return stop < 0 ? -1 : stop;
    }

    /**
     * After the {@code !} of an executable comment starting at {@code i}, MySQL's {@code /*!} or
     * MariaDB's {@code /*M!} (both run their body, with or without version digits); 0 for another comment.
     */
    private static int executable(String s, int i, int end) {
        if (i + 2 < end && s.charAt(i + 2) == '!') {
            return i + 3;
        }
        return i + 3 < end && s.charAt(i + 2) == 'M' && s.charAt(i + 3) == '!' ? i + 4 : 0;
    }

    private static boolean commentStart(String s, int i, int end) {
        return (s.charAt(i) == '/' && i + 1 < end && s.charAt(i + 1) == '*') || s.charAt(i) == '#';
    }

    private static boolean lineComment(String s, int i, int end) {
        return i + 1 < end && s.charAt(i + 1) == '-' && (i + 2 >= end || Character.isWhitespace(s.charAt(i + 2)));
    }

    private static boolean blank(String s, int from, int end) {
        for (int i = from; i < end; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int charsetIntroducer(String s, int i, int end) {
        int j = i + 1;
        while (j < end && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j > i + 1 && j < end && (s.charAt(j) == '\'' || s.charAt(j) == '"') ? j : 0;
    }

    /** Whether the character before {@code i} continues a word ({@code max'…'} is no X'…' literal). */
    private static boolean afterWord(List<Token> out, String s, int i) {
        return i > 0 && wordChar(s.charAt(i - 1));
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean hexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
