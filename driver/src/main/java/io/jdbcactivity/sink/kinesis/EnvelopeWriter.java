package io.jdbcactivity.sink.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds one record's envelope for one partition key:
 * {@code {"type":"ClientActivityMonitoringRecord","version":"1.0","producer":{..},"databaseActivityEventList":[..]}}.
 * Events are appended as UTF-8 bytes until the record limit would be passed. Publisher thread only.
 */
final class EnvelopeWriter {
    static final String VERSION = "1.0";
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);
    /** The gzip member header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final byte[] head;
    private final int gzipLevel;
    /** Reused from record to record (a new one per record costs its 64 KiB+ of native and heap state). */
    private Deflater deflater;
    /** Where records are compressed, kept from record to record; the sent array is a copy of its size. */
    private static final int DEFLATED_BYTES = 64 * 1024;
    private byte[] deflated = new byte[DEFLATED_BYTES];
    private final int[] deflatedEnd = new int[1];
    private final CRC32 crc = new CRC32();
    private final ChunkedBody.Pool chunks;

    /**
     * @param producerJson a JSON object describing this producer
     * @param gzipLevel    0: records are plain JSON; 1–9: gzip at that level
     * @param poolBytes    how many bytes of free chunks are kept for the next envelopes
     */
    EnvelopeWriter(String producerJson, int gzipLevel, long poolBytes) {
        this.chunks = new ChunkedBody.Pool(poolBytes);
        this.head = ("{\"type\":\"ClientActivityMonitoringRecord\",\"version\":\"" + VERSION + "\",\"producer\":"
                + producerJson + ",\"databaseActivityEventList\":[").getBytes(StandardCharsets.UTF_8);
        this.gzipLevel = gzipLevel;
    }

    /** Largest event that fits a record alone under a key of {@code keyBytes} UTF-8 bytes. */
    int maxEventBytes(int keyBytes) {
        return KinesisLimits.MAX_RECORD_BYTES - head.length - TAIL.length - keyBytes;
    }

    /** An envelope being filled. */
    final class Open {
        final KeyQueue key;
        final long bornNanos;
        private final ChunkedBody body = new ChunkedBody(chunks);
        private int events;
        /** The spool's tokens of the events, in order, when they come from a spool; else null. */
        private long[] tokens;

        Open(KeyQueue key, long bornNanos) {
            this.key = key;
            this.bornNanos = bornNanos;
            body.write(head, 0, head.length);
        }

        /**
         * Whether {@code eventBytes} more bytes still fit this record. The limit is checked on the
         * plain JSON, so a gzipped record is never over it either.
         */
        boolean fits(int eventBytes) {
            return body.size() + 1 + eventBytes + TAIL.length + key.partitionKeyBytes
                    <= KinesisLimits.MAX_RECORD_BYTES;
        }

        /** Appends {@code event[0, length)}. */
        void add(byte[] event, int length) {
            if (events > 0) {
                body.write(',');
            }
            body.write(event, 0, length);
            events++;
        }

        /** Appends an event read from the spool, remembering its token for the outcome. */
        void add(byte[] event, int length, long token) {
            if (tokens == null) {
                tokens = new long[16];
            } else if (events == tokens.length) {
                tokens = Arrays.copyOf(tokens, events * 2);
            }
            tokens[events] = token;
            add(event, length);
        }

        int size() {
            return body.size();
        }

        int events() {
            return events;
        }

        boolean spooled() {
            return tokens != null;
        }

        long[] tokens() {
            return Arrays.copyOf(tokens, events);
        }

        /** The record to send; the envelope's chunks go back to the pool. */
        PendingRecord seal() {
            body.write(TAIL, 0, TAIL.length);
            byte[] sent = gzipLevel > 0 ? gzip(body) : null;
            if (sent == null) {
                sent = body.toArray();
            }
            body.release();
            return new PendingRecord(key, sent, events, bornNanos, tokens == null ? null : Arrays.copyOf(tokens, events));
        }

        /** The envelope is given up unsent: its chunks go back to the pool. */
        void discard() {
            body.release();
        }
    }

    /**
     * One gzip member (RFC 1952) of {@code body}, with a reused deflater; null when it would not be
     * smaller than the plain JSON (which is what the record limit was checked on).
     */
    private byte[] gzip(ChunkedBody body) {
        if (deflater == null) {
            deflater = new Deflater(gzipLevel, true);
        }
        deflater.reset();
        crc.reset();
        System.arraycopy(GZIP_HEADER, 0, deflated, 0, GZIP_HEADER.length);
        deflated = body.deflateInto(deflater, crc, deflated, GZIP_HEADER.length, deflatedEnd);
        int end = deflatedEnd[0];
        if (end + 8 >= body.size()) {
            return null;
        }
        byte[] out = Arrays.copyOf(deflated, end + 8);
        if (deflated.length > 4 * DEFLATED_BYTES) {
            deflated = new byte[DEFLATED_BYTES]; // grown for an incompressible record: not kept at that size
        }
        writeIntLe(out, end, (int) crc.getValue());
        writeIntLe(out, end + 4, body.size());
        return out;
    }

    private static void writeIntLe(byte[] out, int at, int v) {
        out[at] = (byte) v;
        out[at + 1] = (byte) (v >>> 8);
        out[at + 2] = (byte) (v >>> 16);
        out[at + 3] = (byte) (v >>> 24);
    }

    /** Lets go of free chunks an idle sink no longer needs (see {@link ChunkedBody.Pool#trim}). */
    void trimPool() {
        chunks.trim();
    }

    /** Frees the deflater's native memory (the sink is closing). */
    void close() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}
