package io.jdbcactivity.analyze;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The statement digests of SQL texts for application threads ({@code activity.allowlist.mode=protect}
 * checks a text before it runs): shared by every connection of the JVM, safe from any thread, and
 * bounded. A hit is one lookup in a {@link ConcurrentHashMap} (no lock, no allocation); a miss
 * normalises and hashes the text ({@link SqlAnalyzer#digests}, a few microseconds) and keeps the
 * answer. One map per quote rule, as in {@link SqlAnalyzer}: a text's digests depend on how its
 * quotes are read.
 *
 * <p>Bounded in entries and in characters of the texts it keys on, by starting over when either
 * bound is passed: an application whose texts carry literals (every text new) would otherwise
 * grow it without end, and a least-recently-used order would cost every hit a write. Texts above
 * {@link SqlAnalyzer#MAX_CACHED_CHARS} are not kept at all.
 */
public final class DigestCache {
    static final int MAX_ENTRIES = 4096;
    static final long MAX_CHARS = 4L * 1024 * 1024;

    private static final DigestCache SHARED = new DigestCache();

    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<String, String[]>[] maps = new ConcurrentHashMap[QuoteRule.values().length];
    private final AtomicLong chars = new AtomicLong();

    DigestCache() {
        for (int i = 0; i < maps.length; i++) {
            maps[i] = new ConcurrentHashMap<>(256);
        }
    }

    /** The cache application threads share. */
    public static DigestCache shared() {
        return SHARED;
    }

    /**
     * The digest of each statement of {@code sql} read with {@code rule}: the same as the
     * publisher's analysis gives. The array is shared: never modify it.
     */
    public String[] digests(String sql, QuoteRule rule) {
        ConcurrentHashMap<String, String[]> map = maps[rule.ordinal()];
        String[] d = map.get(sql);
        if (d != null) {
            return d;
        }
        d = SqlAnalyzer.digests(sql, rule);
        if (SqlAnalyzer.keeps(sql)) {
            if (map.size() >= MAX_ENTRIES || chars.addAndGet(sql.length()) > MAX_CHARS) {
                clear();
                chars.addAndGet(sql.length());
            }
            map.put(sql, d);
        }
        return d;
    }

    /** Texts kept now, over every rule. */
    int size() {
        int n = 0;
        for (ConcurrentHashMap<String, String[]> m : maps) {
            n += m.size();
        }
        return n;
    }

    private void clear() {
        for (ConcurrentHashMap<String, String[]> m : maps) {
            m.clear();
        }
        chars.set(0);
    }
}
