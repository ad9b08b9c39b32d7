package io.jdbcactivity.sample.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent event ids seen, at most a fixed number of them. Kinesis delivery is at least
 * once (the driver sends a record again when an answer was lost), so a reader sees some events
 * twice; duplicates arrive close together, which a bounded memory of recent ids catches without
 * growing with the stream.
 */
final class RecentIds {
    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16)) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code id} is seen (among the recent ones); false for a duplicate. */
    boolean firstSeen(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }
}
