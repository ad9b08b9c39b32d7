package io.jdbcactivity.analyze;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * What JSqlParser is given for a statement's normal form: the same columns in a text it parses
 * faster and more often. Lists of placeholders are cut to one (a parse that does not grow with
 * the list, one cache entry for all lengths), JDBC escapes are rewritten as Connector/J sends
 * them, and MySQL words that change no column but JSqlParser 5.4 does not read are left out.
 * Hand-written scans, as in {@link Digest}: regular expressions overflow on long lists.
 */
final class ParserText {
    private ParserText() {
    }

    /**
     * What JSqlParser is given for a normal form (and the analyzer's cache key): lists of
     * placeholders {@link #collapse}d, JDBC escapes as the driver rewrites them ({@code {d ?}}
     * becomes {@code ?}, {@code {oj …}} its join, {@code {escape ?}} {@code ESCAPE ?}), and the
     * MySQL words that change no column but JSqlParser 5.4 does not read ({@code LOCK IN SHARE
     * MODE}, {@code SQL_NO_CACHE}, {@code SQL_CACHE}, {@code HIGH_PRIORITY}) left out.
     */
    static String of(String caseNormalized) {
        String s = collapse(caseNormalized);
        if (s.indexOf('{') >= 0) {
            s = escapes(s);
        }
        for (String w : IGNORED_WORDS) {
            s = withoutWords(s, w);
        }
        return s;
    }

    private static final List<String> IGNORED_WORDS = List.of("LOCK IN SHARE MODE", "SQL_NO_CACHE", "SQL_CACHE",
            "HIGH_PRIORITY");

    /** JDBC escapes rewritten as Connector/J sends them (literals are gone: only {@code ?} remain in them). */
    private static String escapes(String s) {
        StringBuilder out = new StringBuilder(s.length());
        ArrayDeque<Boolean> dropClose = new ArrayDeque<>();
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '`') { // a quoted name: copied as is
                int end = s.indexOf('`', i + 1);
                end = end < 0 ? n - 1 : end;
                out.append(s, i, end + 1);
                i = end;
            } else if (c == '{') {
                int k = i + 1;
                while (k < n && s.charAt(k) == ' ') {
                    k++;
                }
                int w = k;
                while (w < n && Character.isLetter(s.charAt(w))) {
                    w++;
                }
                String kind = s.substring(k, w).toLowerCase(Locale.ROOT);
                int close = s.indexOf('}', w);
                if ((kind.equals("d") || kind.equals("t") || kind.equals("ts")) && close > 0
                        && s.substring(w, close).strip().equals("?")) {
                    out.append('?');
                    i = close;
                } else if (kind.equals("escape")) {
                    out.append("ESCAPE");
                    dropClose.push(true);
                    i = w - 1;
                } else if (kind.equals("oj")) {
                    dropClose.push(true);
                    i = w < n && s.charAt(w) == ' ' ? w : w - 1;
                } else {
                    out.append(c);
                    dropClose.push(false);
                }
            } else if (c == '}' && !dropClose.isEmpty()) {
                if (!dropClose.pop()) {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code s} without the words {@code w} (case-insensitive, whole words) and the space before them. */
    private static String withoutWords(String s, String w) {
        int at = indexOfWord(s, w, 0);
        if (at < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        while (at >= 0) {
            int from = at > 0 && s.charAt(at - 1) == ' ' ? at - 1 : at;
            out.append(s, copied, from);
            copied = at + w.length();
            at = indexOfWord(s, w, copied);
        }
        return out.append(s, copied, s.length()).toString();
    }

    private static int indexOfWord(String s, String w, int from) {
        for (int i = from; i + w.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, w, 0, w.length()) && (i == 0 || !word(s.charAt(i - 1)))
                    && (i + w.length() == s.length() || !word(s.charAt(i + w.length())))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text with every IN list of placeholders cut to {@code IN (?)} and every run of VALUES
     * rows of placeholders to its first row: the same columns, a parse that does not grow with the
     * list (a 5,000-row INSERT parses as a one-row one), and one cache entry for all lengths.
     * A hand-written scan, as in {@link Digest}: regular expressions overflow on long lists.
     */
    static String collapse(String s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c != 'I' && c != 'i' && c != 'V' && c != 'v') || (i > 0 && word(s.charAt(i - 1)))) {
                continue;
            }
            int open;
            boolean rows;
            if (keywordAt(s, i, "IN (")) {
                open = i + 3;
                rows = false;
            } else if (keywordAt(s, i, "VALUES (")) {
                open = i + 7;
                rows = true;
            } else if (keywordAt(s, i, "VALUE (")) {
                open = i + 6;
                rows = true;
            } else {
                continue;
            }
            int end = placeholders(s, open + 1);
            if (end < 0) {
                continue;
            }
            int keep = rows ? end : open + 1;
            int stop = end;
            while (rows) { // further rows: ", (?, …)"
                int next = stop;
                if (next < n && s.charAt(next) == ',') {
                    next++;
                    if (next < n && s.charAt(next) == ' ') {
                        next++;
                    }
                    if (next < n && s.charAt(next) == '(') {
                        int more = placeholders(s, next + 1);
                        if (more > 0) {
                            stop = more;
                            continue;
                        }
                    }
                }
                break;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(s, copied, keep);
            if (!rows) {
                out.append("?)");
            }
            copied = stop;
            i = stop - 1;
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /** End (after the ')') of a list of only '?' from {@code from}, or -1. */
    private static int placeholders(String s, int from) {
        boolean expectItem = true;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '?' && expectItem) {
                expectItem = false;
            } else if (c == ',' && !expectItem) {
                expectItem = true;
            } else if (c == ')' && !expectItem) {
                return i + 1;
            } else if (c != ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean keywordAt(String s, int i, String word) {
        return s.regionMatches(true, i, word, 0, word.length());
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '`';
    }
}
