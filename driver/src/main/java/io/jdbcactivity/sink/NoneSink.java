package io.jdbcactivity.sink;

import io.jdbcactivity.event.EncodedEvent;
/**
 * {@code activity.sink=none}: captures are taken and counted, nothing is encoded or written. The
 * publisher counts each capture as delivered (to nowhere, as asked) without calling
 * {@link #write}: see {@link #wantsEvents()}.
 */
public final class NoneSink implements Sink {
    @Override
    public boolean wantsEvents() {
        return false;
    }

    @Override
    public boolean write(EncodedEvent event, String partitionKey) {
        return true; // nothing: see wantsEvents()
    }

    @Override
    public boolean writeControl(EncodedEvent event, String partitionKey) {
        return true;
    }

    @Override
    public void flush() {
        // nothing to flush
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String describe() {
        return "none";
    }
}
