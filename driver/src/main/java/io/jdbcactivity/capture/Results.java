package io.jdbcactivity.capture;

import java.util.Arrays;

/**
 * The results of one execution that produced more than one — a multi-statement text
 * ({@code allowMultiQueries}), a {@code CALL}'s result sets and its closing update count — in the
 * order the application walked them with {@code getMoreResults}: per update count the count, per
 * result set where the capture's row counter stood when it began (the rows read from it follow
 * from the next one's start, or from the final count). The publisher maps them to the text's
 * statements, which only it knows (see {@code EventEncoder}).
 *
 * <p>A capture gets one only when a second result appears, or when walking to the next one
 * failed: a plain execution allocates nothing more. Filled by the statement's thread until the
 * capture is sent, read by the publisher after.
 */
public final class Results {
    /** Per result: the update count (-1: unknown), or for a result set the rows read before it began. */
    private long[] values = new long[4];
    private boolean[] resultSet = new boolean[4];
    private int size;
    /** The result whose retrieval (or reading) failed, counted from 0 (every one before it was handed over); -1: none. */
    private int failedAt = -1;
    /** The error came while the application read result {@link #failedAt}, not while moving to it. */
    private boolean failedReading;

    /** A capture's results so far: its first result (a result set if it counts rows, else its update count). */
    public static Results startingWith(Capture c) {
        Results r = new Results();
        if (c.rowsReturned >= 0) {
            r.addResultSet(0);
        } else {
            r.addUpdateCount(c.rowsAffected); // -1 if the driver would not say: unknown stays unknown
        }
        return r;
    }

    public void addUpdateCount(long count) {
        add(count, false);
    }

    /** @param rowsReadBefore the capture's {@code rowsReturned} as this result set begins */
    public void addResultSet(long rowsReadBefore) {
        add(rowsReadBefore, true);
    }

    private void add(long value, boolean isResultSet) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            resultSet = Arrays.copyOf(resultSet, size * 2);
        }
        values[size] = value;
        resultSet[size] = isResultSet;
        size++;
    }

    /** Retrieving the next result failed: the results walked so far were all handed over. */
    public void failedAtNext() {
        failedAt = size;
    }

    /**
     * Reading the current (last) result set failed: a streaming read's own error, or the next
     * statement's, which Connector/J raises from the last {@code next()} of a streaming result set.
     */
    public void failedReading() {
        failedAt = size - 1;
        failedReading = true;
    }

    /** Whether the failure came while reading result {@link #failedAt()} rather than moving to it. */
    public boolean isFailedReading() {
        return failedReading;
    }

    public int size() {
        return size;
    }

    /** The index of the result whose retrieval failed, or -1. */
    public int failedAt() {
        return failedAt;
    }

    public boolean isResultSet(int i) {
        return resultSet[i];
    }

    public long updateCount(int i) {
        return values[i];
    }

    /**
     * Rows the application read from result set {@code i}: up to where the next result set began,
     * or for the last one up to {@code totalRows}, the capture's final {@code rowsReturned}.
     */
    public long rowsRead(int i, long totalRows) {
        for (int j = i + 1; j < size; j++) {
            if (resultSet[j]) {
                return values[j] - values[i];
            }
        }
        return Math.max(0, totalRows - values[i]);
    }
}
