package io.jdbcactivity.config;

/**
 * An {@code activity.*} key the driver does not know, in the URL or the connection properties;
 * SQLState {@code HY092} (SQL/CLI: invalid attribute identifier). The message names the key, where
 * it was found and the nearest valid key. (In system properties, the environment and
 * {@code activity.properties} an unknown key is only a warning: other software may own it.)
 */
public final class UnknownOptionException extends OptionException {
    private static final long serialVersionUID = 1L;

    public UnknownOptionException(String message) {
        super(message, "HY092");
    }
}
