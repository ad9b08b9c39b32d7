package io.jdbcactivity.config;

/**
 * A known {@code activity.*} option with a value it does not take: not a number, out of its range,
 * not one of its choices, empty where empty means nothing, a region nobody serves. SQLState
 * {@code HY024} (SQL/CLI: invalid attribute value). The message names the key, the value, where it
 * came from and what is accepted.
 */
public final class InvalidOptionException extends OptionException {
    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message, "HY024");
    }
}
