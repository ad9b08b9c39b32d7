package io.jdbcactivity.sample.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Duplicates among the recent ids are caught; memory stays bounded by forgetting the oldest. */
class RecentIdsTest {
    @Test
    void aDuplicateIsCaughtAndTheOldestAreForgotten() {
        RecentIds ids = new RecentIds(3);
        assertTrue(ids.firstSeen("a-1"));
        assertFalse(ids.firstSeen("a-1"));
        assertTrue(ids.firstSeen("a-2"));
        assertTrue(ids.firstSeen("a-3"));
        assertTrue(ids.firstSeen("a-4")); // a-1 forgotten: at most 3 kept
        assertFalse(ids.firstSeen("a-2"));
        assertTrue(ids.firstSeen("a-1"));
    }
}
