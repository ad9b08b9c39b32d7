package io.jdbcactivity.event;

import java.util.regex.Pattern;

/**
 * The fallback for one line of an error message no known shape fits ({@link ErrorTemplates}):
 * every quoted span ({@code '..'}, {@code ".."}, {@code `..`}) is replaced by {@code ?} whatever
 * it contains, unless the word before it says it names a schema object (table, column, key...)
 * and it holds no quote of its own kind; backquoted spans are identifiers (MariaDB quotes only
 * those so). When the quoting cannot be read with certainty (a quote that neither opens nor
 * closes a span, nor sits inside a word like {@code doesn't}; a span never closed), everything
 * from the first quote on is dropped: one misread boundary could turn a value into "text".
 *
 * <p>Unquoted text is kept, so a message of an unknown shape that prints a value without quotes
 * keeps it; the shapes of the servers' messages that carry values are listed in ErrorTemplates.
 */
final class QuotedSpans {
    /** Marks where the rest of a message was dropped. */
    static final String DROPPED = "…";

    private static final Pattern NAMING_WORD = Pattern.compile(
            "(?i)(?:table|column|key|database|schema|index|constraint|function|procedure|view|trigger|user|role"
            + "|sequence|field|variable|object|alias|relation|type|routine|savepoint|cursor|partition)\\s*$");
    private static final int NAME_MAX = 256;

    private QuotedSpans() {
    }

    static String redact(String line) {
        int n = line.length();
        StringBuilder out = new StringBuilder(n);
        int firstQuote = -1;
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c != '\'' && c != '"' && c != '`') {
                out.append(c);
                i++;
                continue;
            }
            if (c == '\'' && i > 0 && i + 1 < n && Character.isLetter(line.charAt(i - 1))
                    && Character.isLetter(line.charAt(i + 1))) {
                out.append(c); // an apostrophe inside a word: doesn't, can't
                i++;
                continue;
            }
            int outAtQuote = out.length();
            if (firstQuote < 0) {
                firstQuote = outAtQuote;
            }
            int close = i > 0 && isWordChar(line.charAt(i - 1)) ? -1 : closing(line, i, c);
            if (close < 0) {
                out.setLength(firstQuote);
                return out.append(DROPPED).toString();
            }
            String content = line.substring(i + 1, close);
            if (c == '`' || (namingPosition(line, i) && plausibleName(content, c))) {
                out.append(line, i, close + 1);
            } else {
                out.append(c).append('?').append(c);
            }
            i = close + 1;
        }
        return out.toString();
    }

    /**
     * The index of the quote that closes the span opened at {@code open}: the next {@code q} not
     * doubled and not followed by a word character ({@code 'O'Brien'} is one span); -1 if none.
     */
    private static int closing(String s, int open, char q) {
        int n = s.length();
        int j = open + 1;
        while (j < n) {
            if (s.charAt(j) == q) {
                if (j + 1 < n && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                if (j + 1 == n || !isWordChar(s.charAt(j + 1))) {
                    return j;
                }
            }
            j++;
        }
        return -1;
    }

    private static boolean namingPosition(String s, int quote) {
        return NAMING_WORD.matcher(s.substring(Math.max(0, quote - 24), quote)).find();
    }

    private static boolean plausibleName(String content, char q) {
        return content.length() <= NAME_MAX && content.indexOf(q) < 0 && content.indexOf('\n') < 0;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
