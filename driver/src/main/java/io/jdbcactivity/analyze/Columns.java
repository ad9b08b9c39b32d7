package io.jdbcactivity.analyze;

import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * Column-level access from JSqlParser's syntax tree, which the token resolver ({@link Tables})
 * cannot tell reliably: per table, the columns read (select list, WHERE, JOIN, GROUP BY, HAVING,
 * ORDER BY, subqueries) and written (INSERT's column list, UPDATE's SET targets, ON DUPLICATE KEY
 * UPDATE). Table aliases resolve to their tables, CTEs and derived tables are no tables (their
 * columns are attributed inside their own bodies), {@code *} and {@code t.*} stay {@code *} (no
 * schema lookups). An unqualified column belongs to the only source of its SELECT; with several
 * it is listed under table {@code ?}.
 *
 * <p>Runs on the publisher thread only, over a statement's normal form (literals are {@code ?},
 * which JSqlParser reads as a JDBC parameter), under a size and a time budget
 * ({@link ParseWatchdog}); any failure answers "unknown" and the event keeps the resolver's
 * tables. Thread-safe: each call parses and walks with objects of its own.
 */
public final class Columns {
    /**
     * Longer normal forms are not parsed (a 158 KB INSERT takes JSqlParser 260 ms), counted after
     * IN lists and VALUES rows of placeholders are collapsed ({@link ParserText}).
     */
    public static final int MAX_CHARS = 16 * 1024;
    /**
     * A parse still running after this is stopped. A safety net against pathological texts, not a
     * performance target: a warm parse takes about 0.1 ms, one of a 1,000-item IN list 15–80 ms
     * before the JIT has compiled the parser (measured on this 2-core machine).
     */
    public static final long BUDGET_NANOS = 200_000_000L;
    /** The first parse in the JVM loads and initialises JSqlParser's classes (130–210 ms measured). */
    static final long FIRST_BUDGET_NANOS = 5_000_000_000L;
    private static volatile boolean warm;
    /** At most this many tables, and columns per table, are listed; the rest set the truncated flag. */
    public static final int MAX_TABLES = 64;
    public static final int MAX_COLUMNS = 64;

    /** The table of unqualified columns in a SELECT with several sources. */
    public static final String AMBIGUOUS = "?";

    /** The statement kinds worth a parse: the others have no columns to tell. */
    private static final Set<String> COMMANDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE");

    private Columns() {
    }

    /** Whether a statement with {@code command} is parsed for columns at all. */
    static boolean wanted(String command) {
        return COMMANDS.contains(command);
    }

    /**
     * The columns of one statement's normal form ({@code caseNormalized}: literals gone, words in
     * their own case); never throws.
     */
    public static ColumnAccess of(String caseNormalized) {
        return ofPrepared(ParserText.of(caseNormalized));
    }

    /** {@link #of} for a text prepared by {@link ParserText} already. */
    static ColumnAccess ofPrepared(String prepared) {
        if (prepared.length() > MAX_CHARS) {
            return ColumnAccess.unknown("tooLong");
        }
        CCJSqlParser parser = CCJSqlParserUtil.newParser(prepared);
        ParseWatchdog.Watch watch = ParseWatchdog.watch(parser, warm ? BUDGET_NANOS : FIRST_BUDGET_NANOS);
        Statement statement;
        try (watch) {
            statement = parser.Statement();
        } catch (Exception | StackOverflowError e) {
            return ColumnAccess.unknown(watch.expired() ? "timeout" : "parseError");
        } finally {
            warm = true;
        }
        if (watch.expired()) {
            return ColumnAccess.unknown("timeout");
        }
        try {
            ColumnWalk walk = new ColumnWalk();
            if (!walk.statement(statement)) {
                return ColumnAccess.unknown("parseError");
            }
            return walk.result();
        } catch (RuntimeException | StackOverflowError e) {
            return ColumnAccess.unknown("parseError"); // a tree shape the walk did not expect
        }
    }
}
