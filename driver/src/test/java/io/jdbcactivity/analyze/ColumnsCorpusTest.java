package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two independent analyses of the repository's corpus ({@code statements.sql}) checked against
 * each other: every statement JSqlParser parses may name columns only of tables the token resolver
 * found too (or of {@code ?}, the table of ambiguous unqualified columns). Also reports how often
 * JSqlParser fails on the statements it is asked about (those fall back to the resolver).
 */
class ColumnsCorpusTest {

    @Test
    void parsedColumnsBelongToTablesTheResolverFound() throws Exception {
        int tried = 0;
        int parsed = 0;
        List<String> failed = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (StatementCorpusTest.Entry e : StatementCorpusTest.corpus()) {
            for (Analysis.Statement st : SqlAnalyzer.analyzeUncached(e.sql(), e.rule()).statements()) {
                if (!Columns.wanted(st.command())) {
                    continue;
                }
                tried++;
                ColumnAccess c = st.columns();
                if (!c.parsed()) {
                    failed.add("line " + e.line() + " (" + c.reason() + "): " + st.normalized());
                    continue;
                }
                parsed++;
                Set<String> resolved = new HashSet<>();
                for (TableAccess t : st.tables()) {
                    resolved.add(t.name().toLowerCase(Locale.ROOT));
                }
                for (ColumnAccess.TableColumns t : c.tables()) {
                    if (!t.table().equals(Columns.AMBIGUOUS) && !resolved.contains(t.table().toLowerCase(Locale.ROOT))) {
                        disagreements.add("line " + e.line() + ": columns of " + t.table() + " but the resolver found "
                                + st.tables() + ": " + st.normalized());
                    }
                }
            }
        }
        System.out.printf("JSqlParser on the corpus: %d of %d statements with columns to tell failed (%.1f%%)%n",
                failed.size(), tried, 100.0 * failed.size() / tried);
        failed.forEach(f -> System.out.println("  fallback " + f));
        assertTrue(tried > 100, "the corpus has statements to parse: " + tried);
        assertTrue(parsed > tried * 3 / 4, "most parse: " + parsed + " of " + tried);
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    }
}
