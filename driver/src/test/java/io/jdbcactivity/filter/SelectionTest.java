package io.jdbcactivity.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.analyze.Analysis;
import io.jdbcactivity.analyze.SqlAnalyzer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectionTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    private static Facts facts(String sql, boolean failed, long durationNanos, long transactionId) {
        Analysis.Statement st = ANALYZER.analyze(sql).statements().get(0);
        return new Facts(st.activityClass(), st.command(), st, "app", "shop", failed, durationNanos, false,
                "0123456789abcdef", transactionId);
    }

    private static Facts facts(String sql) {
        return facts(sql, false, 1_000_000, 1);
    }

    @Test
    void excludeTermsLeaveOutWhatTheyMatchAndCountItPerTerm() {
        Selection s = Selection.of(null, "table:flyway_*, command:show", 0, null, null);
        assertEquals(0, s.decide(facts("SELECT * FROM flyway_schema_history")));
        assertEquals(0, s.decide(facts("SELECT * FROM app.FLYWAY_schema_history"))); // schema-qualified, any case
        assertEquals(0, s.decide(facts("SHOW TABLES")));
        assertEquals(1, s.decide(facts("SELECT * FROM orders")));
        assertArrayEquals(new String[] {"include", "exclude table:flyway_*", "exclude command:show", "minDurationMs"},
                s.ruleNames());
        assertArrayEquals(new long[] {0, 2, 1, 0}, s.ruleCounts());
        assertEquals(3, s.filtered());
    }

    @Test
    void includeTermsKeepOnlyWhatMatchesOne() {
        Selection s = Selection.of("class:WRITE, table:orders", null, 0, null, null);
        assertEquals(1, s.decide(facts("UPDATE stock SET qty = 1 WHERE id = 2")));
        assertEquals(1, s.decide(facts("SELECT * FROM orders WHERE id = 1")));
        assertEquals(0, s.decide(facts("SELECT * FROM customer WHERE id = 1")));
        assertEquals(1, s.ruleCounts()[0]);
    }

    @Test
    void userApplicationDigestAndErrorTerms() {
        Facts select = facts("SELECT * FROM customer WHERE id = 1");
        assertEquals(0, Selection.of(null, "user:ap?", 0, null, null).decide(select));
        assertEquals(0, Selection.of(null, "application:SHOP", 0, null, null).decide(select));
        assertEquals(0, Selection.of(null, "digest:" + select.statement().digest(), 0, null, null).decide(select));
        assertEquals(0, Selection.of(null, "error:false", 0, null, null).decide(select));
        assertEquals(1, Selection.of(null, "user:other", 0, null, null).decide(select));
    }

    /** An audit stream cannot be filtered into silence: connection events, failures and risk flags always go. */
    @Test
    void connectionEventsFailuresAndRisksAreNeverLeftOut() {
        Selection s = Selection.of("class:NOTHING", "class:*, command:*, error:true, risk:*", 3_600_000, "WRITE:0,READ:0,MISC:0",
                null);
        assertEquals(1, s.decide(facts("SELECT * FROM orders", true, 0, 1)));
        assertEquals(1, s.decide(facts("DELETE FROM orders"))); // DELETE_WITHOUT_WHERE
        assertEquals(1, s.decide(facts("DROP TABLE orders")));
        assertEquals(1, s.decide(new Facts("MISC", "CONNECT", null, "app", null, false, 0, true, "c", 0)));
        assertEquals(0, s.decide(facts("SELECT * FROM orders")));
        assertEquals(0, s.sampledOut());
    }

    @Test
    void writesOrSlowStatements() {
        Selection s = Selection.of("class:WRITE, slowerThanMs:100", null, 0, null, null);
        assertEquals(1, s.decide(facts("UPDATE stock SET qty = 1 WHERE id = 2", false, 1_000, 1)));
        assertEquals(1, s.decide(facts("SELECT * FROM orders", false, 100_000_000, 1)));
        assertEquals(0, s.decide(facts("SELECT * FROM orders", false, 99_999_999, 1)));
        assertTrue(Selection.problem(null, "slowerThanMs:fast", null, null).contains("milliseconds"));
    }

    @Test
    void eventsFasterThanTheThresholdAreLeftOut() {
        Selection s = Selection.of(null, null, 5, null, null);
        assertEquals(0, s.decide(facts("SELECT 1 FROM orders", false, 4_999_999, 1)));
        assertEquals(1, s.decide(facts("SELECT 1 FROM orders", false, 5_000_000, 1)));
        assertEquals(1, s.ruleCounts()[s.ruleNames().length - 1]);
        assertTrue(Selection.of(null, null, 0, null, null).publishesEverything());
        assertTrue(!s.publishesEverything());
    }

    @Test
    void samplingByTransactionKeepsATransactionWholeAtItsRate() {
        Selection s = Selection.of(null, null, 0, "READ:0.01", null);
        int kept = 0;
        int transactions = 100_000;
        for (long tx = 1; tx <= transactions; tx++) {
            double first = s.decide(facts("SELECT * FROM orders WHERE id = 1", false, 1, tx));
            double second = s.decide(facts("SELECT * FROM customer WHERE id = 2", false, 1, tx));
            assertEquals(first, second, "one transaction's reads are kept or left out together");
            if (first > 0) {
                assertEquals(0.01, first);
                kept++;
            }
        }
        // binomial(100,000, 1 %): mean 1,000, standard deviation 31.5; four of them either side
        assertTrue(kept > 874 && kept < 1126, "kept " + kept);
        assertEquals(2L * (transactions - kept), s.sampledOut());
        assertEquals(1, s.decide(facts("UPDATE stock SET qty = 1 WHERE id = 2", false, 1, 3)), "WRITE not named: all");
        // deterministic: another selection decides the same for the same transaction
        Selection again = Selection.of(null, null, 0, "READ:0.01", "transaction");
        for (long tx = 1; tx <= 1_000; tx++) {
            assertEquals(s.decide(facts("SELECT 1", false, 1, tx)), again.decide(facts("SELECT 1", false, 1, tx)));
        }
    }

    @Test
    void samplingByDigestKeepsOneInEveryNOfEachShape() {
        Selection s = Selection.of(null, null, 0, "READ:0.1", "digest");
        Map<String, Integer> kept = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            for (String sql : new String[] {"SELECT * FROM orders WHERE id = " + i, "SELECT name FROM customer WHERE id = " + i}) {
                double rate = s.decide(facts(sql, false, 1, i));
                if (rate > 0) {
                    assertEquals(0.1, rate);
                    kept.merge(sql.substring(0, 20), 1, Integer::sum);
                }
            }
        }
        assertEquals(Map.of("SELECT * FROM orders", 100, "SELECT name FROM cus", 100), kept);
        assertEquals(1_800, s.sampledOut());
        // a rate that is not 1/n: kept one in round(1/rate), and says the rate it really kept at
        assertEquals(1.0 / 3, Selection.of(null, null, 0, "READ:0.3", "digest").decide(facts("SELECT 1")));
        // a driver call without SQL has no shape: sampled by transaction, at the rate asked
        Selection noShape = Selection.of(null, null, 0, "READ:0.3", "digest");
        for (long tx = 1; tx < 100; tx++) {
            double rate = noShape.decide(new Facts("READ", "METADATA", null, "app", null, false, 1, false, "c", tx));
            assertTrue(rate == 0 || rate == 0.3, "rate " + rate);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"READ", "colour:red", "table:", ":x", "error:maybe"})
    void aTermThatCannotBeReadIsRefusedByName(String term) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Selection.of(null, term, 0, null, null));
        assertTrue(e.getMessage().contains(term.trim()), e::getMessage);
        assertEquals(e.getMessage(), Selection.problem(null, term, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"READ", "READ:x", "READ:1.5", "READ:-0.1", "READ:NaN"})
    void aRateThatCannotBeReadIsRefused(String rates) {
        assertTrue(Selection.problem(null, null, rates, null) != null);
    }
}
