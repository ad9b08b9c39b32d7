package io.jdbcactivity.sample;

/** A problem the user can fix: printed as one line, without a stack trace, exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
