package io.jdbcactivity.publish;

import java.util.HashMap;
import java.util.Map;

/**
 * Per connection, the run of captures the filters or sampling just left out whole, so that the
 * next event published can say so ({@code clientAuditFields.leftOutFrom}): a consumer restoring a
 * connection's order by {@code sequence} then tells a gap made on purpose from a missing event.
 * Only consecutive sequences that all reached the publisher and were all left out form a run, so
 * a run never covers an event that was dropped or lost; when a query's capture comes after later
 * ones (its result set closed last), the run is broken and the consumer sees a gap — a loss
 * claimed that was not one, never the reverse. Publisher thread only; used only when filters or
 * sampling are set.
 */
final class LeftOutRuns {
    /** Connections tracked at most; past it tracking starts again (a run is then said as a gap). */
    static final int MAX_CONNECTIONS = 65_536;

    /** connection id → {last sequence seen, first sequence of the run left out (0: none)}. */
    private final Map<String, long[]> connections = new HashMap<>();

    /** The {@code leftOutFrom} of the capture {@code sequence} about to be published; 0 when none. */
    long before(String connectionId, long sequence) {
        long[] state = connections.get(connectionId);
        return state != null && state[1] != 0 && state[0] == sequence - 1 ? state[1] : 0;
    }

    /**
     * After the capture {@code sequence}: {@code published} whether any event of it was written;
     * {@code closes} whether it ended the connection.
     */
    void after(String connectionId, long sequence, boolean published, boolean closes) {
        if (closes) {
            connections.remove(connectionId);
            return;
        }
        long[] state = connections.get(connectionId);
        if (state == null) {
            if (connections.size() >= MAX_CONNECTIONS) {
                connections.clear();
            }
            state = new long[2];
            connections.put(connectionId, state);
        }
        if (published) {
            state[1] = 0;
        } else if (state[1] == 0 || state[0] != sequence - 1) {
            state[1] = sequence; // a new run (what came before it, if anything is missing, stays a gap)
        }
        state[0] = sequence;
    }

    int size() {
        return connections.size();
    }
}
