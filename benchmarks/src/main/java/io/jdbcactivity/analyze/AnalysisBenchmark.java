package io.jdbcactivity.analyze;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What SQL analysis costs the publisher per statement: a cache hit (the same text again, what
 * prepared statements always are), and a miss (a text never seen: normal form, command, digest,
 * risks and tables from scratch, and JSqlParser's column-level access of its normal form), and
 * the same miss without the columns (the token resolver alone, what a miss cost before them; also
 * what a new text costs whose normal form's columns are cached). Statements are 1,000 shapes of
 * realistic ORM-style SQL with literals that vary. Average time per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class AnalysisBenchmark {
    private String[] texts;
    private SqlAnalyzer warm;
    private int next;

    @Setup
    public void setUp() {
        texts = new String[1000];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = switch (i % 4) {
                case 0 -> "select o1_0.id,o1_0.total,c1_0.name from orders_" + i + " o1_0 join customer c1_0 on c1_0.id="
                        + "o1_0.customer_id where o1_0.status='PAID' and o1_0.total>" + (i * 7) + " order by o1_0.id desc limit 20";
                case 1 -> "INSERT INTO audit_" + i + " (user_id, action, at) VALUES (" + i + ", 'login', '2026-11-24 06:00:00')";
                case 2 -> "UPDATE stock_" + i + " s JOIN product p ON p.id = s.product_id SET s.qty = s.qty - 1 WHERE p.sku = 'SKU-"
                        + i + "'";
                default -> "WITH recent AS (SELECT * FROM events_" + i + " WHERE ts > " + i + ") SELECT COUNT(*) FROM recent"
                        + " WHERE kind IN (1, 2, 3)";
            };
        }
        warm = new SqlAnalyzer();
        for (String t : texts) {
            warm.analyze(t);
        }
    }

    @Benchmark
    public Analysis cacheHit() {
        String t = texts[next];
        next = (next + 1) % texts.length;
        return warm.analyze(t);
    }

    @Benchmark
    public Analysis cacheMiss() {
        String t = texts[next];
        next = (next + 1) % texts.length;
        return SqlAnalyzer.analyzeUncached(t);
    }

    @Benchmark
    public Analysis cacheMissWithoutColumns() {
        String t = texts[next];
        next = (next + 1) % texts.length;
        return SqlAnalyzer.analyzeUncached(t, QuoteRule.MYSQL, form -> ColumnAccess.NOT_TRIED);
    }
}
