package io.jdbcactivity.sink;

import java.io.IOException;

/**
 * Where encoded events go. Called only from the publisher's thread, so implementations need no
 * locking. A sink that throws loses the event it was given (counted by the publisher), never more.
 */
public interface Sink extends AutoCloseable {
    /** False for a sink that discards everything, so the publisher skips analysis and encoding. */
    default boolean wantsEvents() {
        return true;
    }

    /** One event as a JSON object. */
    void write(CharSequence eventJson) throws IOException;

    /** Makes what was written visible (called when the queue runs dry, on flush and on close). */
    void flush() throws IOException;

    @Override
    void close() throws IOException;

    /** For logs and errors: what the sink writes to. */
    String describe();
}
