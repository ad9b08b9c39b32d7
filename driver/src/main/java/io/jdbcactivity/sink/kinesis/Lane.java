package io.jdbcactivity.sink.kinesis;

/**
 * One connection's way to the stream. A Kinesis shard takes 1 MiB/s and the partition key decides
 * the shard, so a connection whose records pass {@code bytesPerKey} a second is spread over more
 * keys ({@code <connectionId>}, {@code <connectionId>/1}, …, up to {@code maxKeys}), one sealed
 * record after the other: each key keeps its own records in order, and a consumer restores the
 * connection's order from {@code clientAuditFields.sequence} (see the README, "Reading the stream").
 * A connection under the rate keeps its one key, and so its per-shard order.
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

    /** A record of {@code bytes} was sealed: measures the rate, spreads or narrows, moves to the next key. */
    void sealed(int bytes, long nowNanos) {
        windowBytes += bytes;
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= WINDOW_NANOS) {
            long rate = (long) (windowBytes * (1e9 / elapsed));
            int needed = (int) Math.min(keys.length, Math.max(1, (rate + bytesPerKey - 1) / bytesPerKey));
            spread = needed; // fewer keys again once the rate falls: the others drain what they hold
            windowStartNanos = nowNanos;
            windowBytes = 0;
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
