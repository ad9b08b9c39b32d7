package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The digests an application thread computes for protect mode are the publisher's: for every
 * statement of the corpus (each family of MySQL's statements, ORM forms, stored programs with
 * their semicolons, multi-statement texts, every quote rule), one per statement, equal and in
 * order. A difference would refuse a listed statement or let an unlisted one through.
 */
class DigestCacheTest {

    @Test
    void theApplicationThreadsDigestsAreThePublishersOnTheWholeCorpus() throws Exception {
        List<StatementCorpusTest.Entry> corpus = StatementCorpusTest.corpus();
        assertTrue(corpus.size() >= 250);
        DigestCache cache = new DigestCache();
        SqlAnalyzer publisher = new SqlAnalyzer();
        int multi = 0;
        for (StatementCorpusTest.Entry e : corpus) {
            String[] expected = publisher.analyze(e.sql(), e.rule()).statements().stream()
                    .map(Analysis.Statement::digest).toArray(String[]::new);
            assertArrayEquals(expected, cache.digests(e.sql(), e.rule()), "line " + e.line() + ": " + e.sql());
            assertArrayEquals(expected, cache.digests(e.sql(), e.rule()), "cached, line " + e.line());
            multi += expected.length > 1 ? 1 : 0;
        }
        assertTrue(multi >= 5, "the corpus has multi-statement texts: " + multi);
    }

    @Test
    void aHitIsTheSameAnswerAndTheRuleIsPartOfTheKey() {
        DigestCache cache = new DigestCache();
        String sql = "SELECT * FROM t WHERE a = \"x\"";
        String[] first = cache.digests(sql, QuoteRule.MYSQL);
        assertSame(first, cache.digests(sql, QuoteRule.MYSQL));
        // with ANSI_QUOTES "x" is a column, not a literal: another shape
        String[] ansi = cache.digests(sql, QuoteRule.MYSQL_ANSI_QUOTES);
        assertTrue(!first[0].equals(ansi[0]), "a literal and a column are two shapes");
        assertEquals(new SqlAnalyzer().analyze(sql, QuoteRule.MYSQL_ANSI_QUOTES).statements().get(0).digest(), ansi[0]);
    }

    @Test
    void itStaysBoundedWhenEveryTextIsNew() {
        DigestCache cache = new DigestCache();
        for (int i = 0; i < DigestCache.MAX_ENTRIES * 3; i++) {
            cache.digests("SELECT * FROM t WHERE id = " + i, QuoteRule.MYSQL);
        }
        assertTrue(cache.size() <= DigestCache.MAX_ENTRIES, "size " + cache.size());
        String big = "SELECT '" + "x".repeat(SqlAnalyzer.MAX_CACHED_CHARS) + "'";
        int before = cache.size();
        cache.digests(big, QuoteRule.MYSQL);
        assertEquals(before, cache.size(), "a text above the bound is not kept");
    }

    @Test
    void threadsSharingItGetTheSameDigests() throws Exception {
        DigestCache cache = new DigestCache();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = i % 50;
                answers.add(pool.submit(() -> cache.digests("UPDATE t SET a = " + n + " WHERE id IN (1, 2)",
                        QuoteRule.MYSQL)[0]));
            }
            String expected = Digest.of(SqlText.normalize("UPDATE t SET a = 1 WHERE id IN (1, 2)", true,
                    QuoteRule.MYSQL).text());
            for (Future<String> f : answers) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
