package io.jdbcactivity.config;

/**
 * An option the chosen configuration cannot work without is not set (the {@code kinesis} sink and
 * its stream). SQLState {@code 08001} (unable to establish the connection): no SQL/CLI state names
 * a missing attribute, and the type says why. The message's first line says what to set.
 */
public final class MissingOptionException extends OptionException {
    private static final long serialVersionUID = 1L;

    public MissingOptionException(String message) {
        super(message, "08001");
    }
}
