package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analyses SQL texts on the publisher thread, remembering recent answers: an application runs
 * the same texts again and again (prepared statements always), so most events cost a map lookup.
 * The cache is bounded in entries and in characters of the texts it keys on; texts above
 * {@link #MAX_CACHED_CHARS} are not cached at all.
 */
public final class SqlAnalyzer {
    static final int MAX_ENTRIES = 4096;
    static final int MAX_CACHED_CHARS = 8 * 1024;
    static final long MAX_CACHE_CHARS = 4L * 1024 * 1024;

    private long cachedChars;
    private final Map<String, Analysis> cache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Analysis> eldest) {
            if (size() > MAX_ENTRIES || cachedChars > MAX_CACHE_CHARS) {
                cachedChars -= eldest.getKey().length();
                return true;
            }
            return false;
        }
    };

    /** The analysis of {@code sql}; never null, never throws for any text. */
    public Analysis analyze(String sql) {
        if (sql.length() > MAX_CACHED_CHARS) {
            return analyzeUncached(sql);
        }
        Analysis a = cache.get(sql);
        if (a == null) {
            a = analyzeUncached(sql);
            cachedChars += sql.length();
            cache.put(sql, a);
        }
        return a;
    }

    int cacheSize() {
        return cache.size();
    }

    static Analysis analyzeUncached(String sql) {
        SqlText.Normalized n = SqlText.normalize(sql);
        List<String> parts = split(n.text());
        // the same text with every word in its own case: table names are case-sensitive in MySQL
        List<String> caseParts = split(SqlText.normalize(sql, false).text());
        List<Analysis.Statement> statements = new ArrayList<>(1);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            Commands.Classified k = Commands.classify(part);
            List<TableAccess> tables = i < caseParts.size() ? Tables.of(k.command(), caseParts.get(i)) : List.of();
            statements.add(new Analysis.Statement(k.command(), k.activityClass(), part, Digest.of(part),
                    Risks.of(k.command(), k.activityClass(), part), tables));
        }
        if (statements.isEmpty()) {
            statements.add(new Analysis.Statement("UNKNOWN", "MISC", n.text(), Digest.of(n.text()), List.of(),
                    List.of()));
        }
        return new Analysis(List.copyOf(statements), n.truncated());
    }

    /** The statements of a normal form: split at top-level semicolons (literals are gone already). */
    static List<String> split(String normalized) {
        List<String> parts = new ArrayList<>(1);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                add(parts, normalized.substring(start, i));
                start = i + 1;
            }
        }
        add(parts, normalized.substring(start));
        return parts;
    }

    private static void add(List<String> parts, String part) {
        String p = part.strip();
        if (!p.isEmpty()) {
            parts.add(p);
        }
    }
}
