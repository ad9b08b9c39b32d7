package io.jdbcactivity.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driver error messages can carry the application's data ({@code Duplicate entry 'alice@x' for
 * key 'email'}, H2's echo of the whole SQL with its literals). Before publishing: a quoted span is
 * kept only when the word before it says it names a schema object (table, column, key...),
 * every other quoted span becomes {@code '?'}, and an echoed statement is cut.
 */
final class ErrorMessages {
    private static final Pattern QUOTED = Pattern.compile("(['\"`])(?:\\\\.|(?!\\1).)*+\\1", Pattern.DOTALL);
    private static final Pattern NAMING_WORD = Pattern.compile(
            "(?i)(?:table|column|key|database|schema|index|constraint|function|procedure|view|trigger|user|role"
            + "|sequence|field|variable|object|alias)\\s*$");
    private static final Pattern ECHOED_SQL = Pattern.compile("(?s);\\s*SQL statement:.*?(?=\\s*\\[\\d+-\\d+]\\s*$|$)");

    private ErrorMessages() {
    }

    static String redact(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String m = ECHOED_SQL.matcher(message).replaceFirst("");
        Matcher q = QUOTED.matcher(m);
        StringBuilder out = new StringBuilder(m.length());
        int last = 0;
        while (q.find()) {
            out.append(m, last, q.start());
            boolean names = q.group(1).equals("`") || NAMING_WORD.matcher(m.substring(Math.max(0, q.start() - 24), q.start()))
                    .find();
            if (names) {
                out.append(q.group());
            } else {
                out.append(q.group(1)).append('?').append(q.group(1));
            }
            last = q.end();
        }
        return out.append(m, last, m.length()).toString();
    }
}
