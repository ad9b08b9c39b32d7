package io.jdbcactivity.publish;

/**
 * Where the driver says what it could not say in the stream. Normally the
 * {@code io.jdbcactivity} logger; while the JVM exits, standard error as well as the logger:
 * {@code java.util.logging} resets its handlers in a shutdown hook of its own, which runs at the
 * same time as the driver's, so a loss said only to the logger then could be said to no one.
 */
final class Say {
    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");

    private Say() {
    }

    static void warning(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
        if (Publishers.jvmExiting()) {
            System.err.println("WARNING: " + message);
        }
    }
}
