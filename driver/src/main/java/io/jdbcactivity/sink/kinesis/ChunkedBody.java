package io.jdbcactivity.sink.kinesis;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An envelope's bytes while it fills, in chunks from a {@link Pool} (publisher thread only). A
 * record grows to 1 MiB one event at a time: a growing array (ByteArrayOutputStream) copies it
 * about twice on the way and once more at the end — three allocations of the record per record,
 * about 3 KB of garbage per 1 KB event. Chunks are kept and reused instead, and the record's bytes
 * are copied once, into the array that is sent (or only its compressed form is).
 *
 * <p>Chunks start small (many connections each hold an envelope with a few events) and double up
 * to {@link #MAX_CHUNK}, so what a body holds beyond its size is at most about a quarter of it
 * for big bodies and one small chunk for small ones.
 */
final class ChunkedBody {
    static final int MIN_CHUNK = 4 * 1024;
    static final int MAX_CHUNK = 64 * 1024;

    private final Pool pool;
    private byte[][] chunks = new byte[4][];
    private int count;
    /** Bytes used in the last chunk. */
    private int used;
    private int size;

    ChunkedBody(Pool pool) {
        this.pool = pool;
    }

    int size() {
        return size;
    }

    void write(int b) {
        if (count == 0 || used == chunks[count - 1].length) {
            addChunk();
        }
        chunks[count - 1][used++] = (byte) b;
        size++;
    }

    void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (count == 0 || used == chunks[count - 1].length) {
                addChunk();
            }
            byte[] last = chunks[count - 1];
            int n = Math.min(len, last.length - used);
            System.arraycopy(b, off, last, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    private void addChunk() {
        int length = count == 0 ? MIN_CHUNK : Math.min(MAX_CHUNK, chunks[count - 1].length * 2);
        if (count == chunks.length) {
            chunks = Arrays.copyOf(chunks, count * 2);
        }
        chunks[count++] = pool.take(length);
        used = 0;
    }

    /** The bytes, copied once into an array of their exact size. */
    byte[] toArray() {
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int n = i == count - 1 ? used : chunks[i].length;
            System.arraycopy(chunks[i], 0, out, at, n);
            at += n;
        }
        return out;
    }

    /**
     * Feeds every chunk to {@code deflater} (set up, not finished) and {@code crc}, deflating into
     * {@code out} from {@code at}; returns the output, grown if it had to be, and its end in
     * {@code end[0]}.
     */
    byte[] deflateInto(Deflater deflater, CRC32 crc, byte[] out, int at, int[] end) {
        for (int i = 0; i < count; i++) {
            int n = i == count - 1 ? used : chunks[i].length;
            crc.update(chunks[i], 0, n);
            deflater.setInput(chunks[i], 0, n);
            while (!deflater.needsInput()) {
                if (at == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                at += deflater.deflate(out, at, out.length - at);
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            if (at == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            at += deflater.deflate(out, at, out.length - at);
        }
        end[0] = at;
        return out;
    }

    /** Gives the chunks back to the pool; the body is empty afterwards. */
    void release() {
        for (int i = 0; i < count; i++) {
            pool.give(chunks[i]);
            chunks[i] = null;
        }
        count = 0;
        used = 0;
        size = 0;
    }

    /**
     * Chunks free for reuse, by size, up to a bound in bytes; beyond it a released chunk is left
     * to the collector. Busy connections fill and seal their envelopes at about the same pace (a
     * pool spreads the load evenly), so the chunks of many records come back at once and are
     * taken again soon after: the bound is a share of the sink's buffer, not one record. What an
     * idle sink keeps is let go by {@link #trim}.
     */
    static final class Pool {
        private final long maxBytes;
        /** One free list per chunk size: MIN_CHUNK, twice it, … MAX_CHUNK. */
        private final ArrayDeque<byte[]>[] free;
        private long pooledBytes;
        private long takenSinceTrim;

        @SuppressWarnings("unchecked")
        Pool(long maxBytes) {
            this.maxBytes = maxBytes;
            free = new ArrayDeque[Integer.numberOfTrailingZeros(MAX_CHUNK / MIN_CHUNK) + 1];
            for (int i = 0; i < free.length; i++) {
                free[i] = new ArrayDeque<>();
            }
        }

        byte[] take(int length) {
            takenSinceTrim += length;
            byte[] chunk = free[sizeClass(length)].pollFirst();
            if (chunk == null) {
                return new byte[length];
            }
            pooledBytes -= chunk.length;
            return chunk;
        }

        void give(byte[] chunk) {
            if (pooledBytes + chunk.length <= maxBytes) {
                free[sizeClass(chunk.length)].addFirst(chunk);
                pooledBytes += chunk.length;
            }
        }

        /**
         * Called now and then (every second): keeps no more than was taken since the last call, so
         * a sink that went quiet gives its chunks back to the collector.
         */
        void trim() {
            for (int i = free.length - 1; i >= 0 && pooledBytes > takenSinceTrim; i--) {
                while (pooledBytes > takenSinceTrim && !free[i].isEmpty()) {
                    pooledBytes -= free[i].pollLast().length;
                }
            }
            takenSinceTrim = 0;
        }

        long pooledBytes() {
            return pooledBytes;
        }

        private static int sizeClass(int length) {
            return Integer.numberOfTrailingZeros(length / MIN_CHUNK);
        }
    }
}
