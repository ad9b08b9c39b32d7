package io.jdbcactivity.capture;

import java.util.Arrays;
import java.util.List;

/**
 * The parameters of a prepared statement's batch rows, bounded by what an event can list.
 *
 * <p>With only types kept (the default), the rows of a batch nearly always share one shape, so
 * consecutive rows of the same types are one {@link Run}: a 100-row batch is one run, not 100 sets
 * — less to hold on the application thread, to encode on the publisher's, and to pay for in
 * Kinesis throughput. With values kept every row is a run of its own. At most {@link #MAX_RUNS}
 * runs are kept; later rows are only counted, so a 100,000-row batch with values never keeps
 * 100,000 sets alive while it waits in the queue. Touched by the statement's thread only.
 */
public final class BatchParameters {
    /** Runs an event lists (and a statement keeps); rows beyond them are counted as omitted. */
    public static final int MAX_RUNS = 100;

    /** {@code rows} consecutive batch rows with these parameters. */
    public record Run(Parameters.ParameterSet set, int rows) {
    }

    /** What an execution hands to its capture: immutable. */
    public record Rows(List<Run> runs, int omittedRows) {
    }

    private Parameters.ParameterSet[] sets = new Parameters.ParameterSet[2];
    private int[] rows = new int[2];
    private int runs;
    private int omitted;

    /** One more batch row with these parameters. */
    public void add(Parameters.ParameterSet row) {
        if (runs > 0 && row.values() == null && sameShape(sets[runs - 1], row)) {
            rows[runs - 1]++;
            return;
        }
        if (runs == MAX_RUNS) {
            omitted++;
            return;
        }
        if (runs == sets.length) {
            sets = Arrays.copyOf(sets, Math.min(MAX_RUNS, runs * 2));
            rows = Arrays.copyOf(rows, sets.length);
        }
        sets[runs] = row;
        rows[runs] = 1;
        runs++;
    }

    private static boolean sameShape(Parameters.ParameterSet a, Parameters.ParameterSet b) {
        // a statement hands out the same set while its types do not change: identity is the usual answer
        return a == b || a.typesOnlyOf(b.types(), b.types().length);
    }

    public boolean isEmpty() {
        return runs == 0 && omitted == 0;
    }

    /** The rows added so far, for a capture. */
    public Rows rows() {
        Run[] copy = new Run[runs];
        for (int i = 0; i < runs; i++) {
            copy[i] = new Run(sets[i], rows[i]);
        }
        return new Rows(List.of(copy), omitted);
    }

    public void clear() {
        Arrays.fill(sets, 0, runs, null);
        runs = 0;
        omitted = 0;
    }
}
