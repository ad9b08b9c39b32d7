package io.jdbcactivity.capture;

import java.sql.Statement;

/**
 * What a batch's update counts leave unsaid, when they leave anything unsaid: entries the driver
 * answered {@link Statement#SUCCESS_NO_INFO} (they ran; their rows are unknown — Connector/J's
 * {@code rewriteBatchedStatements} multi-row INSERT, MariaDB Connector/J's bulk protocol),
 * {@link Statement#EXECUTE_FAILED}, and, when a failed batch's counts stop short, the entries
 * they do not cover. A batch whose counts are all plain numbers keeps none of this (null).
 *
 * @param successNoInfo entries answered SUCCESS_NO_INFO
 * @param executeFailed entries answered EXECUTE_FAILED
 * @param unreported    entries past the end of the counts the driver gave (the failing one and
 *                      those it did not run, when it stopped at a failure)
 */
public record BatchCounts(int successNoInfo, int executeFailed, int unreported) {

    /**
     * Sums {@code counts} into {@code c.rowsAffected} — left unknown (-1) when any entry's rows
     * are — and keeps what they leave unsaid on {@code c.batchCounts}. No allocation unless a
     * count is not a plain number.
     */
    public static void record(Capture c, int[] counts) {
        long total = 0;
        int noInfo = 0;
        int failed = 0;
        for (int n : counts) {
            if (n >= 0) {
                total += n;
            } else if (n == Statement.SUCCESS_NO_INFO) {
                noInfo++;
            } else if (n == Statement.EXECUTE_FAILED) {
                failed++;
            }
        }
        finish(c, counts.length, total, noInfo, failed);
    }

    /** The same for {@code executeLargeBatch}: a long[] and an int[] share no loop without a copy or boxing. */
    public static void record(Capture c, long[] counts) {
        long total = 0;
        int noInfo = 0;
        int failed = 0;
        for (long n : counts) {
            if (n >= 0) {
                total += n;
            } else if (n == Statement.SUCCESS_NO_INFO) {
                noInfo++;
            } else if (n == Statement.EXECUTE_FAILED) {
                failed++;
            }
        }
        finish(c, counts.length, total, noInfo, failed);
    }

    private static void finish(Capture c, int given, long total, int noInfo, int failed) {
        c.rowsAffected = noInfo > 0 ? -1 : total; // a sum over unknowns is no number: never a false 0
        int unreported = c.batchSize > given ? c.batchSize - given : 0;
        if (noInfo > 0 || failed > 0 || unreported > 0) {
            c.batchCounts = new BatchCounts(noInfo, failed, unreported);
        }
    }
}
