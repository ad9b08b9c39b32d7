package io.jdbcactivity.spool;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Where each frame of a segment starts, and which are done with (acknowledged, evicted as unread or
 * dropped as damaged). Acks arrive in any order; the done prefix is what the watermark persists.
 * Four bytes and a bit per frame: the segment's bytes stay on disk.
 */
final class FrameIndex {
    private int[] offsets = new int[64];
    private int count;
    private final BitSet done = new BitSet();
    private int doneCount;
    /** Frames [0, prefix) are all done. */
    private int prefix;

    void add(int offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = offset;
    }

    int count() {
        return count;
    }

    int offset(int i) {
        return offsets[i];
    }

    /** The index of the frame starting at {@code offset}, or -1. */
    int indexOf(int offset) {
        int i = Arrays.binarySearch(offsets, 0, count, offset);
        return i >= 0 ? i : -1;
    }

    boolean isDone(int i) {
        return done.get(i);
    }

    /** Marks frame {@code i} done; false if it already was. */
    boolean markDone(int i) {
        if (done.get(i)) {
            return false;
        }
        done.set(i);
        doneCount++;
        while (prefix < count && done.get(prefix)) {
            prefix++;
        }
        return true;
    }

    int doneCount() {
        return doneCount;
    }

    boolean allDone() {
        return doneCount == count;
    }

    int prefix() {
        return prefix;
    }

    /** How many frames from index {@code from} on are not done. */
    int notDoneFrom(int from) {
        if (from >= count) {
            return 0;
        }
        return count - from - done.get(from, count).cardinality();
    }
}
