package io.jdbcactivity.capture;

import java.util.Arrays;

/**
 * The parameters a prepared statement has been given, as {@code activity.parameters} asks:
 * nothing, their SQL types only (the default: no value leaves the process), or their values for
 * hashing or publishing. Lives on the statement and is touched only by the thread using it.
 * In steady state it allocates nothing: a statement re-executed with parameters of the same types
 * hands out the same immutable {@link ParameterSet}.
 */
public final class Parameters {
    /** What {@code activity.parameters} asks for. */
    public enum Mode {
        NONE, REDACTED, HASHED, FULL;

        public static Mode of(String option) {
            return valueOf(option.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final Mode mode;
    // the mode as flags read by every setter: one field load instead of enum comparisons (profiled)
    private final boolean keepsTypes;
    private final boolean keepsValues;
    private int[] types = new int[4];
    private Object[] values;
    private int count;
    private ParameterSet last;
    private boolean changed = true;

    public Parameters(Mode mode) {
        this.mode = mode;
        this.keepsTypes = mode != Mode.NONE;
        this.keepsValues = mode == Mode.HASHED || mode == Mode.FULL;
        if (keepsValues) {
            values = new Object[4];
        }
    }

    public boolean enabled() {
        return keepsTypes;
    }

    /** Whether values are kept (hashed or full): callers box primitives only then. */
    public boolean wantsValues() {
        return keepsValues;
    }

    public Mode mode() {
        return mode;
    }

    /** Parameter {@code index} (from 1) now has SQL type {@code sqlType} ({@link java.sql.Types}). */
    public void type(int index, int sqlType) {
        if (!keepsTypes || index < 1) {
            return;
        }
        if (index > types.length) {
            int size = Math.max(index, types.length * 2);
            types = Arrays.copyOf(types, size);
            if (values != null) {
                values = Arrays.copyOf(values, size);
            }
        }
        if (types[index - 1] != sqlType || index > count) {
            types[index - 1] = sqlType;
            count = Math.max(count, index);
            changed = true;
        }
    }

    /** Type and value of parameter {@code index}, when values are kept. */
    public void value(int index, int sqlType, Object value) {
        type(index, sqlType);
        if (values != null && index >= 1) {
            values[index - 1] = value;
            changed = true;
        }
    }

    public void clear() {
        Arrays.fill(types, 0);
        if (values != null) {
            Arrays.fill(values, null);
        }
        count = 0;
        changed = true;
    }

    /** The parameters as they are now; null when none are kept or none were set. */
    public ParameterSet snapshot() {
        return snapshot(null);
    }

    /**
     * The parameters as they are now, taking {@code recent} (another statement's snapshot) when
     * only types are kept and they are the same: a statement prepared per request then allocates
     * no snapshot of its own once its shape has been seen on the connection.
     */
    public ParameterSet snapshot(ParameterSet recent) {
        if (!keepsTypes || count == 0) {
            return null;
        }
        if (changed || last == null) {
            if (values == null && recent != null && recent.typesOnlyOf(types, count)) {
                last = recent; // immutable: sharing it is safe
            } else {
                last = new ParameterSet(Arrays.copyOf(types, count),
                        values == null ? null : Arrays.copyOf(values, count), mode == Mode.HASHED);
            }
            changed = false;
        }
        return last;
    }

    /** The SQL type a {@code setObject(i, x)} without a type most likely binds. */
    public static int typeOf(Object x) {
        if (x == null) {
            return java.sql.Types.NULL;
        } else if (x instanceof String) {
            return java.sql.Types.VARCHAR;
        } else if (x instanceof Integer || x instanceof Short || x instanceof Byte) {
            return java.sql.Types.INTEGER;
        } else if (x instanceof Long) {
            return java.sql.Types.BIGINT;
        } else if (x instanceof java.math.BigDecimal) {
            return java.sql.Types.DECIMAL;
        } else if (x instanceof Double || x instanceof Float) {
            return java.sql.Types.DOUBLE;
        } else if (x instanceof Boolean) {
            return java.sql.Types.BOOLEAN;
        } else if (x instanceof java.sql.Timestamp || x instanceof java.time.LocalDateTime
                || x instanceof java.time.Instant || x instanceof java.time.OffsetDateTime) {
            return java.sql.Types.TIMESTAMP;
        } else if (x instanceof java.sql.Date || x instanceof java.time.LocalDate) {
            return java.sql.Types.DATE;
        } else if (x instanceof java.sql.Time || x instanceof java.time.LocalTime) {
            return java.sql.Types.TIME;
        } else if (x instanceof byte[]) {
            return java.sql.Types.VARBINARY;
        }
        return java.sql.Types.OTHER;
    }

    public static int typeOf(java.sql.SQLType type) {
        Integer n = type == null ? null : type.getVendorTypeNumber();
        return n == null ? java.sql.Types.OTHER : n;
    }

    /** One execution's (or batch row's) parameters; never changed once made. */
    public record ParameterSet(int[] types, Object[] values, boolean hashed) {
        /**
         * Whether this set keeps types only and they are {@code types[0, count)}: then it can stand
         * for any other set of that shape (it is immutable).
         */
        boolean typesOnlyOf(int[] otherTypes, int count) {
            return values == null && types.length == count && Arrays.equals(types, 0, count, otherTypes, 0, count);
        }
    }
}
