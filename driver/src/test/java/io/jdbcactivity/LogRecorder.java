package io.jdbcactivity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the driver logs (the {@code io.jdbcactivity} logger, through java.util.logging) while it is open. */
public final class LogRecorder extends Handler implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger("io.jdbcactivity");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecorder() {
        setLevel(Level.ALL);
    }

    public static LogRecorder start() {
        LogRecorder r = new LogRecorder();
        LOGGER.addHandler(r);
        return r;
    }

    /** The messages at WARNING or above, in order. */
    public List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        LOGGER.removeHandler(this);
    }
}
