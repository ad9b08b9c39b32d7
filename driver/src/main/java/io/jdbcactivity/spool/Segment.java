package io.jdbcactivity.spool;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * One segment file: {@code seg-<16 hex>.log}. Its {@link RandomAccessFile} is java.io on purpose:
 * unlike a {@code FileChannel}, an interrupt of the publisher thread (the publisher interrupts a
 * thread that overruns its stop) neither aborts a write nor closes the file under the spool.
 */
final class Segment {
    /** The file-name number: unique and increasing within its owner's directory. */
    final long number;
    /** Orders every segment of one spool instance in reading order; the high half of a position. */
    final int id;
    final Path path;
    final OwnerDirectory owner;
    final RandomAccessFile file;
    final FrameIndex frames = new FrameIndex();
    /** Bytes appended, including those still in the write buffer (for the segment being written). */
    long bytes;
    /** Bytes on the file. */
    long written;
    /** No frame will be appended any more. */
    boolean sealed;
    /** Written since the last fsync. */
    boolean dirty;
    /** A failed write may have left bytes after {@link #written}: cut them before writing again. */
    boolean truncatePending;

    Segment(long number, int id, Path path, OwnerDirectory owner, RandomAccessFile file) {
        this.number = number;
        this.id = id;
        this.path = path;
        this.owner = owner;
        this.file = file;
    }

    static String fileName(long number) {
        return String.format("seg-%016x.log", number);
    }

    /** The number in a segment file name, or -1 if the name is not one. */
    static long parseNumber(String fileName) {
        if (fileName.length() != 24 || !fileName.startsWith("seg-") || !fileName.endsWith(".log")) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(fileName.substring(4, 20), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static long position(int id, long offset) {
        return (long) id << 32 | offset;
    }

    /** The offset of the first frame not done, or the end: what the watermark records for this segment. */
    long doneUpTo() {
        int p = frames.prefix();
        return p < frames.count() ? frames.offset(p) : bytes;
    }

    void closeQuietly() {
        try {
            file.close();
        } catch (IOException ignored) {
            // closing a read or a fully written file: nothing left to lose
        }
    }
}
