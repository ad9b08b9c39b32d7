package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The injection signals' two figures, on corpora kept in the repository: benign.sql (SQL that
 * Hibernate emitted, plus jOOQ, MyBatis dynamic SQL with {@code WHERE 1=1}, Spring Data, Spring
 * Batch, Quartz, Flyway, Liquibase, mysqldump and hand-written DAO SQL) must raise no SQLI_ risk
 * at all; injected.sql (public payload families applied to application queries by naive
 * concatenation) must be flagged for at least 95% of its lines. Both figures are printed.
 */
class InjectionCorpusTest {
    private static final String PREFIX = "SQLI_";

    static List<String> corpus(String name) throws IOException {
        try (InputStream in = InjectionCorpusTest.class.getResourceAsStream(name)) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("--")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    static List<String> signals(String sql) {
        List<String> flags = new ArrayList<>();
        for (Analysis.Statement st : SqlAnalyzer.analyzeUncached(sql).statements()) {
            for (String r : st.risks()) {
                if (r.startsWith(PREFIX) && !flags.contains(r)) {
                    flags.add(r);
                }
            }
        }
        return flags;
    }

    @Test
    void benignSqlRaisesNoAlarm() throws IOException {
        List<String> benign = corpus("benign.sql");
        List<String> alarms = new ArrayList<>();
        for (String sql : benign) {
            List<String> f = signals(sql);
            if (!f.isEmpty()) {
                alarms.add(f + " " + sql);
            }
        }
        System.out.printf("injection signals: benign corpus %d statements, %d alarms%n", benign.size(), alarms.size());
        assertTrue(benign.size() >= 300, "at least 300 benign statements: " + benign.size());
        assertEquals(List.of(), alarms, "alarms on benign SQL are defects");
    }

    @Test
    void injectedSqlIsFlagged() throws IOException {
        List<String> injected = corpus("injected.sql");
        List<String> missed = new ArrayList<>();
        Map<String, Integer> byFlag = new TreeMap<>();
        int beyondComments = 0; // flagged by more than the trailing comment most payloads end with
        for (String sql : injected) {
            List<String> f = signals(sql);
            if (f.isEmpty()) {
                missed.add(sql);
            }
            if (f.stream().anyMatch(r -> !r.equals(Injection.COMMENT_TRUNCATION))) {
                beyondComments++;
            }
            f.forEach(r -> byFlag.merge(r, 1, Integer::sum));
        }
        int flagged = injected.size() - missed.size();
        double share = 100.0 * flagged / injected.size();
        System.out.printf("injection signals: injected corpus %d statements, %d flagged (%.1f%%), by flag %s%n",
                injected.size(), flagged, share, byFlag);
        System.out.printf("injection signals: %d (%.1f%%) flagged by a signal other than %s%n", beyondComments,
                100.0 * beyondComments / injected.size(), Injection.COMMENT_TRUNCATION);
        missed.forEach(m -> System.out.println("  missed: " + m));
        assertTrue(injected.size() >= 150, "at least 150 injected statements: " + injected.size());
        assertTrue(share >= 95.0, "flagged " + share + "%, missed: " + missed);
    }

    /**
     * A third benign oracle, written before these signals existed: the resolver's own corpus
     * (every family of MySQL's statements, ORM forms, nasty cases) raises nothing but the
     * {@code SQLI_FILE_WRITE} of its one {@code SELECT … INTO OUTFILE}, which is meant.
     */
    @Test
    void theStatementCorpusRaisesOnlyItsIntoOutfile() throws IOException {
        List<String> raised = new ArrayList<>();
        for (StatementCorpusTest.Entry e : StatementCorpusTest.corpus()) {
            List<String> f = new ArrayList<>();
            for (Analysis.Statement st : SqlAnalyzer.analyzeUncached(e.sql(), e.rule()).statements()) {
                st.risks().stream().filter(r -> r.startsWith(PREFIX) && !f.contains(r)).forEach(f::add);
            }
            if (!f.isEmpty()) {
                raised.add(f + " " + e.sql());
            }
        }
        assertEquals(List.of("[SQLI_FILE_WRITE] SELECT * FROM orders INTO OUTFILE '/tmp/orders.csv'"), raised);
    }
}
