package io.jdbcactivity.sink.kinesis;

/**
 * One connection's way to the stream. A key has one record out at a time, so one key carries at
 * most a record (1 MiB of events) per round trip, and a Kinesis shard takes 1 MiB/s, the key
 * deciding the shard. A connection is therefore spread over more keys ({@code <connectionId>},
 * {@code <connectionId>/1}, …, up to {@code maxKeys}), one sealed record after the other, when
 * either limit binds: its records pass {@code bytesPerKey} a second, or a record is sealed full
 * while the one before it is still out — at a 1 s round trip, 2,000 events a second fill a record
 * twice per round trip, gzipped or not. Each key keeps its own records in order, and a consumer
 * restores the connection's order from {@code clientAuditFields.sequence} (docs/reading.md). A
 * connection within both limits keeps its one key, and so its per-shard order.
 */
final class Lane {
    private static final long WINDOW_NANOS = 1_000_000_000L;

    final String connectionKey;
    private final KeyQueue[] keys;
    private final long bytesPerKey;
    private final boolean control;
    private int spread = 1;
    private int current;
    private long windowStartNanos;
    private long windowBytes;
    /** A record was sealed behind one still out in this window: the keys do not keep up. */
    private boolean windowBehind;

    Lane(String connectionKey, boolean control, int maxKeys, long bytesPerKey, long nowNanos) {
        this.connectionKey = connectionKey;
        this.control = control;
        this.keys = new KeyQueue[control ? 1 : Math.max(1, maxKeys)];
        this.bytesPerKey = bytesPerKey;
        this.windowStartNanos = nowNanos;
    }

    /** The key the next event goes to; made on first use. */
    KeyQueue current() {
        KeyQueue k = keys[current];
        if (k == null) {
            k = new KeyQueue(current == 0 ? connectionKey : connectionKey + "/" + current, control, this);
            keys[current] = k;
        }
        return k;
    }

    /**
     * A record of {@code bytes} was sealed; {@code behind}: it must wait for a record of its key
     * still out. Spreads at once when behind, by the rate at the end of each second; narrows by
     * one key a second while neither binds (the other keys drain what they hold); moves on to the
     * next key.
     */
    void sealed(int bytes, long nowNanos, boolean behind) {
        windowBytes += bytes;
        if (behind) {
            windowBehind = true;
            spread = Math.min(keys.length, spread + 1);
        }
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= WINDOW_NANOS) {
            long rate = (long) (windowBytes * (1e9 / elapsed));
            int needed = (int) Math.min(keys.length, Math.max(1, (rate + bytesPerKey - 1) / bytesPerKey));
            spread = windowBehind ? Math.max(spread, needed) : Math.max(needed, spread - 1);
            windowStartNanos = nowNanos;
            windowBytes = 0;
            windowBehind = false;
        }
        current = spread == 1 ? 0 : (current + 1) % spread;
    }

    int spread() {
        return spread;
    }

    /** Forgets a key that has nothing left; true when the lane holds no key any more. */
    boolean forget(KeyQueue k) {
        boolean any = false;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == k) {
                keys[i] = null;
            } else if (keys[i] != null) {
                any = true;
            }
        }
        return !any;
    }
}
