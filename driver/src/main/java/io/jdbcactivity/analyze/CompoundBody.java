package io.jdbcactivity.analyze;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a compound statement sent as such does when it runs (MariaDB's {@code BEGIN NOT ATOMIC …
 * END}, a top-level IF, LOOP, WHILE, …): the tables and risks of the statements inside it, which
 * run now (unlike a stored program's body, which runs when called). Each statement between
 * semicolons is read after its control words: labels, BEGIN, END …, ELSE, the conditions of IF,
 * ELSEIF, WHEN, WHILE, FOR and UNTIL (whose subqueries are read), DECLARE (a cursor's SELECT is
 * read; a handler's statement is analysed).
 */
final class CompoundBody {
    private static final Set<String> HANDLER_CONDITIONS = Set.of("SQLEXCEPTION", "SQLWARNING", "NOT", "FOUND",
            "SQLSTATE", "VALUE", "?", ",");

    final LinkedHashSet<TableAccess> tables = new LinkedHashSet<>();
    final LinkedHashSet<String> risks = new LinkedHashSet<>();

    /** The effect of the compound statement with these tokens ({@link Tables#tokenize}). */
    static CompoundBody of(List<String> t) {
        CompoundBody body = new CompoundBody();
        int start = 0;
        for (int k = 0; k <= t.size(); k++) {
            if (k == t.size() || t.get(k).equals(";")) {
                body.statement(t.subList(start, k));
                start = k + 1;
            }
        }
        return body;
    }

    private void statement(List<String> s) {
        int i = 0;
        while (i < s.size()) {
            String w = upper(s, i);
            if (i + 1 < s.size() && s.get(i + 1).equals(":") && Character.isLetter(s.get(i).charAt(0))) {
                i += 2; // a label
                continue;
            }
            switch (w) {
                case "BEGIN" -> i += upper(s, i + 1).equals("NOT") ? 3 : 1;
                case "ELSE", "LOOP", "REPEAT" -> i++;
                case "END" -> {
                    return; // END [IF|LOOP|…] [label]
                }
                case "IF", "ELSEIF", "WHEN", "WHILE", "FOR", "CASE" -> {
                    String ends = w.equals("WHILE") || w.equals("FOR") ? "DO" : w.equals("CASE") ? "WHEN" : "THEN";
                    int end = find(s, ends, i + 1);
                    reads(s.subList(i + 1, end < 0 ? s.size() : end));
                    if (end < 0) {
                        return;
                    }
                    i = w.equals("CASE") ? end : end + 1;
                }
                case "UNTIL" -> {
                    reads(s.subList(i + 1, s.size()));
                    return;
                }
                case "DECLARE" -> {
                    int cursor = find(s, "CURSOR", i);
                    int handler = find(s, "HANDLER", i);
                    if (cursor >= 0 && find(s, "FOR", cursor) >= 0) {
                        i = find(s, "FOR", cursor) + 1; // DECLARE c CURSOR FOR SELECT …
                    } else if (handler >= 0 && find(s, "FOR", handler) >= 0) {
                        i = find(s, "FOR", handler) + 1;
                        while (i < s.size() && HANDLER_CONDITIONS.contains(upper(s, i))) {
                            i++; // the conditions; then the handler's own statement
                        }
                    } else {
                        return; // a variable or a condition: nothing runs
                    }
                }
                default -> {
                    runs(s.subList(i, s.size()));
                    return;
                }
            }
        }
    }

    /** A statement that runs: its tables and its risks. */
    private void runs(List<String> s) {
        Commands.Classified k = Commands.classify(s);
        tables.addAll(Tables.of(k.command(), s));
        risks.addAll(Risks.of(k.command(), k.activityClass(), String.join(" ", s).toUpperCase(Locale.ROOT)));
    }

    /** A condition: the tables its subqueries read. */
    private void reads(List<String> s) {
        tables.addAll(Tables.of("SELECT", s));
    }

    private static int find(List<String> s, String word, int from) {
        for (int k = Math.max(0, from); k < s.size(); k++) {
            if (s.get(k).equalsIgnoreCase(word)) {
                return k;
            }
        }
        return -1;
    }

    private static String upper(List<String> s, int i) {
        return i < s.size() ? s.get(i).toUpperCase(Locale.ROOT) : "";
    }
}
