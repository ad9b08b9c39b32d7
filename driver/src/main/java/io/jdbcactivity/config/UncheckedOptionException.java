package io.jdbcactivity.config;

/**
 * An {@link OptionException} found where no checked exception may pass (a sink built on a driver
 * thread, inside the SDK's builders): the code that opened the connection unwraps it, so the
 * application still gets the option's own type and SQLState.
 */
public final class UncheckedOptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UncheckedOptionException(OptionException cause) {
        super(cause.getMessage(), cause);
    }

    public OptionException option() {
        return (OptionException) getCause();
    }
}
