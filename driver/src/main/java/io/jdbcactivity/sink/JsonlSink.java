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
    private final String target;
    private final Writer out;
    private final boolean ownsStream;

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
    public void write(CharSequence eventJson) throws IOException {
        out.append(eventJson).append('\n');
    }

    @Override
    public void flush() throws IOException {
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
