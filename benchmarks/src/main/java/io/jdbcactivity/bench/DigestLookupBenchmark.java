package io.jdbcactivity.bench;

import io.jdbcactivity.analyze.DigestCache;
import io.jdbcactivity.analyze.QuoteRule;
import io.jdbcactivity.analyze.SqlAnalyzer;
import java.util.HashSet;
import java.util.Set;
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
 * What protect mode adds to a plain statement's execution on the application thread, apart from
 * the database: the digest of its text from the shared cache and the list's lookup (a hit), and
 * the digest computed (a miss: a text never seen, or one the bounded cache dropped). The same
 * 1,000 texts of one shape as {@link H2PointSelectBenchmark}'s plain variant. Not in the default
 * runs' report (it has no modes): run it by name.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class DigestLookupBenchmark {
    private final String[] texts = new String[H2PointSelectBenchmark.SHAPES];
    private final Set<String> list = new HashSet<>();
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < texts.length; i++) {
            texts[i] = H2PointSelectBenchmark.plainSql(i + 1);
        }
        list.add(SqlAnalyzer.digests(texts[0], QuoteRule.STANDARD)[0]);
    }

    private String text() {
        int i = next++;
        if (next == texts.length) {
            next = 0;
        }
        return texts[i];
    }

    /** Protect mode's check of a text seen before: a cache hit and a set lookup. */
    @Benchmark
    public boolean cachedCheck() {
        String[] digests = DigestCache.shared().digests(text(), QuoteRule.STANDARD);
        for (String d : digests) {
            if (!list.contains(d)) {
                return false;
            }
        }
        return true;
    }

    /** A text's digests computed: normal form, split, SHA-256 (what a miss costs). */
    @Benchmark
    public String[] uncachedDigests() {
        return SqlAnalyzer.digests(text(), QuoteRule.STANDARD);
    }
}
