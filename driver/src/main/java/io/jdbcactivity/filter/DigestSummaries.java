package io.jdbcactivity.filter;

import io.jdbcactivity.analyze.TableAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code activity.summary.intervalMs}: per interval and per (digest, user, database, application),
 * how often a statement shape ran and how it went — count, errors, rows, total, least and most time,
 * and a latency histogram — so that a stream can carry summaries of everything and single events
 * only for what matters. Every statement event counts, before filters and sampling.
 *
 * <p>The histogram has fixed power-of-two buckets of microseconds (bucket {@code b} holds
 * durations under {@code 2^b} µs, the first everything under 1 µs): 40 counters a shape, no
 * dependency, and histograms of different intervals, producers and hosts merge by adding their
 * counts. HdrHistogram would give finer buckets, but costs a dependency and kilobytes per shape;
 * a factor of two is enough to see which shapes are slow and how their tail looks.
 *
 * <p>Memory is bounded: at most {@code maxKeys} shapes an interval; the events of others go to one
 * {@code other} summary (digest null), whose count says how many they were. Publisher thread only.
 */
public final class DigestSummaries {
    public static final int BUCKETS = 40;

    private final long intervalMillis;
    private final int maxKeys;
    private final Map<Key, Summary> summaries = new LinkedHashMap<>();
    private Summary other;
    private long fromMillis;

    public DigestSummaries(long intervalMillis, int maxKeys, long nowMillis) {
        this.intervalMillis = intervalMillis;
        this.maxKeys = maxKeys;
        this.fromMillis = nowMillis;
    }

    private record Key(String digest, String user, String database, String application) {
    }

    /** One shape's figures over one interval. */
    public static final class Summary {
        private final String digest;
        private final String user;
        private final String database;
        private final String application;
        private final String command;
        private final String activityClass;
        private final String text;
        private final List<TableAccess> tables;
        long count;
        long errors;
        long rowsAffected;
        long rowsReturned;
        long totalNanos;
        long minNanos = Long.MAX_VALUE;
        long maxNanos;
        final long[] buckets = new long[BUCKETS];

        Summary(String digest, String user, String database, String application, String command,
                String activityClass, String text, List<TableAccess> tables) {
            this.digest = digest;
            this.user = user;
            this.database = database;
            this.application = application;
            this.command = command;
            this.activityClass = activityClass;
            this.text = text;
            this.tables = tables;
        }

        void add(Facts f) {
            count++;
            errors += f.statementFailed() ? 1 : 0;
            rowsAffected += Math.max(0, f.rowsAffected());
            rowsReturned += Math.max(0, f.rowsReturned());
            long d = f.durationNanos();
            totalNanos += d;
            minNanos = Math.min(minNanos, d);
            maxNanos = Math.max(maxNanos, d);
            buckets[bucket(d)]++;
        }

        /** The digest; null for the summary of the shapes beyond the bound. */
        public String digest() {
            return digest;
        }

        public String user() {
            return user;
        }

        public String database() {
            return database;
        }

        public String application() {
            return application;
        }

        public String command() {
            return command;
        }

        public String activityClass() {
            return activityClass;
        }

        /** The normal form of the shape (the first seen in the interval); null for "other". */
        public String text() {
            return text;
        }

        public List<TableAccess> tables() {
            return tables;
        }

        public long count() {
            return count;
        }

        public long errors() {
            return errors;
        }

        /** Rows the shape's events affected (events that did not say count 0). */
        public long rowsAffected() {
            return rowsAffected;
        }

        public long rowsReturned() {
            return rowsReturned;
        }

        public long totalNanos() {
            return totalNanos;
        }

        public long minNanos() {
            return count == 0 ? 0 : minNanos;
        }

        public long maxNanos() {
            return maxNanos;
        }

        /** Events per bucket: bucket {@code b} holds durations under {@code 2^b} µs and at least {@code 2^(b-1)}. */
        public long[] buckets() {
            return buckets.clone();
        }
    }

    /** The bucket of a duration: under 1 µs is 0, under 2^b µs (and at least half that) is b. */
    static int bucket(long nanos) {
        long micros = nanos / 1000;
        return micros <= 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(micros));
    }

    /** Counts one statement event. */
    public void add(Facts f) {
        if (f.connection() || f.statement() == null) {
            return; // no shape: connection events and driver calls without SQL
        }
        Key key = new Key(f.statement().digest(), f.user(), f.database(), f.application());
        Summary s = summaries.get(key);
        if (s == null) {
            if (summaries.size() >= maxKeys) {
                if (other == null) {
                    other = new Summary(null, null, null, null, "OTHER", "MISC", null, List.of());
                }
                other.add(f);
                return;
            }
            s = new Summary(key.digest(), key.user(), key.database(), key.application(), f.command(),
                    f.activityClass(), f.statement().normalized(), f.statement().tables());
            summaries.put(key, s);
        }
        s.add(f);
    }

    /** Whether the interval has ended at {@code nowMillis}. */
    public boolean due(long nowMillis) {
        return nowMillis - fromMillis >= intervalMillis;
    }

    /** When the current interval began. */
    public long fromMillis() {
        return fromMillis;
    }

    /** The interval's summaries (the bounded "other" last, if any), and a new interval from {@code nowMillis}. */
    public List<Summary> drain(long nowMillis) {
        List<Summary> out = new ArrayList<>(summaries.values());
        if (other != null) {
            out.add(other);
        }
        summaries.clear();
        other = null;
        fromMillis = nowMillis;
        return out;
    }

    /** Shapes summarised in the current interval (not counting "other"). */
    public int size() {
        return summaries.size();
    }

    @Override
    public String toString() {
        return "DigestSummaries" + Objects.toString(summaries.keySet());
    }
}
