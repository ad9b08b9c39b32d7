package io.jdbcactivity.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Types;
import org.junit.jupiter.api.Test;

/** Snapshots are shared between statements only when nothing but equal types is kept. */
class ParametersSnapshotTest {
    private static Parameters with(Parameters.Mode mode, int... types) {
        Parameters p = new Parameters(mode);
        for (int i = 0; i < types.length; i++) {
            p.value(i + 1, types[i], "v" + i);
        }
        return p;
    }

    @Test
    void aStatementPreparedAgainTakesTheSnapshotOfTheSameShape() {
        Parameters.ParameterSet first = with(Parameters.Mode.REDACTED, Types.INTEGER, Types.VARCHAR).snapshot(null);
        Parameters.ParameterSet again = with(Parameters.Mode.REDACTED, Types.INTEGER, Types.VARCHAR).snapshot(first);
        assertSame(first, again);
        assertArrayEquals(new int[] {Types.INTEGER, Types.VARCHAR}, again.types());
    }

    @Test
    void otherTypesOrValuesGetTheirOwn() {
        Parameters.ParameterSet first = with(Parameters.Mode.REDACTED, Types.INTEGER, Types.VARCHAR).snapshot(null);
        assertNotSame(first, with(Parameters.Mode.REDACTED, Types.INTEGER, Types.BIGINT).snapshot(first));
        assertNotSame(first, with(Parameters.Mode.REDACTED, Types.INTEGER).snapshot(first));
        Parameters.ParameterSet full = with(Parameters.Mode.FULL, Types.INTEGER, Types.VARCHAR).snapshot(null);
        Parameters.ParameterSet fullAgain = with(Parameters.Mode.FULL, Types.INTEGER, Types.VARCHAR).snapshot(full);
        assertNotSame(full, fullAgain, "values are never shared");
        assertNotSame(first, with(Parameters.Mode.HASHED, Types.INTEGER, Types.VARCHAR).snapshot(first));
    }
}
