package io.jdbcactivity.analyze;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The stored program a statement calls, creates, changes or drops — what the event names as its
 * {@code objectType}/{@code objectName} instead of a table: {@code CALL p()}, {@code {call
 * db.p(?)}} (PROCEDURE), {@code {? = call f(?)}} (FUNCTION), {@code CREATE|ALTER|DROP
 * PROCEDURE|FUNCTION|TRIGGER|EVENT name}.
 */
final class Routines {
    private static final Set<String> KINDS = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
    private static final Set<String> VERBS = Set.of("CREATE", "ALTER", "DROP");

    private Routines() {
    }

    /** A stored program's kind (PROCEDURE, FUNCTION, TRIGGER, EVENT) and its name as written, schema-qualified when so. */
    record Routine(String type, String name) {
    }

    /** The stored program of a statement's tokens ({@link Tables#tokenize}), or null when it names none. */
    static Routine of(String command, List<String> t) {
        if (command.equals("CALL")) {
            int call = indexOf(t, "CALL", 0);
            // {? = call f(?)} calls a function; CALL and {call p} a procedure
            String type = call >= 2 && t.get(call - 1).equals("=") ? "FUNCTION" : "PROCEDURE";
            String name = name(t, call + 1);
            return name == null ? null : new Routine(type, name);
        }
        int space = command.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String kind = command.substring(space + 1);
        if (!KINDS.contains(kind) || !VERBS.contains(command.substring(0, space))) {
            return null;
        }
        int at = indexOf(t, kind, 1); // after DEFINER = …, OR REPLACE, AGGREGATE
        if (at < 0) {
            return null;
        }
        int i = at + 1;
        if (is(t, i, "IF")) {
            i += is(t, i + 1, "NOT") ? 3 : 2; // IF [NOT] EXISTS
        }
        String name = name(t, i);
        return name == null ? null : new Routine(kind, name);
    }

    /** {@code [schema.]name} at {@code i}, unquoted; null when no name is there. */
    private static String name(List<String> t, int i) {
        if (i >= t.size() || !isName(t.get(i))) {
            return null;
        }
        String name = Tables.unquote(t.get(i));
        if (i + 2 < t.size() && t.get(i + 1).equals(".") && isName(t.get(i + 2))) {
            name = name + "." + Tables.unquote(t.get(i + 2));
        }
        return name;
    }

    private static boolean isName(String tok) {
        char c = tok.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '$' || c == '`' || c == '"';
    }

    private static int indexOf(List<String> t, String word, int from) {
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(List<String> t, int i, String word) {
        return i < t.size() && t.get(i).toUpperCase(Locale.ROOT).equals(word);
    }
}
