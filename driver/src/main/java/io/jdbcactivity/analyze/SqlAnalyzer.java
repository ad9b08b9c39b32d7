package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Analyses SQL texts on the publisher thread, remembering recent answers: an application runs
 * the same texts again and again (prepared statements always), so most events cost a map lookup.
 * A text's answer depends on the {@link QuoteRule} it is read with, so each rule has a cache of
 * its own (made when first used: one JVM usually talks to one kind of server). Each is bounded in
 * entries and in characters of the texts it keys on; texts above {@link #MAX_CACHED_CHARS} are
 * not cached at all.
 *
 * <p>Column-level access ({@link Columns}, JSqlParser) is dearer than the rest of the analysis
 * put together, and texts that differ only in their literals share it: it is parsed once per
 * normal form (words in their own case), kept in a cache of its own bounded the same way.
 */
public final class SqlAnalyzer {
    static final int MAX_ENTRIES = 4096;
    static final int MAX_CACHED_CHARS = 8 * 1024;
    static final long MAX_CACHE_CHARS = 4L * 1024 * 1024;

    /** One per rule, indexed by its ordinal; an array read, not a map's, keeps a hit free of garbage. */
    private final Cache[] caches = new Cache[QuoteRule.values().length];
    /** Columns per normal form: several texts (other literals, other IN-list values) share one. */
    private final ColumnCache columns = new ColumnCache();
    private final Function<String, ColumnAccess> columnsOf = this::columns;

    /** The most recently used column answers, bounded in entries and in characters of their keys. */
    private static final class ColumnCache extends LinkedHashMap<String, ColumnAccess> {
        private static final long serialVersionUID = 1L;
        private long cachedChars;

        ColumnCache() {
            super(256, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ColumnAccess> eldest) {
            if (size() > MAX_ENTRIES || cachedChars > MAX_CACHE_CHARS) {
                cachedChars -= eldest.getKey().length();
                return true;
            }
            return false;
        }
    }

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
            return analyzeUncached(sql, rule, columnsOf);
        }
        Cache cache = caches[rule.ordinal()];
        if (cache == null) {
            cache = new Cache();
            caches[rule.ordinal()] = cache;
        }
        Analysis a = cache.get(sql);
        if (a == null) {
            a = analyzeUncached(sql, rule, columnsOf);
            cache.cachedChars += sql.length();
            cache.put(sql, a);
        }
        return a;
    }

    /** The columns of one statement's normal form, parsed once per form while it stays cached. */
    private ColumnAccess columns(String caseNormalized) {
        String form = ParserText.of(caseNormalized); // IN lists and VALUES rows of any length share one
        ColumnAccess c = columns.get(form);
        if (c == null) {
            c = Columns.ofPrepared(form);
            if (form.length() <= Columns.MAX_CHARS) {
                columns.cachedChars += form.length();
                columns.put(form, c);
            }
        }
        return c;
    }

    int columnCacheSize() {
        return columns.size();
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
    /** See {@code Allowlist.UNCHECKABLE}: no list holds it. */
    public static final String UNCHECKABLE_DIGEST = "uncheckable";

    public static String[] digests(String sql, QuoteRule rule) {
        if (sql.length() > SqlText.MAX_ANALYSED_CHARS) {
            // only the head was read: what follows it (a stacked statement, an OR 1=1) has no digest
            return new String[] {UNCHECKABLE_DIGEST};
        }
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
        return analyzeUncached(sql, rule, Columns::of);
    }

    static Analysis analyzeUncached(String sql, QuoteRule rule, Function<String, ColumnAccess> columns) {
        SqlText.Normalized n = SqlText.normalize(sql, true, rule);
        List<String> parts = split(n.text());
        // the same text with every word in its own case: table names are case-sensitive in MySQL
        List<String> caseParts = split(SqlText.normalize(sql, false, rule).text());
        List<Analysis.Statement> statements = new ArrayList<>(1);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String casePart = i < caseParts.size() ? caseParts.get(i) : part;
            List<String> tokens = Tables.tokenize(casePart);
            statements.add(statement(part, casePart, tokens, columns));
        }
        if (statements.isEmpty()) {
            statements.add(new Analysis.Statement("UNKNOWN", "MISC", n.text(), Digest.of(n.text()), List.of(),
                    List.of()));
        }
        withInjectionSignals(sql, rule, statements);
        return new Analysis(List.copyOf(statements), n.truncated());
    }

    /**
     * Adds each statement's injection signals ({@link Injection}) to its risks: they need the raw
     * text's literals and comments, which the normal form no longer has.
     */
    private static void withInjectionSignals(String sql, QuoteRule rule, List<Analysis.Statement> statements) {
        List<List<String>> signals = Injection.of(sql, rule, statements.size());
        for (int i = 0; i < statements.size(); i++) {
            List<String> add = signals.get(i);
            if (add.isEmpty()) {
                continue;
            }
            Analysis.Statement s = statements.get(i);
            List<String> risks = new ArrayList<>(s.risks());
            for (String r : add) {
                if (!risks.contains(r)) {
                    risks.add(r);
                }
            }
            statements.set(i, new Analysis.Statement(s.command(), s.activityClass(), s.normalized(), s.digest(),
                    List.copyOf(risks), s.tables(), s.objectType(), s.objectName(), s.columns()));
        }
    }

    private static Analysis.Statement statement(String normalized, String caseNormalized, List<String> tokens,
            Function<String, ColumnAccess> columnsOf) {
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
        ColumnAccess columns = Columns.wanted(k.command()) ? columnsOf.apply(caseNormalized) : ColumnAccess.NOT_TRIED;
        if (routine != null) {
            return new Analysis.Statement(k.command(), k.activityClass(), normalized, digest, risks, tables,
                    routine.type(), routine.name(), columns);
        }
        TableAccess primary = Tables.primary(tables);
        return new Analysis.Statement(k.command(), k.activityClass(), normalized, digest, risks, tables,
                primary == null ? null : "TABLE", primary == null ? null : primary.name(), columns);
    }

    /**
     * The statements of a normal form: split where the server splits them, at semicolons outside
     * compound statements (see {@link Statements}; literals are gone already).
     */
    static List<String> split(String normalized) {
        return Statements.split(normalized);
    }
}
