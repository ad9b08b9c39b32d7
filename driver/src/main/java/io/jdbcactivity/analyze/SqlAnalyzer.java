package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analyses SQL texts on the publisher thread, remembering recent answers: an application runs
 * the same texts again and again (prepared statements always), so most events cost a map lookup.
 * A text's answer depends on the {@link QuoteRule} it is read with, so each rule has a cache of
 * its own (made when first used: one JVM usually talks to one kind of server). Each is bounded in
 * entries and in characters of the texts it keys on; texts above {@link #MAX_CACHED_CHARS} are
 * not cached at all.
 */
public final class SqlAnalyzer {
    static final int MAX_ENTRIES = 4096;
    static final int MAX_CACHED_CHARS = 8 * 1024;
    static final long MAX_CACHE_CHARS = 4L * 1024 * 1024;

    /** One per rule, indexed by its ordinal; an array read, not a map's, keeps a hit free of garbage. */
    private final Cache[] caches = new Cache[QuoteRule.values().length];

    /** The most recently used answers for one rule, bounded in entries and in characters of their keys. */
    private static final class Cache extends LinkedHashMap<String, Analysis> {
        private static final long serialVersionUID = 1L;
        private long cachedChars;

        Cache() {
            super(256, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Analysis> eldest) {
            if (size() > MAX_ENTRIES || cachedChars > MAX_CACHE_CHARS) {
                cachedChars -= eldest.getKey().length();
                return true;
            }
            return false;
        }
    }

    /** Whether an answer for {@code sql} is kept (the same Analysis comes back for the same text while cached). */
    public static boolean keeps(String sql) {
        return sql.length() <= MAX_CACHED_CHARS;
    }

    /** The analysis of {@code sql} as MySQL reads it by default; never null, never throws for any text. */
    public Analysis analyze(String sql) {
        return analyze(sql, QuoteRule.MYSQL);
    }

    /** The analysis of {@code sql} read with the target's quote {@code rule}; never null, never throws. */
    public Analysis analyze(String sql, QuoteRule rule) {
        if (sql.length() > MAX_CACHED_CHARS) {
            return analyzeUncached(sql, rule);
        }
        Cache cache = caches[rule.ordinal()];
        if (cache == null) {
            cache = new Cache();
            caches[rule.ordinal()] = cache;
        }
        Analysis a = cache.get(sql);
        if (a == null) {
            a = analyzeUncached(sql, rule);
            cache.cachedChars += sql.length();
            cache.put(sql, a);
        }
        return a;
    }

    int cacheSize() {
        int size = 0;
        for (Cache c : caches) {
            size += c == null ? 0 : c.size();
        }
        return size;
    }

    static Analysis analyzeUncached(String sql) {
        return analyzeUncached(sql, QuoteRule.MYSQL);
    }

    /**
     * The digest of each statement of {@code sql}, exactly as {@link #analyze(String, QuoteRule)}
     * gives them (the same normal form, split and hash), without the rest of the analysis: what
     * an application thread needs to check a statement against an allowlist before it runs.
     * Stateless, so safe from any thread; not cached here (see {@link DigestCache}).
     */
    public static String[] digests(String sql, QuoteRule rule) {
        String normal = SqlText.normalize(sql, true, rule).text();
        List<String> parts = split(normal);
        if (parts.isEmpty()) {
            return new String[] {Digest.of(normal)}; // as analyzeUncached: a blank text is one statement
        }
        String[] out = new String[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Digest.of(parts.get(i));
        }
        return out;
    }

    static Analysis analyzeUncached(String sql, QuoteRule rule) {
        SqlText.Normalized n = SqlText.normalize(sql, true, rule);
        List<String> parts = split(n.text());
        // the same text with every word in its own case: table names are case-sensitive in MySQL
        List<String> caseParts = split(SqlText.normalize(sql, false, rule).text());
        List<Analysis.Statement> statements = new ArrayList<>(1);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            List<String> tokens = Tables.tokenize(i < caseParts.size() ? caseParts.get(i) : part);
            statements.add(statement(part, tokens));
        }
        if (statements.isEmpty()) {
            statements.add(new Analysis.Statement("UNKNOWN", "MISC", n.text(), Digest.of(n.text()), List.of(),
                    List.of()));
        }
        return new Analysis(List.copyOf(statements), n.truncated());
    }

    private static Analysis.Statement statement(String normalized, List<String> tokens) {
        Commands.Classified k = Commands.classify(tokens);
        String digest = Digest.of(normalized);
        if (k.command().equals(Commands.COMPOUND)) {
            // an anonymous block runs now: it touches what the statements inside it touch
            CompoundBody body = CompoundBody.of(tokens);
            return new Analysis.Statement(k.command(), k.activityClass(), normalized, digest,
                    List.copyOf(body.risks), List.copyOf(body.tables));
        }
        List<TableAccess> tables = Tables.of(k.command(), tokens);
        List<String> risks = Risks.of(k.command(), k.activityClass(), normalized);
        Routines.Routine routine = Routines.of(k.command(), tokens);
        if (routine != null) {
            return new Analysis.Statement(k.command(), k.activityClass(), normalized, digest, risks, tables,
                    routine.type(), routine.name());
        }
        return new Analysis.Statement(k.command(), k.activityClass(), normalized, digest, risks, tables);
    }

    /**
     * The statements of a normal form: split where the server splits them, at semicolons outside
     * compound statements (see {@link Statements}; literals are gone already).
     */
    static List<String> split(String normalized) {
        return Statements.split(normalized);
    }
}
