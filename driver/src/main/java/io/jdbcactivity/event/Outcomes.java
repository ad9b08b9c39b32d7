package io.jdbcactivity.event;

import io.jdbcactivity.analyze.Analysis;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.Results;
import java.util.Arrays;
import java.util.List;

/**
 * What each statement of one execution's text did, from the results the application walked
 * ({@link Capture#results}): its own update count, the rows read from its own result sets,
 * whether it failed, or whether it never ran. The application thread records results in order
 * without knowing the text; here they are dealt out to the statements: one result each, except a
 * {@code CALL}, which takes its result sets and then its own update count, and the last statement,
 * which takes whatever is left (so a single statement gets all its results, whatever its command).
 *
 * <p>The server stops a text at its first error, so the statement whose result could not be
 * retrieved failed, the ones before it ran, the ones after it did not. An error while a result
 * set was read is that statement's or, as Connector/J reads ahead at the end of a streaming
 * result set, the next one's: both say the failing statement is unknown, the later ones did not run. When the driver failed
 * the execute call itself before handing over any result — Connector/J and MariaDB Connector/J
 * read a text's results eagerly unless streaming — which statement failed is unknown, and every
 * statement says so rather than guess. Publisher thread only; one instance per encoder, reused.
 * The results' rows are read from the capture, which is never changed once sent.
 */
final class Outcomes {
    enum Status {
        /** Ran, as far as anyone said: no error reached the application for it. */
        RAN,
        /** The statement the error belongs to. */
        FAILED,
        /** After the failed statement: the server never ran it. */
        NOT_RUN,
        /** The text failed, at a statement the driver did not name. */
        FAILED_SOMEWHERE
    }

    private Capture capture;
    private long[] affected = new long[1];
    private long[] returned = new long[1];
    private int[] firstResult = new int[1];
    private int[] resultCount = new int[1];
    private Status[] status = new Status[1];

    /** Works out {@code c}'s outcome per statement (again for each of its events: a few array slots, no garbage). */
    void of(Capture c, List<Analysis.Statement> texts) {
        int n = texts == null ? 1 : Math.max(1, texts.size());
        capture = c;
        if (affected.length < n) {
            affected = new long[n];
            returned = new long[n];
            firstResult = new int[n];
            resultCount = new int[n];
            status = new Status[n];
        }
        Arrays.fill(affected, 0, n, -1);
        Arrays.fill(returned, 0, n, -1);
        Arrays.fill(firstResult, 0, n, 0);
        Arrays.fill(resultCount, 0, n, 0);
        if (c.refused) {
            // protect mode refused the whole text before the server saw any of it: the refusal is each statement's
            Arrays.fill(status, 0, n, Status.FAILED);
            return;
        }
        Results r = c.results;
        if (r == null) {
            // one result at most reached the application: it is the first statement's
            affected[0] = c.rowsAffected;
            returned[0] = c.rowsReturned;
            Status whenFailed = n == 1 ? Status.FAILED : Status.FAILED_SOMEWHERE;
            Arrays.fill(status, 0, n, c.error == null ? Status.RAN : whenFailed);
            return;
        }
        dealOut(c, r, texts, n);
    }

    private void dealOut(Capture c, Results r, List<Analysis.Statement> texts, int n) {
        int next = 0;
        int failedAt = r.failedAt();
        boolean failedSeen = false;
        int candidatesLeft = 0; // after a failed read, the next statement may be the one that failed
        for (int i = 0; i < n; i++) {
            firstResult[i] = next;
            if (failedSeen) {
                status[i] = candidatesLeft-- > 0 ? Status.FAILED_SOMEWHERE : Status.NOT_RUN;
                continue;
            }
            boolean complete; // it got every result it has
            if (i == n - 1) {
                next = r.size(); // the last statement: whatever came is its own (a CALL of any kind, too)
                complete = failedAt != next || r.isFailedReading();
            } else if (texts != null && "CALL".equals(texts.get(i).command())) {
                while (next < r.size() && r.isResultSet(next)) {
                    next++;
                }
                complete = next < r.size();
                next += complete ? 1 : 0; // its own update count closes a CALL's results
            } else {
                complete = next < r.size();
                next += complete ? 1 : 0;
            }
            if (!complete && next == failedAt && !r.isFailedReading()) {
                status[i] = Status.FAILED; // moving to its next result failed
                failedSeen = true;
            } else {
                status[i] = Status.RAN; // or the application stopped walking: what it did not reach is unknown
            }
            resultCount[i] = next - firstResult[i];
            if (r.isFailedReading() && failedAt >= firstResult[i] && failedAt < next) {
                // its own error, or the next statement's that a read-ahead raised
                status[i] = i == n - 1 ? Status.FAILED : Status.FAILED_SOMEWHERE;
                candidatesLeft = 1;
                failedSeen = true;
            }
            long rows = -1;
            for (int j = firstResult[i]; j < next; j++) {
                if (r.isResultSet(j)) {
                    rows = Math.max(0, rows) + r.rowsRead(j, c.rowsReturned);
                } else {
                    affected[i] = r.updateCount(j);
                }
            }
            returned[i] = rows;
        }
        if (failedAt >= 0 && !failedSeen) {
            status[n - 1] = Status.FAILED; // more results than statements found in the text: the error is the last one's
        }
    }

    Status status(int statement) {
        return status[statement - 1];
    }

    boolean failed(int statement) {
        Status s = status[statement - 1];
        return s == Status.FAILED || s == Status.FAILED_SOMEWHERE;
    }

    /** Rows inserted, updated or deleted by this statement; -1 when unknown or none. */
    long affected(int statement) {
        return affected[statement - 1];
    }

    /** Rows the application read from this statement's result sets; -1 when it had none (or they were not walked). */
    long returned(int statement) {
        return returned[statement - 1];
    }

    /** How many result sets this statement produced that the application walked. */
    int resultSets(int statement) {
        Results r = capture.results;
        if (r == null) {
            return returned[statement - 1] >= 0 ? 1 : 0;
        }
        int n = 0;
        for (int j = firstResult[statement - 1], end = j + resultCount[statement - 1]; j < end; j++) {
            n += r.isResultSet(j) ? 1 : 0;
        }
        return n;
    }

    /** Writes the rows read from each of this statement's result sets, in order. */
    void writeResultSets(JsonWriter json, int statement) {
        Results r = capture.results;
        json.beginArray();
        for (int j = firstResult[statement - 1], end = j + resultCount[statement - 1]; j < end; j++) {
            if (r.isResultSet(j)) {
                json.value(r.rowsRead(j, capture.rowsReturned));
            }
        }
        json.endArray();
    }
}
