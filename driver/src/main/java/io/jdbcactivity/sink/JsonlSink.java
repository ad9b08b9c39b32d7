package io.jdbcactivity.sink;

import io.jdbcactivity.event.EncodedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code activity.sink=jsonl}: one event per line, appended to a file or written to standard
 * output ({@code -}). The file is opened when the publisher starts, so an unwritable path is an
 * error at the first connect (the user asked for a file and would otherwise lose the audit trail
 * silently); a write failing later is logged and counted instead.
 *
 * <p>Lines gather in a buffer of this sink's own and reach the file as whole lines, every 50 ms or
 * 64 KiB (see {@link JsonlFile}: one writer per path in the JVM). An event counts as delivered
 * once the operating system has its bytes — a process killed then loses nothing of it — and as
 * lost if that write fails.
 */
public final class JsonlSink implements Sink {
    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");
    private static final long FLUSH_INTERVAL_NANOS = 50_000_000L;
    private static final int FLUSH_BYTES = 64 * 1024;

    private final JsonlFile file;
    private byte[] buffer = new byte[FLUSH_BYTES + 8192];
    private int length;
    private int events;
    private int producerEvents;
    private SinkCounters counters = new SinkCounters();
    private long lastFlushNanos;
    private boolean warned;
    private boolean closed;

    private JsonlSink(JsonlFile file) {
        this.file = file;
    }

    /** Opens (creating, appending) the file, or standard output for {@code -}. */
    public static JsonlSink open(String path) throws IOException {
        return new JsonlSink("-".equals(path) ? JsonlFile.standardOutput() : JsonlFile.acquire(Path.of(path)));
    }

    @Override
    public void bind(SinkCounters counters) {
        this.counters = counters;
    }

    @Override
    public boolean write(EncodedEvent event, String partitionKey) throws IOException {
        return append(event, false);
    }

    @Override
    public boolean writeControl(EncodedEvent event, String partitionKey) throws IOException {
        return append(event, true);
    }

    private boolean append(EncodedEvent event, boolean producer) throws IOException {
        if (closed) {
            throw new IOException("the jsonl sink of " + file.describe() + " is closed");
        }
        int n = event.length();
        if (length + n + 1 > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n + 1));
        }
        System.arraycopy(event.bytes(), 0, buffer, length, n);
        length += n;
        buffer[length++] = '\n';
        counters.taken(1, producer);
        if (producer) {
            producerEvents++;
        } else {
            events++;
        }
        counters.bufferedBytes = length;
        if (length >= FLUSH_BYTES) {
            writeOut();
        }
        return true;
    }

    /** Readers see events within about 50 ms, without a system call per event. */
    @Override
    public void tick(long nowNanos) {
        if (length > 0 && nowNanos - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
            writeOut();
            lastFlushNanos = nowNanos;
        }
    }

    @Override
    public long nanosUntilDue(long nowNanos) {
        return length == 0 ? Long.MAX_VALUE : FLUSH_INTERVAL_NANOS - (nowNanos - lastFlushNanos);
    }

    @Override
    public void flush() {
        writeOut();
    }

    @Override
    public boolean idle() {
        return length == 0;
    }

    /** Hands the buffered lines to the operating system; a failed write loses them, counted and logged once. */
    private void writeOut() {
        if (length == 0) {
            return;
        }
        try {
            file.append(buffer, length);
            counters.delivered(events, false);
            counters.delivered(producerEvents, true);
        } catch (IOException e) {
            String why = "cannot write " + file.describe() + ": " + e.getMessage();
            counters.lost(events, false, why);
            counters.lost(producerEvents, true, why);
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "jdbc-activity: " + why
                        + "; events are lost and counted (further failures are counted silently)", e);
            }
        }
        length = 0;
        events = 0;
        producerEvents = 0;
        counters.bufferedBytes = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        writeOut();
        closed = true;
        file.release();
    }

    @Override
    public String describe() {
        return "jsonl:" + file.describe();
    }
}
