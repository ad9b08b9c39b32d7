package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every statement of {@code statements.sql} (MySQL 8.x, every family of the manual's "SQL
 * Statements" chapter, ORM forms, stored programs, JDBC escapes and nasty cases) through the
 * analysis the publisher uses and checks the command, the class and the tables with their access;
 * where the entry says so, also how many statements the text is ({@code statements=}), the object
 * it names ({@code object=TYPE:name}) and the quote rule it is read with ({@code rule=}).
 */
class StatementCorpusTest {
    record Entry(int line, String sql, String command, String activityClass, String tables, int statements,
            String object, QuoteRule rule) {
    }

    /** Optional fields after {@code tables=}, each {@code " name=value"}. */
    private static final List<String> EXTRAS = List.of(" statements=", " object=", " rule=");

    static List<Entry> corpus() throws IOException {
        String text;
        try (InputStream in = StatementCorpusTest.class.getResourceAsStream("statements.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Map<String, String> expect = null;
        int at = 0;
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i <= lines.length; i++) {
            boolean header = i < lines.length && lines[i].startsWith("-- @ ");
            if ((header || i == lines.length) && expect != null) {
                String s = sql.toString().strip();
                entries.add(new Entry(at, s, expect.get("command"), expect.get("class"), expect.get("tables"),
                        Integer.parseInt(expect.getOrDefault("statements", "1")), expect.get("object"),
                        QuoteRule.valueOf(expect.getOrDefault("rule", "MYSQL"))));
            }
            if (i == lines.length) {
                break;
            }
            if (header) {
                expect = new HashMap<>();
                // command names contain spaces: fields are split at " class=" and " tables="
                String h = lines[i].substring(5);
                int c = h.indexOf(" class=");
                int t = h.indexOf(" tables=");
                int extras = h.length();
                for (String x : EXTRAS) {
                    int at2 = h.indexOf(x, t);
                    if (at2 >= 0) {
                        extras = Math.min(extras, at2);
                        int stop = h.indexOf(' ', at2 + 1);
                        expect.put(x.substring(1, x.length() - 1), h.substring(at2 + x.length(), stop < 0 ? h.length() : stop));
                    }
                }
                expect.put("command", h.substring("command=".length(), c));
                expect.put("class", h.substring(c + 7, t));
                expect.put("tables", h.substring(t + 8, extras).strip());
                at = i + 2;
                sql.setLength(0);
            } else if (expect != null && !lines[i].startsWith("-- =====")) {
                sql.append(lines[i]).append('\n');
            }
        }
        return entries;
    }

    @TestFactory
    Stream<DynamicTest> everyStatementIsUnderstood() throws IOException {
        List<Entry> entries = corpus();
        assertTrue(entries.size() >= 250, "the corpus has " + entries.size() + " statements");
        return entries.stream().map(e -> DynamicTest.dynamicTest("line " + e.line + ": " + e.sql.lines().findFirst()
                .orElse(""), () -> {
                    Analysis a = SqlAnalyzer.analyzeUncached(e.sql, e.rule);
                    Analysis.Statement s = a.statements().get(0);
                    String where = "line " + e.line + ": " + e.sql;
                    assertEquals(e.statements, a.statements().size(), where + "\n" + a.statements().stream()
                            .map(Analysis.Statement::normalized).collect(Collectors.joining("\n")));
                    assertEquals(e.command, s.command(), where);
                    assertEquals(e.activityClass, s.activityClass(), where);
                    List<String> expected = e.tables.equals("-") ? List.of()
                            : Arrays.stream(e.tables.split(",(?=[^,]+:[A-Z]+)")).sorted().toList();
                    List<String> actual = s.tables().stream().map(t -> t.name() + ":" + t.access()).sorted()
                            .collect(Collectors.toList());
                    assertEquals(expected, actual, where);
                    if (e.object != null) {
                        assertEquals(e.object, s.objectType() + ":" + s.objectName(), where);
                    }
                }));
    }
}
