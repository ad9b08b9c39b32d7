package io.jdbcactivity.allowlist;

import io.jdbcactivity.analyze.DigestCache;
import io.jdbcactivity.analyze.QuoteRule;
import java.sql.SQLSyntaxErrorException;
import java.util.Set;

/**
 * The statement shapes an application is known to run ({@code activity.allowlist}), by digest,
 * and what to do with one it does not list ({@code activity.allowlist.mode}). Immutable and shared
 * by every connection configured with the same list; read by application threads (protect mode)
 * and the publisher (the risk {@code UNLISTED_STATEMENT}).
 */
public final class Allowlist {
    /** The risk flag of a statement whose digest the list does not hold. */
    public static final String UNLISTED_STATEMENT = "UNLISTED_STATEMENT";
    /**
     * SQLState of a refusal: class 42, "syntax error or access rule violation", as MySQL Enterprise
     * Firewall's own refusal; JDBC maps the class to {@link SQLSyntaxErrorException}.
     */
    public static final String REFUSED_SQL_STATE = "42000";
    /**
     * Stands for a digest that cannot be computed: a text longer than the analysed head
     * ({@code SqlText.MAX_ANALYSED_CHARS}), whose tail could hold anything, or a text whose analysis
     * failed. Never listed, so protect mode refuses such texts (it refuses what it cannot check).
     */
    public static final String UNCHECKABLE = io.jdbcactivity.analyze.SqlAnalyzer.UNCHECKABLE_DIGEST;

    private final Set<String> digests;
    private final boolean protect;
    /** Where the list was read from, as configured: said in every refusal. */
    private final String location;

    Allowlist(Set<String> digests, boolean protect, String location) {
        this.digests = digests;
        this.protect = protect;
        this.location = location;
    }

    /** Whether unlisted statements are refused ({@code protect}) rather than only flagged ({@code detect}). */
    public boolean protect() {
        return protect;
    }

    public boolean contains(String digest) {
        return digests.contains(digest);
    }

    public int size() {
        return digests.size();
    }

    /** The first of {@code digests} not listed, or null when all are. */
    public String firstUnlisted(String[] statementDigests) {
        for (String d : statementDigests) {
            if (!digests.contains(d)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The first digest of {@code sql}'s statements not listed, or null when every statement is:
     * what protect mode asks on the application thread before a text runs (cached per text).
     */
    public String firstUnlisted(String sql, QuoteRule rule) {
        return firstUnlisted(DigestCache.shared().digests(sql, rule));
    }

    /**
     * The exception an application receives for a refused statement: it names the list and the
     * digest, never the text (which may hold literals: a password, a card number).
     */
    public SQLSyntaxErrorException refusal(String digest) {
        if (UNCHECKABLE.equals(digest)) {
            return new SQLSyntaxErrorException("jdbc-activity's allowlist (activity.allowlist=" + location
                    + ", activity.allowlist.mode=protect) cannot check this statement (a text longer than the "
                    + io.jdbcactivity.analyze.SqlText.MAX_ANALYSED_CHARS + " characters it analyses, or one it could "
                    + "not analyse): the statement was refused and not sent to the database", REFUSED_SQL_STATE);
        }
        return new SQLSyntaxErrorException("jdbc-activity's allowlist (activity.allowlist=" + location
                + ", activity.allowlist.mode=protect) does not list statement digest " + digest
                + ": the statement was refused and not sent to the database", REFUSED_SQL_STATE);
    }

    @Override
    public String toString() {
        return "Allowlist[" + location + ", " + digests.size() + " digests, " + (protect ? "protect" : "detect") + "]";
    }
}
