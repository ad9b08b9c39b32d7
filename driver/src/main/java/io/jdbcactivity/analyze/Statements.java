package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a normal form into statements where the server does: at a semicolon that ends a
 * statement, never at one inside a compound statement. A stored program's body
 * ({@code CREATE [DEFINER=…] PROCEDURE|FUNCTION|TRIGGER|EVENT … BEGIN … END}), MariaDB's
 * anonymous block ({@code BEGIN NOT ATOMIC … END}) and the blocks they nest ({@code IF … END IF},
 * {@code CASE … END CASE}, {@code LOOP}, {@code WHILE}, {@code REPEAT}, {@code FOR}, labels) hold
 * semicolons the server reads as part of the one statement. {@code BEGIN} alone or {@code BEGIN
 * WORK} starts a transaction: it opens a block only inside a stored program's text, after a label
 * or with {@code NOT ATOMIC}. A {@code CASE} expression ({@code SELECT CASE … END}) ends with a
 * plain {@code END} and never spans a semicolon.
 *
 * <p>{@code DELIMITER} is a command of the {@code mysql} client, not SQL: a text that reaches the
 * server with it fails there at that word and nothing after it runs, so from a statement that
 * starts with it the rest of the text is one statement.
 *
 * <p>Works on the normal form, where literals and comments are gone already: a word is a word.
 */
final class Statements {
    private static final byte BLOCK = 1;
    private static final byte IF = 2;
    private static final byte CASE_STATEMENT = 3;
    private static final byte CASE_EXPRESSION = 4;
    private static final byte LOOP = 5;

    /** Words an expression follows: a CASE or IF after them is an expression, not a block. */
    private static final java.util.Set<String> BEFORE_EXPRESSION = java.util.Set.of("RETURN", "SELECT", "WHERE",
            "AND", "OR", "XOR", "NOT", "WHEN", "THEN", "ELSE", "HAVING", "ON", "BY", "SET", "IN", "IS", "LIKE",
            "BETWEEN", "DIV", "MOD", "INTERVAL", "DEFAULT", "AT", "EVERY", "STARTS", "ENDS", "UNTIL", "EXISTS",
            "ALL", "ANY", "SOME", "DISTINCT", "VALUES", "VALUE", "LIMIT", "RLIKE", "REGEXP", "ESCAPE", "BINARY",
            "AS", "DO", "SOUNDS", "CALL", "RETURNS", "COMMENT", "OFFSET");
    /** Objects whose CREATE holds a body of statements. */
    private static final java.util.Set<String> STORED_PROGRAMS = java.util.Set.of("PROCEDURE", "FUNCTION",
            "TRIGGER", "EVENT", "PACKAGE");
    /** Objects whose CREATE or ALTER never holds one (the search for a stored program's word stops there). */
    private static final java.util.Set<String> OTHER_OBJECTS = java.util.Set.of("TABLE", "VIEW", "INDEX",
            "DATABASE", "SCHEMA", "USER", "ROLE", "SERVER", "TABLESPACE", "SEQUENCE", "TEMPORARY", "UNIQUE",
            "FULLTEXT", "SPATIAL", "LOGFILE", "RESOURCE", "INSTANCE", "UNDO");

    private final String s;
    private int[] from = new int[32];
    private int[] to = new int[32];
    private int n;

    private Statements(String normalized) {
        this.s = normalized;
        tokenize();
    }

    /** The statements of a normal form, each stripped; none for a blank text. */
    static List<String> split(String normalized) {
        return new Statements(normalized).parts();
    }

    private List<String> parts() {
        List<String> parts = new ArrayList<>(1);
        byte[] open = new byte[8];
        int depth = 0;
        int parens = 0;
        int partStart = 0;
        int first = 0; // token index of the current statement's first word
        boolean routine = false; // the current statement creates a stored program
        boolean bodyDone = false; // ... and its compound body has closed
        boolean start = true; // the next token may begin a statement (of a body, or of the text)
        boolean labelled = false; // the previous tokens were a label: the next BEGIN is a block
        for (int k = 0; k < n; k++) {
            boolean atStart = start && parens == 0 && (depth == 0 || open[depth - 1] != CASE_EXPRESSION);
            start = false;
            char c = s.charAt(from[k]);
            if (c == ';') {
                while (depth > 0 && open[depth - 1] == CASE_EXPRESSION) {
                    depth--; // an expression never spans a semicolon: an unclosed CASE was no block
                }
                parens = 0;
                labelled = false;
                start = true;
                if (depth == 0) {
                    add(parts, partStart, from[k]);
                    partStart = to[k];
                    first = k + 1;
                    routine = false;
                    bodyDone = false;
                }
                continue;
            }
            if (c == '(') {
                parens++;
                continue;
            }
            if (c == ')') {
                parens = Math.max(0, parens - 1);
                continue;
            }
            if (k == first) {
                if (is(k, "DELIMITER")) {
                    break; // the server stops at this word: the rest is one (failing) statement
                }
                routine = (is(k, "CREATE") || is(k, "ALTER")) && createsStoredProgram(k + 1);
            }
            boolean header = routine && depth == 0 && !bodyDone && parens == 0 && k > first && beforeBody(k);
            if ((atStart || header) && isLabel(k)) {
                k++; // the colon
                start = true;
                labelled = true;
                continue;
            }
            if (is(k, "BEGIN")) {
                boolean notAtomic = is(k + 1, "NOT") && is(k + 2, "ATOMIC");
                if (depth > 0 || routine || labelled || notAtomic) {
                    open = push(open, depth++, BLOCK);
                    start = true;
                    k += notAtomic ? 2 : 0;
                }
                labelled = false;
                continue;
            }
            labelled = false;
            if (is(k, "END")) {
                if (k + 1 < n && (is(k + 1, "IF") || is(k + 1, "CASE") || is(k + 1, "LOOP") || is(k + 1, "WHILE")
                        || is(k + 1, "REPEAT") || is(k + 1, "FOR"))) {
                    k++; // END IF, END LOOP…: the word closes, it does not open
                }
                if (depth > 0) {
                    depth--;
                    bodyDone |= depth == 0 && routine;
                }
                continue;
            }
            if (atStart || header) {
                byte block = 0;
                if (is(k, "IF") && !(header && ifExistsClause(k))) {
                    block = IF;
                } else if (is(k, "CASE")) {
                    block = CASE_STATEMENT;
                } else if (is(k, "LOOP") || is(k, "REPEAT")) {
                    block = LOOP;
                    start = true;
                } else if (is(k, "WHILE") || (is(k, "FOR") && is(k + 2, "IN"))) {
                    block = LOOP; // its statements follow DO
                }
                if (block != 0) {
                    open = push(open, depth++, block);
                    continue;
                }
            }
            if (is(k, "CASE")) {
                open = push(open, depth++, CASE_EXPRESSION);
            } else if (is(k, "THEN") || is(k, "ELSE") || (is(k, "DO") && !atStart)) {
                start = true; // inside a CASE expression the check of atStart keeps this an expression
            }
        }
        add(parts, partStart, s.length());
        return parts;
    }

