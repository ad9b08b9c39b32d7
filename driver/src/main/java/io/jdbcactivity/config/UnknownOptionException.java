package io.jdbcactivity.config;

import java.sql.SQLException;

/** An {@code activity.*} key or value the driver does not understand; SQLState 08001 (unable to connect). */
public final class UnknownOptionException extends SQLException {
    private static final long serialVersionUID = 1L;

    public UnknownOptionException(String message) {
        super(message, "08001");
    }
}
