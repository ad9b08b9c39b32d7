package io.jdbcactivity.sink;

import java.io.IOException;

/**
 * Stands in for a sink this build cannot provide (the Kinesis sink until it lands): every write
 * fails, so the publisher counts each event as lost and logs why once. The application keeps
 * working; nothing pretends to deliver.
 */
public final class UnavailableSink implements Sink {
    private final String name;
    private final String reason;

    public UnavailableSink(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    @Override
    public void write(CharSequence eventJson) throws IOException {
        throw new IOException(reason);
    }

    @Override
    public void flush() {
        // nothing was written
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String describe() {
        return name;
    }
}