    /**
     * Whether the CREATE or ALTER from {@code k} on makes a stored program: its object word comes
     * after OR REPLACE, DEFINER = user and AGGREGATE, before any other object's word.
     */
    private boolean createsStoredProgram(int k) {
        for (int j = k; j < n && j < k + 16; j++) {
            if (STORED_PROGRAMS.contains(upper(j))) {
                return true;
            }
            if (s.charAt(from[j]) == '(' || OTHER_OBJECTS.contains(upper(j))) {
                return false;
            }
        }
        return false;
    }

    /**
     * In a stored program's header, whether token {@code k} can be where the body begins: after
     * the parameters' {@code )}, a characteristic, the return type, {@code FOR EACH ROW} or DO;
     * not where an expression goes ({@code RETURN IF(…)}, {@code = CASE …}).
     */
    private boolean beforeBody(int k) {
        char p = s.charAt(from[k - 1]);
        if (p == ')' || p == '?') {
            return true;
        }
        return isWord(k - 1) && !BEFORE_EXPRESSION.contains(upper(k - 1));
    }

    /** {@code CREATE PROCEDURE IF NOT EXISTS}, or {@code DROP TABLE IF EXISTS} in an event's body. */
    private boolean ifExistsClause(int k) {
        String before = upper(k - 1);
        return STORED_PROGRAMS.contains(before) || OTHER_OBJECTS.contains(before);
    }

    /** {@code name :} (not {@code @v := 1}) followed by what a label may precede. */
    private boolean isLabel(int k) {
        if (!isWord(k) || k + 2 >= n || s.charAt(from[k + 1]) != ':' || to[k + 1] != from[k + 1] + 1) {
            return false;
        }
        return is(k + 2, "BEGIN") || is(k + 2, "LOOP") || is(k + 2, "WHILE") || is(k + 2, "REPEAT")
                || is(k + 2, "FOR");
    }

    private static byte[] push(byte[] open, int depth, byte kind) {
        byte[] o = depth < open.length ? open : java.util.Arrays.copyOf(open, open.length * 2);
        o[depth] = kind;
        return o;
    }

    private void add(List<String> parts, int start, int end) {
        String p = s.substring(start, end).strip();
        if (!p.isEmpty()) {
            parts.add(p);
        }
    }

    // ---- tokens: words, quoted names and single characters of the normal form ----

    private void tokenize() {
        int len = s.length();
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            int j;
            if (c == ' ') {
                i++;
                continue;
            } else if (c == '`' || c == '"') {
                j = s.indexOf(c, i + 1);
                while (j >= 0 && j + 1 < len && s.charAt(j + 1) == c) {
                    j = s.indexOf(c, j + 2); // a doubled quote inside a name
                }
                j = j < 0 ? len : j + 1;
            } else if (wordChar(c)) {
                j = i + 1;
                while (j < len && wordChar(s.charAt(j))) {
                    j++;
                }
            } else {
                j = i + 1;
            }
            if (n == from.length) {
                from = java.util.Arrays.copyOf(from, n * 2);
                to = java.util.Arrays.copyOf(to, n * 2);
            }
            from[n] = i;
            to[n++] = j;
            i = j;
        }
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@';
    }

    private boolean isWord(int k) {
        return k >= 0 && k < n && Character.isLetter(s.charAt(from[k]));
    }

    private boolean is(int k, String word) {
        return k >= 0 && k < n && to[k] - from[k] == word.length() && s.regionMatches(true, from[k], word, 0, word.length());
    }

    private String upper(int k) {
        return s.substring(from[k], to[k]).toUpperCase(java.util.Locale.ROOT);
    }
}
