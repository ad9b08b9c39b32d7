package io.jdbcactivity.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch rows as runs of one shape, bounded. */
class BatchParametersTest {
    private static Parameters.ParameterSet set(Parameters.Mode mode, Object value, int... types) {
        Parameters p = new Parameters(mode);
        for (int i = 0; i < types.length; i++) {
            p.value(i + 1, types[i], value);
        }
        return p.snapshot();
    }

    @Test
    void consecutiveRowsOfOneShapeAreOneRunAndAChangeOfShapeStartsAnother() {
        BatchParameters b = new BatchParameters();
        for (int i = 0; i < 70; i++) {
            b.add(set(Parameters.Mode.REDACTED, null, Types.INTEGER, Types.VARCHAR)); // equal, not identical
        }
        b.add(set(Parameters.Mode.REDACTED, null, Types.INTEGER, Types.NULL));
        b.add(set(Parameters.Mode.REDACTED, null, Types.INTEGER, Types.VARCHAR));
        List<BatchParameters.Run> runs = b.rows().runs();
        assertEquals(List.of(70, 1, 1), runs.stream().map(BatchParameters.Run::rows).toList());
        assertEquals(Types.NULL, runs.get(1).set().types()[1]);
        assertEquals(0, b.rows().omittedRows());
    }

    @Test
    void rowsWithValuesAreKeptOneByOneUpToTheLimitThenCounted() {
        BatchParameters b = new BatchParameters();
        for (int i = 0; i < 250; i++) {
            b.add(set(Parameters.Mode.FULL, i, Types.INTEGER));
        }
        BatchParameters.Rows rows = b.rows();
        assertEquals(BatchParameters.MAX_RUNS, rows.runs().size());
        assertTrue(rows.runs().stream().allMatch(r -> r.rows() == 1));
        assertEquals(99, rows.runs().get(99).set().values()[0]);
        assertEquals(150, rows.omittedRows());
    }

    @Test
    void clearStartsAfresh() {
        BatchParameters b = new BatchParameters();
        b.add(set(Parameters.Mode.REDACTED, null, Types.INTEGER));
        BatchParameters.Rows before = b.rows();
        b.clear();
        assertTrue(b.isEmpty());
        b.add(set(Parameters.Mode.REDACTED, null, Types.BIGINT));
        assertEquals(Types.BIGINT, b.rows().runs().get(0).set().types()[0]);
        assertEquals(Types.INTEGER, before.runs().get(0).set().types()[0], "a capture's rows are its own");
    }
}
