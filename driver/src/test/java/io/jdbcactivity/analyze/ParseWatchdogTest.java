package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;

/**
 * The watchdog stops a parse past its deadline, leaves one within it alone, is one daemon thread
 * with the driver's class loader as context, and ends when told (the last publisher ended).
 */
class ParseWatchdogTest {

    /** A text JSqlParser needs a long while for: far above the size budget, so never parsed in production. */
    private static String huge() {
        StringBuilder sql = new StringBuilder("SELECT a FROM t WHERE a IN (");
        for (int i = 0; i < 200_000; i++) {
            sql.append(i == 0 ? "?" : ", b + ?");
        }
        return sql.append(")").toString();
    }

    @Test
    void aParsePastItsDeadlineIsStopped() {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(huge());
        ParseWatchdog.Watch watch = ParseWatchdog.watch(parser, 1); // already due
        try (watch) {
            assertThrows(Exception.class, parser::Statement);
        }
        assertTrue(watch.expired());
        assertTrue(parser.interrupted);
    }

    @Test
    void aParseWithinItsBudgetIsLeftAlone() throws Exception {
        CCJSqlParser parser = CCJSqlParserUtil.newParser("SELECT a FROM t WHERE b = ?");
        ParseWatchdog.Watch watch = ParseWatchdog.watch(parser, 60_000_000_000L);
        try (watch) {
            parser.Statement();
        }
        assertFalse(watch.expired());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jdbc-activity-parse-watchdog"))
                .allMatch(Thread::isDaemon));
    }

    @Test
    void stopEndsTheThreadAndTheNextParseStartsOneAgain() {
        Columns.of("SELECT a FROM t WHERE b = ?");
        ParseWatchdog.stop();
        assertFalse(ParseWatchdog.running());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("jdbc-activity-parse-watchdog") && t.isAlive()), "joined");

        CCJSqlParser parser = CCJSqlParserUtil.newParser(huge());
        ParseWatchdog.Watch watch = ParseWatchdog.watch(parser, 1);
        try (watch) {
            assertThrows(Exception.class, parser::Statement);
        }
        assertTrue(watch.expired(), "a new watchdog stopped it");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jdbc-activity-parse-watchdog"))
                .allMatch(t -> t.getContextClassLoader() == ParseWatchdog.class.getClassLoader()));
    }
}
