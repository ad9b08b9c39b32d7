package io.jdbcactivity.sink;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code activity.sink=jsonl}: one event per line, appended to a file or written to standard
 * output ({@code -}). The file is opened when the publisher starts, so an unwritable path is an
 * error at the first connect (the user asked for a file and would otherwise lose the audit trail
 * silently); a write failing later is logged and counted by the publisher instead.
 */
public final class JsonlSink implements Sink {
    private static final long FLUSH_INTERVAL_NANOS = 50_000_000L;
    private final String target;
    private final Writer out;
    private char[] chars = new char[4096]; // publisher thread only
    private final boolean ownsStream;
    private SinkCounters counters = new SinkCounters();
    private boolean dirty;
    private long lastFlushNanos;

    private JsonlSink(String target, OutputStream stream, boolean ownsStream) {
        this.target = target;
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        this.ownsStream = ownsStream;
    }

    /** Opens (creating, appending) the file, or standard output for {@code -}. */
    public static JsonlSink open(String path) throws IOException {
        if ("-".equals(path)) {
            return new JsonlSink("standard output", System.out, false);
        }
        Path p = Path.of(path).toAbsolutePath();
        Path dir = p.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("directory " + dir + " does not exist");
        }
        return new JsonlSink(p.toString(), new FileOutputStream(p.toFile(), true), true);
    }

    @Override
    public void bind(SinkCounters counters) {
        this.counters = counters;
    }

    @Override
    public boolean write(CharSequence eventJson, String partitionKey) throws IOException {
        // Writer.append(CharSequence) would copy the encoder's buffer into a String first
        int n = eventJson.length();
        if (chars.length < n + 1) {
            chars = new char[Math.max(n + 1, chars.length * 2)];
        }
        if (eventJson instanceof StringBuilder sb) {
            sb.getChars(0, n, chars, 0);
        } else {
            eventJson.toString().getChars(0, n, chars, 0);
        }
        chars[n] = '\n';
        out.write(chars, 0, n + 1);
        counters.delivered.increment();
        dirty = true;
        return true;
    }

    /** Readers see events within about 50 ms, without a system call per event. */
    @Override
    public void tick(long nowNanos) {
        if (dirty && nowNanos - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
            try {
                flush();
            } catch (IOException e) {
                counters.lastError = "cannot write " + target + ": " + e.getMessage();
            }
            lastFlushNanos = nowNanos;
        }
    }

    @Override
    public void flush() throws IOException {
        dirty = false;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (ownsStream) {
            out.close();
        } else {
            out.flush();
        }
    }

    @Override
    public String describe() {
        return "jsonl:" + target;
    }
}
