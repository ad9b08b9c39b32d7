package io.jdbcactivity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A run left out on purpose is claimed only over consecutive sequences that all came and were all left out. */
class LeftOutRunsTest {
    private final LeftOutRuns runs = new LeftOutRuns();

    @Test
    void theEventAfterARunSaysWhereItBegan() {
        runs.after("c", 1, true, false);
        runs.after("c", 2, false, false);
        runs.after("c", 3, false, false);
        assertEquals(2, runs.before("c", 4));
        runs.after("c", 4, true, false);
        assertEquals(0, runs.before("c", 5), "nothing left out since 4");
        assertEquals(0, runs.before("other", 1));
    }

    @Test
    void aSequenceThatNeverCameBreaksTheRun() {
        runs.after("c", 1, true, false);
        runs.after("c", 2, false, false);
        // 3 never came (dropped): the run starts again at 4, and 3 stays a gap for the consumer
        runs.after("c", 4, false, false);
        assertEquals(4, runs.before("c", 5));
        assertEquals(0, runs.before("c", 6), "5 has not come: no claim about it");
    }

    @Test
    void aCaptureThatComesLateBreaksTheRun() {
        runs.after("c", 6, false, false); // 5 is a query whose result set is still open
        runs.after("c", 5, true, false);
        assertEquals(0, runs.before("c", 7), "6 is said as a gap rather than claimed");
    }

    @Test
    void aClosedConnectionIsForgotten() {
        runs.after("c", 1, false, false);
        runs.after("c", 2, true, true);
        assertEquals(0, runs.size());
    }
}
